import { strict as assert } from 'node:assert';
import { earliestSendSlot, slotHorizons, TEAMS_LIMITS } from '../../src/domain/send-slots';
import { sendSlotModel } from '../helpers/send-slot-model';
import { sendSlotStoreContract } from '../store/send-slot-store.contract';

sendSlotStoreContract('in-memory model of the rule', async () => ({ slots: sendSlotModel(), close: async () => {} }));

describe('send slots: the rule', () => {
  it('books now when nothing is booked', () => {
    assert.equal(earliestSendSlot({ conversation: [], tenant: [] }, 1000, TEAMS_LIMITS), 1000);
  });

  it('keeps a conversation in order, but fits a send into a free gap of the tenant', () => {
    const gap = 1000 / 30;
    const slot = (conversation: number[], tenant: number[]) => earliestSendSlot({ conversation, tenant }, 1000, TEAMS_LIMITS);
    const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 0.01, `${what}: ${actual}`);
    near(slot([5000], [5000]), 5000 + 1000 / 7, 'after the conversation’s last slot');
    assert.equal(slot([], [5000]), 1000, 'far from a later tenant slot');
    near(slot([], [1010]), 1010 + gap, 'too close to it');
    near(slot([], [1000, 1000 + 2.5 * gap, 1000 + 5 * gap]), 1000 + gap, 'in a gap with room');
    near(slot([], [1000, 1000 + 1.5 * gap, 1000 + 3 * gap]), 1000 + 4 * gap, 'no gap has room: after the last');
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
