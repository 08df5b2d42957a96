/** Figures of an open-loop run. */
export interface OpenLoopFigures {
  requests: number;
  statusCodes: Record<string, number>;
  /** Requests that got no HTTP answer at all (connection refused or reset). */
  transportErrors: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Sends GETs at a fixed rate whatever the answers' speed (open loop, as real clients do), cycling
 * through `paths`, for `seconds`; each latency is measured from its own send to its full body.
 * Unlike a closed loop, a slow answer never delays or hides the requests after it.
 */
export async function runOpenLoop(baseUrl: string, paths: readonly string[], rate: number, seconds: number): Promise<OpenLoopFigures> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let transportErrors = 0;
  const inFlight: Array<Promise<void>> = [];
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    inFlight.push(
      fetch(`${baseUrl}${paths[index % paths.length]}`)
        .then(async (response) => {
          await response.arrayBuffer();
          statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
          latencies.push(performance.now() - sent);
        })
        .catch(() => {
          transportErrors += 1;
        }),
    );
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const at = (p: number): number => (latencies.length === 0 ? 0 : Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 10) / 10);
  return { requests: total, statusCodes, transportErrors, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: at(1) };
}
