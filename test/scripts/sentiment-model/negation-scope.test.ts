import { expect } from 'chai';
import { negatedPositions, negationCues } from '../../../scripts/sentiment-model/negation-scope.js';

const TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', "'", ',', '.', 'bad', 'but', 'dull', 'film', 'good', 'isn', 'not', 't', 'very'];
const id = (token: string): number => TOKENS.indexOf(token);
/** The words (special tokens left out: they weigh nothing either way) inside a negation scope. */
const negated = (text: string): string[] => {
  const ids = ['[CLS]', ...text.split(' '), '[SEP]'].map(id);
  const marks = negatedPositions(ids, negationCues(TOKENS));
  return ids.flatMap((tokenId, position) => (marks[position] && tokenId >= 4 ? [TOKENS[tokenId]!] : []));
};

describe('negation scope', () => {
  it('marks the two tokens after a cue', () => {
    expect(negated('film not very good film')).to.deep.equal(['very', 'good']);
  });

  it('reads the "t" of a split contraction as a cue', () => {
    expect(negated("film isn ' t good")).to.deep.equal(['good']);
  });

  it('closes the scope at punctuation and at "but", which stay unmarked themselves', () => {
    expect(negated('not , good')).to.deep.equal([]);
    expect(negated('not bad but dull')).to.deep.equal(['bad']);
    expect(negated('not . good')).to.deep.equal([]);
  });

  it('marks nothing without a cue, and leaves out cue words the vocabulary lacks', () => {
    expect(negated('very good film')).to.deep.equal([]);
    expect([...negationCues(TOKENS).cues].map((cue) => TOKENS[cue])).to.have.members(['not', 't']);
  });
});
