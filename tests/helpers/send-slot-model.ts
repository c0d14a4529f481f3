import { earliestSendSlot, type RateLimits } from '../../src/domain/send-slots';
import type { SendSlotStore } from '../../src/store/ports';

/**
 * The simplest SendSlotStore there is: every slot kept in memory, in time order, and the pure rule
 * applied to all of them. The contract runs against it to pin the rule down, and against each
 * adapter to show the adapter books what the rule says.
 */
export function sendSlotModel(): SendSlotStore {
  const slots = new Map<string, number[]>();
  const of = (scope: string) => slots.get(scope) ?? slots.set(scope, []).get(scope)!;
  const insert = (list: number[], at: number) => {
    let i = list.length;
    while (i > 0 && list[i - 1] > at) i--;
    list.splice(i, 0, at);
  };
  return {
    async book(conversationKey: string, tenantId: string, now: number, limits: RateLimits, marginMs: number) {
      const conversation = of(`c:${conversationKey}`);
      const tenant = of(`t:${tenantId}`);
      const at = earliestSendSlot({ conversation, tenant }, now, limits, marginMs);
      insert(conversation, at);
      insert(tenant, at);
      return at;
    },
    async release(conversationKey: string, tenantId: string, at: number) {
      for (const list of [of(`c:${conversationKey}`), of(`t:${tenantId}`)]) {
        const i = list.lastIndexOf(at);
        if (i >= 0) list.splice(i, 1);
      }
    },
  };
}
