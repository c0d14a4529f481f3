/**
 * `lagesbild-p95-ms-1m` and `lagesbild-scale-ratio`: the latency of `LagesbildService.lagesbild`
 * with 10k, 100k and 1M stored incidents in the embedded store, for one district and the whole
 * city, over the last 30 days and the last 365 days (city security asking). The files are filled
 * once by the bulk path of `lagesbild-fill.ts` and kept under the OS temp folder, keyed by a data
 * version, so later runs only measure. All sizes are open at once and measured in turns (each
 * round asks every request of every size), so that a busy machine slows them alike and the ratio
 * compares like with like.
 */
import * as fs from 'node:fs';
import { fixedDirectory } from '../../src/directory/directory';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePeriod, type Period } from '../../src/domain/period';
import { LagesbildService } from '../../src/services/lagesbild-service';
import { openDatabase } from '../../src/store/sqlite/database';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { benchOrganisation } from './lagesbild-data';
import { bulkFill, openForFill } from './lagesbild-fill';
import type { BenchLine } from './report';
import { round, summarize, type LatencySummary } from './stats';

/** Change when the generator or the schema changes: cached files of another version are refilled. */
export const LAGESBILD_DATA_VERSION = 'v2';

/** The end of the generated history, and the clock of the service. */
export const BENCH_NOW = new Date('2026-11-23T10:00:00Z');

/** Scenario shape. */
export interface LagesbildBenchOptions {
  sizes: number[];
  /** Timed requests per kind of request (four kinds). */
  samples: number;
  /** Untimed requests per kind first. */
  warmup: number;
  /** Fill anew even when a cached file of this version exists. */
  fresh: boolean;
  /** Where the filled files are kept. */
  dir: string;
}

export const LAGESBILD_DEFAULTS: LagesbildBenchOptions = {
  sizes: [10_000, 100_000, 1_000_000],
  samples: 100,
  warmup: 10,
  fresh: false,
  dir: os.tmpdir(),
};

interface Request {
  name: string;
  period: Period;
  districtId?: string;
}

interface SizeResult {
  size: number;
  all: LatencySummary;
  byRequest: Record<string, LatencySummary>;
  firstCallMs: number;
  fill: { cached: boolean; seconds?: number; method: string };
  fileMb: number;
  checks: { cityYearTotal: number | string; expectedCityYear: number; ok: boolean };
  loadAvg1m: number;
}

/**
 * Runs the scenario for every size.
 *
 * @param options - sizes, samples, cache
 * @param progress - human-readable notes (stderr)
 * @returns `lagesbild-p95-ms-<size>` per size, and `lagesbild-scale-ratio` (largest ÷ smallest)
 */
export async function runLagesbild(options: LagesbildBenchOptions, progress: (note: string) => void): Promise<BenchLine[]> {
  const results = await measureSizes(options, progress);
  const lines: BenchLine[] = results.map((r) => ({
    scenario: `lagesbild-p95-ms-${label(r.size)}`,
    value: round(r.all.p95, 2),
    unit: 'ms',
    target: '<= 200',
    detail: detailOf(r, options),
  }));
  const small = results[0];
  const large = results[results.length - 1];
  if (results.length >= 2) {
    lines.push({
      scenario: 'lagesbild-scale-ratio',
      value: round(large.all.p95 / small.all.p95, 2),
      unit: 'ratio',
      target: '<= 3',
      detail: {
        of: `p95 at ${label(large.size)} ÷ p95 at ${label(small.size)}, measured in turns in the same rounds`,
        p95Ms: Object.fromEntries(results.map((r) => [label(r.size), round(r.all.p95, 3)])),
        p50Ms: Object.fromEntries(results.map((r) => [label(r.size), round(r.all.p50, 3)])),
        ratioOfMedians: round(large.all.p50 / small.all.p50, 2),
        perRequestP95Ratio: Object.fromEntries(
          Object.keys(small.byRequest).map((k) => [k, round(large.byRequest[k].p95 / small.byRequest[k].p95, 2)]),
        ),
        loadAvg1m: round(os.loadavg()[0]),
        cpus: os.cpus().length,
      },
    });
  }
  return lines;
}

async function measureSizes(options: LagesbildBenchOptions, progress: (note: string) => void): Promise<SizeResult[]> {
  const files = options.sizes.map((size) => {
    const file = path.join(options.dir, `trygg-bench-lagesbild-${LAGESBILD_DATA_VERSION}-${label(size)}.db`);
    return { size, file, fill: ensureFilled(file, size, options.fresh, progress) };
  });
  const org = benchOrganisation();
  const p30 = parsePeriod('30d', BENCH_NOW)!;
  const p365 = parsePeriod('365d', BENCH_NOW)!;
  const requests: Request[] = [
    { name: 'district-30d', period: p30, districtId: 'd03' },
    { name: 'district-365d', period: p365, districtId: 'd03' },
    { name: 'city-30d', period: p30 },
    { name: 'city-365d', period: p365 },
  ];
  const stores = files.map((f) => openSqliteStore(f.file));
  try {
    const services = stores.map((store) => new LagesbildService({ store, directory: fixedDirectory(org), clock: () => BENCH_NOW, suppressionThreshold: 5 }));
    const ask = async (service: LagesbildService, r: Request) => {
      const out = await service.lagesbild('city-security', { period: r.period, districtId: r.districtId });
      if (out.kind !== 'ok') throw new Error(`lägesbild refused: ${out.kind}`);
      return out.view;
    };
    const firsts: Array<{ ms: number; cityYearTotal: number | string }> = [];
    for (const service of services) {
      const t0 = performance.now();
      const view = await ask(service, requests[3]);
      firsts.push({ ms: performance.now() - t0, cityYearTotal: view.total.cell });
    }
    for (let i = 0; i < options.warmup; i++) for (const service of services) for (const r of requests) await ask(service, r);
    const samples = services.map(() => new Map<string, number[]>(requests.map((r) => [r.name, []])));
    for (let i = 0; i < options.samples; i++) {
      for (let k = 0; k < services.length; k++) {
        for (const r of requests) {
          const start = performance.now();
          await ask(services[k], r);
          samples[k].get(r.name)!.push(performance.now() - start);
        }
      }
    }
    return files.map((f, k) => {
      const all = [...samples[k].values()].flat();
      const expectedCityYear = countReported(f.file, p365);
      const result: SizeResult = {
        size: f.size,
        all: summarize(all),
        byRequest: Object.fromEntries([...samples[k]].map(([name, v]) => [name, summarize(v)])),
        firstCallMs: firsts[k].ms,
        fill: f.fill,
        fileMb: round(fs.statSync(f.file).size / 1024 / 1024, 0),
        checks: { cityYearTotal: firsts[k].cityYearTotal, expectedCityYear, ok: firsts[k].cityYearTotal === expectedCityYear },
        loadAvg1m: round(os.loadavg()[0]),
      };
      progress(`lagesbild ${label(f.size)}: p50 ${result.all.p50.toFixed(2)} ms, p95 ${result.all.p95.toFixed(2)} ms over ${all.length} requests (load ${result.loadAvg1m})`);
      return result;
    });
  } finally {
    for (const store of stores) await store.close();
  }
}

/** Fills the file unless a complete one of this version is there; returns how. */
function ensureFilled(file: string, size: number, fresh: boolean, progress: (note: string) => void): SizeResult['fill'] {
  const method =
    'bulk path: the final incident rows, case-number counters, case_summaries and lagesbild_counters that submit + change leave ' +
    '(SummaryWriter/CounterBatch, same code as the store); no events, outbox, timers or drafts';
  if (!fresh && isComplete(file, size)) {
    progress(`lagesbild ${label(size)}: reusing ${file}`);
    return { cached: true, method };
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  progress(`lagesbild ${label(size)}: filling ${file} …`);
  const started = performance.now();
  const db = openForFill(file);
  try {
    let lastNote = started;
    bulkFill(db, size, BENCH_NOW, 20261123, (done) => {
      if (performance.now() - lastNote > 15_000) {
        lastNote = performance.now();
        progress(`lagesbild ${label(size)}: ${done} of ${size} (${((lastNote - started) / 1000).toFixed(0)} s)`);
      }
    });
    db.exec(`CREATE TABLE bench_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    db.prepare('INSERT INTO bench_meta (key, value) VALUES (?, ?), (?, ?)').run('version', LAGESBILD_DATA_VERSION, 'size', String(size));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const seconds = round((performance.now() - started) / 1000, 1);
  progress(`lagesbild ${label(size)}: filled in ${seconds} s`);
  return { cached: false, seconds, method };
}

function isComplete(file: string, size: number): boolean {
  if (!fs.existsSync(file)) return false;
  try {
    const db = openDatabase(file);
    try {
      const rows = db.prepare(`SELECT key, value FROM bench_meta`).all() as Array<{ key: string; value: string }>;
      const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
      return meta.version === LAGESBILD_DATA_VERSION && meta.size === String(size);
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** The cases reported in a period, counted straight from the summaries (a check on the figures). */
function countReported(file: string, period: Period): number {
  const db = openDatabase(file);
  try {
    const row = db
      .prepare('SELECT COUNT(*) AS n FROM case_summaries WHERE reported_at >= ? AND reported_at < ?')
      .get(period.from.toISOString(), period.to.toISOString()) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

function detailOf(r: SizeResult, options: LagesbildBenchOptions): Record<string, unknown> {
  const ms = (s: LatencySummary) => ({ p50: round(s.p50, 3), p95: round(s.p95, 3), p99: round(s.p99, 3), max: round(s.max, 3) });
  return {
    storedIncidents: r.size,
    requests: 'city security: district d03 and the whole city (10 districts, 80 units), 30d and 365d, each with its previous period and open/overdue counts; interleaved',
    samplesPerRequest: options.samples,
    warmupPerRequest: options.warmup,
    all: ms(r.all),
    byRequest: Object.fromEntries(Object.entries(r.byRequest).map(([k, v]) => [k, ms(v)])),
    firstCallMs: round(r.firstCallMs, 2),
    fill: r.fill,
    fileMb: r.fileMb,
    data: '10 districts × 8 units, reports evenly over 5 years up to 2026-11-23, realistic handling (acknowledge, support, police, authority, measures, feedback, close)',
    check: r.checks,
    loadAvg1m: r.loadAvg1m,
    cpus: os.cpus().length,
    node: process.version,
  };
}

function label(size: number): string {
  return size >= 1_000_000 && size % 1_000_000 === 0 ? `${size / 1_000_000}m` : size >= 1000 && size % 1000 === 0 ? `${size / 1000}k` : String(size);
}
