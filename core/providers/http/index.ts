export { HttpMarketProvider, type CapabilityHandlers, type QueryParams } from './http-market-provider.js';
export { fetchUpstreamJson, type UpstreamRequest } from './fetch-upstream-json.js';
export type { UpstreamResponse } from './upstream-response.js';
export { parseUpstream } from './parse-upstream.js';
export { parseRetryAfter } from './retry-after.js';
export { numeric } from './numeric.js';
export { assertSanePrice, assertNonNegative, toSaneUnixSeconds, MAX_SANE_PRICE } from './sanity.js';
