/**
 * Scenario `notify-drain-ratio`: a backlog of notifications (1,000 incidents → 2,000 sends over
 * 10 managers' personal chats and 10 district channels) is written while the outbox dispatcher is
 * stopped; the time from waking it to an empty outbox is compared with the least time the
 * configured rate limits allow (drain-bounds.ts). The fake connector runs in a process of its own
 * and injects no faults.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Organisation } from '../../src/domain/organisation';
import { drained, maxInWindow, prepareConversations, submitIncidents, writeDeliveryOrganisation } from '../helpers/delivery-setup';
import { spawnConnector } from '../helpers/fake-connector-process';
import { startTrygg } from '../helpers/trygg-instance';
import type { DrainLimits } from './drain-bounds';

/** Shape of the scenario. */
export interface NotifyDrainOptions {
  /** Districts: each has a manager (1:1 chat) and a linked channel, so 2 conversations each. */
  districts: number;
  /** Incidents in the backlog; each notifies its district's manager and channel. */
  incidents: number;
  /** Measured drains, each with a fresh Trygg and store. */
  rounds: number;
  /** Send limits, scaled from Teams' 7 / 60 / 30 so that the drain takes seconds. */
  limits: DrainLimits;
}

/** The defaults `npm run bench` uses: Teams' limits × 10. */
export const NOTIFY_DRAIN_DEFAULTS: NotifyDrainOptions = {
  districts: 10,
  incidents: 1000,
  rounds: 3,
  limits: { perConversationPerSecond: 70, perConversationPer30s: 600, perTenantPerSecond: 300 },
};

/** What one drain measured. */
export interface DrainRound {
  /** From waking the dispatcher to `drained` (which polls every 100 ms). */
  drainMs: number;
  queued: number;
  sends: number;
  conversations: number;
  /** Times of the first and last accepted send after the wake, as the connector saw them. */
  firstSendMs: number;
  lastSendMs: number;
  /** Most sends the connector saw in any window, against the limits. */
  peaks: { tenant1s: number; conversation1s: number; conversation30s: number };
  outboxAfter: { pending: number; dead: number };
  /** Busy fraction of Trygg's event loop and CPU ms per send during the drain. */
  appThreadBusy: number;
  cpuMsPerSend: number;
  logErrors: number;
  /** The first error logged, if any. */
  firstLogError?: string;
}

/**
 * Runs one drain: connector process, Trygg with the scaled limits, conversations installed and
 * linked, backlog written with the dispatcher stopped, then the dispatcher started (what `wake()`
 * does, `schedule(0)`; `wake()` itself is ignored while stopped) and timed until the outbox is empty.
 *
 * @param options - scenario shape
 * @param timeoutMs - give up after this long
 * @returns the round's figures
 */
export async function runDrainRound(options: NotifyDrainOptions, timeoutMs = 120_000): Promise<DrainRound> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-bench-drain-'));
  const connector = await spawnConnector(12_000);
  try {
    const { file, org } = writeDeliveryOrganisation(dir, options.districts);
    const l = options.limits;
    const bot = await startTrygg({
      TRYGG_ORG_FILE: file,
      TRYGG_SQLITE_PATH: path.join(dir, 'trygg.db'),
      TRYGG_SEND_PER_CONVERSATION_PER_SECOND: String(l.perConversationPerSecond),
      TRYGG_SEND_PER_CONVERSATION_PER_30S: String(l.perConversationPer30s),
      TRYGG_SEND_PER_TENANT_PER_SECOND: String(l.perTenantPerSecond),
    });
    try {
      return await drainOnce(bot, connector, org, options, timeoutMs);
    } finally {
      await bot.stop();
    }
  } finally {
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function drainOnce(
  bot: Awaited<ReturnType<typeof startTrygg>>,
  connector: Awaited<ReturnType<typeof spawnConnector>>,
  org: Organisation,
  options: NotifyDrainOptions,
  timeoutMs: number,
): Promise<DrainRound> {
  const { store, dispatcher } = bot.trygg;
  await prepareConversations(bot, connector.serviceUrl, options.districts);
  await dispatcher.stop();
  await submitIncidents(store, org, options.incidents, options.districts, new Date());
  const queued = (await store.outbox.stats()).pending;
  const before = await connector.log();

  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const wakeAt = Date.now();
  const t0 = performance.now();
  dispatcher.start();
  await drained(store, timeoutMs);
  const drainMs = performance.now() - t0;
  const appThreadBusy = performance.eventLoopUtilization(elu).utilization;
  const cpuUsed = process.cpuUsage(cpu);

  const log = await connector.log();
  const calls = log.calls.slice(before.calls.length);
  const attempts = log.attempts.slice(before.attempts.length);
  const byConversation = new Map<string, number[]>();
  for (const a of attempts) byConversation.set(a.conversationId, [...(byConversation.get(a.conversationId) ?? []), a.at]);
  const peakOf = (ms: number) => Math.max(0, ...[...byConversation.values()].map((times) => maxInWindow(times, ms)));
  const times = calls.map((c) => c.at - wakeAt);
  const stats = await store.outbox.stats();
  return {
    drainMs,
    queued,
    sends: calls.length,
    conversations: new Set(calls.map((c) => c.conversationId)).size,
    firstSendMs: Math.min(...times),
    lastSendMs: Math.max(...times),
    peaks: { tenant1s: maxInWindow(attempts.map((a) => a.at), 1000), conversation1s: peakOf(1000), conversation30s: peakOf(30_000) },
    outboxAfter: { pending: stats.pending, dead: stats.dead },
    appThreadBusy,
    cpuMsPerSend: (cpuUsed.user + cpuUsed.system) / 1000 / Math.max(1, calls.length),
    logErrors: bot.logs.filter((line) => line.includes('"level":"error"')).length,
    firstLogError: bot.logs.find((line) => line.includes('"level":"error"'))?.slice(0, 300),
  };
}
