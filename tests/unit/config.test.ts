import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const production = {
  TRYGG_MODE: 'production',
  MICROSOFT_APP_ID: 'app',
  MICROSOFT_APP_PASSWORD: 'secret',
  MICROSOFT_APP_TENANT_ID: 'tenant',
  TRYGG_ORG_FILE: '/etc/trygg/organisation.yml',
};

function failsOn(env: Record<string, string>, variable: string, message?: RegExp): void {
  assert.throws(
    () => loadConfig(env, '/srv/trygg'),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError, String(err));
      assert.equal(err.variable, variable);
      assert.ok(err.message.startsWith(`${variable}: `));
      if (message) assert.match(err.message, message);
      return true;
    },
  );
}

describe('config', () => {
  it('defaults to local mode on 127.0.0.1:3978 with the embedded store under ./data', () => {
    const config = loadConfig({}, '/srv/trygg');
    assert.equal(config.mode, 'local');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3978);
    assert.equal(config.bot, undefined);
    assert.deepEqual(config.store, { kind: 'sqlite', sqlitePath: path.resolve('/srv/trygg/data/trygg.db') });
    assert.equal(config.defaultLocale, 'sv-SE');
    assert.equal(config.maxBodyBytes, 262144);
    assert.equal(config.organisationFile, path.resolve('/srv/trygg/config/demo-organisation.yml'));
    assert.equal(config.draftTtlDays, 30);
  });

  it('treats empty values as unset', () => {
    assert.equal(loadConfig({ PORT: '  ', HOST: '' }).port, 3978);
  });

  it('resolves a relative SQLite path against the working directory', () => {
    assert.equal(loadConfig({ TRYGG_SQLITE_PATH: 'x/y.db' }, '/srv').store.sqlitePath, path.resolve('/srv/x/y.db'));
  });

  it('names the variable of a bad value', () => {
    failsOn({ TRYGG_MODE: 'dev' }, 'TRYGG_MODE', /local, production/);
    failsOn({ PORT: 'eighty' }, 'PORT', /whole number/);
    failsOn({ PORT: '70000' }, 'PORT', /between 0 and 65535/);
    failsOn({ TRYGG_MAX_BODY_BYTES: '10' }, 'TRYGG_MAX_BODY_BYTES');
    failsOn({ TRYGG_DEFAULT_LOCALE: 'fi-FI' }, 'TRYGG_DEFAULT_LOCALE');
    failsOn({ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL');
    failsOn({ TRYGG_DRAFT_TTL_DAYS: '0' }, 'TRYGG_DRAFT_TTL_DAYS');
    failsOn({ TRYGG_STORE: 'postgres' }, 'TRYGG_STORE');
    failsOn({ TRYGG_UNSAFE_ALLOW_ANONYMOUS_ON_NETWORK: 'yes' }, 'TRYGG_UNSAFE_ALLOW_ANONYMOUS_ON_NETWORK');
  });

  describe('local mode binding', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) {
      it(`accepts loopback host ${host}`, () => assert.equal(loadConfig({ HOST: host }).host, host));
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'trygg.example.org', '128.0.0.1']) {
      it(`refuses non-loopback host ${host}`, () => failsOn({ HOST: host }, 'HOST', /loopback/));
    }
    it('binds elsewhere only with the loudly named override', () => {
      const config = loadConfig({ HOST: '0.0.0.0', TRYGG_UNSAFE_ALLOW_ANONYMOUS_ON_NETWORK: 'true' });
      assert.equal(config.host, '0.0.0.0');
      assert.equal(config.unsafeAllowAnonymousOnNetwork, true);
    });
  });

  describe('production mode', () => {
    it('requires app id, password and tenant id', () => {
      const { MICROSOFT_APP_ID: _a, ...noId } = production;
      failsOn(noId, 'MICROSOFT_APP_ID', /required when TRYGG_MODE=production/);
      const { MICROSOFT_APP_PASSWORD: _p, ...noPassword } = production;
      failsOn(noPassword, 'MICROSOFT_APP_PASSWORD');
      const { MICROSOFT_APP_TENANT_ID: _t, ...noTenant } = production;
      failsOn(noTenant, 'MICROSOFT_APP_TENANT_ID');
      const { TRYGG_ORG_FILE: _o, ...noOrganisation } = production;
      failsOn(noOrganisation, 'TRYGG_ORG_FILE', /demo organisation is for local use/);
    });

    it('binds any address, because every request is authenticated', () => {
      const config = loadConfig({ ...production, HOST: '0.0.0.0' });
      assert.equal(config.host, '0.0.0.0');
      assert.deepEqual(config.bot, {
        appId: 'app',
        appPassword: 'secret',
        appType: 'SingleTenant',
        tenantId: 'tenant',
        openIdMetadataUrl: undefined,
        tokenIssuer: undefined,
      });
    });

    it('needs no password for a managed identity', () => {
      const { MICROSOFT_APP_PASSWORD: _p, ...env } = production;
      const config = loadConfig({ ...env, MICROSOFT_APP_TYPE: 'UserAssignedMSI' });
      assert.equal(config.bot?.appPassword, undefined);
    });

    it('refuses the anonymous override and a bad metadata URL', () => {
      failsOn({ ...production, TRYGG_UNSAFE_ALLOW_ANONYMOUS_ON_NETWORK: 'true' }, 'TRYGG_UNSAFE_ALLOW_ANONYMOUS_ON_NETWORK');
      failsOn({ ...production, BOT_OPENID_METADATA_URL: 'ftp://x' }, 'BOT_OPENID_METADATA_URL');
    });
  });
});
