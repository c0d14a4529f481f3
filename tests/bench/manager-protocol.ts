/**
 * Messages between the `manager-invoke-p99-ms` scenario (main thread, where Trygg runs) and its
 * manager worker (`manager-worker.ts`, where the simulated managers and the fake connector run).
 */

import type { Person } from '../helpers/activities';

/** The invokes of one case, in the order a manager makes them. */
export const MANAGER_STEPS = ['acknowledge', 'policeForm', 'police', 'supportForm', 'support', 'feedback', 'view'] as const;

/** One invoke of a manager's case sequence. */
export type ManagerStep = (typeof MANAGER_STEPS)[number];

/** A case a manager will handle: its id and the version the case card they were sent shows. */
export interface ManagerCase {
  incidentId: string;
  version: number;
}

/** A team channel linked as a district's coordinator channel. */
export interface ManagerChannelLink {
  districtId: string;
  channelId: string;
  by: Person;
}

/** What the worker is asked to do (its `workerData`). */
export interface ManagerRun {
  /** Trygg's `POST /api/messages` URL. */
  targetUrl: string;
  /** The concurrent users: one manager per unit, each in their own personal chat. */
  managers: Person[];
  /** People who have the bot installed before the cases are filed. */
  installedFor: Person[];
  /** Coordinator channels linked (`koppla kanal`) before the cases are filed. */
  channelLinks: ManagerChannelLink[];
  /** Cases each manager handles before measuring. */
  warmupCases: number;
  /** Cases each manager handles while measuring. */
  cases: number;
  /** Cases the first manager handles alone afterwards: latency without queueing behind the others. */
  soloCases: number;
  requestTimeoutMs: number;
}

/** What the measured phase saw. */
export interface ManagerResult {
  /** Latency of every invoke per step (successful or not), in milliseconds. */
  samples: Record<ManagerStep, number[]>;
  /** Wall time of the measured phase. */
  elapsedMs: number;
  /** Cases whose whole sequence went through. */
  casesHandled: number;
  /** Invokes answered with something other than a 200 and the expected card. */
  errors: number;
  /** The first few error descriptions. */
  failures: string[];
  /** Busy fraction of the worker's event loop during the measured phase. */
  workerElu: number;
  /** Sends and updates the fake connector accepted during the measured phase. */
  connectorCalls: number;
  /** Invoke latencies of the solo manager (every step together). */
  soloInvokes: number[];
  soloErrors: number;
}

/** Main → worker: the cases, per manager (same order as `managers`), once they are filed. */
export interface ManagerCasesMessage {
  type: 'cases';
  perManager: ManagerCase[][];
}

/** Worker → main. */
export type ManagerEvent =
  | { type: 'prepared' }
  | { type: 'measuring' }
  | { type: 'measured' }
  | { type: 'result'; result: ManagerResult }
  | { type: 'error'; message: string };
