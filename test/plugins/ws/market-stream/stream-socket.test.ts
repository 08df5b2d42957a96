import { randomBytes } from 'node:crypto';
import { connect, type AddressInfo } from 'node:net';
import { expect } from 'chai';
import { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { SystemClock } from '../../../../core/clock/clock.js';
import { broadcast } from '../../../../plugins/ws/market-stream/broadcast.js';
import { MarketStreamMetrics } from '../../../../plugins/ws/market-stream/market-stream-metrics.js';
import { StreamSocket } from '../../../../plugins/ws/market-stream/stream-socket.js';
import { sumOf, parsePrometheusText } from '../../../helpers/prometheus-text.js';

const SEND_BUFFER_BYTES = 64 * 1024;
const FRAME = 'x'.repeat(16 * 1024);

/**
 * A real server socket and its client, the client reading nothing (a consumer that stalled): a raw
 * TCP client that sends the upgrade request and never reads, so no HTTP interception (nock, in
 * other test files) can read for it. `resume` makes it read (and discard) everything again.
 */
async function stalledPair(): Promise<{ server: WebSocket; resume(): void; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const port = (wss.address() as AddressInfo).port;
  const client = connect(port, '127.0.0.1');
  client.on('error', () => undefined);
  await new Promise((resolve) => client.once('connect', resolve));
  client.write(
    [`GET / HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13', '', ''].join('\r\n'),
  );
  const server = await accepted;
  return {
    server,
    resume: () => client.on('data', () => undefined),
    close: async () => {
      client.destroy();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}

describe('StreamSocket: a slow consumer cannot grow memory without bound', function () {
  this.timeout(30_000);

  it('drops frames once more than sendBufferBytes wait, then closes with 1008 and counts both', async () => {
    const pair = await stalledPair();
    const registry = new Registry();
    const metrics = new MarketStreamMetrics(registry);
    const socket = new StreamSocket(pair.server, { sendBufferBytes: SEND_BUFFER_BYTES, slowConsumerTimeoutMs: 200 }, new SystemClock());
    const closed = new Promise<number>((resolve) => pair.server.once('close', resolve));
    try {
      let highest = 0;
      // The kernel's socket buffers take megabytes before anything waits in the process: keep sending until the socket closes.
      while (socket.open) {
        broadcast([socket], FRAME, 'price', metrics);
        highest = Math.max(highest, pair.server.bufferedAmount);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(socket.endReason).to.equal('slow_consumer');
      expect(highest, 'bytes ever queued').to.be.at.most(SEND_BUFFER_BYTES + FRAME.length + 1024);
      const samples = parsePrometheusText(await registry.metrics());
      expect(sumOf(samples, 'crypto_datasource_ws_frames_dropped_total', { type: 'price' })).to.be.greaterThan(0);
      expect(sumOf(samples, 'crypto_datasource_ws_messages_sent_total', { type: 'price' })).to.be.greaterThan(0);
      expect(await closed, 'cut after its grace if it reads nothing').to.be.oneOf([1006, 1008]);
    } finally {
      await pair.close();
    }
  });

  it('sends again once a consumer that fell behind catches up within the timeout', async () => {
    const pair = await stalledPair();
    const socket = new StreamSocket(pair.server, { sendBufferBytes: SEND_BUFFER_BYTES, slowConsumerTimeoutMs: 60_000 }, new SystemClock());
    try {
      while (socket.send(Buffer.from(FRAME)) === 'sent') await new Promise((resolve) => setImmediate(resolve));
      expect(socket.send(Buffer.from(FRAME))).to.equal('dropped');
      pair.resume();
      while (pair.server.bufferedAmount > SEND_BUFFER_BYTES) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(socket.send(Buffer.from(FRAME))).to.equal('sent');
      expect(socket.open).to.equal(true);
    } finally {
      await pair.close();
    }
  });
});
