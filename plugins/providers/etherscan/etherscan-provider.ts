import type { ProviderError } from '../../../core/errors/index.js';
import type { GasPrices } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers } from '../../../core/providers/http/http-market-provider.js';
import { parseUpstream } from '../../../core/providers/http/parse-upstream.js';
import { assertNonNegative } from '../../../core/providers/http/sanity.js';
import { EtherscanErrorSchema, GasOracleSchema } from './etherscan-schema.js';

/** Ethereum mainnet: the gas prices we serve are mainnet's. */
const MAINNET_CHAIN_ID = 1;

/** Far above any gas price mainnet has seen; beyond it the answer is garbage, not a spike. */
const MAX_SANE_GWEI = 100_000;

/** Etherscan blocks a key for 30 s after 5 invalid attempts in 30 s (docs.etherscan.io common-error-messages). */
const INVALID_KEY_LOCKOUT_MS = 30_000;

/** The free-tier limit is per second, so one second is when the next call can succeed. */
const PER_SECOND_WINDOW_MS = 1_000;

/**
 * Etherscan API V2 gas oracle (`/v2/api?chainid=1&module=gastracker&action=gasoracle`). Every
 * error, rate limits included, comes back as HTTP 200 with `status: "0"` and the reason in `result`.
 */
export class EtherscanProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    gas: (_query, context) => this.gas(context),
  };

  private async gas(context: FetchContext): Promise<GasPrices> {
    const params = { chainid: MAINNET_CHAIN_ID, module: 'gastracker', action: 'gasoracle', apikey: this.apiKey };
    const response = await this.getJson('/v2/api', params, context);
    const failure = EtherscanErrorSchema.safeParse(response.body);
    if (failure.success) throw this.inBodyError(failure.data.result, response.status);
    if (response.status !== 200) throw this.error('unavailable', `HTTP ${response.status}`, { upstreamStatus: response.status });
    const { result } = parseUpstream(this.id, 'gas answer', GasOracleSchema, response.body);
    return {
      safe: this.gwei('result.SafeGasPrice', result.SafeGasPrice),
      propose: this.gwei('result.ProposeGasPrice', result.ProposeGasPrice),
      fast: this.gwei('result.FastGasPrice', result.FastGasPrice),
      baseFee: result.suggestBaseFee === undefined ? null : this.gwei('result.suggestBaseFee', result.suggestBaseFee),
      // The oracle carries a block number but no time: the answer is as fresh as the call.
      timestamp: Math.floor(Date.now() / 1000),
    };
  }

  private gwei(field: string, value: number): number {
    assertNonNegative(this.id, field, value);
    if (value > MAX_SANE_GWEI) throw this.error('insane_value', `${field} is not a sane gas price: ${value} gwei`);
    return value;
  }

  private inBodyError(reason: string, upstreamStatus: number): ProviderError {
    if (/too many invalid api key/i.test(reason)) {
      return this.error('rate_limited', `rate limited (in-body): ${reason}`, { upstreamStatus, retryAfterMs: INVALID_KEY_LOCKOUT_MS });
    }
    if (/rate limit/i.test(reason)) {
      // A daily quota does not come back in a second; let the declared back-off ladder decide.
      const retryAfterMs = /daily/i.test(reason) ? {} : { retryAfterMs: PER_SECOND_WINDOW_MS };
      return this.error('rate_limited', `rate limited (in-body): ${reason}`, { upstreamStatus, ...retryAfterMs });
    }
    return this.error('unavailable', `upstream error: ${reason}`, { upstreamStatus });
  }
}
