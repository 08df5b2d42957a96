/** `host:port/db` of a Redis URL, without user or password: what logs and the status may show. */
export function redisAddress(redisUrl: string): string {
  const url = new URL(redisUrl);
  const database = url.pathname.length > 1 ? url.pathname : '';
  return `${url.hostname}:${url.port || '6379'}${database}`;
}
