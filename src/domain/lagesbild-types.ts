/**
 * The shapes of the coordinators' situational picture (lägesbild), case lists and export: what the
 * store keeps per case (a summary without names or free text), and what the card shows.
 */
import type { PoliceDecision } from './case-file';
import type { Form, PerpetratorRole, Place, WorkArea } from './report-schema';
import type { IncidentStatus } from './incident';

/** One case as the lägesbild sees it: codes, instants and flags — no names, no free text. */
export interface CaseSummary {
  incidentId: string;
  caseNumber: string;
  districtId: string;
  unitId: string;
  /** ISO instant of the report. */
  reportedAt: string;
  forms: Form[];
  perpetratorRole: PerpetratorRole;
  place: Place;
  workArea: WorkArea;
  status: IncidentStatus;
  /** Threats or violence: a police-report decision is expected (zero tolerance). */
  policeRelevant: boolean;
  policeDecision?: PoliceDecision;
  /** A police report was filed: recorded as already filed, or with a filing date. */
  policeFiled?: boolean;
  possiblySerious: boolean;
  /** For a possible allvarligt tillbud: notified to Arbetsmiljöverket, and on the day of the report. */
  seriousNotified?: boolean;
  seriousNotifiedInTime?: boolean;
  /** ISO instants of the milestones, when reached. */
  acknowledgedAt?: string;
  supportOfferedAt?: string;
  closedAt?: string;
  /** ISO instant of the next deadline (acknowledgement due, …), if any. */
  nextDeadline?: string;
  /** Who holds the case now (aadObjectIds). */
  assigneeIds: string[];
}

/** Who asks, and what they may see. */
export type LagesbildScope =
  | { kind: 'districts'; districtIds: string[] }
  | { kind: 'units'; unitIds: string[] }
  | { kind: 'none' };
