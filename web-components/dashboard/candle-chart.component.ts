import { css, html, LitElement, svg, type PropertyValues, type TemplateResult } from 'lit';

/** `[time, open, high, low, close, volume]`, time in Unix seconds. */
type Candle = [number, number, number, number, number, number];

const WIDTH = 900;
const HEIGHT = 220;
const PAD_LEFT = 64;
const PAD_BOTTOM = 22;
const REFRESH_MS = 60_000;

/**
 * A small candle chart of one symbol from `GET /api/market/ohlcv`, refreshed every minute.
 *
 * @tag candle-chart
 */
export class CandleChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
    }
    .up {
      fill: var(--dashboard-up, #1a7f37);
      stroke: var(--dashboard-up, #1a7f37);
    }
    .down {
      fill: var(--dashboard-down, #cf222e);
      stroke: var(--dashboard-down, #cf222e);
    }
    .axis {
      fill: var(--dashboard-muted, #57606a);
      font-size: 11px;
    }
    .grid {
      stroke: var(--dashboard-border, #d0d7de);
    }
    .muted {
      color: var(--dashboard-muted, #57606a);
      font-size: 12px;
    }
  `;

  static override properties = {
    symbol: { type: String },
    interval: { type: String },
    limit: { type: Number },
    candles: { state: true },
    source: { state: true },
    failure: { state: true },
  };

  /** The ticker to chart. */
  declare symbol: string;
  /** Candle width: `1m 5m 15m 30m 1h 4h 1d`. */
  declare interval: string;
  /** How many candles. */
  declare limit: number;
  declare private candles: Candle[] | null;
  declare private source: string | null;
  declare private failure: string | null;

  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.symbol = 'BTC';
    this.interval = '1h';
    this.limit = 48;
    this.candles = null;
    this.source = null;
    this.failure = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => void this.load(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('symbol') || changed.has('interval') || changed.has('limit')) void this.load();
  }

  protected override render(): TemplateResult {
    if (this.failure !== null) return html`<p class="muted" role="alert">Candles unavailable: ${this.failure}</p>`;
    if (this.candles === null) return html`<p class="muted">Loading candles…</p>`;
    if (this.candles.length === 0) return html`<p class="muted">No candles for ${this.symbol}.</p>`;
    return html`${this.chart(this.candles)}
      <p class="muted">${this.symbol} · ${this.interval} candles · ${this.source}</p>`;
  }

  private chart(candles: Candle[]): TemplateResult {
    const lows = candles.map((candle) => candle[3]);
    const highs = candles.map((candle) => candle[2]);
    const min = Math.min(...lows);
    const max = Math.max(...highs);
    const span = max - min || 1;
    const plotWidth = WIDTH - PAD_LEFT - 4;
    const plotHeight = HEIGHT - PAD_BOTTOM - 8;
    const y = (value: number): number => 4 + ((max - value) / span) * plotHeight;
    const step = plotWidth / candles.length;
    const body = Math.max(1, step * 0.6);
    const first = new Date(candles[0]![0] * 1000);
    const last = new Date(candles[candles.length - 1]![0] * 1000);
    return html`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${this.symbol} ${this.interval} candles from ${first.toLocaleString()} to ${last.toLocaleString()}, low ${min}, high ${max}">
      ${[0, 0.5, 1].map((fraction) => {
        const value = max - fraction * span;
        return svg`<line class="grid" x1=${PAD_LEFT} x2=${WIDTH} y1=${y(value)} y2=${y(value)} stroke-dasharray="2 3"></line>
          <text class="axis" x=${PAD_LEFT - 6} y=${y(value) + 4} text-anchor="end">${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}</text>`;
      })}
      ${candles.map(([, open, high, low, close], index) => {
        const x = PAD_LEFT + index * step + step / 2;
        const tone = close >= open ? 'up' : 'down';
        return svg`<g class="candle ${tone}">
          <line x1=${x} x2=${x} y1=${y(high)} y2=${y(low)} stroke-width="1"></line>
          <rect x=${x - body / 2} width=${body} y=${y(Math.max(open, close))} height=${Math.max(1, Math.abs(y(open) - y(close)))}></rect>
        </g>`;
      })}
      <text class="axis" x=${PAD_LEFT} y=${HEIGHT - 4}>${first.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</text>
      <text class="axis" x=${WIDTH - 4} y=${HEIGHT - 4} text-anchor="end">${last.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</text>
    </svg>`;
  }

  private async load(): Promise<void> {
    try {
      const url = new URL('/api/market/ohlcv', document.baseURI);
      url.search = new URLSearchParams({ symbol: this.symbol, interval: this.interval, limit: String(this.limit) }).toString();
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { candles?: unknown; source?: unknown };
      if (!Array.isArray(body.candles)) throw new Error('the answer has no candles');
      this.candles = body.candles.filter((candle): candle is Candle => Array.isArray(candle) && candle.length >= 6 && candle.every((value) => typeof value === 'number'));
      this.source = typeof body.source === 'string' ? body.source : null;
      this.failure = null;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }
}
