import { EXTRA_ASSETS, type ExtraAsset } from './extra-assets.js';
import { KNOWN_ASSETS, type KnownAsset } from './known-assets.js';
import { LONG_TAIL_ASSETS } from './long-tail-assets.js';

/** What the simulated market needs to know about an asset beyond its identifiers. */
export interface MarketAsset extends KnownAsset {
  name: string;
  /** Where the asset is listed when not on every exchange (see ExtraAsset); the others trade everywhere. */
  venues?: string;
  /** False for an exchange-only new listing the aggregators do not track. */
  aggregated?: false;
  /** Centre of the price walk in USD. */
  basePrice: number;
  circulatingSupply: number;
  maxSupply: number | null;
  /** Typical daily log-return standard deviation. */
  dailyVolatility: number;
  /** Share of the market cap traded per day across all venues. */
  dailyTurnover: number;
}

type Profile = Omit<MarketAsset, keyof KnownAsset | 'venues' | 'aggregated'>;

// Mid-2024 orders of magnitude: realistic enough that sanity checks in adapters behave as in production.
const PROFILES: Record<string, Profile> = {
  BTC: { name: 'Bitcoin', basePrice: 67000, circulatingSupply: 19_700_000, maxSupply: 21_000_000, dailyVolatility: 0.025, dailyTurnover: 0.025 },
  ETH: { name: 'Ethereum', basePrice: 3500, circulatingSupply: 120_100_000, maxSupply: null, dailyVolatility: 0.03, dailyTurnover: 0.035 },
  SOL: { name: 'Solana', basePrice: 150, circulatingSupply: 462_000_000, maxSupply: null, dailyVolatility: 0.045, dailyTurnover: 0.04 },
  XRP: { name: 'XRP', basePrice: 0.52, circulatingSupply: 55_600_000_000, maxSupply: 100_000_000_000, dailyVolatility: 0.035, dailyTurnover: 0.03 },
  ADA: { name: 'Cardano', basePrice: 0.45, circulatingSupply: 35_700_000_000, maxSupply: 45_000_000_000, dailyVolatility: 0.04, dailyTurnover: 0.025 },
  DOGE: { name: 'Dogecoin', basePrice: 0.15, circulatingSupply: 145_000_000_000, maxSupply: null, dailyVolatility: 0.05, dailyTurnover: 0.05 },
  DOT: { name: 'Polkadot', basePrice: 7, circulatingSupply: 1_400_000_000, maxSupply: null, dailyVolatility: 0.045, dailyTurnover: 0.025 },
  LTC: { name: 'Litecoin', basePrice: 80, circulatingSupply: 74_600_000, maxSupply: 84_000_000, dailyVolatility: 0.035, dailyTurnover: 0.05 },
  LINK: { name: 'Chainlink', basePrice: 15, circulatingSupply: 587_000_000, maxSupply: 1_000_000_000, dailyVolatility: 0.045, dailyTurnover: 0.04 },
  AVAX: { name: 'Avalanche', basePrice: 35, circulatingSupply: 393_000_000, maxSupply: 720_000_000, dailyVolatility: 0.05, dailyTurnover: 0.035 },
  BCH: { name: 'Bitcoin Cash', basePrice: 450, circulatingSupply: 19_700_000, maxSupply: 21_000_000, dailyVolatility: 0.04, dailyTurnover: 0.04 },
  XLM: { name: 'Stellar', basePrice: 0.11, circulatingSupply: 29_200_000_000, maxSupply: 50_001_806_812, dailyVolatility: 0.035, dailyTurnover: 0.02 },
  UNI: { name: 'Uniswap', basePrice: 10, circulatingSupply: 600_000_000, maxSupply: 1_000_000_000, dailyVolatility: 0.05, dailyTurnover: 0.03 },
  ATOM: { name: 'Cosmos Hub', basePrice: 8, circulatingSupply: 390_000_000, maxSupply: null, dailyVolatility: 0.045, dailyTurnover: 0.03 },
  ETC: { name: 'Ethereum Classic', basePrice: 25, circulatingSupply: 147_000_000, maxSupply: 210_700_000, dailyVolatility: 0.045, dailyTurnover: 0.04 },
  FIL: { name: 'Filecoin', basePrice: 5.5, circulatingSupply: 560_000_000, maxSupply: 1_960_000_000, dailyVolatility: 0.05, dailyTurnover: 0.05 },
  AAVE: { name: 'Aave', basePrice: 95, circulatingSupply: 14_800_000, maxSupply: 16_000_000, dailyVolatility: 0.05, dailyTurnover: 0.06 },
  ALGO: { name: 'Algorand', basePrice: 0.18, circulatingSupply: 8_100_000_000, maxSupply: 10_000_000_000, dailyVolatility: 0.045, dailyTurnover: 0.03 },
  NEAR: { name: 'NEAR Protocol', basePrice: 6, circulatingSupply: 1_070_000_000, maxSupply: null, dailyVolatility: 0.05, dailyTurnover: 0.05 },
  TRX: { name: 'TRON', basePrice: 0.12, circulatingSupply: 87_500_000_000, maxSupply: null, dailyVolatility: 0.025, dailyTurnover: 0.02 },
};

// The long tail: typical altcoin volatility and turnover, supply uncapped.
for (const [symbol, , name, basePrice, circulatingSupply] of LONG_TAIL_ASSETS) {
  PROFILES[symbol] = { name, basePrice, circulatingSupply, maxSupply: null, dailyVolatility: 0.05, dailyTurnover: 0.04 };
}

const EXTRA_BY_SYMBOL = new Map(EXTRA_ASSETS.map((asset) => [asset.symbol, asset]));

/** Where an extra asset is listed, as MarketAsset fields. */
function listingOf(extra: ExtraAsset | undefined): Pick<MarketAsset, 'venues' | 'aggregated'> {
  if (extra === undefined) return {};
  return extra.aggregated === undefined ? { venues: extra.venues } : { venues: extra.venues, aggregated: extra.aggregated };
}

/**
 * An extra asset's profile, derived from its place in the list: market caps falling from about
 * $50bn, volatility and turnover varying a little from one asset to the next.
 */
function extraProfile(asset: ExtraAsset, index: number): MarketAsset {
  const marketCap = 50e9 / (index + 1) ** 0.9;
  return {
    symbol: asset.symbol,
    coingeckoId: asset.coingeckoId,
    name: asset.name,
    basePrice: asset.basePrice,
    circulatingSupply: Math.round(marketCap / asset.basePrice),
    maxSupply: null,
    dailyVolatility: asset.basePrice === 1 ? 0.001 : 0.04 + (index % 5) * 0.005,
    dailyTurnover: 0.03 + (index % 4) * 0.01,
    ...listingOf(asset),
  };
}

/**
 * The simulated market: the assets of KNOWN_ASSETS, each with its profile (and, for those
 * EXTRA_ASSETS names, where it is listed), then the extra assets KNOWN_ASSETS does not have.
 */
export const MARKET_ASSETS: readonly MarketAsset[] = [
  ...KNOWN_ASSETS.map((asset) => {
    const profile = PROFILES[asset.symbol];
    if (profile === undefined) throw new Error(`market-assets: no profile for ${asset.symbol}`);
    return { ...asset, ...profile, ...listingOf(EXTRA_BY_SYMBOL.get(asset.symbol)) };
  }),
  ...EXTRA_ASSETS.filter((asset) => !KNOWN_ASSETS.some((known) => known.symbol === asset.symbol)).map(extraProfile),
];

/** Market-cap rank at base prices, 1 = largest; CoinCap and CoinGecko report it. */
export function marketCapRank(symbol: string): number {
  const ranked = [...MARKET_ASSETS].sort((a, b) => b.basePrice * b.circulatingSupply - a.basePrice * a.circulatingSupply);
  return ranked.findIndex((asset) => asset.symbol === symbol) + 1;
}
