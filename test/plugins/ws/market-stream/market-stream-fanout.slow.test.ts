import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { PriceFanout } from '../../../../plugins/ws/market-stream/index.js';
import type { InMemoryPriceFanout } from '../../../../plugins/ws/market-stream/in-memory-price-fanout.js';
import { trackTimers } from '../../../helpers/timer-tracker.js';
import { WsTestClient, type Frame } from '../../../helpers/ws-test-client.js';
import { sleep, startStreamHarness, until, type StreamHarness } from './market-stream-harness.js';

const POLL_MS = 250;
/** The plugin's own folder: timers created from there are the stream's. */
const STREAM_SOURCES = fileURLToPath(new URL('../../../../plugins/ws/market-stream/', import.meta.url));
const CLIENTS = 500;

const isPrice = (frame: Frame): boolean => frame.type === 'price';
const prices = (client: WsTestClient): number => client.frames.filter(isPrice).length;

describe('market-stream plugin: one shared poller, one batched call per interval, whatever the number of subscribers', function () {
  this.timeout(120_000);

  describe(`${CLIENTS} clients on one symbol, one provider that never caches`, () => {
    let stream: StreamHarness;

    before(async () => {
      // One provider and no cache: every poll is exactly one upstream call, counted at the simulator.
      stream = await startStreamHarness({ providers: ['binance'], overrides: { binance: { cacheTtlMs: { price: 0 } } }, stream: { pollIntervalMs: POLL_MS, maxMessagesPerSecond: 50 } });
    });
    after(() => stream.stop());

    it('costs the upstream one call per poll interval', async () => {
      stream.gateway.simulator.reset();
      const clients = await Promise.all(Array.from({ length: CLIENTS }, () => stream.connect()));
      const started = Date.now();
      for (const client of clients) client.send({ type: 'subscribe', symbols: ['BTC'] });
      await until(() => clients.every((client) => prices(client) >= 1), 'a price on every client', 30_000);
      expect(await stream.metric('crypto_datasource_ws_pollers')).to.equal(1);
      expect(await stream.metric('crypto_datasource_ws_subscriptions', { channel: 'price' })).to.equal(CLIENTS);
      const framesBefore = clients.map(prices);
      await sleep(POLL_MS * 8);
      const received = clients.map((client, index) => prices(client) - framesBefore[index]!);
      await Promise.all(clients.map((client) => client.close()));
      await until(async () => (await stream.metric('crypto_datasource_ws_pollers')) === 0, 'the poller stopped');
      const elapsed = Date.now() - started;
      // A poll in flight when the poller stopped still lands (and is counted).
      await sleep(POLL_MS);
      const polls = await stream.metric('crypto_datasource_ws_polls_total');
      const calls = stream.upstreamCalls();

      expect(calls, 'upstream calls: one per poll').to.equal(polls);
      expect(polls, `polls in ${elapsed} ms at one per ${POLL_MS} ms`).to.be.within(Math.floor(elapsed / POLL_MS) - 3, Math.ceil(elapsed / POLL_MS) + 1);
      expect(Math.min(...received), 'fewest frames any client got in 8 intervals').to.be.at.least(5);
      expect(await stream.metric('crypto_datasource_ws_messages_sent_total', { type: 'price' })).to.be.at.least(CLIENTS * 6);
    });
  });

  describe('many symbols, one provider that never caches', () => {
    const SYMBOLS = ['BTC', 'ETH', 'SOL', 'XRP', 'ADA', 'DOGE', 'DOT', 'LTC', 'LINK', 'AVAX', 'BCH', 'XLM'];
    let stream: StreamHarness;

    before(async () => {
      stream = await startStreamHarness({ providers: ['binance'], overrides: { binance: { cacheTtlMs: { price: 0 } } }, stream: { pollIntervalMs: POLL_MS } });
    });
    after(() => stream.stop());

    it('asks the upstream for every subscribed symbol in one batched call per poll interval, not one call per symbol', async () => {
      const client = await stream.connect();
      client.send({ type: 'subscribe', symbols: SYMBOLS });
      await until(() => SYMBOLS.every((symbol) => client.frames.some((frame) => isPrice(frame) && frame.symbol === symbol)), 'a price of every symbol');
      stream.gateway.simulator.reset();
      const pollsBefore = await stream.metric('crypto_datasource_ws_polls_total', { result: 'success' });
      const framesBefore = client.frames.filter(isPrice).length;
      await sleep(POLL_MS * 8);
      const { calls, endpoints, symbols } = stream.gateway.simulator.stats();
      const polls = (await stream.metric('crypto_datasource_ws_polls_total', { result: 'success' })) - pollsBefore;
      await client.close();

      expect(calls.binance, 'upstream calls in 8 intervals').to.be.within(6, 10);
      expect(endpoints.binance, 'only the batch endpoint').to.deep.equal({ '/api/v3/ticker/price': calls.binance });
      expect(Object.keys(symbols.binance!).sort(), 'each call names every symbol').to.deep.equal(SYMBOLS.map((symbol) => `${symbol}USDT`).sort());
      expect(polls, 'a poll per symbol per round').to.be.at.least(calls.binance! * SYMBOLS.length - SYMBOLS.length);
      expect(client.frames.filter(isPrice).length - framesBefore).to.be.at.least(SYMBOLS.length * 5);
    });
  });

  describe('leaving and shutting down', () => {
    let stream: StreamHarness;

    beforeEach(async () => {
      stream = await startStreamHarness({ stream: { pollIntervalMs: POLL_MS, statusIntervalMs: 300, heartbeatIntervalMs: 60_000 } });
    });
    afterEach(() => stream.stop());

    it('stops a symbol\'s poller when its last subscriber leaves, and leaves no timer or listener once everyone has', async () => {
      const timers = trackTimers(STREAM_SOURCES);
      const fanout = stream.gateway.app.kernel.container.get<InMemoryPriceFanout>(PriceFanout);
      const clients = await Promise.all(Array.from({ length: 20 }, () => stream.connect()));
      clients.forEach((client, index) => client.send({ type: 'subscribe', symbols: index % 2 === 0 ? ['BTC', 'ETH'] : ['ETH'] }));
      clients.slice(0, 5).forEach((client) => client.send({ type: 'subscribe', channel: 'status' }));
      await until(() => clients.every((client) => client.frames.some(isPrice)) && clients.slice(0, 5).every((client) => client.frames.some((frame) => frame.type === 'status')), 'prices and statuses');
      expect(fanout.symbols).to.equal(2);
      expect(await stream.metric('crypto_datasource_ws_pollers')).to.equal(2);
      expect(timers.pending().length, 'the pollers\' and the status channel\'s timers').to.be.greaterThan(0);

      // The BTC subscribers leave: its poller stops, ETH's goes on.
      await Promise.all(clients.filter((_, index) => index % 2 === 0).map((client) => client.close()));
      await until(async () => (await stream.metric('crypto_datasource_ws_pollers')) === 1, 'BTC poller stopped');
      expect(fanout.symbols).to.equal(1);
      const remaining = clients.filter((_, index) => index % 2 === 1);
      const before = remaining[0]!.frames.length;
      await sleep(POLL_MS * 3);
      expect(remaining[0]!.frames.slice(before).filter((frame) => frame.type === 'price' && frame.symbol === 'ETH').length).to.be.greaterThan(0);

      await Promise.all(remaining.map((client) => client.close()));
      await until(async () => (await stream.metric('crypto_datasource_ws_connections')) === 0, 'every socket closed');
      expect(await stream.metric('crypto_datasource_ws_pollers')).to.equal(0);
      expect(await stream.metric('crypto_datasource_ws_subscriptions')).to.equal(0);
      expect(fanout.symbols).to.equal(0);
      // A poll in flight when its poller stopped schedules nothing once it lands.
      await sleep(POLL_MS * 2);
      timers.stop();
      expect(timers.pending(), 'timers the stream left behind').to.deep.equal([]);
    });

    it('closes every socket with 1001 on shutdown and stops every poller and timer', async () => {
      const timers = trackTimers(STREAM_SOURCES);
      const clients = await Promise.all(Array.from({ length: 10 }, () => stream.connect()));
      clients.forEach((client) => client.send({ type: 'subscribe', symbols: ['BTC', 'SOL'] }));
      clients[0]!.send({ type: 'subscribe', channel: 'status' });
      await until(() => clients.every((client) => client.frames.some(isPrice)), 'prices');
      const fanout = stream.gateway.app.kernel.container.get<InMemoryPriceFanout>(PriceFanout);
      await stream.stop();
      const closes = await Promise.all(clients.map((client) => client.closed));
      expect(closes).to.deep.equal(clients.map(() => ({ code: 1001, reason: 'server shutting down' })));
      expect(fanout.symbols).to.equal(0);
      timers.stop();
      expect(timers.created).to.be.greaterThan(0);
      expect(timers.pending(), 'timers the stream left behind').to.deep.equal([]);
    });
  });
});
