import { expect } from 'chai';
import { neutralTradeOff } from '../../../scripts/sentiment-model/neutral-trade-off.js';

type Label = 'positive' | 'negative' | 'neutral';
const item = (polarity: number, evidence: number, label: Label) => ({ score: { polarity, evidence }, label });

describe('neutral trade-off table', () => {
  // Two confident reviews, one faint right one (a neutral answer costs it), one faint wrong one.
  const sentences = [item(3, 2, 'positive'), item(-3, 2, 'negative'), item(0.1, 0.1, 'positive'), item(0.2, 0.1, 'negative')];
  // The calibration fact scores as the faint right review does: no rule neutralises one and not the other.
  const calibration = [item(0.1, 0.1, 'neutral'), item(3, 2, 'positive')];
  const finance = [item(0.2, 0.05, 'neutral')];
  const crypto = [item(-2, 1, 'negative')];
  const uci = [item(0.1, 0.1, 'positive'), item(2, 1, 'positive')];

  it('starts with the sign-only row, then one row per cap whose SST cost stays within the cap', () => {
    const rows = neutralTradeOff({ sentences, calibration, finance, crypto, uci }, [0, 0.25]);
    expect(rows[0]).to.include({ maxCost: undefined, rule: undefined, sentences: 0.75, calibration: 0.5, finance: 0, crypto: 1, uci: 1 });
    expect(rows.map((row) => row.maxCost)).to.deep.equal([undefined, 0, 0.25]);
    for (const row of rows.slice(1)) expect(0.75 - row.sentences).to.be.at.most(row.maxCost!);
  });

  it('under a dearer cap picks the rule that makes the faint calibration fact neutral, and scores the other sets with it', () => {
    const [, free, dearer] = neutralTradeOff({ sentences, calibration, finance, crypto, uci }, [0, 0.25]);
    expect(free!.calibration).to.equal(0.5);
    expect(dearer!.calibration).to.equal(1);
    expect(dearer!.finance).to.equal(1);
    expect(dearer!.crypto).to.equal(1);
    // The held-out review the rule makes neutral counts as wrong.
    expect(dearer!.uci).to.equal(0.5);
  });

  it('leaves out a cap no rule can meet', () => {
    // A sentence with no evidence at all is neutral under every rule, and its sign answer was right.
    const blank = [...sentences, item(0, 0, 'negative')];
    expect(neutralTradeOff({ sentences: blank, calibration, finance, crypto, uci }, [0, 0.25]).map((row) => row.maxCost)).to.deep.equal([undefined, 0.25]);
  });
});
