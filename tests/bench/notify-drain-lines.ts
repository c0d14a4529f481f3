/**
 * Runs the `notify-drain-ratio` rounds and turns them into the figures `notify-drain-ratio`
 * (median drain time ÷ the least time the pure limits allow) and `notify-drain-ms`.
 */
import * as os from 'node:os';
import { drainBounds } from './drain-bounds';
import { runDrainRound, type DrainRound, type NotifyDrainOptions } from './notify-drain';
import type { BenchLine } from './report';
import { median, round } from './stats';

/** The dispatcher's safety margin on every rate window (src/compose.ts, `limitMarginMs`). */
export const DISPATCHER_LIMIT_MARGIN_MS = 250;

/**
 * Runs the drain rounds one after the other and reports them.
 *
 * @param options - scenario shape
 * @param progress - receives human-readable progress notes (stderr)
 * @returns the figures `notify-drain-ratio` and `notify-drain-ms`
 */
export async function runNotifyDrain(options: NotifyDrainOptions, progress: (note: string) => void): Promise<BenchLine[]> {
  const loadAvgBefore = os.loadavg()[0];
  const total = options.incidents * 2;
  const conversations = options.districts * 2;
  const pure = drainBounds(total, conversations, options.limits);
  const margin = drainBounds(total, conversations, options.limits, DISPATCHER_LIMIT_MARGIN_MS);
  progress(`notify-drain: ${options.rounds} rounds × ${total} sends over ${conversations} conversations; minimum ${pure.minimumMs} ms (${pure.binding}), ${margin.minimumMs} ms with the margin`);
  const rounds: DrainRound[] = [];
  for (let i = 1; i <= options.rounds; i++) {
    const r = await runDrainRound(options);
    rounds.push(r);
    progress(`notify-drain round ${i}/${options.rounds}: ${r.drainMs.toFixed(0)} ms, last send at ${r.lastSendMs} ms, ${r.sends} sends, busy ${r.appThreadBusy.toFixed(2)}`);
  }
  const drainMs = median(rounds.map((r) => r.drainMs));
  const each = (f: (r: DrainRound) => number, digits = 0) => rounds.map((r) => round(f(r), digits));
  const problems = rounds.flatMap((r, i) =>
    Object.entries({ queued: r.queued === total, sends: r.sends === total, conversations: r.conversations === conversations, dead: r.outboxAfter.dead === 0, logErrors: r.logErrors === 0 })
      .filter(([, ok]) => !ok)
      .map(([what]) => `round ${i + 1}: ${what}`),
  );
  const rateBoundMs = ((total - 1) / options.limits.perTenantPerSecond) * 1000;
  const common = {
    valid: problems.length === 0,
    problems,
    rounds: {
      drainMs: each((r) => r.drainMs),
      firstSendMs: each((r) => r.firstSendMs),
      lastSendMs: each((r) => r.lastSendMs),
      appThreadBusy: each((r) => r.appThreadBusy, 2),
      cpuMsPerSend: each((r) => r.cpuMsPerSend, 3),
      peaks: rounds.map((r) => r.peaks),
      outboxAfter: rounds.map((r) => r.outboxAfter),
      queued: each((r) => r.queued),
      logErrors: each((r) => r.logErrors),
      firstLogError: rounds.find((r) => r.firstLogError)?.firstLogError,
    },
    backlog: { incidents: options.incidents, sends: total, conversations, sendsPerConversation: pure.sendsPerConversation, connector: 'separate process, no faults' },
    limits: options.limits,
    loadAvg1mBefore: round(loadAvgBefore),
    loadAvg1mAfter: round(os.loadavg()[0]),
  };
  return [
    {
      scenario: 'notify-drain-ratio',
      value: round(drainMs / pure.minimumMs, 3),
      unit: 'ratio',
      target: '<= 1.2',
      detail: {
        drainMs: round(drainMs),
        minimumMs: pure.minimumMs,
        binding: pure.binding,
        formula:
          'N sends over C conversations, n = ceil(N/C); a window of W ms with limit L lets send j start no earlier than ' +
          'floor(j/L)·W after the first; minimum = max(floor((N-1)/tenantPerSecond)·1 s, floor((n-1)/perConversationPerSecond)·1 s, ' +
          'floor((n-1)/perConversationPer30s)·30 s); with the margin every window is W + 250 ms',
        bounds: { pure, withMargin: margin },
        ratioVsMarginMinimum: round(drainMs / margin.minimumMs, 3),
        marginFloorOfRatio: round(margin.minimumMs / pure.minimumMs, 3),
        rateBoundMs: round(rateBoundMs),
        ratioVsRateBound: round(drainMs / rateBoundMs, 3),
        rateBoundNote: '(N-1)/tenantPerSecond is the average-rate bound; bursts of a full window beat it, so it is not the minimum',
        ...common,
      },
    },
    {
      scenario: 'notify-drain-ms',
      value: round(drainMs),
      unit: 'ms',
      target: `<= ${round(pure.minimumMs * 1.2)}`,
      detail: { minimumMs: pure.minimumMs, minimumWithMarginMs: margin.minimumMs, measured: 'dispatcher wake → drained() (100 ms polling); median of rounds', ...common },
    },
  ];
}
