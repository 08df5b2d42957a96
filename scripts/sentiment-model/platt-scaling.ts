/** `p(positive) = σ(slope · score + intercept)`. */
export interface PlattScaling {
  slope: number;
  intercept: number;
}

/**
 * Fits Platt scaling (a one-feature logistic regression) by Newton's method on held-out scores
 * and labels (1 = positive): how far the model's raw scores are over- or under-confident.
 */
export function fitPlattScaling(scores: readonly number[], labels: readonly number[]): PlattScaling {
  let slope = 1;
  let intercept = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let gs = 0, gi = 0, hss = 0, hsi = 0, hii = 0;
    scores.forEach((score, index) => {
      const p = 1 / (1 + Math.exp(-(slope * score + intercept)));
      const residual = p - labels[index]!;
      const curvature = Math.max(p * (1 - p), 1e-12);
      gs += residual * score;
      gi += residual;
      hss += curvature * score * score;
      hsi += curvature * score;
      hii += curvature;
    });
    const determinant = hss * hii - hsi * hsi;
    if (determinant <= 0) break;
    slope -= (hii * gs - hsi * gi) / determinant;
    intercept -= (hss * gi - hsi * gs) / determinant;
  }
  return { slope, intercept };
}
