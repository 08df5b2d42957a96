import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Where every benchmark writes its JSON result. */
export const RESULTS_DIR = new URL('../results/', import.meta.url);

/** Machine facts printed with every result, so figures are read against the hardware they came from. */
export function machine(): Record<string, string | number> {
  return { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: availableParallelism() };
}

/** Writes `bench/results/<name>.json` and prints the rows as a table. */
export function report(name: string, summary: Record<string, unknown>, rows: Array<Record<string, string | number>>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = new URL(`${name}.json`, RESULTS_DIR);
  writeFileSync(file, `${JSON.stringify({ name, at: new Date().toISOString(), machine: machine(), ...summary, rows }, null, 2)}\n`);
  console.log(`\n== ${name} ==`);
  console.table(rows);
  console.log(`written to bench/results/${name}.json`);
}
