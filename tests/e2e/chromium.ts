import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; Playwright's own browser downloads are not used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface RunningChromium {
  browser: Browser;
  close(): Promise<void>;
}

/** The DevTools endpoint Chromium prints on stderr once it listens. */
function devToolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/u.exec(output);
      if (match?.[1]) {
        child.stderr?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      reject(new Error(`${CHROMIUM_PATH} exited (${signal ?? code}) before it listened:\n${output.trim().split('\n').slice(-5).join('\n')}`));
    });
  });
}

/**
 * Starts Chromium headless with exactly the given flags, a fresh profile and a DevTools port of the
 * system's choosing, and connects Playwright to it over CDP.
 */
export async function launchChromium(): Promise<RunningChromium> {
  const profile = await mkdtemp(path.join(tmpdir(), 'stateless-chromium-'));
  const child = spawn(CHROMIUM_PATH, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    resolve();
  }));
  try {
    const browser = await chromium.connectOverCDP(await devToolsEndpoint(child));
    return {
      browser,
      async close() {
        await browser.close().catch(() => undefined);
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
        await removeProfile(profile);
      },
    };
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await removeProfile(profile);
    throw error;
  }
}

/**
 * Removes the browser's temporary profile. Chromium's helper processes may still be writing to it
 * just after the browser exits (`ENOTEMPTY`); Node retries those errors, and a profile that still
 * cannot be removed is left in the temporary folder rather than failing the run it served.
 */
async function removeProfile(profile: string): Promise<void> {
  await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch((error: unknown) => {
    process.stderr.write(`tests/e2e: could not remove the browser profile ${profile}: ${String(error)}\n`);
  });
}
