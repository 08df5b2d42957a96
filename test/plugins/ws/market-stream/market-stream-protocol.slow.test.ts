import { expect } from 'chai';
import { SPEC_SECTIONS } from '../../../../core/status/system-status.js';
import type { Frame, WsTestClient } from '../../../helpers/ws-test-client.js';
import { sleep, startStreamHarness, until, type StreamHarness } from './market-stream-harness.js';

const POLL_MS = 200;

const isPriceOf = (symbol: string) => (frame: Frame) => frame.type === 'price' && frame.symbol === symbol;

describe('market-stream plugin: the /ws/market protocol against the simulator', function () {
  this.timeout(60_000);
  let stream: StreamHarness;
  const clients: WsTestClient[] = [];
  const connect = async (): Promise<WsTestClient> => {
    const client = await stream.connect();
    clients.push(client);
    return client;
  };

  before(async () => {
    const shortCache = { cacheTtlMs: { price: 1_000 } };
    stream = await startStreamHarness({
      stream: { pollIntervalMs: POLL_MS, statusIntervalMs: 300 },
      overrides: { binance: shortCache, kraken: shortCache, coinbase: shortCache },
      router: { maxStalenessMs: 3_000 },
    });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  after(() => stream.stop());

  it('acknowledges a subscription with the upper-cased symbols, then pushes each one\'s price through the router', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', symbols: ['btc', 'ETH', 'btc'] });
    expect(await client.next()).to.deep.equal({ type: 'subscribed', symbols: ['BTC', 'ETH'] });
    for (const symbol of ['BTC', 'ETH']) {
      const price = await client.next(isPriceOf(symbol));
      expect(Object.keys(price)).to.deep.equal(['type', 'symbol', 'price', 'source', 'timestamp', 'cached', 'sentAt']);
      expect(price.price).to.be.a('number').greaterThan(0);
      expect(price.source).to.be.oneOf(['Binance', 'Kraken', 'Coinbase']);
      expect(price.timestamp).to.be.a('number').closeTo(Date.now() / 1000, 120);
      expect(price.cached).to.be.a('boolean');
      expect(price.sentAt).to.be.a('number').closeTo(Date.now(), 60_000);
    }
    // The next one comes from the next poll.
    await client.next(isPriceOf('BTC'));
  });

  it('rotates sources and uses the router\'s cache, as REST does', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', symbols: ['SOL'] });
    const sources = new Set<unknown>();
    const cached = new Set<unknown>();
    for (let index = 0; index < 12; index += 1) {
      const price = await client.next(isPriceOf('SOL'));
      sources.add(price.source);
      cached.add(price.cached);
    }
    expect(sources.size, 'providers seen').to.be.greaterThan(1);
    expect(cached.has(true), 'some polls answered from the cache').to.equal(true);
  });

  it('stops pushing a symbol once unsubscribed, and keeps the others', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', symbols: ['BTC', 'XRP'] });
    await client.next(isPriceOf('XRP'));
    client.send({ type: 'unsubscribe', symbols: ['xrp'] });
    expect(await client.nextOfType('unsubscribed')).to.deep.equal({ type: 'unsubscribed', symbols: ['XRP'] });
    const after = client.frames.length;
    await sleep(POLL_MS * 4);
    const later = client.frames.slice(after);
    expect(later.some(isPriceOf('BTC'))).to.equal(true);
    expect(later.some(isPriceOf('XRP'))).to.equal(false);
  });

  it('sends a new subscriber the latest price at once, without waiting for a poll', async () => {
    const slow = await startStreamHarness({ stream: { pollIntervalMs: 300_000 } });
    try {
      const first = await slow.connect();
      first.send({ type: 'subscribe', symbols: ['BTC'] });
      const polled = await first.next(isPriceOf('BTC'));
      const second = await slow.connect();
      second.send({ type: 'subscribe', symbols: ['BTC'] });
      expect(await second.next()).to.deep.equal({ type: 'subscribed', symbols: ['BTC'] });
      const latest = await second.next(undefined, 2_000);
      expect(latest).to.include({ type: 'price', symbol: 'BTC', price: polled.price, source: polled.source, timestamp: polled.timestamp });
      expect(await slow.metric('crypto_datasource_ws_polls_total')).to.equal(1);
      await Promise.all([first.close(), second.close()]);
    } finally {
      await slow.stop();
    }
  });

  it('answers ping with pong', async () => {
    const client = await connect();
    client.send({ type: 'ping' });
    expect(await client.next()).to.deep.equal({ type: 'pong' });
  });

  it('pushes exactly what GET /api/system/status answers on the status channel: at once, then at its interval, until unsubscribed', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', channel: 'status' });
    expect(await client.next()).to.deep.equal({ type: 'subscribed', channel: 'status' });
    const first = await client.nextOfType('status', 1_000);
    expect(Object.keys(first)).to.deep.equal(['type', 'status']);
    const status = first.status as Record<string, unknown> & { infrastructure: { websocket_clients: number; websocket: Record<string, unknown> } };
    const rest = (await (await fetch(`${stream.gateway.gatewayUrl}/api/system/status`)).json()) as Record<string, unknown>;
    expect(Object.keys(status)).to.deep.equal(['generated_at', ...SPEC_SECTIONS]);
    expect(Object.keys(status)).to.deep.equal(Object.keys(rest));
    const keysOf = (section: unknown): string[] | null => (section === null ? null : Object.keys(section as object));
    for (const section of SPEC_SECTIONS) expect(keysOf(status[section]), section).to.deep.equal(keysOf(rest[section]));
    expect(status.infrastructure.websocket_clients).to.be.at.least(1);
    expect(status.infrastructure.websocket).to.include({ path: '/ws/market', status_subscribers: 1, poll_interval_ms: POLL_MS });
    const second = await client.nextOfType('status');
    expect(Date.parse(String((second.status as { generated_at: string }).generated_at))).to.be.greaterThan(Date.parse(String(status.generated_at)));
    client.send({ type: 'unsubscribe', channel: 'status' });
    expect(await client.nextOfType('unsubscribed')).to.deep.equal({ type: 'unsubscribed', channel: 'status' });
    const after = client.frames.length;
    await sleep(700);
    expect(client.frames.slice(after).filter((frame) => frame.type === 'status')).to.deep.equal([]);
  });

  it('names each unknown symbol in an error and subscribes the known ones', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', symbols: ['NOSUCHCOIN', 'BTC'] });
    expect(await client.next()).to.deep.equal({ type: 'error', code: 'unknown_symbol', message: 'Unknown symbol NOSUCHCOIN: no enabled provider lists it for price', symbol: 'NOSUCHCOIN' });
    expect(await client.next()).to.deep.equal({ type: 'subscribed', symbols: ['BTC'] });
    client.send({ type: 'subscribe', symbols: ['ZZZ'] });
    expect(await client.next((frame) => frame.type !== 'price')).to.include({ type: 'error', code: 'unknown_symbol', symbol: 'ZZZ' });
  });

  it('answers every malformed message with an error naming what is wrong, and keeps serving the socket', async () => {
    const client = await connect();
    const cases: Array<[unknown, string, string]> = [
      ['{"type": "subscribe", ', 'invalid_json', 'message is not valid JSON'],
      ['[1, 2]', 'invalid_message', 'expected a JSON object with a "type"'],
      ['"ping"', 'invalid_message', 'expected a JSON object with a "type"'],
      ['null', 'invalid_message', 'expected a JSON object with a "type"'],
      [{ type: 'dance' }, 'unknown_type', 'type: expected one of subscribe, unsubscribe, ping, got "dance"'],
      [{ symbols: ['BTC'] }, 'unknown_type', 'type: expected one of subscribe, unsubscribe, ping, got null'],
      [{ type: 'subscribe' }, 'invalid_message', 'symbols: expected an array of tickers, such as ["BTC","ETH"]'],
      [{ type: 'subscribe', symbols: 'BTC' }, 'invalid_message', 'symbols: expected an array of tickers, such as ["BTC","ETH"]'],
      [{ type: 'subscribe', symbols: [] }, 'invalid_message', 'symbols: expected at least one symbol, such as ["BTC"]'],
      [{ type: 'subscribe', symbols: ['BTC', 'b-d'] }, 'invalid_message', 'symbols[1]: expected a ticker of 1 to 15 letters or digits, such as BTC'],
      [{ type: 'subscribe', symbols: ['BTC', 7] }, 'invalid_message', 'symbols[1]: is required'],
      [{ type: 'subscribe', symbols: ['BTC'], extra: true }, 'invalid_message', 'extra: unknown field'],
      [{ type: 'subscribe', channel: 'gossip' }, 'invalid_message', 'channel: expected "status"'],
      [{ type: 'ping', symbols: ['BTC'] }, 'invalid_message', 'symbols: unknown field'],
    ];
    for (const [message, code, text] of cases) {
      client.send(message);
      expect(await client.next(), JSON.stringify(message)).to.deep.equal({ type: 'error', code, message: text });
      await sleep(60);
    }
    client.socket.send(Buffer.from('{"type":"ping"}'), { binary: true });
    expect(await client.next()).to.deep.equal({ type: 'error', code: 'invalid_message', message: 'binary frames are not part of the protocol: send JSON text' });
    client.send({ type: 'ping' });
    expect(await client.next()).to.deep.equal({ type: 'pong' });
    expect(await stream.metric('crypto_datasource_ws_messages_received_total', { type: 'invalid' })).to.be.at.least(cases.length + 1);
  });

  it('marks stale prices as REST does, tells subscribers once when nothing can answer, and resumes when a provider can', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', symbols: ['DOGE'] });
    await client.next(isPriceOf('DOGE'));
    stream.gateway.simulator.setFaults({ binance: { errorRate: 1 }, kraken: { errorRate: 1 }, coinbase: { errorRate: 1 } });
    try {
      // Fresh cached answers serve the first polls (1 s), stale ones the next (router.maxStalenessMs, 3 s), then nothing can.
      const stale = await client.next((frame) => frame.stale === true, 10_000);
      expect(stale).to.include({ type: 'price', symbol: 'DOGE', cached: true });
      const error = await client.next((frame) => frame.type === 'error', 10_000);
      expect(error).to.include({ type: 'error', code: 'unavailable', symbol: 'DOGE' });
      expect(error.message).to.match(/^No price for DOGE right now: /);
      await sleep(POLL_MS * 3);
      expect(client.frames.filter((frame) => frame.type === 'error')).to.have.length(1);
    } finally {
      stream.gateway.simulator.reset();
    }
    const resumed = await client.next(isPriceOf('DOGE'), 10_000);
    expect(resumed).to.not.have.property('stale');
    expect(await stream.metric('crypto_datasource_ws_polls_total', { result: 'failure' })).to.be.greaterThan(0);
  });

  it('counts connections, subscriptions and messages in /metrics and the infrastructure status', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', symbols: ['BTC', 'ETH'] });
    await client.next(isPriceOf('ETH'));
    await until(async () => (await stream.metric('crypto_datasource_ws_subscriptions', { channel: 'price' })) === 2, 'two price subscriptions');
    expect(await stream.metric('crypto_datasource_ws_connections')).to.equal(1);
    expect(await stream.metric('crypto_datasource_ws_pollers')).to.equal(2);
    expect(await stream.metric('crypto_datasource_ws_messages_sent_total', { type: 'price' })).to.be.greaterThan(0);
    expect(await stream.metric('crypto_datasource_ws_price_broadcast_duration_seconds_count')).to.be.greaterThan(0);
    const status = (await (await fetch(`${stream.gateway.gatewayUrl}/api/system/status`)).json()) as { infrastructure: { websocket_clients: number; websocket: Record<string, unknown> } };
    expect(status.infrastructure.websocket_clients).to.equal(1);
    expect(status.infrastructure.websocket).to.include({ price_subscriptions: 2, pollers: 2 });
    expect(status.infrastructure.websocket.messages_sent).to.equal(await stream.metric('crypto_datasource_ws_messages_sent_total'));
  });
});
