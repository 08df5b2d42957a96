/**
 * One section of `GET /api/system/status` (SPEC §6), contributed by the part of the system that
 * owns its figures: the router its providers, the AI plugin its models, HTTP its performance.
 * Plugins and core bind one per section; the system status collects them.
 */
export interface StatusContribution {
  /** The section's key in the status answer, e.g. `providers_detailed`. */
  readonly section: string;
  /** The section's current figures as plain JSON; unknown figures are null, never invented. */
  snapshot(): unknown;
}

/** Injection token for StatusContribution (multi-bound). */
export const StatusContribution = Symbol.for('crypto-datasource.StatusContribution');
