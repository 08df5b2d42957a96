import { bertWords } from './bert-text-encoder.js';
import { SPECIAL_TOKENS } from './lexicon-vocabulary.js';
import type { LabelledText } from './sst2-data.js';

/** The trained model's words and what the lexicons say about each. */
export interface TrainedVocabulary {
  /** Tokens in id order: special tokens, then the words sorted. */
  tokens: string[];
  /** Lexicon points of each token id (0 where no lexicon lists it). */
  points: number[];
  /** Token ids listed by a domain lexicon: their weight stays close to the lexicon's. */
  domain: boolean[];
}

/**
 * Words seen at least `minCount` times in the training rows, plus every single-word lexicon entry
 * with a score (so lexicon words the movie reviews never use still count). `general` lexicons
 * (AFINN) are a weak prior, `domain` ones (finance, crypto) a strong one and win where both list a word.
 */
export function buildTrainedVocabulary(
  rows: readonly LabelledText[],
  minCount: number,
  general: Readonly<Record<string, number>>,
  domain: Readonly<Record<string, number>>,
): TrainedVocabulary {
  const counts = new Map<string, number>();
  for (const row of rows) for (const word of bertWords(row.text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const points = new Map<string, number>([...Object.entries(general), ...Object.entries(domain)].filter(([word]) => /^[a-z]+$/.test(word)));
  const words = new Set([...counts].filter(([, count]) => count >= minCount).map(([word]) => word));
  for (const [word, score] of points) if (score !== 0) words.add(word);
  const sorted = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const tokens = [...SPECIAL_TOKENS, ...sorted];
  return {
    tokens,
    points: tokens.map((token, id) => (id < SPECIAL_TOKENS.length ? 0 : (points.get(token) ?? 0))),
    domain: tokens.map((token, id) => id >= SPECIAL_TOKENS.length && Object.hasOwn(domain, token)),
  };
}
