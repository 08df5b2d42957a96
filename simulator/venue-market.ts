import { assetBySymbol } from './find-asset.js';
import type { MarketAsset } from './market-assets.js';
import type { SimCandle, SimMarket, SimWindowStats } from './sim-market.js';
import type { SimProviderId } from './sim-provider-id.js';

/** USD per unit of the fiat quotes the simulated venues price in besides USD (mid-2024 orders of magnitude). */
export const FIAT_USD: Readonly<Record<string, number>> = { EUR: 1.08, GBP: 1.27, JPY: 0.0064, AUD: 0.66, CAD: 0.73, CHF: 1.12, CNY: 0.138, KRW: 0.00073, INR: 0.012, BRL: 0.18 };

/** Coins that are quotes too (`ETH/BTC`): priced at the venue's own current price of the quote coin. */
export const CRYPTO_QUOTES: readonly string[] = ['BTC', 'ETH'];

/**
 * The market as one venue sees it at one instant, for one request: what route handlers read.
 * `priceFactor` is 1 except when a wrong-price fault is injected, so the bad price is consistent
 * across every field of the answer (last, bid, high, candles...).
 */
export class VenueMarket {
  constructor(
    private readonly market: SimMarket,
    readonly venue: SimProviderId,
    readonly nowMs: number,
    private readonly priceFactor: number = 1,
  ) {}

  /**
   * The same venue quoting in `quote`: USD and its stablecoins at par, fiat at fixed rates
   * (`FIAT_USD`), BTC and ETH at the venue's price of them now. Every price field of the answer is
   * converted, volumes in the base asset are not.
   */
  inQuote(quote: string): VenueMarket {
    const coin = CRYPTO_QUOTES.includes(quote) ? assetBySymbol(quote) : undefined;
    const usdPerUnit = coin === undefined ? (FIAT_USD[quote] ?? 1) : this.market.price(coin, this.venue, this.nowMs);
    return new VenueMarket(this.market, this.venue, this.nowMs, this.priceFactor / usdPerUnit);
  }

  /** The venue's current price. */
  price(asset: MarketAsset): number {
    return this.market.price(asset, this.venue, this.nowMs) * this.priceFactor;
  }

  /** `count` candles `widthMs` wide, oldest first, the last one holding `endMs` (default now). */
  candles(asset: MarketAsset, widthMs: number, count: number, endMs: number = this.nowMs): SimCandle[] {
    return this.market.candles(asset, this.venue, widthMs, endMs, count, this.nowMs).map((candle) => ({
      ...candle,
      open: candle.open * this.priceFactor,
      high: candle.high * this.priceFactor,
      low: candle.low * this.priceFactor,
      close: candle.close * this.priceFactor,
    }));
  }

  /** Rolling 24-hour statistics. */
  day(asset: MarketAsset): SimWindowStats {
    return this.scale(this.market.day(asset, this.venue, this.nowMs));
  }

  /** Statistics since `fromMs` (rounded down to the hour). */
  since(asset: MarketAsset, fromMs: number): SimWindowStats {
    return this.scale(this.market.window(asset, this.venue, fromMs, this.nowMs));
  }

  /** A seeded signal in [-1, 1] at this instant, varying over `periodMs`. */
  signal(periodMs: number, salt: number): number {
    return this.market.signal(this.nowMs, periodMs, salt);
  }

  /** The venue's price of `asset` at another instant (history that is not a candle: Fear & Greed). */
  priceAt(asset: MarketAsset, atMs: number): number {
    return this.market.price(asset, this.venue, atMs) * this.priceFactor;
  }

  private scale(stats: SimWindowStats): SimWindowStats {
    const f = this.priceFactor;
    return { ...stats, open: stats.open * f, high: stats.high * f, low: stats.low * f, last: stats.last * f, vwap: stats.vwap * f, quoteVolume: stats.quoteVolume * f };
  }
}
