import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import { ALEX, cardAction, MEGAN, personalMessage, channelMention } from '../helpers/activities';
import { action, input, invokeCard, invokeMessage, sentCard, text } from '../helpers/cards';
import { FakeConnector } from '../helpers/fake-connector';
import { STEP_DESCRIBE, STEP_WHAT, STEP_WHO } from '../helpers/report-fixtures';
import { startTrygg, tempDbFile, type RunningTrygg } from '../helpers/trygg-instance';

const NOW = new Date('2026-11-23T09:15:00Z'); // 10:15 in Stockholm

function incidents(dbFile: string): Array<{ id: string; case_number: string; body: string }> {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT id, case_number, body FROM incidents ORDER BY case_number').all() as any[];
  } finally {
    db.close();
  }
}

describe('bot: the guided report', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningTrygg;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startTrygg({}, 'warn', () => NOW);
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
    assert.deepEqual(bot.logs.filter((l) => l.includes('"level":"error"')), [], 'no turn failed');
  });

  const o = (extra: Partial<{ from: typeof ALEX; locale: string }> = {}) => ({ serviceUrl, ...extra });

  /** Types "rapportera" and returns the first step's card. */
  async function start(extra: { from?: typeof ALEX; locale?: string } = {}): Promise<any> {
    const conversation = `a:personal-${(extra.from ?? ALEX).aadObjectId}`;
    const before = connector.messages(conversation).length;
    assert.equal((await bot.post(personalMessage('rapportera', o(extra)))).status, 200);
    return sentCard(connector.messages(conversation)[before]);
  }

  async function click(card: any, verb: string, inputs: Record<string, unknown> = {}, extra = {}) {
    return bot.post(cardAction(verb, { ...action(card, verb).data, ...inputs }, o(extra)));
  }

  async function fillAll(extra = {}): Promise<any> {
    const step1 = await start(extra);
    const step2 = invokeCard(await click(step1, 'report.next', STEP_WHAT, extra));
    const step3 = invokeCard(await click(step2, 'report.next', STEP_WHO, extra));
    return step3;
  }

  it('walks three steps in Swedish and ends with a receipt and a case number; the incident is in the SQLite file', async () => {
    const step1 = await start();
    assert.match(text(step1), /Steg 1 av 3/);
    assert.equal(input(step1, 'unitId').value, 'barn-unga-syd', "the reporter's own unit is preselected");
    assert.equal(input(step1, 'occurredDate').value, '2026-11-23', 'defaults to today');
    assert.equal(input(step1, 'occurredTime').value, '10:15', 'defaults to now, Swedish time');

    const step2 = invokeCard(await click(step1, 'report.next', STEP_WHAT));
    assert.match(text(step2), /Steg 2 av 3/);
    const step3 = invokeCard(await click(step2, 'report.next', STEP_WHO));
    assert.match(text(step3), /Steg 3 av 3/);
    assert.match(text(step3), /Skriv inte klienters namn eller personnummer/);
    assert.match(text(step3), /Hot mot mig, Trakasserier/, 'the summary shows the chosen forms');

    const receipt = invokeCard(await click(step3, 'report.submit', STEP_DESCRIBE));
    assert.match(text(receipt), /Tack – din rapport är mottagen/);
    assert.match(text(receipt), /2026-0001/);
    assert.match(text(receipt), /Din chef/);
    assert.match(text(receipt), /säkerhetssamordnare/);
    assert.match(text(receipt), /hjälp med polisanmälan/, 'the reporter asked for help with the police report');

    const stored = incidents(bot.dbFile);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].case_number, '2026-0001');
    const incident = JSON.parse(stored[0].body);
    assert.equal(incident.reporterId, ALEX.aadObjectId);
    assert.equal(incident.districtId, 'sodra');
    assert.deepEqual(incident.report.forms, ['threat-self', 'harassment']);
    assert.equal(incident.report.occurredAt, '2026-11-20T14:30');
    assert.equal(incident.report.description, STEP_DESCRIBE.description);
  });

  it('submits exactly once on a double click or a replayed invoke, showing the same receipt', async () => {
    const step3 = await fillAll();
    const submit = cardAction('report.submit', { ...action(step3, 'report.submit').data, ...STEP_DESCRIBE }, o());
    const [a, b] = await Promise.all([bot.post(submit), bot.post({ ...submit, id: 'another-id' })]);
    const replay = await bot.post(submit);
    const numbers = [a, b, replay].map((r) => /2026-\d{4}/.exec(text(invokeCard(r)))?.[0]);
    assert.deepEqual(numbers, ['2026-0001', '2026-0001', '2026-0001']);
    assert.equal(incidents(bot.dbFile).length, 1);
  });

  it('shows errors next to the fields, keeps what was typed, and does not move on', async () => {
    const step1 = await start();
    const card = invokeCard(await click(step1, 'report.next', { ...STEP_WHAT, forms: '', occurredDate: '2026-12-24', place: 'moon' }));
    assert.match(text(card), /Steg 1 av 3/);
    assert.match(text(card), /Något behöver rättas/);
    assert.match(text(card), /Fyll i det här/);
    assert.match(text(card), /Tidpunkten kan inte ligga i framtiden/);
    assert.match(text(card), /Välj bland alternativen/);
    assert.equal(input(card, 'occurredDate').value, '2026-12-24', 'the typed date is kept');
    assert.equal(input(card, 'purpose').value, 'yes', 'valid answers are kept');
  });

  it('asks to remove a personnummer before submitting and writes nothing', async () => {
    const step3 = await fillAll();
    const typed = 'Klienten 811218-9876 hotade mig i receptionen.';
    const card = invokeCard(await click(step3, 'report.submit', { description: typed }));
    assert.match(text(card), /verkar innehålla ett personnummer/);
    assert.equal(input(card, 'description').value, typed, 'the text is kept so the person can edit it');
    assert.equal(incidents(bot.dbFile).length, 0);
  });

  it('resumes an unfinished report after a restart', async () => {
    const dbFile = tempDbFile();
    await bot.stop();
    bot = await startTrygg({ TRYGG_SQLITE_PATH: dbFile }, 'warn', () => NOW);
    const step1 = await start();
    invokeCard(await click(step1, 'report.next', STEP_WHAT));
    await bot.stop();

    bot = await startTrygg({ TRYGG_SQLITE_PATH: dbFile }, 'warn', () => new Date(NOW.getTime() + 3 * 86_400_000));
    const before = connector.messages().length;
    await bot.post(personalMessage('hjälp', o()));
    assert.match(text(sentCard(connector.messages()[before])), /påbörjad rapport/, 'the welcome card offers to resume');
    await bot.post(personalMessage('fortsätt', o()));
    const resumed = sentCard(connector.messages()[before + 1]);
    assert.match(text(resumed), /Steg 2 av 3/);
    assert.match(text(resumed), /Du fortsätter på din påbörjade rapport/);
    const step3 = invokeCard(await click(resumed, 'report.next', STEP_WHO));
    const receipt = invokeCard(await click(step3, 'report.submit', STEP_DESCRIBE));
    assert.match(text(receipt), /2026-0001/);
    const stored = JSON.parse(incidents(dbFile)[0].body);
    assert.equal(stored.report.place, 'reception', 'answers from before the restart are in the incident');
  });

  it('removes an unfinished report once it has expired (drafts expire)', async () => {
    const dbFile = tempDbFile();
    await bot.stop();
    bot = await startTrygg({ TRYGG_SQLITE_PATH: dbFile, TRYGG_DRAFT_TTL_DAYS: '30' }, 'warn', () => NOW);
    const step1 = await start();
    invokeCard(await click(step1, 'report.save', { forms: 'violence' }));
    await bot.stop();
    const later = new Date(NOW.getTime() + 31 * 86_400_000);
    bot = await startTrygg({ TRYGG_SQLITE_PATH: dbFile, TRYGG_DRAFT_TTL_DAYS: '30' }, 'warn', () => later);
    await bot.trygg.janitor.purge();
    const db = new Database(dbFile, { readonly: true });
    const left = (db.prepare('SELECT COUNT(*) AS n FROM report_drafts').get() as { n: number }).n;
    db.close();
    assert.equal(left, 0, 'the expired draft is gone from the file');
    const res = await click(step1, 'report.next', STEP_WHAT);
    assert.match(text(invokeCard(res)), /finns inte längre/, 'an old card says so, and writes nothing');
  });

  it('saves for later and says how long a draft is kept', async () => {
    const step1 = await start();
    const card = invokeCard(await click(step1, 'report.save', { forms: 'violence' }));
    assert.match(text(card), /Rapporten är sparad/);
    assert.match(text(card), /30 dagar/);
    await bot.post(personalMessage('fortsätt', o()));
    const resumed = sentCard(connector.messages().at(-1)!);
    assert.equal(input(resumed, 'forms').value, 'violence');
  });

  it('goes back without losing what was typed', async () => {
    const step1 = await start();
    const step2 = invokeCard(await click(step1, 'report.next', STEP_WHAT));
    const back = invokeCard(await click(step2, 'report.back', { perpetratorRole: 'relative' }));
    assert.match(text(back), /Steg 1 av 3/);
    assert.equal(input(back, 'place').value, 'reception');
    const again = invokeCard(await click(back, 'report.next', {}));
    assert.equal(input(again, 'perpetratorRole').value, 'relative');
  });

  it('speaks English when the Teams locale is English', async () => {
    const step1 = await start({ locale: 'en-US' });
    assert.match(text(step1), /Step 1 of 3/);
    assert.match(text(step1), /Threat against me/);
    const card = invokeCard(await click(step1, 'report.next', { ...STEP_WHAT, forms: '' }, { locale: 'en-US' }));
    assert.match(text(card), /Please fill this in/);
  });

  it('refuses someone else clicking on my report and leaves it unchanged', async () => {
    const step1 = await start();
    const res = await click(step1, 'report.next', STEP_WHAT, { from: MEGAN });
    assert.match(invokeCard(res) ? text(invokeCard(res)) : '', /hör till någon annan/);
    const mine = invokeCard(await click(step1, 'report.next', STEP_WHAT));
    assert.match(text(mine), /Steg 2 av 3/, 'the owner can still go on: the refused click changed nothing');
  });

  it('tells the person when a card was out of date and shows the saved state', async () => {
    const step1 = await start();
    invokeCard(await click(step1, 'report.next', STEP_WHAT));
    const stale = invokeCard(await click(step1, 'report.next', { ...STEP_WHAT, place: 'phone' }));
    assert.match(text(stale), /Kortet var inaktuellt/);
    assert.match(text(stale), /Steg 2 av 3/);
  });

  it('answers an unknown verb with a message and leaves the card as it is', async () => {
    const res = await bot.post(cardAction('report.explode', { draftId: 'x' }, o()));
    assert.match(invokeMessage(res), /Knappen känns inte igen/);
  });

  it('points to personal chat when someone tries to report in a channel', async () => {
    await bot.post(channelMention('rapportera', o()));
    assert.match(connector.messages()[0].activity.text, /personliga chatt/);
  });

  describe('hostile input', () => {
    it('refuses wrong types and oversized text with a message, writing nothing', async () => {
      const step1 = await start();
      const wrongTypes = invokeCard(await click(step1, 'report.next', { ...STEP_WHAT, forms: { $gt: '' }, place: ['reception'] }));
      assert.match(text(wrongTypes), /Värdet kunde inte läsas/);
      assert.match(text(wrongTypes), /Steg 1 av 3/);
      const step2 = invokeCard(await click(wrongTypes, 'report.next', STEP_WHAT));
      const step3 = invokeCard(await click(step2, 'report.next', STEP_WHO));
      const tooLong = invokeCard(await click(step3, 'report.submit', { description: 'x'.repeat(2001) }));
      assert.match(text(tooLong), /Texten är för lång/);
      assert.equal(incidents(bot.dbFile).length, 0);
    });

    it('refuses a submit with missing fields and shows the first step with errors', async () => {
      const step1 = await start();
      const step2 = invokeCard(await click(step1, 'report.next', STEP_WHAT));
      // A forged submit from the second card: the person skipped step 2 and the description.
      const forged = await bot.post(cardAction('report.submit', { ...action(step2, 'report.next').data }, o()));
      const card = invokeCard(forged);
      assert.match(text(card), /Steg 2 av 3/, 'back to the first step with a missing answer');
      assert.match(text(card), /Fyll i det här/);
      assert.equal(incidents(bot.dbFile).length, 0);
    });

    it('stores template and markdown injection as inert text and shows it back verbatim', async () => {
      const step3 = await fillAll();
      const hostile = 'Hen skrev ${t.report.title} och [klicka här](https://evil.example) **VIKTIGT** <script>x</script>';
      const receipt = invokeCard(await click(step3, 'report.submit', { description: hostile }));
      assert.match(text(receipt), /2026-0001/);
      const stored = JSON.parse(incidents(bot.dbFile)[0].body);
      assert.equal(stored.report.description, hostile, 'stored exactly as typed');
      // The text is never put into a markdown TextBlock: receipt and lists leave it out,
      // and the edit field shows it verbatim as an input value.
      assert.ok(!JSON.stringify(receipt).includes('evil.example'));
    });

    it('does not expand template expressions typed into a field', async () => {
      const step1 = await start();
      const step2 = invokeCard(await click(step1, 'report.next', STEP_WHAT));
      const step3 = invokeCard(await click(step2, 'report.next', STEP_WHO));
      const card = invokeCard(await click(step3, 'report.back', { description: '${t.welcome.title} ${draftId}' }));
      const forward = invokeCard(await click(card, 'report.next', {}));
      assert.equal(input(forward, 'description').value, '${t.welcome.title} ${draftId}');
    });
  });

  describe('my reports', () => {
    it('lists my reports and adds information as a new event, never editing the original', async () => {
      const step3 = await fillAll();
      invokeCard(await click(step3, 'report.submit', STEP_DESCRIBE));
      await bot.post(personalMessage('mina rapporter', o()));
      const list = sentCard(connector.messages().at(-1)!);
      assert.match(text(list), /2026-0001 · Mottagen/);
      assert.match(text(list), /Ingen återkoppling ännu/);
      const add = action(list, 'report.addInfo');
      const incidentId = add.data.incidentId;
      const res = invokeCard(
        await bot.post(cardAction('report.addInfo', { ...add.data, [`info-${incidentId}`]: 'Hen ringde igen i dag.' }, o())),
      );
      assert.match(text(res), /Tillägget är sparat i ärende 2026-0001/);
      assert.match(text(res), /Tillägg: 1/);
      const db = new Database(bot.dbFile, { readonly: true });
      const events = db.prepare('SELECT seq, type, body FROM incident_events ORDER BY seq').all() as any[];
      db.close();
      // Deliveries are events too, and so is the deputy taking over when the manager cannot be reached.
      const own = events.filter((e) => !e.type.startsWith('notification-') && e.type !== 'assigned');
      assert.deepEqual(own.map((e) => e.type), ['reported', 'information-added']);
      assert.equal(JSON.parse(own[1].body).text, 'Hen ringde igen i dag.');
      assert.equal(JSON.parse(incidents(bot.dbFile)[0].body).report.description, STEP_DESCRIBE.description);
    });

    it('refuses to add information to someone else’s report, and refuses a personnummer', async () => {
      const step3 = await fillAll();
      invokeCard(await click(step3, 'report.submit', STEP_DESCRIBE));
      const incidentId = JSON.parse(incidents(bot.dbFile)[0].body).id;
      const other = await bot.post(cardAction('report.addInfo', { incidentId, [`info-${incidentId}`]: 'intrång' }, o({ from: MEGAN })));
      assert.match(invokeMessage(other), /hör till någon annan/);
      const pnr = invokeCard(
        await bot.post(cardAction('report.addInfo', { incidentId, [`info-${incidentId}`]: 'nr 811218-9876' }, o())),
      );
      assert.match(text(pnr), /personnummer/);
      assert.equal(input(pnr, `info-${incidentId}`).value, 'nr 811218-9876', 'the typed text is kept');
    });
  });

  it('gives 50 concurrent submissions 50 distinct, gap-free case numbers', async function () {
    this.timeout(60_000);
    const people = Array.from({ length: 50 }, (_, i) => ({
      name: `Person ${i}`,
      aadObjectId: `00000000-0000-0000-0000-0000001${String(i).padStart(5, '0')}`,
    }));
    const cards = await Promise.all(people.map((p) => fillAll({ from: p })));
    const receipts = await Promise.all(cards.map((card, i) => click(card, 'report.submit', STEP_DESCRIBE, { from: people[i] })));
    const numbers = receipts.map((r) => /2026-(\d{4})/.exec(text(invokeCard(r)))![1]).map(Number);
    assert.deepEqual([...numbers].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
    assert.equal(incidents(bot.dbFile).length, 50);
  });
});
