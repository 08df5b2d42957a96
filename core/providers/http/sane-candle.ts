import type { Candle } from '../capability.js';
import { assertNonNegative, assertSanePrice, toSaneUnixSeconds, type SanityContext } from './sanity.js';

/** The fields of a candle, by our names. */
export type CandleField = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';

/** An upstream candle's values by our field names; `volume` is null when the upstream has none. */
export interface CandleValues {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number | null;
}

/** Column of each field in the common `[time, open, high, low, close, volume, ...]` row. */
export const OHLCV_COLUMNS: Readonly<Record<CandleField, number>> = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 };

/**
 * Checks an upstream candle and returns ours: the time in sane Unix seconds (milliseconds are
 * detected), sane prices, a volume that is not negative (null stays unknown). `pathOf` says where a
 * field sits in the answer (`[3][2]`, `data.ohlc[3].high`), so an `insane_value` names it.
 */
export function saneCandle(source: SanityContext, values: CandleValues, pathOf: (field: CandleField) => string): Candle {
  const price = (field: 'open' | 'high' | 'low' | 'close'): number => assertSanePrice(source, pathOf(field), values[field]);
  return [
    toSaneUnixSeconds(source, pathOf('time'), values.time),
    price('open'),
    price('high'),
    price('low'),
    price('close'),
    values.volume === null ? null : assertNonNegative(source, pathOf('volume'), values.volume),
  ];
}
