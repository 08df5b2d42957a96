import { ContainerModule } from 'inversify';
import { definePlugin, type Plugin, ProviderContribution } from '../../../core/index.js';
import { httpJsonCapabilities } from './http-json-capabilities.js';
import { httpJsonDefaults, HttpJsonOptionsSchema, type HttpJsonOptions } from './http-json-config.js';

/**
 * The `http-json` plugin: providers declared entirely in its own options, one ProviderContribution
 * each. Besides the usual declaration keys (name, weight, priority, symbols, capabilities,
 * rateLimit, cacheTtlMs, resilience, on429, enabled), a provider has a `baseUrl` and `endpoints`:
 *
 * ```json
 * { "name": "http-json", "options": { "providers": {
 *   "myex": {
 *     "baseUrl": "https://api.myex.example",
 *     "symbols": { "BTC": "btc-usd" },
 *     "endpoints": {
 *       "price": { "path": "/api/v1/ticker/{symbol}", "pricePointer": "/data/last",
 *                  "timestampPointer": "/data/ts", "timestampUnit": "s" },
 *       "ticker": { "path": "/api/v1/stats/{symbol}", "pricePointer": "/last", "highPointer": "/high",
 *                   "lowPointer": "/low", "volumePointer": "/volume", "changePercentPointer": "/changePct" }
 *     }
 *   }
 * } } }
 * ```
 *
 * `path` may carry a query string; `{symbol}` is replaced by the mapped symbol, URL-encoded.
 * Pointers are RFC 6901 JSON Pointers; values may be numbers or numeric strings; `ticker` and the
 * timestamp are optional (answers are then stamped with the time of the call). `capabilities`
 * defaults to the endpoints given (weight 10, priority 8 unless set). No credentials are sent.
 * `providers.<id>` in the core section overrides their policy like any provider's.
 */
export const httpJsonPlugin: Plugin<HttpJsonOptions> = definePlugin({
  name: 'http-json',
  optionsSchema: HttpJsonOptionsSchema,
  module: ({ options }) =>
    new ContainerModule(({ bind }) => {
      for (const [id, provider] of Object.entries(options.providers)) {
        bind<ProviderContribution>(ProviderContribution).toConstantValue({ id, defaults: httpJsonDefaults(id, provider), capabilities: httpJsonCapabilities(provider.endpoints) });
      }
    }),
});
