import { strict as assert } from 'node:assert';
import { botInstalled, channelMention, personalMessage } from '../helpers/activities';
import { FakeConnector } from '../helpers/fake-connector';
import { startTrygg, type RunningTrygg } from '../helpers/trygg-instance';

function cardText(activity: Record<string, any>): string {
  const card = activity.attachments?.[0];
  assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
  return JSON.stringify(card.content);
}

describe('bot: welcome card over the real HTTP pipeline', () => {
  let connector: FakeConnector;
  let bot: RunningTrygg;
  let serviceUrl: string;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startTrygg();
  });
  afterEach(async () => {
    await bot.stop();
    assert.deepEqual(bot.logs.filter((l) => l.includes('"level":"error"')), [], 'no turn failed');
    await connector.stop();
  });

  it('answers "hjälp" in personal chat with the Swedish welcome card and the 112 advice', async () => {
    const res = await bot.post(personalMessage('hjälp', { serviceUrl }));
    assert.equal(res.status, 200);
    const [reply] = connector.messages();
    assert.ok(reply, 'the connector received a reply');
    assert.equal(reply.method, 'POST');
    assert.equal(reply.conversationId, 'a:personal-00000000-0000-0000-0000-0000000000020');
    const text = cardText(reply.activity);
    assert.match(text, /Ring 112/);
    assert.match(text, /rapportera/);
    assert.equal(reply.activity.attachments[0].content.version, '1.5');
    assert.doesNotMatch(text, /\$\{/, 'no unexpanded template expressions');
  });

  it('answers in English when the Teams locale is English', async () => {
    await bot.post(personalMessage('help', { serviceUrl, locale: 'en-GB' }));
    const text = cardText(connector.messages()[0].activity);
    assert.match(text, /Call 112/);
    assert.doesNotMatch(text, /Ring 112/);
  });

  it('answers anything it does not understand with the welcome card', async () => {
    await bot.post(personalMessage('vad kan du göra?', { serviceUrl }));
    assert.match(cardText(connector.messages()[0].activity), /Trygg/);
  });

  it('falls back to Swedish for a locale it does not speak', async () => {
    await bot.post(personalMessage('hjälp', { serviceUrl, locale: 'fi-FI' }));
    assert.match(cardText(connector.messages()[0].activity), /Ring 112/);
  });

  it('understands an @mention in a team channel', async () => {
    const res = await bot.post(channelMention('hjälp', { serviceUrl }));
    assert.equal(res.status, 200);
    const [reply] = connector.messages();
    assert.equal(reply.conversationId, '19:channel@thread.tacv2;messageid=1');
    assert.match(cardText(reply.activity), /Ring 112/);
  });

  it('greets a personal chat once when the bot is installed', async () => {
    await bot.post(botInstalled({ serviceUrl }));
    await bot.post(botInstalled({ serviceUrl }));
    assert.equal(connector.messages().length, 1);
    assert.match(cardText(connector.messages()[0].activity), /Ring 112/);
  });

  it('rejects a body that is not an activity with 400 and sends nothing', async () => {
    for (const body of ['[]', '{"type":"message"}', '"text"', '{"type":1,"serviceUrl":"x","conversation":{"id":"c"}}']) {
      const res = await bot.post(body);
      assert.equal(res.status, 400, body);
    }
    assert.equal(connector.calls.length, 0);
  });

  it('answers 413 for a body over the limit and 400 for malformed JSON', async () => {
    const big = JSON.stringify(personalMessage('x'.repeat(300 * 1024), { serviceUrl }));
    assert.equal((await bot.post(big)).status, 413);
    assert.equal((await bot.post('{"type":')).status, 400);
    assert.equal(connector.calls.length, 0);
  });
});
