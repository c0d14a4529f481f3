/**
 * A report being written. Saved at every step so that nothing typed is lost, resumable after a
 * restart or days later, and removed when it expires.
 */
import { stockholmLocal } from './local-time';
import { REPORT_STEPS } from './report-schema';
import type { RawReport } from './report-validation';

/** A draft report of one person. */
export interface ReportDraft {
  id: string;
  userId: string;
  tenantId: string;
  /** Index into {@link REPORT_STEPS} of the step the person is on. */
  stepIndex: number;
  raw: RawReport;
  /** The person said there is danger now: the 112 advice was shown first. */
  danger: boolean;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  /** Increases with every save (optimistic concurrency). */
  version: number;
  /** Set once submitted: the incident it became. */
  submittedIncidentId?: string;
}

/**
 * A report made after danger (the 112 advice was shown first) is kept short: answers the person can
 * change but need not give now are preselected, and the manager contacts them today.
 */
export const DANGER_DEFAULTS: RawReport = {
  purpose: 'unknown',
  perpetratorRole: 'unknown',
  recurrence: 'unknown',
  target: 'me',
  policeIntent: 'unsure',
  support: 'manager-today',
};

/** What a new draft starts from. */
export interface NewDraftInput {
  id: string;
  userId: string;
  tenantId: string;
  now: Date;
  ttlDays: number;
  /** The reporter's own unit, preselected. */
  ownUnitId?: string;
  danger?: boolean;
}

function expiry(now: Date, ttlDays: number): string {
  return new Date(now.getTime() + ttlDays * 86_400_000).toISOString();
}

/**
 * Starts a draft with sensible defaults: the event happened now, in the reporter's own unit.
 *
 * @param input - ids, the current time, time to live and defaults
 * @returns a draft at the first step, version 0 (not yet stored)
 */
export function newDraft(input: NewDraftInput): ReportDraft {
  const [date, time] = stockholmLocal(input.now).split('T');
  return {
    id: input.id,
    userId: input.userId,
    tenantId: input.tenantId,
    stepIndex: 0,
    raw: {
      occurredDate: date,
      occurredTime: time,
      ...(input.ownUnitId ? { unitId: input.ownUnitId } : {}),
      ...(input.danger ? DANGER_DEFAULTS : {}),
    },
    danger: input.danger ?? false,
    createdAt: input.now.toISOString(),
    updatedAt: input.now.toISOString(),
    expiresAt: expiry(input.now, input.ttlDays),
    version: 0,
  };
}

/**
 * Applies what the person typed and moves to a step; extends the draft's life.
 *
 * @param draft - the stored draft
 * @param raw - values typed in the current card (override stored ones)
 * @param stepIndex - the step to show next
 * @param now - the current time
 * @param ttlDays - time to live from now
 * @returns the updated draft (same version: the store increments it)
 */
export function updateDraft(draft: ReportDraft, raw: RawReport, stepIndex: number, now: Date, ttlDays: number): ReportDraft {
  return {
    ...draft,
    raw: { ...draft.raw, ...raw },
    stepIndex: Number.isInteger(stepIndex) ? Math.max(0, Math.min(REPORT_STEPS.length - 1, stepIndex)) : draft.stepIndex,
    updatedAt: now.toISOString(),
    expiresAt: expiry(now, ttlDays),
  };
}

/**
 * Whether a draft has expired.
 *
 * @param draft - a draft
 * @param now - the current time
 * @returns true once past its expiry
 */
export function isDraftExpired(draft: ReportDraft, now: Date): boolean {
  return draft.expiresAt <= now.toISOString();
}
