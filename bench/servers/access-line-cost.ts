import { LogConfigSchema } from '../../core/config/log-config.js';
import { requestLogger } from '../../core/http/request-log-middleware.js';
import { createLogger } from '../../core/logging/logger.js';

/**
 * What one `request` access line costs the gateway at the default log config: the CPU of writing
 * `ACCESS_LINES` (default 200,000) lines through the very writer the Koa stack and the fast lanes
 * use, in batches as a busy server would (letting the asynchronous writes complete between them).
 * Run with stdout sent where the lines should go; prints `ACCESS_LINE {"cpuMicrosPerLine"}` on stderr.
 */
const LINES = Number(process.env.ACCESS_LINES ?? 200_000);
const BATCH = 100;
const logRequest = requestLogger(createLogger(LogConfigSchema.parse({})));
const started = process.cpuUsage();
for (let written = 0; written < LINES; written += BATCH) {
  for (let index = 0; index < BATCH; index += 1) logRequest('63ff7e0b-fb4f-4983-80eb-246698626447', 'GET', '/api/market/price', 200, undefined, 0.12);
  await new Promise((resolve) => setImmediate(resolve));
}
const used = process.cpuUsage(started);
process.stderr.write(`ACCESS_LINE ${JSON.stringify({ lines: LINES, cpuMicrosPerLine: Math.round(((used.user + used.system) / LINES) * 100) / 100 })}\n`);
