import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import {
  CHANNEL,
  channelCards,
  channelPosts,
  fact,
  linkCoordinatorChannel,
  openCoordinatorChannel,
  screenshot,
  walkThrough,
  type PlaygroundSession,
} from './playground-session';
import { fileReport, REPORT_DESCRIPTION } from './report-steps';

/** The id of the channel in .m365agentsplayground.yml. */
const CHANNEL_ID = '19:sodra-sakerhet@thread.tacv2';
/** The Playground's current user, who reports (and, as an admin, links the channel). */
const REPORTER = 'Alex Wilber';
/** The line a redacted card carries when the responsible manager could not be reached. */
const FALLBACK_NOTE = 'Ansvarig chef kunde inte nås i Teams';

/** How long the redacted card may take: the dispatcher polls every second; Teams allows seconds. */
const CHANNEL_CARD_TIMEOUT_MS = 30_000;

function outbox(session: PlaygroundSession): Array<{ status: string; target: { kind: string; districtId?: string }; role: string }> {
  const rows = session.query<{ status: string; body: string }>('SELECT status, body FROM outbox');
  return rows.map((r) => ({ ...JSON.parse(r.body), status: r.status }));
}

describe('e2e: the coordinator channel gets a redacted card for every report', function () {
  this.timeout(300_000);
  let session: PlaygroundSession;
  let page: Page;
  let caseNumber = '';
  walkThrough('channel', {
    height: 1400,
    started: (s) => {
      session = s;
      page = s.page;
    },
  });

  it(`links "${CHANNEL}" as the coordinator channel with "@Trygg koppla kanal sodra"`, async () => {
    const post = await linkCoordinatorChannel(page, { screenshotEmpty: 'channel-1-empty' });
    const thread = await post.innerText();
    assert.match(thread, /Trygg\s+koppla kanal sodra/, `the post mentions Trygg:\n${thread}`);
    assert.match(thread, /Nya rapporter visas här utan detaljer/);
    assert.deepEqual(session.query('SELECT district_id, channel_key FROM channel_links'), [{ district_id: 'sodra', channel_key: `channel:${CHANNEL_ID}` }]);
    await screenshot(page, 'channel-2-linked');
  });

  it('files a complete report in personal chat and gets a receipt with the case number', async () => {
    const filed = await fileReport(page, { screenshotPrefix: 'channel-3-report' });
    caseNumber = filed.caseNumber;
    assert.match(caseNumber, /^\d{4}-0001$/, 'the first case of the year in a fresh file');
    assert.match(filed.receipt, /Förvaltningens säkerhetssamordnare/);
  });

  it('posts "Ny rapport <case number>" to the channel with form, unit and status, and no name or description', async () => {
    await openCoordinatorChannel(page);
    // In the demo only Alex has ever chatted with Trygg, so the manager's and the deputy's 1:1
    // notifications cannot be delivered and fall back to this channel as a second redacted card
    // with FALLBACK_NOTE. The coordinators' own card is the one without it.
    const card = channelCards(page, caseNumber, FALLBACK_NOTE).last();
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
    const channelNotice = outbox(session).filter((n) => n.target.kind === 'district-channel');
    assert.ok(channelNotice.some((n) => n.status === 'sent'), `the channel notification is sent: ${JSON.stringify(channelNotice)}`);
    assert.doesNotMatch(session.output(), /"level":"(error|fatal)"/, 'no turn or send failed');
  });
});
