import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { YamlDirectory } from '../../src/directory/yaml-directory';
import { OrganisationFileError } from '../../src/directory/yaml-organisation';
import { DEMO_ORGANISATION } from '../helpers/trygg-instance';

const MEGAN = '00000000-0000-0000-0000-0000000000021';

describe('YamlDirectory (the organisation file behind the directory port)', () => {
  let file: string;
  const demo = fs.readFileSync(DEMO_ORGANISATION, 'utf8');

  beforeEach(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-dir-')), 'organisation.yml');
    fs.writeFileSync(file, demo);
  });

  it('loads the file at start and refuses to start with an invalid or missing file', () => {
    assert.equal(new YamlDirectory(file).current().units[0].managerId, MEGAN);
    fs.writeFileSync(file, demo.replace('manager: "00000000-0000-0000-0000-0000000000021"', 'manager: "nobody"'));
    assert.throws(() => new YamlDirectory(file), (err: Error) => err instanceof OrganisationFileError && /districts\[0\]\.units\[0\]\.manager/.test(err.message));
    assert.throws(() => new YamlDirectory(`${file}.missing`), OrganisationFileError);
  });

  it('takes a changed file on refresh, and says unchanged when nothing changed', async () => {
    const directory = new YamlDirectory(file, 20);
    const before = directory.current();
    assert.deepEqual(await directory.refresh(), { kind: 'unchanged' });
    assert.equal(directory.current(), before, 'the same snapshot when nothing changed');
    fs.writeFileSync(file, demo.replace('absent: []', `absent: ["${MEGAN}"]`));
    assert.deepEqual(await directory.refresh(), { kind: 'changed' });
    assert.deepEqual(directory.current().absentIds, [MEGAN]);
    assert.deepEqual(before.absentIds, [], 'a snapshot already handed out never changes');
  });

  it('keeps the last good organisation when the changed file is invalid or gone, and names the problem', async () => {
    const directory = new YamlDirectory(file, 20);
    fs.writeFileSync(file, demo.replace('absent: []', 'absent: ["someone-unknown"]'));
    const failed = await directory.refresh();
    assert.equal(failed.kind, 'failed');
    assert.match(failed.kind === 'failed' ? failed.reason : '', /absent\[0\].*must be an id listed under people/);
    assert.deepEqual(directory.current().absentIds, []);
    fs.rmSync(file);
    assert.deepEqual(await directory.refresh(), { kind: 'failed', reason: `${file}: (file): cannot be read` });
    assert.equal(directory.current().units[0].managerId, MEGAN);
  });

  it('does not take a file that is still being written: it must read the same twice, settleMs apart', async () => {
    const directory = new YamlDirectory(file, 200);
    // A valid prefix of the new file: the second district's units are not written yet.
    const full = demo.replace('absent: []', `absent: ["${MEGAN}"]`);
    const cut = full.slice(0, full.indexOf('      - id: ekonomiskt-bistand-syd'));
    fs.writeFileSync(file, cut);
    const refreshing = directory.refresh();
    await new Promise((r) => setTimeout(r, 50));
    fs.writeFileSync(file, full);
    assert.deepEqual(await refreshing, { kind: 'settling' });
    assert.deepEqual(directory.current().absentIds, [], 'nothing taken while the file changed');
    assert.deepEqual(await directory.refresh(), { kind: 'changed' });
    assert.deepEqual(directory.current().absentIds, [MEGAN]);
    assert.ok(directory.current().units.some((u) => u.id === 'ekonomiskt-bistand-syd'), 'the whole file was taken');
  });
});
