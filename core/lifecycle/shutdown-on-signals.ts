import type { Logger } from '../logging/logger.js';

/** Something that can shut down gracefully. */
export interface Stoppable {
  stop(): Promise<void>;
}

/** Hard ceiling for a shutdown, whatever the plugins do: the process exits 0 within it. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * On SIGINT or SIGTERM, stops the app gracefully and exits 0; if the stop takes longer than the
 * deadline, exits anyway. A second signal while stopping is ignored (the deadline still holds).
 */
export function shutdownOnSignals(app: Stoppable, logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Signal received');
    const deadline = setTimeout(() => {
      logger.error('Shutdown deadline passed; exiting');
      exit(0);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    app.stop().then(
      () => exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Error during shutdown');
        exit(0);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
