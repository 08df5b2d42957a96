import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { LabelledText } from './sst2-data.js';

/**
 * The UCI "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015; CC BY 4.0): 1000 Amazon,
 * 1000 IMDb and 1000 Yelp review sentences, 500 positive and 500 negative each, as the npm
 * package `sentiment` (MIT, a pinned devDependency) ships them for its own accuracy test.
 */
export const UCI_SOURCES = ['amazon', 'imdb', 'yelp'] as const;

/** sha256 of each fixture file of sentiment@5.0.2: a different file would not rebuild the same bytes. */
export const UCI_SHA256: Record<(typeof UCI_SOURCES)[number], string> = {
  amazon: 'bc5eb0cac49fc45987301f1dc2d02cf5ca356ba6c882be179dce77d74e666ed9',
  imdb: '44a7b9082ed732ee2de3c858ea5ee2e99aca34f239a1c4359d3a300bf099bdb5',
  yelp: '9f3f47983f21eeb819380767b74bfa648eca208f156241111454b3e122773ff7',
};

/** Every UCI_HELDOUT_EVERY-th sentence of each file is held out, never trained on, never used to choose a setting. */
export const UCI_HELDOUT_EVERY = 5;

/** The training part and the held-out part of the UCI sentences. */
export interface UciSentences {
  train: LabelledText[];
  heldout: LabelledText[];
}

// Each file ends with one row whose class is null; it is skipped.
const FixtureSchema = z.array(z.object({ text: z.string(), class: z.union([z.literal(0), z.literal(1), z.null()]) }));

function fixtureDir(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('sentiment/package.json')), 'test', 'fixtures');
  } catch {
    return undefined;
  }
}

/**
 * Reads and splits the UCI sentences, or returns a reason when they are missing or not the
 * pinned files. Training rows equal to a held-out sentence are dropped (a few reviews repeat).
 */
export function readUciSentences(): UciSentences | { missing: string } {
  const dir = fixtureDir();
  if (dir === undefined) return { missing: 'the devDependency `sentiment` is not installed (run npm ci)' };
  const train: LabelledText[] = [];
  const heldout: LabelledText[] = [];
  for (const source of UCI_SOURCES) {
    const path = join(dir, `${source}.json`);
    if (!existsSync(path)) return { missing: `${path} is missing` };
    const bytes = readFileSync(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== UCI_SHA256[source]) return { missing: `${path} has sha256 ${sha256}, expected ${UCI_SHA256[source]}` };
    FixtureSchema.parse(JSON.parse(bytes.toString('utf8'))).forEach((row, index) => {
      if (row.class === null) return;
      (index % UCI_HELDOUT_EVERY === UCI_HELDOUT_EVERY - 1 ? heldout : train).push({ text: row.text.trim(), label: row.class });
    });
  }
  const held = new Set(heldout.map((row) => row.text.toLowerCase()));
  return { train: train.filter((row) => !held.has(row.text.toLowerCase())), heldout };
}
