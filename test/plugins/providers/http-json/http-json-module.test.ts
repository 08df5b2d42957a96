import { expect } from 'chai';
import { isAppError } from '../../../../core/errors/index.js';
import binancePlugin from '../../../../plugins/providers/binance/index.js';
import httpJsonPlugin from '../../../../plugins/providers/http-json/index.js';
import { capturingLogger, loadProviders } from '../../../helpers/aggregator-harness.js';

const PRICE = { path: '/api/v1/ticker/{symbol}', pricePointer: '/data/last' };

/** A minimal config-only provider; `change` edits a copy. */
function entry(change: (value: Record<string, unknown> & { endpoints: Record<string, unknown> }) => void = () => undefined): Record<string, unknown> {
  const value = { type: 'http-json', baseUrl: 'https://api.myex.example', symbols: { BTC: 'btc-usd' }, endpoints: { price: { ...PRICE } } };
  change(value);
  return value;
}

/** The ConfigError message loading `providers` throws. */
function configErrorOf(providers: Record<string, unknown>): string {
  try {
    loadProviders(httpJsonPlugin, { providers });
  } catch (error) {
    if (isAppError(error) && error.code === 'config_invalid') return error.message;
    throw error;
  }
  return expect.fail('expected a ConfigError');
}

describe('httpJsonPlugin', () => {
  describe('building providers from config', () => {
    it('builds one provider per providers.<id> of type "http-json" and leaves the other entries alone', () => {
      const providers = loadProviders([httpJsonPlugin, binancePlugin], { providers: { myex: entry(), other: entry((value) => (value.baseUrl = 'https://other.example')), binance: { weight: 40 } } });
      expect(providers.map((provider) => provider.id).sort()).to.deep.equal(['binance', 'myex', 'other']);
    });

    it('builds nothing when no entry has the type', () => {
      expect(loadProviders([httpJsonPlugin, binancePlugin], { providers: { binance: { weight: 40 } } }).map((provider) => provider.id)).to.deep.equal(['binance']);
    });

    it('declares defaults from the entry: name = id, capabilities = the endpoints given, weight 10, priority 8', () => {
      const [myex] = loadProviders(httpJsonPlugin, { providers: { myex: entry() } });
      expect(myex!.disabledReason).to.equal(null);
      expect(myex!.declaration).to.include({ name: 'myex', baseUrl: 'https://api.myex.example', weight: 10, priority: 8 });
      expect(myex!.declaration.capabilities).to.deep.equal(['price']);
      expect(myex!.declaration.symbols).to.deep.equal({ BTC: 'btc-usd' });
    });

    it('takes the policy from config like any provider: weight, priority, rateLimit, cacheTtlMs, resilience, on429', () => {
      const [myex] = loadProviders(httpJsonPlugin, {
        providers: {
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
        },
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

    it('serves ticker too when endpoints.ticker is given', () => {
      const ticker = { path: '/stats?pair={symbol}', pricePointer: '/last', highPointer: '/high', lowPointer: '/low', volumePointer: '/vol' };
      const [myex] = loadProviders(httpJsonPlugin, { providers: { myex: entry((value) => (value.endpoints.ticker = ticker)) } });
      expect(myex!.declaration.capabilities).to.deep.equal(['price', 'ticker']);
    });

    it('is disabled with a reason, not dropped, when config disables it', () => {
      const { logger, lines } = capturingLogger();
      const [myex] = loadProviders(httpJsonPlugin, { providers: { myex: entry((value) => (value.enabled = false)) }, logger });
      expect(myex!.disabledReason).to.equal('disabled in config');
      expect(lines.join('')).to.contain('disabled in config');
    });

    it('is disabled when it requires a key whose variable is not set', () => {
      const overrides = { myex: entry((value) => Object.assign(value, { apiKeyEnv: 'MYEX_KEY', apiKeyRequired: true })) };
      expect(loadProviders(httpJsonPlugin, { providers: overrides })[0]!.disabledReason).to.equal('MYEX_KEY is not set');
      expect(loadProviders(httpJsonPlugin, { providers: overrides, env: { MYEX_KEY: 'k' } })[0]!.disabledReason).to.equal(null);
    });
  });

  describe('bad config', () => {
    const cases: [what: string, change: (value: Record<string, unknown> & { endpoints: Record<string, unknown> }) => void, path: string][] = [
      ['a missing pricePointer', (value) => delete (value.endpoints.price as Record<string, unknown>).pricePointer, 'providers.myex.endpoints.price.pricePointer'],
      ['a pointer without the leading slash', (value) => ((value.endpoints.price as Record<string, unknown>).pricePointer = 'data/last'), 'providers.myex.endpoints.price.pricePointer'],
      ['a pointer with a bad escape', (value) => ((value.endpoints.price as Record<string, unknown>).timestampPointer = '/data/~2'), 'providers.myex.endpoints.price.timestampPointer'],
      ['a path without {symbol}', (value) => ((value.endpoints.price as Record<string, unknown>).path = '/api/v1/ticker'), 'providers.myex.endpoints.price.path'],
      ['an unknown timestamp unit', (value) => ((value.endpoints.price as Record<string, unknown>).timestampUnit = 'us'), 'providers.myex.endpoints.price.timestampUnit'],
      ['an unknown key in an endpoint', (value) => ((value.endpoints.price as Record<string, unknown>).pricePath = '/x'), 'providers.myex.endpoints.price.pricePath'],
      ['no price endpoint', (value) => delete value.endpoints.price, 'providers.myex.endpoints.price'],
      ['a ticker endpoint without highPointer', (value) => (value.endpoints.ticker = { path: '/t/{symbol}', pricePointer: '/p', lowPointer: '/l', volumePointer: '/v' }), 'providers.myex.endpoints.ticker.highPointer'],
      ['no endpoints at all', (value) => delete (value as Record<string, unknown>).endpoints, 'providers.myex.endpoints'],
      ['no baseUrl', (value) => delete value.baseUrl, 'providers.myex.baseUrl'],
      ['no symbols', (value) => (value.symbols = {}), 'providers.myex.symbols'],
      ['a capability without an endpoint', (value) => (value.capabilities = ['price', 'ticker']), 'providers.myex.capabilities[1]'],
    ];
    for (const [what, change, path] of cases) {
      it(`rejects ${what}, naming the file and ${path}`, () => {
        const message = configErrorOf({ myex: entry(change) });
        expect(message).to.contain('Provider "myex" is misconfigured');
        expect(message).to.contain(`test-config.json: at "${path}"`);
      });
    }

    it('leaves policy values to config validation, which names the path too', () => {
      expect(configErrorOf({ myex: entry((value) => (value.weight = -1)) })).to.contain('test-config.json: at "providers.myex.weight"');
    });

    it('says what is wrong with a pointer', () => {
      expect(configErrorOf({ myex: entry((value) => ((value.endpoints.price as Record<string, unknown>).pricePointer = 'data/last')) })).to.contain('JSON Pointer (RFC 6901)');
    });

    it('says which capability lacks an endpoint', () => {
      expect(configErrorOf({ myex: entry((value) => (value.capabilities = ['ticker'])) })).to.contain('no endpoint answers "ticker"');
    });
  });
});
