import { type CapabilityQuery, type FearGreedIndex, toSaneUnixSeconds, type CapabilityFunctions, type UpstreamClient } from '../../../core/index.js';
import { FearGreedErrorSchema, FearGreedSchema } from './alternative-me-schema.js';

/** The index is defined on 0–100. */
const MAX_INDEX = 100;

async function fearGreed(_query: CapabilityQuery<'fear-greed'>, upstream: UpstreamClient): Promise<FearGreedIndex> {
  const response = await upstream.getJson('/fng/', { limit: 1 });
  const failure = FearGreedErrorSchema.safeParse(response.body);
  if (failure.success) throw upstream.error('unavailable', `upstream error: ${failure.data.metadata.error}`, { upstreamStatus: response.status });
  if (response.status !== 200) throw upstream.error('unavailable', `HTTP ${response.status}`, { upstreamStatus: response.status });
  const latest = upstream.parse('fear-greed answer', FearGreedSchema, response.body).data[0]!;
  if (latest.value < 0 || latest.value > MAX_INDEX) throw upstream.error('insane_value', `data[0].value is outside 0–100: ${latest.value}`);
  return {
    value: latest.value,
    classification: latest.value_classification,
    timestamp: toSaneUnixSeconds(upstream, 'data[0].timestamp', latest.timestamp),
  };
}

/** Alternative.me's Fear & Greed index from `/fng/?limit=1` (the latest value only). */
export const ALTERNATIVE_ME_CAPABILITIES: CapabilityFunctions = { 'fear-greed': fearGreed };
