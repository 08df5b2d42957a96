export { HttpUpstreamClient, type UpstreamCall } from './http-upstream-client.js';
export type { UpstreamResponse } from './upstream-response.js';
export { parseUpstream } from './parse-upstream.js';
export { parseRetryAfter } from './retry-after.js';
export { numeric } from './numeric.js';
export { isoDate } from './iso-date.js';
export { mergeCandles, type CandleMerge } from './merge-candles.js';
export { saneCandle, OHLCV_COLUMNS, type CandleField, type CandleValues } from './sane-candle.js';
export { assertSanePrice, assertNonNegative, toSaneUnixSeconds, MAX_SANE_PRICE, type SanityContext } from './sanity.js';
