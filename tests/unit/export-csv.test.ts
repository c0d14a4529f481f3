import { strict as assert } from 'node:assert';
import { csvField, EXPORT_COLUMNS, exportCsv, UTF8_BOM } from '../../src/domain/export-csv';
import type { CaseSummary } from '../../src/domain/lagesbild-types';
import type { Organisation } from '../../src/domain/organisation';

const ORG: Organisation = {
  districts: [{ id: 'sodra', name: 'Södra förvaltningen', coordinatorIds: ['coord-1'] }],
  units: [
    { id: 'barn-unga-syd', name: 'Barn och unga Syd', districtId: 'sodra', managerId: 'mgr-1', staffIds: ['staff-1'] },
    { id: '=cmd', name: 'Enhet, "special"', districtId: 'sodra', managerId: 'mgr-2', staffIds: [] },
  ],
  citySecurityIds: [],
  people: { 'staff-1': 'Alex Wilber', 'mgr-1': 'Megan Bowen', 'coord-1': 'Isaiah Langer' },
};

function summary(over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    incidentId: 'inc-1',
    caseNumber: '2026-0001',
    districtId: 'sodra',
    unitId: 'barn-unga-syd',
    reportedAt: '2026-11-22T23:30:00.000Z', // 00:30 on 23 November in Stockholm
    forms: ['threat-self', 'harassment'],
    perpetratorRole: 'client',
    place: 'reception',
    workArea: 'children-youth',
    status: 'closed',
    policeRelevant: true,
    policeDecision: 'employee-files',
    policeFiled: true,
    possiblySerious: true,
    seriousNotified: true,
    seriousNotifiedInTime: true,
    acknowledgedAt: '2026-11-23T01:45:00.000Z',
    supportOfferedAt: '2026-11-23T09:00:00.000Z',
    closedAt: '2026-12-05T12:00:00.000Z',
    nextDeadline: '2026-12-01T08:00:00.000Z',
    assigneeIds: ['mgr-1'],
    ...over,
  };
}

/** Splits RFC 4180 text into rows of fields (a small reader for the assertions). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  assert.equal(field + row.join(''), '', 'the text ends with CRLF');
  return rows;
}

function records(text: string): Array<Record<string, string>> {
  const [header, ...rows] = readCsv(text.slice(UTF8_BOM.length));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('CSV export', () => {
  it('starts with the UTF-8 byte order mark and a header of the documented columns, CRLF line ends', () => {
    const text = exportCsv([], ORG);
    assert.ok(text.startsWith(UTF8_BOM));
    assert.equal(text, `${UTF8_BOM}${EXPORT_COLUMNS.map(([n]) => n).join(',')}\r\n`);
    assert.deepEqual(EXPORT_COLUMNS.map(([n]) => n), [
      'case_number', 'district_id', 'district_name', 'unit_id', 'unit_name', 'reported_date', 'forms', 'perpetrator_role',
      'place', 'work_area', 'status', 'police_relevant', 'police_decision', 'police_filed', 'possibly_serious', 'serious_notified',
      'serious_notified_in_time', 'acknowledged_date', 'hours_to_acknowledge', 'support_offered_date', 'hours_to_support',
      'closed_date', 'days_to_close',
    ]);
  });

  it('writes one row per incident with codes, Swedish dates and whole hours and days', () => {
    const [row] = records(exportCsv([summary()], ORG));
    assert.deepEqual(row, {
      case_number: '2026-0001',
      district_id: 'sodra',
      district_name: 'Södra förvaltningen',
      unit_id: 'barn-unga-syd',
      unit_name: 'Barn och unga Syd',
      reported_date: '2026-11-23',
      forms: 'threat-self|harassment',
      perpetrator_role: 'client',
      place: 'reception',
      work_area: 'children-youth',
      status: 'closed',
      police_relevant: 'yes',
      police_decision: 'employee-files',
      police_filed: 'yes',
      possibly_serious: 'yes',
      serious_notified: 'yes',
      serious_notified_in_time: 'yes',
      acknowledged_date: '2026-11-23',
      hours_to_acknowledge: '2',
      support_offered_date: '2026-11-23',
      hours_to_support: '9',
      closed_date: '2026-12-05',
      days_to_close: '12',
    });
  });

  it('leaves cells empty for milestones not reached and flags that do not apply', () => {
    const open = summary({
      status: 'reported', policeRelevant: false, policeDecision: undefined, policeFiled: undefined, possiblySerious: false, seriousNotified: undefined,
      seriousNotifiedInTime: undefined, acknowledgedAt: undefined, supportOfferedAt: undefined, closedAt: undefined,
    });
    const [row] = records(exportCsv([open], ORG));
    assert.equal(row.police_relevant, 'no');
    for (const col of ['police_decision', 'police_filed', 'serious_notified', 'serious_notified_in_time', 'acknowledged_date', 'hours_to_acknowledge', 'support_offered_date', 'hours_to_support', 'closed_date', 'days_to_close']) {
      assert.equal(row[col], '', col);
    }
    const [late] = records(exportCsv([summary({ seriousNotified: undefined, seriousNotifiedInTime: undefined })], ORG));
    assert.equal(late.serious_notified, 'no', 'a possible allvarligt tillbud not notified says so');
    assert.equal(late.serious_notified_in_time, 'no');
    const [undecided] = records(exportCsv([summary({ policeDecision: undefined, policeFiled: undefined })], ORG));
    assert.deepEqual([undecided.police_decision, undecided.police_filed], ['', 'no'], 'threats without a decision: not filed');
  });

  it('has no names of people, no free text and no ids of people', () => {
    const text = exportCsv([summary(), summary({ caseNumber: '2026-0002', incidentId: 'inc-2', assigneeIds: ['coord-1'] })], ORG);
    for (const secret of ['Alex', 'Wilber', 'Megan', 'Isaiah', 'mgr-1', 'coord-1', 'staff-1', 'inc-1', 'inc-2']) {
      assert.ok(!text.includes(secret), `the export contains ${secret}`);
    }
  });

  it('sorts rows by report time, then case number', () => {
    const rows = records(exportCsv([
      summary({ caseNumber: '2026-0003', reportedAt: '2026-11-20T10:00:00Z' }),
      summary({ caseNumber: '2026-0002', reportedAt: '2026-11-21T10:00:00Z' }),
      summary({ caseNumber: '2026-0001', reportedAt: '2026-11-20T10:00:00Z' }),
    ], ORG));
    assert.deepEqual(rows.map((r) => r.case_number), ['2026-0001', '2026-0003', '2026-0002']);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and defuses formulas', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\r\nlines'), '"two\r\nlines"');
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.match(csvField(formula), /^"?'/, JSON.stringify(formula));
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);

    const [row] = records(exportCsv([summary({ unitId: '=cmd' })], ORG));
    assert.equal(row.unit_id, "'=cmd");
    assert.equal(row.unit_name, 'Enhet, "special"', 'read back exactly');
  });
});
