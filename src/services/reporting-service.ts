/**
 * The reporting use cases — start, step through, save, submit, list and add information —
 * on top of the domain and the store ports. No SDK here; the Teams handlers call this.
 */
import { stockholmLocal } from '../domain/local-time';
import type { Directory } from '../directory/directory';
import { checkAddedInformation, incidentIdForDraft, type Incident, type IncidentEvent } from '../domain/incident';
import { ownUnitOf, unitById } from '../domain/organisation';
import { isDraftExpired, newDraft, updateDraft, type ReportDraft } from '../domain/report-draft';
import { REPORT_STEPS } from '../domain/report-schema';
import {
  RAW_FIELDS,
  rawFieldsOf,
  readRawInput,
  toReportAnswers,
  validateFields,
  type FieldError,
  type ValidationContext,
} from '../domain/report-validation';
import { newCaseFile } from '../domain/case-file';
import { acknowledgementDueFor, planTimers, type CasePolicy } from '../domain/case-timers';
import { notificationsFor } from '../domain/notification';
import { recipientsFor, type Recipient } from '../domain/routing';
import { VersionConflictError, type Store } from '../store/ports';
import type { Actor } from './actor';

/** What the service needs. */
export interface ReportingDeps {
  store: Store;
  directory: Directory;
  draftTtlDays: number;
  /** Deadlines, reminders and escalation of the cases reports start. */
  casePolicy: CasePolicy;
  clock: () => Date;
  newId: () => string;
  /** Called after a submit committed new notifications (wakes the outbox dispatcher). */
  onNotificationsQueued?: () => void;
}

/** Where a step action leaves the person. */
export type StepOutcome =
  | { kind: 'step'; draft: ReportDraft; errors: FieldError[]; notice?: 'stale' | 'resumed' }
  | { kind: 'saved'; draft: ReportDraft }
  | { kind: 'receipt'; incident: Incident; recipients: Recipient[]; created: boolean }
  | { kind: 'gone' }
  | { kind: 'forbidden' };

/** Directions of a step action. */
export type StepMove = 'next' | 'back' | 'save';

/** Reporting use cases. */
export class ReportingService {
  /** @param deps - store, organisation, draft lifetime, clock and id source */
  constructor(private readonly deps: ReportingDeps) {}

  /** Units a report may name, for choice lists. */
  units(): ReadonlyArray<{ id: string; name: string }> {
    return this.deps.directory.current().units.map((u) => ({ id: u.id, name: u.name }));
  }

  /**
   * Opens the person's report: their unfinished draft if there is one, else a new draft.
   *
   * @param actor - the person
   * @param danger - the person said there is danger now
   */
  async start(actor: Actor, danger = false): Promise<StepOutcome> {
    const open = await this.deps.store.drafts.findOpen(actor.id, this.deps.clock());
    if (open) return { kind: 'step', draft: open, errors: [], notice: 'resumed' };
    return this.create(actor, danger);
  }

  /** The person's unfinished draft, if any. */
  openDraft(actor: Actor): Promise<ReportDraft | undefined> {
    return this.deps.store.drafts.findOpen(actor.id, this.deps.clock());
  }

  /** Discards the person's unfinished draft and starts a new one. */
  async restart(actor: Actor, danger = false): Promise<StepOutcome> {
    const open = await this.openDraft(actor);
    if (open) await this.deps.store.drafts.discard(open.id);
    return this.create(actor, danger);
  }

  /**
   * Saves what the person typed and moves: `next` validates the current step first, `back`
   * and `save` keep everything as typed without validating.
   *
   * @param actor - the person clicking (from the activity, not from card data)
   * @param draftId - the draft named by the card
   * @param cardVersion - the draft version the card was rendered from
   * @param input - the card's input values (untrusted)
   * @param move - where to go
   */
  async step(actor: Actor, draftId: string, cardVersion: number, input: unknown, move: StepMove): Promise<StepOutcome> {
    const loaded = await this.load(actor, draftId);
    if ('kind' in loaded) return loaded;
    const draft = loaded.draft;
    if (draft.version !== cardVersion) return { kind: 'step', draft, errors: [], notice: 'stale' };
    const fields = rawFieldsOf(REPORT_STEPS[draft.stepIndex].fields);
    const { raw, errors: typeErrors } = readRawInput(input, fields);
    const errors = move === 'next' ? [...typeErrors, ...validateFields({ ...draft.raw, ...raw }, fields, this.context())] : typeErrors;
    const target = errors.length > 0 ? draft.stepIndex : draft.stepIndex + (move === 'next' ? 1 : move === 'back' ? -1 : 0);
    const saved = await this.save(updateDraft(draft, raw, target, this.deps.clock(), this.deps.draftTtlDays));
    if (!saved) return this.reload(actor, draftId);
    if (move === 'save' && errors.length === 0) return { kind: 'saved', draft: saved };
    return { kind: 'step', draft: saved, errors: uniqueErrors(errors) };
  }

  /**
   * Submits the report: validates every field; on success creates the incident exactly once
   * (a second submit of the same draft returns the same receipt).
   */
  async submit(actor: Actor, draftId: string, cardVersion: number, input: unknown): Promise<StepOutcome> {
    const loaded = await this.load(actor, draftId, true);
    if ('kind' in loaded) return loaded;
    const draft = loaded.draft;
    if (draft.submittedIncidentId) return this.receipt(draft.submittedIncidentId, false);
    if (draft.version !== cardVersion) return { kind: 'step', draft, errors: [], notice: 'stale' };
    const { raw, errors: typeErrors } = readRawInput(input, rawFieldsOf(REPORT_STEPS[draft.stepIndex].fields));
    const merged = { ...draft.raw, ...raw };
    const ctx = this.context();
    const errors = [...typeErrors, ...validateFields(merged, RAW_FIELDS, ctx)];
    if (errors.length > 0) {
      const firstBad = REPORT_STEPS.findIndex((s) => rawFieldsOf(s.fields).some((f) => errors.some((e) => e.field === f)));
      const saved = await this.save(updateDraft(draft, raw, firstBad, this.deps.clock(), this.deps.draftTtlDays));
      if (!saved) return this.reload(actor, draftId);
      return { kind: 'step', draft: saved, errors: uniqueErrors(errors) };
    }
    const report = toReportAnswers(merged, ctx);
    const org = this.deps.directory.current();
    const unit = unitById(org, report.unitId)!;
    const now = this.deps.clock();
    const id = incidentIdForDraft(draft.id);
    const routed = { unitId: unit.id, districtId: unit.districtId, reporterId: actor.id, report };
    const recipients = recipientsFor(routed, org);
    const notifications = notificationsFor({ id, districtId: unit.districtId, tenantId: actor.tenantId }, recipients, now);
    const handlers = recipients.flatMap((r) => (r.detail === 'full' && r.target.kind === 'person' ? [r.target.personId] : []));
    const caseFile = newCaseFile(handlers, acknowledgementDueFor({ report }, now, this.deps.casePolicy));
    const newIncident = {
      id,
      draftId: draft.id,
      tenantId: actor.tenantId,
      districtId: unit.districtId,
      reporterId: actor.id,
      reporterName: actor.name,
      reportedAt: now,
      caseYear: Number(stockholmLocal(now).slice(0, 4)),
      report,
      caseFile,
    };
    const planned = planTimers(
      { ...newIncident, unitId: unit.id, caseNumber: '', reportedAt: now.toISOString(), status: 'reported', version: 1, case: caseFile },
      this.deps.casePolicy,
    );
    const { incident, created } = await this.deps.store.incidents.submit(newIncident, notifications, planned);
    if (created) this.deps.onNotificationsQueued?.();
    return { kind: 'receipt', incident, recipients: recipientsFor(incident, org), created };
  }

  /** The person's own incidents, newest first. */
  myReports(actor: Actor, limit = 10): Promise<Incident[]> {
    return this.deps.store.incidents.listByReporter(actor.id, limit);
  }

  /**
   * Adds information to the person's own submitted report, as a new timeline event.
   *
   * @returns the updated incident, or why not
   */
  async addInformation(
    actor: Actor,
    incidentId: string,
    text: unknown,
  ): Promise<{ kind: 'added'; incident: Incident } | { kind: 'invalid'; code: string } | { kind: 'gone' } | { kind: 'forbidden' }> {
    const incident = await this.deps.store.incidents.get(incidentId);
    if (!incident) return { kind: 'gone' };
    if (incident.reporterId !== actor.id) return { kind: 'forbidden' };
    const code = checkAddedInformation(text);
    if (code) return { kind: 'invalid', code };
    for (let attempt = 0; ; attempt++) {
      const current = attempt === 0 ? incident : (await this.deps.store.incidents.get(incidentId))!;
      try {
        const event: Omit<IncidentEvent, 'seq' | 'incidentId'> = {
          type: 'information-added',
          at: this.deps.clock().toISOString(),
          actorId: actor.id,
          text: (text as string).trim(),
        };
        return { kind: 'added', incident: await this.deps.store.incidents.append(incidentId, current.version, event) };
      } catch (err) {
        // Appending information never conflicts in meaning with other events: retry on a newer version.
        if (!(err instanceof VersionConflictError) || attempt >= 4) throw err;
      }
    }
  }

  /** The incident's timeline. */
  timeline(incidentId: string): Promise<IncidentEvent[]> {
    return this.deps.store.incidents.timeline(incidentId);
  }

  private async create(actor: Actor, danger: boolean): Promise<StepOutcome> {
    const draft = newDraft({
      id: this.deps.newId(),
      userId: actor.id,
      tenantId: actor.tenantId,
      now: this.deps.clock(),
      ttlDays: this.deps.draftTtlDays,
      ownUnitId: ownUnitOf(this.deps.directory.current(), actor.id)?.id,
      danger,
    });
    return { kind: 'step', draft: await this.deps.store.drafts.save(draft), errors: [] };
  }

  private async load(actor: Actor, draftId: string, allowSubmitted = false): Promise<{ draft: ReportDraft } | StepOutcome> {
    const draft = await this.deps.store.drafts.get(draftId);
    if (!draft) return { kind: 'gone' };
    if (draft.userId !== actor.id) return { kind: 'forbidden' };
    if (draft.submittedIncidentId && !allowSubmitted) return this.receipt(draft.submittedIncidentId, false);
    if (!draft.submittedIncidentId && isDraftExpired(draft, this.deps.clock())) return { kind: 'gone' };
    return { draft };
  }

  private async reload(actor: Actor, draftId: string): Promise<StepOutcome> {
    const loaded = await this.load(actor, draftId);
    return 'kind' in loaded ? loaded : { kind: 'step', draft: loaded.draft, errors: [], notice: 'stale' };
  }

  private async receipt(incidentId: string, created: boolean): Promise<StepOutcome> {
    const incident = await this.deps.store.incidents.get(incidentId);
    if (!incident) return { kind: 'gone' };
    return { kind: 'receipt', incident, recipients: recipientsFor(incident, this.deps.directory.current()), created };
  }

  private async save(draft: ReportDraft): Promise<ReportDraft | undefined> {
    try {
      return await this.deps.store.drafts.save(draft);
    } catch (err) {
      if (err instanceof VersionConflictError) return undefined;
      throw err;
    }
  }

  private context(): ValidationContext {
    return { now: this.deps.clock(), unitIds: this.deps.directory.current().units.map((u) => u.id) };
  }
}

function uniqueErrors(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}
