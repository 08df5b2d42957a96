import { z } from 'zod';
import { TickerSymbolSchema } from '../../../core/index.js';

/** Options of the `dashboard` plugin (its `plugins[]` entry's `options`); every key has a default. */
export const DashboardConfigSchema = z.strictObject({
  /** The price board's symbols. */
  symbols: z.array(TickerSymbolSchema).min(1).max(25).default(['BTC', 'ETH', 'SOL', 'XRP', 'DOGE']),
  /** The symbol of the candle chart. */
  chartSymbol: TickerSymbolSchema.default('BTC'),
  /** The candle chart's interval. */
  chartInterval: z.enum(['1m', '5m', '15m', '30m', '1h', '4h', '1d']).default('1h'),
});

/** The dashboard's validated options. */
export type DashboardConfig = z.output<typeof DashboardConfigSchema>;

/** Injection token of the dashboard's options. */
export const DashboardConfig = Symbol.for('crypto-datasource.DashboardConfig');
