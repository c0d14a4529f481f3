import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
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
  /** Runs a read-only query on the session's SQLite file. */
  query<T>(sql: string, ...params: unknown[]): T[];
  stop(): Promise<void>;
}

/**
 * Starts `scripts/start-local.js` exactly as `npm start` does, on free ports with a fresh SQLite
 * file, waits for it to print the Playground URL, and opens that URL in Chromium.
 */
/** A port nothing listens on now: the system picks one, and it is released for the session to take. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPlaygroundSession(env: Record<string, string> = {}): Promise<PlaygroundSession> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-e2e-'));
  const dbFile = env.TRYGG_SQLITE_PATH ?? path.join(dir, 'trygg.db');
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start-local.js')], {
    cwd: ROOT,
    detached: true, // its own process group, ended by its own id
    env: {
      ...process.env,
      PORT: String(await freePort()),
      PLAYGROUND_PORT: String(await freePort()),
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
      query: <T>(sql: string, ...params: unknown[]) => query<T>(dbFile, sql, ...params),
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

/** The rendered Adaptive Cards containing `text` (and, with `without`, not containing that). */
export function cardsWith(page: Page, text: string | RegExp, without?: string | RegExp): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: text, ...(without === undefined ? {} : { hasNotText: without }) });
}

/** The last rendered Adaptive Card containing `text`. */
export function cardWith(page: Page, text: string | RegExp): Locator {
  return cardsWith(page, text).last();
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

function query<T>(dbFile: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * Registers the hooks of a walk-through in the enclosing `describe`: before, `prepare` (if any)
 * gives the environment, the session starts and `started` gets it, and the viewport becomes
 * `height` pixels tall; after, the session stops. The steps build on each other: after a failed
 * step the rest fail at once, saying why (nothing is skipped, so a broken run never looks shorter
 * than it is), and the failure is saved as the screenshot failed-<name>-<title>.
 */
export function walkThrough(
  name: string,
  options: { height: number; prepare?: () => Promise<Record<string, string>>; started: (session: PlaygroundSession) => void },
): void {
  let session: PlaygroundSession | undefined;
  let broken = false;
  before(async () => {
    session = await startPlaygroundSession(options.prepare ? await options.prepare() : {});
    options.started(session);
    await session.page.setViewportSize({ width: 1400, height: options.height });
  });
  after(async () => session?.stop());
  beforeEach(function () {
    if (broken) throw new Error('an earlier step of this walk-through failed');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      broken = true;
      if (session) await screenshot(session.page, `failed-${name}-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });
}

/** The lines of the session's log at level error or fatal, but for the Playground's failing `event` turns. */
export function unexpectedErrors(session: PlaygroundSession): string[] {
  // The Playground's web chat now and then posts an `event` activity whose turn fails with
  // ECONNRESET (no route of Trygg answers events); any other error counts.
  const errors = session.output().split('\n').filter((l) => /"level":"(error|fatal)"/.test(l));
  return errors.filter((l) => !/"type":"event".*"code":"ECONNRESET"/.test(l));
}

/** The value of a fact ("title" then "value" on the card) in a FactSet's text. */
export function fact(text: string, title: string): string | undefined {
  return new RegExp(`^${title}\\s*\\n\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
}

// Trygg in the Playground: .m365agentsplayground.yml and config/demo-organisation.yml.

/** The team and channel of .m365agentsplayground.yml, for the district Södra of the demo organisation. */
export const TEAM = 'Södra förvaltningen';
export const CHANNEL = 'Säkerhet';
/** Trygg's answer when a channel becomes Södra's coordinator channel. */
export const CHANNEL_LINKED = 'Den här kanalen är nu samordnarkanal för Södra förvaltningen';
/** The title of Trygg's welcome card. */
export const WELCOME_TITLE = 'Trygg – rapportera hot, våld och otillåten påverkan';

/** Opens the personal chat with Trygg. */
export async function openPersonalChat(page: Page): Promise<void> {
  await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
}

/** Opens Södra's coordinator channel ("Säkerhet" of the team "Södra förvaltningen"). */
export async function openCoordinatorChannel(page: Page): Promise<void> {
  await openChannel(page, TEAM, CHANNEL);
}

/** Says "hjälp" in personal chat and waits for a new card, the welcome card; returns that card. */
export async function greet(page: Page): Promise<Locator> {
  await openPersonalChat(page);
  const before = await page.locator('.ac-adaptiveCard').count();
  await say(page, 'hjälp');
  await page.locator('.ac-adaptiveCard').nth(before).waitFor();
  const card = cardWith(page, WELCOME_TITLE);
  await card.waitFor();
  return card;
}

/**
 * Opens the coordinator channel (saving the screenshot `screenshotEmpty` of it first, if given),
 * posts "@Trygg koppla kanal sodra" and waits for Trygg's answer; returns the post.
 */
export async function linkCoordinatorChannel(page: Page, options: { screenshotEmpty?: string } = {}): Promise<Locator> {
  await openCoordinatorChannel(page);
  if (options.screenshotEmpty) await screenshot(page, options.screenshotEmpty);
  await postMentioning(page, 'Trygg', 'koppla kanal sodra');
  const post = channelPost(page, 'koppla kanal sodra');
  await post.getByText(CHANNEL_LINKED).waitFor();
  return post;
}

/** The redacted cards about `caseNumber` in the open channel ("Ny rapport <case number>"). */
export function channelCards(page: Page, caseNumber: string, without?: string): Locator {
  return cardsWith(page, `Ny rapport ${caseNumber}`, without);
}
