import { ContainerModule } from 'inversify';
import { definePlugin, type Plugin } from '../../../core/kernel/plugin.js';
import { ProviderContribution } from '../../../core/providers/provider-contribution.js';
import { httpJsonCapabilities } from './http-json-capabilities.js';
import { assertEndpointsCover, HTTP_JSON_TYPE, parseHttpJsonEntry } from './http-json-config.js';

/**
 * The `http-json` plugin: one ProviderContribution for every `providers.<id>` whose `type` is `"http-json"`,
 * declared entirely in config. Besides the usual policy keys (weight, priority, symbols,
 * capabilities, rateLimit, cacheTtlMs, resilience, on429, enabled), an entry has:
 *
 * ```json
 * "myex": {
 *   "type": "http-json",
 *   "baseUrl": "https://api.myex.example",
 *   "symbols": { "BTC": "btc-usd" },
 *   "endpoints": {
 *     "price": { "path": "/api/v1/ticker/{symbol}", "pricePointer": "/data/last",
 *                "timestampPointer": "/data/ts", "timestampUnit": "s" },
 *     "ticker": { "path": "/api/v1/stats/{symbol}", "pricePointer": "/last", "highPointer": "/high",
 *                 "lowPointer": "/low", "volumePointer": "/volume", "changePercentPointer": "/changePct" }
 *   }
 * }
 * ```
 *
 * `path` may carry a query string; `{symbol}` is replaced by the mapped symbol, URL-encoded.
 * Pointers are RFC 6901 JSON Pointers; values may be numbers or numeric strings; `ticker` and the
 * timestamp are optional (answers are then stamped with the time of the call). `capabilities`
 * defaults to the endpoints given (weight 10, priority 8 unless set). No credentials are sent.
 */
export const httpJsonPlugin: Plugin = definePlugin({
  name: 'http-json',
  module: ({ config, sources }) => {
    const contributions = Object.entries(config.providers)
      .filter(([, overrides]) => overrides.type === HTTP_JSON_TYPE)
      .map(([id, overrides]): ProviderContribution => {
        const { endpoints, defaults } = parseHttpJsonEntry(id, overrides, sources);
        assertEndpointsCover(id, overrides.capabilities ?? defaults.capabilities, endpoints, sources);
        return { id, defaults, capabilities: httpJsonCapabilities(endpoints) };
      });
    return new ContainerModule(({ bind }) => {
      for (const contribution of contributions) bind<ProviderContribution>(ProviderContribution).toConstantValue(contribution);
    });
  },
});
