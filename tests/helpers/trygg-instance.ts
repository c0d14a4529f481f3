import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composeTrygg, type Trygg } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { projectDir } from '../../src/project-paths';
import { createLogger, type LogLevel } from '../../src/log';

/** The demo organisation `npm start` uses (the Playground's mock users). */
export const DEMO_ORGANISATION = path.join(projectDir(), 'config', 'demo-organisation.yml');

/** A Trygg process composed in-process on a free loopback port. */
export interface RunningTrygg {
  trygg: Trygg;
  url: string;
  dbFile: string;
  logs: string[];
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** A fresh folder for a test's SQLite file. */
export function tempDbFile(name = 'trygg.db'): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-test-')), name);
}

/**
 * Starts Trygg in this process with the given environment (local mode by default).
 *
 * @param env - environment variables on top of the defaults
 * @param logLevel - lowest level kept in `logs`
 * @param clock - the time the bot sees (default: the real clock)
 */
export async function startTrygg(
  env: Record<string, string> = {},
  logLevel: LogLevel = 'warn',
  clock?: () => Date,
): Promise<RunningTrygg> {
  const dbFile = env.TRYGG_SQLITE_PATH ?? tempDbFile();
  const config = loadConfig({ PORT: '0', TRYGG_ORG_FILE: DEMO_ORGANISATION, ...env, TRYGG_SQLITE_PATH: dbFile });
  const logs: string[] = [];
  const trygg = composeTrygg(config, createLogger(logLevel, (line) => logs.push(line)), clock);
  const address = await trygg.listen();
  const url = `http://127.0.0.1:${address.port}`;
  return {
    trygg,
    url,
    dbFile,
    logs,
    post: (activity, headers = {}) => postJson(`${url}/api/messages`, activity, headers),
    stop: () => trygg.stop(),
  };
}

/** POSTs JSON and returns status and parsed body (if any). */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

/**
 * Polls until `check` gives a value (anything but undefined or false), or fails after `timeoutMs`.
 *
 * @returns the value
 */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until the bot's outbox has nothing pending: every send and card update was answered and settled. */
export async function outboxDrained(bot: RunningTrygg, timeoutMs = 5000): Promise<void> {
  await eventually(async () => (await bot.trygg.store.outbox.stats()).pending === 0, 'the outbox to drain', timeoutMs);
}
