/** What a provider can answer. */
export const CAPABILITIES = ['price', 'ticker', 'ohlcv', 'fear-greed', 'gas'] as const;

/** One market-data capability. */
export type Capability = (typeof CAPABILITIES)[number];

/** Candle widths every OHLCV provider maps to its own notation. */
export const INTERVALS = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'] as const;

/** One candle width. */
export type Interval = (typeof INTERVALS)[number];

/** Length of each interval in seconds. */
export const INTERVAL_SECONDS: Readonly<Record<Interval, number>> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '1h': 3600,
  '4h': 14400,
  '1d': 86400,
};

/** Capabilities asked per symbol; the others (fear-greed, gas) take no symbol. */
export const SYMBOL_CAPABILITIES: readonly Capability[] = ['price', 'ticker', 'ohlcv'];

/** Capabilities a provider may answer for many symbols in one upstream call (see BatchContribution). */
export const BATCH_CAPABILITIES = ['price', 'ticker'] as const;

/** One capability that can be batched. */
export type BatchCapability = (typeof BATCH_CAPABILITIES)[number];

/** A spot price in the quote of its market. `timestamp` is Unix seconds. */
export interface PriceQuote {
  symbol: string;
  price: number;
  timestamp: number;
}

/**
 * A 24 h ticker in the quote of its market, with ccxt's unified ticker as the checklist. Every field but `symbol`,
 * `price` and `timestamp` is what the provider states, or null when it states none: never a figure
 * computed from its other fields (a change from open and last, a base volume from a USD volume).
 */
export interface Ticker {
  symbol: string;
  /** The last trade's price (an aggregator's current price): ccxt's `last`. */
  price: number;
  /** Best bid and ask. */
  bid: number | null;
  ask: number | null;
  /** The price at the start of the rolling 24 h (not today's UTC open). */
  open24h: number | null;
  high24h: number | null;
  low24h: number | null;
  /** Volume over 24 h in the base asset (BTC for BTC). */
  baseVolume24h: number | null;
  /** Volume over 24 h in the quote currency (USD for a USD market). */
  quoteVolume24h: number | null;
  /** Price change over 24 h, in the quote currency. */
  change24h: number | null;
  /** Price change over 24 h in percent (1.5 means +1.5 %). */
  changePercent24h: number | null;
  timestamp: number;
}

/** `[time, open, high, low, close, volume]`; time is the candle's open in Unix seconds, volume null when unknown. */
export type Candle = [time: number, open: number, high: number, low: number, close: number, volume: number | null];

/** Candles in ascending time order. */
export interface OhlcvSeries {
  symbol: string;
  interval: Interval;
  candles: Candle[];
}

/** The Crypto Fear & Greed index, 0–100. */
export interface FearGreedIndex {
  value: number;
  classification: string;
  timestamp: number;
}

/** Ethereum gas prices in gwei. */
export interface GasPrices {
  safe: number;
  propose: number;
  fast: number;
  baseFee: number | null;
  timestamp: number;
}

/**
 * The query each capability takes. Symbols are our upper-case base tickers (`BTC`); `quote` is the
 * quote currency asked for (`USD` when absent). A capability function reads the market it is to
 * answer from, quote included, with `upstream.marketFor(symbol)`.
 */
export interface CapabilityQueries {
  price: { symbol: string; quote?: string };
  ticker: { symbol: string; quote?: string };
  ohlcv: { symbol: string; quote?: string; interval: Interval; limit: number };
  'fear-greed': Record<string, never>;
  gas: Record<string, never>;
}

/** The answer each capability gives. */
export interface CapabilityResults {
  price: PriceQuote;
  ticker: Ticker;
  ohlcv: OhlcvSeries;
  'fear-greed': FearGreedIndex;
  gas: GasPrices;
}

/** Query type of capability C. */
export type CapabilityQuery<C extends Capability> = CapabilityQueries[C];
/** Result type of capability C. */
export type CapabilityResult<C extends Capability> = CapabilityResults[C];
