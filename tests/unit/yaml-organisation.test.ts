import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { loadOrganisationFile, OrganisationFileError, parseOrganisation } from '../../src/directory/yaml-organisation';
import { ownUnitOf, unitById } from '../../src/domain/organisation';

const DEMO_FILE = path.join(__dirname, '..', '..', 'config', 'demo-organisation.yml');
const FILE = 'test-org.yml';

/** The Agents Playground's mock users (13 digits in the last group: not valid GUIDs, still accepted). */
const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const ADELE = '00000000-0000-0000-0000-0000000000022';
const ISAIAH = '00000000-0000-0000-0000-0000000000023';
const PATTI = '00000000-0000-0000-0000-0000000000024';
const LYNNE = '00000000-0000-0000-0000-0000000000025';
const UNKNOWN = '00000000-0000-0000-0000-0000000000099';

type Doc = Record<string, any>;

/** A valid organisation document, two districts; each test breaks one thing in a fresh copy. */
function validDoc(): Doc {
  return {
    people: {
      [ALEX]: 'Alex Wilber',
      [MEGAN]: 'Megan Bowen',
      [ADELE]: 'Adele Vance',
      [ISAIAH]: 'Isaiah Langer',
      [PATTI]: 'Patti Fernandez',
      [LYNNE]: 'Lynne Robbins',
    },
    citySecurity: [PATTI],
    absent: [MEGAN],
    districts: [
      {
        id: 'sodra',
        name: 'Södra förvaltningen',
        coordinators: [ISAIAH],
        units: [
          { id: 'barn-unga-syd', name: 'Barn och unga Syd', manager: MEGAN, deputy: ADELE, secondLineManager: PATTI, staff: [ALEX] },
          { id: 'ekonomiskt-bistand-syd', name: 'Ekonomiskt bistånd Syd', manager: ADELE, staff: [] },
        ],
      },
      {
        id: 'norra',
        name: 'Norra förvaltningen',
        coordinators: [ISAIAH, LYNNE],
        units: [{ id: 'lss-norr', name: 'LSS Norr', manager: PATTI, secondLineManager: MEGAN, safetyRepresentative: LYNNE, staff: [LYNNE] }],
      },
    ],
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Asserts that parsing `text` fails with an OrganisationFileError naming the file, the field path and the problem. */
function assertRejected(text: string, where: string, problem: RegExp): void {
  assert.throws(
    () => parseOrganisation(text, FILE),
    (err: unknown) => {
      assert.ok(err instanceof OrganisationFileError, `an OrganisationFileError, got ${String(err)}`);
      assert.equal(err.name, 'OrganisationFileError');
      // "<file>: <field path> (line N): <problem>" — the line of the field or its nearest parent,
      // when the file has one (a missing top-level key has none).
      const head = new RegExp(`^${escape(FILE)}: ${escape(where)}(?: \\(line (\\d+)\\))?: `);
      const m = head.exec(err.message);
      assert.ok(m, `message ${JSON.stringify(err.message)} should start with "${FILE}: ${where} (line N): "`);
      if (m[1] !== undefined) assert.ok(Number(m[1]) >= 1 && Number(m[1]) <= text.split('\n').length, `line ${m[1]} is in the file`);
      assert.match(err.message.slice(m[0].length), problem);
      return true;
    },
  );
}

/** YAML for the valid document after `breakIt` has changed it. */
function yamlWith(breakIt: (doc: Doc) => void): string {
  const doc = validDoc();
  breakIt(doc);
  return stringify(doc);
}

describe('yaml organisation', () => {
  describe('the demo file (config/demo-organisation.yml)', () => {
    const org = parseOrganisation(fs.readFileSync(DEMO_FILE, 'utf8'), DEMO_FILE);

    it('loads, the same through loadOrganisationFile', () => {
      assert.deepEqual(loadOrganisationFile(DEMO_FILE), org);
      assert.deepEqual(
        org.districts.map((d) => d.id),
        ['sodra'],
      );
      assert.deepEqual(
        org.units.map((u) => u.id),
        ['barn-unga-syd', 'ekonomiskt-bistand-syd'],
      );
    });

    it('has barn-unga-syd in district sodra, manager Megan (…021), deputy Adele (…022), staff Alex (…020)', () => {
      const unit = unitById(org, 'barn-unga-syd');
      assert.ok(unit);
      assert.equal(unit.districtId, 'sodra');
      assert.equal(unit.managerId, MEGAN);
      assert.equal(unit.deputyId, ADELE);
      assert.equal(unit.secondLineManagerId, PATTI);
      assert.equal(unit.safetyRepresentativeId, LYNNE);
      assert.deepEqual(unit.staffIds, [ALEX]);
      assert.equal(org.people[MEGAN], 'Megan Bowen');
      assert.equal(org.people[ADELE], 'Adele Vance');
      assert.equal(org.people[ALEX], 'Alex Wilber');
      assert.equal(ownUnitOf(org, ALEX)?.id, 'barn-unga-syd');
    });

    it('has Isaiah as coordinator of sodra, no city security and nobody absent', () => {
      assert.deepEqual(org.districts[0], { id: 'sodra', name: 'Södra förvaltningen', coordinatorIds: [ISAIAH] });
      assert.deepEqual(org.citySecurityIds, []);
      assert.deepEqual(org.absentIds, []);
    });
  });

  describe('a valid file', () => {
    const org = parseOrganisation(stringify(validDoc()), FILE);

    it('gives every unit its district, people by id, city security and absent people', () => {
      assert.deepEqual(
        org.units.map((u) => [u.id, u.districtId]),
        [
          ['barn-unga-syd', 'sodra'],
          ['ekonomiskt-bistand-syd', 'sodra'],
          ['lss-norr', 'norra'],
        ],
      );
      assert.deepEqual(org.districts[1].coordinatorIds, [ISAIAH, LYNNE]);
      assert.deepEqual(org.citySecurityIds, [PATTI]);
      assert.deepEqual(org.absentIds, [MEGAN]);
      assert.equal(Object.keys(org.people).length, 6);
    });

    it('leaves optional roles out when they are not given', () => {
      const unit = unitById(org, 'ekonomiskt-bistand-syd')!;
      assert.equal(unit.deputyId, undefined);
      assert.equal(unit.secondLineManagerId, undefined);
      assert.equal(unit.safetyRepresentativeId, undefined);
      assert.deepEqual(unit.staffIds, []);
    });

    it('treats missing citySecurity, absent, coordinators and staff as empty lists', () => {
      const parsed = parseOrganisation(
        yamlWith((doc) => {
          delete doc.citySecurity;
          delete doc.absent;
          delete doc.districts[0].coordinators;
          delete doc.districts[0].units[0].staff;
        }),
        FILE,
      );
      assert.deepEqual(parsed.citySecurityIds, []);
      assert.deepEqual(parsed.absentIds, []);
      assert.deepEqual(parsed.districts[0].coordinatorIds, []);
      assert.deepEqual(parsed.units[0].staffIds, []);
    });
  });

  describe('a broken file names the field', () => {
    const rows: Array<[string, string, string, RegExp]> = [
      ['missing people', yamlWith((d) => delete d.people), 'people', /must map ids to names/],
      ['people as a list', yamlWith((d) => (d.people = [ALEX, MEGAN])), 'people', /must map ids to names/],
      ['a person without a name', yamlWith((d) => (d.people[ADELE] = '  ')), `people.${ADELE}`, /must be a name/],
      [
        'a manager id not listed under people',
        yamlWith((d) => (d.districts[0].units[0].manager = UNKNOWN)),
        'districts[0].units[0].manager',
        new RegExp(`must be an id listed under people \\(got "${UNKNOWN}"\\)`),
      ],
      [
        'a manager id that only exists on Object.prototype ("toString")',
        yamlWith((d) => (d.districts[0].units[0].manager = 'toString')),
        'districts[0].units[0].manager',
        /listed under people \(got "toString"\)/,
      ],
      ['a city security id "constructor"', yamlWith((d) => (d.citySecurity = ['constructor'])), 'citySecurity[0]', /listed under people/],
      ['a unit without a manager', yamlWith((d) => delete d.districts[0].units[1].manager), 'districts[0].units[1].manager', /listed under people/],
      ['an unknown deputy', yamlWith((d) => (d.districts[0].units[0].deputy = UNKNOWN)), 'districts[0].units[0].deputy', /listed under people/],
      [
        'an unknown second-line manager in the second district',
        yamlWith((d) => (d.districts[1].units[0].secondLineManager = UNKNOWN)),
        'districts[1].units[0].secondLineManager',
        /listed under people/,
      ],
      [
        'an unknown safety representative',
        yamlWith((d) => (d.districts[1].units[0].safetyRepresentative = 'lynne')),
        'districts[1].units[0].safetyRepresentative',
        /listed under people \(got "lynne"\)/,
      ],
      ['an unknown staff member', yamlWith((d) => d.districts[0].units[0].staff.push(UNKNOWN)), 'districts[0].units[0].staff[1]', /listed under people/],
      ['an unknown coordinator', yamlWith((d) => (d.districts[1].coordinators = [UNKNOWN])), 'districts[1].coordinators[0]', /listed under people/],
      [
        'duplicate unit id in one district',
        yamlWith((d) => (d.districts[0].units[1].id = 'barn-unga-syd')),
        'districts[0].units[1].id',
        /duplicate unit id barn-unga-syd/,
      ],
      [
        'duplicate unit id across districts',
        yamlWith((d) => (d.districts[1].units[0].id = 'ekonomiskt-bistand-syd')),
        'districts[1].units[0].id',
        /duplicate unit id ekonomiskt-bistand-syd/,
      ],
      ['duplicate district id', yamlWith((d) => (d.districts[1].id = 'sodra')), 'districts[1].id', /duplicate district id sodra/],
      ['an upper-case unit id', yamlWith((d) => (d.districts[0].units[0].id = 'Barn-Unga-Syd')), 'districts[0].units[0].id', /lower-case id/],
      ['a unit id with spaces', yamlWith((d) => (d.districts[0].units[1].id = 'ekonomiskt bistand')), 'districts[0].units[1].id', /lower-case id/],
      ['an upper-case district id', yamlWith((d) => (d.districts[0].id = 'SODRA')), 'districts[0].id', /lower-case id/],
      ['a district id with spaces', yamlWith((d) => (d.districts[1].id = 'norra forvaltningen')), 'districts[1].id', /lower-case id/],
      ['a numeric unit id', yamlWith((d) => (d.districts[1].units[0].id = 42)), 'districts[1].units[0].id', /lower-case id/],
      [
        'units as a mapping, not a list',
        yamlWith((d) => (d.districts[0].units = { 'barn-unga-syd': { name: 'x' } })),
        'districts[0].units',
        /must be a non-empty list/,
      ],
      ['units as text', yamlWith((d) => (d.districts[1].units = 'lss-norr')), 'districts[1].units', /must be a non-empty list/],
      ['an empty unit list', yamlWith((d) => (d.districts[1].units = [])), 'districts[1].units', /must be a non-empty list/],
      ['a unit that is not a mapping', yamlWith((d) => (d.districts[0].units[1] = 'ekonomiskt-bistand-syd')), 'districts[0].units[1]', /must be a mapping/],
      ['a unit without a name', yamlWith((d) => delete d.districts[0].units[0].name), 'districts[0].units[0].name', /must be text/],
      ['missing districts', yamlWith((d) => delete d.districts), 'districts', /must be a non-empty list/],
      ['a district that is not a mapping', yamlWith((d) => (d.districts[1] = 'norra')), 'districts[1]', /must be a mapping/],
      ['a district without a name', yamlWith((d) => delete d.districts[0].name), 'districts[0].name', /must be text/],
      ['coordinators as a single id', yamlWith((d) => (d.districts[0].coordinators = ISAIAH)), 'districts[0].coordinators', /must be a list/],
      ['absent with an unknown id', yamlWith((d) => (d.absent = [MEGAN, UNKNOWN])), 'absent[1]', new RegExp(`listed under people \\(got "${UNKNOWN}"\\)`)],
      ['absent as a single id', yamlWith((d) => (d.absent = MEGAN)), 'absent', /must be a list/],
      [
        'citySecurity with an unknown id',
        yamlWith((d) => (d.citySecurity = ['stadens-sakerhet'])),
        'citySecurity[0]',
        /listed under people \(got "stadens-sakerhet"\)/,
      ],
      ['citySecurity as a mapping', yamlWith((d) => (d.citySecurity = { [PATTI]: 'x' })), 'citySecurity', /must be a list/],
      ['a list as the root', '- people\n- districts\n', '(root)', /must be a mapping/],
      ['a scalar as the root', 'just some text\n', '(root)', /must be a mapping/],
      ['an empty file', '', '(root)', /must be a mapping/],
      ['invalid YAML syntax (unclosed flow sequence)', 'people: {a: b}\ndistricts: [\n', '(yaml)', /./],
      ['invalid YAML syntax (tab indentation)', 'people:\n\t"a": b\n', '(yaml)', /tab/i],
      ['invalid YAML: a key given twice', 'people:\n  a: A\n  a: B\n', '(yaml)', /unique/i],
    ];
    for (const [name, text, where, problem] of rows) {
      it(`${name} → ${where}`, () => assertRejected(text, where, problem));
    }

    it('reports a YAML syntax error on one line, with its position', () => {
      assert.throws(
        () => parseOrganisation('people: {a: b}\ndistricts: [\n', FILE),
        (err: unknown) => err instanceof OrganisationFileError && !err.message.includes('\n') && /line \d+/.test(err.message),
      );
    });

    it('uses "organisation" as the file name when none is given', () => {
      assert.throws(
        () => parseOrganisation('- a\n'),
        (err: unknown) => err instanceof OrganisationFileError && err.message === 'organisation: (root): must be a mapping',
      );
    });
  });

  describe('loadOrganisationFile', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-org-'));
    });
    after(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a missing file → OrganisationFileError naming the file', () => {
      const missing = path.join(dir, 'no-such-organisation.yml');
      assert.throws(
        () => loadOrganisationFile(missing),
        (err: unknown) => {
          assert.ok(err instanceof OrganisationFileError);
          assert.equal(err.message, `${missing}: (file): cannot be read`);
          return true;
        },
      );
    });

    it('a directory instead of a file → OrganisationFileError naming it', () => {
      assert.throws(
        () => loadOrganisationFile(dir),
        (err: unknown) => err instanceof OrganisationFileError && err.message === `${dir}: (file): cannot be read`,
      );
    });

    it('a broken file → the error names the file, the field and its line', () => {
      const file = path.join(dir, 'broken.yml');
      fs.writeFileSync(file, yamlWith((d) => (d.districts[0].units[0].manager = UNKNOWN)));
      assert.throws(
        () => loadOrganisationFile(file),
        (err: unknown) => {
          assert.ok(err instanceof OrganisationFileError);
          const m = new RegExp(`^${escape(file)}: districts\\[0\\]\\.units\\[0\\]\\.manager \\(line (\\d+)\\): `).exec(err.message);
          assert.ok(m, err.message);
          const line = fs.readFileSync(file, 'utf8').split('\n')[Number(m[1]) - 1];
          assert.match(line, /manager/, 'the line named is the manager line');
          return true;
        },
      );
    });

    it('a valid file → the organisation', () => {
      const file = path.join(dir, 'valid.yml');
      fs.writeFileSync(file, stringify(validDoc()));
      assert.deepEqual(loadOrganisationFile(file), parseOrganisation(stringify(validDoc()), file));
    });
  });
});
