/**
 * The case-handling use cases — view a case, open a form, act — on top of the domain and the
 * store ports. No SDK here; the Teams handlers call this and render what it returns.
 */
import { mayOnCase, mayViewDetails } from '../domain/access';
import type { Directory } from '../directory/directory';
import { isCaseCommandKind, type CaseCommandKind } from '../domain/case-commands';
import { decideCase, type CaseRefusal, type CloseRequirement } from '../domain/case-decisions';
import { parseCaseInput, readCaseRaw, type CaseFieldError } from '../domain/case-input';
import { planTimers, type CasePolicy } from '../domain/case-timers';
import { SYSTEM_ACTOR_ID, type Incident } from '../domain/incident';
import { isPossiblySerious } from '../domain/routing';
import { VersionConflictError, type Store } from '../store/ports';

/** What the service needs. */
export interface CaseServiceDeps {
  store: Store;
  directory: Directory;
  casePolicy: CasePolicy;
  clock: () => Date;
  /** Called after a change queued notifications (wakes the outbox dispatcher). */
  onNotificationsQueued?: () => void;
}

/** A message shown at the top of the case card. */
export type CaseNotice =
  | { kind: 'saved'; command: CaseCommandKind }
  | { kind: 'conflict'; byId: string; at: string; alreadyAcknowledged: boolean }
  | { kind: 'refused'; refusal: Exclude<CaseRefusal, 'forbidden'>; missing?: CloseRequirement[] };

/** What the person sees after a case action. */
export type CaseOutcome =
  | { kind: 'card'; incident: Incident; notice?: CaseNotice }
  | { kind: 'form'; incident: Incident; form: CaseCommandKind; raw: Record<string, string>; errors: CaseFieldError[]; notice?: CaseNotice }
  | { kind: 'redacted'; incident: Incident }
  | { kind: 'forbidden'; incident: Incident }
  | { kind: 'not-found' };

/** Case-handling use cases. */
export class CaseService {
  /** @param deps - store, organisation, case policy, clock */
  constructor(private readonly deps: CaseServiceDeps) {}

  /**
   * The case as the person may see it: the full card (the read is logged in the timeline) or the
   * redacted card.
   *
   * @param actorId - aadObjectId from the activity
   * @param incidentId - from card data (untrusted)
   */
  async view(actorId: string, incidentId: unknown): Promise<CaseOutcome> {
    const incident = await this.load(incidentId);
    if (!incident) return { kind: 'not-found' };
    if (!mayViewDetails(this.deps.directory.current(), actorId, incident)) return { kind: 'redacted', incident };
    await this.deps.store.incidents.record(incident.id, { type: 'details-viewed', at: this.deps.clock().toISOString(), actorId });
    return { kind: 'card', incident };
  }

  /**
   * Opens the form of a command, empty.
   *
   * @param actorId - aadObjectId from the activity
   * @param incidentId - from card data (untrusted)
   * @param form - the command whose form to open (untrusted)
   */
  async openForm(actorId: string, incidentId: unknown, form: unknown): Promise<CaseOutcome> {
    const incident = await this.load(incidentId);
    if (!incident) return { kind: 'not-found' };
    if (!isCaseCommandKind(form) || !mayOnCase(this.deps.directory.current(), actorId, form, incident)) return { kind: 'forbidden', incident };
    if (incident.case.closed && form !== 'reopen') return { kind: 'card', incident, notice: { kind: 'refused', refusal: 'closed' } };
    return { kind: 'form', incident, form, raw: {}, errors: [] };
  }

  /**
   * Performs a command: checks the person's right, validates the input, checks that the card was
   * up to date, decides, and writes the change with its event, notifications and timers at once.
   *
   * @param actorId - aadObjectId from the activity
   * @param incidentId - from card data (untrusted)
   * @param command - the command's kind, from card data (untrusted)
   * @param cardVersion - the incident version the card showed
   * @param data - the form's input (untrusted)
   */
  async act(
    actorId: string,
    incidentId: unknown,
    command: unknown,
    cardVersion: unknown,
    data: unknown,
    clickedActivityId?: string,
  ): Promise<CaseOutcome> {
    return this.attempt(actorId, incidentId, command, cardVersion, data, 3, clickedActivityId);
  }

  private async attempt(
    actorId: string,
    incidentId: unknown,
    command: unknown,
    cardVersion: unknown,
    data: unknown,
    retries: number,
    clickedActivityId?: string,
  ): Promise<CaseOutcome> {
    const incident = await this.load(incidentId);
    if (!incident) return { kind: 'not-found' };
    // One organisation for the whole action: a directory refresh meanwhile does not split it.
    const org = this.deps.directory.current();
    if (!isCaseCommandKind(command) || !mayOnCase(org, actorId, command, incident)) return { kind: 'forbidden', incident };
    const now = this.deps.clock();
    const parsed = parseCaseInput(command, data, {
      now,
      possiblySerious: isPossiblySerious(incident.report),
      aimedAtWorkplace: incident.report.target === 'workplace',
    });
    const raw = parsed.ok ? readCaseRaw(command, data).raw : parsed.raw;
    const seen = Number(cardVersion);
    if (seen !== incident.version && !(await this.onlyTryggSince(incident, seen))) return this.conflict(incident, command, raw, seen);
    if (!parsed.ok) return { kind: 'form', incident, form: command, raw, errors: parsed.errors };

    const decision = decideCase(incident, parsed.command, actorId, org, now);
    if (!decision.ok) {
      if (decision.refusal === 'forbidden') return { kind: 'forbidden', incident };
      const notice: CaseNotice = { kind: 'refused', refusal: decision.refusal, missing: decision.missing };
      if (decision.field) return { kind: 'form', incident, form: command, raw, errors: [{ field: decision.field, code: 'invalidChoice' }] };
      return { kind: 'card', incident, notice };
    }
    try {
      const stored = await this.deps.store.incidents.change({
        next: decision.next,
        expectedVersion: incident.version,
        event: decision.event,
        notifications: decision.notifications,
        refreshCards: true,
        // The card clicked in a 1:1 chat is replaced by this invoke's answer (with its notice).
        keepCard: clickedActivityId,
        timers: planTimers(decision.next, this.deps.casePolicy),
      });
      this.deps.onNotificationsQueued?.();
      return { kind: 'card', incident: stored, notice: { kind: 'saved', command } };
    } catch (err) {
      if (!(err instanceof VersionConflictError)) throw err;
      // Lost a race: decided again on the case as it is now, as if from a card showing what was read.
      if (retries > 0) return this.attempt(actorId, incident.id, command, incident.version, data, retries - 1, clickedActivityId);
      return this.conflict((await this.load(incident.id))!, command, raw, incident.version);
    }
  }

  /**
   * Whether everything that changed the case since the card's version was Trygg's own bookkeeping
   * (reminders, escalations, fallback assignment): no one's decision the person has not seen, so
   * their action is decided on the case as it is now instead of being sent back as a conflict.
   */
  private async onlyTryggSince(incident: Incident, seen: number): Promise<boolean> {
    if (!Number.isInteger(seen) || seen < 1 || seen >= incident.version) return false;
    const since = (await this.deps.store.incidents.timeline(incident.id)).filter((e) => e.version !== undefined && e.version > seen);
    return since.length === incident.version - seen && since.every((e) => e.actorId === SYSTEM_ACTOR_ID);
  }

  /**
   * Someone acted from an older card: who changed the case since (a person rather than Trygg's
   * reminders), and when, with the fresh case. An acknowledgement names who acknowledged.
   */
  private async conflict(incident: Incident, command: CaseCommandKind, raw: Record<string, string>, seen: number): Promise<CaseOutcome> {
    const events = await this.deps.store.incidents.timeline(incident.id);
    // Changes only: reads and deliveries change nothing. Events without a version (the report,
    // information the reporter added) cannot be placed before or after the card, so they count.
    const changes = events.filter((e) => e.type !== 'details-viewed' && !e.type.startsWith('notification-'));
    const last =
      [...changes].reverse().find((e) => (e.version === undefined || e.version > seen) && e.actorId !== SYSTEM_ACTOR_ID) ??
      changes[changes.length - 1] ??
      events[events.length - 1];
    const acknowledged = command === 'acknowledge' ? incident.case.acknowledged : undefined;
    const notice: CaseNotice = {
      kind: 'conflict',
      byId: acknowledged?.by ?? last.actorId,
      at: acknowledged?.at ?? last.at,
      alreadyAcknowledged: acknowledged !== undefined,
    };
    const oneClick = command === 'acknowledge' || command === 'close';
    if (oneClick || incident.case.closed) return { kind: 'card', incident, notice };
    return { kind: 'form', incident, form: command, raw, errors: [], notice };
  }

  private async load(incidentId: unknown): Promise<Incident | undefined> {
    if (typeof incidentId !== 'string' || incidentId.length > 200) return undefined;
    return this.deps.store.incidents.get(incidentId);
  }
}
