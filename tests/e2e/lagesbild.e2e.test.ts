import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { newCaseFile } from '../../src/domain/case-file';
import { stockholmLocal } from '../../src/domain/local-time';
import type { Form } from '../../src/domain/report-schema';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { DEMO_ORGANISATION } from '../helpers/trygg-instance';
import { cardWith, channelPost, openChannel, postMentioning, say, screenshot, startPlaygroundSession, type PlaygroundSession } from './playground-session';
import { fileReport } from './report-steps';

/** The team and channel of .m365agentsplayground.yml; the district of config/demo-organisation.yml. */
const TEAM = 'Södra förvaltningen';
const CHANNEL = 'Säkerhet';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
/** Reports already in the store before the session, so that the card has counts above the threshold. */
const EARLIER: Form[][] = [['threat-self'], ['threat-self'], ['threat-self', 'harassment'], ['violence'], ['threat-self']];

/**
 * The demo organisation with the Playground's current user (Alex) also a security coordinator of
 * Södra: the Playground has one current user, and the lägesbild is for coordinators.
 */
function coordinatorOrganisation(dir: string): string {
  const yaml = fs.readFileSync(DEMO_ORGANISATION, 'utf8');
  const coordinators = 'coordinators: ["00000000-0000-0000-0000-0000000000023"]';
  assert.ok(yaml.includes(coordinators), 'the demo organisation names Isaiah as Södra\'s coordinator');
  const file = path.join(dir, 'organisation.yml');
  fs.writeFileSync(file, yaml.replace(coordinators, `coordinators: ["00000000-0000-0000-0000-0000000000023", "${ALEX}"]`));
  return file;
}

/** Files the earlier reports straight into a fresh store file (the migrations create it). */
async function seedStore(dbFile: string): Promise<void> {
  const store = openSqliteStore(dbFile);
  try {
    const now = Date.now();
    for (const [i, forms] of EARLIER.entries()) {
      const reportedAt = new Date(now - (i + 1) * 86_400_000);
      await store.incidents.submit({
        id: `inc-e2e-${i}`,
        draftId: `draft-e2e-${i}`,
        tenantId: '00000000-0000-0000-0000-0000000000001',
        districtId: 'sodra',
        reporterId: ALEX,
        reporterName: 'Alex Wilber',
        reportedAt,
        caseYear: Number(stockholmLocal(reportedAt).slice(0, 4)),
        report: {
          forms, purpose: 'yes', occurredAt: stockholmLocal(reportedAt), place: 'reception', workArea: 'children-youth',
          unitId: 'barn-unga-syd', perpetratorRole: 'client', recurrence: 'first-time', target: 'me', injuries: ['none'], weapon: 'no',
          perceivedSerious: 'no', policeIntent: 'unsure', support: ['not-now'], description: 'En klient skrek och hotade i receptionen.',
        },
        caseFile: newCaseFile([MEGAN], new Date(now + 86_400_000)),
      });
    }
  } finally {
    await store.close();
  }
}

/**
 * The bars of a rendered card, by the label of their row: the width in CSS pixels of the filled part
 * (an element with a background colour in the row), or null for a row without a bar. The Playground's
 * renderer replaces element ids, so rows are found by their label and the row's flex layout.
 */
async function barWidths(card: Locator, labels: string[]): Promise<Record<string, number | null>> {
  return card.evaluate((root: any, wanted: string[]) => {
    const style = (e: any) => (globalThis as any).getComputedStyle(e);
    const widths: Record<string, number | null> = {};
    for (const label of wanted) {
      const p = [...root.querySelectorAll('p')].find((e: any) => e.textContent?.trim() === label);
      let row = p?.parentElement;
      while (row && row !== root && row.style.flexDirection !== 'row') row = row.parentElement;
      if (!row || row === root) throw new Error(`no row labelled ${label}`);
      const filled = [...row.querySelectorAll('*')].filter((e: any) => !['rgba(0, 0, 0, 0)', 'transparent'].includes(style(e).backgroundColor));
      widths[label] = filled.length > 0 ? filled[0].getBoundingClientRect().width : null;
    }
    return widths;
  }, labels);
}

describe('e2e: "@Trygg lägesbild 30d" in the coordinator channel shows the card with its charts', function () {
  this.timeout(300_000);
  let session: PlaygroundSession;
  let page: Page;
  let broken = false;
  let dbFile = '';

  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-e2e-lagesbild-'));
    dbFile = path.join(dir, 'trygg.db');
    await seedStore(dbFile);
    session = await startPlaygroundSession({ TRYGG_SQLITE_PATH: dbFile, TRYGG_ORG_FILE: coordinatorOrganisation(dir) });
    page = session.page;
    await page.setViewportSize({ width: 1400, height: 2400 });
  });
  after(async () => session?.stop());

  beforeEach(function () {
    if (broken) throw new Error('an earlier step of this walk-through failed');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      broken = true;
      await screenshot(page, `failed-lagesbild-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });

  it('links the channel and files a report in personal chat', async () => {
    await openChannel(page, TEAM, CHANNEL);
    await postMentioning(page, 'Trygg', 'koppla kanal sodra');
    await channelPost(page, 'koppla kanal sodra').getByText('Den här kanalen är nu samordnarkanal för Södra förvaltningen').waitFor();
    const filed = await fileReport(page);
    assert.match(filed.caseNumber, /^\d{4}-0006$/, 'after the five earlier reports');
  });

  it('answers "@Trygg lägesbild 30d" with the lägesbild card: the figures and a bar per shown count', async () => {
    await openChannel(page, TEAM, CHANNEL);
    await postMentioning(page, 'Trygg', 'lägesbild 30d');
    const card = channelPost(page, 'lägesbild 30d').locator('.ac-adaptiveCard').filter({ hasText: 'Lägesbild – Södra förvaltningen' });
    await card.waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'lagesbild-channel');
    await card.screenshot({ path: path.join(os.tmpdir(), 'trygg-lagesbild-card.png') });

    const shown = await card.innerText();
    const total = EARLIER.length + 1;
    assert.match(shown, /30d: \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}\. Jämförs med/, shown);
    assert.match(shown, new RegExp(`Rapporter\\s+${total}\\s`), shown);
    assert.match(shown, new RegExp(`Hot mot mig\\s+${total - 1}`), 'four earlier threats and the one filed now');
    assert.match(shown, /Trakasserier\s+(<5|\.\.)/, 'small counts are hidden');
    assert.match(shown, new RegExp(`Barn och unga Syd\\s+${total}`));
    assert.match(shown, /Polisanmälan vid hot och våld/);
    assert.match(shown, /Mediantid från rapport/);
    assert.doesNotMatch(shown, /Alex|Wilber|hotade/, 'no names, no free text in the channel');

    // The charts are there, drawn: a coloured bar for every count shown, as wide as its share.
    for (const title of ['Form', 'Enhet', 'Vem som utsatte (roll)', 'Plats eller kanal', 'Verksamhetsområde']) {
      assert.match(shown, new RegExp(`^${title.replace(/[()]/g, '\\$&')}$`, 'm'), `chart ${title}`);
    }
    const widths = await barWidths(card, ['Hot mot mig', 'Trakasserier', 'Våld', 'Barn och unga Syd', 'Klient', 'Reception']);
    const all = widths['Barn och unga Syd'];
    assert.ok(all !== null && all > 50, `the unit with every report has a long bar: ${JSON.stringify(widths)}`);
    assert.equal(widths['Klient'], all, 'every report: the same length');
    assert.equal(widths['Reception'], all);
    const threats = widths['Hot mot mig'];
    assert.ok(threats !== null && Math.abs(threats / all - (total - 1) / total) < 0.08, `threats ≈ ${total - 1}/${total} of all: ${JSON.stringify(widths)}`);
    assert.deepEqual([widths['Trakasserier'], widths['Våld']], [null, null], 'no bar for hidden counts');
    assert.match(shown, /Inga ärenden: Ekonomiskt bistånd Syd\./, 'categories without cases in one line');
    // The Playground's web chat now and then posts an `event` activity whose turn fails with
    // ECONNRESET (no route of Trygg answers events); any other error fails the test.
    const errors = session.output().split('\n').filter((l) => /"level":"(error|fatal)"/.test(l));
    assert.deepEqual(errors.filter((l) => !/"type":"event".*"code":"ECONNRESET"/.test(l)), [], 'no turn or send failed');
  });

  it('lists open cases with "öppna" in personal chat; selecting one opens the case card and logs the read', async () => {
    await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
    await say(page, 'öppna');
    const list = cardWith(page, /Öppna ärenden\s*6 ärenden · sida 1 av 1/);
    await list.waitFor();
    const listed = await list.innerText();
    assert.match(listed, /Hanteras av: Megan Bowen/, listed);
    assert.match(listed, /Barn och unga Syd · (i dag|för \d+ d sedan)/);
    const first = /(\d{4}-0001)/.exec(listed)![1];
    await list.getByText(first, { exact: true }).click();
    const opened = cardWith(page, `Ärende ${first}`).filter({ hasText: 'visas bara för dig' });
    await opened.waitFor();
    await screenshot(page, 'lagesbild-open-case');
    assert.match(await opened.innerText(), /En klient skrek och hotade i receptionen/, 'the coordinator sees the full case');
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      const reads = db.prepare("SELECT actor_id FROM incident_events WHERE incident_id = 'inc-e2e-0' AND type = 'details-viewed'").all();
      assert.deepEqual(reads, [{ actor_id: ALEX }], 'the read is logged');
    } finally {
      db.close();
    }
  });
});
