import { strict as assert } from 'node:assert';
import { ALEX, botInstalled, channelCardAction, channelMention, type Person } from '../helpers/activities';
import { invokeCard, invokeMessage, sentCard, text } from '../helpers/cards';
import { FakeConnector } from '../helpers/fake-connector';
import { fileReportOverHttp } from '../helpers/file-report';
import { startTrygg, type RunningTrygg } from '../helpers/trygg-instance';

const ISAIAH: Person = { name: 'Isaiah Langer', aadObjectId: '00000000-0000-0000-0000-0000000000023' }; // coordinator
const LYNNE: Person = { name: 'Lynne Robbins', aadObjectId: '00000000-0000-0000-0000-0000000000025' }; // safety rep
const CHANNEL = '19:sodra-sakerhet@thread.tacv2';

describe('bot: the channel card and its user-specific view', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningTrygg;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startTrygg({ TRYGG_OUTBOX_POLL_MS: '50' });
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  const fileReport = () => fileReportOverHttp(bot, connector, serviceUrl);

  async function channelCard(caseNumber: string): Promise<any> {
    for (let i = 0; i < 100; i++) {
      const found = connector.messages(CHANNEL).find((c) => text(c.activity.attachments?.[0]?.content ?? {}).includes(`Ny rapport ${caseNumber}`));
      if (found) return sentCard(found);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail('no channel card');
  }

  it('shows coordinators the full report in a user-specific view, logs the read, and shows others the redacted card', async () => {
    await bot.post(botInstalled({ serviceUrl, from: ISAIAH }));
    await bot.post(channelMention('koppla kanal sodra', { serviceUrl, from: ALEX, channelId: CHANNEL }));
    const caseNumber = await fileReport();
    const card = await channelCard(caseNumber);

    assert.deepEqual(card.refresh.userIds, [`29:${ISAIAH.aadObjectId}`], 'the coordinator who can be reached gets the view');
    assert.equal(card.refresh.action.verb, 'case.view');
    assert.doesNotMatch(JSON.stringify(card), /Alex Wilber|hotade mig/, 'the channel card names no one and has no free text');

    // Shaped like Teams' refresh invokes from a channel message (conversation type channel, team and channel data).
    const messageId = connector.messages(CHANNEL).find((c) => c.activity.attachments?.[0]?.content?.refresh)!.responseId;
    const view = (from: Person, data = card.refresh.action.data) =>
      bot.post(channelCardAction('case.view', data, { serviceUrl, from, channelId: CHANNEL, messageId }));

    const full = invokeCard(await view(ISAIAH));
    assert.match(text(full), /hotade mig i receptionen/, 'the coordinator sees the description');
    assert.match(text(full), /Alex Wilber/);

    const redacted = invokeCard(await view(LYNNE));
    assert.match(text(redacted), new RegExp(`Ny rapport ${caseNumber}`));
    assert.doesNotMatch(JSON.stringify(redacted), /Alex Wilber|hotade mig/, 'no details leak through a refresh');

    const timeline = await bot.trygg.store.incidents.timeline(card.refresh.action.data.incidentId);
    const reads = timeline.filter((e) => e.type === 'details-viewed');
    assert.deepEqual(reads.map((e) => e.actorId), [ISAIAH.aadObjectId], 'the read is logged, only for the one who saw the details');

    assert.match(invokeMessage(await view(ISAIAH, { incidentId: 'inc-forged' })), /hittades inte/);
  });
});
