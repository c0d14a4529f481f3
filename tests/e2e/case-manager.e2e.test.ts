import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { loadOrganisationFile } from '../../src/directory/yaml-organisation';
import { newCaseFile } from '../../src/domain/case-file';
import { acknowledgementDueFor, planTimers } from '../../src/domain/case-timers';
import { stockholmLocal } from '../../src/domain/local-time';
import { notificationsFor } from '../../src/domain/notification';
import { recipientsFor } from '../../src/domain/routing';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { ALEX as ALEX_PERSON, MEGAN as MEGAN_PERSON, TENANT_ID as TENANT } from '../helpers/activities';
import { writeDemoOrganisation } from '../helpers/organisation-file';
import { plainReport, seededIncident } from '../helpers/seed-incidents';
import {
  cardWith,
  channelCards,
  channelPosts,
  chooseOption,
  fact,
  greet,
  linkCoordinatorChannel,
  openCoordinatorChannel,
  openPersonalChat,
  screenshot,
  unexpectedErrors,
  walkThrough,
  type PlaygroundSession,
} from './playground-session';

/** The Playground's only current user: here the unit's manager (and an admin, to link the channel). */
const ALEX = ALEX_PERSON.aadObjectId;
/** A mock user the Playground cannot act as: here staff of the unit, and the reporter. */
const MEGAN = MEGAN_PERSON.aadObjectId;
const DESCRIPTION = 'En klient hotade mig i telefon och sa att hen skulle vänta utanför kontoret.';
/** How long a card may take: the dispatcher polls often here; Teams allows seconds. */
const CARD_TIMEOUT_MS = 30_000;

/**
 * The demo organisation with the roles of Barn och unga Syd turned around: Alex (the Playground's
 * current user) is the manager, Megan is staff. Alex stays an admin.
 */
function managerOrganisation(dir: string): string {
  return writeDemoOrganisation(
    dir,
    { [`manager: "${MEGAN}"`]: `manager: "${ALEX}"`, [`staff: ["${ALEX}"]`]: `staff: ["${MEGAN}"]` },
    'the demo organisation has Megan as manager and Alex as staff of Barn och unga Syd',
  );
}

/**
 * Files Megan's report straight into the running bot's store, writing what ReportingService.submit
 * writes (incident, case file, notifications for the routed recipients, timers). The dispatcher of
 * the running bot delivers the notifications.
 */
async function fileReportAsMegan(dbFile: string, orgFile: string): Promise<string> {
  const config = loadConfig({ TRYGG_MODE: 'local', TRYGG_ORG_FILE: orgFile, TRYGG_SQLITE_PATH: dbFile });
  const organisation = loadOrganisationFile(orgFile);
  const now = new Date();
  const report = plainReport(stockholmLocal(new Date(now.getTime() - 3_600_000)), { place: 'phone', description: DESCRIPTION });
  const id = 'inc-e2e-manager';
  const routed = { unitId: 'barn-unga-syd', districtId: 'sodra', reporterId: MEGAN, report };
  const recipients = recipientsFor(routed, organisation);
  const notifications = notificationsFor({ id, districtId: 'sodra', tenantId: TENANT }, recipients, now);
  const handlers = recipients.flatMap((r) => (r.detail === 'full' && r.target.kind === 'person' ? [r.target.personId] : []));
  assert.deepEqual(handlers, [ALEX], 'Alex, the manager, handles the case');
  const caseFile = newCaseFile(handlers, acknowledgementDueFor({ report }, now, config.cases));
  const newIncident = seededIncident({ key: 'e2e-manager', reporter: MEGAN_PERSON, reportedAt: now, report, caseFile });
  const planned = planTimers(
    { ...newIncident, unitId: 'barn-unga-syd', caseNumber: '', reportedAt: now.toISOString(), status: 'reported', version: 1, case: caseFile },
    config.cases,
  );
  const store = openSqliteStore(dbFile);
  try {
    const { incident } = await store.incidents.submit(newIncident, notifications, planned);
    return incident.caseNumber;
  } finally {
    await store.close();
  }
}

/** The text of the case card's handling part ("Handläggning": acknowledged, police, …). */
function handling(text: string): string {
  const at = text.indexOf('Handläggning');
  assert.ok(at >= 0, `the card has a handling part:\n${text}`);
  return text.slice(at);
}

/** The case card in the open chat: the card titled with the case number that offers case actions. */
function caseCard(page: Page, caseNumber: string): Locator {
  return cardWith(page, `Ärende ${caseNumber}`);
}

describe('e2e: the manager acknowledges a case and records a police decision from the card; the channel card follows', function () {
  this.timeout(300_000);
  let session: PlaygroundSession;
  let page: Page;
  let dbFile = '';
  let orgFile = '';
  let caseNumber = '';
  /** The channel's cards about the case before the manager acted. */
  let channelCardsBefore = 0;
  walkThrough('case-manager', {
    height: 2000,
    prepare: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-e2e-case-manager-'));
      dbFile = path.join(dir, 'trygg.db');
      orgFile = managerOrganisation(dir);
      return { TRYGG_SQLITE_PATH: dbFile, TRYGG_ORG_FILE: orgFile, TRYGG_OUTBOX_POLL_MS: '200' };
    },
    started: (s) => {
      session = s;
      page = s.page;
    },
  });

  it('Alex greets Trygg in personal chat and links the channel', async () => {
    await greet(page);
    await linkCoordinatorChannel(page);
    const refs = session.query<{ key: string }>('SELECT key FROM conversation_refs');
    assert.ok(refs.some((r) => r.key === `user:${ALEX}`), `Alex's conversation is known: ${JSON.stringify(refs)}`);
  });

  it("Megan's report reaches Alex's personal chat as the case card, and the channel as a redacted card", async () => {
    caseNumber = await fileReportAsMegan(dbFile, orgFile);
    assert.match(caseNumber, /^\d{4}-0001$/);
    await openPersonalChat(page);
    const card = caseCard(page, caseNumber);
    await card.waitFor({ timeout: CARD_TIMEOUT_MS });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-manager-1-personal');
    const text = await card.innerText();
    assert.match(text, /Megan Bowen har rapporterat en händelse/, text);
    assert.ok(text.includes(DESCRIPTION), 'the manager sees the description');

    await openCoordinatorChannel(page);
    const channelCard = channelCards(page, caseNumber);
    await channelCard.first().waitFor({ timeout: CARD_TIMEOUT_MS });
    await screenshot(page, 'case-manager-2-channel-before');
    channelCardsBefore = await channelCard.count();
    const shown = await channelCard.first().innerText();
    assert.equal(fact(shown, 'Status'), 'Mottagen', shown);
  });

  it('Alex clicks "Kvittera": the card shows the acknowledgement by Alex', async () => {
    await openPersonalChat(page);
    const card = caseCard(page, caseNumber);
    await card.getByRole('button', { name: 'Kvittera', exact: true }).click();
    // The answer to the click replaces the card, with its notice; the outbox leaves the clicked card alone.
    const acknowledged = caseCard(page, caseNumber).filter({ hasText: 'Kvitterad av chef' });
    await acknowledged.waitFor();
    await acknowledged.filter({ hasText: 'Kvitterat. Medarbetaren ser det under Mina rapporter.' }).waitFor();
    await acknowledged.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-manager-3-acknowledged');
    const text = await acknowledged.innerText();
    assert.match(fact(handling(text), 'Kvitterat') ?? '', /^Alex Wilber, \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, text);
    assert.equal(fact(text, 'Status'), 'Kvitterad av chef', text);
    assert.equal(await acknowledged.getByRole('button', { name: 'Kvittera', exact: true }).count(), 0, 'no second acknowledgement');
  });

  it('Alex opens "Polisanmälan", chooses "Arbetsgivaren anmäler" and saves: the card shows the decision', async () => {
    const card = caseCard(page, caseNumber);
    await card.getByRole('button', { name: 'Polisanmälan', exact: true }).click();
    const form = page.locator('.ac-adaptiveCard').filter({ has: page.getByRole('combobox', { name: 'Beslut' }) }).last();
    await form.waitFor();
    await screenshot(page, 'case-manager-4-police-form');
    await chooseOption(form, 'Beslut', 'Arbetsgivaren anmäler');
    await form.getByRole('button', { name: 'Spara', exact: true }).click();
    // As above: the answer to the click shows the notice, and it stays.
    const saved = caseCard(page, caseNumber).filter({ hasText: 'Arbetsgivaren anmäler' });
    await saved.waitFor();
    await saved.filter({ hasText: 'Beslutet om polisanmälan är registrerat.' }).waitFor();
    await saved.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-manager-5-police-saved');
    const text = await saved.innerText();
    assert.match(fact(handling(text), 'Polisanmälan') ?? '', /^Arbetsgivaren anmäler/, text);
    assert.match(fact(handling(text), 'Kvitterat') ?? '', /^Alex Wilber, /, text);
    assert.equal(fact(text, 'Status'), 'Pågår', text);
  });

  it('the channel card shows the new status, updated in place and still redacted', async () => {
    await openCoordinatorChannel(page);
    const cards = channelCards(page, caseNumber);
    const updated = cards.filter({ hasText: 'Pågår' });
    try {
      await updated.first().waitFor({ timeout: CARD_TIMEOUT_MS });
    } finally {
      await screenshot(page, 'case-manager-6-channel-after');
    }
    assert.equal(await cards.count(), channelCardsBefore, 'no new post: the card was updated in place');
    // The channel card carries a user-specific refresh for Alex (the manager may see the details); the
    // Playground logs "User specific view is not supported yet" and shows everyone the card as posted,
    // so what is read here is the redacted card the channel members get.
    for (const shown of await channelPosts(page, `Ny rapport ${caseNumber}`).allInnerTexts()) {
      assert.doesNotMatch(shown, /Megan|Bowen/, `no reporter name in the channel:\n${shown}`);
      assert.ok(!shown.includes(DESCRIPTION) && !/vänta utanför/.test(shown), `no description in the channel:\n${shown}`);
      assert.doesNotMatch(shown, /Arbetsgivaren anmäler|Alex Wilber/, `no case details in the channel:\n${shown}`);
    }
    const shown = await updated.first().innerText();
    assert.equal(fact(shown, 'Status'), 'Pågår', shown);
    assert.match(shown, /Detaljer visas bara för ansvarig chef och säkerhetssamordnare/);
  });

  it('the timeline has the acknowledgement and the police decision by Alex; no turn or send failed', () => {
    const events = session.query<{ type: string; actor_id: string }>(
      "SELECT type, actor_id FROM incident_events WHERE incident_id = 'inc-e2e-manager' AND type IN ('case-acknowledge', 'case-police') ORDER BY rowid",
    );
    assert.deepEqual(events, [
      { type: 'case-acknowledge', actor_id: ALEX },
      { type: 'case-police', actor_id: ALEX },
    ]);
    // The channel card was updated in place (PUT of the sent activity), not posted again; Alex's own
    // card was replaced by the answers to his clicks, so the outbox did not update it as well.
    const outbox = session.query<{ body: string }>("SELECT body FROM outbox WHERE incident_id = 'inc-e2e-manager'").map(
      (r) => JSON.parse(r.body) as { kind?: string; status: string; target: { kind: string; personId?: string }; activityId?: string },
    );
    const updates = outbox.filter((n) => n.kind === 'card-update');
    assert.deepEqual(
      updates.map((n) => [n.target.kind, n.target.personId ?? '', n.status]).sort(),
      [['district-channel', '', 'sent']],
      JSON.stringify(outbox),
    );
    assert.deepEqual(unexpectedErrors(session), [], 'no turn or send failed');
  });
});
