import { strict as assert } from 'node:assert';
import type { Form } from '../../src/domain/report-schema';
import { ALEX, cardAction, channelMention, MEGAN, personalMessage, type Person } from '../helpers/activities';
import { elements, invokeCard, invokeMessage, sentCard, text as allText } from '../helpers/cards';
import { FakeConnector, type ConnectorCall } from '../helpers/fake-connector';
import { FakeUploadSession } from '../helpers/fake-upload-session';
import { seededIncident } from '../helpers/seed-incidents';
import { startTrygg, type RunningTrygg } from '../helpers/trygg-instance';

/** The card's text without the blank filler of the bars. */
const text = (card: any): string => allText(card).replace(/\n\u00a0(?=\n|$)/g, '');

const ISAIAH: Person = { name: 'Isaiah Langer', aadObjectId: '00000000-0000-0000-0000-0000000000023' }; // coordinator, Södra
const CHANNEL = '19:sodra-sakerhet@thread.tacv2';
const HOUR_MS = 3_600_000;

/** Twelve cases of Södra: all threats against the reporter, eight also harassment; three overdue. */
const CASES = 12;
const WITH_HARASSMENT = 8;
const OVERDUE = 3;

describe('bot: lägesbild, case lists and export', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  let uploads: FakeUploadSession;
  let serviceUrl: string;
  let bot: RunningTrygg;

  before(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    uploads = new FakeUploadSession();
    await uploads.start();
    bot = await startTrygg();
    await seed();
    // Alex is an administrator in the demo organisation: links Södra's coordinator channel.
    await bot.post(channelMention('koppla kanal sodra', { serviceUrl, from: ALEX, channelId: CHANNEL }));
  });
  after(async () => {
    await bot?.stop();
    await connector?.stop();
    await uploads?.stop();
  });

  /** Files the reports straight into the store, as the reporting service does after step 3. */
  async function seed(): Promise<void> {
    const now = Date.now();
    for (let i = 0; i < CASES; i++) {
      const reportedAt = new Date(now - (i + 1) * HOUR_MS);
      const forms: Form[] = i < WITH_HARASSMENT ? ['threat-self', 'harassment'] : ['threat-self'];
      await bot.trygg.store.incidents.submit(
        seededIncident({
          key: `lb-${i}`,
          reporter: ALEX,
          reportedAt,
          changes: { forms },
          handlers: [MEGAN.aadObjectId],
          // The acknowledgement of the first three was due an hour ago; the rest are due tomorrow.
          due: new Date(now + (i < OVERDUE ? -1 : 24) * HOUR_MS),
        }),
      );
    }
  }

  /** The bot's messages in a conversation after `from` calls. */
  const repliesSince = (from: number, conversationId: string): ConnectorCall[] =>
    connector.calls.slice(from).filter((c) => c.activity.type === 'message' && c.conversationId === conversationId);

  /** Posts an activity and returns the bot's one reply in that conversation. */
  async function ask(activity: any): Promise<any> {
    const before = connector.calls.length;
    const res = await bot.post(activity);
    assert.equal(res.status, 200);
    const replies = repliesSince(before, activity.conversation.id);
    assert.equal(replies.length, 1, `one reply: ${JSON.stringify(replies.map((r) => r.activity.text ?? r.activity.attachments?.[0]?.contentType))}`);
    return replies[0].activity;
  }
  const inChannel = (from: Person, textTyped: string) => channelMention(textTyped, { serviceUrl, from, channelId: CHANNEL });
  const personal = (from: Person, textTyped: string, locale = 'sv-SE') => personalMessage(textTyped, { serviceUrl, from, locale });

  it('shows a coordinator "@Trygg lägesbild 30d" in the coordinator channel: the figures of the filed reports, with bar charts', async () => {
    const reply = await ask(inChannel(ISAIAH, 'lägesbild 30d'));
    const card = sentCard({ activity: reply });
    const shown = text(card);
    assert.match(shown, /Lägesbild – Södra förvaltningen/);
    assert.match(shown, new RegExp(`Rapporter\\n${CASES}\\n`), shown);
    assert.match(shown, new RegExp(`Hot mot mig\\n${CASES}`));
    assert.match(shown, new RegExp(`Trakasserier\\n${WITH_HARASSMENT}`));
    assert.match(shown, /Inga ärenden: Hot mot någon som står mig nära, Våld, Skadegörelse, Otillbörligt erbjudande eller muta, Annat\./, 'categories without cases in one line');
    assert.match(shown, new RegExp(`Barn och unga Syd\\n${CASES}`));
    assert.match(shown, new RegExp(`Klient\\n${CASES}`));
    assert.match(shown, new RegExp(`Öppna nu\\n${CASES}\\n`));
    assert.match(shown, /Försenade nu\n(<5|\.\.)\n/, `${OVERDUE} overdue is a small count`);
    assert.match(shown, new RegExp(`Ärenden med hot eller våld: ${CASES}`));
    assert.match(shown, /Beslut om polisanmälan registrerat\n0\u00a0%/, 'no decision recorded yet');
    const bars = elements(card).filter((e) => typeof e.id === 'string' && e.id.startsWith('bar-'));
    assert.ok(bars.some((b) => b.id === 'bar-form-threat-self'), bars.map((b) => b.id).join());
    assert.ok(bars.every((b) => b.type === 'Container' && b.style), 'bars are coloured containers');
    assert.doesNotMatch(JSON.stringify(card), /Alex|Wilber|Megan|hotade mig/, 'no names, no free text');
  });

  it('answers English commands in English', async () => {
    const reply = await ask(personal(ISAIAH, 'situation last month', 'en-US'));
    assert.match(text(sentCard({ activity: reply })), /Situation report – Södra förvaltningen[\s\S]*Reports/);
  });

  it('politely refuses staff, and says what was not understood in a period or a district', async () => {
    assert.match((await ask(personal(ALEX, 'lägesbild'))).text, /inte behörighet att se den här lägesbilden/);
    assert.match((await ask(personal(ISAIAH, 'lägesbild snart'))).text, /Perioden ”snart” förstår jag inte\. Skriv till exempel: 30d, 12v, 2026, 2026-Q3/);
    assert.match((await ask(inChannel(ISAIAH, 'lägesbild 30d västra'))).text, /Förvaltningen ”västra” känner jag inte till\. Skriv id eller namn, till exempel: sodra/);
    assert.match((await ask(personal(ALEX, 'öppna'))).text, /inte behörighet att se ärendelistor/);
    assert.match((await ask(personal(ALEX, 'export'))).text, /inte behörighet att exportera/);
  });

  it('answers anything else with a short help card in the channel and the welcome card in personal chat', async () => {
    const help = sentCard({ activity: await ask(inChannel(ISAIAH, 'vad kan du göra?')) });
    assert.match(text(help), /Trygg – det här kan du skriva[\s\S]*lägesbild \[period\] \[förvaltning\]/);
    const welcome = sentCard({ activity: await ask(personal(ISAIAH, 'blä')) });
    assert.match(text(welcome), /lägesbild · öppna · försenade · ärende · export/);
  });

  it('lists open cases a page at a time; opening one shows the case card and logs the read', async () => {
    const first = sentCard({ activity: await ask(personal(ISAIAH, 'öppna')) });
    assert.match(text(first), new RegExp(`Öppna ärenden\\n${CASES} ärenden · sida 1 av 2`));
    const rows = elements(first).filter((e) => e.selectAction?.verb === 'case.view');
    assert.equal(rows.length, 10);
    assert.match(text(first), /Hanteras av: Megan Bowen/, 'in personal chat, who holds each case');
    assert.match(text(first), /– passerad/, 'overdue deadlines are marked');

    const next = elements(first).find((e) => e.verb === 'cases.page');
    const second = invokeCard(await bot.post(cardAction('cases.page', next.data, { serviceUrl, from: ISAIAH })));
    assert.match(text(second), /sida 2 av 2/);
    assert.equal(elements(second).filter((e) => e.selectAction?.verb === 'case.view').length, CASES - 10);

    const { incidentId } = rows[0].selectAction.data;
    const opened = invokeCard(await bot.post(cardAction('case.view', { incidentId }, { serviceUrl, from: ISAIAH })));
    assert.match(text(opened), /hotade mig i receptionen/, 'the coordinator sees the full case');
    const reads = (await bot.trygg.store.incidents.timeline(incidentId)).filter((e) => e.type === 'details-viewed');
    assert.deepEqual(reads.map((e) => e.actorId), [ISAIAH.aadObjectId]);

    const forged = await bot.post(cardAction('cases.page', { overdueOnly: true, page: 1 }, { serviceUrl, from: ALEX }));
    assert.match(invokeMessage(forged), /inte behörighet att se ärendelistor/, 'a page button re-checks who clicks it');
  });

  it('lists overdue cases, in a channel without who holds them', async () => {
    const card = sentCard({ activity: await ask(inChannel(ISAIAH, 'försenade')) });
    assert.match(text(card), new RegExp(`Försenade ärenden\\n${OVERDUE} ärenden · sida 1 av 1`));
    assert.doesNotMatch(JSON.stringify(card), /Megan|Hanteras av/);
  });

  it('opens a case by number: the case card in personal chat, a button in the channel', async () => {
    const summary = (await bot.trygg.store.incidents.get('inc-lb-0'))!;
    const card = sentCard({ activity: await ask(personal(ISAIAH, `ärende ${summary.caseNumber}`)) });
    assert.match(text(card), /hotade mig i receptionen/);
    const reads = (await bot.trygg.store.incidents.timeline('inc-lb-0')).filter((e) => e.type === 'details-viewed');
    assert.ok(reads.some((e) => e.actorId === ISAIAH.aadObjectId), 'the read is logged');

    const opener = sentCard({ activity: await ask(inChannel(ISAIAH, `ärende ${summary.caseNumber}`)) });
    assert.doesNotMatch(JSON.stringify(opener), /hotade mig|Alex/, 'nothing of the case in the channel');
    assert.deepEqual(opener.actions[0].data, { incidentId: 'inc-lb-0' });
    assert.match((await ask(personal(ISAIAH, 'ärende 1999-0001'))).text, /Ärende 1999-0001 hittades inte/);
    assert.match((await ask(personal(ISAIAH, 'ärende'))).text, /Skriv ärende följt av ärendenumret/);
  });

  it('exports in personal chat with a file consent card; accepting uploads a CSV without names or free text', async () => {
    const consent = await ask(personal(ISAIAH, 'export 30d'));
    const attachment = consent.attachments[0];
    assert.equal(attachment.contentType, 'application/vnd.microsoft.teams.card.file.consent');
    assert.match(attachment.name, /^trygg-export-30d-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.match(attachment.content.description, new RegExp(`${CASES} ärenden`));
    assert.ok(attachment.content.sizeInBytes > 0);
    assert.doesNotMatch(JSON.stringify(attachment.content.acceptContext), /sodra-|inc-|2026-0/, 'the card carries the request, not the file');

    const uploadUrl = `${uploads.url}/session/1`;
    const accept = {
      ...cardAction('ignored', {}, { serviceUrl, from: ISAIAH }),
      name: 'fileConsent/invoke',
      value: {
        type: 'fileUpload',
        action: 'accept',
        context: attachment.content.acceptContext,
        uploadInfo: { name: attachment.name, uploadUrl, contentUrl: 'https://contoso.example/file.csv', uniqueId: 'u-1', fileType: 'csv' },
      },
    };
    const before = connector.calls.length;
    const res = await bot.post(accept);
    assert.equal(res.status, 200);
    assert.equal(uploads.uploads.length, 1);
    const upload = uploads.uploads[0];
    assert.equal(upload.path, '/session/1');
    assert.equal(upload.headers['content-range'], `bytes 0-${upload.body.length - 1}/${upload.body.length}`);
    const csv = upload.body.toString('utf8');
    assert.ok(csv.startsWith('\uFEFFcase_number,district_id,'), 'UTF-8 with a byte order mark, documented header');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines.length, 1 + CASES);
    assert.ok(lines.slice(1).every((l) => l.includes(',sodra,Södra förvaltningen,barn-unga-syd,')));
    for (const secret of ['Alex', 'Wilber', 'Megan', 'Isaiah', 'hotade', 'receptionen efter', MEGAN.aadObjectId, ALEX.aadObjectId]) {
      assert.ok(!csv.includes(secret), `the export contains ${secret}`);
    }
    const [done] = repliesSince(before, `a:personal-${ISAIAH.aadObjectId}`);
    assert.equal(done.activity.attachments[0].contentType, 'application/vnd.microsoft.teams.card.file.info');
    assert.deepEqual(done.activity.attachments[0].content, { uniqueId: 'u-1', fileType: 'csv' });
    assert.match(done.activity.text, new RegExp(`Exporten är klar: ${CASES} ärenden`));

    const decline = { ...accept, value: { type: 'fileUpload', action: 'decline', context: attachment.content.acceptContext } };
    assert.equal((await bot.post(decline)).status, 200);
    assert.match(connector.calls.at(-1)!.activity.text, /ingen fil sparades/);
    assert.equal(uploads.uploads.length, 1, 'nothing uploaded on decline');

    const asStaff = { ...accept, from: { id: `29:${ALEX.aadObjectId}`, name: ALEX.name, aadObjectId: ALEX.aadObjectId }, conversation: { ...accept.conversation, id: `a:personal-${ALEX.aadObjectId}` } };
    assert.equal((await bot.post(asStaff)).status, 200);
    assert.equal(uploads.uploads.length, 1, 'an accept is checked again for the person behind it');
    assert.match(connector.calls.at(-1)!.activity.text, /inte behörighet att exportera/);
  });

  it('points to personal chat when export is asked for in a channel', async () => {
    assert.match((await ask(inChannel(ISAIAH, 'export 2026'))).text, /Exporten lämnas som en fil i din personliga chatt/);
  });
});
