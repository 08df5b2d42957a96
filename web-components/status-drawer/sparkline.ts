import { svg, type SVGTemplateResult } from 'lit';

const WIDTH = 120;
const HEIGHT = 28;

/**
 * A small line of recent values (oldest first), scaled to its own range. Decorative: the figures it
 * draws are always written out next to it, so it is hidden from assistive technology.
 */
export function sparkline(values: readonly number[], label: string): SVGTemplateResult {
  if (values.length < 2) return svg`<svg part="sparkline" class="sparkline" width=${WIDTH} height=${HEIGHT} aria-hidden="true" data-points="0"></svg>`;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = WIDTH / (values.length - 1);
  const points = values.map((value, index) => `${(index * step).toFixed(1)},${(HEIGHT - 2 - ((value - min) / span) * (HEIGHT - 4)).toFixed(1)}`).join(' ');
  return svg`<svg part="sparkline" class="sparkline" width=${WIDTH} height=${HEIGHT} viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true" data-points=${values.length}>
    <title>${label}</title>
    <polyline points=${points} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"></polyline>
  </svg>`;
}
