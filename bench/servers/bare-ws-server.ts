import { WebSocketServer, type WebSocket } from 'ws';
import { reportMemoryOnSignal } from './memory-report.js';

/**
 * The baseline of the WebSocket fan-out benchmark: a bare `ws` server (no Koa, no router, no
 * limits) speaking just enough of the `/ws/market` protocol: `subscribe` is acknowledged, and
 * every `BENCH_POLL_MS` each subscribed symbol gets a price frame of the same shape, serialized
 * once and sent to each of its subscribers.
 */
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 1_000);
const subscribers = new Map<string, Set<WebSocket>>();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });

server.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; symbols?: string[] };
    if (message.type !== 'subscribe' || message.symbols === undefined) return;
    for (const symbol of message.symbols) {
      const set = subscribers.get(symbol) ?? new Set<WebSocket>();
      set.add(socket);
      subscribers.set(symbol, set);
    }
    socket.send(JSON.stringify({ type: 'subscribed', symbols: message.symbols }));
  });
  socket.on('close', () => {
    for (const set of subscribers.values()) set.delete(socket);
  });
});

setInterval(() => {
  for (const [symbol, sockets] of subscribers) {
    const frame = Buffer.from(JSON.stringify({ type: 'price', symbol, price: 67_187.33, source: 'Bare', timestamp: Math.floor(Date.now() / 1000), cached: false, sentAt: Date.now() }));
    for (const socket of sockets) socket.send(frame, { binary: false });
  }
}, POLL_MS);

server.once('listening', () => {
  const address = server.address();
  reportMemoryOnSignal();
  if (address !== null && typeof address === 'object') process.stdout.write(`LISTENING ${address.port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
