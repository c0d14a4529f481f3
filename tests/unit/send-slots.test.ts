import { strict as assert } from 'node:assert';
import { earliestSendSlot, slotHorizons, TEAMS_LIMITS } from '../../src/domain/send-slots';
import { sendSlotModel } from '../helpers/send-slot-model';
import { sendSlotStoreContract } from '../store/send-slot-store.contract';

sendSlotStoreContract('in-memory model of the rule', async () => ({ slots: sendSlotModel(), close: async () => {} }));

describe('send slots: the rule', () => {
  it('books now when nothing is booked', () => {
    assert.equal(earliestSendSlot({ conversation: [], tenant: [] }, 1000, TEAMS_LIMITS), 1000);
  });

  it('never books before a slot already booked in either scope', () => {
    assert.equal(earliestSendSlot({ conversation: [], tenant: [5000] }, 1000, TEAMS_LIMITS), 5000 + 1000 / 30);
    assert.equal(earliestSendSlot({ conversation: [5000], tenant: [] }, 1000, TEAMS_LIMITS), 5000 + 1000 / 7);
  });

  it('ignores slots older than the horizons (they neither fill a window nor space a send)', () => {
    const now = 100_000;
    const h = slotHorizons(0);
    const old = { conversation: Array.from({ length: 60 }, (_, i) => now - h.conversationMs - i), tenant: [now - h.tenantMs] };
    assert.equal(earliestSendSlot(old, now, TEAMS_LIMITS), now);
  });

  it('counts a slot just inside the 30 s window', () => {
    const now = 100_000;
    const conversation = Array.from({ length: 60 }, (_, i) => now - 29_999 + i * 200);
    const at = earliestSendSlot({ conversation, tenant: [] }, now, TEAMS_LIMITS);
    assert.ok(at >= conversation[0] + 30_000, `waits for the oldest to leave the window (${at - now} ms)`);
  });
});
