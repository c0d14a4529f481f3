/**
 * Incidents written straight into a store, as the reporting service writes them after step 3:
 * one set of plain answers that each test changes only where it matters.
 */
import { newCaseFile, type CaseFile } from '../../src/domain/case-file';
import type { NewIncident } from '../../src/domain/incident';
import { stockholmLocal } from '../../src/domain/local-time';
import type { ReportAnswers } from '../../src/domain/report-schema';
import { TENANT_ID, type Person } from './activities';
import { STEP_DESCRIBE } from './report-fixtures';

/**
 * A first threat against the reporter by a client at the reception of Barn och unga Syd, with no
 * injury or weapon, unsure about the police and no support now; `changes` replace single answers.
 */
export function plainReport(occurredAt: string, changes: Partial<ReportAnswers> = {}): ReportAnswers {
  return {
    forms: ['threat-self'],
    purpose: 'yes',
    occurredAt,
    place: 'reception',
    workArea: 'children-youth',
    unitId: 'barn-unga-syd',
    perpetratorRole: 'client',
    recurrence: 'first-time',
    target: 'me',
    injuries: ['none'],
    weapon: 'no',
    perceivedSerious: 'no',
    policeIntent: 'unsure',
    support: ['not-now'],
    description: STEP_DESCRIBE.description,
    ...changes,
  };
}

/**
 * A report of Södra filed by `reporter` at `reportedAt` (ids `inc-<key>` and `draft-<key>`), for
 * `store.incidents.submit`. The report is the one given, or `plainReport` as of `reportedAt` with
 * `changes`; the case file is the one given, or a new one handled by `handlers` with the
 * acknowledgement due at `due`.
 */
export function seededIncident(
  options: { key: string; reporter: Person; reportedAt: Date; changes?: Partial<ReportAnswers>; report?: ReportAnswers } & (
    | { caseFile: CaseFile }
    | { handlers: string[]; due: Date }
  ),
): NewIncident {
  const { key, reporter, reportedAt } = options;
  const caseFile = 'caseFile' in options ? options.caseFile : newCaseFile(options.handlers, options.due);
  return {
    id: `inc-${key}`,
    draftId: `draft-${key}`,
    tenantId: TENANT_ID,
    districtId: 'sodra',
    reporterId: reporter.aadObjectId,
    reporterName: reporter.name,
    reportedAt,
    caseYear: Number(stockholmLocal(reportedAt).slice(0, 4)),
    report: options.report ?? plainReport(stockholmLocal(reportedAt), options.changes),
    caseFile,
  };
}
