/**
 * One simulated reporter filing a complete report through Trygg's HTTP endpoint, the way Teams
 * does it: the message `rapportera` (the first card comes back through the Bot Connector), then
 * `Action.Execute` invokes `report.next` (step 1), `report.next` (step 2) and `report.submit`,
 * each answered with the next card in the HTTP response.
 */
import * as http from 'node:http';
import { botInstalled, cardAction, channelMention, personalMessage, type Person } from '../helpers/activities';
import { action, sentCard } from '../helpers/cards';
import type { FakeConnector } from '../helpers/fake-connector';
import { STEP_DESCRIBE, STEP_WHAT, STEP_WHO } from '../helpers/report-fixtures';
import type { ChannelLink, ReportStep } from './report-protocol';
import { timedPost } from './timed-post';

/** What every reporter shares. */
export interface ReporterContext {
  /** Keep-alive agent with a socket per reporter. */
  agent: http.Agent;
  target: URL;
  /** The fake connector's URL, put in every activity. */
  serviceUrl: string;
  connector: FakeConnector;
  occurredDate: string;
  timeoutMs: number;
}

/**
 * The n-th reporter: not in the organisation, with a well-formed (synthetic) Entra object id.
 *
 * @param n - reporter number
 * @returns the person
 */
export function benchReporter(n: number): Person {
  return { name: `Bench Reporter ${n}`, aadObjectId: `00000000-0000-4000-9000-${(n + 1).toString(16).padStart(12, '0')}` };
}

const post = (ctx: ReporterContext, activity: unknown) => timedPost(ctx, activity);

/** Sends one invoke, checks that the answer is a card containing `expect`, and returns the card. */
async function invoke(
  ctx: ReporterContext,
  from: Person,
  verb: string,
  data: Record<string, unknown>,
  expect: RegExp,
  record: (ms: number) => void,
): Promise<any> {
  const res = await post(ctx, cardAction(verb, data, { serviceUrl: ctx.serviceUrl, from }));
  if (res.status !== 200 || !expect.test(res.text)) throw new Error(`${verb}: status ${res.status}, ${res.text.slice(0, 200)}`);
  record(res.ms);
  const card = JSON.parse(res.text).value;
  if (!card || typeof card !== 'object') throw new Error(`${verb}: no card in ${res.text.slice(0, 200)}`);
  return card;
}

/**
 * Files one complete report for a reporter and records the latency of each step.
 *
 * @param ctx - HTTP agent, target, connector, inputs
 * @param from - the reporter
 * @param record - receives each successful step's latency in milliseconds
 * @throws when a step fails or answers something other than the next step
 */
export async function fileReport(ctx: ReporterContext, from: Person, record: (step: ReportStep, ms: number) => void): Promise<void> {
  const conversationId = `a:personal-${from.aadObjectId}`;
  const before = ctx.connector.messages(conversationId).length;
  const started = await post(ctx, personalMessage('rapportera', { serviceUrl: ctx.serviceUrl, from }));
  const reply = ctx.connector.messages(conversationId)[before];
  if (started.status !== 200 || !reply) throw new Error(`rapportera: status ${started.status}, reply ${reply ? 'sent' : 'missing'}`);
  record('message', started.ms);
  const step1 = sentCard(reply);
  const what = { ...STEP_WHAT, occurredDate: ctx.occurredDate };
  const step2 = await invoke(ctx, from, 'report.next', { ...action(step1, 'report.next').data, ...what }, /Steg 2 av 3/, (ms) => record('next1', ms));
  const step3 = await invoke(ctx, from, 'report.next', { ...action(step2, 'report.next').data, ...STEP_WHO }, /Steg 3 av 3/, (ms) => record('next2', ms));
  const data = { ...action(step3, 'report.submit').data, ...STEP_DESCRIBE };
  await invoke(ctx, from, 'report.submit', data, /\b20\d\d-\d{4}\b/, (ms) => record('submit', ms));
}

/**
 * Makes the recipients reachable, as in a municipality where Trygg is rolled out: the bot is
 * installed for each person (Teams sends `conversationUpdate`, Trygg stores the conversation
 * reference) and each district's coordinator channel is linked with `koppla kanal`.
 *
 * @param ctx - HTTP agent, target, connector
 * @param people - people to install the bot for
 * @param links - channels to link
 * @throws when Trygg does not accept one of the activities
 */
export async function prepareRecipients(ctx: ReporterContext, people: Person[], links: ChannelLink[]): Promise<void> {
  for (const person of people) {
    const res = await post(ctx, botInstalled({ serviceUrl: ctx.serviceUrl, from: person }));
    if (res.status !== 200) throw new Error(`install for ${person.name}: status ${res.status}`);
  }
  for (const link of links) {
    const res = await post(ctx, channelMention(`koppla kanal ${link.districtId}`, { serviceUrl: ctx.serviceUrl, from: link.by, channelId: link.channelId }));
    if (res.status !== 200) throw new Error(`koppla kanal ${link.districtId}: status ${res.status}`);
  }
}
