import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** One labelled training text: label 1 = positive, 0 = negative. */
export interface LabelledText {
  text: string;
  label: 0 | 1;
}

/** The two SST-2 files the build reads: the training rows and the rows kept out to choose settings on. */
export interface Sst2Data {
  train: LabelledText[];
  heldout: LabelledText[];
}

/** Folder holding `sst2/` unless SENTIMENT_TRAIN_DIR names another. */
export const DEFAULT_TRAIN_DIR = join('..', 'shared', 'train');

const RowSchema = z.tuple([z.string().min(1, 'empty sentence'), z.enum(['0', '1'], { error: 'label must be 0 or 1' })]);

/**
 * Undoes the one PTB habit the BERT pre-tokenizer would read differently: "does n't" becomes
 * "doesn't" (which the tokenizer splits as "doesn ' t", as it will split a user's "doesn't"), and
 * `` '' quotes become plain double quotes.
 */
export function fromPtb(text: string): string {
  return text
    .replace(/ n't\b/g, "n't")
    .replace(/``|''/g, '"')
    .trim();
}

function readTsv(path: string): LabelledText[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[0] !== 'sentence\tlabel') throw new Error(`${path}: expected the header "sentence<TAB>label", got "${lines[0]}"`);
  return lines.slice(1).flatMap((line, index) => {
    if (line === '') return [];
    const parsed = RowSchema.safeParse(line.split('\t'));
    if (!parsed.success) throw new Error(`${path}:${index + 2}: ${parsed.error.issues[0]!.message}`);
    return [{ text: fromPtb(parsed.data[0]), label: parsed.data[1] === '1' ? 1 : 0 }];
  });
}

/** Reads `<trainDir>/sst2/{train,heldout-from-train}.tsv`, or returns undefined when the folder is missing. */
export function readSst2(trainDir: string): Sst2Data | undefined {
  const dir = join(trainDir, 'sst2');
  if (!existsSync(join(dir, 'train.tsv'))) return undefined;
  return { train: readTsv(join(dir, 'train.tsv')), heldout: readTsv(join(dir, 'heldout-from-train.tsv')) };
}
