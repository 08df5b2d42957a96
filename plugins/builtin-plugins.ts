import type { PluginCatalogue } from '../core/index.js';

/**
 * Built-in plugins by the name used in config `plugins`. Imports are lazy so a plugin that is not
 * listed costs nothing at boot.
 */
export const builtinPlugins: PluginCatalogue = {
  'cluster': async () => (await import('./cluster/redis/index.js')).default,
  'market-api': async () => (await import('./api/market/index.js')).default,
  'system-api': async () => (await import('./api/system/index.js')).default,
  'openapi': async () => (await import('./api/openapi/index.js')).default,
  'market-stream': async () => (await import('./ws/market-stream/index.js')).default,
  'status-drawer': async () => (await import('./web/status-drawer/index.js')).default,
  'dashboard': async () => (await import('./web/dashboard/index.js')).default,
  'ai-sentiment': async () => (await import('./ai/sentiment/index.js')).default,
  'coingecko': async () => (await import('./providers/coingecko/index.js')).default,
  'cryptocompare': async () => (await import('./providers/cryptocompare/index.js')).default,
  'etherscan': async () => (await import('./providers/etherscan/index.js')).default,
  'alternative-me': async () => (await import('./providers/alternative-me/index.js')).default,
  'coincap': async () => (await import('./providers/coincap/index.js')).default,
  'http-json': async () => (await import('./providers/http-json/index.js')).default,
  'binance': async () => (await import('./providers/binance/index.js')).default,
  'kraken': async () => (await import('./providers/kraken/index.js')).default,
  'coinbase': async () => (await import('./providers/coinbase/index.js')).default,
  'bitstamp': async () => (await import('./providers/bitstamp/index.js')).default,
  'gemini': async () => (await import('./providers/gemini/index.js')).default,
};
