/** Special tokens, in vocabulary order: ids 0..3. */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

/**
 * WordPiece continuations that let a listed stem cover its inflections ("exploit" + "##s"). They
 * carry no weight of their own. Kept to plain suffixes: "##d" would read "wind" as "win" + "d".
 */
export const SUFFIX_PIECES = ['##s', '##es', '##ed', '##ing'] as const;

/** A vocabulary with one lexicon score per token id. */
export interface LexiconVocabulary {
  /** Tokens in id order. */
  tokens: string[];
  /** Lexicon score of each token id (0 for special tokens and suffix pieces). */
  scores: number[];
}

/**
 * Merges lexicons (later ones win) into a WordPiece vocabulary of single lower-case words with a
 * non-zero score. Multi-word and hyphenated AFINN entries are left out: the BERT pre-tokenizer
 * splits them, so they could never match as one token.
 */
export function buildLexiconVocabulary(...lexicons: ReadonlyArray<Readonly<Record<string, number>>>): LexiconVocabulary {
  const merged = new Map<string, number>();
  for (const lexicon of lexicons) {
    for (const [word, score] of Object.entries(lexicon)) merged.set(word, score);
  }
  const words = [...merged.entries()]
    .filter(([word, score]) => /^[a-z]+$/.test(word) && score !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    tokens: [...SPECIAL_TOKENS, ...SUFFIX_PIECES, ...words.map(([word]) => word)],
    scores: [...SPECIAL_TOKENS.map(() => 0), ...SUFFIX_PIECES.map(() => 0), ...words.map(([, score]) => score)],
  };
}
