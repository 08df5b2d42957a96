import { css, html, LitElement, svg, type TemplateResult } from 'lit';

interface FearGreed {
  value: number;
  classification: string;
  source: string;
}

const REFRESH_MS = 300_000;

/**
 * The Fear & Greed index as a half-circle gauge, from `GET /api/market/fear-greed`, refreshed
 * every five minutes. The value and its classification are written out beside the needle.
 *
 * @tag fear-greed-gauge
 */
export class FearGreedGauge extends LitElement {
  static override styles = css`
    :host {
      display: block;
      text-align: center;
    }
    svg {
      width: 100%;
      max-width: 260px;
    }
    .value {
      font-size: 28px;
      font-weight: 700;
      fill: currentColor;
    }
    .label {
      font-size: 13px;
      fill: currentColor;
    }
    .muted {
      color: var(--dashboard-muted, #57606a);
      font-size: 12px;
    }
  `;

  static override properties = {
    reading: { state: true },
    failure: { state: true },
  };

  declare private reading: FearGreed | null;
  declare private failure: string | null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.reading = null;
    this.failure = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => void this.load(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override render(): TemplateResult {
    if (this.failure !== null) return html`<p class="muted" role="alert">Fear & Greed unavailable: ${this.failure}</p>`;
    if (this.reading === null) return html`<p class="muted">Loading Fear & Greed…</p>`;
    const { value, classification, source } = this.reading;
    const angle = Math.PI * (1 - value / 100);
    const needleX = 100 + 70 * Math.cos(angle);
    const needleY = 100 - 70 * Math.sin(angle);
    const stops = ['#cf222e', '#e16f24', '#bf8700', '#8ac926', '#1a7f37'];
    return html`<svg viewBox="0 0 200 130" role="img" aria-label="Fear and Greed index ${value} of 100: ${classification}">
        ${stops.map((colour, index) => {
          const from = Math.PI * (1 - index / stops.length);
          const to = Math.PI * (1 - (index + 1) / stops.length);
          return svg`<path d="M ${100 + 85 * Math.cos(from)} ${100 - 85 * Math.sin(from)} A 85 85 0 0 1 ${100 + 85 * Math.cos(to)} ${100 - 85 * Math.sin(to)}" stroke=${colour} stroke-width="16" fill="none"></path>`;
        })}
        <line x1="100" y1="100" x2=${needleX} y2=${needleY} stroke="currentColor" stroke-width="3" stroke-linecap="round"></line>
        <circle cx="100" cy="100" r="5" fill="currentColor"></circle>
        <text class="value" x="100" y="92" text-anchor="middle" dy="36">${value}</text>
      </svg>
      <p class="label"><strong>${classification}</strong></p>
      <p class="muted">${source}</p>`;
  }

  private async load(): Promise<void> {
    try {
      const response = await fetch(new URL('/api/market/fear-greed', document.baseURI), { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as Partial<FearGreed>;
      if (typeof body.value !== 'number' || typeof body.classification !== 'string') throw new Error('unexpected answer');
      this.reading = { value: Math.max(0, Math.min(100, body.value)), classification: body.classification, source: typeof body.source === 'string' ? body.source : '' };
      this.failure = null;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }
}
