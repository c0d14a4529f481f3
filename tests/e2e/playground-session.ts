import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..');

/** Chromium flags checked on these machines (no network, no sandbox as root). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `npm start` (bot + Agents Playground) driven by a real headless Chromium. */
export interface PlaygroundSession {
  page: Page;
  dbFile: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `scripts/start-local.js` exactly as `npm start` does, on free ports with a fresh SQLite
 * file, waits for it to print the Playground URL, and opens that URL in Chromium.
 */
export async function startPlaygroundSession(env: Record<string, string> = {}): Promise<PlaygroundSession> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-e2e-'));
  const dbFile = path.join(dir, 'trygg.db');
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start-local.js')], {
    cwd: ROOT,
    detached: true, // its own process group, ended by its own id
    env: {
      ...process.env,
      PORT: String(39000 + Math.floor(Math.random() * 1000)),
      PLAYGROUND_PORT: String(56200 + Math.floor(Math.random() * 500)),
      TRYGG_SQLITE_PATH: dbFile,
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, 'playground.log'),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const guard = setTimeout(() => kill('SIGKILL'), 10 * 60_000);
  guard.unref();

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${out}`)), 180_000);
    const check = () => {
      const match = /Open the Agents Playground: (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS, // playwright gives every launch a fresh, empty profile
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(30_000);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await composeBox(page).waitFor({ timeout: 60_000 });
    return {
      page,
      dbFile,
      output: () => out,
      stop: async () => {
        await browser?.close();
        kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
        clearTimeout(guard);
      },
    };
  } catch (err) {
    await browser?.close();
    kill('SIGKILL');
    throw err;
  }
}

/** The chat's compose box (a Lexical editor: type with the keyboard). */
export function composeBox(page: Page): Locator {
  return page.locator('[role=textbox][data-lexical-editor=true]').first();
}

/** Types a message in the open chat and sends it. */
export async function say(page: Page, text: string): Promise<void> {
  await composeBox(page).click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

/** The last rendered Adaptive Card containing `text`. */
export function cardWith(page: Page, text: string | RegExp): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
}

/**
 * Picks `option` in a compact Input.ChoiceSet of `card` (a Fluent combobox named by its label):
 * opens the list and clicks the option, which the Playground renders outside the card.
 */
export async function chooseOption(card: Locator, label: string, option: string): Promise<void> {
  await card.getByRole('combobox', { name: label }).click();
  const choice = card.page().getByRole('option', { name: option, exact: true });
  await choice.click();
  await choice.waitFor({ state: 'hidden' });
}

/** The choices a compact Input.ChoiceSet of `card` offers: opens its list, reads it and closes it. */
export async function optionsOf(card: Locator, label: string): Promise<string[]> {
  const page = card.page();
  await card.getByRole('combobox', { name: label }).click();
  const list = page.getByRole('listbox');
  await list.waitFor();
  const options = (await list.getByRole('option').allInnerTexts()).map((o) => o.trim());
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'hidden' });
  return options;
}

/** Saves a screenshot next to the test output (for a person to look at when a test fails). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(ROOT, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Opens a team channel in the Playground's list (its tree item is named "<team> - <channel>"). */
export async function openChannel(page: Page, team: string, channel: string): Promise<void> {
  await page.getByRole('treeitem', { name: `${team} - ${channel}` }).click();
  await page.getByRole('button', { name: 'Post', exact: true }).waitFor();
}

/**
 * Starts a new post in the open channel that @mentions `bot` followed by `text`: types "@" and
 * the start of the name, picks the bot in the typeahead, types the rest and clicks "Post".
 */
export async function postMentioning(page: Page, bot: string, text: string): Promise<void> {
  await composeBox(page).click();
  await page.keyboard.type(`@${bot.slice(0, -1)}`);
  const escaped = bot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('menuitem', { name: new RegExp(`^${escaped}`) }).click();
  await page.keyboard.type(` ${text}`);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
}

/** The posts (each a thread: the first message and its replies) in the open channel containing `text`. */
export function channelPosts(page: Page, text: string | RegExp): Locator {
  return page.locator('.fui-Card[role=group]').filter({ hasText: text });
}

/** The last post in the open channel containing `text` (the Playground lists the newest first). */
export function channelPost(page: Page, text: string | RegExp): Locator {
  return channelPosts(page, text).first();
}
