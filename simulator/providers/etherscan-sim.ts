import { FixedWindowLimiter, denyingLimiter } from '../rate-limiters.js';
import { reply, type SimProvider, type SimRequest, type SimResponse } from '../sim-route.js';

/** Chains the V2 API serves (a few of them; enough to tell a supported chainid from a bad one). */
const CHAIN_IDS = ['1', '10', '56', '137', '8453', '42161', '11155111'];
const BLOCK_MS = 12_000;

/** Etherscan answers everything with HTTP 200 and `status: "0"` on error (etherscan.error_*.json). */
function notOk(result: string): SimResponse {
  return reply(200, { status: '0', message: 'NOTOK', result });
}

function gwei(value: number): string {
  return String(Number(value.toFixed(9)));
}

/** `GET /v2/api?chainid=1&module=gastracker&action=gasoracle&apikey=` (etherscan.gasoracle.json): all strings, gwei. */
function gasOracle(request: SimRequest): SimResponse {
  const { query, market } = request;
  if ((query.get('apikey') ?? '') === '') return notOk('Missing/Invalid API Key');
  const chainId = query.get('chainid') ?? '';
  if (!CHAIN_IDS.includes(chainId)) {
    return notOk('Missing or unsupported chainid parameter (required for v2 api), please see https://api.etherscan.io/v2/chainlist for the list of supported chainids');
  }
  if (query.get('module') !== 'gastracker') return notOk('Error! Missing Or invalid Module name');
  if (query.get('action') !== 'gasoracle') return notOk('Error! Missing Or invalid Action name');
  request.noteSymbol(`chain:${chainId}`);
  const baseFee = 0.05 + 12 * (1 + market.signal(3_600_000, 1)) ** 2;
  const ratios = Array.from({ length: 5 }, (_, index) => String(0.5 + 0.45 * market.signal(BLOCK_MS * (index + 2), 2 + index)));
  return reply(200, {
    status: '1',
    message: 'OK',
    result: {
      LastBlock: String(Math.floor(market.nowMs / BLOCK_MS) - 122_000_000),
      SafeGasPrice: gwei(baseFee + 0.05),
      ProposeGasPrice: gwei(baseFee + 0.5),
      FastGasPrice: gwei(baseFee + 1.5),
      suggestBaseFee: gwei(baseFee),
      gasUsedRatio: ratios.join(','),
    },
  });
}

/** Etherscan API V2 (`https://api.etherscan.io/v2/api`); V1 (`/api`) answers its deprecation notice. */
export const ETHERSCAN_SIM: SimProvider = {
  id: 'etherscan',
  basePaths: ['/v2/api'],
  // Free plan: 3 calls per second.
  rateLimit: { limit: 3, windowMs: 1000 },
  createLimiter: denyingLimiter(FixedWindowLimiter, () => notOk('Max rate limit reached, please use API Key for higher rate limit')),
  routes: [
    { endpoint: '/v2/api', pattern: /^\/?$/, handle: gasOracle },
    { endpoint: '/api (V1)', pattern: /^\/api\/?$/, handle: () => notOk('You are using a deprecated V1 endpoint, switch to Etherscan API V2.') },
  ],
  notFound: () => reply(404, { status: '0', message: 'NOTOK', result: 'Not found' }),
  serverError: () => reply(500, { status: '0', message: 'NOTOK', result: 'Internal server error' }),
  inBodyError: (message = 'Internal server error') => notOk(message),
  tooManyRequests: (retryAfter) => reply(429, { status: '0', message: 'NOTOK', result: 'Max rate limit reached' }, { 'retry-after': String(retryAfter) }),
};
