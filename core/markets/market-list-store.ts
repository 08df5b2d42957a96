import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { Logger } from '../logging/logger.js';
import { ListedMarketSchema, type ListedMarket } from './listed-market.js';
import { MarketsConfig } from './markets-config.js';

/** One provider's last listing as kept on disk. */
const StoredListingSchema = z.strictObject({
  provider: z.string(),
  /** When the listing was fetched, ms since epoch. */
  fetchedAt: z.number().int().min(0),
  markets: z.array(ListedMarketSchema),
});

/** A listing read back from disk. */
export type StoredListing = z.infer<typeof StoredListingSchema>;

/**
 * The last listing of each provider, one JSON file per provider in `markets.dataDir`, so a start
 * without network serves what the providers listed last time. A missing file is a first run; an
 * unreadable or invalid one is said at warn and ignored; a failed write is said at warn and the
 * gateway carries on.
 */
@injectable()
export class MarketListStore {
  constructor(
    @inject(MarketsConfig) private readonly config: MarketsConfig,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async load(providerId: string): Promise<StoredListing | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileOf(providerId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn({ provider: providerId, reason: (error as Error).message }, 'Cannot read the last market listing');
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.logger.warn({ provider: providerId, file: this.fileOf(providerId) }, 'Ignoring the last market listing: not JSON');
      return undefined;
    }
    const parsed = StoredListingSchema.safeParse(json);
    if (!parsed.success || parsed.data.provider !== providerId) {
      this.logger.warn({ provider: providerId, file: this.fileOf(providerId) }, 'Ignoring the last market listing: not a listing of this provider');
      return undefined;
    }
    return parsed.data;
  }

  /** Writes atomically (a temporary file renamed over the old one). */
  async save(providerId: string, fetchedAt: number, markets: readonly ListedMarket[]): Promise<void> {
    const file = this.fileOf(providerId);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(this.config.dataDir, { recursive: true });
      await writeFile(temporary, `${JSON.stringify({ provider: providerId, fetchedAt, markets })}\n`, 'utf8');
      await rename(temporary, file);
    } catch (error) {
      this.logger.warn({ provider: providerId, reason: (error as Error).message }, 'Cannot keep the market listing on disk');
    }
  }

  private fileOf(providerId: string): string {
    return join(this.config.dataDir, `${providerId}.json`);
  }
}
