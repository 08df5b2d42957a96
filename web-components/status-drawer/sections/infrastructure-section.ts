import { html } from 'lit';
import { formatBytes, formatCount, formatDuration, formatPercent, UNKNOWN } from '../format.js';
import type { InfrastructureView } from '../system-status.js';
import type { SectionView } from './section-view.js';

/** Infrastructure: uptime, Node, memory, CPU, cache and WebSocket clients. */
export function infrastructureSection(section: InfrastructureView): SectionView {
  const rows: [string, string][] = [
    ['Uptime', formatDuration(section.uptime_seconds)],
    ['Node', `${section.node_version} (${section.platform})`],
    ['Memory (RSS)', formatBytes(section.memory.rss_bytes)],
    ['Heap', `${formatBytes(section.memory.heap_used_bytes)} of ${formatBytes(section.memory.heap_total_bytes)}`],
    ['CPU', `${formatPercent(section.cpu.usage_percent)} of one core, ${section.cpu.cores} cores`],
    ['Load average', section.cpu.load_average.map((load) => load.toFixed(2)).join(' / ')],
    ['Cache keys', formatCount(section.cache.keys)],
    ['Cache hit rate', formatPercent(section.cache.hit_rate_percent)],
    ['WebSocket clients', section.websocket_clients === null ? UNKNOWN : formatCount(section.websocket_clients)],
  ];
  return {
    summary: `up ${formatDuration(section.uptime_seconds)}`,
    body: html`<dl class="facts">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`,
  };
}
