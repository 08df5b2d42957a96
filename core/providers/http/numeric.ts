import { z } from 'zod';

/**
 * A number that upstreams send either as a JSON number or as a numeric string (Binance prices,
 * ccxt-recorded ids). Converts to a finite number; anything else is schema drift.
 */
export const numeric = z
  .union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'expected a numeric string')])
  .transform((value) => Number(value))
  .pipe(z.number().refine(Number.isFinite, 'expected a finite number'));
