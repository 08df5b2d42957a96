/** The outcome of one readiness check. */
export interface ReadinessResult {
  ready: boolean;
  /** Why not ready, or a short summary. */
  detail?: string;
}

/** Something `/readyz` waits for (e.g. every capability has an available provider). Plugins bind one; HttpRoutes collects them. */
export interface ReadinessCheck {
  readonly name: string;
  check(): ReadinessResult | Promise<ReadinessResult>;
}

/** Injection token for ReadinessCheck (multi-bound). */
export const ReadinessCheck = Symbol.for('crypto-datasource.ReadinessCheck');
