import type { MarketStreamMetrics, SentType } from './market-stream-metrics.js';
import type { StreamSocket } from './stream-socket.js';

/**
 * Sends one frame to every socket: the text is encoded to bytes once, whatever the number of
 * sockets, and the metrics are bumped once by the number sent and dropped.
 */
export function broadcast(sockets: Iterable<StreamSocket>, text: string, type: SentType, metrics: MarketStreamMetrics): void {
  const frame = Buffer.from(text);
  let sent = 0;
  let dropped = 0;
  for (const socket of sockets) {
    const outcome = socket.send(frame);
    if (outcome === 'sent') sent += 1;
    else if (outcome === 'dropped') dropped += 1;
  }
  if (sent > 0) metrics.sent.inc({ type }, sent);
  if (dropped > 0) metrics.dropped.inc({ type }, dropped);
}

/** Sends one frame to one socket, counted. */
export function sendTo(socket: StreamSocket, text: string, type: SentType, metrics: MarketStreamMetrics): void {
  broadcast([socket], text, type, metrics);
}
