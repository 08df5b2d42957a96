import { z } from 'zod';

/**
 * A date that upstreams send as an ISO 8601 string (Coinbase's `time`, CoinGecko's `last_updated`).
 * Converts to Unix milliseconds, ready for `toSaneUnixSeconds`; an unparsable string is schema drift.
 */
export const isoDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO date')
  .transform((value) => Date.parse(value));
