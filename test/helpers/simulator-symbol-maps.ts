import { KNOWN_ASSETS } from '../../simulator/known-assets.js';

/**
 * `providers.<id>.symbols` for every asset the simulator knows, spelled as each provider's API
 * spells it: what an operator would configure to serve the simulator's whole market.
 */
export function simulatorSymbolMaps(symbols: readonly string[]): Record<string, { symbols: Record<string, string> }> {
  const assets = KNOWN_ASSETS.filter((asset) => symbols.includes(asset.symbol));
  const map = (spell: (asset: (typeof assets)[number]) => string): { symbols: Record<string, string> } => ({
    symbols: Object.fromEntries(assets.map((asset) => [asset.symbol, spell(asset)])),
  });
  return {
    binance: map((asset) => `${asset.symbol}USDT`),
    coinbase: map((asset) => `${asset.symbol}-USD`),
    kraken: map((asset) => asset.krakenResultKey ?? `${asset.krakenBase ?? asset.symbol}USD`),
    bitstamp: map((asset) => `${asset.symbol.toLowerCase()}usd`),
    gemini: map((asset) => `${asset.symbol.toLowerCase()}usd`),
    cryptocompare: map((asset) => asset.symbol),
    coingecko: map((asset) => asset.coingeckoId),
    coincap: map((asset) => asset.coincapId ?? asset.coingeckoId),
  };
}
