import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { BotIdentity } from '../config';
import { ReusedClients } from './reused-clients';

/**
 * The teams-ai adapter with authentication as a separate step, so that every authentication
 * failure becomes 401 (the SDK answers 500 for some) and the SDK's error text never reaches a client.
 */
export class TryggAdapter extends TeamsAdapter {
  private readonly clients = new ReusedClients();

  /**
   * @param identity - the bot's app registration; omitted in local mode, where requests are anonymous
   */
  constructor(identity?: BotIdentity) {
    const options: ConfigurationBotFrameworkAuthenticationOptions = identity
      ? {
          MicrosoftAppId: identity.appId,
          MicrosoftAppPassword: identity.appPassword ?? '',
          MicrosoftAppType: identity.appType,
          MicrosoftAppTenantId: identity.tenantId,
          ...(identity.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: identity.openIdMetadataUrl } : {}),
          ...(identity.tokenIssuer ? { ToBotFromChannelTokenIssuer: identity.tokenIssuer } : {}),
        }
      : ({} as ConfigurationBotFrameworkAuthenticationOptions);
    super(options, new ConfigurationServiceClientCredentialFactory(options));
    // CloudAdapter asks for a new UserTokenClient on every turn; hand out one per app id instead.
    const auth = this.botFrameworkAuthentication;
    const createUserTokenClient = auth.createUserTokenClient.bind(auth);
    auth.createUserTokenClient = (claims) => this.clients.userTokenClient(claims, createUserTokenClient);
  }

  /**
   * Validates the request's bearer token for the activity (channel endorsement, audience, issuer,
   * expiry, service URL). In local mode the SDK accepts anonymous requests.
   *
   * @param activity - the inbound activity
   * @param authHeader - the `Authorization` header, or an empty string
   * @returns the authentication result to process the activity with
   * @throws any error when the request is not authentic
   */
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    const { connectorFactory, claimsIdentity } = result;
    // The turn's ConnectorClient is reused across turns (see ReusedClients).
    return connectorFactory ? { ...result, connectorFactory: this.clients.connectorFactory(claimsIdentity, connectorFactory) } : result;
  }

  /**
   * Runs one authenticated activity through the middleware and the bot logic.
   *
   * @param auth - the result of {@link TryggAdapter.authenticate}
   * @param activity - the inbound activity
   * @param logic - the bot logic
   * @returns the invoke response, for invoke activities
   */
  processAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
