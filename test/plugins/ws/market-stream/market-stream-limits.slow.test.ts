import { expect } from 'chai';
import { WebSocket } from 'ws';
import { WsTestClient } from '../../../helpers/ws-test-client.js';
import { ALLOWED_ORIGIN, sleep, startStreamHarness, until, type StreamHarness } from './market-stream-harness.js';

describe('market-stream plugin: limits, heartbeats and origins, each with its error or close code', function () {
  this.timeout(60_000);
  let stream: StreamHarness;
  const clients: WsTestClient[] = [];
  const connect = async (headers?: Record<string, string>): Promise<WsTestClient> => {
    const client = await stream.connect(headers);
    clients.push(client);
    return client;
  };

  before(async () => {
    stream = await startStreamHarness({
      stream: { maxConnections: 3, maxSymbolsPerConnection: 2, maxMessagesPerSecond: 5, maxFrameBytes: 256, heartbeatIntervalMs: 200 },
    });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await until(async () => (await stream.metric('crypto_datasource_ws_connections')) === 0, 'every socket closed');
  });
  after(() => stream.stop());

  it('closes a connection over maxConnections with 1013 (try again later) and takes one again once a socket leaves', async () => {
    const open = await Promise.all([connect(), connect(), connect()]);
    const extra = await connect();
    expect(await extra.closed).to.deep.equal({ code: 1013, reason: 'too many connections (at most 3): try again later' });
    await open[0]!.close();
    await until(async () => (await stream.metric('crypto_datasource_ws_connections')) === 2, 'one socket gone');
    const again = await connect();
    again.send({ type: 'ping' });
    expect(await again.next()).to.deep.equal({ type: 'pong' });
    expect(await stream.metric('crypto_datasource_ws_disconnections_total', { reason: 'too_many_connections' })).to.equal(1);
  });

  it('refuses a subscription past maxSymbolsPerConnection, changing nothing', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', symbols: ['BTC'] });
    expect(await client.nextOfType('subscribed')).to.deep.equal({ type: 'subscribed', symbols: ['BTC'] });
    client.send({ type: 'subscribe', symbols: ['ETH', 'SOL'] });
    expect(await client.nextOfType('error')).to.deep.equal({
      type: 'error',
      code: 'too_many_symbols',
      message: 'at most 2 symbols per connection: subscribed to 1, asked for 2 more; nothing changed',
    });
    // Re-subscribing to a symbol held already costs nothing.
    client.send({ type: 'subscribe', symbols: ['BTC', 'ETH'] });
    expect(await client.nextOfType('subscribed')).to.deep.equal({ type: 'subscribed', symbols: ['BTC', 'ETH'] });
    await until(async () => (await stream.metric('crypto_datasource_ws_subscriptions', { channel: 'price' })) === 2, 'two subscriptions');
    expect(client.frames.some((frame) => frame.symbol === 'SOL' && frame.type === 'price')).to.equal(false);
  });

  it('closes a socket sending more than maxMessagesPerSecond with an error and 1008', async () => {
    const client = await connect();
    for (let index = 0; index < 12; index += 1) client.send({ type: 'ping' });
    const closed = await client.closed;
    expect(closed).to.deep.equal({ code: 1008, reason: 'more than 5 messages per second' });
    // A burst of 5, and perhaps one more token refilled while the 12 arrive.
    expect(client.frames.filter((frame) => frame.type === 'pong').length).to.be.within(5, 6);
    expect(client.frames.at(-1)).to.deep.equal({ type: 'error', code: 'rate_limited', message: 'more than 5 messages per second' });
    await until(async () => (await stream.metric('crypto_datasource_ws_disconnections_total', { reason: 'rate_limited' })) === 1, 'the close counted');
  });

  it('lets a client that keeps to the rate go on', async () => {
    const client = await connect();
    for (let index = 0; index < 8; index += 1) {
      client.send({ type: 'ping' });
      expect(await client.next()).to.deep.equal({ type: 'pong' });
      await sleep(250);
    }
  });

  it('closes a socket sending a message over maxFrameBytes with an error and 1009', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', symbols: Array.from({ length: 60 }, () => 'BTC') });
    expect(await client.closed).to.deep.equal({ code: 1009, reason: 'message over 256 bytes' });
    expect(client.frames.at(-1)).to.include({ type: 'error', code: 'frame_too_big' });
    await until(async () => (await stream.metric('crypto_datasource_ws_disconnections_total', { reason: 'frame_too_big' })) === 1, 'the close counted');
  });

  it('pings every socket each heartbeat and cuts one that stopped answering', async () => {
    const alive = await connect();
    const dead = await WsTestClient.connect(stream.url, { autoPong: false });
    clients.push(dead);
    const cut = await dead.closed;
    expect(cut.code, 'cut without a close handshake').to.equal(1006);
    await sleep(600);
    alive.send({ type: 'ping' });
    expect(await alive.next()).to.deep.equal({ type: 'pong' });
    await until(async () => (await stream.metric('crypto_datasource_ws_disconnections_total', { reason: 'heartbeat' })) === 1, 'the cut counted');
  });

  it('closes a page from an origin not on server.corsOrigins with 1008 and serves allowed ones', async () => {
    const evil = await connect({ Origin: 'https://evil.example' });
    expect(await evil.closed).to.deep.equal({ code: 1008, reason: 'origin not allowed' });
    for (const origin of [ALLOWED_ORIGIN, stream.gateway.gatewayUrl]) {
      const page = await connect({ Origin: origin });
      page.send({ type: 'ping' });
      expect(await page.next(), origin).to.deep.equal({ type: 'pong' });
    }
  });

  it('refuses another WebSocket path with 404 at once', async () => {
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(stream.url.replace('/ws/market', '/ws/markets'));
      socket.on('error', () => undefined);
      socket.once('unexpected-response', (request, response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
    });
    expect(refused).to.equal(404);
  });
});
