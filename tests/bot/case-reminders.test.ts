/**
 * Reminders and escalations of an unacknowledged report, with the bot's clock under the test's
 * control and the process restarted in between: the manager is reminded at the deadline, the
 * deputy is brought in, then the second-line manager and the coordinator channel. Timers live in
 * the store: a restart neither loses nor repeats one.
 */
import { strict as assert } from 'node:assert';
import { ADELE, ALEX, botInstalled, cardAction, channelCardAction, channelMention, ISAIAH, LYNNE, MEGAN, PATTI, personalMessage, type Person } from '../helpers/activities';
import { action, caseButton as button, caseCommands, invokeCard, sentCard, text } from '../helpers/cards';
import { FakeConnector, type ConnectorCall } from '../helpers/fake-connector';
import { STEP_DESCRIBE, STEP_WHAT, STEP_WHO } from '../helpers/report-fixtures';
import { eventually as waitFor, outboxDrained, startTrygg, tempDbFile, type RunningTrygg } from '../helpers/trygg-instance';

const CHANNEL = '19:sodra-sakerhet@thread.tacv2';
/** Monday 23 November 2026, 10:15 in Stockholm: the acknowledgement is due at 17:00 the same day. */
const START = Date.parse('2026-11-23T09:15:00Z');
const MINUTE = 60_000;

const REMINDER = /Påminnelse: ärendet är inte kvitterat/;
const ESCALATED_TO_YOU = /Ärendet har inte kvitterats i tid och har eskalerats till dig/;

describe('bot: reminders and escalations of an unacknowledged case', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningTrygg;
  let dbFile: string;
  let now = START;
  const clock = () => new Date(now);
  let incidentId = '';
  let caseNumber = '';
  let dueAt = 0;

  const env = () => ({
    TRYGG_SQLITE_PATH: dbFile,
    TRYGG_OUTBOX_POLL_MS: '50',
    TRYGG_SCHEDULER_POLL_MS: '50',
    TRYGG_ESCALATE_DEPUTY_MINUTES: '30',
    TRYGG_ESCALATE_SECOND_LINE_MINUTES: '60',
  });

  beforeEach(async () => {
    now = START;
    dbFile = tempDbFile();
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startTrygg(env(), 'warn', clock);
    await fileReport();
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
    assert.deepEqual(bot.logs.filter((l) => l.includes('"level":"error"')), [], 'no turn failed');
  });

  const personal = (p: Person) => `a:personal-${p.aadObjectId}`;
  const posts = (conversationId: string) => connector.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId);
  /** Cards sent to a conversation about the case (not updates), matching a pattern. */
  const sentAbout = (conversationId: string, pattern: RegExp): ConnectorCall[] =>
    posts(conversationId).filter((c) => c.activity.attachments && text(sentCard(c)).includes(caseNumber) && pattern.test(text(sentCard(c))));
  const inChat = (from: Person, verb: string, data: object) => bot.post(cardAction(verb, data as Record<string, unknown>, { serviceUrl, from }));
  const inChannel = (from: Person, verb: string, data: object) =>
    bot.post(channelCardAction(verb, data as Record<string, unknown>, { serviceUrl, from, channelId: CHANNEL, messageId: 'channel-card' }));
  const timeline = () => bot.trygg.store.incidents.timeline(incidentId);
  const stored = async () => (await bot.trygg.store.incidents.get(incidentId))!;

  /** Runs the scheduler once more and waits until the outbox has sent everything. */
  async function settled(): Promise<number> {
    const fired = await bot.trygg.scheduler.runOnce();
    await outboxDrained(bot);
    return fired;
  }

  /** Stops the bot and starts another process on the same database file. */
  async function restart(whileDown = () => {}): Promise<void> {
    await bot.stop();
    whileDown();
    bot = await startTrygg(env(), 'warn', clock);
  }

  async function fileReport(): Promise<void> {
    for (const p of [MEGAN, ADELE, PATTI, ISAIAH, LYNNE]) await bot.post(botInstalled({ serviceUrl, from: p }));
    await bot.post(channelMention('koppla kanal sodra', { serviceUrl, from: ALEX, channelId: CHANNEL }));
    await bot.post(personalMessage('rapportera', { serviceUrl }));
    const click = async (card: any, verb: string, inputs: object) =>
      invokeCard(await inChat(ALEX, verb, { ...action(card, verb).data, ...inputs }));
    const step1 = sentCard(posts(personal(ALEX)).at(-1)!);
    const receipt = await click(await click(await click(step1, 'report.next', STEP_WHAT), 'report.next', STEP_WHO), 'report.submit', STEP_DESCRIBE);
    caseNumber = /\d{4}-\d{4}/.exec(text(receipt))![0];
    const incident = (await bot.trygg.store.incidents.listByReporter(ALEX.aadObjectId, 1))[0];
    incidentId = incident.id;
    dueAt = Date.parse(incident.case.acknowledgeDueAt);
    assert.equal(new Date(dueAt).toISOString(), '2026-11-23T16:00:00.000Z', 'due at 17:00 Stockholm time');
    await waitFor(() => sentAbout(personal(MEGAN), /har rapporterat en händelse/)[0], "Megan's case card");
    await waitFor(() => sentAbout(CHANNEL, /Ny rapport/)[0], 'the channel card');
  }

  it('reminds Megan at the deadline, brings in Adele, then Patti and the channel — once each, across restarts — and stops when Adele acknowledges', async () => {
    now = dueAt - MINUTE;
    assert.equal(await settled(), 0, 'nothing is due before the deadline');
    assert.equal(sentAbout(personal(MEGAN), REMINDER).length, 0);

    now = dueAt + 1000;
    const reminder = sentCard(await waitFor(() => sentAbout(personal(MEGAN), REMINDER)[0], 'the reminder to Megan'));
    assert.ok(caseCommands(reminder).includes('acknowledge'), 'the reminder can be acted on');
    assert.deepEqual(
      (await timeline()).filter((e) => e.type === 'reminder-sent').map((e) => [e.actorId, e.toIds]),
      [['trygg', [MEGAN.aadObjectId]]],
    );

    await restart();
    assert.equal(await settled(), 0, 'the fired reminder is not fired again after a restart');
    assert.equal(sentAbout(personal(MEGAN), REMINDER).length, 1);

    const channelCardId = sentAbout(CHANNEL, /Ny rapport/)[0].responseId;
    const channelUpdatesBefore = connector.updates(channelCardId).length;
    now = dueAt + 30 * MINUTE + 1000;
    const toAdele = await waitFor(() => sentAbout(personal(ADELE), ESCALATED_TO_YOU)[0], 'the escalation to Adele');
    assert.match(text(sentCard(toAdele)), /hotade mig i receptionen/, 'the deputy gets the whole case');
    await settled();
    assert.equal(connector.updates(channelCardId).length, channelUpdatesBefore + 1, 'the channel card follows the escalation');
    assert.deepEqual(sentAbout(personal(PATTI), /./), [], 'not yet the second-line manager');

    // The process is down when the second escalation falls due: it fires when the next one starts.
    await restart(() => (now = dueAt + 60 * MINUTE + 1000));
    const toPatti = await waitFor(() => sentAbout(personal(PATTI), ESCALATED_TO_YOU)[0], 'the escalation to Patti');
    assert.ok(toPatti);
    const channelEscalation = sentCard(await waitFor(() => sentAbout(CHANNEL, /Eskalerat: ärendet har inte kvitterats i tid/)[0], 'the escalation in the channel'));
    assert.doesNotMatch(JSON.stringify(channelEscalation), /Alex|Wilber|hotade mig/, 'the channel escalation is redacted');
    await settled();

    // Each reminder and escalation reached its recipient exactly once.
    assert.equal(sentAbout(personal(MEGAN), REMINDER).length, 1);
    assert.equal(sentAbout(personal(ADELE), ESCALATED_TO_YOU).length, 1);
    assert.equal(sentAbout(personal(PATTI), ESCALATED_TO_YOU).length, 1);
    assert.equal(sentAbout(CHANNEL, /Eskalerat/).length, 1);
    assert.deepEqual(sentAbout(personal(LYNNE), /./), [], 'the safety representative is not part of it');
    const events = await timeline();
    assert.deepEqual(
      events.filter((e) => e.type === 'reminder-sent' || e.type === 'escalated').map((e) => [e.type, e.reminder, e.toIds]),
      [
        ['reminder-sent', 'acknowledge', [MEGAN.aadObjectId]],
        ['escalated', 'escalate-deputy', [ADELE.aadObjectId]],
        ['escalated', 'escalate-second-line', [PATTI.aadObjectId]],
      ],
    );
    const outbox = await bot.trygg.store.outbox.forIncident(incidentId);
    const sends = outbox.filter((n) => n.kind !== 'card-update');
    assert.ok(sends.every((n) => n.status === 'sent'), 'every notification was sent');
    assert.equal(events.filter((e) => e.type === 'notification-sent').length, sends.length, 'and sent once');

    // The coordinators may now act too; Adele acknowledges from her card as it is now (updated in place).
    const isaiahView = invokeCard(await inChannel(ISAIAH, 'case.view', { incidentId }));
    assert.ok(caseCommands(isaiahView).includes('acknowledge'), 'the coordinator may act after the escalation');
    const adeleCard = sentCard(connector.updates(toAdele.responseId).at(-1) ?? toAdele);
    const acknowledged = invokeCard(await inChat(ADELE, 'case.do', button(adeleCard, 'acknowledge').data));
    assert.match(text(acknowledged), /Kvitterat\. Medarbetaren ser det/);
    assert.equal((await stored()).case.acknowledged?.by, ADELE.aadObjectId);

    // No more reminders about the acknowledgement, however late it gets, restart or not.
    await settled();
    const callsBefore = connector.calls.filter((c) => c.method === 'POST').length;
    await restart(() => (now = dueAt + 3 * 24 * 60 * MINUTE));
    assert.equal(await settled(), 0);
    assert.equal(connector.calls.filter((c) => c.method === 'POST').length, callsBefore, 'nothing more was sent');
  });

  it('a reminder does not make the manager’s open card out of date', async () => {
    const original = sentCard(sentAbout(personal(MEGAN), /har rapporterat en händelse/)[0]);
    const policeForm = invokeCard(await inChat(MEGAN, 'case.form', button(original, 'police').data));
    now = dueAt + 1000;
    await waitFor(() => sentAbout(personal(MEGAN), REMINDER)[0], 'the reminder to Megan');

    // Megan saves the form she opened before the reminder: the reminder is no one's change to the case.
    const saved = invokeCard(await inChat(MEGAN, 'case.do', { ...action(policeForm, 'case.do').data, decision: 'employee-files' }));
    assert.match(text(saved), /Beslutet om polisanmälan är registrerat/, text(saved).slice(0, 300));
    // Her first card is out of date by her own decision now, which also acknowledged the case.
    const again = invokeCard(await inChat(MEGAN, 'case.do', button(original, 'acknowledge').data));
    assert.match(text(again), /Redan kvitterat av Megan Bowen kl\. 17:00\./);
    assert.deepEqual(
      (await timeline()).filter((e) => e.type.startsWith('case-') || e.type === 'reminder-sent').map((e) => [e.type, e.actorId]),
      [
        ['reminder-sent', 'trygg'],
        ['case-police', MEGAN.aadObjectId],
      ],
    );
    assert.equal((await stored()).case.acknowledged?.by, MEGAN.aadObjectId);
  });
});
