import { newCaseFile } from '../../domain/case-file';
import type { Incident } from '../../domain/incident';

/**
 * Reads a stored incident; incidents stored before case handling get an empty case file.
 *
 * @param body - the `incidents.body` JSON
 * @returns the incident
 */
export function parseIncident(body: string): Incident {
  const incident = JSON.parse(body) as Incident;
  return incident.case ? incident : { ...incident, case: newCaseFile([], new Date(incident.reportedAt)) };
}
