import type { CaseTimer } from '../domain/case-timers';
import type { Incident, IncidentEvent, NewIncident } from '../domain/incident';
import type { Counters } from '../domain/lagesbild-counters';
import type { CaseSummary } from '../domain/lagesbild-types';
import type { Notification } from '../domain/notification';
import type { ReportDraft } from '../domain/report-draft';
import type { RateLimits } from '../domain/send-slots';

/** An event to append; the store assigns its sequence number. */
export type NewIncidentEvent = Omit<IncidentEvent, 'seq' | 'incidentId'>;

/**
 * Ports: what the rest of Trygg needs from storage. Adapters live in `sqlite/` (embedded, default)
 * and later `cosmos/`. Every method is async so that a network store fits behind the same port.
 */

/** A stored conversation or user state item with its concurrency token. */
export interface StateRecord {
  value: Record<string, unknown>;
  etag: string;
}

/** Raised when a conditional write loses a race: the stored item changed since it was read. */
export class StateConflictError extends Error {
  constructor(readonly key: string) {
    super(`state conflict on key ${key}`);
    this.name = 'StateConflictError';
  }
}

/** Key/value store for bot conversation and user state, with optimistic concurrency. */
export interface StateStore {
  /** Reads the items that exist among `keys`. */
  read(keys: readonly string[]): Promise<Map<string, StateRecord>>;
  /**
   * Writes one item. With `expectedEtag` the write only succeeds if the stored item still has
   * that etag (or does not exist); without it (or with `*`) it overwrites.
   *
   * @returns the item's new etag
   * @throws {@link StateConflictError} when the stored etag differs
   */
  write(key: string, value: Record<string, unknown>, expectedEtag?: string): Promise<string>;
  /** Deletes the items; missing keys are ignored. */
  delete(keys: readonly string[]): Promise<void>;
}

/** Raised when an optimistic write finds a newer version than the one it was based on. */
export class VersionConflictError extends Error {
  constructor(
    readonly entity: 'draft' | 'incident',
    readonly id: string,
  ) {
    super(`${entity} ${id} was changed by someone else`);
    this.name = 'VersionConflictError';
  }
}

/** Report drafts, one person's at a time. */
export interface DraftStore {
  /** The person's newest draft that is neither submitted nor expired. */
  findOpen(userId: string, now: Date): Promise<ReportDraft | undefined>;
  /** A draft by id, whatever its state. */
  get(id: string): Promise<ReportDraft | undefined>;
  /**
   * Saves a draft if the stored one still has `draft.version` (0 for a new draft).
   *
   * @returns the draft as stored, with its version increased
   * @throws {@link VersionConflictError} when it was saved by someone else in between
   */
  save(draft: ReportDraft): Promise<ReportDraft>;
  /** Removes a draft the person discarded (submitted drafts are kept as receipts). */
  discard(id: string): Promise<void>;
  /** Removes unsubmitted drafts past their expiry; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

/** Raised when a process no longer holds the lease of the timer it fired (another took over). */
export class LeaseLostError extends Error {
  constructor(readonly id: string) {
    super(`lease lost on ${id}`);
    this.name = 'LeaseLostError';
  }
}

/**
 * One change of a case, written atomically: the incident's next state (if it still has
 * `expectedVersion`), its timeline event, the notifications it causes, the timers the case should
 * now have, and — for a change made by a timer — that timer marked done.
 */
export interface CaseChange {
  /** The incident as it should be stored; its `version` must be `expectedVersion + 1`. */
  next: Incident;
  expectedVersion: number;
  event: NewIncidentEvent;
  notifications?: readonly Notification[];
  /** The cards already sent about the case are updated in place (their updates are queued). */
  refreshCards?: boolean;
  /**
   * A card in a 1:1 chat not to update: the one the person clicked, which the invoke's own answer
   * replaces (an update would overwrite the answer's notice a moment later).
   */
  keepCard?: string;
  /**
   * The timers the case should have now: pending timers not in the list are cancelled, new ones
   * added, and timers that already fired are never re-armed. Omitted: the timers stay as they are.
   */
  timers?: readonly CaseTimer[];
  /** The timer whose firing this change is: marked done only if `owner` still holds its lease. */
  firedTimer?: { id: string; owner: string };
}

/** Incidents and their append-only timelines. */
export interface IncidentStore {
  /**
   * Creates the incident from a submitted draft — allocating the next case number of the year,
   * writing the `reported` event and marking the draft submitted — in one transaction. Submitting
   * the same incident id again changes nothing and returns the incident created the first time.
   * The notifications (the outbox) are written in the same transaction.
   */
  submit(
    input: NewIncident,
    notifications?: readonly Notification[],
    timers?: readonly CaseTimer[],
  ): Promise<{ incident: Incident; created: boolean }>;
  /**
   * Writes one change of a case atomically (see {@link CaseChange}).
   *
   * @returns the incident as stored
   * @throws {@link VersionConflictError} when the incident changed since it was read
   * @throws {@link LeaseLostError} when the fired timer's lease was lost
   */
  change(change: CaseChange): Promise<Incident>;
  get(id: string): Promise<Incident | undefined>;
  /** The reporter's incidents, newest first. */
  listByReporter(reporterId: string, limit: number): Promise<Incident[]>;
  /** The incident's events in order. */
  timeline(incidentId: string): Promise<IncidentEvent[]>;
  /**
   * Appends an event if the incident still has `expectedVersion`.
   *
   * @returns the incident with its version increased
   * @throws {@link VersionConflictError} when another event came first
   */
  append(incidentId: string, expectedVersion: number, event: NewIncidentEvent): Promise<Incident>;
  /**
   * Records an event that changes nothing about the case (a read of the full details, a delivery):
   * appended to the timeline without changing the incident's version.
   */
  record(incidentId: string, event: NewIncidentEvent): Promise<void>;
}

/** Durable timers of cases (reminders, escalations). */
export interface TimerStore {
  /** Claims up to `limit` due pending timers for `owner` until `now + leaseMs`. */
  claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<CaseTimer[]>;
  /** Marks a claimed timer done without changing its case; false when the lease was lost. */
  finish(id: string, owner: string): Promise<boolean>;
  /** The pending timers of a case, soonest first. */
  pending(incidentId: string): Promise<CaseTimer[]>;
}

/** A district's coordinator channel. */
export interface ChannelLink {
  districtId: string;
  channelKey: string;
  linkedBy: string;
  linkedAt: string;
}

/** Where the bot can reach people and channels, and which channel is each district's. */
export interface ConversationStore {
  /** Saves (or replaces) a conversation reference under a key (`user:<id>` or `channel:<id>`). */
  save(key: string, reference: Record<string, unknown>, at: Date): Promise<void>;
  get(key: string): Promise<Record<string, unknown> | undefined>;
  /** Forgets a reference (the bot was uninstalled). */
  remove(key: string): Promise<void>;
  /** Makes a channel the district's coordinator channel (replacing an earlier link). */
  link(link: ChannelLink): Promise<void>;
  linkOf(districtId: string): Promise<ChannelLink | undefined>;
  links(): Promise<ChannelLink[]>;
}

/** Figures of the outbox, for /readyz and alerts. */
export interface OutboxStats {
  pending: number;
  dead: number;
  oldestPendingAt?: string;
}

/** The transactional outbox. */
export interface OutboxStore {
  /**
   * Claims up to `limit` due pending notifications for `owner` until `now + leaseMs`; a
   * notification whose lease expired (its process died) can be claimed again.
   */
  claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<Notification[]>;
  /**
   * Stores the new state of a claimed notification and releases the lease, appending a timeline
   * event when given — only if `owner` still holds the lease.
   *
   * @returns false when the lease was lost (another process took over)
   */
  settle(notification: Notification, owner: string, event?: NewIncidentEvent): Promise<boolean>;
  /** Adds a notification to an existing incident (a fallback recipient). */
  add(notification: Notification): Promise<void>;
  forIncident(incidentId: string): Promise<Notification[]>;
  stats(): Promise<OutboxStats>;
}

/**
 * Send slots shared by every process on the store, so that together they keep to Teams' limits
 * (see `domain/send-slots.ts`). Booking is atomic: two processes never get slots that together
 * break a limit.
 */
export interface SendSlotStore {
  /**
   * Books the earliest slot at or after `now` that keeps every limit, given every slot booked.
   * (Cosmos: the conversation's and the tenant's slots must be changed together, e.g. one document
   * per tenant replaced with its ETag.)
   *
   * @param conversationKey - the conversation the send goes to
   * @param tenantId - its tenant
   * @param now - the current time in ms since the epoch
   * @param limits - the limits to keep
   * @param marginMs - added to every window
   * @returns the booked time in ms; the caller waits until then before sending
   */
  book(conversationKey: string, tenantId: string, now: number, limits: RateLimits, marginMs: number): Promise<number>;
  /**
   * Gives a booked slot back (the send did not start at its time, or will not happen).
   *
   * @param conversationKey - as booked
   * @param tenantId - as booked
   * @param at - the booked time
   */
  release(conversationKey: string, tenantId: string, at: number): Promise<void>;
}

/**
 * Whose cases a summary query covers. Units name their district: every query stays inside the
 * districts' partitions (Cosmos: partition key `/districtId`).
 */
export type SummaryScope =
  | { kind: 'districts'; districtIds: readonly string[] }
  | { kind: 'units'; units: ReadonlyArray<{ districtId: string; unitId: string }> };

/**
 * Case summaries and the lägesbild's maintained counters. The adapter keeps both in the same
 * transaction as every {@link IncidentStore.submit} and {@link IncidentStore.change} (Cosmos: the
 * same transactional batch, in the district's partition), so they never disagree with the cases.
 * Nothing here reads more than the days, months and districts asked for, or the open cases.
 */
export interface SummaryStore {
  /**
   * The counters of the cases reported on Swedish days `fromDay <= day < toDay` in the scope,
   * added up (see `domain/lagesbild-counters.ts`): whole months read as month documents.
   */
  counters(scope: SummaryScope, fromDay: string, toDay: string): Promise<Counters>;
  /** Cases open now in the scope, and how many of them have a deadline before `now`. */
  openCounts(scope: SummaryScope, now: Date): Promise<{ open: number; overdue: number }>;
  /**
   * Open cases in the scope, soonest (or longest overdue) deadline first, cases without a
   * deadline last; with `overdueBefore`, only those whose deadline is before it.
   *
   * @returns one page of rows and the number of rows of all pages
   */
  openCases(
    scope: SummaryScope,
    options: { overdueBefore?: Date; offset: number; limit: number },
  ): Promise<{ rows: CaseSummary[]; total: number }>;
  /**
   * The case with this case number (`2026-0042`), if any. (Cosmos: a query on the indexed case
   * number; the caller checks the case's district against the person's scope.)
   */
  byCaseNumber(caseNumber: string): Promise<CaseSummary | undefined>;
  /** Every case reported in `[from, to)` in the scope, oldest first (the export). */
  rows(scope: SummaryScope, from: Date, to: Date): Promise<CaseSummary[]>;
}

/** Everything the application needs from one store. */
export interface Store {
  readonly conversations: ConversationStore;
  readonly outbox: OutboxStore;
  readonly sendSlots: SendSlotStore;
  readonly state: StateStore;
  readonly drafts: DraftStore;
  readonly incidents: IncidentStore;
  readonly timers: TimerStore;
  readonly summaries: SummaryStore;
  /** Resolves when the store answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  /** Releases connections and file handles. */
  close(): Promise<void>;
}
