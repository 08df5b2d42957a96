/**
 * Negation scope, marked the same way in training, in the JS scorer and in the ONNX graph: the
 * (up to) two tokens after a negation cue are read as negated words, each with its own weight,
 * unless punctuation or "but" closes the scope first. "isn't good" (BERT: "isn ' t good") gives
 * "good" its negated weight; "not bad, but dull" leaves "dull" plain.
 */

/** Words that open a negation scope ("t" is the last piece of "isn't", "don't", "can't"). */
export const NEGATION_CUES = ['not', 'no', 'never', 'nothing', 'neither', 'nor', 'without', 'hardly', 'barely', 't', 'none', 'nobody', 'cannot'] as const;

/** Tokens that close a negation scope. */
export const SCOPE_BREAKS = ['.', ',', ';', ':', '!', '?', '-', 'but'] as const;

/** Vocabulary ids of the cues and of the scope breaks. */
export interface NegationCues {
  cues: ReadonlySet<number>;
  breaks: ReadonlySet<number>;
}

/** The cue and break ids of a vocabulary (tokens in id order); words it lacks are left out. */
export function negationCues(tokens: readonly string[]): NegationCues {
  const ids = (words: readonly string[]): Set<number> => new Set(words.map((word) => tokens.indexOf(word)).filter((id) => id >= 0));
  return { cues: ids(NEGATION_CUES), breaks: ids(SCOPE_BREAKS) };
}

/**
 * Whether each position of `ids` is inside a negation scope: not itself a break, and right after
 * a cue, or two after a cue with no break between.
 */
export function negatedPositions(ids: readonly number[], { cues, breaks }: NegationCues): boolean[] {
  return ids.map((id, position) => {
    if (breaks.has(id)) return false;
    const previous = ids[position - 1];
    const beforePrevious = ids[position - 2];
    if (previous !== undefined && cues.has(previous)) return true;
    return beforePrevious !== undefined && cues.has(beforePrevious) && previous !== undefined && !breaks.has(previous);
  });
}
