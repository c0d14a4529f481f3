import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import {
  channelPost,
  channelPosts,
  openChannel,
  postMentioning,
  screenshot,
  startPlaygroundSession,
  type PlaygroundSession,
} from './playground-session';
import { fileReport, REPORT_DESCRIPTION } from './report-steps';

/** The team and channel of .m365agentsplayground.yml; the district of config/demo-organisation.yml. */
const TEAM = 'Södra förvaltningen';
const CHANNEL = 'Säkerhet';
const CHANNEL_ID = '19:sodra-sakerhet@thread.tacv2';
/** The Playground's current user, who reports (and, as an admin, links the channel). */
const REPORTER = 'Alex Wilber';
/** The line a redacted card carries when the responsible manager could not be reached. */
const FALLBACK_NOTE = 'Ansvarig chef kunde inte nås i Teams';

/** How long the redacted card may take: the dispatcher polls every second; Teams allows seconds. */
const CHANNEL_CARD_TIMEOUT_MS = 30_000;

interface OutboxRow {
  status: string;
  body: string;
}

function outbox(dbFile: string): Array<{ status: string; target: { kind: string; districtId?: string }; role: string }> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT status, body FROM outbox').all() as OutboxRow[];
    return rows.map((r) => ({ ...JSON.parse(r.body), status: r.status }));
  } finally {
    db.close();
  }
}

function channelLinks(dbFile: string): Array<{ district_id: string; channel_key: string }> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT district_id, channel_key FROM channel_links').all() as Array<{ district_id: string; channel_key: string }>;
  } finally {
    db.close();
  }
}

/** The value of a fact ("title" then "value" on the card) in a FactSet's text. */
function fact(text: string, title: string): string | undefined {
  return new RegExp(`^${title}\\s*\\n\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
}

describe('e2e: the coordinator channel gets a redacted card for every report', function () {
  this.timeout(300_000);
  let session: PlaygroundSession;
  let page: Page;
  /** The steps below build on each other: after a failure the rest are skipped. */
  let broken = false;
  let caseNumber = '';

  before(async () => {
    session = await startPlaygroundSession();
    page = session.page;
    await page.setViewportSize({ width: 1400, height: 1400 });
  });
  after(async () => session?.stop());

  // The steps build on each other: after a failed step the rest fail at once, saying why
  // (nothing is skipped, so a broken run never looks shorter than it is).
  beforeEach(function () {
    if (broken) throw new Error('an earlier step of this walk-through failed');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      broken = true;
      await screenshot(page, `failed-channel-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });

  it(`links "${CHANNEL}" as the coordinator channel with "@Trygg koppla kanal sodra"`, async () => {
    await openChannel(page, TEAM, CHANNEL);
    await screenshot(page, 'channel-1-empty');
    await postMentioning(page, 'Trygg', 'koppla kanal sodra');
    const post = channelPost(page, 'koppla kanal sodra');
    await post.getByText('Den här kanalen är nu samordnarkanal för Södra förvaltningen').waitFor();
    const thread = await post.innerText();
    assert.match(thread, /Trygg\s+koppla kanal sodra/, `the post mentions Trygg:\n${thread}`);
    assert.match(thread, /Nya rapporter visas här utan detaljer/);
    assert.deepEqual(channelLinks(session.dbFile), [{ district_id: 'sodra', channel_key: `channel:${CHANNEL_ID}` }]);
    await screenshot(page, 'channel-2-linked');
  });

  it('files a complete report in personal chat and gets a receipt with the case number', async () => {
    const filed = await fileReport(page, { screenshotPrefix: 'channel-3-report' });
    caseNumber = filed.caseNumber;
    assert.match(caseNumber, /^\d{4}-0001$/, 'the first case of the year in a fresh file');
    assert.match(filed.receipt, /Förvaltningens säkerhetssamordnare/);
  });

  it('posts "Ny rapport <case number>" to the channel with form, unit and status, and no name or description', async () => {
    await openChannel(page, TEAM, CHANNEL);
    // In the demo only Alex has ever chatted with Trygg, so the manager's and the deputy's 1:1
    // notifications cannot be delivered and fall back to this channel as a second redacted card
    // with FALLBACK_NOTE. The coordinators' own card is the one without it.
    const card: Locator = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: `Ny rapport ${caseNumber}`, hasNotText: FALLBACK_NOTE })
      .last();
    try {
      await card.waitFor({ timeout: CHANNEL_CARD_TIMEOUT_MS });
    } finally {
      await screenshot(page, 'channel-4-redacted-card');
    }
    const text = await card.innerText();
    assert.equal(fact(text, 'Ärende'), caseNumber, `the case number:\n${text}`);
    assert.equal(fact(text, 'Form'), 'Hot mot mig, Trakasserier', `the forms:\n${text}`);
    assert.equal(fact(text, 'Enhet'), 'Barn och unga Syd', `the unit:\n${text}`);
    assert.equal(fact(text, 'Status'), 'Mottagen', `the status:\n${text}`);
    assert.match(fact(text, 'Rapporterad') ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, `the time:\n${text}`);
    assert.match(text, /Detaljer visas bara för ansvarig chef och säkerhetssamordnare/);

    // Privacy rule 2: nothing that identifies the reporter, nothing they typed — in any card the
    // bot posted about this case, nor in the rest of the bot's post around it.
    const all = [...(await channelPosts(page, `Ny rapport ${caseNumber}`).allInnerTexts()), text];
    for (const shown of all) {
      assert.ok(!shown.includes(REPORTER), `no reporter name in the channel:\n${shown}`);
      assert.ok(!shown.includes('Wilber') && !shown.includes('Alex'), `no part of the name:\n${shown}`);
      for (const line of REPORT_DESCRIPTION.split('\n')) {
        assert.ok(!shown.includes(line), `no description in the channel:\n${shown}`);
      }
      assert.ok(!/följde efter mig|vet var jag bor/.test(shown), `no fragment of the description:\n${shown}`);
    }
    const channelNotice = outbox(session.dbFile).filter((n) => n.target.kind === 'district-channel');
    assert.ok(channelNotice.some((n) => n.status === 'sent'), `the channel notification is sent: ${JSON.stringify(channelNotice)}`);
    assert.doesNotMatch(session.output(), /"level":"(error|fatal)"/, 'no turn or send failed');
  });
});
