/** The process environment the gateway was started with (tests pass their own). */
export type Env = NodeJS.ProcessEnv;

/** Injection token for the Env: API keys are read from it by the names config gives. */
export const Env = Symbol.for('crypto-datasource.Env');
