import { expect } from 'chai';
import { ServiceUnavailableError } from '../../../core/errors/index.js';
import { createRouterHarness } from '../../helpers/router-harness.js';

/** One Kraken-like provider: its minimum interval between calls is the only thing in the way. */
function spacedProvider(minIntervalMs: number) {
  return createRouterHarness(
    [
      {
        id: 'spaced',
        weight: 20,
        priority: 1,
        declaration: { cacheTtlMs: { price: 0 }, rateLimit: { requests: 60, windowMs: 60_000, minIntervalMs }, resilience: { retry: { maxAttempts: 0 } } },
      },
    ],
    { router: { maxStalenessMs: 0 } },
  );
}

describe('A provider whose minimum interval is the only thing in the way', () => {
  it('is waited for when the wait fits in the request deadline, instead of a 503', async () => {
    const { router, providers } = spacedProvider(300);
    expect((await router.route('price', { symbol: 'BTC' })).providerId).to.equal('spaced');
    const started = performance.now();
    const answers = await Promise.all([router.route('price', { symbol: 'ETH' }), router.route('price', { symbol: 'SOL' })]);
    expect(answers.map((answer) => answer.data.symbol)).to.deep.equal(['ETH', 'SOL']);
    expect(providers.spaced!.calls).to.equal(3);
    // Generous: the two calls were spaced by the interval, so the second came at least one interval later.
    expect(performance.now() - started).to.be.at.least(300);
  });

  it('still answers 503 with Retry-After when the wait does not fit in the deadline', async () => {
    const { router, providers } = spacedProvider(30_000);
    await router.route('price', { symbol: 'BTC' });
    const error = await router.route('price', { symbol: 'ETH' }, { deadlineMs: 2_000 }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).retryAfterSeconds).to.be.within(29, 30);
    expect(providers.spaced!.calls).to.equal(1);
  });

  it('is waited for by a batch request (/prices) too, for every symbol, when the waits fit in the deadline', async () => {
    const { router, providers } = spacedProvider(200);
    const started = performance.now();
    const results = await router.routeMany('price', ['BTC', 'ETH', 'SOL']);
    expect(results.map((result) => ('answer' in result ? `${result.symbol} ${result.answer.providerId}` : `${result.symbol} ${result.error.message}`))).to.deep.equal(['BTC spaced', 'ETH spaced', 'SOL spaced']);
    expect(providers.spaced!.calls).to.equal(3);
    // Generous: three calls spaced by the interval take at least two intervals.
    expect(performance.now() - started).to.be.at.least(400);
  });

  it('still fails a batch symbol with 503 and Retry-After when its wait does not fit in the deadline', async () => {
    const { router, providers } = spacedProvider(30_000);
    const results = await router.routeMany('price', ['BTC', 'ETH'], { deadlineMs: 2_000 });
    expect('answer' in results[0]! && results[0].answer.providerId).to.equal('spaced');
    const failed = results[1]!;
    const error = 'error' in failed ? failed.error : undefined;
    expect(error).to.be.instanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).retryAfterSeconds).to.be.within(29, 30);
    expect(providers.spaced!.calls).to.equal(1);
  });
});
