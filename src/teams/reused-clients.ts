import { ConnectorFactory, type ConnectorClient, type ClaimsIdentity, type UserTokenClient } from 'botframework-connector';
import { AuthenticationConstants } from 'botframework-connector';

/** Different (app id, service URL, audience) combinations kept; Teams uses a handful of service URLs. */
const MAX_CLIENTS = 64;

/**
 * Outbound clients reused across turns. botbuilder's CloudAdapter builds a new ConnectorClient and
 * UserTokenClient, each with its own HTTP pipeline, for every inbound activity — about a third of a
 * millisecond of CPU per turn, even for invokes that send nothing. The clients hold no per-turn
 * state (credentials cache their tokens), so one per app id, service URL and audience serves every
 * turn, as botbuilder's older BotFrameworkAdapter did.
 *
 * Proactive sends (`continueConversationAsync`) do not come through here: the outbox changes their
 * client's pipeline, so they keep a client of their own per send.
 */
export class ReusedClients {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  /**
   * Wraps the connector factory of one authenticated request so that it hands out shared clients.
   *
   * @param claims - the request's identity (names the bot's app id)
   * @param factory - the factory botbuilder made for the request
   * @returns a factory with the same results, reused
   */
  connectorFactory(claims: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    const appId = appIdOf(claims);
    const connectors = this.connectors;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return reuse(connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience));
      }
    })();
  }

  /**
   * A shared UserTokenClient per app id.
   *
   * @param claims - the request's identity
   * @param create - botbuilder's way of making one
   * @returns the client
   */
  userTokenClient(claims: ClaimsIdentity, create: (claims: ClaimsIdentity) => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return reuse(this.tokenClients, appIdOf(claims), () => create(claims));
  }
}

/** The bot's app id as botbuilder reads it from the claims (audience, else appid; none when anonymous). */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

function reuse<T>(cache: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const found = cache.get(key);
  if (found) return found;
  if (cache.size >= MAX_CLIENTS) cache.delete(cache.keys().next().value as string);
  const made = create();
  cache.set(key, made);
  made.catch(() => {
    if (cache.get(key) === made) cache.delete(key);
  });
  return made;
}
