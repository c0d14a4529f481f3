import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '..', '..');

describe('env.sample', () => {
  const sample = fs.readFileSync(path.join(ROOT, 'env.sample'), 'utf8');
  const documented = [...sample.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);

  it('documents every variable the configuration reads', () => {
    const source = fs.readFileSync(path.join(ROOT, 'src', 'config.ts'), 'utf8');
    const read = new Set([...source.matchAll(/'([A-Z][A-Z0-9_]{2,})'/g)].map((m) => m[1]));
    for (const name of read) assert.ok(documented.includes(name), `${name} is missing from env.sample`);
  });

  it('is itself a valid local configuration with the documented defaults', () => {
    const env = Object.fromEntries([...sample.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    const config = loadConfig(env, '/srv');
    assert.equal(config.mode, 'local');
    assert.equal(config.port, 3978);
    assert.equal(config.store.sqlitePath, path.resolve('/srv/data/trygg.db'));
  });
});
