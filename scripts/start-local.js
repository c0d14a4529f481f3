#!/usr/bin/env node
/**
 * `npm start`: builds Trygg if the build is missing or older than the sources, starts the bot on
 * 127.0.0.1:3978 with the embedded store and the demo organisation, starts the Microsoft 365 Agents
 * Playground pointed at it, and prints the URL to open. Ctrl-C (or SIGTERM) stops both.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { startLocaleProxy } = require('./locale-proxy');

const botPort = Number(process.env.PORT || 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT || 56150);
// The Playground always sends en-US; Teams sends the user's locale. sv-SE is Trygg's default.
const playgroundLocale = process.env.PLAYGROUND_LOCALE || 'sv-SE';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function buildIfNeeded() {
  const entry = path.join(root, 'dist', 'src', 'main.js');
  const stale = !fs.existsSync(entry) || newestMtime(path.join(root, 'src')) > fs.statSync(entry).mtimeMs;
  if (!stale) return;
  console.log('Trygg: building…');
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
  fs.utimesSync(entry, new Date(), new Date());
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('the bot exited during start-up');
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url}`);
}

async function main() {
  buildIfNeeded();
  const children = [];
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      process.exit(code);
    }, 5000).unref();
    Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() =>
      process.exit(code),
    );
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const bot = spawn(process.execPath, ['--no-deprecation', path.join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env: { ...process.env, TRYGG_MODE: 'local', HOST: '127.0.0.1', PORT: String(botPort) },
    stdio: 'inherit',
  });
  children.push(bot);
  bot.on('exit', (code) => stop(code ?? 1));
  await waitForHealth(`http://127.0.0.1:${botPort}/healthz`, bot, 30_000);

  const proxy = await startLocaleProxy({ target: `http://127.0.0.1:${botPort}/api/messages`, locale: playgroundLocale });
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const playground = spawn(
    process.execPath,
    [cli, '-e', proxy.url, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry'],
    {
      cwd: root,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        TZ: process.env.TZ || 'Europe/Stockholm',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(root, '.m365agentsplayground.yml'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(playground);
  playground.on('exit', (code) => stop(code ?? 1));
  // The Playground picks another port silently when the one asked for is taken: read the real one.
  const actualPort = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the Playground did not start')), 60_000);
    playground.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk.toString('utf8');
      const match = /Listening on (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  await waitForHealth(`http://127.0.0.1:${actualPort}/_debug/ping`, playground, 60_000);

  console.log('');
  console.log(`Trygg is running: bot http://127.0.0.1:${botPort}/api/messages (health: /healthz)`);
  if (actualPort !== playgroundPort) console.log(`(port ${playgroundPort} was taken)`);
  console.log(`Open the Agents Playground: http://localhost:${actualPort}`);
  console.log(`It speaks ${playgroundLocale}; PLAYGROUND_LOCALE=en-US npm start for English.`);
  console.log('Type "hjälp" in the chat. Ctrl-C stops both.');
}

main().catch((err) => {
  console.error(`npm start failed: ${err.message}`);
  process.exit(1);
});
