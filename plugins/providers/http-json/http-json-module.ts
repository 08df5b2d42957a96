import { ContainerModule } from 'inversify';
import { definePlugin, type Plugin, type PluginContext } from '../../../core/kernel/plugin.js';
import { MarketProvider } from '../../../core/providers/market-provider.js';
import type { ProviderOverrides } from '../../../core/providers/provider-overrides.js';
import { disabledReasonFor, resolveDeclaration } from '../../../core/providers/resolve-declaration.js';
import { assertEndpointsCover, HTTP_JSON_TYPE, parseHttpJsonEntry } from './http-json-config.js';
import { HttpJsonProvider } from './http-json-provider.js';

/**
 * The `http-json` plugin: one MarketProvider for every `providers.<id>` whose `type` is `"http-json"`,
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
  module: (context) => {
    const providers = Object.entries(context.config.providers)
      .filter(([, overrides]) => overrides.type === HTTP_JSON_TYPE)
      .map(([id, overrides]) => createHttpJsonProvider(id, overrides, context));
    return new ContainerModule(({ bind }) => {
      for (const provider of providers) bind<MarketProvider>(MarketProvider).toConstantValue(provider);
    });
  },
});

function createHttpJsonProvider(id: string, overrides: ProviderOverrides, { sources, env, logger }: PluginContext<unknown>): MarketProvider {
  const { endpoints, defaults } = parseHttpJsonEntry(id, overrides, sources);
  const declaration = resolveDeclaration(id, defaults, overrides, sources);
  assertEndpointsCover(id, declaration.capabilities, endpoints, sources);
  const disabledReason = disabledReasonFor(declaration, env);
  if (disabledReason !== null) logger.warn({ provider: id, reason: disabledReason }, 'Provider disabled');
  return new HttpJsonProvider({ id, declaration, disabledReason, apiKey: undefined, logger }, endpoints);
}
