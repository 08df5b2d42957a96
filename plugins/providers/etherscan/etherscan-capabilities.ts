import { type ProviderError, type CapabilityQuery, type GasPrices, assertNonNegative, type CapabilityFunctions, type UpstreamClient } from '../../../core/index.js';
import { EtherscanErrorSchema, GasOracleSchema } from './etherscan-schema.js';

/** Ethereum mainnet: the gas prices we serve are mainnet's. */
const MAINNET_CHAIN_ID = 1;

/** Far above any gas price mainnet has seen; beyond it the answer is garbage, not a spike. */
const MAX_SANE_GWEI = 100_000;

/** Etherscan blocks a key for 30 s after 5 invalid attempts in 30 s (docs.etherscan.io common-error-messages). */
const INVALID_KEY_LOCKOUT_MS = 30_000;

/** The free-tier limit is per second, so one second is when the next call can succeed. */
const PER_SECOND_WINDOW_MS = 1_000;

async function gas(_query: CapabilityQuery<'gas'>, upstream: UpstreamClient): Promise<GasPrices> {
  const params = { chainid: MAINNET_CHAIN_ID, module: 'gastracker', action: 'gasoracle', apikey: upstream.apiKey };
  const response = await upstream.getJson('/v2/api', params);
  const failure = EtherscanErrorSchema.safeParse(response.body);
  if (failure.success) throw inBodyError(upstream, failure.data.result, response.status);
  if (response.status !== 200) throw upstream.error('unavailable', `HTTP ${response.status}`, { upstreamStatus: response.status });
  const { result } = upstream.parse('gas answer', GasOracleSchema, response.body);
  return {
    safe: gwei(upstream, 'result.SafeGasPrice', result.SafeGasPrice),
    propose: gwei(upstream, 'result.ProposeGasPrice', result.ProposeGasPrice),
    fast: gwei(upstream, 'result.FastGasPrice', result.FastGasPrice),
    baseFee: result.suggestBaseFee === undefined ? null : gwei(upstream, 'result.suggestBaseFee', result.suggestBaseFee),
    // The oracle carries a block number but no time: the answer is as fresh as the call.
    timestamp: upstream.nowSeconds(),
  };
}

function gwei(upstream: UpstreamClient, field: string, value: number): number {
  assertNonNegative(upstream, field, value);
  if (value > MAX_SANE_GWEI) throw upstream.error('insane_value', `${field} is not a sane gas price: ${value} gwei`);
  return value;
}

function inBodyError(upstream: UpstreamClient, reason: string, upstreamStatus: number): ProviderError {
  if (/too many invalid api key/i.test(reason)) {
    return upstream.error('rate_limited', `rate limited (in-body): ${reason}`, { upstreamStatus, retryAfterMs: INVALID_KEY_LOCKOUT_MS });
  }
  if (/rate limit/i.test(reason)) {
    // A daily quota does not come back in a second; let the declared back-off ladder decide.
    const retryAfterMs = /daily/i.test(reason) ? {} : { retryAfterMs: PER_SECOND_WINDOW_MS };
    return upstream.error('rate_limited', `rate limited (in-body): ${reason}`, { upstreamStatus, ...retryAfterMs });
  }
  return upstream.error('unavailable', `upstream error: ${reason}`, { upstreamStatus });
}

/**
 * Etherscan API V2 gas oracle (`/v2/api?chainid=1&module=gastracker&action=gasoracle`). Every
 * error, rate limits included, comes back as HTTP 200 with `status: "0"` and the reason in `result`.
 */
export const ETHERSCAN_CAPABILITIES: CapabilityFunctions = { gas };
