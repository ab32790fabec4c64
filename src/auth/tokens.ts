import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from "jose";
import { UnauthenticatedError } from "../domain/errors";
import { isPlatformRole, isRole, PLATFORM, type Principal, type Role } from "../domain/roles";

/**
 * Token verification. Two kinds of token reach the API, both signed by the stage's Cognito user
 * pool (locally, by the dev issuer standing in for it):
 *
 * - people present **ID tokens** of the web app's client (`token_use` "id", `aud` the client):
 *   Cognito's pre-token trigger (src/handlers/pre-token.ts) puts `partnership_id`, `agency_id`,
 *   `roles` and `person_id` in them from the Person record. ID tokens, because the trigger can
 *   add claims to them in every Cognito plan; access tokens of people would need the paid one.
 * - partner systems present **access tokens** from the client credentials flow (`token_use`
 *   "access", `client_id` their own app client, `scope` the API's): the token names the client
 *   only, and the client's registration (a PartnerSystem record) gives the agency and the
 *   operations, so a system can never claim another agency.
 *
 * In AWS the HTTP API's JWT authorizer has checked people's tokens on /graphql already (the same
 * issuer and audience); partner systems call /system/graphql, where the function alone verifies
 * (their clients are registered after deployment, so the authorizer cannot list them).
 */
export interface VerifierConfig {
  readonly issuer: string;
  /** App client ids whose ID tokens are accepted (the web app's). */
  readonly audiences: readonly string[];
  readonly jwks: { url: string } | { keys: JSONWebKeySet };
  /** The scope a partner system's access token must carry (unchecked when absent: locally). */
  readonly partnerScope?: string;
}

/** A verified token: a person's principal, or a partner system's client id to look up. */
export type VerifiedToken =
  | { readonly kind: "person"; readonly principal: Principal }
  | { readonly kind: "client"; readonly clientId: string };

export type Verifier = (authorization: string | undefined) => Promise<VerifiedToken | null>;

const ALGORITHMS = ["RS256"];
/** Seconds of clock skew allowed between the issuer and this server. */
const CLOCK_TOLERANCE = 30;
/** The longest a token may live: Cognito issues ID and access tokens for at most a day. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/**
 * A token must say when it was issued and when it expires, may not have been issued in the
 * future, and may not live longer than a day: a stolen token signed by a trusted key is then
 * useful for a bounded time only.
 */
function checkLifetime(payload: JWTPayload, now: number): void {
  const { iat, exp } = payload;
  if (typeof exp !== "number") throw new UnauthenticatedError("Token has no expiry");
  if (typeof iat !== "number") throw new UnauthenticatedError("Token has no issue time");
  if (iat > now + CLOCK_TOLERANCE) throw new UnauthenticatedError("Token is issued in the future");
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS)
    throw new UnauthenticatedError("Token lives longer than a day");
}

function keyResolver(jwks: VerifierConfig["jwks"]) {
  if ("keys" in jwks) return createLocalJWKSet(jwks.keys);
  // Created on first use and cached for the container's life; jose refreshes on unknown kid.
  return createRemoteJWKSet(new URL(jwks.url), { cacheMaxAge: 10 * 60 * 1000 });
}

/** Roles from the claim: a list, or space-separated (Cognito's added claims are strings). */
function rolesOf(claim: unknown): Role[] {
  const list = Array.isArray(claim) ? claim : typeof claim === "string" ? claim.split(/\s+/) : [];
  return list.filter(isRole);
}

/** Maps a person's verified claims to a principal, refusing tokens that lack what the API needs. */
export function principalFromClaims(payload: JWTPayload): Principal {
  const partnershipId = payload.partnership_id;
  const agencyId = payload.agency_id ?? null;
  const roles = rolesOf(payload.roles);
  // The person's record id (the trigger's `person_id`); the dev issuer signs it as `sub`.
  const subject = typeof payload.person_id === "string" ? payload.person_id : payload.sub;
  if (typeof subject !== "string" || !subject)
    throw new UnauthenticatedError("Token has no subject");
  if (typeof partnershipId !== "string" || !partnershipId)
    throw new UnauthenticatedError("Token has no partnership");
  if (agencyId !== null && typeof agencyId !== "string")
    throw new UnauthenticatedError("Token has a malformed agency");
  if (roles.length === 0) throw new UnauthenticatedError("Token grants no role");
  // Partner systems are registered clients with access tokens, never people.
  if (roles.includes("PARTNER_SYSTEM"))
    throw new UnauthenticatedError("A person's token cannot hold PARTNER_SYSTEM");
  // Platform roles are held in the PLATFORM pseudo-partnership, and only platform roles are.
  if (roles.some((r) => isPlatformRole(r) !== (partnershipId === PLATFORM)))
    throw new UnauthenticatedError("Token has a malformed platform role");
  return { subject, partnershipId, agencyId, roles, isMachine: false };
}

/** A partner system's access token: its client, with the API's scope. */
function clientOf(payload: JWTPayload, config: VerifierConfig): string {
  const clientId = payload.client_id;
  if (typeof clientId !== "string" || !clientId)
    throw new UnauthenticatedError("An access token must name its client");
  const scopes = typeof payload.scope === "string" ? payload.scope.split(/\s+/) : [];
  if (config.partnerScope && !scopes.includes(config.partnerScope))
    throw new UnauthenticatedError("Token lacks the API's scope");
  return clientId;
}

/**
 * Tokens this container verified, kept for a short while so that a portal's or a partner
 * system's next requests do not check the same signature again: never past the token's `exp`,
 * at most VERIFIED_FOR_MS, at most VERIFIED_MAX tokens (the oldest go first).
 */
const VERIFIED_FOR_MS = 5 * 60_000;
const VERIFIED_MAX = 1_000;

/** Builds a verifier: no header gives null (anonymous); a bad token throws UNAUTHENTICATED. */
export function createVerifier(config: VerifierConfig): Verifier {
  let keys: ReturnType<typeof keyResolver> | undefined;
  const verified = new Map<string, { token: VerifiedToken; until: number }>();
  return async (authorization) => {
    if (authorization === undefined || authorization === "") return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new UnauthenticatedError("Authorization must be 'Bearer <token>'");
    const token = match[1];
    const known = verified.get(token);
    if (known && Date.now() < known.until) return known.token;
    if (known) verified.delete(token);
    keys ??= keyResolver(config.jwks);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE,
      }));
    } catch (err) {
      if (err instanceof joseErrors.JOSEError)
        throw new UnauthenticatedError(
          err instanceof joseErrors.JWTExpired ? "Token has expired" : "Token is not valid",
        );
      throw err;
    }
    checkLifetime(payload, Math.floor(Date.now() / 1000));
    let result: VerifiedToken;
    if (payload.token_use === "access") {
      result = { kind: "client", clientId: clientOf(payload, config) };
    } else {
      // Cognito's ID tokens say so; a token that says neither is no token of the user pool.
      if (payload.token_use !== "id") throw new UnauthenticatedError("Token is not an ID token");
      const aud = payload.aud === undefined ? [] : [payload.aud].flat();
      if (!aud.some((a) => config.audiences.includes(a)))
        throw new UnauthenticatedError("Token is not for this API");
      result = { kind: "person", principal: principalFromClaims(payload) };
    }
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string);
    verified.set(token, {
      token: result,
      until: Math.min((payload.exp as number) * 1000, Date.now() + VERIFIED_FOR_MS),
    });
    return result;
  };
}

/** Verifier configuration from the environment (set by serverless.yml or the local server). */
export function verifierConfigFromEnv(env: NodeJS.ProcessEnv = process.env): VerifierConfig {
  const issuer = env.JWT_ISSUER;
  const audiences = (env.JWT_AUDIENCE ?? "").split(",").filter(Boolean);
  if (!issuer || audiences.length === 0) throw new Error("JWT_ISSUER and JWT_AUDIENCE must be set");
  const partnerScope = env.PARTNER_SCOPE || undefined;
  if (env.JWKS_JSON)
    return { issuer, audiences, partnerScope, jwks: { keys: JSON.parse(env.JWKS_JSON) } };
  const url = env.JWKS_URL ?? `${issuer.replace(/\/$/, "")}/.well-known/jwks.json`;
  return { issuer, audiences, partnerScope, jwks: { url } };
}
