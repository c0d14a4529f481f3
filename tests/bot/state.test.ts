import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import { personalMessage } from '../helpers/activities';
import { FakeConnector } from '../helpers/fake-connector';
import { startTrygg, tempDbFile, type RunningTrygg } from '../helpers/trygg-instance';

const CONVERSATION_KEY = 'msteams/28:trygg-bot/conversations/a:personal-00000000-0000-0000-0000-0000000000020';

function storedConversation(dbFile: string): Record<string, unknown> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const row = db.prepare('SELECT value FROM bot_state WHERE key = ?').get(CONVERSATION_KEY) as { value: string } | undefined;
    assert.ok(row, 'conversation state is stored');
    return JSON.parse(row.value);
  } finally {
    db.close();
  }
}

function errorsIn(bot: RunningTrygg): string[] {
  return bot.logs.filter((l) => l.includes('"level":"error"'));
}

describe('bot: conversation state', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  const running: RunningTrygg[] = [];

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((b) => b.stop()));
    await connector.stop();
  });

  it('survives a restart of the bot on the same SQLite file', async () => {
    const dbFile = tempDbFile();
    const first = await startTrygg({ TRYGG_SQLITE_PATH: dbFile });
    for (let i = 0; i < 3; i++) assert.equal((await first.post(personalMessage('hjälp', { serviceUrl }))).status, 200);
    await first.stop();
    assert.equal(storedConversation(dbFile).turnCount, 3);

    const second = await startTrygg({ TRYGG_SQLITE_PATH: dbFile });
    running.push(second);
    assert.equal((await second.post(personalMessage('hjälp', { serviceUrl }))).status, 200);
    assert.equal(storedConversation(dbFile).turnCount, 4, 'the restarted bot continued from the stored state');
    assert.equal(connector.messages().length, 4);
    assert.deepEqual(errorsIn(second), []);
  });

  it('answers 20 concurrent messages on one conversation: none lost, none failed', async () => {
    const bot = await startTrygg();
    running.push(bot);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => bot.post(personalMessage(`meddelande ${i}`, { serviceUrl }))),
    );
    assert.deepEqual(results.map((r) => r.status), Array(20).fill(200));
    assert.equal(connector.messages().length, 20, 'every message was answered');
    assert.equal(storedConversation(bot.dbFile).turnCount, 20, 'no state update was lost');
    assert.deepEqual(errorsIn(bot), []);
  });

  it('two bot processes on one store serve the same conversation without failed turns', async () => {
    const dbFile = tempDbFile();
    const a = await startTrygg({ TRYGG_SQLITE_PATH: dbFile });
    const b = await startTrygg({ TRYGG_SQLITE_PATH: dbFile });
    running.push(a, b);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).post(personalMessage(`meddelande ${i}`, { serviceUrl }))),
    );
    assert.deepEqual(results.map((r) => r.status), Array(30).fill(200));
    assert.equal(connector.messages().length, 30, 'every message was answered exactly once');
    assert.deepEqual([...errorsIn(a), ...errorsIn(b)], []);
    const count = Number(storedConversation(dbFile).turnCount);
    assert.ok(count >= 15 && count <= 30, `state was saved (turnCount ${count})`);
  });
});
