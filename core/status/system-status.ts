/** The whole `GET /api/system/status` answer: `generated_at`, then one key per section. */
export type SystemStatusSnapshot = Readonly<Record<string, unknown>>;

/** The sections SPEC §6 names, in its order: always present in the answer, null while nobody contributes one. */
export const SPEC_SECTIONS = ['providers_detailed', 'ai_models', 'infrastructure', 'resource_breakdown', 'recent_errors', 'performance'] as const;

/**
 * The system status assembled from every StatusContribution, with secrets redacted. Served by the
 * system API plugin and pushed by the WebSocket status channel, so both show the same figures.
 */
export interface SystemStatus {
  snapshot(): Promise<SystemStatusSnapshot>;
}

/** Injection token for the SystemStatus. */
export const SystemStatus = Symbol.for('crypto-datasource.SystemStatus');
