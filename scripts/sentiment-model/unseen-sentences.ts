import type { LabelledText, Sst2Data } from './sst2-data.js';

/** Training rows, and held-out whole sentences none of whose phrases the training rows contain. */
export interface UnseenSentenceSplit {
  train: LabelledText[];
  sentences: LabelledText[];
}

/** Held-out rows shorter than this are phrases, not sentences. */
const MIN_SENTENCE_WORDS = 5;

/**
 * SST-2 rows are phrases of parsed sentences, and heldout-from-train.tsv was drawn from the same
 * sentences as train.tsv: most held-out phrases, or their parent sentences, are training rows, so
 * held-out accuracy measures recall of seen sentences. This keeps the held-out rows that are whole
 * sentences (contained in no other row of either file) and drops from training every row that is
 * a word span of one of them, so those sentences are as new to the model as a user's text.
 */
/** Every run of at least `minWords` consecutive words of `text`. */
function spansOf(text: string, minWords: number): string[] {
  const words = text.split(' ');
  const spans: string[] = [];
  for (let start = 0; start < words.length; start++) {
    for (let end = start + minWords; end <= words.length; end++) spans.push(words.slice(start, end).join(' '));
  }
  return spans;
}

export function splitUnseenSentences(data: Sst2Data): UnseenSentenceSplit {
  const candidates = new Set(data.heldout.filter((row) => row.text.split(' ').length >= MIN_SENTENCE_WORDS).map((row) => row.text));
  const containing = new Map<string, number>();
  for (const row of [...data.train, ...data.heldout]) {
    for (const span of new Set(spansOf(row.text, MIN_SENTENCE_WORDS))) {
      if (candidates.has(span)) containing.set(span, (containing.get(span) ?? 0) + 1);
    }
  }
  // A whole sentence is contained in one row only: its own.
  const sentences = data.heldout.filter((row) => containing.get(row.text) === 1);
  const covered = new Set(sentences.flatMap((row) => spansOf(row.text, 1)));
  return { train: data.train.filter((row) => !covered.has(row.text)), sentences };
}
