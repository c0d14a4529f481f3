import { strict as assert } from 'node:assert';
import { ConversationQueue } from '../../src/teams/conversation-queue';

const tick = () => new Promise((r) => setImmediate(r));

describe('conversation queue', () => {
  it('runs tasks of one conversation one at a time, in arrival order', async () => {
    const queue = new ConversationQueue();
    const events: string[] = [];
    let active = 0;
    const task = (name: string) => async () => {
      active++;
      assert.equal(active, 1, 'never two at once');
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
      active--;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((n) => queue.run('conv', task(n))));
    assert.deepEqual(results, ['a', 'b', 'c']);
    assert.deepEqual(events, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    await tick();
    assert.equal(queue.busyConversations, 0, 'forgets idle conversations');
  });

  it('runs different conversations concurrently', async () => {
    const queue = new ConversationQueue();
    let release!: () => void;
    const blocked = queue.run('one', () => new Promise<void>((r) => (release = r)));
    const other = await queue.run('two', async () => 'done');
    assert.equal(other, 'done');
    await tick();
    assert.equal(queue.busyConversations, 1);
    release();
    await blocked;
  });

  it('keeps going after a task fails', async () => {
    const queue = new ConversationQueue();
    const failed = queue.run('c', async () => {
      throw new Error('boom');
    });
    const next = queue.run('c', async () => 'next');
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 'next');
  });
});
