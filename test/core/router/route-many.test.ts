import { expect } from 'chai';
import { ContainerModule } from 'inversify';
import nock from 'nock';
import { z } from 'zod';
import { answerEach } from '../../../core/providers/http/answer-each.js';
import type { BatchContribution } from '../../../core/providers/batch-contribution.js';
import { ServiceUnavailableError } from '../../../core/errors/index.js';
import { ProviderContribution } from '../../../core/providers/provider-contribution.js';
import type { ProviderDefaults } from '../../../core/providers/resolve-declaration.js';
import type { BatchRoutedAnswer } from '../../../core/router/market-router.js';
import { createRouterHarness, type RouterHarness } from '../../helpers/router-harness.js';
import { useNock } from '../../helpers/provider-test-kit.js';

const BATCHY = 'http://batchy.test';

/** `GET /prices?ids=BTC,ETH` → `{"BTC": 50000, ...}`: a provider whose only endpoint is a batch one, with the limit and weight the test gives. */
function batchyModule(limit: { maxSymbols: number }, weight: number, requests = 100): ContainerModule {
  const price: BatchContribution<'price'> = {
    limit,
    weight: () => weight,
    fetch: async (queries, upstream) => {
      const response = await upstream.getJson('/prices', { ids: queries.map((query) => upstream.symbolFor(query.symbol)).join(',') });
      const body = upstream.parse('prices', z.record(z.string(), z.unknown()), response.body);
      return answerEach(queries, ({ symbol }) => {
        if (!Object.hasOwn(body, symbol)) return undefined;
        return { symbol, price: upstream.parse(`price of ${symbol}`, z.number().positive(), body[symbol]), timestamp: upstream.nowSeconds() };
      });
    },
  };
  const defaults: ProviderDefaults = {
    name: 'Batchy',
    baseUrl: BATCHY,
    capabilities: ['price'],
    symbols: { BTC: 'BTC', ETH: 'ETH', SOL: 'SOL' },
    weight: 1000,
    priority: 0,
    rateLimit: { requests },
  };
  const contribution: ProviderContribution = {
    id: 'batchy',
    defaults,
    capabilities: { price: () => Promise.reject(new Error('the single endpoint is not used by these tests')) },
    batches: { price },
  };
  return new ContainerModule(({ bind }) => {
    bind<ProviderContribution>(ProviderContribution).toConstantValue(contribution);
  });
}

/** Batchy first (weight 1000, the only batching provider) and a scripted second opinion that quotes BTC 50 000, ETH 2 500, SOL 50 000. */
function harness(module: ContainerModule): RouterHarness {
  return createRouterHarness([{ id: 'other', weight: 1, priority: 5 }], { modules: [module] });
}

function answered(results: BatchRoutedAnswer<'price'>[]): Record<string, string> {
  return Object.fromEntries(results.map((result) => [result.symbol, 'answer' in result ? `${result.answer.providerId} ${result.answer.data.price}` : `error ${result.error.message}`]));
}

describe('SmartRouter.routeMany', () => {
  useNock();

  it('splits a batch by the declared limit: one upstream call per part, then second opinions; every symbol answered and cached', async () => {
    const { router, providers } = harness(batchyModule({ maxSymbols: 2 }, 1));
    const first = nock(BATCHY).get('/prices').query({ ids: 'BTC,ETH' }).reply(200, { BTC: 50_010, ETH: 2_501 });
    const second = nock(BATCHY).get('/prices').query({ ids: 'SOL' }).reply(200, { SOL: 50_020 });
    const results = await router.routeMany('price', ['BTC', 'ETH', 'SOL']);
    expect(first.isDone() && second.isDone()).to.equal(true);
    // Cold, there is no reference: the scripted provider's agreeing quotes corroborate Batchy's and are served.
    expect(answered(results)).to.deep.equal({ BTC: 'other 50000', ETH: 'other 2500', SOL: 'other 50000' });
    expect(providers.other!.calls).to.equal(3);
    const again = await router.routeMany('price', ['BTC', 'ETH', 'SOL']);
    expect(again.every((result) => 'answer' in result && result.answer.cached), 'the second request is answered from the cache').to.equal(true);
    expect(providers.other!.calls).to.equal(3);
  });

  it('fails only the symbol of a bad element, and never serves a price the cross-check refuses', async () => {
    const { router } = harness(batchyModule({ maxSymbols: 10 }, 1));
    nock(BATCHY).get('/prices').query({ ids: 'BTC,ETH,SOL' }).reply(200, { BTC: 'not a price', ETH: 2_499, SOL: 500 });
    const results = answered(await router.routeMany('price', ['BTC', 'ETH', 'SOL']));
    // BTC: Batchy's element failed its schema, so the other provider's quote is the only one and is served.
    expect(results.BTC).to.equal('other 50000');
    expect(results.ETH).to.equal('other 2500');
    // SOL: Batchy says 500, the other 50 000: neither is trusted and nothing is served rather than a wrong price.
    expect(results.SOL).to.match(/^error No provider could answer price of SOL/);
  });

  it('takes the declared weight from the rate-limit guard: a part the budget cannot afford is skipped and fails over', async () => {
    const { router } = harness(batchyModule({ maxSymbols: 2 }, 2, 2));
    const first = nock(BATCHY).get('/prices').query(true).reply(200, { BTC: 50_000, ETH: 2_500 });
    const results = answered(await router.routeMany('price', ['BTC', 'ETH', 'SOL']));
    expect(first.isDone()).to.equal(true);
    expect(nock.pendingMocks()).to.deep.equal([]);
    expect(results).to.deep.equal({ BTC: 'other 50000', ETH: 'other 2500', SOL: 'other 50000' });
  });

  it('shares one batch call between identical concurrent requests, each symbol failure included', async () => {
    const { router, stats } = harness(batchyModule({ maxSymbols: 10 }, 1));
    const call = nock(BATCHY).get('/prices').query({ ids: 'BTC,ETH,SOL' }).delay(50).reply(200, { BTC: 50_000, ETH: 'n/a', SOL: 50_000 });
    const [first, second] = await Promise.all([router.routeMany('price', ['BTC', 'ETH', 'SOL']), router.routeMany('price', ['BTC', 'ETH', 'SOL'])]);
    expect(call.isDone()).to.equal(true);
    expect(nock.pendingMocks()).to.deep.equal([]);
    expect(answered(second!)).to.deep.equal(answered(first!));
    expect(answered(first!).ETH, 'the schema failure reached both requests: ETH came from the other provider').to.equal('other 2500');
    expect((await stats.counters()).providers.batchy?.coalesced).to.equal(3);
  });

  it('answers an unknown symbol with its own error and routes the others', async () => {
    const { router } = harness(batchyModule({ maxSymbols: 10 }, 1));
    nock(BATCHY).get('/prices').query({ ids: 'BTC' }).reply(200, { BTC: 50_000 });
    const results = await router.routeMany('price', ['NOPE', 'BTC']);
    expect(results.map((result) => result.symbol)).to.deep.equal(['NOPE', 'BTC']);
    expect('error' in results[0]! && results[0].error.message).to.equal('Unknown symbol "NOPE": no provider lists it');
    expect('answer' in results[1]! && results[1].answer.data.price).to.equal(50_000);
  });

  it('answers 503, not 404, when the providers asked do not know a symbol but one that may list it could not be asked (its rate limit)', async () => {
    const { router } = createRouterHarness([{ id: 'other', weight: 1, priority: 5, declaration: { rateLimit: { requests: 1, windowMs: 60_000, minIntervalMs: 0 } } }], { modules: [batchyModule({ maxSymbols: 10 }, 1)] });
    nock(BATCHY).get('/prices').query({ ids: 'SOL,ETH' }).reply(200, {});
    const results = await router.routeMany('price', ['SOL', 'ETH']);
    const served = results.filter((result) => 'answer' in result);
    const refused = results.filter((result) => 'error' in result);
    expect(served, 'the other provider had one call to give').to.have.length(1);
    expect(refused).to.have.length(1);
    expect(refused[0]).to.have.property('error').that.is.instanceOf(ServiceUnavailableError);
    expect('error' in refused[0]! && refused[0].error.message).to.contain('other: not asked now (rate limit or open circuit)');
    expect(nock.pendingMocks()).to.deep.equal([]);
  });
});
