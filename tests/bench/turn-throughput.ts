/**
 * Scenario `turn-throughput-ratio`: message-turn throughput and latency of Trygg's full pipeline
 * (restify, authentication step, per-conversation queue, teams-ai, SQLite turn state, welcome card,
 * reply over HTTP to a fake Bot Connector) against a bare teams-ai echo app with MemoryStorage,
 * under the same closed-loop load, alternating the two apps round by round in one process run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectDir } from '../../src/project-paths';
import { startTrygg } from '../helpers/trygg-instance';
import { startBareEchoApp } from './bare-echo-app';
import { startLoadDriver, type RoundSpec } from './load-driver';
import type { BenchLine } from './report';
import { measureRound, summarizeRounds, type Round } from './rounds';
import { median, round } from './stats';

/** Load shape of the scenario. */
export interface TurnThroughputOptions {
  /** Requests per app before measuring (JIT, connections, SQLite pages). */
  warmup: number;
  /** Requests per app and round. */
  requests: number;
  concurrency: number;
  /** Distinct personal conversations (one user each) the requests are spread over. */
  conversations: number;
  /** Measured rounds per app. Order alternates per round (bare-Trygg, Trygg-bare, ...) to cancel drift. */
  rounds: number;
  /** Time limit of one round; a round that hits it is reported as truncated. */
  maxRoundMs: number;
}

/** The defaults `npm run bench` uses. */
export const TURN_THROUGHPUT_DEFAULTS: TurnThroughputOptions = {
  // 200 was too few: the bare app's first measured round still ran ~2x the CPU per turn of later ones.
  warmup: 1000,
  requests: 2000,
  concurrency: 16,
  conversations: 64,
  rounds: 5,
  maxRoundMs: 120_000,
};

/** What the scenario measured, plus a memory snapshot taken while both apps were still up. */
export interface ScenarioOutcome {
  lines: BenchLine[];
  memoryAfterLoad: NodeJS.MemoryUsage;
}

const TEXT = 'hjälp';

/**
 * Runs the scenario: starts the fake connector and load worker, the bare echo app and Trygg
 * (in-process, local mode, temporary SQLite file, as the bot tests do), warms both up, measures
 * alternating rounds, and stops everything.
 *
 * @param options - load shape
 * @param progress - receives human-readable progress notes (stderr)
 * @returns the figures `turn-throughput-ratio`, `turn-p50-ms`, `turn-p99-ms` and a memory snapshot
 */
export async function runTurnThroughput(
  options: TurnThroughputOptions,
  progress: (note: string) => void,
): Promise<ScenarioOutcome> {
  const loadAvgBefore = os.loadavg()[0];
  const cleanup: Array<() => Promise<void>> = [];
  try {
    const driver = await startLoadDriver();
    cleanup.push(() => driver.stop());
    const bare = await startBareEchoApp();
    cleanup.push(() => bare.stop());
    // The helper's DEMO_ORGANISATION is resolved from its own folder, which is wrong under dist/.
    const trygg = await startTrygg({ TRYGG_ORG_FILE: path.join(projectDir(), 'config', 'demo-organisation.yml') }, 'warn');
    cleanup.push(async () => {
      await trygg.stop();
      fs.rmSync(path.dirname(trygg.dbFile), { recursive: true, force: true });
    });
    const apps = { bare: bare.messagesUrl, trygg: `${trygg.url}/api/messages` };
    const spec = (targetUrl: string, requests: number): RoundSpec => ({
      targetUrl,
      text: TEXT,
      requests,
      concurrency: options.concurrency,
      conversations: options.conversations,
      maxDurationMs: options.maxRoundMs,
      requestTimeoutMs: 10_000,
    });
    progress(`warm-up: ${options.warmup} requests per app`);
    await measureRound(driver, spec(apps.bare, options.warmup));
    await measureRound(driver, spec(apps.trygg, options.warmup));

    const measured: Record<keyof typeof apps, Round[]> = { bare: [], trygg: [] };
    for (let i = 1; i <= options.rounds; i++) {
      const order: Array<keyof typeof apps> = i % 2 === 1 ? ['bare', 'trygg'] : ['trygg', 'bare'];
      for (const app of order) {
        const r = await measureRound(driver, spec(apps[app], options.requests));
        measured[app].push(r);
        progress(
          `round ${i}/${options.rounds} ${app.padEnd(5)}: ${r.throughput.toFixed(0)} turns/s, ` +
            `p50 ${r.latency.p50.toFixed(1)} ms, p99 ${r.latency.p99.toFixed(1)} ms, cpu ${r.cpuMsPerTurn.toFixed(2)} ms/turn`,
        );
      }
    }
    const memoryAfterLoad = process.memoryUsage();
    const b = summarizeRounds(measured.bare);
    const t = summarizeRounds(measured.trygg);
    const roundRatios = measured.trygg.map((r, i) => round(r.throughput / measured.bare[i].throughput, 3));
    const common = {
      valid: b.failed + t.failed + b.missingReplies + t.missingReplies + b.truncatedRounds + t.truncatedRounds === 0,
      tryggLogErrors: trygg.logs.filter((l) => l.includes('"level":"error"')).length,
      load: {
        requestsPerRound: options.requests,
        rounds: options.rounds,
        warmup: options.warmup,
        concurrency: options.concurrency,
        conversations: options.conversations,
        text: TEXT,
        node: process.version,
        cpus: os.cpus().length,
        loadAvg1mBefore: round(loadAvgBefore),
        loadAvg1mAfter: round(os.loadavg()[0]),
      },
    };
    // No latency target is set; in a closed loop latency ≈ concurrency ÷ throughput, so the
    // throughput goal (≥ 70 % of bare) corresponds to latency ≤ bare's ÷ 0.7.
    const targetBasis = "bare app's figure / 0.7";
    return {
      memoryAfterLoad,
      lines: [
        {
          scenario: 'turn-throughput-ratio',
          value: round(median(measured.trygg.map((r) => r.throughput)) / median(measured.bare.map((r) => r.throughput)), 3),
          unit: 'ratio',
          target: '>= 0.7',
          detail: {
            tryggTurnsPerS: t.turnsPerS,
            bareTurnsPerS: b.turnsPerS,
            roundRatios,
            medianRoundRatio: round(median(roundRatios), 3),
            cpuRatio: round(b.cpuMsPerTurn / t.cpuMsPerTurn, 3),
            trygg: t,
            bare: b,
            ...common,
          },
        },
        {
          scenario: 'turn-p50-ms',
          value: t.p50Ms,
          unit: 'ms',
          target: `<= ${round(b.p50Ms / 0.7)}`,
          detail: { bareP50Ms: b.p50Ms, roundsMs: t.rounds.p50Ms, bareRoundsMs: b.rounds.p50Ms, targetBasis, ...common },
        },
        {
          scenario: 'turn-p99-ms',
          value: t.p99Ms,
          unit: 'ms',
          target: `<= ${round(b.p99Ms / 0.7)}`,
          detail: { bareP99Ms: b.p99Ms, roundsMs: t.rounds.p99Ms, bareRoundsMs: b.rounds.p99Ms, targetBasis, ...common },
        },
      ],
    };
  } finally {
    for (const stop of cleanup.reverse()) await stop().catch((err: unknown) => progress(`cleanup failed: ${String(err)}`));
  }
}
