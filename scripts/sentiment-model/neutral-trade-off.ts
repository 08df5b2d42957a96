import type { LabelledHeadline } from './crypto-headlines.js';
import type { LinearScore } from './linear-scorer.js';
import { bestNeutralRule, ruleAccuracy, signAccuracy, type NeutralRule } from './neutral-rule.js';

type Scored = ReadonlyArray<{ score: LinearScore; label: LabelledHeadline['label'] }>;

/** What one neutral cost cap gives: the rule the build would choose under it, and every set's accuracy. */
export interface NeutralTradeOffRow {
  /** Undefined for the row without neutral (sign alone). */
  maxCost: number | undefined;
  rule: NeutralRule | undefined;
  /** Unseen SST-2 sentences, a neutral answer counted wrong. */
  sentences: number;
  calibration: number;
  finance: number;
  crypto: number;
  /** The held-out UCI review sentences, a neutral answer counted wrong. */
  uci: number;
}

/** The caps the model card tabulates besides the model's own. */
export const TRADE_OFF_CAPS = [0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02] as const;

/**
 * For each cap, the rule chosen on the calibration sentences exactly as the build chooses its own,
 * and how it does on the finance sentences, crypto headlines and held-out UCI sentences (measured, never chosen on), so
 * the card can show what a cheaper or a dearer neutral costs where.
 */
export function neutralTradeOff(sets: { sentences: Scored; calibration: Scored; finance: Scored; crypto: Scored; uci: Scored }, caps: readonly number[]): NeutralTradeOffRow[] {
  const rows: NeutralTradeOffRow[] = [
    {
      maxCost: undefined,
      rule: undefined,
      sentences: signAccuracy(sets.sentences),
      calibration: signAccuracy(sets.calibration),
      finance: signAccuracy(sets.finance),
      crypto: signAccuracy(sets.crypto),
      uci: signAccuracy(sets.uci),
    },
  ];
  for (const maxCost of caps) {
    const choice = bestNeutralRule(sets.calibration, sets.sentences, maxCost);
    if (choice === undefined) continue;
    rows.push({
      maxCost,
      rule: choice.rule,
      sentences: choice.sentenceAccuracy,
      calibration: choice.calibrationAccuracy,
      finance: ruleAccuracy(sets.finance, choice.rule),
      crypto: ruleAccuracy(sets.crypto, choice.rule),
      uci: ruleAccuracy(sets.uci, choice.rule),
    });
  }
  return rows;
}
