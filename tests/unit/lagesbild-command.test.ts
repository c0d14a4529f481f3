import { strict as assert } from 'node:assert';
import type { Organisation } from '../../src/domain/organisation';
import { COMMAND_WORDS, commandPattern, matchDistrict, parseCoordinatorCommand, type CoordinatorCommand } from '../../src/teams/coordinator-commands';

// Monday 23 November 2026, 11:00 in Stockholm.
const NOW = new Date('2026-11-23T10:00:00Z');

const ORG: Organisation = {
  districts: [
    { id: 'sodra', name: 'Södra förvaltningen', coordinatorIds: [] },
    { id: 'norr', name: 'Norra Innerstaden', coordinatorIds: [] },
  ],
  units: [],
  citySecurityIds: [],
  people: {},
};

function parse(text: string): CoordinatorCommand | undefined {
  return parseCoordinatorCommand(text, ORG, NOW);
}

/** The command with its period as its label, for short assertions. */
function brief(text: string): unknown {
  const c = parse(text);
  if (c && (c.kind === 'lagesbild' || c.kind === 'export')) return { kind: c.kind, period: c.period.label, districtId: c.districtId };
  return c;
}

describe('coordinator commands', () => {
  describe('lägesbild', () => {
    it('defaults to the last 30 days, in Swedish and English, with or without å/ä/ö', () => {
      for (const text of ['lägesbild', 'Lägesbild', 'LAGESBILD', 'lagesbild.', 'situation', 'situation report', '  lägesbild  ']) {
        assert.deepEqual(brief(text), { kind: 'lagesbild', period: '30d', districtId: undefined }, text);
      }
    });

    it('reads the periods of the issue: 30d, a year, a quarter, last month', () => {
      assert.deepEqual(brief('lägesbild 30d'), { kind: 'lagesbild', period: '30d', districtId: undefined });
      assert.deepEqual(brief('lägesbild 2026'), { kind: 'lagesbild', period: '2026', districtId: undefined });
      assert.deepEqual(brief('lägesbild 2026-Q3'), { kind: 'lagesbild', period: '2026-Q3', districtId: undefined });
      assert.deepEqual(brief('lägesbild förra månaden'), { kind: 'lagesbild', period: '2026-10', districtId: undefined });
      assert.deepEqual(brief('situation last month'), { kind: 'lagesbild', period: '2026-10', districtId: undefined });
      assert.deepEqual(brief('situation report last 12 weeks'), { kind: 'lagesbild', period: '12w', districtId: undefined });
      assert.deepEqual(brief('lagesbild forra kvartalet'), { kind: 'lagesbild', period: '2026-Q3', districtId: undefined });
    });

    it('takes a district by id or name, before or after the period, in any case', () => {
      assert.deepEqual(brief('lägesbild 30d sodra'), { kind: 'lagesbild', period: '30d', districtId: 'sodra' });
      assert.deepEqual(brief('lägesbild 2026-Q3 Södra förvaltningen'), { kind: 'lagesbild', period: '2026-Q3', districtId: 'sodra' });
      assert.deepEqual(brief('lägesbild SÖDRA'), { kind: 'lagesbild', period: '30d', districtId: 'sodra' });
      assert.deepEqual(brief('lägesbild norra innerstaden förra månaden'), { kind: 'lagesbild', period: '2026-10', districtId: 'norr' });
      assert.deepEqual(brief('situation last month norr'), { kind: 'lagesbild', period: '2026-10', districtId: 'norr' });
    });

    it('says which part was not understood: a bad period, or an unknown district after a good one', () => {
      assert.deepEqual(parse('lägesbild snart'), { kind: 'bad-period', command: 'lagesbild', text: 'snart' });
      assert.deepEqual(parse('lägesbild 2026-Q5'), { kind: 'bad-period', command: 'lagesbild', text: '2026-Q5' }, 'as typed');
      assert.deepEqual(parse('lägesbild 30d Västra'), { kind: 'unknown-district', command: 'lagesbild', text: 'Västra' });
      assert.deepEqual(parse('lägesbild igår kväll'), { kind: 'unknown-district', command: 'lagesbild', text: 'kväll' });
      assert.deepEqual(parse('lägesbild 2027'), { kind: 'bad-period', command: 'lagesbild', text: '2027' }, 'a period that has not begun');
    });
  });

  describe('lists', () => {
    it('reads öppna and försenade with an optional page, in Swedish and English', () => {
      assert.deepEqual(parse('öppna'), { kind: 'cases', overdueOnly: false, page: 1 });
      assert.deepEqual(parse('Oppna ärenden'), { kind: 'cases', overdueOnly: false, page: 1 });
      assert.deepEqual(parse('open cases'), { kind: 'cases', overdueOnly: false, page: 1 });
      assert.deepEqual(parse('öppna sida 3'), { kind: 'cases', overdueOnly: false, page: 3 });
      assert.deepEqual(parse('open page 2'), { kind: 'cases', overdueOnly: false, page: 2 });
      assert.deepEqual(parse('försenade'), { kind: 'cases', overdueOnly: true, page: 1 });
      assert.deepEqual(parse('forsenade 2'), { kind: 'cases', overdueOnly: true, page: 2 });
      assert.deepEqual(parse('overdue'), { kind: 'cases', overdueOnly: true, page: 1 });
      assert.deepEqual(parse('öppna sida 0'), { kind: 'cases', overdueOnly: false, page: 1 });
    });
  });

  describe('ärende', () => {
    it('reads a case number, padding the sequence', () => {
      assert.deepEqual(parse('ärende 2026-0042'), { kind: 'case', caseNumber: '2026-0042' });
      assert.deepEqual(parse('arende 2026-42'), { kind: 'case', caseNumber: '2026-0042' });
      assert.deepEqual(parse('case 2026-0007'), { kind: 'case', caseNumber: '2026-0007' });
      assert.deepEqual(parse('ärende nr 2026-0001'), { kind: 'case', caseNumber: '2026-0001' });
    });

    it('asks for the number when there is none or it is not a case number', () => {
      assert.deepEqual(parse('ärende'), { kind: 'case-usage' });
      assert.deepEqual(parse('case abc'), { kind: 'case-usage' });
    });
  });

  describe('export', () => {
    it('reads export with a period and a district, defaulting to 30 days', () => {
      assert.deepEqual(brief('export'), { kind: 'export', period: '30d', districtId: undefined });
      assert.deepEqual(brief('export 2026'), { kind: 'export', period: '2026', districtId: undefined });
      assert.deepEqual(brief('exportera förra året sodra'), { kind: 'export', period: '2025', districtId: 'sodra' });
      assert.deepEqual(parse('Export Snart!'), { kind: 'bad-period', command: 'export', text: 'Snart' });
    });
  });

  it('leaves everything else to other routes', () => {
    for (const text of ['rapportera', 'hjälp', 'mina rapporter', 'koppla kanal sodra', 'lägesbilden', 'opened', 'exporter', '']) {
      assert.equal(parse(text), undefined, text);
    }
  });

  it('routes the same words the parser reads, with or without å/ä/ö', () => {
    const routed = (text: string) => Object.values(COMMAND_WORDS).some((words) => commandPattern(words).test(text));
    for (const text of ['lägesbild 30d', 'LÄGESBILD', 'lagesbild', 'situation report', 'öppna', 'Öppna sida 2', 'oppna', 'open', 'försenade', 'overdue',
      'ärende 2026-0001', 'Ärende', 'case 2026-1', 'export 2026', 'exportera']) {
      assert.ok(routed(text), text);
      assert.notEqual(parse(text), undefined, text);
    }
    for (const text of ['lägesbilden', 'opened', 'exporter', 'rapportera', 'casework']) assert.ok(!routed(text), text);
  });

  it('matches districts by id or name only', () => {
    assert.equal(matchDistrict(ORG, 'Sodra'), 'sodra');
    assert.equal(matchDistrict(ORG, 'södra förvaltningen'), 'sodra');
    assert.equal(matchDistrict(ORG, 'södra förv'), undefined);
    assert.equal(matchDistrict(ORG, ''), undefined);
  });
});
