import { z } from 'zod';
import { type Capability, ProviderDeclarationSchema, ProviderIdSchema, ProviderOverridesSchema, type ProviderDefaults } from '../../../core/index.js';

const JsonPointerSchema = z.string().regex(/^(\/([^~]|~[01])*)*$/, 'expected a JSON Pointer (RFC 6901) such as "/data/last"');

const PathTemplateSchema = z
  .string()
  .regex(/^\/.*\{symbol\}/, 'expected a path starting with "/" that contains "{symbol}", e.g. "/api/v1/ticker/{symbol}"');

const TimestampFields = {
  /** Where the answer's time is; without it answers are stamped with the time of the call. */
  timestampPointer: JsonPointerSchema.optional(),
  /** Unit of a numeric timestamp; ISO-8601 strings are read as dates. Guessed from the size when absent. */
  timestampUnit: z.enum(['s', 'ms']).optional(),
};

/** `endpoints.price`: where a spot price in USD is. */
const PriceEndpointSchema = z.strictObject({ path: PathTemplateSchema, pricePointer: JsonPointerSchema, ...TimestampFields });

/** `endpoints.ticker`: where the 24 h ticker fields are; `volumePointer` is base-asset volume, change is in percent. */
const TickerEndpointSchema = z.strictObject({
  path: PathTemplateSchema,
  pricePointer: JsonPointerSchema,
  highPointer: JsonPointerSchema,
  lowPointer: JsonPointerSchema,
  volumePointer: JsonPointerSchema,
  changePercentPointer: JsonPointerSchema.optional(),
  ...TimestampFields,
});

/** Capabilities a config-only provider can serve, one endpoint each. */
const ENDPOINT_CAPABILITIES = ['price', 'ticker'] as const satisfies readonly Capability[];

/** `endpoints` of a config-only provider: price at least, ticker optionally. */
export const HttpJsonEndpointsSchema = z.strictObject({ price: PriceEndpointSchema, ticker: TickerEndpointSchema.optional() });

/** Validated endpoints of one config-only provider. */
export type HttpJsonEndpoints = z.infer<typeof HttpJsonEndpointsSchema>;
/** A validated `endpoints.ticker`. */
export type TickerEndpoint = z.infer<typeof TickerEndpointSchema>;
/** One validated endpoint. */
export type HttpJsonEndpoint = z.infer<typeof PriceEndpointSchema> | TickerEndpoint;

const declared = ProviderDeclarationSchema.shape;

/**
 * One config-only provider: what a built-in plugin declares in code (`baseUrl`, `symbols`, and any
 * policy key `providers.<id>` takes: name, weight, priority, capabilities, rateLimit, cacheTtlMs,
 * resilience, on429, enabled, apiKeyEnv) plus `endpoints`. Every capability it lists needs an endpoint.
 */
export const HttpJsonProviderSchema = ProviderOverridesSchema.extend({
  baseUrl: declared.baseUrl,
  symbols: declared.symbols.refine((symbols) => Object.keys(symbols).length > 0, 'expected at least one symbol, e.g. {"BTC": "btc-usd"}'),
  endpoints: HttpJsonEndpointsSchema,
}).superRefine((entry, context) => {
  const served: readonly Capability[] = servedBy(entry.endpoints);
  for (const [index, capability] of (entry.capabilities ?? []).entries()) {
    if (!served.includes(capability)) context.addIssue({ code: 'custom', path: ['capabilities', index], message: `no endpoint answers "${capability}" (add endpoints.${capability} or remove it)` });
  }
});

/** One validated config-only provider. */
export type HttpJsonProvider = z.infer<typeof HttpJsonProviderSchema>;

/** The plugin's options, `plugins[i].options` of its entry: its providers by id (none by default). */
export const HttpJsonOptionsSchema = z.strictObject({ providers: z.record(ProviderIdSchema, HttpJsonProviderSchema).default({}) });

/** The plugin's validated options. */
export type HttpJsonOptions = z.infer<typeof HttpJsonOptionsSchema>;

/** Weight and priority of a config-only provider that states none: a minor source, tried late. */
const DEFAULT_WEIGHT = 10;
const DEFAULT_PRIORITY = 8;

/**
 * The declaration a config-only provider amounts to, as a built-in plugin's defaults: its own keys,
 * with the id as name, the capabilities it has endpoints for, weight 10 and priority 8 unless given.
 */
export function httpJsonDefaults(id: string, { endpoints, ...declaration }: HttpJsonProvider): ProviderDefaults {
  return {
    ...declaration,
    name: declaration.name ?? id,
    capabilities: declaration.capabilities ?? servedBy(endpoints),
    weight: declaration.weight ?? DEFAULT_WEIGHT,
    priority: declaration.priority ?? DEFAULT_PRIORITY,
  };
}

function servedBy(endpoints: HttpJsonEndpoints): Capability[] {
  return ENDPOINT_CAPABILITIES.filter((capability) => endpoints[capability] !== undefined);
}
