import { MARKET_ASSETS, type MarketAsset } from './market-assets.js';
import { SIM_PROVIDER_IDS, type SimProviderId } from './sim-provider-id.js';
import { unitHash, valueNoise } from './value-noise.js';

/** One candle of the simulated market, in USD and base-asset units. */
export interface SimCandle {
  openTimeMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Base-asset volume. */
  volume: number;
  trades: number;
}

/** Rolling statistics over a window of the simulated market, the raw material of every ticker. */
export interface SimWindowStats {
  openTimeMs: number;
  open: number;
  high: number;
  low: number;
  last: number;
  volume: number;
  /** Volume in USD. */
  quoteVolume: number;
  vwap: number;
  changePercent: number;
  trades: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Periods of the noise octaves, from intraday wiggles to monthly trends. */
const OCTAVE_PERIODS_MS = [MINUTE, 15 * MINUTE, 4 * HOUR, DAY, 7 * DAY, 30 * DAY];

/** Share of an asset's daily turnover traded on each venue; aggregators report the whole market. */
const VOLUME_SHARE: Record<SimProviderId, number> = {
  binance: 0.3,
  coinbase: 0.12,
  kraken: 0.06,
  bitstamp: 0.03,
  gemini: 0.02,
  cryptocompare: 1,
  coingecko: 1,
  coincap: 1,
  'alternative-me': 1,
  etherscan: 1,
  generic: 0.05,
};

/** The USD value of an average trade, which turns volume into a trade count. */
const AVERAGE_TRADE_USD = 800;

/**
 * A deterministic market: each asset's log-price is a sum of smooth noise octaves scaled like a
 * random walk (amplitude ∝ √period), so any instant can be evaluated directly and tickers and
 * candles computed at different times agree. Each venue quotes the market a small, steady spread
 * apart, plus a wiggle of its own.
 */
export class SimMarket {
  constructor(private readonly seed: number) {}

  /** The venue's price of `asset` at `atMs`. */
  price(asset: MarketAsset, venue: SimProviderId, atMs: number): number {
    const a = assetIndex(asset);
    const v = SIM_PROVIDER_IDS.indexOf(venue);
    const bias = (unitHash(this.seed, 7, v, a) - 0.5) * 0.003;
    const wiggle = 0.0004 * valueNoise(atMs / 20_000, this.seed, 11, v, a);
    return this.midPrice(asset, atMs) * (1 + bias + wiggle);
  }

  /** The candle `[openMs, openMs + widthMs)` as seen at `nowMs`; undefined when it has not started. */
  candle(asset: MarketAsset, venue: SimProviderId, openMs: number, widthMs: number, nowMs: number): SimCandle | undefined {
    if (openMs > nowMs) return undefined;
    const endMs = Math.min(openMs + widthMs, nowMs);
    const samples = Math.min(96, Math.max(8, Math.round(widthMs / (15 * MINUTE))));
    const prices: number[] = [];
    for (let k = 0; k <= samples; k += 1) {
      const at = openMs + (k * widthMs) / samples;
      if (at >= endMs) break;
      prices.push(this.price(asset, venue, at));
    }
    prices.push(this.price(asset, venue, endMs));
    const close = prices[prices.length - 1]!;
    const volume = this.volume(asset, venue, openMs, endMs - openMs);
    return {
      openTimeMs: openMs,
      open: prices[0]!,
      high: Math.max(...prices),
      low: Math.min(...prices),
      close,
      volume,
      trades: Math.max(1, Math.round((volume * close) / AVERAGE_TRADE_USD)),
    };
  }

  /**
   * `count` consecutive candles of width `widthMs`, aligned to the epoch, ending with the one that
   * holds `endMs` (the in-progress one when `endMs` is now); oldest first.
   */
  candles(asset: MarketAsset, venue: SimProviderId, widthMs: number, endMs: number, count: number, nowMs: number): SimCandle[] {
    const lastOpen = Math.floor(Math.min(endMs, nowMs) / widthMs) * widthMs;
    const candles: SimCandle[] = [];
    for (let i = count - 1; i >= 0; i -= 1) {
      const candle = this.candle(asset, venue, lastOpen - i * widthMs, widthMs, nowMs);
      if (candle !== undefined) candles.push(candle);
    }
    return candles;
  }

  /** Statistics of the hourly candles from the hour holding `fromMs` up to `nowMs`. */
  window(asset: MarketAsset, venue: SimProviderId, fromMs: number, nowMs: number): SimWindowStats {
    const hours = Math.max(1, Math.floor(nowMs / HOUR) - Math.floor(fromMs / HOUR) + 1);
    const candles = this.candles(asset, venue, HOUR, nowMs, hours, nowMs);
    const first = candles[0]!;
    const last = candles[candles.length - 1]!;
    const volume = candles.reduce((sum, candle) => sum + candle.volume, 0);
    const quoteVolume = candles.reduce((sum, candle) => sum + (candle.volume * (candle.open + candle.high + candle.low + candle.close)) / 4, 0);
    return {
      openTimeMs: first.openTimeMs,
      open: first.open,
      high: Math.max(...candles.map((candle) => candle.high)),
      low: Math.min(...candles.map((candle) => candle.low)),
      last: last.close,
      volume,
      quoteVolume,
      vwap: volume > 0 ? quoteVolume / volume : last.close,
      changePercent: ((last.close - first.open) / first.open) * 100,
      trades: candles.reduce((sum, candle) => sum + candle.trades, 0),
    };
  }

  /** A smooth seeded signal in [-1, 1] varying over `periodMs`, for figures that are not prices (gas fees). */
  signal(atMs: number, periodMs: number, salt: number): number {
    return valueNoise(atMs / periodMs, this.seed, 17, salt);
  }

  /** The rolling 24 hours every exchange ticker reports. */
  day(asset: MarketAsset, venue: SimProviderId, nowMs: number): SimWindowStats {
    return this.window(asset, venue, nowMs - DAY + HOUR, nowMs);
  }

  private midPrice(asset: MarketAsset, atMs: number): number {
    const a = assetIndex(asset);
    let logDeviation = 0;
    OCTAVE_PERIODS_MS.forEach((period, octave) => {
      const amplitude = 0.6 * asset.dailyVolatility * Math.sqrt(period / DAY);
      logDeviation += amplitude * valueNoise(atMs / period, this.seed, octave, a);
    });
    return asset.basePrice * Math.exp(logDeviation);
  }

  /** Base-asset volume traded in the first `elapsedMs` of a candle, busier in some hours than others. */
  private volume(asset: MarketAsset, venue: SimProviderId, openMs: number, elapsedMs: number): number {
    const daily = asset.circulatingSupply * asset.dailyTurnover * VOLUME_SHARE[venue];
    const activity = 1 + 0.5 * valueNoise(openMs / HOUR, this.seed, 13, SIM_PROVIDER_IDS.indexOf(venue), assetIndex(asset));
    return daily * (elapsedMs / DAY) * activity;
  }
}

function assetIndex(asset: MarketAsset): number {
  return MARKET_ASSETS.indexOf(asset);
}
