/** The whole `GET /api/system/status` answer: one key per StatusContribution section. */
export type SystemStatusSnapshot = Readonly<Record<string, unknown>>;

/**
 * The system status assembled from every StatusContribution. Served by the system API plugin and
 * pushed by the WebSocket status channel, so both show the same figures.
 */
export interface SystemStatus {
  snapshot(): SystemStatusSnapshot;
}

/** Injection token for the SystemStatus. */
export const SystemStatus = Symbol.for('crypto-datasource.SystemStatus');
