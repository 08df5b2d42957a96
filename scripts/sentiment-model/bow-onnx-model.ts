import { BERT_INPUTS, dynamicInput, encodeModel, tensor } from './onnx-graph-parts.js';
import { OnnxAttributeType, OnnxDataType } from './onnx-schema.js';

/** What the bag-of-words classifier graph is made of. */
export interface BowModelWeights {
  /** One row per vocabulary id, one column per label, as int8 lexicon points. */
  points: Int8Array;
  /** Number of labels (columns of `points`). */
  labelCount: number;
  /** Logit value of one lexicon point (the DequantizeLinear scale). */
  scale: number;
  /** Per-label bias added to the summed logits. */
  bias: Float32Array;
  /** Recorded in the model's doc string. */
  description: string;
}

/**
 * Encodes the classifier as an ONNX model (opset 13):
 * `logits = sum_t(mask_t * dequantize(points)[input_ids_t]) + bias`, inputs `input_ids` and
 * `attention_mask` ([batch, sequence] int64), output `logits` ([batch, labels] float). The
 * weights are stored as int8 with one scale, which is exact because lexicon scores are integers.
 */
export function encodeBowModel(weights: BowModelWeights): Uint8Array {
  const vocabSize = weights.points.length / weights.labelCount;
  const graph = {
    name: 'bag_of_words_sentiment',
    node: [
      { name: 'W_dequantize', op_type: 'DequantizeLinear', input: ['W_points', 'W_scale', 'W_zero'], output: ['W'] },
      { name: 'E_gather', op_type: 'Gather', input: ['W', 'input_ids'], output: ['E'] },
      { name: 'M_cast', op_type: 'Cast', input: ['attention_mask'], output: ['M'], attribute: [{ name: 'to', type: OnnxAttributeType.INT, i: OnnxDataType.FLOAT }] },
      { name: 'M3_unsqueeze', op_type: 'Unsqueeze', input: ['M', 'axis2'], output: ['M3'] },
      { name: 'EM_mul', op_type: 'Mul', input: ['E', 'M3'], output: ['EM'] },
      { name: 'S_sum', op_type: 'ReduceSum', input: ['EM', 'axis1'], output: ['S'], attribute: [{ name: 'keepdims', type: OnnxAttributeType.INT, i: 0 }] },
      { name: 'logits_add', op_type: 'Add', input: ['S', 'B'], output: ['logits'] },
    ],
    initializer: [
      tensor('W_points', OnnxDataType.INT8, [vocabSize, weights.labelCount], weights.points),
      tensor('W_scale', OnnxDataType.FLOAT, [], new Float32Array([weights.scale])),
      tensor('W_zero', OnnxDataType.INT8, [], new Int8Array([0])),
      tensor('B', OnnxDataType.FLOAT, [weights.labelCount], weights.bias),
      tensor('axis1', OnnxDataType.INT64, [1], new BigInt64Array([1n])),
      tensor('axis2', OnnxDataType.INT64, [1], new BigInt64Array([2n])),
    ],
    input: BERT_INPUTS,
    output: [dynamicInput('logits', OnnxDataType.FLOAT, ['batch_size', weights.labelCount])],
  };
  return encodeModel(graph, weights.description);
}
