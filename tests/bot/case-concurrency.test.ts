/**
 * Two people acting on the same case at once, through the real HTTP pipeline: exactly one action
 * is applied, the other person is told who changed the case and when, and gets the case as it is
 * now — never a silent overwrite. A card that is out of date is treated the same way.
 */
import { strict as assert } from 'node:assert';
import { stockholmLocal } from '../../src/domain/local-time';
import { VersionConflictError } from '../../src/store/ports';
import { localTime } from '../../src/teams/local-time-format';
import { ALEX, botInstalled, cardAction, channelCardAction, channelMention, ISAIAH, MEGAN, PATTI, personalMessage, type Person } from '../helpers/activities';
import { action, caseButton as button, cardVersions as versionsOf, elements, input, invokeCard, invokeMessage, sentCard, text } from '../helpers/cards';
import { FakeConnector } from '../helpers/fake-connector';
import { STEP_DESCRIBE, STEP_WHAT, STEP_WHO } from '../helpers/report-fixtures';
import { eventually as waitFor, outboxDrained, startTrygg, type RunningTrygg } from '../helpers/trygg-instance';

const CHANNEL = '19:sodra-sakerhet@thread.tacv2';
/** Monday 23 November 2026, 10:15 in Stockholm. */
const START = Date.parse('2026-11-23T09:15:00Z');

describe('bot: conflicting and out-of-date case actions', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningTrygg;
  let realStart = 0;
  let skew = 0;
  const clock = () => new Date(START + skew + (Date.now() - realStart));
  let incidentId = '';
  let channelCardId = '';
  let meganCardId = '';
  let megan: any;

  beforeEach(async () => {
    realStart = Date.now();
    skew = 0;
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startTrygg({ TRYGG_OUTBOX_POLL_MS: '50' }, 'warn', clock);
    await fileReport();
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
    assert.deepEqual(bot.logs.filter((l) => l.includes('"level":"error"')), [], 'no turn failed');
  });

  const posts = (conversationId: string) => connector.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId);
  const inChat = (from: Person, verb: string, data: object) => bot.post(cardAction(verb, data as Record<string, unknown>, { serviceUrl, from }));
  const inChannel = (from: Person, verb: string, data: object) =>
    bot.post(channelCardAction(verb, data as Record<string, unknown>, { serviceUrl, from, channelId: CHANNEL, messageId: channelCardId }));
  const stored = async () => (await bot.trygg.store.incidents.get(incidentId))!;
  const caseEvents = async () => (await bot.trygg.store.incidents.timeline(incidentId)).filter((e) => e.type.startsWith('case-'));

  /** Megan, Isaiah and a linked channel; Alex reports; Megan's card and the channel card arrive. */
  async function fileReport(): Promise<void> {
    for (const p of [MEGAN, ISAIAH]) await bot.post(botInstalled({ serviceUrl, from: p }));
    await bot.post(channelMention('koppla kanal sodra', { serviceUrl, from: ALEX, channelId: CHANNEL }));
    await bot.post(personalMessage('rapportera', { serviceUrl }));
    const click = async (card: any, verb: string, inputs: object) =>
      invokeCard(await inChat(ALEX, verb, { ...action(card, verb).data, ...inputs }));
    const step1 = sentCard(posts(`a:personal-${ALEX.aadObjectId}`).at(-1)!);
    const receipt = await click(await click(await click(step1, 'report.next', STEP_WHAT), 'report.next', STEP_WHO), 'report.submit', STEP_DESCRIBE);
    const caseNumber = /\d{4}-\d{4}/.exec(text(receipt))![0];
    incidentId = (await bot.trygg.store.incidents.listByReporter(ALEX.aadObjectId, 1))[0].id;
    const mine = await waitFor(() => posts(`a:personal-${MEGAN.aadObjectId}`).find((c) => text(sentCard(c)).includes(`Ärende ${caseNumber}`)), "Megan's card");
    const channel = await waitFor(() => posts(CHANNEL).find((c) => JSON.stringify(c.activity).includes(`Ny rapport ${caseNumber}`)), 'the channel card');
    megan = sentCard(mine);
    meganCardId = mine.responseId;
    channelCardId = channel.responseId;
  }

  /** Isaiah hands the case to the coordinators, so that both he and Megan may act on it. */
  async function reassignToCoordinators(): Promise<any> {
    const view = invokeCard(await inChannel(ISAIAH, 'case.view', { incidentId }));
    const form = invokeCard(await inChannel(ISAIAH, 'case.form', button(view, 'reassign').data));
    assert.ok(input(form, 'toId').choices.some((c: any) => c.value === 'coordinators'));
    skew += 60_000;
    const card = invokeCard(await inChannel(ISAIAH, 'case.do', { ...action(form, 'case.do').data, toId: 'coordinators' }));
    assert.match(text(card), /Ärendet är omfördelat/);
    assert.ok(elements(card).some((e) => e.data?.command === 'acknowledge'), 'the coordinator may now act as the manager');
    return card;
  }

  /**
   * Makes the next two reads of the case wait for each other, so that both actions read the same
   * version and decide on it before either writes: the store's version check has to pick the winner.
   * Returns how many writes the store refused as conflicting.
   */
  async function simultaneousReads(): Promise<{ conflicts: () => number }> {
    await outboxDrained(bot);
    const incidents = bot.trygg.store.incidents;
    const read = incidents.get.bind(incidents);
    const change = incidents.change.bind(incidents);
    const parked: Array<() => void> = [];
    let conflicts = 0;
    incidents.get = async (id: string) => {
      const found = await read(id);
      if (id === incidentId && parked.length < 2) {
        await new Promise<void>((resolve) => {
          parked.push(resolve);
          if (parked.length === 2) parked.forEach((go) => go());
        });
      }
      return found;
    };
    incidents.change = async (c) => {
      try {
        return await change(c);
      } catch (err) {
        if (err instanceof VersionConflictError) conflicts++;
        throw err;
      }
    };
    return { conflicts: () => conflicts };
  }

  /** The notice at the top of a card. */
  const noticeOf = (card: any) => elements(card).find((e) => e.type === 'Container' && e.style === 'warning')?.items?.[0]?.text as string | undefined;

  it('both acknowledge at once: one acknowledgement; the other is told who was first and when', async () => {
    const isaiah = await reassignToCoordinators();
    skew += 60_000;
    const { version } = await stored();
    // Megan's 1:1 card is behind: take its buttons from the card as it is now.
    const meganAck = { ...button(megan, 'acknowledge').data, version };
    const race = await simultaneousReads();
    const [fromMegan, fromIsaiah] = await Promise.all([
      inChat(MEGAN, 'case.do', meganAck),
      inChannel(ISAIAH, 'case.do', button(isaiah, 'acknowledge').data),
    ]);
    const cards = { [MEGAN.aadObjectId]: invokeCard(fromMegan), [ISAIAH.aadObjectId]: invokeCard(fromIsaiah) };

    const acks = (await caseEvents()).filter((e) => e.type === 'case-acknowledge');
    assert.equal(acks.length, 1, 'exactly one acknowledgement applied');
    assert.equal(race.conflicts(), 1, 'both decided on the same version; the store refused the second write');
    const winner = acks[0].actorId;
    const loser = winner === MEGAN.aadObjectId ? ISAIAH.aadObjectId : MEGAN.aadObjectId;
    const winnerName = winner === MEGAN.aadObjectId ? MEGAN.name : ISAIAH.name;
    assert.match(text(cards[winner]), /Kvitterat\. Medarbetaren ser det/);
    assert.equal(noticeOf(cards[loser]), `Redan kvitterat av ${winnerName} kl. ${localTime(acks[0].at).slice(-5)}.`);
    const now = await stored();
    assert.equal(now.version, version + 1);
    assert.equal(now.case.acknowledged?.by, winner);
    assert.deepEqual(versionsOf(cards[loser]), [now.version], "the loser's card is fresh");
    assert.ok(!elements(cards[loser]).some((e) => e.data?.command === 'acknowledge'), 'nothing left to acknowledge');
  });

  it('both record a police decision at once: one is applied; the other gets the form back with the notice and what they typed', async () => {
    const isaiah = await reassignToCoordinators();
    skew += 60_000;
    const { version } = await stored();
    const [meganForm, isaiahForm] = await Promise.all([
      inChat(MEGAN, 'case.form', { ...button(megan, 'police').data, version }).then(invokeCard),
      inChannel(ISAIAH, 'case.form', button(isaiah, 'police').data).then(invokeCard),
    ]);
    const typed = {
      [MEGAN.aadObjectId]: { decision: 'employee-files', filedBy: 'employee', reference: '5000-K111111-26' },
      [ISAIAH.aadObjectId]: { decision: 'not-filed', reason: 'Medarbetaren vill inte anmäla' },
    };
    const race = await simultaneousReads();
    const [fromMegan, fromIsaiah] = await Promise.all([
      inChat(MEGAN, 'case.do', { ...action(meganForm, 'case.do').data, ...typed[MEGAN.aadObjectId] }),
      inChannel(ISAIAH, 'case.do', { ...action(isaiahForm, 'case.do').data, ...typed[ISAIAH.aadObjectId] }),
    ]);
    const cards = { [MEGAN.aadObjectId]: invokeCard(fromMegan), [ISAIAH.aadObjectId]: invokeCard(fromIsaiah) };

    const decisions = (await caseEvents()).filter((e) => e.type === 'case-police');
    assert.equal(decisions.length, 1, 'exactly one decision applied');
    assert.equal(race.conflicts(), 1, 'both decided on the same version; the store refused the second write');
    const winner = decisions[0].actorId;
    const loser = winner === MEGAN.aadObjectId ? ISAIAH.aadObjectId : MEGAN.aadObjectId;
    const winnerName = winner === MEGAN.aadObjectId ? MEGAN.name : ISAIAH.name;
    const now = await stored();
    assert.equal(now.case.police?.decision, typed[winner].decision, "the winner's decision is stored, not overwritten");
    assert.equal(now.version, version + 1);
    assert.match(text(cards[winner]), /Beslutet om polisanmälan är registrerat/);

    const back = cards[loser];
    assert.equal(
      noticeOf(back),
      `${winnerName} ändrade ärendet kl. ${localTime(decisions[0].at).slice(-5)}. Här är det aktuella läget – kontrollera och spara igen om det behövs.`,
    );
    assert.equal(back.body[0].text, 'Polisanmälan', 'the loser is back in the form');
    for (const [field, value] of Object.entries(typed[loser])) assert.equal(input(back, field).value, value, `${field} is kept`);
    assert.deepEqual(versionsOf(back), [now.version], 'the form saves against the new version');

    // Having read the notice, the loser may still save: then it is a new decision, a new event.
    const again = invokeCard(await (loser === MEGAN.aadObjectId ? inChat : inChannel)(
      loser === MEGAN.aadObjectId ? MEGAN : ISAIAH,
      'case.do',
      { ...action(back, 'case.do').data, ...typed[loser] },
    ));
    assert.match(text(again), /Beslutet om polisanmälan är registrerat/);
    assert.equal((await stored()).case.police?.decision, typed[loser].decision);
    assert.deepEqual((await caseEvents()).filter((e) => e.type === 'case-police').map((e) => e.actorId), [winner, loser]);
  });

  it('a double click saves once; a stale card is told who changed the case and keeps the typed values', async () => {
    // Megan clicks Kvittera twice before the first answer arrives.
    const ack = button(megan, 'acknowledge').data;
    const [first, second] = await Promise.all([inChat(MEGAN, 'case.do', ack), inChat(MEGAN, 'case.do', ack)]);
    const acks = (await caseEvents()).filter((e) => e.type === 'case-acknowledge');
    assert.equal(acks.length, 1);
    const notices = [invokeCard(first), invokeCard(second)].map((c) => noticeOf(c) ?? text(c));
    assert.equal(notices.filter((n) => /^Redan kvitterat av Megan Bowen kl\. \d\d:\d\d\.$/.test(n)).length, 1, notices.join(' | '));

    // Megan opens the contact form; meanwhile Isaiah writes a security note.
    const acknowledged = await stored();
    const contactForm = invokeCard(await inChat(MEGAN, 'case.form', { ...button(megan, 'contact').data, version: acknowledged.version }));
    skew += 7 * 60_000;
    const view = invokeCard(await inChannel(ISAIAH, 'case.view', { incidentId }));
    const noteForm = invokeCard(await inChannel(ISAIAH, 'case.form', button(view, 'security-note').data));
    invokeCard(await inChannel(ISAIAH, 'case.do', { ...action(noteForm, 'case.do').data, text: 'Väktare i receptionen' }));
    const noted = await stored();
    const noteEvent = (await caseEvents()).at(-1)!;
    assert.equal(noteEvent.type, 'case-security-note');

    // A stale Kvittera names who acknowledged and when, not who changed the case last.
    const staleAck = invokeCard(await inChat(MEGAN, 'case.do', ack));
    assert.equal(noticeOf(staleAck), `Redan kvitterat av Megan Bowen kl. ${localTime(acks[0].at).slice(-5)}.`);

    const date = stockholmLocal(clock()).slice(0, 10);
    const stale = invokeCard(await inChat(MEGAN, 'case.do', { ...action(contactForm, 'case.do').data, date }));
    assert.equal(noticeOf(stale), `Isaiah Langer ändrade ärendet kl. ${localTime(noteEvent.at).slice(-5)}. Här är det aktuella läget – kontrollera och spara igen om det behövs.`);
    assert.equal(input(stale, 'date').value, date, 'the typed date is kept');
    assert.deepEqual(versionsOf(stale), [noted.version]);
    assert.equal((await stored()).version, noted.version, 'nothing stored from the stale card');
    assert.ok(!(await caseEvents()).some((e) => e.type === 'case-contact'));

    const saved = invokeCard(await inChat(MEGAN, 'case.do', { ...action(stale, 'case.do').data, date }));
    assert.match(text(saved), /Kontakten är registrerad/);

    // A one-click action from a stale card is not applied either: the card is shown as it is now.
    const staleClose = invokeCard(await inChat(MEGAN, 'case.do', { ...button(megan, 'close').data, version: noted.version }));
    assert.match(noticeOf(staleClose)!, /^Megan Bowen ändrade ärendet kl\. \d\d:\d\d\./);
    assert.deepEqual(
      (await caseEvents()).map((e) => [e.type, e.actorId]),
      [
        ['case-acknowledge', MEGAN.aadObjectId],
        ['case-security-note', ISAIAH.aadObjectId],
        ['case-contact', MEGAN.aadObjectId],
      ],
    );
  });

  it('after a hand-over the former handler’s card no longer shows the details, and acting from it is refused', async () => {
    await bot.post(botInstalled({ serviceUrl, from: PATTI }));
    const form = invokeCard(await inChat(MEGAN, 'case.form', button(megan, 'forward').data));
    const patti = input(form, 'toId').choices.find((c: any) => c.title === PATTI.name);
    assert.match(text(invokeCard(await inChat(MEGAN, 'case.do', { ...action(form, 'case.do').data, toId: patti.value }))), /Ärendet är överlämnat/);
    await outboxDrained(bot);

    const toPatti = sentCard(await waitFor(() => posts(`a:personal-${PATTI.aadObjectId}`).find((c) => /lämnats över till dig/.test(JSON.stringify(c.activity))), "Patti's card"));
    assert.match(text(toPatti), /hotade mig i receptionen/, 'the new handler gets the whole case');
    const meganNow = sentCard(connector.updates(meganCardId).at(-1)!);
    assert.match(text(meganNow), /Ny rapport/);
    assert.doesNotMatch(JSON.stringify(meganNow), /Alex Wilber|hotade mig|Patti/, "Megan's card is redacted in place");
    const channel = sentCard(connector.updates(channelCardId).at(-1)!);
    assert.deepEqual(channel.refresh.userIds, [`29:${ISAIAH.aadObjectId}`, `29:${PATTI.aadObjectId}`], 'the view follows the hand-over');

    const { version } = await stored();
    assert.match(invokeMessage(await inChat(MEGAN, 'case.do', { ...button(megan, 'acknowledge').data, version })), /Du har inte behörighet/);
    assert.doesNotMatch(JSON.stringify(invokeCard(await inChat(MEGAN, 'case.view', { incidentId }))), /Alex Wilber|hotade mig/);
  });
});
