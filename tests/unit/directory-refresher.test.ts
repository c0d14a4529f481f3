import { strict as assert } from 'node:assert';
import { DirectoryRefresher } from '../../src/jobs/directory-refresher';
import type { Logger } from '../../src/log';

describe('DirectoryRefresher', () => {
  it('joins a refresh already in progress instead of starting a second one that could finish first', async () => {
    let calls = 0;
    let finish!: (r: { kind: 'changed' }) => void;
    const directory = {
      current: () => {
        throw new Error('not used');
      },
      refresh: () => {
        calls++;
        return new Promise<{ kind: 'changed' }>((r) => (finish = r));
      },
    };
    const logs: string[] = [];
    const log = { info: (e: string) => logs.push(e), warn: (e: string) => logs.push(e), error: (e: string) => logs.push(e) } as unknown as Logger;
    const refresher = new DirectoryRefresher(directory, log, 60_000);
    const a = refresher.refresh();
    const b = refresher.refresh();
    finish({ kind: 'changed' });
    assert.deepEqual(await Promise.all([a, b]), [{ kind: 'changed' }, { kind: 'changed' }]);
    assert.equal(calls, 1, 'one read of the source');
    assert.deepEqual(logs, ['directory.changed']);
    const c = refresher.refresh();
    finish({ kind: 'changed' });
    await c;
    assert.equal(calls, 2, 'a later refresh reads again');
  });
});
