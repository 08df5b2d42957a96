import { expect } from 'chai';
import { ContainerModule } from 'inversify';
import nock from 'nock';
import { z } from 'zod';
import { ConfigError, PluginError } from '../../../core/errors/index.js';
import { definePlugin, type Plugin } from '../../../core/kernel/plugin.js';
import { LifecycleContribution } from '../../../core/kernel/lifecycle-contribution.js';
import type { CapabilityQuery, PriceQuote } from '../../../core/providers/capability.js';
import { defineProviderPlugin } from '../../../core/providers/define-provider-plugin.js';
import type { RateLimitInfo } from '../../../core/providers/market-provider.js';
import type { CapabilityFunctions } from '../../../core/providers/provider-contribution.js';
import type { ProviderDefaults } from '../../../core/providers/resolve-declaration.js';
import type { UpstreamClient } from '../../../core/providers/upstream-client.js';
import { capturingLogger, fetchContext, loadProvider, loadProviders, providerErrorOf } from '../../helpers/aggregator-harness.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { useNock } from '../../helpers/provider-test-kit.js';
import { startTestApp } from '../../helpers/test-app.js';

const BASE = 'https://feed.example';
const KEY = 'sk-registry-test-7f3a';

const DEFAULTS: ProviderDefaults = { name: 'Feed', baseUrl: BASE, capabilities: ['price'], symbols: { BTC: 'btc-usd' }, weight: 3, priority: 4 };

/** Every UpstreamClient a feed's price function was handed, newest last. */
const handed: UpstreamClient[] = [];

/** GETs `/price/<symbol>` with the key in a header, when there is one, and quotes `{"p": ...}`. */
async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  handed.push(upstream);
  const headers = upstream.apiKey === undefined ? undefined : { 'x-key': upstream.apiKey };
  const response = await upstream.getJson(`/price/${upstream.symbolFor(symbol)}`, { venue: 'main' }, headers);
  return { symbol, price: upstream.parse('price answer', z.object({ p: z.number() }), response.body).p, timestamp: upstream.nowSeconds() };
}

/** A provider plugin with id `feed` (or `id`), the price function above and `defaults` over DEFAULTS. */
function feed(defaults: Partial<ProviderDefaults> = {}, capabilities: CapabilityFunctions = { price }, id = 'feed'): Plugin {
  return defineProviderPlugin({ id, defaults: { ...DEFAULTS, ...defaults }, capabilities });
}

/** The ConfigError (or PluginError) building the registry throws. */
function bootErrorOf(build: () => unknown): Error {
  try {
    build();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PluginError) return error;
    throw error;
  }
  return expect.fail('expected the registry to refuse the configuration');
}

describe('ProviderRegistry', () => {
  useNock();
  beforeEach(() => handed.splice(0));

  describe('declarations', () => {
    it('resolves baseline, then the plugin defaults, then providers.<id>: values replace, symbols merge', () => {
      const provider = loadProvider(feed(), { weight: 9, symbols: { ETH: 'eth-usd' }, rateLimit: { requests: 7 } });
      expect(provider.declaration).to.include({ name: 'Feed', baseUrl: BASE, weight: 9, priority: 4, enabled: true, apiKeyRequired: false });
      expect(provider.declaration.symbols).to.deep.equal({ BTC: 'btc-usd', ETH: 'eth-usd' });
      expect(provider.declaration.rateLimit).to.deep.equal({ requests: 7, windowMs: 60_000, minIntervalMs: 0 });
    });

    it('refuses an invalid override, naming the file and providers.<id>.<field>', () => {
      const error = bootErrorOf(() => loadProvider(feed(), { weight: -1 }));
      expect(error).to.be.instanceOf(ConfigError);
      expect(error.message).to.contain('test-config.json: at "providers.feed.weight"');
    });

    it('lists every provider by priority, then id', () => {
      const ids = loadProviders([feed({ priority: 5 }, { price }, 'b'), feed({ priority: 5 }, { price }, 'a'), feed({ priority: 1 }, { price }, 'c')]).map((provider) => provider.id);
      expect(ids).to.deep.equal(['c', 'a', 'b']);
    });
  });

  describe('enabled or disabled, and why', () => {
    const keyed = { apiKeyEnv: 'FEED_KEY', apiKeyRequired: true };
    const cases: [title: string, defaults: Partial<ProviderDefaults>, overrides: Record<string, unknown>, env: NodeJS.ProcessEnv, reason: string | null][] = [
      ['enabled by default', {}, {}, {}, null],
      ['disabled in config', {}, { enabled: false }, {}, 'disabled in config'],
      ['a required key whose variable is not set', keyed, {}, {}, 'FEED_KEY is not set'],
      ['a required key whose variable is empty', keyed, {}, { FEED_KEY: '' }, 'FEED_KEY is not set'],
      ['a required key with no variable named', { apiKeyRequired: true }, {}, {}, 'requires an API key but no apiKeyEnv is configured'],
      ['a required key that is set', keyed, {}, { FEED_KEY: KEY }, null],
      ['config naming another variable that is set', keyed, { apiKeyEnv: 'OTHER_KEY' }, { OTHER_KEY: KEY }, null],
    ];
    for (const [title, defaults, overrides, env, reason] of cases) {
      it(`${reason === null ? 'is enabled' : `is disabled ("${reason}")`} with ${title}`, () => {
        expect(loadProvider(feed(defaults), overrides, env).disabledReason).to.equal(reason);
      });
    }

    it('refuses a call to a disabled provider with its reason, without calling its function', async () => {
      const error = await providerErrorOf(loadProvider(feed(keyed)).fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error).to.include({ kind: 'disabled', providerId: 'feed' });
      expect(error.message).to.equal('feed: FEED_KEY is not set');
      expect(handed).to.have.length(0);
    });

    it('logs each disabled provider once, at warn, with its reason and no stack', () => {
      const { logger, lines } = capturingLogger();
      loadProviders([feed(keyed), feed({}, { price }, 'other')], { logger, providers: { other: { enabled: false } } });
      const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged.map(({ level, provider, reason, msg }) => ({ level, provider, reason, msg }))).to.deep.equal([
        { level: 40, provider: 'feed', reason: 'FEED_KEY is not set', msg: 'Provider disabled' },
        { level: 40, provider: 'other', reason: 'disabled in config', msg: 'Provider disabled' },
      ]);
      for (const line of logged) expect(line).not.to.have.any.keys('err', 'stack');
    });
  });

  describe('the API key', () => {
    it('is read from the environment variable the declaration names and handed to the capability function', async () => {
      nock(BASE).get('/price/btc-usd').query({ venue: 'main' }).matchHeader('x-key', KEY).reply(200, { p: 5 });
      const provider = loadProvider(feed({ apiKeyEnv: 'FEED_KEY' }), {}, { FEED_KEY: KEY });
      expect((await provider.fetch('price', { symbol: 'BTC' }, fetchContext())).price).to.equal(5);
      expect(handed[0]!.apiKey).to.equal(KEY);
    });

    it('is absent when the optional variable is not set', async () => {
      nock(BASE).get('/price/btc-usd').query(true).reply(200, { p: 5 });
      await loadProvider(feed({ apiKeyEnv: 'FEED_KEY' })).fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(handed[0]!.apiKey).to.equal(undefined);
    });

    it('never shows in the logs, in the provider or client as logged or serialised, or in errors', async () => {
      const { logger, lines } = capturingLogger();
      const [provider, disabled] = loadProviders([feed({ apiKeyEnv: 'FEED_KEY' }), feed({ apiKeyEnv: 'FEED_KEY', apiKeyRequired: true }, { price }, 'locked')], {
        env: { FEED_KEY: KEY },
        logger,
        providers: { locked: { apiKeyEnv: 'LOCKED_KEY' } },
      });
      nock(BASE).get('/price/btc-usd').query(true).reply(500, 'oops');
      const error = await providerErrorOf(provider!.fetch('price', { symbol: 'BTC' }, fetchContext()));
      logger.warn({ err: error, provider, upstream: handed[0] }, 'provider call failed');
      expect(disabled!.disabledReason).to.equal('LOCKED_KEY is not set');
      expect(lines.length).to.be.at.least(2);
      for (const text of [...lines, JSON.stringify(provider), JSON.stringify(handed[0]), error.message, String(error.stack)]) expect(text).not.to.contain(KEY);
    });
  });

  describe('capabilities', () => {
    it('answers unsupported, without calling upstream, for a capability it does not declare', async () => {
      const provider = loadProvider(feed({ capabilities: ['price', 'ticker'] }, { price, ticker: () => Promise.reject(new Error('not called')) }), { capabilities: ['price'] });
      const error = await providerErrorOf(provider.fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error).to.include({ kind: 'unsupported' });
      expect((await providerErrorOf(provider.fetch('gas', {}, fetchContext()))).kind).to.equal('unsupported');
    });

    it('refuses config declaring a capability the provider has no function for, naming the file and the entry', () => {
      const error = bootErrorOf(() => loadProvider(feed(), { capabilities: ['price', 'gas'] }));
      expect(error).to.be.instanceOf(ConfigError);
      expect(error.message).to.contain('test-config.json: at "providers.feed.capabilities[1]": "feed" cannot serve "gas" (it serves price)');
    });

    it('blames the plugin whose own defaults declare a capability it has no function for', () => {
      const error = bootErrorOf(() => loadProvider(feed({ capabilities: ['price', 'ticker'] })));
      expect(error).to.be.instanceOf(PluginError);
      expect(error.message).to.equal('provider "feed" declares "ticker" but has no function for it');
    });
  });

  describe('the UpstreamClient each call gets', () => {
    it('GETs from the effective baseUrl and maps our ticker through the merged symbols', async () => {
      nock('http://mirror.test').get('/feed/price/ETH-X').query({ venue: 'main' }).reply(200, { p: 7 });
      const provider = loadProvider(feed(), { baseUrl: 'http://mirror.test/feed/', symbols: { ETH: 'ETH-X' } });
      expect((await provider.fetch('price', { symbol: 'ETH' }, fetchContext())).price).to.equal(7);
    });

    it('answers unknown_symbol for a ticker with no mapping, without calling upstream', async () => {
      const error = await providerErrorOf(loadProvider(feed()).fetch('price', { symbol: 'DOGE' }, fetchContext()));
      expect(error).to.include({ kind: 'unknown_symbol', providerId: 'feed' });
    });

    it('tells time by the injected clock and passes rate-limit reports to the router', async () => {
      const clock = new ManualClock(Date.UTC(2025, 5, 1));
      nock(BASE).get('/price/btc-usd').query(true).reply(200, { p: 5 });
      const [provider] = loadProviders(feed(), { clock });
      const reported: RateLimitInfo[] = [];
      const quote = await provider!.fetch('price', { symbol: 'BTC' }, { ...fetchContext(), onRateLimitInfo: (info) => reported.push(info) });
      expect(quote.timestamp).to.equal(Date.UTC(2025, 5, 1) / 1000);
      handed[0]!.reportRateLimit({ remaining: 3 });
      expect(reported).to.deep.equal([{ remaining: 3 }]);
      expect(handed[0]!.signal.aborted).to.equal(false);
    });

    it('reads a Retry-After date against the injected clock', async () => {
      const clock = new ManualClock(Date.UTC(2025, 5, 1, 12));
      nock(BASE).get('/price/btc-usd').query(true).reply(429, {}, { 'retry-after': new Date(Date.UTC(2025, 5, 1, 12, 2)).toUTCString() });
      const [provider] = loadProviders(feed(), { clock });
      expect(await providerErrorOf(provider!.fetch('price', { symbol: 'BTC' }, fetchContext()))).to.include({ kind: 'rate_limited', retryAfterMs: 120_000 });
    });
  });

  describe('boot checks', () => {
    it('refuses two contributions with one id, naming the file and "plugins"', () => {
      const error = bootErrorOf(() => loadProviders([feed(), feed({ name: 'Feed again' })]));
      expect(error).to.be.instanceOf(ConfigError);
      expect(error.message).to.contain('test-config.json: at "plugins": two loaded plugins provide a provider with id "feed"');
    });

    it('refuses a providers.<id> entry no contribution provides, naming the file, the path and what is loaded', () => {
      const error = bootErrorOf(() => loadProviders(feed(), { providers: { ghost: { weight: 1 }, feed: { weight: 2 } } }));
      expect(error).to.be.instanceOf(ConfigError);
      expect(error.message).to.contain('test-config.json: at "providers.ghost": no loaded plugin provides "ghost" (loaded providers: feed;');
      expect(error.message).not.to.contain('providers.feed');
    });

    it('refuses weight 0 on every enabled provider of a capability, naming the capability and each weight', () => {
      const error = bootErrorOf(() => loadProviders([feed(), feed({}, { price }, 'other')], { providers: { feed: { weight: 0 }, other: { weight: 0 } } }));
      expect(error).to.be.instanceOf(ConfigError);
      expect(error.message).to.contain('test-config.json: at "providers.feed.weight": every enabled provider of "price" has weight 0');
      expect(error.message).to.contain('at "providers.other.weight": every enabled provider of "price" has weight 0');
    });

    it('accepts weight 0 beside a weighted enabled provider; a provider disabled in config does not count', () => {
      expect(loadProviders([feed(), feed({}, { price }, 'other')], { providers: { feed: { weight: 0 } } })).to.have.length(2);
      const error = bootErrorOf(() => loadProviders([feed(), feed({}, { price }, 'other')], { providers: { feed: { weight: 0 }, other: { enabled: false } } }));
      expect(error.message).to.contain('at "providers.feed.weight": every enabled provider of "price" has weight 0');
      expect(error.message).not.to.contain('providers.other');
    });

    it('stops the app before any plugin initializes, with the ConfigError itself', async () => {
      const initialized: string[] = [];
      const watcher = definePlugin({
        name: 'watcher',
        module: () => new ContainerModule(({ bind }) => void bind<LifecycleContribution>(LifecycleContribution).toConstantValue({ initialize: () => void initialized.push('watcher') })),
      });
      const catalogue = { feed: async () => feed(), again: async () => ({ ...feed(), name: 'again' }), watcher: async () => watcher };
      const error = await startTestApp({ config: { plugins: ['watcher', 'feed', 'again'] }, catalogue }).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as Error).message).to.contain('two loaded plugins provide a provider with id "feed"');
      expect(initialized).to.deep.equal([]);
    });
  });
});
