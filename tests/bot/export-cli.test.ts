import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stockholmLocal } from '../../src/domain/local-time';
import type { Organisation } from '../../src/domain/organisation';
import { parseExportArgs, runExportCli } from '../../src/export-cli';
import { ALEX, MEGAN } from '../helpers/activities';
import { seededIncident } from '../helpers/seed-incidents';
import { DEMO_ORGANISATION, startTrygg, tempDbFile } from '../helpers/trygg-instance';

const NOW = new Date('2026-11-23T10:00:00Z');
const ORG: Organisation = {
  districts: [{ id: 'sodra', name: 'Södra förvaltningen', coordinatorIds: [] }],
  units: [],
  citySecurityIds: [],
  people: {},
};

describe('export from the command line (npm run export)', function () {
  this.timeout(60_000);

  it('reads --from/--to (both days included), --period, --district and --out', () => {
    const args = parseExportArgs(['--from', '2026-01-01', '--to=2026-06-30', '--district', 'Södra förvaltningen', '--out', 'x.csv'], ORG, NOW);
    assert.ok(!('error' in args));
    assert.equal(args.period.label, '2026-01-01..2026-06-30');
    assert.equal(args.period.from.toISOString(), '2025-12-31T23:00:00.000Z');
    assert.equal(args.period.to.toISOString(), '2026-06-30T22:00:00.000Z');
    assert.deepEqual([args.districtId, args.out], ['sodra', 'x.csv']);
    const period = parseExportArgs(['--period', '2026-Q3'], ORG, NOW);
    assert.ok(!('error' in period) && period.period.label === '2026-Q3');
    const open = parseExportArgs(['--from', '2026-11-01'], ORG, NOW);
    assert.ok(!('error' in open) && open.period.label === '2026-11-01..2026-11-23', 'to today');
    for (const [argv, error] of [
      [[], /--from/],
      [['--from'], /needs a value/],
      [['--from', 'igår'], /not a period/],
      [['--period', '2026', '--from', '2026-01-01'], /either/],
      [['--from', '2026-01-01', '--district', 'norra'], /unknown district: norra \(known: sodra\)/],
      [['--format', 'xlsx'], /unknown argument/],
    ] as const) {
      const result = parseExportArgs(argv, ORG, NOW);
      assert.ok('error' in result && error.test(result.error), `${argv.join(' ')}: ${JSON.stringify(result)}`);
    }
  });

  it('writes the CSV of the store the bot uses, as an administrator, with the same configuration', async () => {
    const dbFile = tempDbFile();
    const bot = await startTrygg({ TRYGG_SQLITE_PATH: dbFile });
    const reportedAt = new Date(Date.now() - 3_600_000);
    for (let i = 0; i < 3; i++) {
      await bot.trygg.store.incidents.submit(
        seededIncident({
          key: `cli-${i}`,
          reporter: ALEX,
          reportedAt,
          changes: {
            forms: ['violence'], purpose: 'no', place: 'home-visit', workArea: 'elderly-care', perpetratorRole: 'relative',
            injuries: ['physical'], policeIntent: 'filed', support: ['debriefing'],
          },
          handlers: [MEGAN.aadObjectId],
          due: new Date(Date.now() + 86_400_000),
        }),
      );
    }
    await bot.stop();

    const out = path.join(path.dirname(dbFile), 'export.csv');
    const messages: string[] = [];
    const today = stockholmLocal(new Date()).slice(0, 10);
    const env = { TRYGG_SQLITE_PATH: dbFile, TRYGG_ORG_FILE: DEMO_ORGANISATION, LOG_LEVEL: 'warn' };
    const code = await runExportCli(['--from', '2026-01-01', '--to', today, '--district', 'sodra', '--out', out], env, {
      stdout: () => assert.fail('the CSV goes to the file'),
      stderr: (line) => messages.push(line),
    });
    assert.equal(code, 0, messages.join('\n'));
    assert.match(messages.join('\n'), /3 cases/);
    const csv = fs.readFileSync(out, 'utf8');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines.length, 4);
    assert.ok(lines.slice(1).every((l) => /,sodra,Södra förvaltningen,barn-unga-syd,Barn och unga Syd,\d{4}-\d{2}-\d{2},violence,relative,home-visit,elderly-care,reported,yes,,no,yes,/.test(l)), lines.join('\n'));
    assert.doesNotMatch(csv, /Alex|Megan|hotade/);

    const bad: string[] = [];
    assert.equal(await runExportCli(['--from', 'snart'], env, { stdout: () => undefined, stderr: (l) => bad.push(l) }), 2);
    assert.match(bad.join('\n'), /not a period: snart[\s\S]*Usage: npm run export/);
  });
});
