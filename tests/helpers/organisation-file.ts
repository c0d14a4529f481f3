import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_ORGANISATION } from './trygg-instance';

/**
 * Writes `dir`/organisation.yml: the demo organisation with each text in `changes` (a key) replaced
 * by its value, and returns the file. Fails when the demo organisation lacks one of the texts, so
 * that a change to the demo file cannot silently leave the test with the demo's roles.
 */
export function writeDemoOrganisation(dir: string, changes: Record<string, string>, why: string): string {
  const yaml = fs.readFileSync(DEMO_ORGANISATION, 'utf8');
  const missing = Object.keys(changes).filter((text) => !yaml.includes(text));
  assert.deepEqual(missing, [], why);
  const file = path.join(dir, 'organisation.yml');
  fs.writeFileSync(file, Object.entries(changes).reduce((text, [from, to]) => text.replace(from, to), yaml));
  return file;
}
