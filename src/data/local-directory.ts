import { createHash, randomBytes } from "node:crypto";
import type { Directory, DirectoryClient, DirectoryUser } from "./directory";

/**
 * The directory locally and in tests, where the dev issuer stands in for Cognito: a user's
 * identity is derived from their email (so an invitation retried, or repeated, finds the same
 * user, as Cognito would), a client gets a fresh id and secret. Nothing is sent to anyone.
 */
export class LocalDirectory implements Directory {
  /** The identity the local directory gives the user who signs in with `email`. */
  static identityOf(email: string): string {
    const h = createHash("sha256").update(`local-identity:${email.toLowerCase()}`).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  readonly disabled = new Set<string>();

  async createUser(input: { email: string; name: string }): Promise<DirectoryUser> {
    return { identity: LocalDirectory.identityOf(input.email), username: input.email };
  }

  async setUserEnabled(username: string, enabled: boolean): Promise<void> {
    if (enabled) this.disabled.delete(username);
    else this.disabled.add(username);
  }

  readonly deletedClients = new Set<string>();

  async deleteClient(clientId: string): Promise<void> {
    this.deletedClients.add(clientId);
  }

  async createClient(_name: string): Promise<DirectoryClient> {
    return {
      clientId: randomBytes(13).toString("hex").slice(0, 26),
      clientSecret: randomBytes(32).toString("base64url"),
    };
  }
}
