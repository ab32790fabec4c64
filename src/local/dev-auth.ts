import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";

/**
 * The local development issuer: a signing key kept in `.local/` (git-ignored), created on first
 * use. Tokens it signs are accepted only by a server configured with its public key, never in AWS.
 */
export const DEV_ISSUER = "urn:safeguarding-lif:local-dev-issuer";
export const DEV_AUDIENCE = "safeguarding-lif-local";

interface DevKey {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export const defaultKeyPath = () =>
  resolve(process.env.DEV_KEY_FILE ?? resolve(process.cwd(), ".local", "dev-signing-key.json"));

/** Reads the dev signing key, creating it if it does not exist. */
export async function ensureDevKey(path = defaultKeyPath()): Promise<DevKey> {
  if (existsSync(path)) return JSON.parse(readFileSync(path, "utf8")) as DevKey;
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const key: DevKey = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(key), { mode: 0o600 });
  return key;
}

/** Reads the dev signing key; fails if `npm start` has not created it. */
export function readDevKey(path = defaultKeyPath()): DevKey {
  if (!existsSync(path))
    throw new Error(`No dev signing key at ${path}: run 'npm start' once to create it`);
  return JSON.parse(readFileSync(path, "utf8")) as DevKey;
}

export interface TokenClaims {
  readonly sub: string;
  readonly partnershipId: string;
  readonly agencyId: string | null;
  readonly roles: readonly string[];
  readonly name?: string;
}

/**
 * Signs a person's ID token the way Cognito (with the pre-token-generation trigger) would: the
 * trigger's claims, `token_use` "id", the web app's client as audience.
 */
export async function signToken(
  key: JWK,
  claims: TokenClaims,
  options: { issuer?: string; audience?: string; expiresIn?: string } = {},
): Promise<string> {
  const privateKey = await importJWK(key, "RS256");
  return new SignJWT({
    partnership_id: claims.partnershipId,
    ...(claims.agencyId ? { agency_id: claims.agencyId } : {}),
    roles: [...claims.roles],
    person_id: claims.sub,
    token_use: "id",
    ...(claims.name ? { name: claims.name } : {}),
  })
    .setProtectedHeader({ alg: "RS256", kid: key.kid })
    .setSubject(claims.sub)
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "8h")
    .sign(privateKey);
}

/** The scope the local stack's partner systems are granted (PARTNER_SCOPE is unset locally). */
export const DEV_PARTNER_SCOPE = "safeguarding-lif-local/api";

/**
 * Signs a partner system's access token the way Cognito's client credentials flow would: it
 * names the app client and the scope, nothing else (the registration says the rest).
 */
export async function signClientToken(
  key: JWK,
  clientId: string,
  options: { issuer?: string; expiresIn?: string; scope?: string } = {},
): Promise<string> {
  const privateKey = await importJWK(key, "RS256");
  return new SignJWT({
    client_id: clientId,
    token_use: "access",
    scope: options.scope ?? DEV_PARTNER_SCOPE,
  })
    .setProtectedHeader({ alg: "RS256", kid: key.kid })
    .setSubject(clientId)
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "1h")
    .sign(privateKey);
}
