import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';

/** What the benchmark hands each worker. */
export interface WsWorkerPlan {
  url: string;
  /** The symbols of each of this worker's clients, one list per client. */
  subscriptions: string[][];
  /** Sockets opened at once while connecting. */
  concurrency: number;
}

/** Commands from the benchmark. */
export type WsWorkerCommand = { type: 'record' } | { type: 'report' } | { type: 'close' };

/** What a worker answers. */
export type WsWorkerMessage =
  | { type: 'ready'; clients: number; failed: number }
  | { type: 'report'; latenciesMs: number[]; frames: number; closedEarly: number }
  | { type: 'closed' };

const SENT_AT = '"sentAt":';

/**
 * One benchmark client process-thread: opens its share of real `ws` clients (no compression),
 * subscribes each, waits for every one's first price, then, while recording, notes for each price
 * frame the receive time minus the server's `sentAt` (same machine clock), reading `sentAt` from
 * the text without parsing the frame, so the harness costs as little as it can.
 */
const plan = workerData as WsWorkerPlan;
const port = parentPort!;
const sockets: WebSocket[] = [];
let recording = false;
let latencies: number[] = [];
let frames = 0;
let closedEarly = 0;
let closing = false;

function open(symbols: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(plan.url, { perMessageDeflate: false });
    let priced = false;
    socket.on('message', (data) => {
      const text = String(data);
      if (!text.startsWith('{"type":"price"')) return;
      if (!priced) {
        priced = true;
        resolve(true);
      }
      if (!recording) return;
      const at = text.lastIndexOf(SENT_AT);
      latencies.push(Date.now() - Number(text.slice(at + SENT_AT.length, text.indexOf('}', at))));
      frames += 1;
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', symbols })));
    socket.once('error', () => resolve(false));
    socket.once('close', () => {
      if (!closing) closedEarly += 1;
      if (!priced) resolve(false);
    });
    sockets.push(socket);
  });
}

let failed = 0;
for (let start = 0; start < plan.subscriptions.length; start += plan.concurrency) {
  const opened = await Promise.all(plan.subscriptions.slice(start, start + plan.concurrency).map(open));
  failed += opened.filter((ok) => !ok).length;
}
port.postMessage({ type: 'ready', clients: plan.subscriptions.length, failed } satisfies WsWorkerMessage);

port.on('message', (command: WsWorkerCommand) => {
  if (command.type === 'record') {
    latencies = [];
    frames = 0;
    recording = true;
  } else if (command.type === 'report') {
    recording = false;
    port.postMessage({ type: 'report', latenciesMs: latencies, frames, closedEarly } satisfies WsWorkerMessage);
  } else {
    closing = true;
    const live = sockets.filter((socket) => socket.readyState !== WebSocket.CLOSED);
    let open = live.length;
    if (open === 0) port.postMessage({ type: 'closed' } satisfies WsWorkerMessage);
    for (const socket of live) {
      socket.once('close', () => {
        open -= 1;
        if (open === 0) port.postMessage({ type: 'closed' } satisfies WsWorkerMessage);
      });
      socket.close();
    }
  }
});
