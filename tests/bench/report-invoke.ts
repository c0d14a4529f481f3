/**
 * Scenario `report-invoke-p99-ms`: concurrent reporters file complete reports through Trygg's
 * real HTTP pipeline (embedded SQLite store in a temporary file); the figure is the p99 latency of
 * the card invokes (`report.next` step 1, `report.next` step 2, `report.submit`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { loadOrganisationFile } from '../../src/directory/yaml-organisation';
import { channelKey, personalKey } from '../../src/domain/notification';
import type { Organisation } from '../../src/domain/organisation';
import type { Store } from '../../src/store/ports';
import type { Person } from '../helpers/activities';
import { DEMO_ORGANISATION, startTrygg } from '../helpers/trygg-instance';
import type { ChannelLink, ReporterEvent, ReporterResult, ReporterRun } from './report-protocol';
import type { BenchLine } from './report';
import { round, summarize } from './stats';
import { machineShares, machineTicks, type MachineTicks } from './machine-cpu';
import { mainThreadCpuMs } from './thread-cpu';

/** Load shape of the scenario. */
export interface ReportInvokeOptions {
  /** Reports one reporter files alone after the measured phase (for comparison, not the figure). */
  soloReports: number;
  /** Concurrent reporters, each in a personal conversation of their own. */
  reporters: number;
  /** Reports per reporter before measuring. */
  warmupReports: number;
  /** Measured reports per reporter. */
  reports: number;
}

/** The defaults `npm run bench` uses. */
export const REPORT_INVOKE_DEFAULTS: ReportInvokeOptions = { reporters: 20, warmupReports: 2, reports: 20, soloReports: 10 };

/** Runs the reporter worker; calls `onMeasuring` when the warm-up is over, `onMeasured` after the measured phase. */
function runWorker(run: ReporterRun, onMeasuring: () => void, onMeasured: () => void): Promise<ReporterResult> {
  const isTs = __filename.endsWith('.ts');
  const worker = new Worker(path.join(__dirname, `report-worker.${isTs ? 'ts' : 'js'}`), {
    workerData: run,
    execArgv: isTs ? ['-r', 'ts-node/register/transpile-only'] : [],
  });
  return new Promise<ReporterResult>((resolve, reject) => {
    let result: ReporterResult | undefined;
    worker.on('message', (event: ReporterEvent) => {
      if (event.type === 'measuring') onMeasuring();
      else if (event.type === 'measured') onMeasured();
      else if (event.type === 'result') result = event.result;
      else reject(new Error(`reporter worker: ${event.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`reporter worker exited ${code} without a result`))));
  });
}

const ms = (samples: number[]) => {
  const s = summarize(samples);
  return { count: s.count, p50: round(s.p50), p95: round(s.p95), p99: round(s.p99), max: round(s.max), mean: round(s.mean) };
};

/** Everyone in the organisation has the bot installed; every district's coordinator channel is linked. */
function recipientsOf(org: Organisation): { installedFor: Person[]; channelLinks: ChannelLink[] } {
  const person = (id: string): Person => ({ aadObjectId: id, name: org.people[id] ?? id });
  const channelLinks = org.districts.map((d) => {
    const by = d.coordinatorIds[0] ?? org.adminIds?.[0];
    if (!by) throw new Error(`district ${d.id}: nobody may link its channel`);
    return { districtId: d.id, channelId: `19:bench-${d.id}@thread.tacv2`, by: person(by) };
  });
  return { installedFor: Object.keys(org.people).map(person), channelLinks };
}

/** How many of the prepared conversations Trygg stored, and whether each link points at its channel. */
async function reachable(store: Store, r: { installedFor: Person[]; channelLinks: ChannelLink[] }) {
  let people = 0;
  for (const p of r.installedFor) if (await store.conversations.get(personalKey(p.aadObjectId))) people++;
  let channels = 0;
  for (const l of r.channelLinks) if ((await store.conversations.linkOf(l.districtId))?.channelKey === channelKey(l.channelId)) channels++;
  return { people, peopleInstalled: r.installedFor.length, channels, channelsLinked: r.channelLinks.length };
}

/**
 * Runs the scenario: Trygg in this process (local mode, demo organisation, temporary SQLite file),
 * the reporters and the fake connector in a worker thread.
 *
 * @param options - load shape
 * @param progress - receives human-readable progress notes (stderr)
 * @returns the figure `report-invoke-p99-ms`
 */
export async function runReportInvoke(options: ReportInvokeOptions, progress: (note: string) => void): Promise<BenchLine[]> {
  const loadAvgBefore = os.loadavg()[0];
  const trygg = await startTrygg({ TRYGG_ORG_FILE: DEMO_ORGANISATION }, 'warn');
  const recipients = recipientsOf(loadOrganisationFile(DEMO_ORGANISATION));
  try {
    type Usage = {
      elu: ReturnType<typeof performance.eventLoopUtilization>;
      cpu: NodeJS.CpuUsage;
      threadCpuMs?: number;
      machine?: MachineTicks;
    };
    const usage = (): Usage => ({
      elu: performance.eventLoopUtilization(),
      cpu: process.cpuUsage(),
      threadCpuMs: mainThreadCpuMs(),
      machine: machineTicks(),
    });
    let measuring: Usage | undefined;
    let measured: Usage | undefined;
    progress(`report-invoke: ${options.reporters} reporters × (${options.warmupReports} warm-up + ${options.reports} measured) reports`);
    const r = await runWorker(
      {
        targetUrl: `${trygg.url}/api/messages`,
        reporters: options.reporters,
        warmupReports: options.warmupReports,
        reports: options.reports,
        soloReports: options.soloReports,
        ...recipients,
        // Yesterday (UTC): never in the future on Trygg's real clock.
        occurredDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        requestTimeoutMs: 10_000,
      },
      () => (measuring = usage()),
      () => (measured = usage()),
    );
    if (!measuring || !measured) throw new Error('reporter worker did not mark its measured phase');
    // Both taken on this (Trygg's) thread when the worker's messages arrived: the measured phase.
    const appElu = performance.eventLoopUtilization(measured.elu, measuring.elu).utilization;
    const cpuUs = measured.cpu.user - measuring.cpu.user + measured.cpu.system - measuring.cpu.system;
    const appThreadCpuMs =
      measured.threadCpuMs !== undefined && measuring.threadCpuMs !== undefined ? measured.threadCpuMs - measuring.threadCpuMs : undefined;
    const machine = measuring.machine && measured.machine ? machineShares(measuring.machine, measured.machine, cpuUs / 1000) : null;
    const invokes = [...r.samples.next1, ...r.samples.next2, ...r.samples.submit];
    const requests = invokes.length + r.samples.message.length;
    const all = ms(invokes);
    const outbox = await trygg.trygg.store.outbox.stats();
    const reach = await reachable(trygg.trygg.store, recipients);
    const allReachable = reach.people === reach.peopleInstalled && reach.channels === reach.channelsLinked;
    progress(`report-invoke: p50 ${all.p50} ms, p99 ${all.p99} ms, ${r.reportsFiled} reports in ${(r.elapsedMs / 1000).toFixed(1)} s`);
    return [
      {
        scenario: 'report-invoke-p99-ms',
        value: all.p99,
        unit: 'ms',
        target: '<= 100',
        detail: {
          invokes: all,
          perVerb: { 'report.next step 1': ms(r.samples.next1), 'report.next step 2': ms(r.samples.next2), 'report.submit': ms(r.samples.submit) },
          soloReporterInvokes: { ...ms(r.soloInvokes), note: 'one reporter alone after the measured phase: service time without queueing' },
          messageTurnRapportera: { ...ms(r.samples.message), note: 'message turn, not an invoke: not in the figure' },
          valid: r.failed === 0 && r.replies === r.samples.message.length && allReachable,
          reportsFiled: r.reportsFiled,
          failed: r.failed,
          failures: r.failures,
          elapsedS: round(r.elapsedMs / 1000),
          reportsPerS: round(r.reportsFiled / (r.elapsedMs / 1000)),
          requestsPerS: round(requests / (r.elapsedMs / 1000)),
          // Closed loop without think time: mean latency ≈ reporters ÷ requests per second (Little's law).
          cpuMsPerRequestWholeProcess: round(cpuUs / 1000 / Math.max(1, requests), 3),
          cpuMsPerRequestAppThread: appThreadCpuMs === undefined ? null : round(appThreadCpuMs / Math.max(1, requests), 3),
          cpuNote:
            'CPU and busy figures cover the measured phase only; the app thread is the event loop Trygg runs on ' +
            '(Linux /proc, 10 ms ticks), the whole process also counts the reporter worker and V8 helper threads',
          appThreadBusy: round(appElu),
          loadThreadBusy: round(r.workerElu),
          background: {
            note:
              'before the warm-up the bot is installed for every person of the demo organisation and each ' +
              "district's coordinator channel is linked (koppla kanal), as in a rolled-out municipality; each " +
              'submit queues notifications, which the outbox dispatcher delivers to the fake connector within ' +
              "Teams' rate limits on the same event loop while the reporters run; that work is included",
            recipients: reach,
            outboxAfter: outbox,
            proactiveSendsAccepted: r.otherSends,
          },
          tryggLogWarnings: trygg.logs.filter((l) => l.includes('"level":"warn"')).length,
          tryggLogErrors: trygg.logs.filter((l) => l.includes('"level":"error"')).length,
          load: {
            ...options,
            thinkTimeMs: 0,
            store: 'sqlite (temporary file)',
            node: process.version,
            cpus: os.cpus().length,
            loadAvg1mBefore: round(loadAvgBefore),
            loadAvg1mAfter: round(os.loadavg()[0]),
            // The whole machine during the measured phase: other processes and hypervisor steal slow the figure.
            machineDuringMeasuredPhase: machine,
          },
        },
      },
    ];
  } finally {
    await trygg.stop();
    fs.rmSync(path.dirname(trygg.dbFile), { recursive: true, force: true });
  }
}
