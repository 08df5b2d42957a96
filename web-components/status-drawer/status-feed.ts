import { isSystemStatus, type SystemStatusView } from './system-status.js';

/** How the last status arrived: over the WebSocket status channel, or by polling the endpoint. */
export type FeedTransport = 'socket' | 'polling';

/** What the feed tells its owner. */
export interface StatusFeedListener {
  /** A status arrived. */
  onStatus(status: SystemStatusView, transport: FeedTransport): void;
  /** A poll failed; `retryInMs` is when the next attempt is due (it backs off, doubling up to a ceiling). */
  onFailure(message: string, failures: number, retryInMs: number): void;
}

/** Where and how often the feed asks. */
export interface StatusFeedOptions {
  /** URL of `GET /api/system/status`, relative to the page or absolute. */
  endpoint: string;
  /** WebSocket URL of the status channel, or null for polling only. */
  socketUrl: string | null;
  /** Milliseconds between polls while the socket is not delivering. */
  pollIntervalMs: number;
  /** The ceiling of the back-off between failed polls and socket reconnects. */
  maxRetryDelayMs: number;
}

/** The ceiling on how long one poll may take before it counts as failed. */
const FETCH_TIMEOUT_MS = 10_000;

/**
 * The drawer's source of status: subscribes to the gateway's WebSocket status channel
 * (`{"type":"subscribe","channel":"status"}`, answered by `{"type":"status","status":...}`) and,
 * whenever the socket is not delivering (refused, closed, not yet open), polls the endpoint. Failed
 * polls and socket reconnects back off exponentially from the poll interval up to a ceiling.
 */
export class StatusFeed {
  private socket: WebSocket | null = null;
  private socketDelivering = false;
  private socketAttempts = 0;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private inFlight: AbortController | null = null;
  private running = false;

  constructor(
    private readonly options: StatusFeedOptions,
    private readonly listener: StatusFeedListener,
  ) {}

  /** Starts: one poll at once, and the socket when there is one. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.poll();
    this.openSocket();
  }

  /** Stops every timer, request and socket. */
  stop(): void {
    this.running = false;
    clearTimeout(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    this.inFlight?.abort();
    this.inFlight = null;
    const socket = this.socket;
    this.socket = null;
    this.socketDelivering = false;
    socket?.close();
  }

  /** Fetches the endpoint now, whatever the socket does (the refresh button). */
  refresh(): Promise<void> {
    return this.poll();
  }

  private async poll(): Promise<void> {
    if (!this.running) return;
    clearTimeout(this.pollTimer);
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(new Error(`no answer within ${FETCH_TIMEOUT_MS / 1000} s`)), FETCH_TIMEOUT_MS);
    try {
      const status = await fetchStatus(this.options.endpoint, controller.signal);
      if (this.inFlight !== controller) return;
      this.failures = 0;
      this.listener.onStatus(status, 'polling');
      this.schedulePoll(this.options.pollIntervalMs);
    } catch (error) {
      if (this.inFlight !== controller || !this.running) return;
      this.failures += 1;
      const retryIn = this.backoff(this.failures);
      this.listener.onFailure(describe(controller.signal.aborted ? controller.signal.reason : error), this.failures, retryIn);
      this.schedulePoll(retryIn);
    } finally {
      clearTimeout(timeout);
      if (this.inFlight === controller) this.inFlight = null;
    }
  }

  /** The next poll, unless the socket delivers meanwhile (then polling pauses until it stops). */
  private schedulePoll(delayMs: number): void {
    clearTimeout(this.pollTimer);
    if (!this.running || this.socketDelivering) return;
    this.pollTimer = setTimeout(() => void this.poll(), delayMs);
  }

  private backoff(attempt: number): number {
    return Math.min(this.options.pollIntervalMs * 2 ** (attempt - 1), this.options.maxRetryDelayMs);
  }

  private openSocket(): void {
    const url = this.options.socketUrl;
    if (!this.running || url === null || typeof WebSocket === 'undefined') return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'subscribe', channel: 'status' })));
    socket.addEventListener('message', (event) => this.onSocketMessage(socket, event));
    socket.addEventListener('close', () => this.onSocketClosed(socket));
  }

  private onSocketMessage(socket: WebSocket, event: MessageEvent): void {
    if (socket !== this.socket || typeof event.data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { type, status } = message as { type?: unknown; status?: unknown };
    if (type !== 'status' || !isSystemStatus(status)) return;
    this.socketDelivering = true;
    this.socketAttempts = 0;
    this.failures = 0;
    clearTimeout(this.pollTimer);
    this.listener.onStatus(status, 'socket');
  }

  /** The socket is gone (refused, or closed later): poll at once, and try it again after a back-off. */
  private onSocketClosed(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.socket = null;
    const wasDelivering = this.socketDelivering;
    this.socketDelivering = false;
    if (!this.running) return;
    if (wasDelivering) void this.poll();
    this.socketAttempts += 1;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.openSocket(), this.backoff(this.socketAttempts + 1));
  }
}

async function fetchStatus(endpoint: string, signal: AbortSignal): Promise<SystemStatusView> {
  const response = await fetch(endpoint, { headers: { accept: 'application/json' }, cache: 'no-store', signal });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}${errorMessageOf(text)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error('the answer is not JSON');
  }
  if (!isSystemStatus(body)) throw new Error('the answer is not a system status');
  return body;
}

/** `: <message>` from a gateway error body `{"error": {"message"}}`, else nothing. */
function errorMessageOf(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' ? `: ${message}` : '';
  } catch {
    return '';
  }
}

function describe(error: unknown): string {
  if (error instanceof TypeError) return 'the status endpoint cannot be reached';
  return error instanceof Error ? error.message : String(error);
}
