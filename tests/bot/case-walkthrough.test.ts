/**
 * A case from report to close through the real Bot Framework HTTP pipeline: Alex reports in
 * personal chat, Megan (manager) handles the case from her 1:1 card, Isaiah (coordinator) works
 * from the user-specific view of the redacted channel card, Lynne (safety representative) and
 * Patti (second-line manager) get nothing but the redacted card. Every change updates the channel
 * card and Megan's card in place, and lands in the timeline.
 */
import { strict as assert } from 'node:assert';
import { stockholmLocal } from '../../src/domain/local-time';
import { ALEX, botInstalled, cardAction, channelCardAction, channelMention, ISAIAH, LYNNE, MEGAN, PATTI, personalMessage, type Person } from '../helpers/activities';
import { action, caseButton as button, caseCommands as commands, cardVersions, elements, fact, input, invokeCard, invokeMessage, sentCard, text } from '../helpers/cards';
import { FakeConnector, type ConnectorCall } from '../helpers/fake-connector';
import { STEP_DESCRIBE, STEP_WHAT, STEP_WHO } from '../helpers/report-fixtures';
import { eventually as waitFor, outboxDrained, startTrygg, type RunningTrygg } from '../helpers/trygg-instance';

const CHANNEL = '19:sodra-sakerhet@thread.tacv2';
/** Monday 23 November 2026, 10:15 in Stockholm. */
const START = Date.parse('2026-11-23T09:15:00Z');

/** What was typed along the way: none of it may ever reach the channel or an unauthorised person. */
const SECRET = {
  description: STEP_DESCRIBE.description,
  policeReference: '5000-K123456-26',
  measure: 'Se över skalskyddet i receptionen',
  note: 'Larmknapp i receptionen testad, väktare bokad',
  threatReason: 'Hot om att söka upp medarbetaren hemma',
  feedback: 'Vi har polisanmält, du får avlastningssamtal och receptionen får larm.',
  reopenReason: 'Nytt hot i telefon',
};
const NAMES = [ALEX.name, 'Alex', 'Wilber', MEGAN.name, ISAIAH.name];

/** Asserts that a card carries nothing but the redacted facts. */
function assertRedacted(card: unknown, where: string): void {
  const json = JSON.stringify(card);
  for (const secret of [...Object.values(SECRET), ...NAMES]) {
    assert.ok(!json.includes(secret), `${where}: "${secret}" leaked in ${json.slice(0, 400)}`);
  }
}

describe('bot: a case from report to close, as manager, coordinator and reporter', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningTrygg;
  let skew = 0;
  let realStart = 0;
  const clock = () => new Date(START + skew + (Date.now() - realStart));
  /** Moves the bot's time on, so that each step has a time of its own. */
  const later = (minutes: number) => (skew += minutes * 60_000);
  const today = () => stockholmLocal(clock()).slice(0, 10);

  let failed = false;
  let incidentId = '';
  let caseNumber = '';
  /** Megan's 1:1 case card and the channel card: activity ids and the latest card of each. */
  let meganCardId = '';
  let channelCardId = '';
  /** The card Megan has in front of her (the last invoke response), and Isaiah's. */
  let megan: any;
  let isaiah: any;
  /** Full views (case.view answered with the whole case) by person, to match details-viewed events. */
  const fullViews: string[] = [];

  before(async () => {
    realStart = Date.now();
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startTrygg({ TRYGG_OUTBOX_POLL_MS: '50' }, 'warn', clock);
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
  });
  beforeEach(() => {
    // Later steps build on earlier ones: after a failed step they fail too, rather than being skipped.
    if (failed) throw new Error('an earlier step of this walk-through failed');
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  const personal = (p: Person) => `a:personal-${p.aadObjectId}`;
  const posts = (conversationId: string) => connector.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId);

  /** An invoke from a card in the person's 1:1 chat with the bot. */
  const inChat = (from: Person, verb: string, data: object) => bot.post(cardAction(verb, data as Record<string, unknown>, { serviceUrl, from }));

  /** An invoke from the channel card (a refresh, or a button of the user-specific view), as Teams sends it. */
  const inChannel = (from: Person, verb: string, data: object) =>
    bot.post(channelCardAction(verb, data as Record<string, unknown>, { serviceUrl, from, channelId: CHANNEL, messageId: channelCardId }));

  const settled = () => outboxDrained(bot);

  const stored = async () => (await bot.trygg.store.incidents.get(incidentId))!;
  const caseEvents = async () => (await bot.trygg.store.incidents.timeline(incidentId)).filter((e) => e.type.startsWith('case-'));

  /**
   * After a change: exactly one more in-place update of the channel card and of Megan's card,
   * showing the new status; the channel card still redacted, with the same viewers.
   */
  async function cardsFollow(status: string, before: { channel: number; megan: number }): Promise<{ channel: any; megan: any }> {
    await settled();
    const channelUpdates = connector.updates(channelCardId);
    const meganUpdates = connector.updates(meganCardId);
    assert.equal(channelUpdates.length, before.channel + 1, 'one update of the channel card');
    assert.equal(meganUpdates.length, before.megan + 1, "one update of Megan's card");
    const channel = sentCard(channelUpdates.at(-1)!);
    const mine = sentCard(meganUpdates.at(-1)!);
    assert.equal(channelUpdates.at(-1)!.conversationId, CHANNEL);
    assert.equal(meganUpdates.at(-1)!.conversationId, personal(MEGAN));
    assert.equal(channelUpdates.at(-1)!.activity.id, channelCardId, 'the update names the card it replaces');
    assert.equal(fact(channel, 'Status'), status, 'the channel card shows the new status');
    assert.equal(fact(mine, 'Status'), status, "Megan's card shows the new status");
    assert.match(text(channel), new RegExp(`Ny rapport ${caseNumber}`));
    assertRedacted(channel, 'channel card update');
    assert.deepEqual(channel.refresh.userIds, [`29:${ISAIAH.aadObjectId}`, `29:${MEGAN.aadObjectId}`]);
    const version = (await stored()).version;
    assert.ok(commands(mine).length > 0);
    assert.deepEqual(cardVersions(mine), [version], "Megan's updated card acts on the current version");
    return { channel, megan: mine };
  }
  const counts = () => ({ channel: connector.updates(channelCardId).length, megan: connector.updates(meganCardId).length });

  /** Megan opens a form from her card and saves it with these inputs; returns the card she gets back. */
  async function meganSaves(command: string, inputs: Record<string, string>): Promise<any> {
    later(3);
    const form = invokeCard(await inChat(MEGAN, 'case.form', button(megan, command).data));
    const save = action(form, 'case.do');
    assert.equal(save.data.command, command);
    const card = invokeCard(await inChat(MEGAN, 'case.do', { ...save.data, ...inputs }));
    assert.doesNotMatch(text(card), /Något behöver rättas/, `${command} saved without errors: ${text(card).slice(0, 300)}`);
    return card;
  }

  it('Alex reports; Megan gets the case card 1:1, the coordinator channel a redacted card', async () => {
    for (const p of [MEGAN, ISAIAH, LYNNE, PATTI]) assert.equal((await bot.post(botInstalled({ serviceUrl, from: p }))).status, 200);
    assert.equal((await bot.post(channelMention('koppla kanal sodra', { serviceUrl, from: ALEX, channelId: CHANNEL }))).status, 200);

    await bot.post(personalMessage('rapportera', { serviceUrl }));
    const step1 = sentCard(posts(personal(ALEX)).at(-1)!);
    const click = async (card: any, verb: string, inputs: object) =>
      invokeCard(await inChat(ALEX, verb, { ...action(card, verb).data, ...inputs }));
    const receipt = await click(await click(await click(step1, 'report.next', STEP_WHAT), 'report.next', STEP_WHO), 'report.submit', STEP_DESCRIBE);
    caseNumber = /\d{4}-\d{4}/.exec(text(receipt))![0];
    incidentId = (await bot.trygg.store.incidents.listByReporter(ALEX.aadObjectId, 5))[0].id;

    const meganPost = await waitFor(() => posts(personal(MEGAN)).find((c) => text(sentCard(c)).includes(`Ärende ${caseNumber}`)), "Megan's case card");
    const channelPost = await waitFor(() => posts(CHANNEL).find((c) => text(c.activity.attachments?.[0]?.content ?? {}).includes(`Ny rapport ${caseNumber}`)), 'the channel card');
    meganCardId = meganPost.responseId;
    channelCardId = channelPost.responseId;
    megan = sentCard(meganPost);
    assert.match(text(megan), /Alex Wilber har rapporterat en händelse/);
    assert.match(text(megan), /hotade mig i receptionen/);
    assert.equal(fact(megan, 'Status'), 'Mottagen');
    assert.match(text(megan), /Innan ärendet kan avslutas: beslut om polisanmälan, arbetsskadeanmälan, återkoppling till medarbetaren/);
    assert.deepEqual(commands(megan), ['acknowledge', 'contact', 'support', 'police', 'authority', 'measure-add', 'feedback', 'forward', 'close']);

    const channel = sentCard(channelPost);
    assertRedacted(channel, 'channel card');
    assert.equal(fact(channel, 'Status'), 'Mottagen');
    assert.deepEqual(channel.refresh.userIds, [`29:${ISAIAH.aadObjectId}`, `29:${MEGAN.aadObjectId}`], 'the coordinator and the manager get the view');
    assert.equal(channel.refresh.action.verb, 'case.view');
    assert.deepEqual(Object.keys(channel.refresh.action.data), ['incidentId'], 'card data carries only the id');
    await settled();
    for (const p of [LYNNE, PATTI]) assert.ok(!posts(personal(p)).some((c) => JSON.stringify(c.activity).includes(caseNumber)), `nothing to ${p.name}`);
  });

  it('Megan cannot close too early: she is told what is missing and nothing changes', async () => {
    const before = await stored();
    const card = invokeCard(await inChat(MEGAN, 'case.do', button(megan, 'close').data));
    assert.match(text(card), /Ärendet kan inte avslutas ännu\. Det saknas: beslut om polisanmälan, arbetsskadeanmälan, återkoppling till medarbetaren\./);
    assert.equal(fact(card, 'Status'), 'Mottagen');
    assert.equal((await stored()).version, before.version, 'no new version');
    assert.deepEqual(await caseEvents(), []);
    await settled();
    assert.deepEqual(counts(), { channel: 0, megan: 0 }, 'no card was updated');
  });

  it('Kvittera: the card shows the acknowledgement; the timeline has case-acknowledge; both cards follow', async () => {
    const before = counts();
    later(5);
    megan = invokeCard(await inChat(MEGAN, 'case.do', button(megan, 'acknowledge').data));
    assert.match(text(megan), /Kvitterat\. Medarbetaren ser det under Mina rapporter\./);
    assert.equal(fact(megan, 'Status'), 'Kvitterad av chef');
    assert.equal(fact(megan, 'Kvitterat'), 'Megan Bowen, 2026-11-23 10:20');
    assert.ok(!commands(megan).includes('acknowledge'), 'no second acknowledgement offered');
    assert.deepEqual((await caseEvents()).map((e) => [e.type, e.actorId]), [['case-acknowledge', MEGAN.aadObjectId]]);
    await cardsFollow('Kvitterad av chef', before);
  });

  it('Kontakt tagen and Stöd are saved from their forms; Tillbaka shows the case again', async () => {
    const opened = invokeCard(await inChat(MEGAN, 'case.form', button(megan, 'contact').data));
    assert.equal(input(opened, 'date').label, 'Datum för kontakten');
    const back = invokeCard(await inChat(MEGAN, 'case.view', elements(opened).find((e) => e.verb === 'case.view').data));
    fullViews.push(MEGAN.aadObjectId);
    assert.equal(fact(back, 'Status'), 'Kvitterad av chef');

    let before = counts();
    megan = await meganSaves('contact', { date: today() });
    assert.match(text(megan), /Kontakten är registrerad/);
    assert.equal(fact(megan, 'Status'), 'Pågår');
    assert.match(fact(megan, 'Kontakt tagen')!, /^2026-11-23 · Megan Bowen/);
    await cardsFollow('Pågår', before);

    before = counts();
    megan = await meganSaves('support', { offers: 'same-day-talk,debriefing', response: 'accepted', followUpDate: '2026-11-30' });
    assert.equal(fact(megan, 'Stöd'), 'Samtal samma dag, Avlastningssamtal · Tackat ja · uppföljning 2026-11-30');
    await cardsFollow('Pågår', before);
  });

  it('Polisanmälan: errors are shown in the form with what was typed kept, nothing stored; then saved', async () => {
    later(3);
    const version = (await stored()).version;
    const form = invokeCard(await inChat(MEGAN, 'case.form', button(megan, 'police').data));
    const typed = 'Klienten 811218-9876 ville inte';
    const wrong = invokeCard(await inChat(MEGAN, 'case.do', { ...action(form, 'case.do').data, decision: '', reason: typed, reference: SECRET.policeReference }));
    assert.match(text(wrong), /Något behöver rättas/);
    assert.match(text(wrong), /Fyll i det här/, 'the decision is required');
    assert.match(text(wrong), /verkar innehålla ett personnummer/);
    assert.equal(input(wrong, 'reason').value, typed, 'the typed reason is kept to be edited');
    assert.equal(input(wrong, 'reference').value, SECRET.policeReference);
    assert.equal((await stored()).version, version, 'nothing stored');
    assert.ok(!(await caseEvents()).some((e) => e.type === 'case-police'));

    const before = counts();
    const police = { decision: 'employee-files', reason: '', filedBy: 'employee', filedDate: today(), reference: SECRET.policeReference, protectedRequested: 'true' };
    megan = invokeCard(await inChat(MEGAN, 'case.do', { ...action(wrong, 'case.do').data, ...police }));
    assert.match(text(megan), /Beslutet om polisanmälan är registrerat/);
    assert.equal(fact(megan, 'Polisanmälan'), `Medarbetaren anmäler, med stöd · Medarbetaren · 2026-11-23 · dnr ${SECRET.policeReference} · skyddade personuppgifter begärt`);
    assert.match(text(megan), /Innan ärendet kan avslutas: arbetsskadeanmälan, återkoppling till medarbetaren/);
    await cardsFollow('Pågår', before);
  });

  it('Myndigheter and Ny åtgärd (owner chosen from the list) are saved', async () => {
    let before = counts();
    megan = await meganSaves('authority', { injuryReportDate: today(), safetyRepInformed: 'true', copyToEmployee: 'true' });
    assert.equal(fact(megan, 'Arbetsskadeanmälan'), '2026-11-23 · skyddsombud informerat: ja · kopia till medarbetaren: ja');
    assert.match(text(megan), /Innan ärendet kan avslutas: återkoppling till medarbetaren/);
    await cardsFollow('Pågår', before);

    before = counts();
    const form = invokeCard(await inChat(MEGAN, 'case.form', button(megan, 'measure-add').data));
    const owner = (input(form, 'ownerId').choices as Array<{ title: string; value: string }>).find((o) => o.title === 'Isaiah Langer');
    assert.ok(owner, 'the coordinator can own a measure');
    const measure = { measureKind: 'security-planning', text: SECRET.measure, ownerId: owner.value, dueDate: '2026-12-15' };
    megan = invokeCard(await inChat(MEGAN, 'case.do', { ...action(form, 'case.do').data, ...measure }));
    assert.match(text(megan), /Åtgärden är tillagd/);
    assert.equal(fact(megan, 'Åtgärd'), `Säkerhetsplanering: ${SECRET.measure} · Isaiah Langer · 2026-12-15 · Planerad`);
    assert.ok(commands(megan).includes('measure-status'), 'the measure can now be followed up');
    await cardsFollow('Pågår', before);
  });

  it('Isaiah sees the whole case in the channel, adds a security note and sets hög hotbild', async () => {
    isaiah = invokeCard(await inChannel(ISAIAH, 'case.view', { incidentId }));
    fullViews.push(ISAIAH.aadObjectId);
    assert.match(text(isaiah), /Hela rapporten – visas bara för dig/);
    assert.match(text(isaiah), /hotade mig i receptionen/);
    assert.deepEqual(commands(isaiah), ['security-note', 'high-threat', 'reassign'], "the coordinator's own actions only");

    let before = counts();
    later(2);
    const noteForm = invokeCard(await inChannel(ISAIAH, 'case.form', button(isaiah, 'security-note').data));
    isaiah = invokeCard(await inChannel(ISAIAH, 'case.do', { ...action(noteForm, 'case.do').data, text: SECRET.note }));
    assert.match(text(isaiah), /Anteckningen är sparad/);
    assert.equal(fact(isaiah, 'Säkerhetsanteckning'), `${SECRET.note} (Isaiah Langer, 2026-11-23 10:34)`);
    const afterNote = await cardsFollow('Pågår', before);
    assert.doesNotMatch(text(afterNote.channel), /Hög hotbild/, 'no flag yet');
    assert.match(text(afterNote.megan), new RegExp(SECRET.note), 'the handling manager sees the note');

    before = counts();
    later(2);
    const threatForm = invokeCard(await inChannel(ISAIAH, 'case.form', button(isaiah, 'high-threat').data));
    isaiah = invokeCard(await inChannel(ISAIAH, 'case.do', { ...action(threatForm, 'case.do').data, on: 'true', reason: SECRET.threatReason }));
    assert.match(text(isaiah), /Hotbilden är uppdaterad/);
    assert.match(text(isaiah), /Hög hotbild – särskild rutin gäller/);
    const afterThreat = await cardsFollow('Pågår', before);
    assert.match(text(afterThreat.channel), /Hög hotbild/, 'the channel card flags the high threat level');
    assert.match(text(afterThreat.megan), /Hög hotbild – särskild rutin gäller/);
    assertRedacted(afterThreat.channel, 'channel card with hög hotbild');

    // The Back button of a form is a view too.
    const back = invokeCard(await inChannel(ISAIAH, 'case.view', elements(threatForm).find((e) => e.verb === 'case.view').data));
    fullViews.push(ISAIAH.aadObjectId);
    assert.match(text(back), /Hög hotbild – särskild rutin gäller/);
  });

  it('Lynne and Patti are politely refused and see only the redacted card, in the channel and in chat', async () => {
    const current = await stored();
    const before = counts();
    const data = (command: string) => ({ incidentId, version: current.version, command, form: command });
    for (const p of [LYNNE, PATTI]) {
      for (const post of [inChannel, inChat]) {
        const view = invokeCard(await post(p, 'case.view', { incidentId }));
        assertRedacted(view, `${p.name}'s view`);
        assert.match(text(view), new RegExp(`Ny rapport ${caseNumber}`));
        assert.equal(fact(view, 'Status'), 'Pågår');
        assert.equal(view.refresh, undefined, 'no refresh to pass on');
        for (const command of ['police', 'security-note', 'feedback']) {
          const res = await post(p, 'case.form', data(command));
          assert.match(invokeMessage(res), /Du har inte behörighet att göra det här i ärendet/);
          assertRedacted(res.body, `${p.name}'s refusal`);
        }
        for (const [command, inputs] of [['acknowledge', {}], ['close', {}], ['high-threat', { on: 'false' }], ['feedback', { text: 'x' }]] as const) {
          const res = await post(p, 'case.do', { ...data(command), ...inputs });
          assert.match(invokeMessage(res), /Du har inte behörighet/);
        }
      }
    }
    // The reporter follows her case in "mina rapporter", but does not handle it.
    assert.match(invokeMessage(await inChat(ALEX, 'case.do', data('close'))), /Du har inte behörighet/);
    assert.equal((await stored()).version, current.version, 'nothing changed');
    await settled();
    assert.deepEqual(counts(), before, 'no card was updated');
    for (const p of [LYNNE, PATTI]) {
      assert.ok(!connector.calls.some((c) => c.conversationId === personal(p) && JSON.stringify(c.activity).includes(caseNumber)), `nothing sent to ${p.name}`);
    }
    for (const call of connector.calls.filter((c: ConnectorCall) => c.conversationId === CHANNEL)) assertRedacted(call.activity, `channel ${call.method}`);
  });

  it('Återkoppling: Alex gets the feedback 1:1, and "mina rapporter" shows it with the status', async () => {
    const before = counts();
    const alexBefore = posts(personal(ALEX)).length;
    megan = await meganSaves('feedback', { text: SECRET.feedback });
    assert.match(text(megan), /Återkopplingen är sparad och skickad till medarbetaren/);
    assert.doesNotMatch(text(megan), /Innan ärendet kan avslutas/, 'nothing is missing any more');
    await cardsFollow('Pågår', before);

    const news = posts(personal(ALEX)).slice(alexBefore).map(sentCard);
    assert.equal(news.length, 1, 'one message to Alex');
    assert.match(text(news[0]), new RegExp(`Återkoppling på ditt ärende ${caseNumber}`));
    assert.match(text(news[0]), new RegExp(SECRET.feedback));
    const shownIn = elements(news[0]).filter((e) => e.text === SECRET.feedback).map((e) => e.type);
    assert.deepEqual(shownIn, ['TextRun'], 'the manager’s text is shown as typed, without markdown');
    assert.doesNotMatch(JSON.stringify(news[0]), new RegExp(SECRET.note), 'security notes are not for the reporter');

    await bot.post(personalMessage('mina rapporter', { serviceUrl }));
    const mine = sentCard(posts(personal(ALEX)).at(-1)!);
    assert.match(text(mine), new RegExp(`${caseNumber} · Pågår`));
    assert.match(text(mine), new RegExp(SECRET.feedback));
  });

  it('Avsluta closes the case, Alex is told; further actions are refused; Öppna igen reopens it', async () => {
    let before = counts();
    const alexBefore = posts(personal(ALEX)).length;
    later(4);
    megan = invokeCard(await inChat(MEGAN, 'case.do', button(megan, 'close').data));
    assert.match(text(megan), /Ärendet är avslutat\. Medarbetaren har fått besked\./);
    assert.equal(fact(megan, 'Status'), 'Avslutad');
    assert.deepEqual(commands(megan), ['reopen'], 'a closed case can only be reopened');
    await cardsFollow('Avslutad', before);
    const closedNews = posts(personal(ALEX)).slice(alexBefore).map(sentCard);
    assert.equal(closedNews.length, 1);
    assert.match(text(closedNews[0]), new RegExp(`Ditt ärende ${caseNumber} är avslutat`));
    assert.equal(fact(closedNews[0], 'Status'), 'Avslutad');

    const version = (await stored()).version;
    const closedForm = invokeCard(await inChat(MEGAN, 'case.form', { incidentId, version, form: 'contact', command: 'contact' }));
    assert.match(text(closedForm), /Ärendet är avslutat och kan inte ändras/);
    const closedDo = invokeCard(await inChat(MEGAN, 'case.do', { incidentId, version, command: 'feedback', text: 'Ett tillägg' }));
    assert.match(text(closedDo), /Ärendet är avslutat och kan inte ändras/);
    assert.equal(fact(closedDo, 'Återkoppling')!.startsWith(SECRET.feedback), true, 'the feedback is unchanged');
    const closedNote = invokeCard(await inChannel(ISAIAH, 'case.do', { incidentId, version, command: 'security-note', text: 'Efteråt' }));
    assert.match(text(closedNote), /Ärendet är avslutat och kan inte ändras/);
    assert.equal((await stored()).version, version, 'nothing changed');

    before = counts();
    megan = await meganSaves('reopen', { reason: SECRET.reopenReason });
    assert.match(text(megan), /Ärendet är öppnat igen/);
    assert.equal(fact(megan, 'Status'), 'Pågår');
    assert.ok(commands(megan).includes('close'));
    await cardsFollow('Pågår', before);
  });

  it('the timeline holds every action in order, by the right person, and every full view', async () => {
    const timeline = await bot.trygg.store.incidents.timeline(incidentId);
    const [M, I] = [MEGAN.aadObjectId, ISAIAH.aadObjectId];
    assert.deepEqual(timeline.filter((e) => e.type.startsWith('case-')).map((e) => `${e.type} ${e.actorId}`), [
      ...['acknowledge', 'contact', 'support', 'police', 'authority', 'measure-add'].map((c) => `case-${c} ${M}`),
      ...['security-note', 'high-threat'].map((c) => `case-${c} ${I}`),
      ...['feedback', 'close', 'reopen'].map((c) => `case-${c} ${M}`),
    ]);
    const versions = timeline.filter((e) => e.type.startsWith('case-')).map((e) => e.version);
    assert.deepEqual(versions, versions.map((_, i) => versions[0]! + i), 'one version per action');
    assert.deepEqual(timeline.filter((e) => e.type === 'details-viewed').map((e) => e.actorId), fullViews, 'each full view is logged, no other');
    assert.equal(timeline[0].type, 'reported');
    assert.equal(timeline[0].actorId, ALEX.aadObjectId);
    const sent = timeline.filter((e) => e.type === 'notification-sent').map((e) => e.role);
    assert.deepEqual([...sent].sort(), ['manager', 'reporter', 'reporter', 'security-coordinator'], 'the report (2) and the news to Alex (2)');
    assert.deepEqual(bot.logs.filter((l) => l.includes('"level":"error"')), [], 'no turn failed');
  });
});
