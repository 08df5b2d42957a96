import type { QuantizedTable } from './linear-onnx-model.js';

/** Rounds weights to int8 steps of one scale (the largest weight maps to ±127). */
export function quantize(weights: Float64Array): QuantizedTable {
  let largest = 0;
  for (const weight of weights) largest = Math.max(largest, Math.abs(weight));
  // Math.fround: the graph stores the scale as float32, and dequantizes with that value.
  const scale = Math.fround(largest > 0 ? largest / 127 : 1);
  return { values: Int8Array.from(weights, (weight) => Math.max(-127, Math.min(127, Math.round(weight / scale)))), scale };
}
