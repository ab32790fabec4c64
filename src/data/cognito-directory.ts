import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Directory, DirectoryClient, DirectoryUser } from "./directory";

/**
 * The directory in AWS: the stage's Cognito user pool. Users sign in with their email, get
 * Cognito's invitation email with a temporary password, and must set up MFA (the pool requires
 * it). Partner systems get one app client each, confidential, with the client credentials flow
 * and the API's scope only. The Cognito client is loaded on first use: only onboarding needs it.
 */
export interface CognitoConfig {
  readonly userPoolId: string;
  /** The OAuth scope partner systems are granted (`<resource server>/<scope>`). */
  readonly scope: string;
  readonly region?: string;
}

export class CognitoDirectory implements Directory {
  private client: Promise<{
    send: CognitoIdentityProviderClient["send"];
    sdk: typeof import("@aws-sdk/client-cognito-identity-provider");
  }> | null = null;

  constructor(private readonly config: CognitoConfig) {}

  private cognito() {
    this.client ??= import("@aws-sdk/client-cognito-identity-provider").then((sdk) => {
      const c = new sdk.CognitoIdentityProviderClient({ region: this.config.region });
      return { send: c.send.bind(c) as CognitoIdentityProviderClient["send"], sdk };
    });
    return this.client;
  }

  async createUser(input: { email: string; name: string }): Promise<DirectoryUser> {
    const { send, sdk } = await this.cognito();
    try {
      const res = await send(
        new sdk.AdminCreateUserCommand({
          UserPoolId: this.config.userPoolId,
          Username: input.email,
          UserAttributes: [
            { Name: "email", Value: input.email },
            { Name: "email_verified", Value: "true" },
            { Name: "name", Value: input.name },
          ],
          DesiredDeliveryMediums: ["EMAIL"],
        }),
      );
      return userOf(res.User?.Attributes, input.email);
    } catch (err) {
      // A retried invitation: the user was created by the first attempt.
      if ((err as { name?: string }).name !== "UsernameExistsException") throw err;
      const res = await send(
        new sdk.AdminGetUserCommand({ UserPoolId: this.config.userPoolId, Username: input.email }),
      );
      return userOf(res.UserAttributes, input.email);
    }
  }

  async setUserEnabled(username: string, enabled: boolean): Promise<void> {
    const { send, sdk } = await this.cognito();
    const target = { UserPoolId: this.config.userPoolId, Username: username };
    if (enabled) {
      await send(new sdk.AdminEnableUserCommand(target));
      return;
    }
    await send(new sdk.AdminDisableUserCommand(target));
    // Refresh tokens stop working now; tokens already issued end within their hour.
    await send(new sdk.AdminUserGlobalSignOutCommand(target));
  }

  async deleteClient(clientId: string): Promise<void> {
    const { send, sdk } = await this.cognito();
    await send(
      new sdk.DeleteUserPoolClientCommand({
        UserPoolId: this.config.userPoolId,
        ClientId: clientId,
      }),
    );
  }

  async createClient(name: string): Promise<DirectoryClient> {
    const { send, sdk } = await this.cognito();
    const res = await send(
      new sdk.CreateUserPoolClientCommand({
        UserPoolId: this.config.userPoolId,
        ClientName: name.slice(0, 128),
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: [this.config.scope],
        ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors: "ENABLED",
        AccessTokenValidity: 60,
        TokenValidityUnits: { AccessToken: "minutes" },
      }),
    );
    const c = res.UserPoolClient;
    if (!c?.ClientId || !c.ClientSecret) throw new Error("Cognito returned no client");
    return { clientId: c.ClientId, clientSecret: c.ClientSecret };
  }
}

function userOf(
  attributes: { Name?: string; Value?: string }[] | undefined,
  username: string,
): DirectoryUser {
  const sub = attributes?.find((a) => a.Name === "sub")?.Value;
  if (!sub) throw new Error("Cognito returned a user without a sub");
  return { identity: sub, username };
}
