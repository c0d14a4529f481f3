/**
 * Worker-thread entry of the benchmark: runs the fake Bot Connector the apps reply to and the
 * closed-loop load generator, on their own event loop, so they do not steal the app's thread.
 */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { personalMessage, type Person } from '../helpers/activities';
import { FakeConnector } from '../helpers/fake-connector';
import { postJson, runClosedLoop } from './load';
import type { RoundResult, RunCommand, WorkerCommand, WorkerEvent } from './load-protocol';

/**
 * The n-th benchmark user, with a well-formed (synthetic) Entra object id.
 *
 * @param n - user number
 * @returns the person
 */
function benchUser(n: number): Person {
  return { name: `Bench User ${n}`, aadObjectId: `00000000-0000-4000-8000-${(n + 1).toString(16).padStart(12, '0')}` };
}

async function runRound(command: RunCommand, connector: FakeConnector, serviceUrl: string): Promise<RoundResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: command.concurrency });
  const target = new URL(command.targetUrl);
  connector.calls.splice(0);
  const eluBefore = performance.eventLoopUtilization();
  try {
    const result = await runClosedLoop({
      requests: command.requests,
      concurrency: command.concurrency,
      maxDurationMs: command.maxDurationMs,
      send: async (index) => {
        const n = index % command.conversations;
        const activity = personalMessage(command.text, {
          serviceUrl,
          from: benchUser(n),
          conversationId: `a:bench-personal-${n}`,
        });
        return (await postJson(agent, target, JSON.stringify(activity), command.requestTimeoutMs)) === 200;
      },
    });
    const workerElu = performance.eventLoopUtilization(eluBefore).utilization;
    const replies = connector.messages().length;
    return { ...result, replies, workerElu };
  } finally {
    connector.calls.splice(0);
    agent.destroy();
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('load-worker.ts must run in a worker thread');
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const emit = (event: WorkerEvent) => port.postMessage(event);
  port.on('message', (command: WorkerCommand) => {
    if (command.type === 'stop') {
      void connector.stop().then(() => port.close());
      return;
    }
    runRound(command, connector, serviceUrl).then(
      (result) => emit({ type: 'result', id: command.id, result }),
      (err: unknown) => emit({ type: 'error', id: command.id, message: err instanceof Error ? err.message : String(err) }),
    );
  });
  emit({ type: 'ready', serviceUrl });
}

main().catch((err: unknown) => {
  process.stderr.write(`load worker failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
