import { strict as assert } from 'node:assert';
import { startTrygg, type RunningTrygg } from '../helpers/trygg-instance';

describe('bot: health endpoints', () => {
  let bot: RunningTrygg;
  beforeEach(async () => (bot = await startTrygg()));
  afterEach(async () => bot.stop());

  it('GET /healthz answers 200 while the process runs', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('GET /readyz answers 200 when the store answers and 503 when it does not', async () => {
    const ok = await fetch(`${bot.url}/readyz`);
    assert.equal(ok.status, 200);
    await bot.trygg.store.close(); // the store goes away under the running server
    const down = await fetch(`${bot.url}/readyz`);
    assert.equal(down.status, 503);
    assert.equal(((await down.json()) as { store: string }).store, 'error');
  });
});
