import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type Koa from 'koa';
import { NotFoundError } from '../errors/index.js';

/** What one asset answer carries. */
export interface AssetContent {
  body: Buffer;
  /** A strong validator of `body` (quoted, as in the ETag header). */
  etag: string;
}

/** How a file-backed asset is served. */
export interface StaticAssetOptions {
  /** Absolute path of the file. */
  file: string;
  /** `Content-Type` of the answer, e.g. `text/javascript; charset=utf-8`. */
  contentType: string;
  /** `Cache-Control` of the answer; by default the browser keeps it and revalidates it with the ETag on every use. */
  cacheControl?: string;
  /** Said in the 404 when the file is missing (how to make it, e.g. `run npm run build`). */
  missingHint: string;
}

/** Revalidate on every use (the URL is not versioned), answered 304 while the ETag matches. */
export const REVALIDATE_CACHE_CONTROL = 'public, no-cache';

/** A strong ETag of some bytes: a quoted SHA-256 prefix. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * Answers `content` with its type, `Cache-Control` and `ETag`, or 304 without a body when the
 * request's `If-None-Match` already names it. The origin evaluates the condition whatever the
 * request's own `Cache-Control` says (RFC 9110 §13.1.2), unlike Koa's `ctx.fresh`, which is a
 * cache's view and refuses a 304 to `Cache-Control: no-cache` (what fetch sends with a validator).
 */
export function sendAsset(ctx: Koa.ParameterizedContext, content: AssetContent, contentType: string, cacheControl: string = REVALIDATE_CACHE_CONTROL): void {
  ctx.set('Cache-Control', cacheControl);
  ctx.set('ETag', content.etag);
  if (ifNoneMatchHolds(ctx.get('If-None-Match'), content.etag)) {
    ctx.status = 304;
    return;
  }
  ctx.status = 200;
  ctx.type = contentType;
  ctx.body = content.body;
}

/** Whether `If-None-Match` (`*`, or a list of tags, weak ones compared weakly) names `etag`. */
export function ifNoneMatchHolds(header: string, etag: string): boolean {
  if (header === '') return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * A file served as it is (a web-component bundle, a manifest): read when first asked and read
 * again whenever its modification time or size changes, so a rebuild is served without a restart.
 * A missing file answers 404 naming the hint.
 */
export class StaticAsset {
  private cached: (AssetContent & { version: string }) | undefined;

  constructor(private readonly options: StaticAssetOptions) {}

  /** The file's content and ETag; throws NotFoundError when the file is missing. */
  async content(): Promise<AssetContent> {
    let version: string;
    try {
      const info = await stat(this.options.file);
      version = `${info.mtimeMs}:${info.size}`;
    } catch {
      throw new NotFoundError(`${this.options.file.split(/[\\/]/).pop()} is not available: ${this.options.missingHint}`);
    }
    if (this.cached?.version !== version) {
      const body = await readFile(this.options.file);
      this.cached = { body, etag: etagOf(body), version };
    }
    return this.cached;
  }

  /** Koa handler: the file with its type and cache headers, or 304. */
  readonly serve = async (ctx: Koa.ParameterizedContext): Promise<void> => {
    sendAsset(ctx, await this.content(), this.options.contentType, this.options.cacheControl);
  };
}
