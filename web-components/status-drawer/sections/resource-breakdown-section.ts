import { html } from 'lit';
import { formatCount, formatPercent } from '../format.js';
import type { ResourceBreakdownView } from '../system-status.js';
import type { SectionView } from './section-view.js';

/** Resource Breakdown: traffic and upstream calls by endpoint and by provider. */
export function resourceBreakdownSection(section: ResourceBreakdownView): SectionView {
  const { totals } = section;
  const providers = section.by_provider.filter((row) => row.requests > 0 || row.upstream_calls > 0);
  return {
    summary: `${formatCount(totals.requests)} req · ${formatCount(totals.upstream_calls)} upstream`,
    body: html`<p class="row">
        <span>Requests ${formatCount(totals.requests)}</span><span>Upstream ${formatCount(totals.upstream_calls)}</span><span>Cache hits ${formatCount(totals.cache_hits)}</span>
      </p>
      ${section.by_endpoint.length === 0
        ? html`<p class="empty">No market requests yet.</p>`
        : html`<table class="table">
            <caption>By endpoint</caption>
            <thead><tr><th scope="col">Endpoint</th><th scope="col">Req</th><th scope="col">OK</th><th scope="col">Failed</th><th scope="col">Upstream</th></tr></thead>
            <tbody>
              ${section.by_endpoint.map((row) => html`<tr><th scope="row">${row.endpoint}</th><td>${formatCount(row.requests)}</td><td>${formatCount(row.successes)}</td><td>${formatCount(row.failures)}</td><td>${formatCount(row.upstream_calls)}</td></tr>`)}
            </tbody>
          </table>`}
      ${providers.length === 0
        ? null
        : html`<table class="table">
            <caption>By provider</caption>
            <thead><tr><th scope="col">Provider</th><th scope="col">Chosen</th><th scope="col">Upstream</th><th scope="col">Share</th><th scope="col">Cache hits</th></tr></thead>
            <tbody>
              ${providers.map((row) => html`<tr><th scope="row">${row.provider}</th><td>${formatCount(row.requests)}</td><td>${formatCount(row.upstream_calls)}</td><td>${formatPercent(row.upstream_share_percent)}</td><td>${formatCount(row.cache_hits)}</td></tr>`)}
            </tbody>
          </table>`}`,
  };
}
