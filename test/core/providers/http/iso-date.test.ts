import { expect } from 'chai';
import { z } from 'zod';
import { isoDate } from '../../../../core/providers/http/iso-date.js';

describe('isoDate', () => {
  it('reads an ISO 8601 string as Unix milliseconds', () => {
    expect(isoDate.parse('2024-03-13T10:30:45.123Z')).to.equal(1710325845123);
  });

  it('rejects an unparsable string or a number, naming the field', () => {
    const schema = z.object({ time: isoDate });
    const notADate = schema.safeParse({ time: 'yesterday-ish' });
    expect(notADate.error?.issues[0]).to.include({ message: 'expected an ISO date' });
    expect(notADate.error?.issues[0]?.path).to.deep.equal(['time']);
    expect(schema.safeParse({ time: 1710325845123 }).success).to.equal(false);
  });
});
