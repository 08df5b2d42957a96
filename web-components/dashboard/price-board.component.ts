import { css, html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { PriceFeed, type PriceQuote, type PriceTransport } from './price-feed.js';

/** A row of the board: the quote, and which way the last change went. */
interface BoardRow {
  quote: PriceQuote;
  change: 'up' | 'down' | null;
  changedAt: number;
}

/** How long a changed price stays highlighted. */
const FLASH_MS = 1200;

/**
 * The dashboard's live price board: price, source and age of each symbol, over the gateway's
 * market stream (`WS /ws/market`), polling `/api/market/prices` while the socket is not open. A
 * changed price flashes, with an arrow saying which way it moved.
 *
 * @tag price-board
 * @csspart table - The board.
 */
export class PriceBoard extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    th,
    td {
      padding: 8px 10px;
      text-align: right;
      border-bottom: 1px solid var(--dashboard-border, #d0d7de);
    }
    th:first-child,
    td:first-child {
      text-align: left;
    }
    thead th {
      font-size: 12px;
      color: var(--dashboard-muted, #57606a);
      font-weight: 600;
    }
    td {
      white-space: nowrap;
    }
    .price {
      font-weight: 600;
      transition: background-color 0.6s ease;
      border-radius: 4px;
    }
    .flash-up {
      background: var(--dashboard-up-flash, rgb(26 127 55 / 22%));
    }
    .flash-down {
      background: var(--dashboard-down-flash, rgb(207 34 46 / 22%));
    }
    .muted {
      color: var(--dashboard-muted, #57606a);
      font-size: 12px;
    }
    .via {
      margin: 8px 0 0;
    }
    @media (prefers-reduced-motion: reduce) {
      .price {
        transition: none;
      }
    }
  `;

  static override properties = {
    symbols: { type: String },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    rows: { state: true },
    transport: { state: true },
    failure: { state: true },
    now: { state: true },
  };

  /** Comma-separated tickers, e.g. `BTC,ETH,SOL`. */
  declare symbols: string;
  /** Milliseconds between polls while the socket is not open. */
  declare pollInterval: number;
  declare private rows: ReadonlyMap<string, BoardRow>;
  declare private transport: PriceTransport | null;
  declare private failure: string | null;
  declare private now: number;

  private feed: PriceFeed | null = null;
  private clock: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.symbols = 'BTC,ETH,SOL,XRP,DOGE';
    this.pollInterval = 5000;
    this.rows = new Map();
    this.transport = null;
    this.failure = null;
    this.now = Date.now();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.restart();
    this.clock = setInterval(() => (this.now = Date.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.feed?.stop();
    this.feed = null;
    clearInterval(this.clock);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('symbols') || changed.has('pollInterval')) this.restart();
  }

  protected override render(): TemplateResult {
    return html`<table part="table">
        <caption class="muted" style="text-align:left">Prices in USD</caption>
        <thead>
          <tr><th scope="col">Symbol</th><th scope="col">Price</th><th scope="col">Source</th><th scope="col">Age</th></tr>
        </thead>
        <tbody>
          ${this.symbolList().map((symbol) => this.row(symbol, this.rows.get(symbol)))}
        </tbody>
      </table>
      <p class="via muted" aria-live="polite">${this.failure ?? (this.transport === null ? 'Connecting…' : this.transport === 'socket' ? 'Live over the market stream' : 'Polling (the market stream is not available)')}</p>`;
  }

  private row(symbol: string, row: BoardRow | undefined): TemplateResult {
    if (row === undefined) return html`<tr data-symbol=${symbol}><th scope="row">${symbol}</th><td class="price">–</td><td>–</td><td>–</td></tr>`;
    const flashing = row.change !== null && this.now - row.changedAt < FLASH_MS;
    const arrow = row.change === 'up' ? '▲' : row.change === 'down' ? '▼' : '';
    return html`<tr data-symbol=${symbol} data-price=${row.quote.price}>
      <th scope="row">${symbol}</th>
      <td class="price ${flashing ? `flash-${row.change}` : ''}">
        ${arrow === '' ? '' : html`<span aria-label=${row.change === 'up' ? 'up' : 'down'}>${arrow}</span> `}${formatPrice(row.quote.price)}
      </td>
      <td>${row.quote.source}${row.quote.cached ? html` <span class="muted">(cached)</span>` : ''}</td>
      <td class="age">${Math.max(0, Math.round(this.now / 1000 - row.quote.timestamp))} s</td>
    </tr>`;
  }

  private symbolList(): string[] {
    return this.symbols
      .split(',')
      .map((symbol) => symbol.trim().toUpperCase())
      .filter((symbol) => symbol !== '');
  }

  private restart(): void {
    this.feed?.stop();
    if (!this.isConnected) return;
    const base = new URL('/', document.baseURI);
    this.feed = new PriceFeed(
      {
        symbols: this.symbolList(),
        socketUrl: `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}/ws/market`,
        pricesUrl: new URL('/api/market/prices', base).href,
        pollIntervalMs: this.pollInterval > 0 ? this.pollInterval : 5000,
      },
      {
        onQuote: (quote, transport) => this.receive(quote, transport),
        onFailure: (message) => (this.failure = `Prices unavailable: ${message}`),
      },
    );
    this.feed.start();
  }

  private receive(quote: PriceQuote, transport: PriceTransport): void {
    const symbol = quote.symbol.toUpperCase();
    const previous = this.rows.get(symbol);
    const rows = new Map(this.rows);
    const now = Date.now();
    if (previous === undefined || previous.quote.price === quote.price) {
      rows.set(symbol, { quote, change: previous?.change ?? null, changedAt: previous?.changedAt ?? 0 });
    } else {
      rows.set(symbol, { quote, change: quote.price > previous.quote.price ? 'up' : 'down', changedAt: now });
    }
    this.rows = rows;
    this.transport = transport;
    this.failure = null;
    this.now = now;
  }
}

function formatPrice(price: number): string {
  return price.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: price < 1 ? 6 : 2 });
}
