import { html, LitElement, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { formatAge } from './format.js';
import { aiModelsSection } from './sections/ai-models-section.js';
import { infrastructureSection } from './sections/infrastructure-section.js';
import { performanceSection } from './sections/performance-section.js';
import { providersSection } from './sections/providers-section.js';
import { recentErrorsSection } from './sections/recent-errors-section.js';
import { resourceBreakdownSection } from './sections/resource-breakdown-section.js';
import type { SectionView } from './sections/section-view.js';
import { StatusFeed, type FeedTransport } from './status-feed.js';
import { statusDrawerStyles } from './status-drawer.styles.js';
import type { SystemStatusView } from './system-status.js';

/** The six sections, in the order of SPEC §6, by the key of the status they show. */
export const STATUS_SECTIONS = [
  { key: 'providers_detailed', title: 'All Providers' },
  { key: 'ai_models', title: 'AI Models' },
  { key: 'infrastructure', title: 'Infrastructure' },
  { key: 'resource_breakdown', title: 'Resource Breakdown' },
  { key: 'recent_errors', title: 'Recent Errors' },
  { key: 'performance', title: 'Performance' },
] as const;

/** The key of one section. */
export type StatusSectionKey = (typeof STATUS_SECTIONS)[number]['key'];

/** `detail` of `status-drawer-toggle`. */
export interface StatusDrawerToggleDetail {
  /** Whether the drawer is now open. */
  open: boolean;
}

/** `detail` of `status-drawer-refresh`. */
export interface StatusDrawerRefreshDetail {
  /** What asked: the refresh button, or a call of `refresh()`. */
  trigger: 'button' | 'api';
}

/** A failed poll, as the error state shows it. */
interface FeedFailure {
  message: string;
  failures: number;
  retryAt: number;
}

/** How many recent average response times the Performance sparkline keeps. */
const SPARKLINE_POINTS = 30;

const DEFAULT_POLL_INTERVAL_MS = 5000;
const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;

/**
 * A drop-in drawer showing the gateway's whole system status live: a circular toggle fixed on the
 * right edge opens a drawer with six collapsible sections (All Providers, AI Models,
 * Infrastructure, Resource Breakdown, Recent Errors, Performance). It subscribes to the gateway's
 * WebSocket status channel and polls `endpoint` whenever the socket is not delivering, backing off
 * after failures. Text from upstream errors is rendered as text, never as HTML.
 *
 * @summary The gateway's system status in a drawer: one script tag and one element.
 *
 * @tag status-drawer
 *
 * @fires {CustomEvent<StatusDrawerToggleDetail>} status-drawer-toggle - The drawer opened or closed; `detail.open` says which.
 * @fires {CustomEvent<StatusDrawerRefreshDetail>} status-drawer-refresh - A refresh was asked for (the button or `refresh()`); `detail.trigger` says which.
 *
 * @csspart toggle - The circular button on the right edge that opens and closes the drawer.
 * @csspart drawer - The sliding panel.
 * @csspart header - The panel's header (title, refresh and close buttons).
 * @csspart title - The panel's title.
 * @csspart refresh-button - The refresh button.
 * @csspart close-button - The close button.
 * @csspart body - The scrolling area holding the sections and the loading and error states.
 * @csspart state - The loading, error and empty messages.
 * @csspart section - One of the six sections.
 * @csspart section-header - A section's button that collapses and expands it.
 * @csspart section-body - A section's content.
 * @csspart badge - A state badge (provider state, error count).
 * @csspart bar - A traffic-share or loading-progress bar.
 * @csspart sparkline - The sparkline of recent response times.
 *
 * @cssprop [--status-drawer-width=400px] - Width of the drawer (at most the viewport's).
 * @cssprop [--status-drawer-toggle-size=48px] - Diameter of the toggle button.
 * @cssprop [--status-drawer-background=#ffffff] - Panel and toggle background (dark scheme: #0d1117).
 * @cssprop [--status-drawer-color=#1b1f24] - Text colour (dark scheme: #e6edf3).
 * @cssprop [--status-drawer-muted-color=#57606a] - Secondary text colour.
 * @cssprop [--status-drawer-border-color=#d0d7de] - Borders and separators.
 * @cssprop [--status-drawer-surface=#f6f8fa] - Background of buttons, bars and messages.
 * @cssprop [--status-drawer-accent=#0969da] - Focus ring, bars and the sparkline.
 * @cssprop [--status-drawer-ok-color=#1a7f37] - Healthy states (always with a label and glyph too).
 * @cssprop [--status-drawer-warn-color=#9a6700] - Degraded and rate-limited states.
 * @cssprop [--status-drawer-error-color=#cf222e] - Failed states and errors.
 * @cssprop [--status-drawer-info-color=#0969da] - Cached and loading states.
 * @cssprop [--status-drawer-duration=280ms] - Slide and collapse duration (no animation under `prefers-reduced-motion: reduce`).
 * @cssprop [--status-drawer-z-index=2147483000] - Stacking level of the panel (the toggle sits one above).
 * @cssprop [--status-drawer-font-family=system-ui] - Font of the drawer.
 */
export class StatusDrawer extends LitElement {
  static override styles = statusDrawerStyles;

  static override properties = {
    endpoint: { type: String },
    socketUrl: { type: String, attribute: 'socket-url' },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    maxRetryDelay: { type: Number, attribute: 'max-retry-delay' },
    open: { type: Boolean, reflect: true },
    theme: { type: String, reflect: true },
    status: { state: true, attribute: false },
    transport: { state: true, attribute: false },
    failure: { state: true, attribute: false },
    lastUpdated: { state: true, attribute: false },
    refreshing: { state: true, attribute: false },
    collapsed: { state: true, attribute: false },
    now: { state: true, attribute: false },
  };

  /** URL of `GET /api/system/status`, relative to the page or absolute (another origin the gateway's CORS allows). */
  declare endpoint: string;
  /**
   * WebSocket URL of the gateway's status channel; by default `/ws/market` on the endpoint's host
   * (`ws:` or `wss:` like the endpoint). `none` turns the socket off: polling only.
   */
  declare socketUrl: string | undefined;
  /** Milliseconds between polls while the socket is not delivering (failed polls back off from it). */
  declare pollInterval: number;
  /** Ceiling, in milliseconds, of the back-off between failed polls and socket reconnects. */
  declare maxRetryDelay: number;
  /** Whether the drawer is open. */
  declare open: boolean;
  /** `light` or `dark` forces a scheme; unset, it follows `prefers-color-scheme`. */
  declare theme: 'light' | 'dark' | undefined;
  /** The last status received, null before the first. */
  declare status: SystemStatusView | null;
  /** How the last status arrived (`socket` or `polling`), null before the first. */
  declare transport: FeedTransport | null;
  /** When the last status arrived (epoch milliseconds), null before the first. */
  declare lastUpdated: number | null;
  declare private failure: FeedFailure | null;
  declare private refreshing: boolean;
  declare private collapsed: ReadonlySet<StatusSectionKey>;
  declare private now: number;

  private feed: StatusFeed | null = null;
  private clockTimer: ReturnType<typeof setInterval> | undefined;
  private recentAverages: number[] = [];
  private readonly onWindowKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      this.hide();
    }
  };

  constructor() {
    super();
    this.endpoint = '/api/system/status';
    this.socketUrl = undefined;
    this.pollInterval = DEFAULT_POLL_INTERVAL_MS;
    this.maxRetryDelay = DEFAULT_MAX_RETRY_DELAY_MS;
    this.open = false;
    this.theme = undefined;
    this.status = null;
    this.transport = null;
    this.lastUpdated = null;
    this.failure = null;
    this.refreshing = false;
    this.collapsed = new Set();
    this.now = Date.now();
  }

  /** Opens the drawer and moves focus into it. */
  show(): void {
    this.open = true;
  }

  /** Closes the drawer and gives focus back to the toggle. */
  hide(): void {
    if (!this.open) return;
    this.open = false;
    void this.updateComplete.then(() => this.toggleButton?.focus());
  }

  /** Opens the drawer when closed, closes it when open. */
  toggle(): void {
    if (this.open) this.hide();
    else this.show();
  }

  /** Fetches the status now (fires `status-drawer-refresh`). */
  refresh(): Promise<void> {
    return this.requestRefresh('api');
  }

  /** Collapses or expands one section. */
  toggleSection(key: StatusSectionKey): void {
    const next = new Set(this.collapsed);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.collapsed = next;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.restartFeed();
    this.clockTimer = setInterval(() => {
      if (this.open) this.now = Date.now();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.feed?.stop();
    this.feed = null;
    clearInterval(this.clockTimer);
    window.removeEventListener('keydown', this.onWindowKeydown);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('socketUrl') || changed.has('pollInterval') || changed.has('maxRetryDelay')) this.restartFeed();
    if (changed.has('open')) {
      if (this.open) {
        window.addEventListener('keydown', this.onWindowKeydown);
        this.now = Date.now();
        this.panel?.focus();
      } else {
        window.removeEventListener('keydown', this.onWindowKeydown);
      }
      if (changed.get('open') !== undefined || this.open) {
        this.dispatchEvent(new CustomEvent<StatusDrawerToggleDetail>('status-drawer-toggle', { detail: { open: this.open }, bubbles: true, composed: true }));
      }
    }
  }

  protected override render(): TemplateResult {
    const tone = this.healthTone();
    return html`
      <button
        part="toggle"
        class="toggle"
        type="button"
        aria-label="System status"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="drawer"
        title="System status"
        @click=${(): void => this.toggle()}
      >
        ${svg`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M3 12h4l3-8 4 16 3-8h4" stroke-linecap="round" stroke-linejoin="round"/></svg>`}
        <span class="health-dot tone-${tone.tone}" aria-hidden="true"></span>
        <span class="visually-hidden">${tone.label}</span>
      </button>
      <aside part="drawer" id="drawer" class="drawer" role="dialog" aria-modal="false" aria-labelledby="title" tabindex="-1" @keydown=${this.onPanelKeydown}>
        <header part="header" class="header">
          <h2 part="title" class="title" id="title">
            System status
            <span class="updated" aria-live="polite">${this.updatedLine()}</span>
          </h2>
          <button
            part="refresh-button"
            class="icon-button ${this.refreshing ? 'refreshing' : ''}"
            type="button"
            aria-label="Refresh status"
            title="Refresh"
            ?disabled=${this.refreshing}
            @click=${(): Promise<void> => this.requestRefresh('button')}
          >
            ${svg`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M20 12a8 8 0 1 1-2.34-5.66M20 4v5h-5" stroke-linecap="round" stroke-linejoin="round"/></svg>`}
          </button>
          <button part="close-button" class="icon-button" type="button" aria-label="Close status" title="Close" @click=${(): void => this.hide()}>
            ${svg`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke-linecap="round"/></svg>`}
          </button>
        </header>
        <div part="body" class="body" aria-busy=${this.status === null && this.failure === null ? 'true' : 'false'}>
          ${this.failure === null ? nothing : this.errorState(this.failure)}
          ${this.status === null ? (this.failure === null ? this.loadingState() : nothing) : STATUS_SECTIONS.map(({ key, title }) => this.section(key, title, this.status!))}
        </div>
      </aside>
    `;
  }

  private get toggleButton(): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>('.toggle');
  }

  private get panel(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.drawer');
  }

  private readonly onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    event.preventDefault();
    this.hide();
  };

  private restartFeed(): void {
    this.feed?.stop();
    if (!this.isConnected) return;
    this.feed = new StatusFeed(
      { endpoint: this.endpoint, socketUrl: this.resolvedSocketUrl(), pollIntervalMs: positive(this.pollInterval, DEFAULT_POLL_INTERVAL_MS), maxRetryDelayMs: positive(this.maxRetryDelay, DEFAULT_MAX_RETRY_DELAY_MS) },
      {
        onStatus: (status, transport) => this.receive(status, transport),
        onFailure: (message, failures, retryInMs) => {
          this.failure = { message, failures, retryAt: Date.now() + retryInMs };
          this.now = Date.now();
        },
      },
    );
    this.feed.start();
  }

  private resolvedSocketUrl(): string | null {
    if (this.socketUrl === 'none') return null;
    try {
      if (this.socketUrl !== undefined && this.socketUrl !== '') return new URL(this.socketUrl, document.baseURI).href;
      const url = new URL(this.endpoint, document.baseURI);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
      return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}/ws/market`;
    } catch {
      return null;
    }
  }

  private receive(status: SystemStatusView, transport: FeedTransport): void {
    this.status = status;
    this.transport = transport;
    this.failure = null;
    this.lastUpdated = Date.now();
    this.now = this.lastUpdated;
    const average = status.performance?.avg_response_ms;
    if (typeof average === 'number') this.recentAverages = [...this.recentAverages, average].slice(-SPARKLINE_POINTS);
  }

  private async requestRefresh(trigger: StatusDrawerRefreshDetail['trigger']): Promise<void> {
    this.dispatchEvent(new CustomEvent<StatusDrawerRefreshDetail>('status-drawer-refresh', { detail: { trigger }, bubbles: true, composed: true }));
    if (this.feed === null) return;
    this.refreshing = true;
    try {
      await this.feed.refresh();
    } finally {
      this.refreshing = false;
    }
  }

  private healthTone(): { tone: string; label: string } {
    if (this.failure !== null) return { tone: 'error', label: 'Status endpoint unreachable' };
    const providers = this.status?.providers_detailed;
    if (providers === null || providers === undefined) return { tone: 'muted', label: 'Status not loaded yet' };
    const online = providers.filter((provider) => provider.state === 'online').length;
    const healthy = providers.filter((provider) => provider.state === 'online' || provider.state === 'cached' || provider.state === 'disabled').length;
    return { tone: healthy < providers.length ? 'warn' : 'ok', label: `${online} of ${providers.length} providers online` };
  }

  private updatedLine(): string {
    if (this.lastUpdated === null) return this.failure === null ? 'Loading…' : 'Not loaded';
    const via = this.transport === 'socket' ? 'live' : 'polling';
    return `Updated ${formatAge(this.lastUpdated, this.now)} · ${via}`;
  }

  private loadingState(): TemplateResult {
    return html`<p part="state" class="state-message loading" role="status"><span class="spinner" aria-hidden="true"></span>Loading system status…</p>`;
  }

  private errorState(failure: FeedFailure): TemplateResult {
    const seconds = Math.max(0, Math.ceil((failure.retryAt - this.now) / 1000));
    return html`<div part="state" class="state-message error" role="alert">
      <p><strong>Status endpoint unavailable.</strong> <span class="message">${failure.message}</span></p>
      <p class="note">${this.status === null ? '' : 'Showing the last status received. '}Attempt ${failure.failures} failed; retrying in ${seconds} s.</p>
      <button class="retry" type="button" @click=${(): Promise<void> => this.requestRefresh('button')}>Retry now</button>
    </div>`;
  }

  private section(key: StatusSectionKey, title: string, status: SystemStatusView): TemplateResult {
    const expanded = !this.collapsed.has(key);
    const view = this.sectionView(key, status);
    const bodyId = `section-${key}`;
    return html`<section part="section" class="section ${expanded ? 'expanded' : ''}" data-section=${key} aria-labelledby="${bodyId}-title">
      <h3 class="section-title" id="${bodyId}-title">
        <button part="section-header" class="section-header" type="button" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${bodyId} @click=${(): void => this.toggleSection(key)}>
          ${svg`<svg class="chevron" viewBox="0 0 12 12" aria-hidden="true"><path d="M4 2l4 4-4 4" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></svg>`}
          <span class="section-name">${title}</span>
          <span class="summary">${view.summary}</span>
        </button>
      </h3>
      <div part="section-body" class="section-body" id=${bodyId} ?inert=${!expanded}>
        <div class="section-content">${view.body}</div>
      </div>
    </section>`;
  }

  private sectionView(key: StatusSectionKey, status: SystemStatusView): SectionView {
    const notReported: SectionView = { summary: 'not reported', body: html`<p part="state" class="empty">This gateway does not report this section.</p>` };
    switch (key) {
      case 'providers_detailed':
        return status.providers_detailed === null ? notReported : providersSection(status.providers_detailed, this.now);
      case 'ai_models':
        return status.ai_models === null ? notReported : aiModelsSection(status.ai_models);
      case 'infrastructure':
        return status.infrastructure === null ? notReported : infrastructureSection(status.infrastructure);
      case 'resource_breakdown':
        return status.resource_breakdown === null ? notReported : resourceBreakdownSection(status.resource_breakdown);
      case 'recent_errors':
        return status.recent_errors === null ? notReported : recentErrorsSection(status.recent_errors, this.now);
      case 'performance':
        return status.performance === null ? notReported : performanceSection(status.performance, this.recentAverages);
    }
  }
}

function positive(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
