import { strict as assert } from 'node:assert';
import { newDraft, updateDraft, type ReportDraft } from '../../src/domain/report-draft';
import { VersionConflictError, type Store } from '../../src/store/ports';

const DAY = 86_400_000;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const T0 = new Date('2026-11-23T08:00:00Z');

const at = (ms: number) => new Date(T0.getTime() + ms);

/** A draft as the report flow starts it: not yet stored (version 0). */
function draftOf(id: string, userId = ALEX, now = T0, ttlDays = 14): ReportDraft {
  return newDraft({ id, userId, tenantId: TENANT, now, ttlDays, ownUnitId: 'unit-norr-ekbistand' });
}

/**
 * The behaviour every store adapter's draft port must have. Each adapter's test file calls this
 * with a factory that opens a fresh, empty store.
 */
export function draftStoreContract(adapter: string, open: () => Promise<Store>): void {
  describe(`draft store contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => (store = await open()));
    afterEach(async () => store.close());

    describe('save', () => {
      it('inserts a new draft (version 0) and returns it as version 1', async () => {
        const draft = draftOf('d1');
        const saved = await store.drafts.save(draft);
        assert.deepEqual(saved, { ...draft, version: 1 });
        assert.deepEqual(await store.drafts.get('d1'), saved);
        assert.equal(draft.version, 0, 'the draft passed in is not changed');
      });

      it('updates a stored draft on its version and increments it', async () => {
        const v1 = await store.drafts.save(draftOf('d1'));
        const v2 = await store.drafts.save(updateDraft(v1, { forms: 'violence', purpose: 'yes' }, 1, at(60_000), 14));
        const v3 = await store.drafts.save(updateDraft(v2, { place: 'home-visit' }, 1, at(120_000), 14));
        assert.equal(v2.version, 2);
        assert.equal(v3.version, 3);
        const stored = await store.drafts.get('d1');
        assert.deepEqual(stored, v3);
        assert.deepEqual(stored?.raw, {
          occurredDate: '2026-11-23',
          occurredTime: '09:00',
          unitId: 'unit-norr-ekbistand',
          forms: 'violence',
          purpose: 'yes',
          place: 'home-visit',
        });
      });

      it('refuses a stale version with VersionConflictError and changes nothing', async () => {
        const v1 = await store.drafts.save(draftOf('d1'));
        const v2 = await store.drafts.save(updateDraft(v1, { forms: 'violence' }, 1, at(60_000), 14));
        const stale = updateDraft(v1, { forms: 'bribe', description: 'skrivet i en gammal flik' }, 2, at(120_000), 14);
        await assert.rejects(store.drafts.save(stale), (err: unknown) => {
          assert.ok(err instanceof VersionConflictError);
          assert.equal(err.entity, 'draft');
          assert.equal(err.id, 'd1');
          return true;
        });
        assert.deepEqual(await store.drafts.get('d1'), v2, 'the losing save changed nothing');
      });

      it('refuses a version ahead of the stored one', async () => {
        const v1 = await store.drafts.save(draftOf('d1'));
        await assert.rejects(store.drafts.save({ ...v1, version: 5 }), VersionConflictError);
        assert.deepEqual(await store.drafts.get('d1'), v1);
      });

      it('refuses a second insert (version 0) of an id that exists', async () => {
        const v1 = await store.drafts.save(draftOf('d1'));
        await assert.rejects(store.drafts.save({ ...draftOf('d1', MEGAN), raw: { forms: 'other' } }), VersionConflictError);
        assert.deepEqual(await store.drafts.get('d1'), v1);
      });

      it('refuses an update of a draft that was never stored', async () => {
        await assert.rejects(store.drafts.save({ ...draftOf('ghost'), version: 1 }), VersionConflictError);
        assert.equal(await store.drafts.get('ghost'), undefined);
      });

      it('lets exactly one of two saves based on the same version win', async () => {
        const v1 = await store.drafts.save(draftOf('d1'));
        const results = await Promise.allSettled([
          store.drafts.save(updateDraft(v1, { forms: 'violence' }, 1, at(1000), 14)),
          store.drafts.save(updateDraft(v1, { forms: 'damage' }, 1, at(2000), 14)),
        ]);
        const won = results.filter((r): r is PromiseFulfilledResult<ReportDraft> => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.equal(won.length, 1);
        assert.equal(lost.length, 1);
        assert.ok(lost[0].reason instanceof VersionConflictError);
        assert.deepEqual(await store.drafts.get('d1'), won[0].value);
      });

      it('keeps text exactly as typed, including quotes, markup and non-ASCII', async () => {
        const raw = { description: `"'; DROP TABLE report_drafts; -- <script>x</script> \${x} [a](b) åäö 😀 \u0000` };
        const saved = await store.drafts.save({ ...draftOf('d1'), raw });
        assert.deepEqual((await store.drafts.get('d1'))?.raw, raw);
        assert.equal(saved.raw.description, raw.description);
      });
    });

    describe('get', () => {
      it('returns undefined for an unknown id', async () => {
        assert.equal(await store.drafts.get('nope'), undefined);
      });
    });

    describe('findOpen', () => {
      it('returns the person’s newest open draft', async () => {
        await store.drafts.save(draftOf('old', ALEX, at(0)));
        const newer = await store.drafts.save(draftOf('newer', ALEX, at(60_000)));
        await store.drafts.save(draftOf('megan', MEGAN, at(120_000)));
        assert.deepEqual(await store.drafts.findOpen(ALEX, at(180_000)), newer);
      });

      it('follows the last update, not the creation', async () => {
        const first = await store.drafts.save(draftOf('first', ALEX, at(0)));
        await store.drafts.save(draftOf('second', ALEX, at(60_000)));
        const touched = await store.drafts.save(updateDraft(first, { forms: 'harassment' }, 1, at(120_000), 14));
        assert.deepEqual(await store.drafts.findOpen(ALEX, at(180_000)), touched);
      });

      it('returns nothing for a person without drafts', async () => {
        await store.drafts.save(draftOf('d1', ALEX));
        assert.equal(await store.drafts.findOpen(MEGAN, at(1000)), undefined);
      });

      it('skips expired drafts', async () => {
        const older = await store.drafts.save(draftOf('older', ALEX, at(0), 14));
        await store.drafts.save(draftOf('short-lived', ALEX, at(60_000), 1));
        assert.equal((await store.drafts.findOpen(ALEX, at(2 * DAY)))?.id, older.id, 'the newer one has expired');
        assert.equal(await store.drafts.findOpen(ALEX, at(15 * DAY)), undefined, 'both expired');
      });

      it('treats a draft as expired at its expiry instant', async () => {
        const d = await store.drafts.save(draftOf('d1', ALEX, at(0), 1));
        const expiry = new Date(d.expiresAt).getTime();
        assert.equal((await store.drafts.findOpen(ALEX, new Date(expiry - 1)))?.id, 'd1');
        assert.equal(await store.drafts.findOpen(ALEX, new Date(expiry)), undefined);
      });

      it('skips submitted drafts', async () => {
        const open = await store.drafts.save(draftOf('open', ALEX, at(0)));
        const sent = await store.drafts.save(draftOf('sent', ALEX, at(60_000)));
        await store.drafts.save({ ...sent, submittedIncidentId: 'inc-sent' });
        assert.deepEqual(await store.drafts.findOpen(ALEX, at(120_000)), open);
        assert.equal((await store.drafts.get('sent'))?.submittedIncidentId, 'inc-sent', 'still readable by id');
      });
    });

    describe('discard', () => {
      it('removes an open draft and ignores unknown ids', async () => {
        await store.drafts.save(draftOf('d1'));
        await store.drafts.save(draftOf('d2'));
        await store.drafts.discard('d1');
        await store.drafts.discard('never-existed');
        assert.equal(await store.drafts.get('d1'), undefined);
        assert.ok(await store.drafts.get('d2'));
        assert.equal((await store.drafts.findOpen(ALEX, at(1000)))?.id, 'd2');
      });

      it('keeps a submitted draft as the receipt', async () => {
        const v1 = await store.drafts.save(draftOf('d1'));
        const submitted = await store.drafts.save({ ...v1, submittedIncidentId: 'inc-d1' });
        await store.drafts.discard('d1');
        assert.deepEqual(await store.drafts.get('d1'), submitted);
      });

      it('lets the id be used for a new draft afterwards', async () => {
        await store.drafts.save(draftOf('d1'));
        await store.drafts.discard('d1');
        const again = await store.drafts.save(draftOf('d1', ALEX, at(1000)));
        assert.equal(again.version, 1);
      });
    });

    describe('purgeExpired', () => {
      it('removes only unsubmitted drafts past their expiry and counts them', async () => {
        await store.drafts.save(draftOf('expired-a', ALEX, at(0), 1));
        await store.drafts.save(draftOf('expired-b', MEGAN, at(0), 2));
        await store.drafts.save(draftOf('alive', ALEX, at(0), 30));
        const sent = await store.drafts.save(draftOf('sent-expired', MEGAN, at(0), 1));
        await store.drafts.save({ ...sent, submittedIncidentId: 'inc-sent-expired' });

        assert.equal(await store.drafts.purgeExpired(at(3 * DAY)), 2);
        assert.equal(await store.drafts.get('expired-a'), undefined);
        assert.equal(await store.drafts.get('expired-b'), undefined);
        assert.ok(await store.drafts.get('alive'));
        assert.equal((await store.drafts.get('sent-expired'))?.submittedIncidentId, 'inc-sent-expired');
        assert.equal(await store.drafts.purgeExpired(at(3 * DAY)), 0, 'nothing left to purge');
      });

      it('removes a draft exactly at its expiry, not a millisecond before', async () => {
        const d = await store.drafts.save(draftOf('d1', ALEX, at(0), 1));
        const expiry = new Date(d.expiresAt).getTime();
        assert.equal(await store.drafts.purgeExpired(new Date(expiry - 1)), 0);
        assert.ok(await store.drafts.get('d1'));
        assert.equal(await store.drafts.purgeExpired(new Date(expiry)), 1);
        assert.equal(await store.drafts.get('d1'), undefined);
      });

      it('spares a draft whose life was extended by a later save', async () => {
        const v1 = await store.drafts.save(draftOf('d1', ALEX, at(0), 1));
        await store.drafts.save(updateDraft(v1, { forms: 'other' }, 1, at(DAY - 1000), 1));
        assert.equal(await store.drafts.purgeExpired(at(DAY + 1000)), 0);
        assert.ok(await store.drafts.get('d1'));
      });
    });
  });
}
