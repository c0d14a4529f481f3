/**
 * One measured round of load against one app, and the summary of several rounds.
 */
import { performance } from 'node:perf_hooks';
import type { LoadDriver, RoundSpec } from './load-driver';
import { median, round, summarize, type LatencySummary } from './stats';

/** What one round measured. */
export interface Round {
  /** Successful turns per second. */
  throughput: number;
  latency: LatencySummary;
  failed: number;
  /** Successful requests whose reply did not reach the fake connector. */
  missingReplies: number;
  truncated: boolean;
  /** Busy fraction of the app's (main) thread's event loop (includes time the OS took the CPU away). */
  appElu: number;
  /** Busy fraction of the load worker's event loop. */
  workerElu: number;
  /**
   * CPU time of the whole process (app, load worker, fake connector) per successful turn.
   * Unlike throughput, it hardly changes when other processes compete for the CPU.
   */
  cpuMsPerTurn: number;
}

/**
 * Applies one round of load and measures it from the app's side too.
 *
 * @param driver - the load worker
 * @param spec - the round's load
 * @returns the round's figures
 */
export async function measureRound(driver: LoadDriver, spec: RoundSpec): Promise<Round> {
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const r = await driver.run(spec);
  const cpuUsed = process.cpuUsage(cpu);
  return {
    throughput: r.succeeded / (r.elapsedMs / 1000),
    latency: summarize(r.latenciesMs),
    failed: r.failed,
    missingReplies: r.succeeded - r.replies,
    truncated: r.truncated,
    appElu: performance.eventLoopUtilization(elu).utilization,
    workerElu: r.workerElu,
    cpuMsPerTurn: (cpuUsed.user + cpuUsed.system) / 1000 / Math.max(1, r.succeeded),
  };
}

/** Medians over rounds, with the per-round figures to show the spread. */
export interface RoundsSummary {
  turnsPerS: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerTurn: number;
  rounds: {
    turnsPerS: number[];
    p50Ms: number[];
    p99Ms: number[];
    maxMs: number[];
    cpuMsPerTurn: number[];
    appThreadBusy: number[];
    loadThreadBusy: number[];
  };
  failed: number;
  missingReplies: number;
  truncatedRounds: number;
}

/**
 * Summarises the rounds of one app: medians over rounds, per-round lists, error counts.
 *
 * @param rounds - the measured rounds (not warm-up)
 * @returns the summary
 */
export function summarizeRounds(rounds: readonly Round[]): RoundsSummary {
  const each = (f: (r: Round) => number, digits = 2) => rounds.map((r) => round(f(r), digits));
  const med = (f: (r: Round) => number, digits = 2) => round(median(rounds.map(f)), digits);
  return {
    turnsPerS: med((r) => r.throughput, 1),
    p50Ms: med((r) => r.latency.p50),
    p99Ms: med((r) => r.latency.p99),
    cpuMsPerTurn: med((r) => r.cpuMsPerTurn, 3),
    rounds: {
      turnsPerS: each((r) => r.throughput, 1),
      p50Ms: each((r) => r.latency.p50),
      p99Ms: each((r) => r.latency.p99),
      maxMs: each((r) => r.latency.max),
      cpuMsPerTurn: each((r) => r.cpuMsPerTurn, 3),
      appThreadBusy: each((r) => r.appElu),
      loadThreadBusy: each((r) => r.workerElu),
    },
    failed: rounds.reduce((n, r) => n + r.failed, 0),
    missingReplies: rounds.reduce((n, r) => n + r.missingReplies, 0),
    truncatedRounds: rounds.filter((r) => r.truncated).length,
  };
}
