import { CandleChart } from './candle-chart.component.js';
import { FearGreedGauge } from './fear-greed-gauge.component.js';
import { PriceBoard } from './price-board.component.js';

/** The dashboard page's elements (the page loads `<status-drawer>` from its own bundle). */
const ELEMENTS = { 'price-board': PriceBoard, 'candle-chart': CandleChart, 'fear-greed-gauge': FearGreedGauge } as const;

for (const [tag, element] of Object.entries(ELEMENTS)) if (!customElements.get(tag)) customElements.define(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'price-board': PriceBoard;
    'candle-chart': CandleChart;
    'fear-greed-gauge': FearGreedGauge;
  }
}
