import autocannon from 'autocannon';

/** One load run's figures. */
export interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** What to load: a base URL and paths cycled in order, for a time, at full speed or a set rate. */
export interface LoadPlan {
  url: string;
  paths: string[];
  seconds: number;
  connections: number;
  /** Requests per second across all connections; unset means as fast as possible. */
  rate?: number;
}

/** Runs autocannon against 127.0.0.1 and returns its figures. */
export async function runLoad(plan: LoadPlan): Promise<LoadFigures> {
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.seconds,
    requests: plan.paths.map((path) => ({ method: 'GET', path })),
    ...(plan.rate === undefined ? {} : { overallRate: plan.rate }),
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]));
  return {
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}
