import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Served over plain HTTP on a LAN or behind a TLS terminator: HSTS and upgrades are the terminator's job. */
export const SECURITY_HEADER_OPTIONS: Readonly<HelmetOptions> = {
  strictTransportSecurity: false,
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/**
 * The headers helmet sets with SECURITY_HEADER_OPTIONS, as name, value, name, value..., read once
 * by running helmet itself against a recorder: the fast lanes write exactly what koa-helmet sets.
 * Helmet's headers do not depend on the request.
 */
export function securityHeaderList(): string[] {
  const headers: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]): void {
      headers.push(name, String(value));
    },
    removeHeader(): void {},
  };
  let failure: unknown;
  helmet(SECURITY_HEADER_OPTIONS)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure !== undefined) throw failure;
  return headers;
}
