/**
 * Worker-thread entry of the `report-invoke-p99-ms` scenario: runs the fake Bot Connector and the
 * simulated reporters on their own event loop, so they do not steal Trygg's thread. Warms up,
 * tells the main thread it starts measuring, measures, posts the result and exits.
 */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { FakeConnector } from '../helpers/fake-connector';
import { benchReporter, fileReport, prepareRecipients, type ReporterContext } from './reporter';
import { type ReporterEvent, type ReporterResult, type ReporterRun, type ReportStep } from './report-protocol';

/** What one phase (warm-up or measured) saw. */
interface Phase {
  samples: Record<ReportStep, number[]>;
  filed: number;
  failures: string[];
}

/** Every reporter files `reports` reports, one after the other; all reporters run at once. */
async function phase(ctx: ReporterContext, reporters: number, reports: number): Promise<Phase> {
  const out: Phase = { samples: { message: [], next1: [], next2: [], submit: [] }, filed: 0, failures: [] };
  const record = (step: ReportStep, ms: number) => out.samples[step].push(ms);
  await Promise.all(
    Array.from({ length: reporters }, async (_, n) => {
      for (let i = 0; i < reports; i++) {
        try {
          await fileReport(ctx, benchReporter(n), record);
          out.filed++;
        } catch (err) {
          out.failures.push(`reporter ${n}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }),
  );
  return out;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('report-worker.ts must run in a worker thread');
  const run = workerData as ReporterRun;
  const emit = (event: ReporterEvent) => port.postMessage(event);
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const agent = new http.Agent({ keepAlive: true, maxSockets: run.reporters });
  const ctx: ReporterContext = {
    agent,
    target: new URL(run.targetUrl),
    serviceUrl,
    connector,
    occurredDate: run.occurredDate,
    timeoutMs: run.requestTimeoutMs,
  };
  try {
    await prepareRecipients(ctx, run.installedFor, run.channelLinks);
    const warm = await phase(ctx, run.reporters, run.warmupReports);
    if (warm.failures.length > 0) throw new Error(`warm-up failed: ${warm.failures[0]}`);
    emit({ type: 'measuring' });
    const callsBefore = connector.calls.length;
    const elu = performance.eventLoopUtilization();
    const t0 = performance.now();
    const measured = await phase(ctx, run.reporters, run.reports);
    const elapsedMs = performance.now() - t0;
    emit({ type: 'measured' });
    const reporterConversations = new Set(Array.from({ length: run.reporters }, (_, n) => `a:personal-${benchReporter(n).aadObjectId}`));
    const calls = connector.calls.slice(callsBefore);
    const replies = calls.filter((c) => reporterConversations.has(c.conversationId)).length;
    const workerElu = performance.eventLoopUtilization(elu).utilization;
    const solo = await phase(ctx, 1, run.soloReports);
    const result: ReporterResult = {
      samples: measured.samples,
      elapsedMs,
      reportsFiled: measured.filed,
      failed: measured.failures.length,
      failures: measured.failures.slice(0, 3),
      workerElu,
      replies,
      otherSends: calls.length - replies,
      soloInvokes: [...solo.samples.next1, ...solo.samples.next2, ...solo.samples.submit],
    };
    emit({ type: 'result', result });
  } finally {
    agent.destroy();
    await connector.stop();
  }
}

main().catch((err: unknown) => {
  parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies ReporterEvent);
});
