import { SPECIAL_TOKENS } from './lexicon-vocabulary.js';

const [PAD, UNK, CLS, SEP] = SPECIAL_TOKENS;

function specialToken(id: number, content: string): Record<string, unknown> {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

/**
 * `tokenizer.json` (Hugging Face tokenizers format, read by transformers.js): BERT normalizer
 * (lower-case), BERT pre-tokenizer, `[CLS] text [SEP]` template and a WordPiece model over the
 * lexicon vocabulary; unlisted words become `[UNK]`, which weighs nothing.
 */
export function tokenizerJson(tokens: readonly string[]): Record<string, unknown> {
  const vocab = Object.fromEntries(tokens.map((token, id) => [token, id]));
  const idOf = (token: string): number => vocab[token]!;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => specialToken(idOf(token), token)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: CLS, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: SEP, type_id: 0 } }],
      pair: [
        { SpecialToken: { id: CLS, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: SEP, type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: SEP, type_id: 1 } },
      ],
      special_tokens: {
        [CLS]: { id: CLS, ids: [idOf(CLS)], tokens: [CLS] },
        [SEP]: { id: SEP, ids: [idOf(SEP)], tokens: [SEP] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: UNK, continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}

/** `tokenizer_config.json`: special tokens and the 512-token truncation limit. */
export function tokenizerConfigJson(): Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: 512,
    pad_token: PAD,
    unk_token: UNK,
    cls_token: CLS,
    sep_token: SEP,
    clean_up_tokenization_spaces: true,
  };
}

/** `config.json`: a BERT-family sequence classifier, which is how transformers.js picks the pipeline's model class. */
export function modelConfigJson(labels: readonly string[], vocabSize: number): Record<string, unknown> {
  return {
    architectures: ['BertForSequenceClassification'],
    model_type: 'bert',
    id2label: Object.fromEntries(labels.map((label, id) => [String(id), label])),
    label2id: Object.fromEntries(labels.map((label, id) => [label, id])),
    vocab_size: vocabSize,
    max_position_embeddings: 512,
    pad_token_id: 0,
  };
}
