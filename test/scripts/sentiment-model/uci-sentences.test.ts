import { expect } from 'chai';
import { readUciSentences, UCI_HELDOUT_EVERY, UCI_SOURCES } from '../../../scripts/sentiment-model/uci-sentences.js';

describe('UCI labelled sentences (devDependency `sentiment`)', () => {
  it('holds out every fifth sentence of each file, about half of them positive, and trains on no copy of one', () => {
    const uci = readUciSentences();
    if ('missing' in uci) throw new Error(uci.missing);
    expect(uci.heldout).to.have.length((UCI_SOURCES.length * 1000) / UCI_HELDOUT_EVERY);
    expect(uci.heldout.filter((row) => row.label === 1).length).to.be.within(270, 330);
    const held = new Set(uci.heldout.map((row) => row.text.toLowerCase()));
    expect(uci.train.filter((row) => held.has(row.text.toLowerCase()))).to.deep.equal([]);
    expect(uci.train.length + uci.heldout.length).to.be.within(2900, 3000);
  });
});
