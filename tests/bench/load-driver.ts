/**
 * The main thread's handle on the load worker: start it, run rounds of load, stop it.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RoundResult, RunCommand, WorkerEvent } from './load-protocol';

/** A round of load, without the message plumbing. */
export type RoundSpec = Omit<RunCommand, 'type' | 'id'>;

/** A running load worker with its fake Bot Connector. */
export interface LoadDriver {
  /** The fake connector's service URL, to put in activities. */
  readonly serviceUrl: string;
  /** Applies one round of load and resolves with what it measured. */
  run(spec: RoundSpec): Promise<RoundResult>;
  /** Stops the connector and the worker. */
  stop(): Promise<void>;
}

/**
 * Starts the load worker (compiled `load-worker.js`, or `load-worker.ts` through ts-node).
 *
 * @param startTimeoutMs - give up when the worker is not ready within this time
 * @returns the driver
 */
export async function startLoadDriver(startTimeoutMs = 30_000): Promise<LoadDriver> {
  const isTs = __filename.endsWith('.ts');
  const worker = new Worker(path.join(__dirname, `load-worker.${isTs ? 'ts' : 'js'}`), {
    execArgv: isTs ? ['-r', 'ts-node/register/transpile-only'] : [],
  });
  const pending = new Map<number, { resolve: (r: RoundResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const serviceUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('load worker did not start')), startTimeoutMs);
    worker.once('error', reject);
    worker.on('message', (event: WorkerEvent) => {
      if (event.type === 'ready') {
        clearTimeout(timer);
        worker.off('error', reject);
        resolve(event.serviceUrl);
        return;
      }
      const waiter = pending.get(event.id);
      pending.delete(event.id);
      if (event.type === 'result') waiter?.resolve(event.result);
      else waiter?.reject(new Error(event.message));
    });
  });
  worker.on('error', (err) => pending.forEach((w) => w.reject(err)));
  return {
    serviceUrl,
    run: (spec) =>
      new Promise<RoundResult>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'run', id, ...spec } satisfies RunCommand);
      }),
    stop: async () => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' });
      const forced = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(forced);
    },
  };
}
