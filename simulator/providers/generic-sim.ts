import { assetBySymbol } from '../find-asset.js';
import type { MarketAsset } from '../market-assets.js';
import { priceString } from '../number-format.js';
import { FixedWindowLimiter, denyingLimiter } from '../rate-limiters.js';
import { reply, type SimProvider, type SimRequest, type SimResponse } from '../sim-route.js';

/** Resolves `{SYMBOL}` or answers 404 the way a plain JSON API would. */
function withAsset(request: SimRequest, answer: (asset: MarketAsset) => SimResponse): SimResponse {
  const symbol = request.params[0] ?? '';
  request.noteSymbol(symbol);
  const asset = assetBySymbol(symbol);
  return asset === undefined ? reply(404, { error: `unknown symbol ${symbol}` }) : answer(asset);
}

/**
 * A made-up JSON API for a config-declared `http-json` provider:
 * `GET /api/v1/ticker/{SYMBOL}` → `{"data":{"last":"123.4","ts":1711356300}}`, and
 * `GET /api/v1/stats/{SYMBOL}` → `{"data":{"last","high","low","volume","changePercent","ts"}}` for a ticker.
 */
export const GENERIC_SIM: SimProvider = {
  id: 'generic',
  basePaths: [],
  rateLimit: { limit: 600, windowMs: 60_000 },
  createLimiter: denyingLimiter(FixedWindowLimiter, (retryAfter) => tooManyRequests(retryAfter)),
  routes: [
    {
      endpoint: '/api/v1/ticker/{symbol}',
      pattern: /^\/api\/v1\/ticker\/([^/]+)$/,
      handle: (request) =>
        withAsset(request, (asset) => reply(200, { data: { last: priceString(request.market.price(asset)), ts: Math.floor(request.market.nowMs / 1000) } })),
    },
    {
      endpoint: '/api/v1/stats/{symbol}',
      pattern: /^\/api\/v1\/stats\/([^/]+)$/,
      handle: (request) =>
        withAsset(request, (asset) => {
          const day = request.market.day(asset);
          return reply(200, {
            data: {
              last: priceString(day.last),
              high: priceString(day.high),
              low: priceString(day.low),
              volume: day.volume.toFixed(8),
              changePercent: day.changePercent.toFixed(2),
              ts: Math.floor(request.market.nowMs / 1000),
            },
          });
        }),
    },
  ],
  notFound: () => reply(404, { error: 'not found' }),
  serverError: () => reply(500, { error: 'internal error' }),
  tooManyRequests: (retryAfter) => tooManyRequests(retryAfter),
};

function tooManyRequests(retryAfter: number): SimResponse {
  return reply(429, { error: 'rate limited' }, { 'retry-after': String(retryAfter) });
}
