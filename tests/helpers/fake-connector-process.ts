/**
 * The fake Bot Connector in a process of its own, so that what it records — when each request
 * arrived — is not skewed by the bot's work in the test process. Run by {@link spawnConnector}.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { FakeConnector, type ConnectorCall, type Fault } from './fake-connector';

/** The fault mix: a share of requests fails, one conversation is always unreachable (403). */
export interface FaultPlan {
  seed: number;
  unreachable?: string;
}

/** A small deterministic generator, so a failing run can be repeated. */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** 30% of sends fail: 429 with Retry-After, 500, 502, 504, or a hang until the socket is cut. */
export function faultsOf(plan: FaultPlan, hangMs: number): (conversationId: string) => Fault | undefined {
  const random = seeded(plan.seed);
  return (conversationId) => {
    if (conversationId === plan.unreachable) return { status: 403 }; // the bot is not installed there
    const r = random();
    if (r < 0.1) return { status: 429, retryAfter: '1' };
    if (r < 0.15) return { status: 500 };
    if (r < 0.2) return { status: 502 };
    if (r < 0.25) return { status: 504 };
    if (r < 0.3) return { hangMs };
    return undefined;
  };
}

/** A connector running in a child process. */
export interface ConnectorProcess {
  serviceUrl: string;
  /** Starts injecting faults (after set-up traffic). */
  inject(plan: FaultPlan): Promise<void>;
  log(): Promise<{ calls: ConnectorCall[]; attempts: Array<{ conversationId: string; at: number; outcome: number | 'hang' }> }>;
  stop(): Promise<void>;
}

/** Starts the fake connector in a child process (ended by its own pid). */
export async function spawnConnector(hangMs: number): Promise<ConnectorProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: { ...process.env, FAKE_CONNECTOR_CHILD: '1', FAKE_CONNECTOR_HANG_MS: String(hangMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const serviceUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`fake connector exited ${code}`)));
  });
  return {
    serviceUrl,
    inject: async (plan) => {
      await fetch(`${serviceUrl}__faults`, { method: 'PUT', body: JSON.stringify(plan) });
    },
    log: async () => (await fetch(`${serviceUrl}__log`)).json() as never,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}

async function main(): Promise<void> {
  const connector = new FakeConnector();
  const hangMs = Number(process.env.FAKE_CONNECTOR_HANG_MS ?? 12_000);
  const url = await connector.start();
  connector.control = (plan) => {
    connector.fault = faultsOf(plan as FaultPlan, hangMs);
  };
  process.on('SIGTERM', () => void connector.stop().then(() => process.exit(0)));
  process.stdout.write(`listening ${url}\n`);
}

if (process.env.FAKE_CONNECTOR_CHILD === '1' && require.main === module) void main();
