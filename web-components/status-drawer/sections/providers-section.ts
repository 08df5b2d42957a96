import { html } from 'lit';
import { formatAge, formatCount, formatMs, formatPercent } from '../format.js';
import type { ProviderState, ProviderView } from '../system-status.js';
import type { SectionView } from './section-view.js';

/** Each state's label and a glyph, so the badge never relies on its colour alone. */
const STATE_BADGES: Readonly<Record<ProviderState, { label: string; glyph: string; tone: string }>> = {
  online: { label: 'Online', glyph: '●', tone: 'ok' },
  degraded: { label: 'Degraded', glyph: '◐', tone: 'warn' },
  'rate-limited': { label: 'Rate Limited', glyph: '⏸', tone: 'warn' },
  cached: { label: 'Cached', glyph: '◆', tone: 'info' },
  'circuit-open': { label: 'Circuit Open', glyph: '⊘', tone: 'error' },
  blacklisted: { label: 'Blacklisted', glyph: '⛔', tone: 'error' },
  disabled: { label: 'Disabled', glyph: '○', tone: 'muted' },
  offline: { label: 'Offline', glyph: '✕', tone: 'error' },
};

/** The badge of a provider state (an unknown state shows as it is named). */
export function stateBadge(state: string): { label: string; glyph: string; tone: string } {
  return STATE_BADGES[state as ProviderState] ?? { label: state, glyph: '?', tone: 'muted' };
}

/** All Providers: state badge, response times and traffic-share bar of each provider. */
export function providersSection(providers: readonly ProviderView[], now: number): SectionView {
  const online = providers.filter((provider) => provider.state === 'online').length;
  return {
    summary: `${online}/${providers.length} online`,
    body:
      providers.length === 0
        ? html`<p class="empty">No providers are configured.</p>`
        : html`<ul class="providers">
            ${providers.map((provider) => providerItem(provider, now))}
          </ul>`,
  };
}

function providerItem(provider: ProviderView, now: number): ReturnType<typeof html> {
  const badge = stateBadge(provider.state);
  const share = Math.max(0, Math.min(100, provider.traffic_share_percent));
  return html`<li class="provider" data-provider=${provider.id} data-state=${provider.state}>
    <div class="row">
      <span class="name">${provider.name}</span>
      <span part="badge" class="badge tone-${badge.tone}"><span aria-hidden="true">${badge.glyph}</span> ${badge.label}</span>
    </div>
    <div class="row figures">
      <span title="average upstream response time">avg ${formatMs(provider.avg_response_ms)}</span>
      <span title="95th percentile upstream response time">p95 ${formatMs(provider.p95_response_ms)}</span>
      <span>${formatCount(provider.requests)} req</span>
      <span>w ${provider.weight} · p ${provider.priority}</span>
    </div>
    <div class="share">
      <div part="bar" class="bar" role="img" aria-label="traffic share ${formatPercent(share)}">
        <div class="bar-fill" style="width: ${share}%"></div>
      </div>
      <span class="share-value">${formatPercent(share)}</span>
    </div>
    ${provider.disabled_reason === null ? null : html`<p class="note">${provider.disabled_reason}</p>`}
    ${provider.cooldown_until === null ? null : html`<p class="note">Cooling down until ${new Date(provider.cooldown_until).toLocaleTimeString()}</p>`}
    ${provider.last_error === null
      ? null
      : html`<p class="note last-error">Last error (${provider.last_error.type}, ${formatAge(provider.last_error.at, now)}): <span class="message">${provider.last_error.message}</span></p>`}
  </li>`;
}
