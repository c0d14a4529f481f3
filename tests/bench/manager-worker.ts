/**
 * Worker-thread entry of the `manager-invoke-p99-ms` scenario: runs the fake Bot Connector and the
 * simulated managers on their own event loop, so they do not steal Trygg's thread.
 *
 * Installs the bot for everyone and links the coordinator channels, tells the main thread, which
 * then files the cases; gets the cases, warms up, tells the main thread it starts measuring,
 * measures, lets one manager work alone, posts the result and exits.
 *
 * Each manager handles their own cases one after the other, closed loop without think time. One
 * case is the invokes a manager makes from the case card, as Teams sends them: `case.do`
 * acknowledge; `case.form` police, `case.do` police; `case.form` support, `case.do` support;
 * `case.do` feedback; `case.view`. Every invoke acts on the version the card it came from shows:
 * the card the previous invoke returned.
 */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { botInstalled, cardAction, channelMention, type Person } from '../helpers/activities';
import { action, caseButton, cardVersions, text } from '../helpers/cards';
import { FakeConnector } from '../helpers/fake-connector';
import type { ManagerCase, ManagerCasesMessage, ManagerEvent, ManagerResult, ManagerRun, ManagerStep } from './manager-protocol';
import { timedPost } from './timed-post';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** What every manager shares. */
interface Ctx {
  agent: http.Agent;
  target: URL;
  serviceUrl: string;
  timeoutMs: number;
}

const post = (ctx: Ctx, activity: unknown) => timedPost(ctx, activity);

/** What one phase (warm-up, measured or solo) saw. */
interface Phase {
  samples: Record<ManagerStep, number[]>;
  handled: number;
  errors: number;
  failures: string[];
}

/** A failed invoke: the sequence of that case stops there. */
class InvokeError extends Error {}

/**
 * Sends one invoke from the manager's personal chat; records its latency whatever the answer;
 * checks that the answer is a card that passes `check`, and returns the card.
 */
async function invoke(
  ctx: Ctx,
  phase: Phase,
  from: Person,
  step: ManagerStep,
  verb: string,
  data: Record<string, unknown>,
  check: (card: any, cardText: string) => string | undefined,
): Promise<any> {
  const res = await post(ctx, cardAction(verb, data, { serviceUrl: ctx.serviceUrl, from }));
  phase.samples[step].push(res.ms);
  let body: any;
  try {
    body = JSON.parse(res.text);
  } catch {
    body = undefined;
  }
  // A refusal or "not found" comes back as a message, not a card.
  if (res.status !== 200 || body?.type !== ADAPTIVE_CARD || !body.value) {
    throw new InvokeError(`${step} (${verb}): status ${res.status}, ${res.text.slice(0, 200)}`);
  }
  const card = body.value;
  const cardText = text(card);
  if (/Något behöver rättas/.test(cardText)) throw new InvokeError(`${step}: the form came back with errors: ${cardText.slice(0, 200)}`);
  if (/ändrade ärendet kl\./.test(cardText)) throw new InvokeError(`${step}: version conflict: ${cardText.slice(0, 200)}`);
  const problem = check(card, cardText);
  if (problem) throw new InvokeError(`${step}: ${problem}`);
  return card;
}

/** The single version the card's actions act on. */
function versionOf(card: any): number {
  const versions = cardVersions(card);
  if (versions.length !== 1) throw new InvokeError(`card acts on versions ${JSON.stringify(versions)}`);
  return versions[0];
}

/** A `case.do` that saves: the card says so and shows a newer version. */
const saved = (notice: RegExp, before: number) => (card: any, cardText: string) => {
  if (!notice.test(cardText)) return `no "${notice.source}" on the card: ${cardText.slice(0, 200)}`;
  const after = versionOf(card);
  return after > before ? undefined : `version did not advance (${before} → ${after})`;
};

/** A `case.form` answer: the form, whose Save is a `case.do` of this command. */
const formOf = (command: string) => (card: any) => {
  const save = action(card, 'case.do');
  return save.data?.command === command ? undefined : `form saves ${String(save.data?.command)}, not ${command}`;
};

/** One manager handles one case from the card they were sent. */
async function handleCase(ctx: Ctx, phase: Phase, from: Person, c: ManagerCase): Promise<void> {
  const { incidentId } = c;
  let v = c.version;
  let card = await invoke(ctx, phase, from, 'acknowledge', 'case.do', { incidentId, version: v, command: 'acknowledge' }, saved(/Kvitterat\./, v));
  v = versionOf(card);

  let form = await invoke(ctx, phase, from, 'policeForm', 'case.form', caseButton(card, 'police').data, formOf('police'));
  const police = { decision: 'employer-files', protectedRequested: 'false' };
  card = await invoke(ctx, phase, from, 'police', 'case.do', { ...action(form, 'case.do').data, ...police }, saved(/Beslutet om polisanmälan är registrerat/, v));
  v = versionOf(card);

  form = await invoke(ctx, phase, from, 'supportForm', 'case.form', caseButton(card, 'support').data, formOf('support'));
  const support = { offers: 'debriefing', response: 'accepted' };
  card = await invoke(ctx, phase, from, 'support', 'case.do', { ...action(form, 'case.do').data, ...support }, saved(/Stödet är registrerat/, v));
  v = versionOf(card);

  const feedback = { incidentId, version: v, command: 'feedback', text: 'Vi har polisanmält och du får avlastningssamtal. Hör av dig om något.' };
  card = await invoke(ctx, phase, from, 'feedback', 'case.do', feedback, saved(/Återkopplingen är sparad/, v));
  v = versionOf(card);

  await invoke(ctx, phase, from, 'view', 'case.view', { incidentId }, (viewed, viewedText) =>
    /Stödet|Polisanmälan/.test(viewedText) || JSON.stringify(viewed).includes(incidentId) ? undefined : `not the case: ${viewedText.slice(0, 200)}`,
  );
}

/** Each of the managers handles their next `count` cases, one after the other; all managers at once. */
async function phase(ctx: Ctx, managers: Person[], queues: ManagerCase[][], count: number): Promise<Phase> {
  const out: Phase = { samples: { acknowledge: [], policeForm: [], police: [], supportForm: [], support: [], feedback: [], view: [] }, handled: 0, errors: 0, failures: [] };
  await Promise.all(
    managers.map(async (manager, n) => {
      for (let i = 0; i < count; i++) {
        const next = queues[n].shift();
        if (!next) throw new Error(`manager ${n} has no case left`);
        try {
          await handleCase(ctx, out, manager, next);
          out.handled++;
        } catch (err) {
          out.errors++;
          if (out.failures.length < 5) out.failures.push(`${manager.name}, ${next.incidentId}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }),
  );
  return out;
}

/** Installs the bot for each person and links each coordinator channel, as Teams would. */
async function prepare(ctx: Ctx, run: ManagerRun): Promise<void> {
  for (const person of run.installedFor) {
    const res = await post(ctx, botInstalled({ serviceUrl: ctx.serviceUrl, from: person }));
    if (res.status !== 200) throw new Error(`install for ${person.name}: status ${res.status}`);
  }
  for (const link of run.channelLinks) {
    const res = await post(ctx, channelMention(`koppla kanal ${link.districtId}`, { serviceUrl: ctx.serviceUrl, from: link.by, channelId: link.channelId }));
    if (res.status !== 200) throw new Error(`koppla kanal ${link.districtId}: status ${res.status}`);
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('manager-worker.ts must run in a worker thread');
  const run = workerData as ManagerRun;
  const emit = (event: ManagerEvent) => port.postMessage(event);
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const agent = new http.Agent({ keepAlive: true, maxSockets: run.managers.length });
  const ctx: Ctx = { agent, target: new URL(run.targetUrl), serviceUrl, timeoutMs: run.requestTimeoutMs };
  try {
    const cases = new Promise<ManagerCasesMessage>((resolve) => port.once('message', (m: ManagerCasesMessage) => resolve(m)));
    await prepare(ctx, run);
    emit({ type: 'prepared' });
    const queues = (await cases).perManager.map((q) => [...q]);

    const warm = await phase(ctx, run.managers, queues, run.warmupCases);
    if (warm.errors > 0) throw new Error(`warm-up failed: ${warm.failures[0]}`);
    emit({ type: 'measuring' });
    const callsBefore = connector.calls.length;
    const elu = performance.eventLoopUtilization();
    const t0 = performance.now();
    const measured = await phase(ctx, run.managers, queues, run.cases);
    const elapsedMs = performance.now() - t0;
    emit({ type: 'measured' });
    const workerElu = performance.eventLoopUtilization(elu).utilization;
    const connectorCalls = connector.calls.length - callsBefore;
    const solo = await phase(ctx, run.managers.slice(0, 1), queues.slice(0, 1), run.soloCases);
    const result: ManagerResult = {
      samples: measured.samples,
      elapsedMs,
      casesHandled: measured.handled,
      errors: measured.errors,
      failures: measured.failures,
      workerElu,
      connectorCalls,
      soloInvokes: Object.values(solo.samples).flat(),
      soloErrors: solo.errors,
    };
    emit({ type: 'result', result });
  } finally {
    agent.destroy();
    await connector.stop();
  }
}

main().catch((err: unknown) => {
  parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies ManagerEvent);
});
