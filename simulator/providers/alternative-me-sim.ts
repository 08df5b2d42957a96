import { assetBySymbol } from '../find-asset.js';
import { FixedWindowLimiter, denyingLimiter } from '../rate-limiters.js';
import { reply, type SimProvider, type SimRequest, type SimResponse } from '../sim-route.js';

const DAY = 86_400_000;
/** The index starts on 2018-02-01; `limit=0` returns everything since. */
const FIRST_DAY_MS = Date.UTC(2018, 1, 1);
const BITCOIN = assetBySymbol('BTC')!;

/** Alternative.me's bands (third-party sources disagree on the exact edges, FACTS.md). */
function classification(value: number): string {
  if (value < 25) return 'Extreme Fear';
  if (value < 47) return 'Fear';
  if (value < 55) return 'Neutral';
  if (value < 76) return 'Greed';
  return 'Extreme Greed';
}

/** The index follows the simulated bitcoin market: two weeks of gains read as greed, of losses as fear. */
function indexValue(request: SimRequest, dayMs: number): number {
  const momentum = Math.log(request.market.priceAt(BITCOIN, dayMs) / request.market.priceAt(BITCOIN, dayMs - 14 * DAY));
  return Math.round(Math.min(99, Math.max(1, 50 + 400 * momentum)));
}

function formatDate(dayMs: number, format: string | null): string {
  const date = new Date(dayMs);
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  const yyyy = String(date.getUTCFullYear());
  switch (format) {
    case 'us':
      return `${mm}-${dd}-${yyyy}`;
    case 'cn':
    case 'kr':
      return `${yyyy}-${mm}-${dd}`;
    case 'world':
      return `${dd}-${mm}-${yyyy}`;
    default:
      return String(dayMs / 1000);
  }
}

/**
 * `GET /fng/?limit=1[&date_format=]` → `{name, data:[{value, value_classification, timestamp,
 * time_until_update}], metadata:{error:null}}`, all strings, newest first (alternative_me.fng.json).
 */
function fng(request: SimRequest): SimResponse {
  const { market } = request;
  const today = Math.floor(market.nowMs / DAY) * DAY;
  const available = Math.floor((today - FIRST_DAY_MS) / DAY) + 1;
  const asked = Number(request.query.get('limit') ?? 1);
  const limit = !Number.isInteger(asked) || asked <= 0 ? available : Math.min(asked, available);
  const dateFormat = request.query.get('date_format');
  const data = Array.from({ length: limit }, (_, index) => {
    const dayMs = today - index * DAY;
    const value = indexValue(request, dayMs);
    const entry = { value: String(value), value_classification: classification(value), timestamp: formatDate(dayMs, dateFormat) };
    return index === 0 ? { ...entry, time_until_update: String(Math.round((today + DAY - market.nowMs) / 1000)) } : entry;
  });
  return reply(200, { name: 'Fear and Greed Index', data, metadata: { error: null } });
}

/** Alternative.me Crypto Fear & Greed Index (`https://api.alternative.me`). */
export const ALTERNATIVE_ME_SIM: SimProvider = {
  id: 'alternative-me',
  basePaths: [],
  // "60 requests per minute over a 10 minute window" (UNCONFIRMED, FACTS.md).
  rateLimit: { limit: 60, windowMs: 60_000 },
  createLimiter: denyingLimiter(FixedWindowLimiter, (retryAfter) => tooManyRequests(retryAfter)),
  routes: [{ endpoint: '/fng/', pattern: /^\/fng\/?$/, handle: fng }],
  notFound: () => reply(404, { data: [], metadata: { error: 'Not found' } }),
  serverError: () => reply(500, { data: [], metadata: { error: 'Internal server error' } }),
  tooManyRequests: (retryAfter) => tooManyRequests(retryAfter),
};

/** Errors travel in `metadata.error`; the concrete rate-limit body was never recorded. */
function tooManyRequests(retryAfter: number): SimResponse {
  return reply(429, { data: [], metadata: { error: 'Rate limit exceeded' } }, { 'retry-after': String(retryAfter) });
}
