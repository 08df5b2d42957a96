import type { LabelledHeadline } from './crypto-headlines.js';

/** How a classifier did on a labelled headline set. */
export interface HeadlineEvaluation {
  /** Correct / all headlines (3 classes). */
  accuracy: number;
  /** Correct / positive-and-negative headlines only, so 2-label models compare fairly. */
  polarAccuracy: number;
  /** Correct and total per true label. */
  perLabel: Record<LabelledHeadline['label'], { correct: number; total: number }>;
  /** Headlines the classifier got wrong, with what it said. */
  mistakes: Array<LabelledHeadline & { predicted: string }>;
}

/** Runs `classify` (texts → `positive` / `negative` / `neutral`) over the set and scores it. */
export async function evaluateHeadlines(headlines: readonly LabelledHeadline[], classify: (texts: string[]) => Promise<string[]>): Promise<HeadlineEvaluation> {
  const predicted = await classify(headlines.map((headline) => headline.text));
  const perLabel: HeadlineEvaluation['perLabel'] = { positive: { correct: 0, total: 0 }, negative: { correct: 0, total: 0 }, neutral: { correct: 0, total: 0 } };
  const mistakes: HeadlineEvaluation['mistakes'] = [];
  headlines.forEach((headline, index) => {
    const bucket = perLabel[headline.label];
    bucket.total += 1;
    if (predicted[index] === headline.label) bucket.correct += 1;
    else mistakes.push({ ...headline, predicted: predicted[index] ?? 'none' });
  });
  const correct = perLabel.positive.correct + perLabel.negative.correct + perLabel.neutral.correct;
  const polarCorrect = perLabel.positive.correct + perLabel.negative.correct;
  const polarTotal = perLabel.positive.total + perLabel.negative.total;
  return { accuracy: correct / headlines.length, polarAccuracy: polarCorrect / polarTotal, perLabel, mistakes };
}
