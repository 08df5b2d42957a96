import { z } from 'zod';
import type { ConfigSources } from '../../../core/config/config-sources.js';
import { formatConfigIssues } from '../../../core/config/format-config-issues.js';
import { ConfigError } from '../../../core/errors/index.js';
import type { Capability } from '../../../core/providers/capability.js';
import { ProviderDeclarationSchema } from '../../../core/providers/provider-declaration.js';
import type { ProviderOverrides } from '../../../core/providers/provider-overrides.js';
import type { ProviderDefaults } from '../../../core/providers/resolve-declaration.js';

/** The `type` that hands a `providers.<id>` entry to this plugin. */
export const HTTP_JSON_TYPE = 'http-json';

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

/** `providers.<id>.endpoints` of a config-only provider: price at least, ticker optionally. */
export const HttpJsonEndpointsSchema = z.strictObject({ price: PriceEndpointSchema, ticker: TickerEndpointSchema.optional() });

/** Validated endpoints of one config-only provider. */
export type HttpJsonEndpoints = z.infer<typeof HttpJsonEndpointsSchema>;
/** A validated `endpoints.ticker`. */
export type TickerEndpoint = z.infer<typeof TickerEndpointSchema>;
/** One validated endpoint. */
export type HttpJsonEndpoint = z.infer<typeof PriceEndpointSchema> | TickerEndpoint;

/** What a config-only provider must say that a built-in plugin would otherwise declare. */
const HttpJsonEntrySchema = z.looseObject({
  baseUrl: ProviderDeclarationSchema.shape.baseUrl,
  symbols: ProviderDeclarationSchema.shape.symbols.refine((symbols) => Object.keys(symbols).length > 0, 'expected at least one symbol, e.g. {"BTC": "btc-usd"}'),
  endpoints: HttpJsonEndpointsSchema,
});

/** Weight and priority of a config-only provider that states none: a minor source, tried late. */
const DEFAULT_WEIGHT = 10;
const DEFAULT_PRIORITY = 8;

/** A config-only provider's endpoints and the defaults its declaration starts from. */
export interface HttpJsonEntry {
  endpoints: HttpJsonEndpoints;
  defaults: ProviderDefaults;
}

/**
 * Validates the http-json part of `providers.<id>` (baseUrl, symbols, endpoints). Throws ConfigError
 * naming the file and the path, e.g. `providers.myex.endpoints.price.pricePointer`.
 */
export function parseHttpJsonEntry(id: string, overrides: ProviderOverrides, sources: ConfigSources): HttpJsonEntry {
  const parsed = HttpJsonEntrySchema.safeParse(overrides);
  if (!parsed.success) throw misconfigured(id, formatConfigIssues(parsed.error.issues, sources, ['providers', id]));
  const { baseUrl, endpoints } = parsed.data;
  // Without `capabilities` in config, the provider serves what it has endpoints for.
  const capabilities = servedBy(endpoints);
  return { endpoints, defaults: { name: id, baseUrl, capabilities, symbols: {}, weight: DEFAULT_WEIGHT, priority: DEFAULT_PRIORITY } };
}

/** Throws ConfigError at `providers.<id>.capabilities` when a capability has no endpoint to answer it. */
export function assertEndpointsCover(id: string, capabilities: readonly Capability[], endpoints: HttpJsonEndpoints, sources: ConfigSources): void {
  const served: readonly Capability[] = servedBy(endpoints);
  const schema = z.array(
    z.string().refine((capability) => served.includes(capability as Capability), {
      error: (issue) => `no endpoint answers "${String(issue.input)}" (add endpoints.${String(issue.input)} or remove it)`,
    }),
  );
  const parsed = schema.safeParse(capabilities);
  if (!parsed.success) throw misconfigured(id, formatConfigIssues(parsed.error.issues, sources, ['providers', id, 'capabilities']));
}

function servedBy(endpoints: HttpJsonEndpoints): Capability[] {
  return ENDPOINT_CAPABILITIES.filter((capability) => endpoints[capability] !== undefined);
}

function misconfigured(id: string, details: string): ConfigError {
  return new ConfigError(`Provider "${id}" is misconfigured:\n${details}`);
}
