import { z } from 'zod';
import { numeric } from '../../../core/index.js';

/**
 * `GET /fng/?limit=1` → `{"name":"Fear and Greed Index","data":[{"value":"25","value_classification":
 * "Extreme Fear","timestamp":"1639958400","time_until_update":"62507"}],"metadata":{"error":null}}`,
 * strings throughout, newest entry first (alternative_me.fng.json).
 */
export const FearGreedSchema = z.looseObject({
  data: z
    .array(
      z.looseObject({
        value: numeric,
        value_classification: z.string().min(1),
        timestamp: numeric,
      }),
    )
    .min(1, 'expected at least one index value'),
});

/** The API reports failures in `metadata.error` (concrete bodies not captured). */
export const FearGreedErrorSchema = z.looseObject({ metadata: z.looseObject({ error: z.string().min(1) }) });
