import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Trygg started as its own process from `src/main.ts`, as `npm start` would. */
export interface TryggProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves with the port once the process logs that it listens. */
  listening: Promise<number>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Spawns `node src/main.ts` (through ts-node) with a clean environment plus `env`.
 * The child is killed by its own pid when `maxLifetimeMs` passes.
 */
export function spawnTrygg(env: Record<string, string>, maxLifetimeMs = 60_000): TryggProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const guard = setTimeout(() => child.kill('SIGKILL'), maxLifetimeMs);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve(code);
    }),
  );
  const listening = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /"event":"listening"[^\n]*"port":(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${out}`)));
  });
  listening.catch(() => undefined);
  return { child, output: () => out, exited, listening, kill: (signal = 'SIGTERM') => child.kill(signal) };
}
