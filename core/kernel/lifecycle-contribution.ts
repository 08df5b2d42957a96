import type { Server } from 'node:http';
import type { HttpHost } from '../http/http-host.js';

/** What `onStart` gets: the listening HTTP server (WebSocket servers attach to it). */
export interface ServerHost {
  readonly server: Server;
}

/**
 * How a plugin (or core) takes part in the application's life, after Theia's
 * BackendApplicationContribution. Every hook is optional; contributions run in config order (core's
 * first), `onStop` in reverse. A throwing `initialize`, `configure` or `onStart` stops the boot
 * naming the plugin; every `onStop` runs even when one throws.
 */
export interface LifecycleContribution {
  /** Every plugin is bound: check, prepare, connect. */
  initialize?(): void | Promise<void>;
  /** Before listening: add Koa middleware and routes, WebSocket routes. */
  configure?(host: HttpHost): void | Promise<void>;
  /** The server listens: attach to it, start background work. */
  onStart?(host: ServerHost): void | Promise<void>;
  /** Shutting down: stop background work, close connections. */
  onStop?(): void | Promise<void>;
}

/** Injection token for LifecycleContribution (multi-bound). */
export const LifecycleContribution = Symbol.for('crypto-datasource.LifecycleContribution');
