/**
 * Scenario `manager-invoke-p99-ms`: concurrent managers handle the cases routed to them through
 * Trygg's real HTTP pipeline (embedded SQLite store in a temporary file); the figure is the p99
 * latency of their card invokes (`case.do`, `case.form`, `case.view`).
 *
 * The organisation has one unit per district, each with its own manager (a temporary YAML file,
 * as the delivery tests write it). The cases are filed straight into the store, with their
 * notifications, as a submit does; the case cards reach the managers and the coordinator
 * channels through the fake connector before the managers start.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Organisation } from '../../src/domain/organisation';
import type { Person } from '../helpers/activities';
import { districtPeople, drained, submitIncidents, writeDeliveryOrganisation } from '../helpers/delivery-setup';
import { startTrygg } from '../helpers/trygg-instance';
import type { ManagerCase, ManagerCasesMessage, ManagerChannelLink, ManagerEvent, ManagerResult, ManagerRun } from './manager-protocol';
import type { BenchLine } from './report';
import { round, summarize } from './stats';

/** Load shape of the scenario. */
export interface ManagerInvokeOptions {
  /** Concurrent managers, one unit (and district) each. */
  managers: number;
  /** Cases per manager before measuring. */
  warmupCases: number;
  /** Measured cases per manager. */
  cases: number;
  /** Cases one manager handles alone after the measured phase (for comparison, not the figure). */
  soloCases: number;
}

/** The defaults `npm run bench` uses. */
export const MANAGER_INVOKE_DEFAULTS: ManagerInvokeOptions = { managers: 20, warmupCases: 2, cases: 12, soloCases: 8 };

const ms = (samples: number[]) => {
  const s = summarize(samples);
  return { count: s.count, p50: round(s.p50), p95: round(s.p95), p99: round(s.p99), max: round(s.max), mean: round(s.mean) };
};

/** Everyone in the organisation has the bot installed; every district's channel is linked by the admin. */
function recipientsOf(org: Organisation, districts: number): { installedFor: Person[]; channelLinks: ManagerChannelLink[] } {
  const installedFor = Object.entries(org.people).map(([aadObjectId, name]) => ({ aadObjectId, name }));
  const channelLinks = Array.from({ length: districts }, (_, k) => ({
    districtId: `d${k}`,
    channelId: `19:bench-d${k}@thread.tacv2`,
    by: districtPeople(k).admin,
  }));
  return { installedFor, channelLinks };
}

/**
 * Runs the scenario: Trygg in this process (local mode, a temporary organisation and SQLite file),
 * the managers and the fake connector in a worker thread.
 *
 * @param options - load shape
 * @param progress - receives human-readable progress notes (stderr)
 * @returns the figure `manager-invoke-p99-ms`
 */
export async function runManagerInvoke(options: ManagerInvokeOptions, progress: (note: string) => void): Promise<BenchLine[]> {
  const loadAvgBefore = os.loadavg();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-bench-manager-'));
  const districts = options.managers;
  const { file, org } = writeDeliveryOrganisation(dir, districts);
  const trygg = await startTrygg({ TRYGG_ORG_FILE: file, TRYGG_SQLITE_PATH: path.join(dir, 'trygg.db') }, 'warn');
  const store = trygg.trygg.store;
  const managers = Array.from({ length: districts }, (_, k) => districtPeople(k).manager);
  const perManager = options.warmupCases + options.cases + options.soloCases;
  try {
    progress(`manager-invoke: ${options.managers} managers × (${options.warmupCases} warm-up + ${options.cases} measured) cases, 7 invokes each`);
    const run: ManagerRun = {
      targetUrl: `${trygg.url}/api/messages`,
      managers,
      ...recipientsOf(org, districts),
      warmupCases: options.warmupCases,
      cases: options.cases,
      soloCases: options.soloCases,
      requestTimeoutMs: 10_000,
    };
    const isTs = __filename.endsWith('.ts');
    const worker = new Worker(path.join(__dirname, `manager-worker.${isTs ? 'ts' : 'js'}`), {
      workerData: run,
      execArgv: isTs ? ['-r', 'ts-node/register/transpile-only'] : [],
    });
    type Usage = { elu: ReturnType<typeof performance.eventLoopUtilization>; cpu: NodeJS.CpuUsage };
    const usage = (): Usage => ({ elu: performance.eventLoopUtilization(), cpu: process.cpuUsage() });
    let measuring: Usage | undefined;
    let measured: Usage | undefined;
    let seeded = { incidents: 0, seedMs: 0, drainMs: 0 };

    /** Files every manager's cases with their notifications and waits until the case cards were sent. */
    const seed = async (): Promise<ManagerCasesMessage> => {
      const t0 = performance.now();
      const count = districts * perManager;
      await submitIncidents(store, org, count, districts, new Date());
      const t1 = performance.now();
      await drained(store, 120_000);
      seeded = { incidents: count, seedMs: round(t1 - t0), drainMs: round(performance.now() - t1) };
      const queues: ManagerCase[][] = managers.map(() => []);
      for (let i = 0; i < count; i++) {
        const incident = await store.incidents.get(`inc-load-${i}`);
        if (!incident) throw new Error(`inc-load-${i} was not stored`);
        queues[i % districts].push({ incidentId: incident.id, version: incident.version });
      }
      progress(`manager-invoke: ${count} cases filed in ${(seeded.seedMs / 1000).toFixed(1)} s, case cards sent in ${(seeded.drainMs / 1000).toFixed(1)} s`);
      return { type: 'cases', perManager: queues };
    };

    const r = await new Promise<ManagerResult>((resolve, reject) => {
      let result: ManagerResult | undefined;
      worker.on('message', (event: ManagerEvent) => {
        if (event.type === 'prepared')
          seed().then(
            (m) => worker.postMessage(m),
            (err: unknown) => {
              void worker.terminate();
              reject(err);
            },
          );
        else if (event.type === 'measuring') measuring = usage();
        else if (event.type === 'measured') measured = usage();
        else if (event.type === 'result') result = event.result;
        else reject(new Error(`manager worker: ${event.message}`));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`manager worker exited ${code} without a result`))));
    });
    if (!measuring || !measured) throw new Error('manager worker did not mark its measured phase');
    const appElu = performance.eventLoopUtilization(measured.elu, measuring.elu).utilization;
    const cpuUs = measured.cpu.user - measuring.cpu.user + measured.cpu.system - measuring.cpu.system;
    const invokes = Object.values(r.samples).flat();
    const all = ms(invokes);
    const outbox = await store.outbox.stats();
    const expected = options.managers * options.cases * 7;
    const valid = r.errors === 0 && r.soloErrors === 0 && invokes.length === expected;
    progress(`manager-invoke: p50 ${all.p50} ms, p99 ${all.p99} ms, ${invokes.length} invokes in ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.errors} errors`);
    if (!valid) progress(`manager-invoke: INVALID — ${r.errors} errors, ${r.soloErrors} solo errors, ${invokes.length}/${expected} invokes; ${r.failures.join(' | ')}`);
    return [
      {
        scenario: 'manager-invoke-p99-ms',
        value: all.p99,
        unit: 'ms',
        target: '<= 100',
        detail: {
          invokes: all,
          perStep: {
            'case.do acknowledge': ms(r.samples.acknowledge),
            'case.form police': ms(r.samples.policeForm),
            'case.do police': ms(r.samples.police),
            'case.form support': ms(r.samples.supportForm),
            'case.do support': ms(r.samples.support),
            'case.do feedback': ms(r.samples.feedback),
            'case.view': ms(r.samples.view),
          },
          soloManagerInvokes: { ...ms(r.soloInvokes), errors: r.soloErrors, note: 'one manager alone after the measured phase: service time without queueing' },
          valid,
          errors: r.errors,
          failures: r.failures,
          casesHandled: r.casesHandled,
          elapsedS: round(r.elapsedMs / 1000),
          invokesPerS: round(invokes.length / (r.elapsedMs / 1000)),
          // Closed loop without think time: mean latency ≈ managers ÷ invokes per second (Little's law).
          cpuMsPerInvokeWholeProcess: round(cpuUs / 1000 / Math.max(1, invokes.length), 3),
          appThreadBusy: round(appElu),
          loadThreadBusy: round(r.workerElu),
          background: {
            note:
              'the bot is installed for everyone in the organisation and each district channel is linked; the cases ' +
              'are filed with their notifications and the case cards delivered before the warm-up; each saved ' +
              "action refreshes the manager's and the channel's card in place and feedback is sent to the reporter " +
              'through the outbox, on the same event loop while the managers run; that work is included',
            seeded,
            connectorCallsWhileMeasuring: r.connectorCalls,
            outboxAfter: outbox,
          },
          tryggLogWarnings: trygg.logs.filter((l) => l.includes('"level":"warn"')).length,
          tryggLogErrors: trygg.logs.filter((l) => l.includes('"level":"error"')).length,
          tryggLogFirst: [...new Set(trygg.logs.map((l) => l.slice(0, 240)))].slice(0, 3),
          tryggLogFirstErrors: trygg.logs.filter((l) => l.includes('"level":"error"')).slice(0, 3).map((l) => l.slice(0, 400)),
          load: {
            ...options,
            invokesPerCase: 7,
            thinkTimeMs: 0,
            store: 'sqlite (temporary file)',
            node: process.version,
            cpus: os.cpus().length,
            loadAvgBefore: loadAvgBefore.map((x) => round(x)),
            loadAvgAfter: os.loadavg().map((x) => round(x)),
          },
        },
      },
    ];
  } finally {
    await trygg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
