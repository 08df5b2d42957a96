import { App } from './core/app.js';
import { isAppError } from './core/errors/index.js';
import { shutdownOnSignals } from './core/lifecycle/shutdown-on-signals.js';
import { builtinPlugins } from './plugins/builtin-plugins.js';

/** Entry point of `npm start`: boot, listen, and shut down gracefully on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let app: App;
  try {
    app = await App.create({ catalogue: builtinPlugins });
    await app.start();
  } catch (error) {
    // Boot errors (bad config, missing plugin, a plugin that failed to start) end here with a clear message.
    const message = isAppError(error) ? error.message : (error as Error).stack ?? String(error);
    process.stderr.write(`crypto-datasource: failed to start\n${message}\n`);
    process.exit(1);
  }
  shutdownOnSignals(app, app.logger);
}

await main();
