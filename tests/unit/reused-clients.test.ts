import { strict as assert } from 'node:assert';
import { AuthenticationConstants, ClaimsIdentity, ConnectorFactory, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import { ReusedClients } from '../../src/teams/reused-clients';

const claimsFor = (appId?: string) =>
  new ClaimsIdentity(appId ? [{ type: AuthenticationConstants.AudienceClaim, value: appId }] : [], appId !== undefined);

/** A connector factory that makes a new (fake) client per call and counts the calls. */
class CountingFactory extends ConnectorFactory {
  made: string[] = [];
  failNext = false;
  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    this.made.push(`${serviceUrl} ${audience}`);
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('no credentials'));
    }
    return Promise.resolve({ serviceUrl, audience } as unknown as ConnectorClient);
  }
}

describe('ReusedClients (outbound clients shared across turns)', () => {
  const url = 'https://smba.trafficmanager.net/emea/';
  const audience = 'https://api.botframework.com';

  it('hands out one connector client per app id, service URL and audience', async () => {
    const clients = new ReusedClients();
    const factory = new CountingFactory();
    const a = await clients.connectorFactory(claimsFor('app'), factory).create(url, audience);
    const b = await clients.connectorFactory(claimsFor('app'), new CountingFactory()).create(url, audience);
    assert.equal(a, b, 'the second turn gets the first turn’s client');
    assert.deepEqual(factory.made, [`${url} ${audience}`]);
    const other = await clients.connectorFactory(claimsFor('app'), factory).create('https://smba.trafficmanager.net/amer/', audience);
    const otherApp = await clients.connectorFactory(claimsFor('other-app'), factory).create(url, audience);
    assert.notEqual(other, a);
    assert.notEqual(otherApp, a);
    assert.equal(factory.made.length, 3);
  });

  it('does not keep a client whose creation failed', async () => {
    const clients = new ReusedClients();
    const factory = new CountingFactory();
    factory.failNext = true;
    await assert.rejects(clients.connectorFactory(claimsFor(), factory).create(url, audience), /no credentials/);
    await clients.connectorFactory(claimsFor(), factory).create(url, audience);
    assert.equal(factory.made.length, 2, 'created again after the failure');
  });

  it('hands out one user token client per app id', async () => {
    const clients = new ReusedClients();
    let made = 0;
    const create = async () => ({ n: ++made }) as unknown as UserTokenClient;
    const a = await clients.userTokenClient(claimsFor('app'), create);
    const b = await clients.userTokenClient(claimsFor('app'), create);
    const c = await clients.userTokenClient(claimsFor('other-app'), create);
    assert.equal(a, b);
    assert.notEqual(a, c);
    assert.equal(made, 2);
  });
});
