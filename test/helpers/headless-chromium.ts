import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`); the browser tests skip, saying so, when it is missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where browser tests put their screenshots (gitignored). */
export const TEST_ARTIFACTS_DIR = join('test', 'artifacts');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** True when the system chromium is installed. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Launches the system chromium headless through playwright-core (never a downloaded browser). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** The path of a screenshot under test/artifacts/ (the folder is made on first use). */
export function artifactPath(name: string): string {
  mkdirSync(TEST_ARTIFACTS_DIR, { recursive: true });
  return join(TEST_ARTIFACTS_DIR, name);
}
