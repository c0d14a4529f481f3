import type { Statement } from 'better-sqlite3';
import { formatCaseNumber } from '../../domain/case-number';
import type { Incident, IncidentEvent, NewIncident } from '../../domain/incident';
import type { Notification } from '../../domain/notification';
import type { ReportDraft } from '../../domain/report-draft';
import type { CaseTimer } from '../../domain/case-timers';
import { VersionConflictError, type CaseChange, type IncidentStore, type NewIncidentEvent } from '../ports';
import type { SqliteDatabase } from './database';
import type { IncidentEventWriter } from './incident-event-writer';
import { parseIncident } from './incident-row';
import type { SqliteOutboxStore } from './sqlite-outbox-store';
import type { SqliteTimerStore } from './sqlite-timer-store';
import type { SummaryWriter } from './summary-writer';

interface BodyRow {
  body: string;
}

interface EventRow {
  incident_id: string;
  seq: number;
  type: IncidentEvent['type'];
  at: string;
  actor_id: string;
  body: string;
}

/** Incidents, case-number counters and the append-only timeline. */
export class SqliteIncidentStore implements IncidentStore {
  private readonly byId: Statement<[string], BodyRow>;
  private readonly byReporter: Statement<[string, number], BodyRow>;
  private readonly nextNumber: Statement<[number], { last: number }>;
  private readonly insertIncident: Statement<[string, string, string, string, string, string, string, number, string]>;
  private readonly updateIncident: Statement<[number, string, string, string, number]>;
  private readonly eventRows: Statement<[string], EventRow>;
  private readonly draftBody: Statement<[string], BodyRow>;
  private readonly markDraft: Statement<[string, string, string]>;

  /**
   * @param db - an open, migrated database
   * @param events - appends timeline events
   * @param outbox - inserts the notifications of a submit in its transaction
   * @param timers - plans a case's timers in the transaction of its change
   * @param summaries - keeps the case summary and the lägesbild counters in the same transaction
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: IncidentEventWriter,
    private readonly outbox: SqliteOutboxStore,
    private readonly timers: SqliteTimerStore,
    private readonly summaries: SummaryWriter,
  ) {
    this.byId = db.prepare('SELECT body FROM incidents WHERE id = ?');
    this.byReporter = db.prepare('SELECT body FROM incidents WHERE reporter_id = ? ORDER BY reported_at DESC LIMIT ?');
    this.nextNumber = db.prepare(
      `INSERT INTO case_counters (year, last) VALUES (?, 1)
       ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last`,
    );
    this.insertIncident = db.prepare(
      `INSERT INTO incidents (id, case_number, district_id, unit_id, reporter_id, reported_at, status, version, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateIncident = db.prepare('UPDATE incidents SET version = ?, status = ?, body = ? WHERE id = ? AND version = ?');
    this.eventRows = db.prepare('SELECT * FROM incident_events WHERE incident_id = ? ORDER BY seq');
    this.draftBody = db.prepare('SELECT body FROM report_drafts WHERE id = ?');
    this.markDraft = db.prepare(
      'UPDATE report_drafts SET submitted_incident_id = ?, version = version + 1, body = ? WHERE id = ?',
    );
  }

  /** @inheritdoc */
  async submit(
    input: NewIncident,
    notifications: readonly Notification[] = [],
    timers: readonly CaseTimer[] = [],
  ): Promise<{ incident: Incident; created: boolean }> {
    const tx = this.db.transaction((): { incident: Incident; created: boolean } => {
      const existing = this.byId.get(input.id);
      if (existing) return { incident: parseIncident(existing.body), created: false };
      const sequence = this.nextNumber.get(input.caseYear)!.last;
      const incident: Incident = {
        id: input.id,
        caseNumber: formatCaseNumber(input.caseYear, sequence),
        tenantId: input.tenantId,
        districtId: input.districtId,
        unitId: input.report.unitId,
        reporterId: input.reporterId,
        reporterName: input.reporterName,
        reportedAt: input.reportedAt.toISOString(),
        status: 'reported',
        version: 1,
        report: input.report,
        case: input.caseFile,
      };
      this.insertIncident.run(
        incident.id,
        incident.caseNumber,
        incident.districtId,
        incident.unitId,
        incident.reporterId,
        incident.reportedAt,
        incident.status,
        incident.version,
        JSON.stringify(incident),
      );
      this.summaries.write(incident);
      this.events.append(incident.id, { type: 'reported', at: incident.reportedAt, actorId: input.reporterId, report: input.report });
      this.outbox.insertAll(notifications);
      this.timers.plan(incident.id, timers);
      const draft = this.draftBody.get(input.draftId);
      if (draft) {
        const body = JSON.parse(draft.body) as ReportDraft;
        const marked = { ...body, submittedIncidentId: incident.id, version: body.version + 1 };
        this.markDraft.run(incident.id, JSON.stringify(marked), input.draftId);
      }
      return { incident, created: true };
    });
    return tx.immediate();
  }

  /** @inheritdoc */
  async get(id: string): Promise<Incident | undefined> {
    const row = this.byId.get(id);
    return row ? parseIncident(row.body) : undefined;
  }

  /** @inheritdoc */
  async listByReporter(reporterId: string, limit: number): Promise<Incident[]> {
    return this.byReporter.all(reporterId, limit).map((r) => parseIncident(r.body));
  }

  /** @inheritdoc */
  async timeline(incidentId: string): Promise<IncidentEvent[]> {
    return this.eventRows.all(incidentId).map((r) => ({
      ...(JSON.parse(r.body) as Partial<IncidentEvent>),
      incidentId: r.incident_id,
      seq: r.seq,
      type: r.type,
      at: r.at,
      actorId: r.actor_id,
    }));
  }

  /** @inheritdoc */
  async append(incidentId: string, expectedVersion: number, event: NewIncidentEvent): Promise<Incident> {
    const tx = this.db.transaction((): Incident => {
      const row = this.byId.get(incidentId);
      if (!row) throw new Error(`no incident ${incidentId}`);
      const current = parseIncident(row.body);
      if (current.version !== expectedVersion) throw new VersionConflictError('incident', incidentId);
      const next: Incident = { ...current, version: current.version + 1 };
      const changes = this.updateIncident.run(next.version, next.status, JSON.stringify(next), incidentId, expectedVersion).changes;
      if (changes === 0) throw new VersionConflictError('incident', incidentId);
      this.events.append(incidentId, event);
      return next;
    });
    return tx.immediate();
  }

  /** @inheritdoc */
  async change(change: CaseChange): Promise<Incident> {
    const { next, expectedVersion } = change;
    if (next.version !== expectedVersion + 1) throw new Error('a change must increase the version by one');
    const tx = this.db.transaction((): Incident => {
      const changes = this.updateIncident.run(next.version, next.status, JSON.stringify(next), next.id, expectedVersion).changes;
      if (changes === 0) {
        if (!this.byId.get(next.id)) throw new Error(`no incident ${next.id}`);
        throw new VersionConflictError('incident', next.id);
      }
      this.summaries.write(next);
      this.events.append(next.id, { ...change.event, version: next.version });
      this.outbox.insertAll(change.notifications ?? []);
      if (change.refreshCards) this.outbox.queueCardUpdates(next.id, new Date(change.event.at), change.keepCard);
      if (change.firedTimer) this.timers.markFired(change.firedTimer.id, change.firedTimer.owner);
      if (change.timers) this.timers.plan(next.id, change.timers);
      return next;
    });
    return tx.immediate();
  }

  /** @inheritdoc */
  async record(incidentId: string, event: NewIncidentEvent): Promise<void> {
    this.db.transaction(() => this.events.append(incidentId, event)).immediate();
  }
}
