import { readFileSync } from 'node:fs';
import type nock from 'nock';

/** One recorded or documented upstream answer from test/fixtures/upstream (copied from the shared fixture set). */
export interface UpstreamFixture {
  source: string;
  status: number | null;
  headers: Record<string, string>;
  /** The decoded JSON body, typed so it can be handed to nock's `reply` as is. */
  body: nock.Body;
}

/** Reads `test/fixtures/upstream/<name>.json`, e.g. `upstreamFixture('coingecko.simple_price')`. */
export function upstreamFixture(name: string): UpstreamFixture {
  const url = new URL(`../fixtures/upstream/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as UpstreamFixture;
}
