/**
 * The sign-in directory (Cognito in AWS): the API creates, disables and enables staff users and
 * the app clients of partner systems there. Behind this interface so that the services run the
 * same way against Cognito (cognito-directory.ts) and, locally and in tests, without AWS
 * (local-directory.ts).
 */
export interface DirectoryUser {
  /** The user's stable identity (Cognito's `sub`): the Person record is found by it. */
  readonly identity: string;
  /** The sign-in name (the email address). */
  readonly username: string;
}

export interface DirectoryClient {
  readonly clientId: string;
  /** Shown once, to whoever registers the system; never stored by the API. */
  readonly clientSecret: string;
}

export interface Directory {
  /**
   * Creates a user who signs in with `email` and is sent an invitation with a temporary
   * password; a user that already exists is returned as it is (a retried invitation).
   */
  createUser(input: { email: string; name: string }): Promise<DirectoryUser>;
  setUserEnabled(username: string, enabled: boolean): Promise<void>;
  /** An app client for the OAuth client credentials flow, with the API's scope. */
  createClient(name: string): Promise<DirectoryClient>;
  /** Deletes an app client (one a concurrent retry created and lost the race with). */
  deleteClient(clientId: string): Promise<void>;
}
