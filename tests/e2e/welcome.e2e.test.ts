import { strict as assert } from 'node:assert';
import { greet, screenshot, startPlaygroundSession, type PlaygroundSession } from './playground-session';

describe('e2e: npm start and the Agents Playground', function () {
  this.timeout(240_000);
  let session: PlaygroundSession;

  before(async () => {
    session = await startPlaygroundSession();
  });
  after(async () => session?.stop());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(session.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('shows the Swedish welcome card with the 112 advice after "hjälp" in personal chat', async () => {
    const { page } = session;
    const card = await greet(page);
    const text = await card.innerText();
    assert.match(text, /Är det fara nu\?/);
    assert.match(text, /Ring 112/);
    assert.match(text, /rapportera/);
    await screenshot(page, 'welcome-card');
  });
});
