import { html } from 'lit';
import { formatCount, formatMs, formatPercent, UNKNOWN } from '../format.js';
import { sparkline } from '../sparkline.js';
import type { PerformanceView } from '../system-status.js';
import type { SectionView } from './section-view.js';

/** Performance: response-time figures, cache hit rate, and a sparkline of the recent averages. */
export function performanceSection(section: PerformanceView, recentAverages: readonly number[]): SectionView {
  const rows: [string, string][] = [
    ['Requests', formatCount(section.requests)],
    ['Requests / s', section.requests_per_second === null ? UNKNOWN : section.requests_per_second.toFixed(2)],
    ['Average', formatMs(section.avg_response_ms)],
    ['p50', formatMs(section.p50_response_ms)],
    ['p95', formatMs(section.p95_response_ms)],
    ['p99', formatMs(section.p99_response_ms)],
    ['Cache hit rate', formatPercent(section.cache_hit_rate_percent)],
    ['Server errors', formatCount(section.server_errors)],
  ];
  return {
    summary: `avg ${formatMs(section.avg_response_ms)} · hit ${formatPercent(section.cache_hit_rate_percent)}`,
    body: html`<div class="trend">
        ${sparkline(recentAverages, 'recent average response times')}
        <span class="note">average response time, last ${recentAverages.length} reading${recentAverages.length === 1 ? '' : 's'}</span>
      </div>
      <dl class="facts">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`,
  };
}
