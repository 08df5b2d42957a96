/** One price as the gateway answers it, over the socket (`{"type":"price",...}`) or REST. */
export interface PriceQuote {
  symbol: string;
  price: number;
  source: string;
  /** Unix seconds. */
  timestamp: number;
  cached: boolean;
}

/** How the last prices arrived. */
export type PriceTransport = 'socket' | 'polling';

/** What the feed tells the board. */
export interface PriceFeedListener {
  onQuote(quote: PriceQuote, transport: PriceTransport): void;
  onFailure(message: string): void;
}

/** Where the feed asks. */
export interface PriceFeedOptions {
  symbols: readonly string[];
  /** `WS /ws/market`. */
  socketUrl: string;
  /** `GET /api/market/prices?symbols=...`, polled while the socket is not open. */
  pricesUrl: string;
  pollIntervalMs: number;
}

const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * Live prices for the board: subscribes to the symbols on the gateway's market stream
 * (`{"type":"subscribe","symbols":[...]}`) and polls the REST prices endpoint whenever the socket
 * is not open, reconnecting with a back-off.
 */
export class PriceFeed {
  private socket: WebSocket | null = null;
  private socketOpen = false;
  private attempts = 0;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;

  constructor(
    private readonly options: PriceFeedOptions,
    private readonly listener: PriceFeedListener,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.poll();
    this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  private async poll(): Promise<void> {
    clearTimeout(this.pollTimer);
    if (!this.running || this.socketOpen) return;
    try {
      const url = `${this.options.pricesUrl}?symbols=${encodeURIComponent(this.options.symbols.join(','))}`;
      const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) throw new Error(`prices: HTTP ${response.status}`);
      const body = (await response.json()) as { prices?: unknown };
      for (const quote of Array.isArray(body.prices) ? body.prices : []) if (isQuote(quote)) this.listener.onQuote(quote, 'polling');
    } catch (error) {
      this.listener.onFailure(error instanceof Error ? error.message : String(error));
    }
    if (this.running && !this.socketOpen) this.pollTimer = setTimeout(() => void this.poll(), this.options.pollIntervalMs);
  }

  private connect(): void {
    if (!this.running) return;
    const socket = new WebSocket(this.options.socketUrl);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.socketOpen = true;
      this.attempts = 0;
      clearTimeout(this.pollTimer);
      socket.send(JSON.stringify({ type: 'subscribe', symbols: this.options.symbols }));
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      try {
        const message = JSON.parse(event.data) as { type?: unknown };
        if (message.type === 'price' && isQuote(message)) this.listener.onQuote(message, 'socket');
      } catch {
        // A frame that is not JSON is not a price: ignored.
      }
    });
    socket.addEventListener('close', () => {
      if (socket !== this.socket) return;
      this.socket = null;
      const wasOpen = this.socketOpen;
      this.socketOpen = false;
      if (!this.running) return;
      if (wasOpen) void this.poll();
      this.attempts += 1;
      this.reconnectTimer = setTimeout(() => this.connect(), Math.min(this.options.pollIntervalMs * 2 ** this.attempts, MAX_RECONNECT_DELAY_MS));
    });
  }
}

function isQuote(value: unknown): value is PriceQuote {
  if (typeof value !== 'object' || value === null) return false;
  const quote = value as Partial<PriceQuote>;
  return typeof quote.symbol === 'string' && typeof quote.price === 'number' && Number.isFinite(quote.price) && typeof quote.source === 'string' && typeof quote.timestamp === 'number';
}
