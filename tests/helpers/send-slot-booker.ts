/**
 * A separate process that books send slots on a SQLite file (tests of slots shared between
 * processes). Arguments: file, now (ms), name, limits (JSON), start time (ms). It waits for the
 * start time, so that two of them book at once, books 120 slots for four conversations of one
 * tenant, sends the booked times to its parent and exits. It ends itself after 30 s in any case.
 */
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';

async function main(): Promise<void> {
  const [file, now, , limits, startAt] = process.argv.slice(2);
  setTimeout(() => process.exit(2), 30_000).unref();
  const store = openSqliteStore(file);
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  const times: number[] = [];
  for (let i = 0; i < 120; i++) {
    times.push(await store.sendSlots.book(`conv-${i % 4}`, 'tenant', Number(now), JSON.parse(limits), 0));
    // Let the other process take the lock between bookings.
    await new Promise((r) => setTimeout(r, 1));
  }
  await store.close();
  process.send!(times, () => process.exit(0));
}

void main();
