import { expect } from 'chai';
import { InMemoryProviderHealth } from '../../../core/router/in-memory-provider-health.js';
import { RouterConfigSchema } from '../../../core/router/router-config.js';
import { ManualClock } from '../../helpers/manual-clock.js';

const WINDOW_MS = 60_000;

function health(windowSize = 50): { health: InMemoryProviderHealth; clock: ManualClock } {
  const clock = new ManualClock();
  return { health: new InMemoryProviderHealth(RouterConfigSchema.parse({ health: { windowMs: WINDOW_MS, windowSize } }), clock), clock };
}

describe('InMemoryProviderHealth factor', () => {
  it('follows each new outcome at once, though the factor was asked for just before', () => {
    const { health: subject } = health();
    subject.record('alpha', true, 10);
    expect(subject.factor('alpha')).to.equal(1);
    subject.record('alpha', false, 10);
    expect(subject.factor('alpha')).to.equal(0.5);
  });

  it('follows an outcome that pushes the oldest out of a full window', () => {
    const { health: subject } = health(2);
    subject.record('alpha', true, 10);
    subject.record('alpha', true, 10);
    expect(subject.factor('alpha')).to.equal(1);
    subject.record('alpha', false, 10);
    expect(subject.factor('alpha')).to.equal(0.5);
  });

  it('lets an outcome age out on the millisecond, though the factor was asked for before', () => {
    const { health: subject, clock } = health();
    subject.record('alpha', false, 10);
    clock.advance(10_000);
    subject.record('alpha', true, 10);
    expect(subject.factor('alpha')).to.equal(0.5);
    clock.advance(WINDOW_MS - 10_000);
    expect(subject.factor('alpha'), 'the failure is exactly windowMs old: still counted').to.equal(0.5);
    clock.advance(1);
    expect(subject.factor('alpha'), 'the failure is too old now').to.equal(1);
  });

  it('gives a recovered provider its full weight back at once', () => {
    const { health: subject, clock } = health();
    subject.record('alpha', false, 10);
    expect(subject.factor('alpha')).to.equal(0.05);
    clock.advance(1);
    subject.recovered('alpha');
    expect(subject.factor('alpha')).to.equal(1);
  });

  it('counts every outcome recorded or dropped in `changes`, and says until when a factor holds without one', () => {
    const { health: subject, clock } = health();
    expect(subject.factorValidThrough('alpha'), 'no outcome: the factor holds until one is recorded').to.equal(Number.POSITIVE_INFINITY);
    const before = subject.changes;
    subject.record('alpha', false, 10);
    clock.advance(5_000);
    subject.record('alpha', true, 10);
    expect(subject.changes).to.equal(before + 2);
    expect(subject.factorValidThrough('alpha'), 'until the older outcome is windowMs old').to.equal(clock.now() - 5_000 + WINDOW_MS);
    subject.recovered('alpha');
    expect(subject.changes).to.equal(before + 3);
  });
});
