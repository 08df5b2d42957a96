import { expect } from 'chai';
import { isProviderError } from '../../../../core/errors/index.js';
import { assertNonNegative, assertSanePrice, toSaneUnixSeconds, type SanityContext } from '../../../../core/providers/http/sanity.js';
import { ManualClock } from '../../../helpers/manual-clock.js';

const DAY_SECONDS = 86_400;

/** The check's ProviderError, or a failure when it passed. */
function refusal(check: () => unknown): { kind: string; message: string } {
  try {
    check();
  } catch (error) {
    if (isProviderError(error)) return { kind: error.kind, message: error.message };
    throw error;
  }
  return expect.fail('expected an insane_value ProviderError');
}

describe('sanity checks', () => {
  const clock = new ManualClock(Date.UTC(2021, 0, 1));
  const venue: SanityContext = { providerId: 'venue', clock };
  const now = clock.now() / 1000;

  it('judges "more than a day in the future" against the injected clock, not the system one', () => {
    expect(toSaneUnixSeconds(venue, 'ts', now + DAY_SECONDS)).to.equal(now + DAY_SECONDS);
    const future = refusal(() => toSaneUnixSeconds(venue, 'ts', now + DAY_SECONDS + 1));
    expect(future).to.deep.equal({ kind: 'insane_value', message: `venue: ts is not a sane timestamp: ${now + DAY_SECONDS + 1}` });
  });

  it('reads milliseconds as such and refuses times before 2009', () => {
    expect(toSaneUnixSeconds(venue, 'ts', now * 1000 + 999)).to.equal(now);
    expect(refusal(() => toSaneUnixSeconds(venue, 'ts', 1_000_000_000)).kind).to.equal('insane_value');
  });

  it('names the provider and the field of a price or volume it refuses', () => {
    expect(refusal(() => assertSanePrice(venue, 'last', 0)).message).to.equal('venue: last is not a sane price: 0');
    expect(refusal(() => assertNonNegative(venue, 'volume', -1)).message).to.equal('venue: volume is not a sane value: -1');
    expect(assertSanePrice(venue, 'last', 1.5)).to.equal(1.5);
  });
});
