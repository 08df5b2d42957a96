import { expect } from 'chai';
import { chunkByLimit } from '../../../core/router/batch-chunks.js';

describe('chunkByLimit', () => {
  const same = (id: string): string => id;

  it('keeps everything in one run when the limits allow it', () => {
    expect(chunkByLimit(['BTC', 'ETH', 'SOL'], same, { maxSymbols: 10 })).to.deep.equal([['BTC', 'ETH', 'SOL']]);
    expect(chunkByLimit(['BTC', 'ETH'], same, { maxSymbols: Number.POSITIVE_INFINITY })).to.deep.equal([['BTC', 'ETH']]);
  });

  it('splits by the symbol count, keeping the order', () => {
    expect(chunkByLimit(['A', 'B', 'C', 'D', 'E'], same, { maxSymbols: 2 })).to.deep.equal([['A', 'B'], ['C', 'D'], ['E']]);
  });

  it('splits by the length of the identifiers joined with commas (CryptoCompare fsyms: 300 characters)', () => {
    const fsyms = Array.from({ length: 100 }, (_, index) => `S${String(index).padStart(3, '0')}`);
    const chunks = chunkByLimit(fsyms, same, { maxSymbols: 300, maxListChars: 300 });
    expect(chunks.flat()).to.deep.equal(fsyms);
    for (const chunk of chunks) expect(chunk.join(',').length).to.be.at.most(300);
    // 4 characters and a comma each: 60 fit in 299 characters.
    expect(chunks.map((chunk) => chunk.length)).to.deep.equal([60, 40]);
  });

  it('measures the provider identifiers, not our tickers', () => {
    const ids: Record<string, string> = { BTC: 'bitcoin', ETH: 'ethereum' };
    expect(chunkByLimit(['BTC', 'ETH'], (symbol) => ids[symbol]!, { maxSymbols: 10, maxListChars: 12 })).to.deep.equal([['BTC'], ['ETH']]);
  });

  it('gives an identifier longer than the limit a run of its own rather than dropping it', () => {
    expect(chunkByLimit(['A', 'TOOLONG', 'B'], same, { maxSymbols: 10, maxListChars: 3 })).to.deep.equal([['A'], ['TOOLONG'], ['B']]);
  });
});
