/**
 * The default market: twenty assets every built-in exchange lists against USD (or USDT). Provider
 * plugins build their default symbol maps over these tickers, each with its own identifiers; config
 * can add more per provider (`providers.<id>.symbols`).
 */
export const DEFAULT_TICKERS = [
  'BTC', 'ETH', 'SOL', 'XRP', 'ADA', 'DOGE', 'DOT', 'LTC', 'LINK', 'AVAX',
  'BCH', 'XLM', 'UNI', 'ATOM', 'ETC', 'FIL', 'AAVE', 'ALGO', 'NEAR', 'TRX',
] as const;

/** One of the default tickers. */
export type DefaultTicker = (typeof DEFAULT_TICKERS)[number];

/** A symbol map `{ BTC: f('BTC'), ... }` over the default tickers. */
export function tickerMap(toProviderSymbol: (ticker: DefaultTicker) => string): Record<string, string> {
  return Object.fromEntries(DEFAULT_TICKERS.map((ticker) => [ticker, toProviderSymbol(ticker)]));
}
