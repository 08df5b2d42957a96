import { isAppError } from '../core/errors/index.js';
import { shutdownOnSignals } from '../core/lifecycle/shutdown-on-signals.js';
import { createSimulatedGateway } from '../simulator/simulated-gateway.js';

/**
 * `npm run demo`: the gateway against the local upstream simulator, fully offline. `CONFIG`, `PORT`
 * and `LOG_LEVEL` apply as for `npm start` (the overlay defaults to `config/demo.json`); the
 * simulator listens on `SIM_PORT` (default 7861).
 */
async function main(): Promise<void> {
  const simPort = process.env.SIM_PORT === undefined ? 7861 : Number(process.env.SIM_PORT);
  try {
    const demo = await createSimulatedGateway({ simulator: { port: simPort }, keepMarkets: true });
    const url = (await demo.start()).replace('127.0.0.1', 'localhost');
    process.stdout.write(
      [
        '',
        `  Upstream simulator  ${demo.simulator.url}   (faults: POST ${demo.simulator.url}/__sim/faults, stats: GET ${demo.simulator.url}/__sim/stats)`,
        `  Gateway             ${url}`,
        `  Try                 ${url}/api/market/price?symbol=BTC`,
        `                      ${url}/api/market/price?symbol=ETH&mode=consensus`,
        `                      ${url}/api/market/price?symbol=BNB   ${url}/api/market/price?symbol=BTC/USDT   ${url}/api/market/markets?symbol=BNB`,
        `                      ${url}/api/market/price?symbol=ETH&quote=BTC   ${url}/api/market/prices?symbols=BTC,ETH,SOL&quote=EUR   ${url}/api/market/price?symbol=SOL&quote=JPY`,
        `                      ${url}/api/market/ticker?symbol=SOL   ${url}/api/market/ohlcv?symbol=BTC&interval=1h&limit=24`,
        `                      ${url}/api/market/fear-greed   ${url}/api/market/gas   ${url}/readyz`,
        '',
      ].join('\n'),
    );
    shutdownOnSignals(demo, demo.app.logger);
  } catch (error) {
    process.stderr.write(`crypto-datasource demo: failed to start\n${isAppError(error) ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

await main();
