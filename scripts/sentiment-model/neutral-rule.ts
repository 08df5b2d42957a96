import type { LabelledHeadline } from './crypto-headlines.js';
import type { LinearScore } from './linear-scorer.js';

/**
 * Neutral wins while `|polarity| + evidenceWeight · evidence < margin + objectivityWeight · max(0, subjectivityCeiling − subjectivity)`:
 * little sentiment-bearing material, and the more objective the text reads, the more polarity it may have and stay neutral.
 */
export interface NeutralRule {
  evidenceWeight: number;
  margin: number;
  objectivityWeight: number;
  subjectivityCeiling: number;
}

type Scored = ReadonlyArray<{ score: LinearScore; label: Label }>;

/** The rule chosen and how it did on the sets it was chosen with. */
export interface NeutralRuleChoice {
  rule: NeutralRule;
  /** 3-class accuracy on the calibration sentences. */
  calibrationAccuracy: number;
  /** Share of the held-out objective Brown sentences labelled neutral (the tie-break). */
  objectiveNeutral: number;
  /** Unseen SST-2 sentences: sign of the polarity right (no neutral). */
  binaryAccuracy: number;
  /** Unseen SST-2 sentences with the rule applied: a neutral answer counts as wrong. */
  sentenceAccuracy: number;
}

type Label = LabelledHeadline['label'];

/** The label the graph's logits give a score under `rule`. */
export function labelOf(score: LinearScore, rule: NeutralRule): Label {
  const allowance = rule.margin + rule.objectivityWeight * Math.max(0, rule.subjectivityCeiling - score.subjectivity);
  if (Math.abs(score.polarity) + rule.evidenceWeight * score.evidence < allowance) return 'neutral';
  return score.polarity > 0 ? 'positive' : 'negative';
}

const EVIDENCE_WEIGHTS = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4];
const MARGINS = Array.from({ length: 48 }, (_, index) => 0.25 * (index + 1));
const OBJECTIVITY_WEIGHTS = [0, 0.25, 0.5, 1, 2, 4];
const SUBJECTIVITY_CEILINGS = Array.from({ length: 11 }, (_, index) => -2 + 0.5 * index);

/** 3-class accuracy of `rule` on `scored`. */
export function ruleAccuracy(scored: Scored, rule: NeutralRule): number {
  return scored.filter((item) => labelOf(item.score, rule) === item.label).length / scored.length;
}

/** Labels `scored` by sign alone, as a model without neutral would. */
export function signAccuracy(scored: Scored): number {
  return scored.filter((item) => (item.score.polarity > 0 ? 'positive' : 'negative') === item.label).length / scored.length;
}

/**
 * The neutral rule that labels the calibration sentences best among those that cost the
 * unseen SST-2 sentences (all positive or negative) at most `maxCost` accuracy through neutral
 * answers; ties go to the rule that makes more held-out objective sentences (`objective`, all
 * labelled neutral) neutral, then to the smaller cost. Undefined when no rule is that cheap.
 */
export function bestNeutralRule(calibration: Scored, sentences: Scored, objective: Scored, maxCost: number): NeutralRuleChoice | undefined {
  const binaryAccuracy = signAccuracy(sentences);
  let best: NeutralRuleChoice | undefined;
  for (const evidenceWeight of EVIDENCE_WEIGHTS) {
    for (const margin of MARGINS) {
      for (const objectivityWeight of OBJECTIVITY_WEIGHTS) {
        // Without an objectivity weight the ceiling does nothing: one rule stands for all of them.
        for (const subjectivityCeiling of objectivityWeight === 0 ? [0] : SUBJECTIVITY_CEILINGS) {
          const rule = { evidenceWeight, margin, objectivityWeight, subjectivityCeiling };
          const sentenceAccuracy = ruleAccuracy(sentences, rule);
          if (binaryAccuracy - sentenceAccuracy > maxCost + 1e-9) continue;
          const calibrationAccuracy = ruleAccuracy(calibration, rule);
          if (best !== undefined && calibrationAccuracy < best.calibrationAccuracy) continue;
          const objectiveNeutral = ruleAccuracy(objective, rule);
          const better =
            best === undefined ||
            calibrationAccuracy > best.calibrationAccuracy ||
            objectiveNeutral > best.objectiveNeutral ||
            (objectiveNeutral === best.objectiveNeutral && sentenceAccuracy > best.sentenceAccuracy);
          if (better) best = { rule, calibrationAccuracy, objectiveNeutral, binaryAccuracy, sentenceAccuracy };
        }
      }
    }
  }
  return best;
}

/** {@link bestNeutralRule}, for the model's own cost cap: throws when no rule is that cheap. */
export function chooseNeutralRule(calibration: Scored, sentences: Scored, objective: Scored, maxCost: number): NeutralRuleChoice {
  const best = bestNeutralRule(calibration, sentences, objective, maxCost);
  if (best === undefined) throw new Error(`no neutral rule keeps the SST-2 cost within ${maxCost}`);
  return best;
}
