import { expect } from 'chai';
import { isAppError } from '../../../../core/errors/index.js';
import binancePlugin from '../../../../plugins/providers/binance/index.js';
import httpJsonPlugin from '../../../../plugins/providers/http-json/index.js';
import { capturingLogger, loadProviders, type ProviderLoadOptions } from '../../../helpers/aggregator-harness.js';
import { startTestApp } from '../../../helpers/test-app.js';

const PRICE = { path: '/api/v1/ticker/{symbol}', pricePointer: '/data/last' };

/** A minimal config-only provider; `change` edits a copy. */
function entry(change: (value: Record<string, unknown> & { endpoints: Record<string, unknown> }) => void = () => undefined): Record<string, unknown> {
  const value = { baseUrl: 'https://api.myex.example', symbols: { BTC: 'btc-usd' }, endpoints: { price: { ...PRICE } } };
  change(value);
  return value;
}

/** The plugin's options with these providers, as its `plugins[]` entry carries them. */
const withProviders = (providers: Record<string, unknown>): ProviderLoadOptions['options'] => ({ 'http-json': { providers } });

/**
 * The ConfigError message the app stops with, booted as `npm start` would with http-json first in
 * `plugins` (so its options are at `plugins[0].options`), `others` after it, and `overrides` as the
 * core `providers` section.
 */
async function configErrorOf(providers: Record<string, unknown>, overrides: Record<string, unknown> = {}, others: string[] = []): Promise<string> {
  const booted = await startTestApp({ config: { plugins: [{ name: 'http-json', options: { providers } }, ...others], providers: overrides } }).then(
    async (app) => {
      await app.stop();
      return undefined;
    },
    (error: unknown) => error,
  );
  if (isAppError(booted) && booted.code === 'config_invalid') return booted.message;
  return expect.fail(`expected a ConfigError, got ${String(booted)}`);
}

describe('httpJsonPlugin', () => {
  describe('building providers from its options', () => {
    it('builds one provider per entry of options.providers, and leaves providers.<id> of other plugins to them', () => {
      const providers = loadProviders([httpJsonPlugin, binancePlugin], {
        options: withProviders({ myex: entry(), other: entry((value) => (value.baseUrl = 'https://other.example')) }),
        providers: { binance: { weight: 40 } },
      });
      expect(providers.map((provider) => provider.id).sort()).to.deep.equal(['binance', 'myex', 'other']);
      expect(providers.find((provider) => provider.id === 'binance')!.declaration.weight).to.equal(40);
    });

    it('builds nothing without options, as config/default.json lists it', () => {
      expect(loadProviders(httpJsonPlugin)).to.deep.equal([]);
      expect(loadProviders([httpJsonPlugin, binancePlugin], { providers: { binance: { weight: 40 } } }).map((provider) => provider.id)).to.deep.equal(['binance']);
    });

    it('declares defaults from the entry: name = id, capabilities = the endpoints given, weight 10, priority 8', () => {
      const [myex] = loadProviders(httpJsonPlugin, { options: withProviders({ myex: entry() }) });
      expect(myex!.disabledReason).to.equal(null);
      expect(myex!.declaration).to.include({ name: 'myex', baseUrl: 'https://api.myex.example', weight: 10, priority: 8 });
      expect(myex!.declaration.capabilities).to.deep.equal(['price']);
      expect(myex!.declaration.symbols).to.deep.equal({ BTC: 'btc-usd' });
    });

    it('takes the policy from its entry like any provider declaration: weight, priority, rateLimit, cacheTtlMs, resilience, on429', () => {
      const [myex] = loadProviders(httpJsonPlugin, {
        options: withProviders({
          myex: entry((value) =>
            Object.assign(value, {
              name: 'My Exchange',
              weight: 20,
              priority: 3,
              rateLimit: { requests: 5, windowMs: 1_000 },
              cacheTtlMs: { price: 2_000 },
              resilience: { timeoutMs: 1_500, retry: { maxAttempts: 2 } },
              on429: { backoffMs: [5_000], blacklistAfter: 2 },
            }),
          ),
        }),
      });
      const { declaration } = myex!;
      expect(declaration).to.include({ name: 'My Exchange', weight: 20, priority: 3 });
      expect(declaration.rateLimit).to.deep.equal({ requests: 5, windowMs: 1_000, minIntervalMs: 0 });
      expect(declaration.cacheTtlMs.price).to.equal(2_000);
      expect(declaration.resilience.timeoutMs).to.equal(1_500);
      expect(declaration.resilience.retry.maxAttempts).to.equal(2);
      expect(declaration.on429).to.include({ blacklistAfter: 2 });
      expect(declaration.on429.backoffMs).to.deep.equal([5_000]);
    });

    it('lets providers.<id> in the core section override that policy, as for any provider', () => {
      const [myex] = loadProviders(httpJsonPlugin, {
        options: withProviders({ myex: entry((value) => Object.assign(value, { weight: 20, rateLimit: { requests: 5, windowMs: 1_000 } })) }),
        providers: { myex: { weight: 3, rateLimit: { requests: 2 }, symbols: { ETH: 'eth-usd' } } },
      });
      expect(myex!.declaration).to.include({ weight: 3, priority: 8 });
      expect(myex!.declaration.rateLimit).to.deep.equal({ requests: 2, windowMs: 1_000, minIntervalMs: 0 });
      expect(myex!.declaration.symbols).to.deep.equal({ BTC: 'btc-usd', ETH: 'eth-usd' });
    });

    it('serves ticker too when endpoints.ticker is given', () => {
      const ticker = { path: '/stats?pair={symbol}', pricePointer: '/last', highPointer: '/high', lowPointer: '/low', volumePointer: '/vol' };
      const [myex] = loadProviders(httpJsonPlugin, { options: withProviders({ myex: entry((value) => (value.endpoints.ticker = ticker)) }) });
      expect(myex!.declaration.capabilities).to.deep.equal(['price', 'ticker']);
    });

    it('is disabled with a reason, not dropped, when its entry or providers.<id> disables it', () => {
      const { logger, lines } = capturingLogger();
      const [myex] = loadProviders(httpJsonPlugin, { options: withProviders({ myex: entry((value) => (value.enabled = false)) }), logger });
      expect(myex!.disabledReason).to.equal('disabled in config');
      expect(lines.join('')).to.contain('disabled in config');
      const [overridden] = loadProviders(httpJsonPlugin, { options: withProviders({ myex: entry() }), providers: { myex: { enabled: false } } });
      expect(overridden!.disabledReason).to.equal('disabled in config');
    });

    it('is disabled when it requires a key whose variable is not set', () => {
      const options = withProviders({ myex: entry((value) => Object.assign(value, { apiKeyEnv: 'MYEX_KEY', apiKeyRequired: true })) });
      expect(loadProviders(httpJsonPlugin, { options })[0]!.disabledReason).to.equal('MYEX_KEY is not set');
      expect(loadProviders(httpJsonPlugin, { options, env: { MYEX_KEY: 'k' } })[0]!.disabledReason).to.equal(null);
    });
  });

  describe('bad options, through the kernel as npm start loads them', () => {
    const at = (path: string): string => `plugins[0].options.providers.myex.${path}`;
    const cases: [what: string, change: (value: Record<string, unknown> & { endpoints: Record<string, unknown> }) => void, path: string][] = [
      ['a missing pricePointer', (value) => delete (value.endpoints.price as Record<string, unknown>).pricePointer, at('endpoints.price.pricePointer')],
      ['a pointer without the leading slash', (value) => ((value.endpoints.price as Record<string, unknown>).pricePointer = 'data/last'), at('endpoints.price.pricePointer')],
      ['a pointer with a bad escape', (value) => ((value.endpoints.price as Record<string, unknown>).timestampPointer = '/data/~2'), at('endpoints.price.timestampPointer')],
      ['a path without {symbol}', (value) => ((value.endpoints.price as Record<string, unknown>).path = '/api/v1/ticker'), at('endpoints.price.path')],
      ['an unknown timestamp unit', (value) => ((value.endpoints.price as Record<string, unknown>).timestampUnit = 'us'), at('endpoints.price.timestampUnit')],
      ['an unknown key in an endpoint', (value) => ((value.endpoints.price as Record<string, unknown>).pricePath = '/x'), at('endpoints.price.pricePath')],
      ['no price endpoint', (value) => delete value.endpoints.price, at('endpoints.price')],
      ['a ticker endpoint without highPointer', (value) => (value.endpoints.ticker = { path: '/t/{symbol}', pricePointer: '/p', lowPointer: '/l', volumePointer: '/v' }), at('endpoints.ticker.highPointer')],
      ['no endpoints at all', (value) => delete (value as Record<string, unknown>).endpoints, at('endpoints')],
      ['no baseUrl', (value) => delete value.baseUrl, at('baseUrl')],
      ['no symbols', (value) => (value.symbols = {}), at('symbols')],
      ['a capability without an endpoint', (value) => (value.capabilities = ['price', 'ticker']), at('capabilities[1]')],
      ['the "type" key of the old providers.<id> form', (value) => (value.type = 'http-json'), at('type')],
    ];
    for (const [what, change, path] of cases) {
      it(`rejects ${what}, naming the file and ${path}`, async () => {
        const message = await configErrorOf({ myex: entry(change) });
        expect(message).to.contain('Options of plugin "http-json" are invalid');
        expect(message).to.contain(`test-config.json: at "${path}"`);
      });
    }

    it('names the path of a bad policy value, in its entry or in providers.<id>', async () => {
      expect(await configErrorOf({ myex: entry((value) => (value.weight = -1)) })).to.contain(`test-config.json: at "${at('weight')}"`);
      expect(await configErrorOf({ myex: entry() }, { myex: { weight: -1 } })).to.contain('test-config.json: at "providers.myex.weight"');
    });

    it('says what is wrong with a pointer', async () => {
      expect(await configErrorOf({ myex: entry((value) => ((value.endpoints.price as Record<string, unknown>).pricePointer = 'data/last')) })).to.contain('JSON Pointer (RFC 6901)');
    });

    it('says which capability lacks an endpoint, in its entry or in providers.<id>', async () => {
      expect(await configErrorOf({ myex: entry((value) => (value.capabilities = ['ticker'])) })).to.contain('no endpoint answers "ticker"');
      expect(await configErrorOf({ myex: entry() }, { myex: { capabilities: ['price', 'ticker'] } })).to.contain(
        'test-config.json: at "providers.myex.capabilities[1]": "myex" cannot serve "ticker" (it serves price)',
      );
    });

    it('refuses a provider id another plugin already provides', async () => {
      expect(await configErrorOf({ binance: entry() }, {}, ['binance'])).to.contain('two loaded plugins provide a provider with id "binance"');
    });

    it('refuses a provider id that is not lowercase letters, digits and dashes', async () => {
      expect(await configErrorOf({ My_Ex: entry() })).to.contain('test-config.json: at "plugins[0].options.providers.My_Ex": Invalid key in record');
    });
  });
});
