import type { LabelledHeadline } from './crypto-headlines.js';
import type { LinearScore } from './linear-scorer.js';

/** Neutral wins while `|polarity| + evidenceWeight · evidence < margin`. */
export interface NeutralRule {
  evidenceWeight: number;
  margin: number;
}

/** The rule chosen and how it did on the sets it was chosen with. */
export interface NeutralRuleChoice {
  rule: NeutralRule;
  /** 3-class accuracy on the calibration sentences. */
  calibrationAccuracy: number;
  /** Unseen SST-2 sentences: sign of the polarity right (no neutral). */
  binaryAccuracy: number;
  /** Unseen SST-2 sentences with the rule applied: a neutral answer counts as wrong. */
  sentenceAccuracy: number;
}

type Label = LabelledHeadline['label'];

/** The label the graph's logits give a score under `rule`. */
export function labelOf(score: LinearScore, rule: NeutralRule): Label {
  if (Math.abs(score.polarity) + rule.evidenceWeight * score.evidence < rule.margin) return 'neutral';
  return score.polarity > 0 ? 'positive' : 'negative';
}

const EVIDENCE_WEIGHTS = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4];
const MARGINS = Array.from({ length: 48 }, (_, index) => 0.25 * (index + 1));

/** 3-class accuracy of `rule` on `scored`. */
export function ruleAccuracy(scored: ReadonlyArray<{ score: LinearScore; label: Label }>, rule: NeutralRule): number {
  return scored.filter((item) => labelOf(item.score, rule) === item.label).length / scored.length;
}

/** Labels `scored` by sign alone, as a model without neutral would. */
export function signAccuracy(scored: ReadonlyArray<{ score: LinearScore; label: Label }>): number {
  return scored.filter((item) => (item.score.polarity > 0 ? 'positive' : 'negative') === item.label).length / scored.length;
}

/**
 * The neutral rule that labels the calibration sentences best among those that cost the
 * unseen SST-2 sentences (all positive or negative) at most `maxCost` accuracy through neutral
 * answers: texts with little sentiment-bearing material become neutral, a mixed review does not.
 * Ties go to the smaller cost, then the smaller margin. Undefined when no rule is that cheap.
 */
export function bestNeutralRule(
  calibration: ReadonlyArray<{ score: LinearScore; label: Label }>,
  sentences: ReadonlyArray<{ score: LinearScore; label: Label }>,
  maxCost: number,
): NeutralRuleChoice | undefined {
  const binaryAccuracy = signAccuracy(sentences);
  let best: NeutralRuleChoice | undefined;
  for (const evidenceWeight of EVIDENCE_WEIGHTS) {
    for (const margin of MARGINS) {
      const rule = { evidenceWeight, margin };
      const sentenceAccuracy = ruleAccuracy(sentences, rule);
      if (binaryAccuracy - sentenceAccuracy > maxCost) continue;
      const calibrationAccuracy = ruleAccuracy(calibration, rule);
      const better =
        best === undefined ||
        calibrationAccuracy > best.calibrationAccuracy ||
        (calibrationAccuracy === best.calibrationAccuracy && sentenceAccuracy > best.sentenceAccuracy);
      if (better) best = { rule, calibrationAccuracy, binaryAccuracy, sentenceAccuracy };
    }
  }
  return best;
}

/** {@link bestNeutralRule}, for the model's own cost cap: throws when no rule is that cheap. */
export function chooseNeutralRule(
  calibration: ReadonlyArray<{ score: LinearScore; label: Label }>,
  sentences: ReadonlyArray<{ score: LinearScore; label: Label }>,
  maxCost: number,
): NeutralRuleChoice {
  const best = bestNeutralRule(calibration, sentences, maxCost);
  if (best === undefined) throw new Error(`no neutral rule keeps the SST-2 cost within ${maxCost}`);
  return best;
}
