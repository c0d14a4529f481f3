import { strict as assert } from 'node:assert';
import { createLogger, describeError, redactSecrets } from '../../src/log';

describe('log', () => {
  it('masks PEM blocks, JWTs and bearer credentials', () => {
    const pem = '-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----';
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl';
    const out = redactSecrets(`keys: ${pem} token ${jwt} header Bearer abc.def-ghi`);
    assert.doesNotMatch(out, /MIIBCgKCAQEA|eyJhbGci|abc\.def/);
    assert.equal((out.match(/\[redacted\]/g) ?? []).length, 3);
  });

  it('writes JSON lines at or above its level', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l), () => new Date('2026-01-02T03:04:05Z'));
    log.debug('hidden');
    log.info('shown', { n: 1 });
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0]), { time: '2026-01-02T03:04:05.000Z', level: 'info', event: 'shown', n: 1 });
  });

  it('describes an error without its message, which may quote user input', () => {
    const fields = describeError(new TypeError('personnummer 19121212-1212 in text'));
    assert.equal(fields.error, 'TypeError');
    assert.doesNotMatch(JSON.stringify(fields), /1212/);
  });
});
