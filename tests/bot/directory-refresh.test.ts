import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { ADELE, ALEX, botInstalled, MEGAN, personalMessage } from '../helpers/activities';
import { sentCard, text } from '../helpers/cards';
import { FakeConnector } from '../helpers/fake-connector';
import { fileReportOverHttp } from '../helpers/file-report';
import { writeDemoOrganisation } from '../helpers/organisation-file';
import { startTrygg, type RunningTrygg } from '../helpers/trygg-instance';

describe('bot: the organisation directory changes while Trygg runs', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningTrygg;
  let orgFile: string;
  const demo = () => writeDemoOrganisation(fs.mkdtempSync(`${os.tmpdir()}/trygg-org-`), {}, 'the demo organisation');

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    orgFile = demo();
    bot = await startTrygg({ TRYGG_ORG_FILE: orgFile, TRYGG_OUTBOX_POLL_MS: '50' });
    for (const person of [MEGAN, ADELE]) await bot.post(botInstalled({ serviceUrl, from: person }));
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  /** The case numbers of the report cards a person has received so far. */
  async function reportsTo(personId: string, expected: number): Promise<string[]> {
    const numbers = () =>
      connector
        .messages(`a:personal-${personId}`)
        .map((c) => /\b(20\d\d-\d{4})\b/.exec(text(c.activity.attachments?.[0]?.content ?? {}))?.[1])
        .filter((n): n is string => n !== undefined);
    for (let i = 0; i < 100 && numbers().length < expected; i++) await new Promise((r) => setTimeout(r, 50));
    return numbers();
  }

  it('routes to the deputy once the manager is marked absent in the file, without a restart', async () => {
    const first = await fileReportOverHttp(bot, connector, serviceUrl);
    assert.deepEqual(await reportsTo(MEGAN.aadObjectId, 1), [first]);

    fs.writeFileSync(orgFile, fs.readFileSync(orgFile, 'utf8').replace('absent: []', `absent: ["${MEGAN.aadObjectId}"]`));
    assert.deepEqual(await bot.trygg.refresher.refresh(), { kind: 'changed' });

    const second = await fileReportOverHttp(bot, connector, serviceUrl);
    assert.deepEqual(await reportsTo(ADELE.aadObjectId, 1), [second], 'the deputy gets the new report');
    assert.deepEqual(await reportsTo(MEGAN.aadObjectId, 1), [first], 'the absent manager gets nothing new');
  });

  it('offers the units of the changed file in the report form (a renamed unit)', async () => {
    /** The unit choices of a report form Alex opens now. */
    const unitChoices = async () => {
      await bot.post(personalMessage('rapportera', { serviceUrl, from: ALEX }));
      const card = sentCard(connector.messages(`a:personal-${ALEX.aadObjectId}`).at(-1)!) as Record<string, any>;
      const find = (node: any): any =>
        node && typeof node === 'object' ? (node.id === 'unitId' ? node : Object.values(node).map(find).find(Boolean)) : undefined;
      return (find(card).choices as { title: string; value: string }[]).map((c) => `${c.value}=${c.title}`);
    };
    assert.ok((await unitChoices()).includes('ekonomiskt-bistand-syd=Ekonomiskt bistånd Syd'));

    const yaml = fs.readFileSync(orgFile, 'utf8').replace('name: Ekonomiskt bistånd Syd', 'name: Försörjningsstöd Syd');
    fs.writeFileSync(orgFile, yaml);
    assert.deepEqual(await bot.trygg.refresher.refresh(), { kind: 'changed' });
    const after = await unitChoices();
    assert.ok(after.includes('ekonomiskt-bistand-syd=Försörjningsstöd Syd'), `renamed: ${after.join(', ')}`);
    assert.ok(!after.some((c) => c.endsWith('=Ekonomiskt bistånd Syd')), 'the old name is gone');
  });

  it('refuses an invalid change, logs it naming the field, and keeps routing by the last good file', async () => {
    fs.writeFileSync(orgFile, fs.readFileSync(orgFile, 'utf8').replace('absent: []', 'absent: ["not-a-person"]'));
    const refused = await bot.trygg.refresher.refresh();
    assert.equal(refused.kind, 'failed');
    const logged = bot.logs.filter((l) => l.includes('directory.refresh_failed'));
    assert.equal(logged.length, 1);
    assert.match(logged[0], /absent\[0\]/);

    const caseNumber = await fileReportOverHttp(bot, connector, serviceUrl);
    assert.deepEqual(await reportsTo(MEGAN.aadObjectId, 1), [caseNumber], 'still routed to the manager');
    assert.deepEqual(await reportsTo(ADELE.aadObjectId, 0), []);
  });
});
