import type { Statement } from 'better-sqlite3';
import { formatCaseNumber } from '../../domain/case-number';
import type { Incident, IncidentEvent, NewIncident } from '../../domain/incident';
import type { ReportDraft } from '../../domain/report-draft';
import { VersionConflictError, type IncidentStore, type NewIncidentEvent } from '../ports';
import type { SqliteDatabase } from './database';

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
  private readonly insertEvent: Statement<[string, number, string, string, string, string]>;
  private readonly events: Statement<[string], EventRow>;
  private readonly lastSeq: Statement<[string], { seq: number | null }>;
  private readonly draftBody: Statement<[string], BodyRow>;
  private readonly markDraft: Statement<[string, string, string]>;

  /** @param db - an open, migrated database */
  constructor(private readonly db: SqliteDatabase) {
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
    this.insertEvent = db.prepare(
      'INSERT INTO incident_events (incident_id, seq, type, at, actor_id, body) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.events = db.prepare('SELECT * FROM incident_events WHERE incident_id = ? ORDER BY seq');
    this.lastSeq = db.prepare('SELECT MAX(seq) AS seq FROM incident_events WHERE incident_id = ?');
    this.draftBody = db.prepare('SELECT body FROM report_drafts WHERE id = ?');
    this.markDraft = db.prepare(
      'UPDATE report_drafts SET submitted_incident_id = ?, version = version + 1, body = ? WHERE id = ?',
    );
  }

  /** @inheritdoc */
  async submit(input: NewIncident): Promise<{ incident: Incident; created: boolean }> {
    const tx = this.db.transaction((): { incident: Incident; created: boolean } => {
      const existing = this.byId.get(input.id);
      if (existing) return { incident: JSON.parse(existing.body) as Incident, created: false };
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
      this.writeEvent({
        incidentId: incident.id,
        seq: 1,
        type: 'reported',
        at: incident.reportedAt,
        actorId: input.reporterId,
        report: input.report,
      });
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
    return row ? (JSON.parse(row.body) as Incident) : undefined;
  }

  /** @inheritdoc */
  async listByReporter(reporterId: string, limit: number): Promise<Incident[]> {
    return this.byReporter.all(reporterId, limit).map((r) => JSON.parse(r.body) as Incident);
  }

  /** @inheritdoc */
  async timeline(incidentId: string): Promise<IncidentEvent[]> {
    return this.events.all(incidentId).map((r) => ({
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
      const current = JSON.parse(row.body) as Incident;
      if (current.version !== expectedVersion) throw new VersionConflictError('incident', incidentId);
      const next: Incident = { ...current, version: current.version + 1 };
      const changes = this.updateIncident.run(next.version, next.status, JSON.stringify(next), incidentId, expectedVersion).changes;
      if (changes === 0) throw new VersionConflictError('incident', incidentId);
      const seq = (this.lastSeq.get(incidentId)?.seq ?? 0) + 1;
      this.writeEvent({ ...event, incidentId, seq });
      return next;
    });
    return tx.immediate();
  }

  private writeEvent(event: IncidentEvent): void {
    const { incidentId, seq, type, at, actorId, ...rest } = event;
    this.insertEvent.run(incidentId, seq, type, at, actorId, JSON.stringify(rest));
  }
}
