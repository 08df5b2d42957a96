import type { Registry } from 'prom-client';

/**
 * The one prom-client Registry of the process: core and plugins register their metrics in it
 * (conventional names, `_seconds` and `_total`), and `GET /metrics` renders it.
 */
export type MetricsRegistry = Registry;

/** Injection token for the MetricsRegistry. */
export const MetricsRegistry = Symbol.for('crypto-datasource.MetricsRegistry');
