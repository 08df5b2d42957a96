import { SPECIAL_TOKENS } from './lexicon-vocabulary.js';
import { negatedPositions, type NegationCues } from './negation-scope.js';

/** Ids below this are `[PAD] [UNK] [CLS] [SEP]`; a bigram needs two real words. */
export const FIRST_WORD_ID = SPECIAL_TOKENS.length;
/** Size of the hashed bigram table (a prime, so the hash spreads over it). */
export const BIGRAM_BUCKETS = 1_048_573;
/** Multiplier of the first word's id in the bigram hash; larger than any vocabulary, so `a·M + b` never repeats before the modulo. */
export const BIGRAM_MULTIPLIER = 1_000_003;

/** Hashed-table slot of the bigram (first, second), computed the same way in the ONNX graph. */
export function bigramBucket(first: number, second: number): number {
  return (first * BIGRAM_MULTIPLIER + second) % BIGRAM_BUCKETS;
}

/**
 * The weight indices a token-id sequence adds up, one per occurrence. The word table has two
 * halves: a word's id, or `vocabularySize + id` inside a negation scope. Offset by
 * `2 · vocabularySize` come the buckets of each pair of adjacent vocabulary words. Special
 * tokens weigh nothing, `[UNK]` included: a word the model never saw says nothing about the text.
 */
export function linearFeatures(ids: readonly number[], vocabularySize: number, negation: NegationCues): number[] {
  const negated = negatedPositions(ids, negation);
  const features: number[] = [];
  ids.forEach((id, position) => {
    if (id >= FIRST_WORD_ID) features.push(negated[position] ? vocabularySize + id : id);
    const next = ids[position + 1];
    if (id >= FIRST_WORD_ID && next !== undefined && next >= FIRST_WORD_ID) features.push(2 * vocabularySize + bigramBucket(id, next));
  });
  return features;
}
