import type { z } from 'zod';

/**
 * One section of `GET /api/system/status` (SPEC §6), contributed by the part of the system that
 * owns its figures: the router its providers, the AI plugin its models, HTTP its performance.
 * Plugins and core bind one per section; the system status collects them. Contributions naming
 * the same section are merged in binding order (objects shallowly, arrays appended), so a plugin
 * can add its fields to a section core contributes (the WebSocket plugin adds `websocket_clients`
 * to `infrastructure`).
 */
export interface StatusContribution {
  /** The section's key in the status answer, e.g. `providers_detailed`. */
  readonly section: string;
  /** The section's current figures as plain JSON (or a promise of them); unknown figures are null, never invented. */
  snapshot(): unknown;
  /** The section's shape, for the OpenAPI document; without one it is documented as any JSON value. */
  readonly schema?: z.ZodType;
}

/** Injection token for StatusContribution (multi-bound). */
export const StatusContribution = Symbol.for('crypto-datasource.StatusContribution');
