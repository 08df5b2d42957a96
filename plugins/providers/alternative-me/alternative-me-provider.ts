import type { FearGreedIndex } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers } from '../../../core/providers/http/http-market-provider.js';
import { parseUpstream } from '../../../core/providers/http/parse-upstream.js';
import { toSaneUnixSeconds } from '../../../core/providers/http/sanity.js';
import { FearGreedErrorSchema, FearGreedSchema } from './alternative-me-schema.js';

/** The index is defined on 0–100. */
const MAX_INDEX = 100;

/** Alternative.me's Fear & Greed index from `/fng/?limit=1` (the latest value only). */
export class AlternativeMeProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    'fear-greed': (_query, context) => this.fearGreed(context),
  };

  private async fearGreed(context: FetchContext): Promise<FearGreedIndex> {
    const response = await this.getJson('/fng/', { limit: 1 }, context);
    const failure = FearGreedErrorSchema.safeParse(response.body);
    if (failure.success) throw this.error('unavailable', `upstream error: ${failure.data.metadata.error}`, { upstreamStatus: response.status });
    if (response.status !== 200) throw this.error('unavailable', `HTTP ${response.status}`, { upstreamStatus: response.status });
    const latest = parseUpstream(this.id, 'fear-greed answer', FearGreedSchema, response.body).data[0]!;
    if (latest.value < 0 || latest.value > MAX_INDEX) throw this.error('insane_value', `data[0].value is outside 0–100: ${latest.value}`);
    return {
      value: latest.value,
      classification: latest.value_classification,
      timestamp: toSaneUnixSeconds(this.id, 'data[0].timestamp', latest.timestamp),
    };
  }
}
