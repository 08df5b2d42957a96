import { expect } from 'chai';
import { resolveLabelMapping } from '../../../../plugins/ai/sentiment/label-mapping.js';

describe('resolveLabelMapping', () => {
  it('uses the configured mapping', () => {
    const mapping = resolveLabelMapping(['LABEL_0', 'LABEL_1'], { LABEL_0: 'negative', LABEL_1: 'positive' });
    expect([...mapping]).to.deep.equal([
      ['LABEL_0', 'negative'],
      ['LABEL_1', 'positive'],
    ]);
  });

  it('reads common label names when none is configured', () => {
    const mapping = resolveLabelMapping(['NEGATIVE', 'Neutral', 'positive', '1 star', '3 stars', '5 stars'], undefined);
    expect([...mapping.values()]).to.deep.equal(['negative', 'neutral', 'positive', 'negative', 'neutral', 'positive']);
  });

  it('refuses labels it cannot map, naming them', () => {
    expect(() => resolveLabelMapping(['LABEL_0', 'LABEL_1'], undefined)).to.throw(/labels "LABEL_0", "LABEL_1" have no sentiment mapping; give the model a "labels" mapping in ai\.models/);
    expect(() => resolveLabelMapping(['NEGATIVE', 'MIXED'], { NEGATIVE: 'negative' })).to.throw(/labels "MIXED" have no sentiment mapping; add them/);
  });
});
