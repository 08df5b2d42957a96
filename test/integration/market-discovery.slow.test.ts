import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createSimulatedGateway, type SimulatedGateway } from '../../simulator/simulated-gateway.js';
import { capturingLogger } from '../helpers/aggregator-harness.js';

type Json = Record<string, unknown>;

interface ProviderMarkets {
  id: string;
  markets: { source: string; count: number; halted: number; listed_at: string | null; last_error: string | null } | null;
}

async function get(gateway: SimulatedGateway, path: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${gateway.gatewayUrl}${path}`);
  return { status: response.status, body: (await response.json()) as Json };
}

async function marketsOf(gateway: SimulatedGateway, id: string): Promise<ProviderMarkets['markets']> {
  const status = (await get(gateway, '/api/system/status')).body;
  return (status.providers_detailed as ProviderMarkets[]).find((provider) => provider.id === id)!.markets;
}

/** An overlay over config/default.json keeping the market listings in `dir`, plus `extra`. */
function overlay(dir: string, extra: Json = {}): string {
  const file = join(dir, 'overlay.json');
  writeFileSync(file, JSON.stringify({ log: { level: 'warn' }, markets: { dataDir: join(dir, 'markets'), startupWaitMs: 3_000 }, ...extra }));
  return file;
}

describe('market discovery against the simulator', function () {
  this.timeout(60_000);

  describe('the demo market', () => {
    let gateway: SimulatedGateway;
    before(async () => {
      gateway = await createSimulatedGateway({ port: 0, env: { LOG_LEVEL: 'silent' } });
      await gateway.start();
    });
    after(() => gateway.stop());

    it('serves a coin only one exchange lists from that exchange, under its market id', async () => {
      const { status, body } = await get(gateway, '/api/market/price?symbol=known');
      expect(status).to.equal(200);
      expect(body).to.deep.include({ symbol: 'KNOWN', quote: 'USD', market: 'KNOWNUSD', source: 'Kraken' });
      const markets = await get(gateway, '/api/market/markets?symbol=KNOWN');
      expect(markets.body).to.deep.equal({ symbol: 'KNOWN', quotes: [{ quote: 'USD', providers: [{ id: 'kraken', name: 'Kraken', market: 'KNOWNUSD' }] }] });
    });

    it('answers 404 naming the symbol for a coin nobody lists, and for one every lister has halted', async () => {
      for (const symbol of ['NOSUCHCOIN', 'FROZE']) {
        const { status, body } = await get(gateway, `/api/market/price?symbol=${symbol}`);
        expect(status, symbol).to.equal(404);
        expect((body.error as Json).message, symbol).to.contain(symbol);
      }
    });

    it('serves BNB: in USDT from Binance or CryptoCompare, which list it, and for USD from a USD market or marked as answered from USDT', async () => {
      const usdt = await get(gateway, '/api/market/price?symbol=BNB/USDT');
      expect(usdt.status).to.equal(200);
      expect(usdt.body).to.deep.include({ symbol: 'BNB', quote: 'USDT' });
      expect([usdt.body.source, usdt.body.market]).to.be.deep.oneOf([['Binance', 'BNBUSDT'], ['CryptoCompare', 'BNB']]);
      expect(usdt.body).not.to.have.property('requestedQuote');
      for (let request = 0; request < 6; request += 1) {
        const usd = await get(gateway, '/api/market/price?symbol=bnb');
        expect(usd.status).to.equal(200);
        if (usd.body.quote === 'USDT') expect(usd.body).to.deep.include({ source: 'Binance', market: 'BNBUSDT', requestedQuote: 'USD' });
        else expect(usd.body).to.deep.include({ quote: 'USD' }).and.not.have.property('requestedQuote');
      }
      const markets = (await get(gateway, '/api/market/markets?symbol=BNB')).body.quotes as { quote: string; providers: { id: string }[] }[];
      expect(markets.find((entry) => entry.quote === 'USDT')!.providers.map((provider) => provider.id)).to.deep.equal(['binance', 'cryptocompare']);
    });

    it('serves a quote Binance does not list (GBP) from those that do, in that quote, and lists it per base', async () => {
      const gbp = await get(gateway, '/api/market/price?symbol=btc-gbp');
      expect(gbp.status).to.equal(200);
      expect(gbp.body.quote).to.equal('GBP');
      expect(gbp.body.source).to.not.equal('Binance');
      const usd = await get(gateway, '/api/market/price?symbol=BTC&quote=USD');
      const ratio = (gbp.body.price as number) / (usd.body.price as number);
      expect(ratio, 'a GBP price, not a USD one').to.be.within(0.75, 0.83);
      const quotes = (await get(gateway, '/api/market/markets?symbol=BTC')).body.quotes as { quote: string; providers: { id: string }[] }[];
      expect(quotes.map((entry) => entry.quote)).to.include.members(['EUR', 'GBP', 'USD', 'USDC', 'USDT', 'ETH']);
      const gbpServers = quotes.find((entry) => entry.quote === 'GBP')!.providers.map((provider) => provider.id).sort();
      expect(gbpServers).to.deep.equal(['bitstamp', 'coinbase', 'coingecko', 'cryptocompare', 'gemini', 'kraken']);
    });

    it('leaves halted markets out: Coinbase has MATIC halted, the others trade it', async () => {
      const quotes = (await get(gateway, '/api/market/markets?symbol=MATIC')).body.quotes as { quote: string; providers: { id: string }[] }[];
      const servers = quotes.flatMap((entry) => entry.providers.map((provider) => provider.id));
      expect(servers).to.include.members(['binance', 'kraken', 'bitstamp', 'gemini']);
      expect(servers).not.to.include('coinbase');
      expect(await marketsOf(gateway, 'coinbase')).to.deep.include({ source: 'discovered', halted: 3, last_error: null });
    });

    it('lists at least 150 bases, paged, with each quote and its providers', async () => {
      const first = (await get(gateway, '/api/market/markets?pageSize=200')).body;
      expect(first.total as number).to.be.at.least(150);
      const bases = (first.markets as { symbol: string }[]).map((entry) => entry.symbol);
      expect(bases).to.include.members(['BTC', 'BNB', 'SHIB', 'PEPE', 'TON', 'USDC', 'KNOWN']);
      const second = (await get(gateway, '/api/market/markets?pageSize=10&page=2')).body;
      expect((second.markets as { symbol: string }[]).map((entry) => entry.symbol)).to.deep.equal(bases.slice(10, 20));
    });
  });

  describe('when listings cannot be fetched', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'market-discovery-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps each listing on disk, serves the last known one on the next start, and says why in the status', async () => {
      const first = await createSimulatedGateway({ port: 0, config: overlay(dir), keepMarkets: true, env: { LOG_LEVEL: 'silent' } });
      await first.start();
      expect(await marketsOf(first, 'kraken')).to.deep.include({ source: 'discovered' });
      await first.stop();
      const kept = JSON.parse(readFileSync(join(dir, 'markets', 'kraken.json'), 'utf8')) as { markets: { base: string }[] };
      expect(kept.markets.some((market) => market.base === 'KNOWN')).to.equal(true);

      const { logger, lines } = capturingLogger();
      const second = await createSimulatedGateway({ port: 0, config: overlay(dir), keepMarkets: true, env: {}, logger });
      second.simulator.setFaults({ kraken: { errorRate: 1 } });
      await second.start();
      try {
        const kraken = (await marketsOf(second, 'kraken'))!;
        expect(kraken).to.include({ source: 'last-known' });
        expect(kraken.count).to.be.greaterThan(100);
        expect(kraken.last_error).to.be.a('string').and.not.equal('');
        const warning = lines.map((line) => JSON.parse(line) as Json).find((line) => line.provider === 'kraken' && String(line.msg).startsWith('Market listing unavailable'));
        expect(warning, 'the fallback is said at warn').to.include({ level: 40, serving: 'the last known list' });
        expect(warning).not.to.have.property('stack');
      } finally {
        await second.stop();
      }
    });

    it('serves the built-in universe on a first run without listings: never an empty market, never a crash', async () => {
      const gateway = await createSimulatedGateway({ port: 0, config: overlay(dir), keepMarkets: true, env: { LOG_LEVEL: 'silent' } });
      gateway.simulator.setFaults({ binance: { errorRate: 1 }, kraken: { garbageRate: 1 } });
      await gateway.start();
      try {
        for (const id of ['binance', 'kraken']) {
          const markets = (await marketsOf(gateway, id))!;
          expect(markets, id).to.include({ source: 'built-in', count: 20 });
          expect(markets.last_error, id).to.be.a('string');
        }
        gateway.simulator.setFaults({ reset: true });
        expect((await get(gateway, '/api/market/price?symbol=BTC')).status).to.equal(200);
      } finally {
        await gateway.stop();
      }
    });

    it('reports at start a config symbol naming a market the exchange does not list, and still serves it as configured', async () => {
      const { logger, lines } = capturingLogger();
      const config = overlay(dir, { providers: { kraken: { symbols: { ZZZ: 'ZZZUSD', BTC: 'XXBTZUSD' } } } });
      const gateway = await createSimulatedGateway({ port: 0, config, keepMarkets: true, env: {}, logger });
      await gateway.start();
      try {
        const warnings = lines.map((line) => JSON.parse(line) as Json).filter((line) => line.msg === 'Configured market not listed by the provider');
        expect(warnings.map((line) => line.market)).to.deep.equal(['ZZZ/USD']);
        expect(warnings[0]).to.include({ provider: 'kraken', id: 'ZZZUSD', path: 'providers.kraken.symbols', level: 40 });
        const markets = (await get(gateway, '/api/market/markets?symbol=ZZZ')).body;
        expect(markets).to.deep.equal({ symbol: 'ZZZ', quotes: [{ quote: 'USD', providers: [{ id: 'kraken', name: 'Kraken', market: 'ZZZUSD' }] }] });
      } finally {
        await gateway.stop();
      }
    });
  });
});
