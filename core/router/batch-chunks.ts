import type { BatchLimit } from '../providers/batch-contribution.js';

/**
 * Splits `items` (kept in order) into as few runs as `limit` allows: at most `maxSymbols` each and,
 * when `maxListChars` is set, their identifiers joined with commas at most that long. An item whose
 * identifier alone is longer than `maxListChars` goes in a run of its own, for the upstream to judge.
 */
export function chunkByLimit<T>(items: readonly T[], idOf: (item: T) => string, limit: BatchLimit): T[][] {
  const maxSymbols = Math.max(1, limit.maxSymbols);
  const maxChars = limit.maxListChars ?? Number.POSITIVE_INFINITY;
  const chunks: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    const length = idOf(item).length;
    const grown = current.length === 0 ? length : chars + 1 + length;
    if (current.length > 0 && (current.length >= maxSymbols || grown > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    chars = current.length === 0 ? length : chars + 1 + length;
    current.push(item);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
