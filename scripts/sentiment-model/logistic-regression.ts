/** Texts as sparse feature lists: example `i` holds `features[offsets[i] .. offsets[i + 1])`, a feature once per occurrence. */
export interface SparseExamples {
  offsets: Int32Array;
  features: Int32Array;
  /** 1 = positive, 0 = negative. */
  labels: Uint8Array;
}

/** What `trainLogisticRegression` minimises besides the mean log-loss. */
export interface LogisticRegressionOptions {
  /** Number of weights. */
  dimension: number;
  /** Each weight is pulled towards `prior[j]` (a lexicon score, or 0) with strength `penalty[j] / 2 · (w_j - prior_j)²`. */
  prior: Float64Array;
  penalty: Float64Array;
  /** L-BFGS iterations; the loss is convex, so more only refines. */
  iterations: number;
}

/** Trained weights and the intercept. */
export interface LogisticRegressionModel {
  weights: Float64Array;
  bias: number;
}

const HISTORY = 10;

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Mean log-loss of `(weights, bias)` plus the prior penalty; writes the gradient (bias last) into `gradient`. */
function objective(examples: SparseExamples, options: LogisticRegressionOptions, point: Float64Array, gradient: Float64Array): number {
  const { offsets, features, labels } = examples;
  const count = labels.length;
  const bias = point[options.dimension]!;
  gradient.fill(0);
  let loss = 0;
  for (let i = 0; i < count; i++) {
    let z = bias;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) z += point[features[k]!]!;
    // log(1 + e^-yz) for y in {-1, 1}, computed without overflow.
    const margin = labels[i] === 1 ? z : -z;
    loss += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
    const residual = (sigmoid(z) - labels[i]!) / count;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) gradient[features[k]!]! += residual;
    gradient[options.dimension]! += residual;
  }
  loss /= count;
  for (let j = 0; j < options.dimension; j++) {
    const offset = point[j]! - options.prior[j]!;
    loss += 0.5 * options.penalty[j]! * offset * offset;
    gradient[j]! += options.penalty[j]! * offset;
  }
  return loss;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j]! * b[j]!;
  return sum;
}

/**
 * Binary logistic regression fitted by L-BFGS (full batch, backtracking line search). Every step
 * is a fixed sequence of float operations over the examples in their given order, so the same
 * data gives the same weights bit for bit on every run.
 */
export function trainLogisticRegression(examples: SparseExamples, options: LogisticRegressionOptions): LogisticRegressionModel {
  const size = options.dimension + 1;
  const point = new Float64Array(size);
  point.set(options.prior.subarray(0, options.dimension));
  const gradient = new Float64Array(size);
  let loss = objective(examples, options, point, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const next = new Float64Array(size);
  const nextGradient = new Float64Array(size);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    // Two-loop recursion: direction = -H·gradient from the last HISTORY steps.
    const direction = new Float64Array(size);
    for (let j = 0; j < size; j++) direction[j] = -gradient[j]!;
    const alphas: number[] = [];
    for (let m = steps.length - 1; m >= 0; m--) {
      const alpha = dot(steps[m]!, direction) / dot(changes[m]!, steps[m]!);
      alphas[m] = alpha;
      for (let j = 0; j < size; j++) direction[j]! -= alpha * changes[m]![j]!;
    }
    if (steps.length > 0) {
      const last = steps.length - 1;
      const scale = dot(steps[last]!, changes[last]!) / dot(changes[last]!, changes[last]!);
      for (let j = 0; j < size; j++) direction[j]! *= scale;
    }
    for (let m = 0; m < steps.length; m++) {
      const beta = dot(changes[m]!, direction) / dot(changes[m]!, steps[m]!);
      for (let j = 0; j < size; j++) direction[j]! += (alphas[m]! - beta) * steps[m]![j]!;
    }
    const slope = dot(direction, gradient);
    if (slope >= 0) break;
    let stepSize = 1;
    let nextLoss = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let j = 0; j < size; j++) next[j] = point[j]! + stepSize * direction[j]!;
      nextLoss = objective(examples, options, next, nextGradient);
      if (nextLoss <= loss + 1e-4 * stepSize * slope) break;
      stepSize /= 2;
    }
    if (!(nextLoss < loss)) break;
    const step = steps.length === HISTORY ? steps.shift()! : new Float64Array(size);
    const change = changes.length === HISTORY ? changes.shift()! : new Float64Array(size);
    for (let j = 0; j < size; j++) {
      step[j] = next[j]! - point[j]!;
      change[j] = nextGradient[j]! - gradient[j]!;
    }
    steps.push(step);
    changes.push(change);
    point.set(next);
    gradient.set(nextGradient);
    loss = nextLoss;
  }
  return { weights: point.subarray(0, options.dimension), bias: point[options.dimension]! };
}
