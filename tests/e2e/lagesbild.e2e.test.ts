import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Form } from '../../src/domain/report-schema';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { ALEX, MEGAN } from '../helpers/activities';
import { writeDemoOrganisation } from '../helpers/organisation-file';
import { seededIncident } from '../helpers/seed-incidents';
import {
  cardWith,
  channelPost,
  linkCoordinatorChannel,
  openCoordinatorChannel,
  openPersonalChat,
  postMentioning,
  say,
  screenshot,
  unexpectedErrors,
  walkThrough,
  type PlaygroundSession,
} from './playground-session';
import { fileReport } from './report-steps';

/** Reports already in the store before the session, so that the card has counts above the threshold. */
const EARLIER: Form[][] = [['threat-self'], ['threat-self'], ['threat-self', 'harassment'], ['violence'], ['threat-self']];

/**
 * The demo organisation with the Playground's current user (Alex) also a security coordinator of
 * Södra: the Playground has one current user, and the lägesbild is for coordinators.
 */
function coordinatorOrganisation(dir: string): string {
  return writeDemoOrganisation(
    dir,
    { 'coordinators: ["00000000-0000-0000-0000-0000000000023"]': `coordinators: ["00000000-0000-0000-0000-0000000000023", "${ALEX.aadObjectId}"]` },
    'the demo organisation names Isaiah as Södra\'s coordinator',
  );
}

/** Files the earlier reports straight into a fresh store file (the migrations create it). */
async function seedStore(dbFile: string): Promise<void> {
  const store = openSqliteStore(dbFile);
  try {
    const now = Date.now();
    for (const [i, forms] of EARLIER.entries()) {
      await store.incidents.submit(
        seededIncident({
          key: `e2e-${i}`,
          reporter: ALEX,
          reportedAt: new Date(now - (i + 1) * 86_400_000),
          changes: { forms, description: 'En klient skrek och hotade i receptionen.' },
          handlers: [MEGAN.aadObjectId],
          due: new Date(now + 86_400_000),
        }),
      );
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
  walkThrough('lagesbild', {
    height: 2400,
    prepare: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-e2e-lagesbild-'));
      const dbFile = path.join(dir, 'trygg.db');
      await seedStore(dbFile);
      return { TRYGG_SQLITE_PATH: dbFile, TRYGG_ORG_FILE: coordinatorOrganisation(dir) };
    },
    started: (s) => {
      session = s;
      page = s.page;
    },
  });

  it('links the channel and files a report in personal chat', async () => {
    await linkCoordinatorChannel(page);
    const filed = await fileReport(page);
    assert.match(filed.caseNumber, /^\d{4}-0006$/, 'after the five earlier reports');
  });

  it('answers "@Trygg lägesbild 30d" with the lägesbild card: the figures and a bar per shown count', async () => {
    await openCoordinatorChannel(page);
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
    assert.deepEqual(unexpectedErrors(session), [], 'no turn or send failed');
  });

  it('lists open cases with "öppna" in personal chat; selecting one opens the case card and logs the read', async () => {
    await openPersonalChat(page);
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
    const reads = session.query("SELECT actor_id FROM incident_events WHERE incident_id = 'inc-e2e-0' AND type = 'details-viewed'");
    assert.deepEqual(reads, [{ actor_id: ALEX.aadObjectId }], 'the read is logged');
  });
});
