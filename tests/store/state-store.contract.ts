import { strict as assert } from 'node:assert';
import { StateConflictError, type Store } from '../../src/store/ports';

/**
 * The behaviour every store adapter's state port must have. Each adapter's test file calls this
 * with a factory that opens a fresh, empty store.
 */
export function stateStoreContract(adapter: string, open: () => Promise<Store>): void {
  describe(`state store contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => (store = await open()));
    afterEach(async () => store.close());

    it('reads nothing for keys never written', async () => {
      assert.equal((await store.state.read(['a', 'b'])).size, 0);
    });

    it('reads back what was written, with an etag', async () => {
      const etag = await store.state.write('k', { n: 1, nested: { s: 'å' } });
      const read = await store.state.read(['k', 'missing']);
      assert.deepEqual([...read.keys()], ['k']);
      assert.deepEqual(read.get('k'), { value: { n: 1, nested: { s: 'å' } }, etag });
    });

    it('writes conditionally on the etag it read', async () => {
      const first = await store.state.write('k', { n: 1 });
      const second = await store.state.write('k', { n: 2 }, first);
      assert.notEqual(second, first);
      await assert.rejects(store.state.write('k', { n: 3 }, first), StateConflictError);
      assert.deepEqual((await store.state.read(['k'])).get('k')?.value, { n: 2 }, 'the losing write changed nothing');
    });

    it('overwrites without an etag or with *', async () => {
      await store.state.write('k', { n: 1 });
      await store.state.write('k', { n: 2 });
      await store.state.write('k', { n: 3 }, '*');
      assert.deepEqual((await store.state.read(['k'])).get('k')?.value, { n: 3 });
    });

    it('lets exactly one of two writers with the same etag win', async () => {
      const etag = await store.state.write('k', { n: 0 });
      const results = await Promise.allSettled([
        store.state.write('k', { n: 1 }, etag),
        store.state.write('k', { n: 2 }, etag),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.equal(results.filter((r) => r.status === 'rejected').length, 1);
    });

    it('deletes items and ignores missing keys', async () => {
      await store.state.write('a', { n: 1 });
      await store.state.write('b', { n: 2 });
      await store.state.delete(['a', 'never']);
      assert.deepEqual([...(await store.state.read(['a', 'b'])).keys()], ['b']);
    });

    it('answers ping while open', async () => {
      await store.ping();
    });
  });
}
