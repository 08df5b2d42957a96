import { BIGRAM_BUCKETS, BIGRAM_MULTIPLIER, FIRST_WORD_ID } from './linear-features.js';
import type { NegationCues } from './negation-scope.js';
import type { NeutralRule } from './neutral-rule.js';
import { dynamicInput, BERT_INPUTS, encodeModel, floatScalar, int64s, tensor } from './onnx-graph-parts.js';
import { OnnxAttributeType, OnnxDataType } from './onnx-schema.js';
import type { SubjectivityHead } from './subjectivity-head.js';

/** An int8 weight table and the logit value of one step (DequantizeLinear scale). */
export interface QuantizedTable {
  values: Int8Array;
  scale: number;
}

/** What the linear classifier graph is made of. */
export interface LinearModelWeights {
  /** One weight per vocabulary id (polarity logit, positive > 0), then one per id inside a negation scope. */
  words: QuantizedTable;
  /** Vocabulary ids that open and that close a negation scope. */
  negation: NegationCues;
  /** One weight per bigram hash bucket ({@link BIGRAM_BUCKETS} of them). */
  bigrams: QuantizedTable;
  /** The objective/subjective head over the same features. */
  subjectivity: SubjectivityHead;
  /** When neutral wins (neutral-rule.ts). */
  neutral: NeutralRule;
  /** Recorded in the model's doc string. */
  description: string;
}

const toFloat = { name: 'to', type: OnnxAttributeType.INT, i: OnnxDataType.FLOAT };
const toInt64 = { name: 'to', type: OnnxAttributeType.INT, i: OnnxDataType.INT64 };
const keepDims = { name: 'keepdims', type: OnnxAttributeType.INT, i: 1 };

function node(op: string, input: string[], output: string, attribute: unknown[] = []): Record<string, unknown> {
  return { name: `${output}_${op.toLowerCase()}`, op_type: op, input, output: [output], attribute };
}

/** An int8 0/1 table over the vocabulary: 1 at the listed ids. */
function indicator(size: number, ids: ReadonlySet<number>): Int8Array {
  return Int8Array.from({ length: size }, (_, id) => (ids.has(id) ? 1 : 0));
}

/**
 * Encodes the classifier as an ONNX model (opset 13). With `u` the word and `b` the bigram
 * weights, per text: `z = Σ_t u[id_t + V·neg_t] + Σ_t b[hash(id_t, id_t+1)]` (bigrams of two real
 * words only; `neg_t` = 1 inside a negation scope, see negation-scope.ts) is the polarity and `e = √(Σ term²)` the evidence;
 * the subjectivity head's tables over the same indices give `s`. The logits are
 * `(-z/2, (margin + objectivityWeight · max(0, ceiling − s) − evidenceWeight · e)/2, z/2)`, so positive/negative odds are `e^z` and neutral
 * wins exactly when the rule of neutral-rule.ts says so.
 */
export function encodeLinearModel(weights: LinearModelWeights): Uint8Array {
  const vocabularySize = weights.words.values.length / 2;
  const graph = {
    name: 'linear_bigram_sentiment',
    node: [
      node('Cast', ['attention_mask'], 'mask', [toFloat]),
      // Negation scope: cue one or two tokens back, no break in between, not a break itself.
      node('Gather', ['cue_q', 'input_ids'], 'cue_i8'),
      node('Gather', ['break_q', 'input_ids'], 'break_i8'),
      node('Cast', ['cue_i8'], 'cue', [toFloat]),
      node('Cast', ['break_i8'], 'brk', [toFloat]),
      node('Pad', ['cue', 'pad1'], 'cue_pad1'),
      node('Slice', ['cue_pad1', 'start0', 'end_last', 'axis1'], 'cue_back1'),
      node('Pad', ['cue', 'pad2'], 'cue_pad2'),
      node('Slice', ['cue_pad2', 'start0', 'end_last2', 'axis1'], 'cue_back2'),
      node('Pad', ['brk', 'pad1'], 'brk_pad1'),
      node('Slice', ['brk_pad1', 'start0', 'end_last', 'axis1'], 'brk_back1'),
      node('Sub', ['one', 'brk'], 'open_here'),
      node('Sub', ['one', 'brk_back1'], 'open_back1'),
      node('Mul', ['cue_back2', 'open_back1'], 'reach2'),
      node('Max', ['cue_back1', 'reach2'], 'reach'),
      node('Mul', ['reach', 'open_here'], 'negated_f'),
      node('Cast', ['negated_f'], 'negated', [toInt64]),
      node('Mul', ['negated', 'vocabulary_size'], 'word_offset'),
      node('Add', ['input_ids', 'word_offset'], 'word_index'),
      // Words: special tokens and [UNK] have weight 0, padding is masked.
      // Gathered int8 values are dequantized after the lookup, so no call expands the tables.
      node('Gather', ['U_q', 'word_index'], 'u_q'),
      node('DequantizeLinear', ['u_q', 'U_scale', 'zero'], 'u_raw'),
      node('Mul', ['u_raw', 'mask'], 'u_terms'),
      // Bigrams: ids[t] and ids[t+1], both real words and both unmasked.
      node('Slice', ['input_ids', 'start0', 'end_last', 'axis1'], 'first'),
      node('Slice', ['input_ids', 'start1', 'end_max', 'axis1'], 'second'),
      node('Slice', ['mask', 'start0', 'end_last', 'axis1'], 'mask_first'),
      node('Slice', ['mask', 'start1', 'end_max', 'axis1'], 'mask_second'),
      node('Greater', ['first', 'last_special'], 'first_word'),
      node('Greater', ['second', 'last_special'], 'second_word'),
      node('Cast', ['first_word'], 'first_word_f', [toFloat]),
      node('Cast', ['second_word'], 'second_word_f', [toFloat]),
      node('Mul', ['mask_first', 'mask_second'], 'pair_mask'),
      node('Mul', ['first_word_f', 'second_word_f'], 'pair_words'),
      node('Mul', ['pair_mask', 'pair_words'], 'pair_valid'),
      node('Mul', ['first', 'multiplier'], 'first_scaled'),
      node('Add', ['first_scaled', 'second'], 'pair_key'),
      node('Mod', ['pair_key', 'buckets'], 'bucket'),
      node('Gather', ['B_q', 'bucket'], 'b_q'),
      node('DequantizeLinear', ['b_q', 'B_scale', 'zero'], 'b_raw'),
      node('Mul', ['b_raw', 'pair_valid'], 'b_terms'),
      // Polarity and evidence, [batch, 1] each.
      node('ReduceSum', ['u_terms', 'axis1'], 'u_sum', [keepDims]),
      node('ReduceSum', ['b_terms', 'axis1'], 'b_sum', [keepDims]),
      node('Add', ['u_sum', 'b_sum'], 'z'),
      node('Mul', ['u_terms', 'u_terms'], 'u_squares'),
      node('Mul', ['b_terms', 'b_terms'], 'b_squares'),
      node('ReduceSum', ['u_squares', 'axis1'], 'u_square_sum', [keepDims]),
      node('ReduceSum', ['b_squares', 'axis1'], 'b_square_sum', [keepDims]),
      node('Add', ['u_square_sum', 'b_square_sum'], 'square_sum'),
      node('Sqrt', ['square_sum'], 'evidence'),
      // Subjectivity: the second head's tables over the same word indices and bigram buckets.
      node('Gather', ['S_q', 'word_index'], 's_word_q'),
      node('DequantizeLinear', ['s_word_q', 'S_scale', 'zero'], 's_word_raw'),
      node('Mul', ['s_word_raw', 'mask'], 's_word_terms'),
      node('Gather', ['SB_q', 'bucket'], 's_pair_q'),
      node('DequantizeLinear', ['s_pair_q', 'SB_scale', 'zero'], 's_pair_raw'),
      node('Mul', ['s_pair_raw', 'pair_valid'], 's_pair_terms'),
      node('ReduceSum', ['s_word_terms', 'axis1'], 's_word_sum', [keepDims]),
      node('ReduceSum', ['s_pair_terms', 'axis1'], 's_pair_sum', [keepDims]),
      node('Add', ['s_word_sum', 's_pair_sum'], 's_terms'),
      node('Add', ['s_terms', 'subjectivity_bias'], 'subjectivity'),
      node('Sub', ['subjectivity_ceiling', 'subjectivity'], 'below_ceiling'),
      node('Relu', ['below_ceiling'], 'objectivity'),
      node('Mul', ['objectivity', 'objectivity_slope'], 'objectivity_allowance'),
      node('Mul', ['z', 'minus_half'], 'negative_logit'),
      node('Mul', ['z', 'half'], 'positive_logit'),
      node('Mul', ['evidence', 'evidence_slope'], 'evidence_penalty'),
      node('Sub', ['half_margin', 'evidence_penalty'], 'neutral_base'),
      node('Add', ['neutral_base', 'objectivity_allowance'], 'neutral_logit'),
      node('Concat', ['negative_logit', 'neutral_logit', 'positive_logit'], 'logits', [{ name: 'axis', type: OnnxAttributeType.INT, i: 1 }]),
    ],
    initializer: [
      tensor('U_q', OnnxDataType.INT8, [weights.words.values.length], weights.words.values),
      floatScalar('U_scale', weights.words.scale),
      tensor('cue_q', OnnxDataType.INT8, [vocabularySize], indicator(vocabularySize, weights.negation.cues)),
      tensor('break_q', OnnxDataType.INT8, [vocabularySize], indicator(vocabularySize, weights.negation.breaks)),
      int64s('pad1', [0n, 1n, 0n, 0n]),
      int64s('pad2', [0n, 2n, 0n, 0n]),
      int64s('end_last2', [-2n]),
      floatScalar('one', 1),
      tensor('vocabulary_size', OnnxDataType.INT64, [], BigInt64Array.from([BigInt(vocabularySize)])),
      tensor('B_q', OnnxDataType.INT8, [weights.bigrams.values.length], weights.bigrams.values),
      floatScalar('B_scale', weights.bigrams.scale),
      tensor('zero', OnnxDataType.INT8, [], new Int8Array([0])),
      int64s('start0', [0n]),
      int64s('start1', [1n]),
      int64s('end_last', [-1n]),
      int64s('end_max', [BigInt(Number.MAX_SAFE_INTEGER)]),
      int64s('axis1', [1n]),
      tensor('last_special', OnnxDataType.INT64, [], BigInt64Array.from([BigInt(FIRST_WORD_ID - 1)])),
      tensor('multiplier', OnnxDataType.INT64, [], BigInt64Array.from([BigInt(BIGRAM_MULTIPLIER)])),
      tensor('buckets', OnnxDataType.INT64, [], BigInt64Array.from([BigInt(BIGRAM_BUCKETS)])),
      floatScalar('half', 0.5),
      floatScalar('minus_half', -0.5),
      floatScalar('half_margin', weights.neutral.margin / 2),
      floatScalar('evidence_slope', weights.neutral.evidenceWeight / 2),
      tensor('S_q', OnnxDataType.INT8, [weights.subjectivity.words.values.length], weights.subjectivity.words.values),
      floatScalar('S_scale', weights.subjectivity.words.scale),
      tensor('SB_q', OnnxDataType.INT8, [weights.subjectivity.bigrams.values.length], weights.subjectivity.bigrams.values),
      floatScalar('SB_scale', weights.subjectivity.bigrams.scale),
      floatScalar('subjectivity_bias', weights.subjectivity.bias),
      floatScalar('subjectivity_ceiling', weights.neutral.subjectivityCeiling),
      floatScalar('objectivity_slope', weights.neutral.objectivityWeight / 2),
    ],
    input: BERT_INPUTS,
    output: [dynamicInput('logits', OnnxDataType.FLOAT, ['batch_size', 3])],
  };
  return encodeModel(graph, weights.description);
}
