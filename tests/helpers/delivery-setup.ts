import * as fs from 'node:fs';
import * as path from 'node:path';
import { newCaseFile } from '../../src/domain/case-file';
import { stockholmLocal } from '../../src/domain/local-time';
import { notificationsFor } from '../../src/domain/notification';
import type { Organisation } from '../../src/domain/organisation';
import { recipientsFor } from '../../src/domain/routing';
import { parseOrganisation } from '../../src/directory/yaml-organisation';
import type { Store } from '../../src/store/ports';
import { botInstalled, channelMention, TENANT_ID, type Person } from './activities';
import { STEP_DESCRIBE } from './report-fixtures';
import type { RunningTrygg } from './trygg-instance';

/** An organisation of `districts` districts with one unit each: manager mK, deputy dK, staff sK-*. */
export function writeDeliveryOrganisation(dir: string, districts: number): { file: string; org: Organisation } {
  const id = (s: string) => `00000000-0000-0000-0000-${s.padStart(13, '0')}`;
  const lines = ['people:', `  "${id('9999')}": Admin`];
  for (let k = 0; k < districts; k++) {
    lines.push(`  "${id(`1${k}`)}": Manager ${k}`, `  "${id(`2${k}`)}": Deputy ${k}`, `  "${id(`3${k}`)}": Staff ${k}`);
  }
  lines.push(`admins: ["${id('9999')}"]`, 'citySecurity: []', 'districts:');
  for (let k = 0; k < districts; k++) {
    lines.push(
      `  - id: d${k}`,
      `    name: District ${k}`,
      '    coordinators: []',
      '    units:',
      `      - id: u${k}`,
      `        name: Unit ${k}`,
      `        manager: "${id(`1${k}`)}"`,
      `        deputy: "${id(`2${k}`)}"`,
      `        staff: ["${id(`3${k}`)}"]`,
    );
  }
  const file = path.join(dir, 'organisation.yml');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return { file, org: parseOrganisation(lines.join('\n')) };
}

/** The people of district k in {@link writeDeliveryOrganisation}. */
export function districtPeople(k: number): { manager: Person; deputy: Person; staff: Person; admin: Person } {
  const id = (s: string) => `00000000-0000-0000-0000-${s.padStart(13, '0')}`;
  return {
    manager: { name: `Manager ${k}`, aadObjectId: id(`1${k}`) },
    deputy: { name: `Deputy ${k}`, aadObjectId: id(`2${k}`) },
    staff: { name: `Staff ${k}`, aadObjectId: id(`3${k}`) },
    admin: { name: 'Admin', aadObjectId: id('9999') },
  };
}

/** Installs the bot for every manager and deputy and links each district's channel. */
export async function prepareConversations(bot: RunningTrygg, serviceUrl: string, districts: number): Promise<void> {
  for (let k = 0; k < districts; k++) {
    const p = districtPeople(k);
    for (const person of [p.manager, p.deputy]) await bot.post(botInstalled({ serviceUrl, from: person }));
    const res = await bot.post(channelMention(`koppla kanal d${k}`, { serviceUrl, from: p.admin, channelId: `19:chan-${k}@thread.tacv2` }));
    if (res.status !== 200) throw new Error(`link failed: ${res.status}`);
  }
}

/** Writes `count` incidents with their notifications straight into the store, as a submit does. */
export async function submitIncidents(store: Store, org: Organisation, count: number, districts: number, now: Date): Promise<void> {
  for (let i = 0; i < count; i++) {
    const k = i % districts;
    const reporter = districtPeople(k).staff;
    const report = {
      forms: ['threat-self' as const],
      purpose: 'yes' as const,
      occurredAt: stockholmLocal(now),
      place: 'reception' as const,
      workArea: 'financial-aid' as const,
      unitId: `u${k}`,
      perpetratorRole: 'client' as const,
      recurrence: 'first-time' as const,
      target: 'me' as const,
      injuries: ['none' as const],
      weapon: 'no' as const,
      perceivedSerious: 'no' as const,
      policeIntent: 'unsure' as const,
      support: ['not-now' as const],
      description: STEP_DESCRIBE.description,
    };
    const id = `inc-load-${i}`;
    const recipients = recipientsFor({ unitId: `u${k}`, districtId: `d${k}`, reporterId: reporter.aadObjectId, report }, org);
    await store.incidents.submit(
      {
        id,
        draftId: `load-${i}`,
        tenantId: TENANT_ID,
        districtId: `d${k}`,
        reporterId: reporter.aadObjectId,
        reporterName: reporter.name,
        reportedAt: now,
        caseYear: 2026,
        report,
        caseFile: newCaseFile(
          recipients.flatMap((r) => (r.detail === 'full' && r.target.kind === 'person' ? [r.target.personId] : [])),
          now,
        ),
      },
      notificationsFor({ id, districtId: `d${k}`, tenantId: TENANT_ID }, recipients, now),
    );
  }
}

/** The most requests in any window of `ms` among times. */
export function maxInWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= ms) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** Resolves when the outbox has nothing pending, or rejects after `timeoutMs`. */
export async function drained(store: Store, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await store.outbox.stats()).pending > 0) {
    if (Date.now() > deadline) throw new Error(`outbox not drained: ${JSON.stringify(await store.outbox.stats())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
