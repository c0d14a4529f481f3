/**
 * Messages between the `report-invoke-p99-ms` scenario (main thread, where Trygg runs) and its
 * reporter worker (`report-worker.ts`, where the simulated reporters and the fake connector run).
 */

import type { Person } from '../helpers/activities';

/** The steps of one report, in order: the message turn and the three invokes. */
export const REPORT_STEPS = ['message', 'next1', 'next2', 'submit'] as const;

/** One step of a report. */
export type ReportStep = (typeof REPORT_STEPS)[number];

/** What the worker is asked to do (its `workerData`). */
export interface ReporterRun {
  /** Trygg's `POST /api/messages` URL. */
  targetUrl: string;
  /** Concurrent reporters, one personal conversation each. */
  reporters: number;
  /** Reports each reporter files before measuring. */
  warmupReports: number;
  /** Reports each reporter files while measuring. */
  reports: number;
  /** Reports one reporter files alone afterwards: latency without queueing behind the others. */
  soloReports: number;
  /** People who have the bot installed (personal chat) before the reporters start: the recipients. */
  installedFor: Person[];
  /** Coordinator channels linked (`koppla kanal`) before the reporters start. */
  channelLinks: ChannelLink[];
  /** `occurredDate` for step 1 (must not be in the future on Trygg's clock). */
  occurredDate: string;
  requestTimeoutMs: number;
}

/** A team channel linked as a district's coordinator channel, by someone allowed to. */
export interface ChannelLink {
  districtId: string;
  channelId: string;
  by: Person;
}

/** What the measured phase saw. */
export interface ReporterResult {
  /** Latency of every successful request per step, in milliseconds. */
  samples: Record<ReportStep, number[]>;
  /** Wall time of the measured phase. */
  elapsedMs: number;
  /** Reports that ended with a receipt and a case number. */
  reportsFiled: number;
  /** Reports that went wrong at some step. */
  failed: number;
  /** The first few failure descriptions. */
  failures: string[];
  /** Busy fraction of the worker's event loop during the measured phase. */
  workerElu: number;
  /** Sends the fake connector accepted during the measured phase, in reporters' conversations. */
  replies: number;
  /** Sends to any other conversation (proactive notifications) during the measured phase. */
  otherSends: number;
  /** Invoke latencies of the solo reporter (all three invokes together). */
  soloInvokes: number[];
}

/** Worker → main. */
export type ReporterEvent =
  | { type: 'measuring' }
  | { type: 'measured' }
  | { type: 'result'; result: ReporterResult }
  | { type: 'error'; message: string };
