/**
 * Acknowledgement deadlines through the real pipeline, with the bot's clock under the test's
 * control: reports filed from the report card at chosen Swedish times get the deadline the
 * working-day calendar gives (midsommarafton, Kristi himmelsfärd), serious reports one hour later
 * whatever the day, and the reminders fire at the deadline — once, across a restart between the
 * timer's creation and its firing, and when two processes share the database.
 */
import { strict as assert } from 'node:assert';
import { stockholmInstant } from '../../src/domain/deadlines';
import { stockholmLocal } from '../../src/domain/local-time';
import type { Incident } from '../../src/domain/incident';
import { ADELE, ALEX, botInstalled, cardAction, channelMention, ISAIAH, LYNNE, MEGAN, PATTI, personalMessage, type Person } from '../helpers/activities';
import { action, caseCommands, fact, invokeCard, sentCard, text } from '../helpers/cards';
import { FakeConnector, type ConnectorCall } from '../helpers/fake-connector';
import { STEP_DESCRIBE, STEP_WHAT, STEP_WHO } from '../helpers/report-fixtures';
import { eventually as waitFor, outboxDrained, startTrygg, tempDbFile, type RunningTrygg } from '../helpers/trygg-instance';

const CHANNEL = '19:sodra-sakerhet@thread.tacv2';
const MINUTE = 60_000;
const REMINDER = /Påminnelse: ärendet är inte kvitterat/;
const ESCALATED_TO_YOU = /Ärendet har inte kvitterats i tid och har eskalerats till dig/;

/** The instant of a Swedish wall-clock time, e.g. `at('2026-06-12 15:50')`. */
const at = (local: string): number => stockholmInstant(local.slice(0, 10), local.slice(11)).getTime();

/** A filed report: its case and the case card Megan got. */
interface Filed {
  incident: Incident;
  caseNumber: string;
  dueAt: number;
  meganCard: any;
}

describe('bot: acknowledgement deadlines and reminders with a controlled clock', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  let serviceUrl: string;
  let dbFile: string;
  let now = 0;
  const clock = () => new Date(now);
  /** Every instance started by a test, stopped (once) after it. */
  let started: RunningTrygg[] = [];
  let bot: RunningTrygg;

  const env = () => ({
    TRYGG_SQLITE_PATH: dbFile,
    TRYGG_OUTBOX_POLL_MS: '50',
    // The scheduler fires on start and when the test runs it: nothing fires behind the test's back.
    TRYGG_SCHEDULER_POLL_MS: '3600000',
    TRYGG_ESCALATE_DEPUTY_MINUTES: '15',
    TRYGG_ESCALATE_SECOND_LINE_MINUTES: '30',
  });

  async function start(): Promise<RunningTrygg> {
    const instance = await startTrygg(env(), 'warn', clock);
    started.push(instance);
    return instance;
  }
  async function stop(instance: RunningTrygg): Promise<void> {
    started = started.filter((s) => s !== instance);
    await instance.stop();
    assert.deepEqual(instance.logs.filter((l) => l.includes('"level":"error"')), [], 'no turn failed');
  }

  beforeEach(async () => {
    now = at('2026-05-04 09:00');
    dbFile = tempDbFile();
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await start();
    for (const p of [MEGAN, ADELE, PATTI, ISAIAH, LYNNE]) await bot.post(botInstalled({ serviceUrl, from: p }));
    await bot.post(channelMention('koppla kanal sodra', { serviceUrl, from: ALEX, channelId: CHANNEL }));
  });
  afterEach(async () => {
    for (const s of [...started]) await stop(s);
    await connector.stop();
  });

  const personal = (p: Person) => `a:personal-${p.aadObjectId}`;
  const posts = (conversationId: string) => connector.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId);
  /** Cards sent to a conversation about a case (not updates), matching a pattern. */
  const sentAbout = (conversationId: string, caseNumber: string, pattern: RegExp): ConnectorCall[] =>
    posts(conversationId).filter((c) => c.activity.attachments && text(sentCard(c)).includes(caseNumber) && pattern.test(text(sentCard(c))));
  const inChat = (from: Person, verb: string, data: object) => bot.post(cardAction(verb, data as Record<string, unknown>, { serviceUrl, from }));
  const reminderEvents = async (instance: RunningTrygg, incidentId: string) =>
    (await instance.trygg.store.incidents.timeline(incidentId)).filter((e) => e.type === 'reminder-sent' || e.type === 'escalated');

  /** Runs the bot's scheduler once and waits until its outbox has sent everything. */
  async function settled(instance = bot): Promise<number> {
    const fired = await instance.trygg.scheduler.runOnce();
    await outboxDrained(instance);
    return fired;
  }

  /**
   * Alex files a report from the report card at a Swedish wall-clock time (the event half an hour
   * earlier the same day); waits for Megan's case card.
   */
  async function fileReport(local: string, who: Partial<typeof STEP_WHO> = {}): Promise<Filed> {
    now = at(local);
    const occurred = stockholmLocal(new Date(now - 30 * MINUTE));
    await bot.post(personalMessage('rapportera', { serviceUrl }));
    const click = async (card: any, verb: string, inputs: object) =>
      invokeCard(await inChat(ALEX, verb, { ...action(card, verb).data, ...inputs }));
    const step1 = sentCard(posts(personal(ALEX)).at(-1)!);
    const what = { ...STEP_WHAT, occurredDate: occurred.slice(0, 10), occurredTime: occurred.slice(11) };
    const step2 = await click(step1, 'report.next', what);
    const step3 = await click(step2, 'report.next', { ...STEP_WHO, ...who });
    const receipt = await click(step3, 'report.submit', STEP_DESCRIBE);
    const caseNumber = /\d{4}-\d{4}/.exec(text(receipt))?.[0];
    assert.ok(caseNumber, `a receipt with a case number: ${text(receipt).slice(0, 300)}`);
    const incident = (await bot.trygg.store.incidents.listByReporter(ALEX.aadObjectId, 1))[0];
    assert.equal(incident.caseNumber, caseNumber);
    assert.equal(incident.reportedAt, new Date(now).toISOString(), 'reported at the time the bot saw');
    const meganPost = await waitFor(() => sentAbout(personal(MEGAN), caseNumber, /har rapporterat en händelse/)[0], "Megan's case card");
    await outboxDrained(bot);
    return { incident, caseNumber, dueAt: Date.parse(incident.case.acknowledgeDueAt), meganCard: sentCard(meganPost) };
  }

  /** The deadline is stored and shown on Megan's case card as Swedish time. */
  function assertDue(filed: Filed, local: string): void {
    assert.equal(filed.incident.case.acknowledgeDueAt, new Date(at(local)).toISOString(), `${filed.caseNumber} due ${local}`);
    assert.equal(fact(filed.meganCard, 'Kvitterat'), `Inte kvitterat – senast ${local}`, "Megan's card shows the deadline");
  }

  it('after the 15:00 cut-off on a Friday, and around midsommarafton, the acknowledgement is due 17:00 the next working day', async () => {
    const fridayLate = await fileReport('2026-06-12 15:50');
    assertDue(fridayLate, '2026-06-15 17:00');

    // No reminder over the weekend or before 17:00 on Monday; at 17:00 exactly one.
    for (const local of ['2026-06-12 17:00', '2026-06-13 12:00', '2026-06-15 09:00', '2026-06-15 16:59']) {
      now = at(local);
      assert.equal(await settled(), 0, `nothing is due at ${local}`);
    }
    assert.deepEqual(sentAbout(personal(MEGAN), fridayLate.caseNumber, REMINDER), []);
    now = at('2026-06-15 17:00');
    assert.equal(await settled(), 1, 'the reminder at the deadline');
    assert.equal(sentAbout(personal(MEGAN), fridayLate.caseNumber, REMINDER).length, 1);

    // Midsommarafton is not a working day: both reports are due on Monday 22 June.
    const thursdayLate = await fileReport('2026-06-18 15:50');
    assertDue(thursdayLate, '2026-06-22 17:00');
    const midsommarafton = await fileReport('2026-06-19 10:00');
    assertDue(midsommarafton, '2026-06-22 17:00');
    const laterReminders = () => [thursdayLate, midsommarafton].map((f) => sentAbout(personal(MEGAN), f.caseNumber, REMINDER).length);
    for (const local of ['2026-06-19 17:00', '2026-06-20 17:00', '2026-06-22 16:59']) {
      now = at(local);
      await settled();
      assert.deepEqual(laterReminders(), [0, 0], `no reminder at ${local}`);
    }
    now = at('2026-06-22 17:00');
    assert.equal(await settled(), 2, 'both reminders at 17:00 on Monday');
    assert.deepEqual(laterReminders(), [1, 1]);
    assert.equal(sentAbout(personal(MEGAN), fridayLate.caseNumber, REMINDER).length, 1, 'the first case is not reminded again');
  });

  it('on a public holiday (Kristi himmelsfärd) the acknowledgement is due 17:00 the next working day; the reminder goes at 17:00, not before, once', async () => {
    const holiday = await fileReport('2026-05-14 09:00');
    assertDue(holiday, '2026-05-15 17:00');

    now = at('2026-05-14 17:00');
    assert.equal(await settled(), 0, 'not at 17:00 on the holiday itself');
    now = at('2026-05-15 16:59');
    assert.equal(await settled(), 0, 'not a minute before the deadline');
    assert.deepEqual(sentAbout(personal(MEGAN), holiday.caseNumber, REMINDER), []);

    now = at('2026-05-15 17:00');
    assert.equal(await settled(), 1, 'the reminder fires at the deadline');
    const reminder = sentCard(sentAbout(personal(MEGAN), holiday.caseNumber, REMINDER)[0]);
    assert.ok(caseCommands(reminder).includes('acknowledge'), 'the reminder can be acted on');
    now = at('2026-05-15 17:05');
    assert.equal(await settled(), 0, 'and does not fire again');
    assert.equal(sentAbout(personal(MEGAN), holiday.caseNumber, REMINDER).length, 1);
    assert.deepEqual(
      (await reminderEvents(bot, holiday.incident.id)).map((e) => [e.type, e.at, e.toIds]),
      [['reminder-sent', new Date(at('2026-05-15 17:00')).toISOString(), [MEGAN.aadObjectId]]],
    );
  });

  it('a serious report at 23:00 on a Saturday is due an hour later; reminder at midnight, then the deputy, the second line and the channel, weekend or not', async () => {
    const serious = await fileReport('2026-11-28 23:00', { weapon: 'yes' });
    assertDue(serious, '2026-11-29 00:00');
    const { caseNumber } = serious;

    now = at('2026-11-28 23:59');
    assert.equal(await settled(), 0, 'nothing before the hour has passed');
    now = at('2026-11-29 00:00');
    assert.equal(await settled(), 1, 'the reminder at midnight, on a Sunday');
    assert.equal(sentAbout(personal(MEGAN), caseNumber, REMINDER).length, 1);
    assert.deepEqual(sentAbout(personal(ADELE), caseNumber, /./), [], 'the deputy is not brought in yet');

    now = at('2026-11-29 00:14');
    assert.equal(await settled(), 0);
    now = at('2026-11-29 00:15');
    assert.equal(await settled(), 1, 'the deputy after TRYGG_ESCALATE_DEPUTY_MINUTES');
    const toAdele = sentCard(sentAbout(personal(ADELE), caseNumber, ESCALATED_TO_YOU)[0]);
    assert.match(text(toAdele), /hotade mig i receptionen/, 'the deputy gets the whole case');
    assert.deepEqual(sentAbout(personal(PATTI), caseNumber, ESCALATED_TO_YOU), [], 'not yet the second-line manager');

    now = at('2026-11-29 00:30');
    assert.equal(await settled(), 1, 'the second line after TRYGG_ESCALATE_SECOND_LINE_MINUTES');
    await waitFor(() => sentAbout(personal(PATTI), caseNumber, ESCALATED_TO_YOU)[0], 'the escalation to Patti');
    const channel = sentCard(await waitFor(() => sentAbout(CHANNEL, caseNumber, /Eskalerat: ärendet har inte kvitterats i tid/)[0], 'the escalation in the channel'));
    assert.doesNotMatch(JSON.stringify(channel), /Alex|Wilber|hotade mig/, 'the channel escalation is redacted');

    now = at('2026-11-29 00:45');
    assert.equal(await settled(), 0, 'the chain ends there');
    assert.equal(sentAbout(personal(MEGAN), caseNumber, REMINDER).length, 1);
    assert.equal(sentAbout(personal(ADELE), caseNumber, ESCALATED_TO_YOU).length, 1);
    assert.equal(sentAbout(personal(PATTI), caseNumber, ESCALATED_TO_YOU).length, 1);
    assert.deepEqual(
      (await reminderEvents(bot, serious.incident.id)).map((e) => [e.type, e.reminder, e.at, e.toIds]),
      [
        ['reminder-sent', 'acknowledge', new Date(at('2026-11-29 00:00')).toISOString(), [MEGAN.aadObjectId]],
        ['escalated', 'escalate-deputy', new Date(at('2026-11-29 00:15')).toISOString(), [ADELE.aadObjectId]],
        ['escalated', 'escalate-second-line', new Date(at('2026-11-29 00:30')).toISOString(), [PATTI.aadObjectId]],
      ],
    );
  });

  it('a restart between the timer’s creation and its firing: the next process sends the reminder, exactly once', async () => {
    const filed = await fileReport('2026-11-23 10:15');
    assertDue(filed, '2026-11-23 17:00');
    assert.ok(
      (await bot.trygg.store.timers.pending(filed.incident.id)).some((t) => t.kind === 'acknowledge' && t.dueAt === filed.incident.case.acknowledgeDueAt),
      'the timer is in the store',
    );

    // The process stops before the deadline and is down when it passes.
    await stop(bot);
    now = filed.dueAt + 10 * MINUTE;
    assert.deepEqual(sentAbout(personal(MEGAN), filed.caseNumber, REMINDER), []);

    // A new process on the same file fires the missed timer when its scheduler starts.
    bot = await start();
    await waitFor(() => sentAbout(personal(MEGAN), filed.caseNumber, REMINDER)[0], 'the reminder from the new process');
    assert.equal(await settled(), 0, 'nothing left to fire');
    // And again after one more restart: the fired timer stays fired.
    await stop(bot);
    bot = await start();
    assert.equal(await settled(), 0);
    assert.equal(sentAbout(personal(MEGAN), filed.caseNumber, REMINDER).length, 1, 'one reminder');
    assert.deepEqual(
      (await reminderEvents(bot, filed.incident.id)).map((e) => [e.type, e.at]),
      [['reminder-sent', new Date(filed.dueAt + 10 * MINUTE).toISOString()]],
    );
  });

  it('two processes on the same database, both past the deadline, running their schedulers at once: one reminder', async () => {
    const filed = await fileReport('2026-11-23 10:15');
    const other = await start();
    now = filed.dueAt + 1000;

    const fired = await Promise.all([bot.trygg.scheduler.runOnce(), other.trygg.scheduler.runOnce()]);
    assert.equal(fired[0] + fired[1], 1, `the timer was claimed by one process, got ${fired}`);
    // Both dispatchers poll the shared outbox; give them time to (not) send twice.
    await outboxDrained(bot);
    await outboxDrained(other);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await Promise.all([settled(bot), settled(other)]), [0, 0], 'nothing more to fire');

    const reminders = sentAbout(personal(MEGAN), filed.caseNumber, REMINDER);
    assert.equal(reminders.length, 1, 'Megan got the reminder once');
    const sent = (await bot.trygg.store.outbox.forIncident(filed.incident.id)).filter((n) => n.kind === 'reminder');
    assert.deepEqual(
      sent.map((n) => [n.id, n.status, n.activityId]),
      [[`${filed.incident.id}:t:acknowledge:1:${MEGAN.aadObjectId}`, 'sent', reminders[0].responseId]],
      'one reminder notification, delivered as that card',
    );
    const timeline = await bot.trygg.store.incidents.timeline(filed.incident.id);
    assert.equal(timeline.filter((e) => e.type === 'reminder-sent').length, 1, 'one reminder-sent event');
    assert.deepEqual(
      timeline.filter((e) => e.type === 'notification-sent' && e.at === sent[0].sentAt).map((e) => e.role),
      ['assignee'],
      'one notification-sent event for it',
    );
  });
});
