import { ModelProto, OnnxDataType } from './onnx-schema.js';

/** ONNX opset the project's graphs use. */
export const OPSET = 13;
const IR_VERSION = 7;

/** An initializer, as `onnx.TensorProto` fields. */
export interface Tensor {
  name: string;
  data_type: number;
  dims: number[];
  raw_data: Uint8Array;
}

/** A named initializer holding `data` (raw little-endian bytes, as onnxruntime reads them). */
export function tensor(name: string, dataType: number, dims: number[], data: ArrayBufferView): Tensor {
  return { name, data_type: dataType, dims, raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** A float scalar initializer. */
export function floatScalar(name: string, value: number): Tensor {
  return tensor(name, OnnxDataType.FLOAT, [], new Float32Array([value]));
}

/** An int64 initializer of one or more values. */
export function int64s(name: string, values: readonly bigint[]): Tensor {
  return tensor(name, OnnxDataType.INT64, [values.length], BigInt64Array.from(values));
}

/** A graph input or output with named (dynamic) and fixed dimensions. */
export function dynamicInput(name: string, elemType: number, dims: Array<string | number>): Record<string, unknown> {
  const dim = dims.map((value) => (typeof value === 'string' ? { dim_param: value } : { dim_value: value }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}

/** The two inputs transformers.js feeds a BERT-style classifier: `[batch, sequence]` int64. */
export const BERT_INPUTS = [
  dynamicInput('input_ids', OnnxDataType.INT64, ['batch_size', 'sequence_length']),
  dynamicInput('attention_mask', OnnxDataType.INT64, ['batch_size', 'sequence_length']),
];

/** Serialises a graph as an ONNX model (IR 7, opset 13) with the project as producer. */
export function encodeModel(graph: Record<string, unknown>, description: string): Uint8Array {
  const model = ModelProto.fromObject({
    ir_version: IR_VERSION,
    producer_name: 'crypto-datasource scripts/build-sentiment-model.ts',
    producer_version: '1',
    doc_string: description,
    opset_import: [{ domain: '', version: OPSET }],
    graph,
  });
  return ModelProto.encode(model).finish();
}
