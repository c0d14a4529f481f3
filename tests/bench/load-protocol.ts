/**
 * Messages between the benchmark's main thread and its load worker (`load-worker.ts`).
 */

/** Main → worker: apply one round of load to an app. */
export interface RunCommand {
  type: 'run';
  id: number;
  /** The app's `POST /api/messages` URL. */
  targetUrl: string;
  /** Text of every message, e.g. `hjälp`. */
  text: string;
  requests: number;
  concurrency: number;
  /** Distinct personal conversations (one user each) the requests are spread over. */
  conversations: number;
  maxDurationMs: number;
  requestTimeoutMs: number;
}

/** Main → worker: stop the fake connector and exit. */
export interface StopCommand {
  type: 'stop';
}

export type WorkerCommand = RunCommand | StopCommand;

/** What one round measured, as seen by the client and the fake connector. */
export interface RoundResult {
  latenciesMs: number[];
  elapsedMs: number;
  succeeded: number;
  failed: number;
  truncated: boolean;
  /** Message activities the app delivered to the fake connector during the round. */
  replies: number;
  /** Event-loop utilisation of the worker during the round (0..1): near 1 means the load side limits. */
  workerElu: number;
}

/** Worker → main. */
export type WorkerEvent =
  | { type: 'ready'; serviceUrl: string }
  | { type: 'result'; id: number; result: RoundResult }
  | { type: 'error'; id: number; message: string };
