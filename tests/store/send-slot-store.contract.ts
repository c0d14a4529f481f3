import { strict as assert } from 'node:assert';
import { TEAMS_LIMITS } from '../../src/domain/send-slots';
import type { SendSlotStore } from '../../src/store/ports';
import { maxInWindow } from '../helpers/delivery-setup';

const T0 = Date.parse('2026-12-07T10:00:00Z');

/**
 * The behaviour every send slot store must have (Teams' limits, booked). Each adapter's test file
 * calls this with a factory that opens a fresh, empty store; `close` releases it.
 */
export function sendSlotStoreContract(adapter: string, open: () => Promise<{ slots: SendSlotStore; close: () => Promise<void> }>): void {
  describe(`send slot store contract: ${adapter}`, () => {
    let slots: SendSlotStore;
    let close: () => Promise<void>;
    beforeEach(async () => ({ slots, close } = await open()));
    afterEach(async () => close());

    const bookMany = async (count: number, conversation: (i: number) => string, now = T0, tenant = 'tenant') => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) times.push(await slots.book(conversation(i), tenant, now, TEAMS_LIMITS, 0));
      return times;
    };

    it('paces sends to one conversation evenly at 7 per second, without bursts', async () => {
      const times = await bookMany(20, () => 'conv');
      assert.equal(times[0], T0, 'the first goes at once');
      for (let i = 1; i < times.length; i++) assert.ok(Math.abs(times[i] - times[i - 1] - 1000 / 7) < 0.01, `gap ${i}`);
      assert.ok(maxInWindow(times, 1000) <= 7);
    });

    it('keeps windows widened by the margin', async () => {
      const limits = { perConversationPerSecond: 10, perConversationPer30s: 1000, perTenantPerSecond: 1000 };
      const times: number[] = [];
      for (let i = 0; i < 30; i++) times.push(await slots.book('conv', 'tenant', T0, limits, 250));
      assert.ok(maxInWindow(times, 1250) <= 10);
    });

    it('never books more than 60 in 30 s on one conversation', async () => {
      const times = await bookMany(150, () => 'conv');
      assert.ok(maxInWindow(times, 30_000) <= 60, `max ${maxInWindow(times, 30_000)}`);
      assert.ok(maxInWindow(times, 1000) <= 7);
      assert.ok(times[60] >= T0 + 30_000, 'the 61st waits for the first to leave the 30 s window');
    });

    it('never books more than 30 per second for a tenant across conversations', async () => {
      const times = (await bookMany(300, (i) => `conv-${i % 20}`)).sort((a, b) => a - b);
      assert.ok(maxInWindow(times, 1000) <= 30);
      // Each of the 299 gaps is a microsecond longer than 33.3 ms (against rounding).
      assert.ok(Math.abs(times[299] - T0 - 299 * (1000 / 30)) < 1, '300 sends at 30/s, evenly paced');
    });

    it('keeps tenants apart', async () => {
      await bookMany(30, (i) => `a-${i}`, T0, 'tenant-a');
      assert.equal(await slots.book('b-1', 'tenant-b', T0, TEAMS_LIMITS, 0), T0);
    });

    it('does not hold back a send when the window has passed', async () => {
      await bookMany(7, () => 'conv');
      assert.equal(await slots.book('conv', 'tenant', T0 + 5000, TEAMS_LIMITS, 0), T0 + 5000);
    });

    it('does not pace one conversation by another', async () => {
      await slots.book('a', 'tenant', T0, TEAMS_LIMITS, 0);
      assert.ok(Math.abs((await slots.book('b', 'tenant', T0, TEAMS_LIMITS, 0)) - T0 - 1000 / 30) < 0.01, 'only the tenant spacing applies');
    });

    it('does not hold the tenant back behind a conversation that waits for its 30 s window', async () => {
      const busy = await bookMany(61, () => 'busy');
      assert.ok(busy[60] >= T0 + 30_000, 'the 61st send to the busy conversation waits for its window');
      const other = await slots.book('other', 'tenant', T0 + 9000, TEAMS_LIMITS, 0);
      assert.equal(other, T0 + 9000, 'another conversation sends now, between the tenant’s slots');
    });

    it('keeps every limit over a long mixed run of bookings, releases and waits', async () => {
      let seed = 12345;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const kept = new Map<string, number[]>();
      let now = T0;
      for (let i = 0; i < 1500; i++) {
        now += Math.floor(random() * 40);
        const conversation = random() < 0.3 ? 'hot' : `c-${Math.floor(random() * 12)}`;
        const at = await slots.book(conversation, 'tenant', now, TEAMS_LIMITS, 0);
        assert.ok(at >= now, 'never in the past');
        if (random() < 0.1) await slots.release(conversation, 'tenant', at);
        else kept.set(conversation, [...(kept.get(conversation) ?? []), at]);
      }
      const all = [...kept.values()].flat();
      assert.ok(maxInWindow(all, 1000) <= 30, `tenant: ${maxInWindow(all, 1000)} in a second`);
      for (const [conversation, times] of kept) {
        assert.ok(maxInWindow(times, 1000) <= 7, `${conversation}: ${maxInWindow(times, 1000)} in a second`);
        assert.ok(maxInWindow(times, 30_000) <= 60, `${conversation}: ${maxInWindow(times, 30_000)} in 30 s`);
      }
      assert.ok(kept.get('hot')!.length > 300, 'the hot conversation was held by its 30 s window');
    });

    it('frees a released slot for the next booking', async () => {
      const first = await slots.book('conv', 'tenant', T0, TEAMS_LIMITS, 0);
      const second = await slots.book('conv', 'tenant', T0, TEAMS_LIMITS, 0);
      assert.ok(second > first, 'the second is paced');
      await slots.release('conv', 'tenant', second);
      await slots.release('conv', 'tenant', first);
      assert.equal(await slots.book('conv', 'tenant', T0 + 10, TEAMS_LIMITS, 0), T0 + 10, 'released slots can be booked again at once');
    });

    it('releases only the slot given back', async () => {
      const first = await slots.book('conv', 'tenant', T0, TEAMS_LIMITS, 0);
      const second = await slots.book('conv', 'tenant', T0, TEAMS_LIMITS, 0);
      await slots.release('conv', 'tenant', second);
      const again = await slots.book('conv', 'tenant', T0, TEAMS_LIMITS, 0);
      assert.ok(Math.abs(again - first - 1000 / 7) < 0.01, 'the first slot still paces the next');
    });
  });
}
