import { BertTokenizer } from '@xenova/transformers';
import { SPECIAL_TOKENS } from './lexicon-vocabulary.js';
import { tokenizerConfigJson, tokenizerJson } from './tokenizer-files.js';

/**
 * The tokenizer transformers.js builds from the `tokenizer.json` we write, so training sees
 * exactly the token ids inference will: the same normalizer, pre-tokenizer and WordPiece code.
 */
export class BertTextEncoder {
  private readonly tokenizer: BertTokenizer;

  constructor(tokens: readonly string[]) {
    this.tokenizer = new BertTokenizer(tokenizerJson(tokens), tokenizerConfigJson());
  }

  /** Token ids of `text` as the pipeline feeds them to the model: `[CLS] ... [SEP]`. */
  encode(text: string): number[] {
    return this.tokenizer.encode(text);
  }
}

const wordSplitter = new BertTokenizer(tokenizerJson(SPECIAL_TOKENS), tokenizerConfigJson());

/** The words the BERT normalizer and pre-tokenizer cut `text` into (lower-cased, punctuation split off). */
export function bertWords(text: string): string[] {
  return wordSplitter.pre_tokenizer(wordSplitter.normalizer(text)) as string[];
}
