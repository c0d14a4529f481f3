/**
 * `npm run bench`: runs the benchmark scenarios and prints one JSON object per line on stdout,
 * one line per figure (DESIGN.md, "Benchmark output"). Progress notes go to stderr.
 * Use `npm run -s bench` when reading stdout with a tool: without `-s`, npm adds its own banner lines.
 *
 * Load shape can be changed for experiments with BENCH_REQUESTS, BENCH_ROUNDS, BENCH_WARMUP,
 * BENCH_CONCURRENCY and BENCH_CONVERSATIONS (turn throughput), BENCH_REPORTERS, BENCH_REPORTS and
 * BENCH_REPORT_WARMUP (report invokes), BENCH_MANAGER_CASES (manager invokes), BENCH_DRAIN_ROUNDS (notification drain),
 * BENCH_LAGESBILD_SIZES (comma-separated incident counts), BENCH_LAGESBILD_SAMPLES and
 * BENCH_LAGESBILD_FRESH=1 (refill the cached files under the OS temp folder) for the lägesbild;
 * BENCH_ONLY (comma-separated: turn, report, manager, drain, lagesbild) runs a subset. The defaults are what
 * the figures are compared at.
 */
import { runNotifyDrain } from './notify-drain-lines';
import { NOTIFY_DRAIN_DEFAULTS } from './notify-drain';
import { LAGESBILD_DEFAULTS, runLagesbild } from './lagesbild';
import { MANAGER_INVOKE_DEFAULTS, runManagerInvoke } from './manager-invoke';
import { formatLine, meetsTarget, type BenchLine } from './report';
import { REPORT_INVOKE_DEFAULTS, runReportInvoke } from './report-invoke';
import { round } from './stats';
import { runTurnThroughput, TURN_THROUGHPUT_DEFAULTS, type TurnThroughputOptions } from './turn-throughput';

/**
 * The whole run is cut off after this long; nothing here should take more than a few minutes,
 * except the first lägesbild run, which fills its 1M-incident file once (later runs reuse it).
 */
const HARD_LIMIT_MS = 20 * 60_000;

/**
 * Reads a positive whole number from the environment.
 *
 * @param env - the environment
 * @param name - variable name
 * @param fallback - value when unset
 * @returns the number
 */
function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number (got "${raw}")`);
  return value;
}

/**
 * The load shape: the defaults, overridden by BENCH_* variables.
 *
 * @param env - the environment
 * @returns the options
 */
function turnOptions(env: NodeJS.ProcessEnv): TurnThroughputOptions {
  const d = TURN_THROUGHPUT_DEFAULTS;
  return {
    ...d,
    warmup: positiveInt(env, 'BENCH_WARMUP', d.warmup),
    requests: positiveInt(env, 'BENCH_REQUESTS', d.requests),
    rounds: positiveInt(env, 'BENCH_ROUNDS', d.rounds),
    concurrency: positiveInt(env, 'BENCH_CONCURRENCY', d.concurrency),
    conversations: positiveInt(env, 'BENCH_CONVERSATIONS', d.conversations),
  };
}

function progress(note: string): void {
  process.stderr.write(`[bench] ${note}\n`);
}

function print(line: BenchLine): void {
  process.stdout.write(formatLine(line) + '\n');
  const ok = meetsTarget(line.value, line.target);
  progress(`${line.scenario} = ${line.value} ${line.unit} (target ${line.target}${ok === undefined ? '' : ok ? ', met' : ', NOT met'})`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const env = process.env;
  const only = new Set((env.BENCH_ONLY ?? 'turn,report,manager,drain,lagesbild').split(',').map((s) => s.trim()));
  if (only.has('turn')) await turnScenario(env);
  if (only.has('report')) {
    const d = REPORT_INVOKE_DEFAULTS;
    const lines = await runReportInvoke(
      {
        reporters: positiveInt(env, 'BENCH_REPORTERS', d.reporters),
        warmupReports: positiveInt(env, 'BENCH_REPORT_WARMUP', d.warmupReports),
        reports: positiveInt(env, 'BENCH_REPORTS', d.reports),
        soloReports: d.soloReports,
      },
      progress,
    );
    lines.forEach(print);
  }
  if (only.has('manager')) {
    const d = MANAGER_INVOKE_DEFAULTS;
    (await runManagerInvoke({ ...d, cases: positiveInt(env, 'BENCH_MANAGER_CASES', d.cases) }, progress)).forEach(print);
  }
  if (only.has('drain')) {
    const d = NOTIFY_DRAIN_DEFAULTS;
    (await runNotifyDrain({ ...d, rounds: positiveInt(env, 'BENCH_DRAIN_ROUNDS', d.rounds) }, progress)).forEach(print);
  }
  if (only.has('lagesbild')) {
    const d = LAGESBILD_DEFAULTS;
    const sizes = env.BENCH_LAGESBILD_SIZES ? env.BENCH_LAGESBILD_SIZES.split(',').map((s) => positiveInt({ n: s.trim() }, 'n', 0)) : d.sizes;
    const options = { ...d, sizes, samples: positiveInt(env, 'BENCH_LAGESBILD_SAMPLES', d.samples), fresh: env.BENCH_LAGESBILD_FRESH === '1' };
    (await runLagesbild(options, progress)).forEach(print);
  }
  progress(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Turn throughput against the bare app, then the memory figure taken while both were up. */
async function turnScenario(env: NodeJS.ProcessEnv): Promise<void> {
  const rssBeforeLoad = process.memoryUsage().rss;
  const options = turnOptions(env);
  progress(`turn-throughput: ${options.rounds} rounds × ${options.requests} requests per app, concurrency ${options.concurrency}, ${options.conversations} conversations`);
  const turns = await runTurnThroughput(options, progress);
  turns.lines.forEach(print);

  const mem = turns.memoryAfterLoad;
  const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
  print({
    scenario: 'rss-mb-after-load',
    value: mb(mem.rss),
    unit: 'MB',
    target: '<= 250',
    detail: {
      rssBeforeLoadMb: mb(rssBeforeLoad),
      heapUsedMb: mb(mem.heapUsed),
      heapTotalMb: mb(mem.heapTotal),
      externalMb: mb(mem.external),
      measuredAfter: 'turn-throughput',
      includes: 'Trygg, the bare echo app, the load worker and the fake connector (one process)',
      node: process.version,
    },
  });
}

const guard = setTimeout(() => {
  progress(`hard limit of ${HARD_LIMIT_MS / 1000} s reached; exiting`);
  process.exit(2);
}, HARD_LIMIT_MS);
guard.unref();

main().then(
  () => {
    clearTimeout(guard);
    // Everything was stopped; if some library still holds a handle, do not hang.
    setTimeout(() => process.exit(process.exitCode ?? 0), 5_000).unref();
  },
  (err: unknown) => {
    progress(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
