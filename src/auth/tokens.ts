import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from "jose";
import { UnauthenticatedError } from "../domain/errors";
import { isRole, type Principal } from "../domain/roles";

/**
 * Token verification. In AWS the HTTP API's JWT authorizer has already checked the token
 * against Cognito; the handler verifies it again (defence in depth, and the same code path runs
 * locally). Claims the API reads, added by Cognito's pre-token-generation trigger (or by the
 * local dev issuer): `partnership_id`, `agency_id` (optional for board staff), `roles`.
 */
export interface VerifierConfig {
  readonly issuer: string;
  /** App client ids accepted: an ID token's `aud` or an access token's `client_id`. */
  readonly audiences: readonly string[];
  readonly jwks: { url: string } | { keys: JSONWebKeySet };
}

export type Verifier = (authorization: string | undefined) => Promise<Principal | null>;

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

function audienceOk(payload: JWTPayload, audiences: readonly string[]): boolean {
  const aud = payload.aud === undefined ? [] : [payload.aud].flat();
  const clientId = typeof payload.client_id === "string" ? [payload.client_id] : [];
  return [...aud, ...clientId].some((a) => audiences.includes(a));
}

/** Maps verified claims to a principal, refusing tokens that lack what the API needs. */
export function principalFromClaims(payload: JWTPayload): Principal {
  const partnershipId = payload.partnership_id;
  const agencyId = payload.agency_id ?? null;
  const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
  if (typeof payload.sub !== "string" || !payload.sub)
    throw new UnauthenticatedError("Token has no subject");
  if (typeof partnershipId !== "string" || !partnershipId)
    throw new UnauthenticatedError("Token has no partnership");
  if (agencyId !== null && typeof agencyId !== "string")
    throw new UnauthenticatedError("Token has a malformed agency");
  if (roles.length === 0) throw new UnauthenticatedError("Token grants no role");
  const isMachine = roles.includes("PARTNER_SYSTEM");
  if (isMachine && !agencyId)
    throw new UnauthenticatedError("A partner system token must be scoped to one agency");
  return { subject: payload.sub, partnershipId, agencyId, roles, isMachine };
}

/** Builds a verifier: no header gives null (anonymous); a bad token throws UNAUTHENTICATED. */
/**
 * Tokens this container verified, kept for a short while so that a portal's or a partner
 * system's next requests do not check the same signature again: never past the token's `exp`,
 * at most VERIFIED_FOR_MS, at most VERIFIED_MAX tokens (the oldest go first).
 */
const VERIFIED_FOR_MS = 5 * 60_000;
const VERIFIED_MAX = 1_000;

export function createVerifier(config: VerifierConfig): Verifier {
  let keys: ReturnType<typeof keyResolver> | undefined;
  const verified = new Map<string, { principal: Principal; until: number }>();
  return async (authorization) => {
    if (authorization === undefined || authorization === "") return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new UnauthenticatedError("Authorization must be 'Bearer <token>'");
    const token = match[1];
    const known = verified.get(token);
    if (known && Date.now() < known.until) return known.principal;
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
    if (!audienceOk(payload, config.audiences))
      throw new UnauthenticatedError("Token is not for this API");
    checkLifetime(payload, Math.floor(Date.now() / 1000));
    const principal = principalFromClaims(payload);
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string);
    verified.set(token, {
      principal,
      until: Math.min((payload.exp as number) * 1000, Date.now() + VERIFIED_FOR_MS),
    });
    return principal;
  };
}

/** Verifier configuration from the environment (set by serverless.yml or the local server). */
export function verifierConfigFromEnv(env: NodeJS.ProcessEnv = process.env): VerifierConfig {
  const issuer = env.JWT_ISSUER;
  const audiences = (env.JWT_AUDIENCE ?? "").split(",").filter(Boolean);
  if (!issuer || audiences.length === 0) throw new Error("JWT_ISSUER and JWT_AUDIENCE must be set");
  if (env.JWKS_JSON) return { issuer, audiences, jwks: { keys: JSON.parse(env.JWKS_JSON) } };
  const url = env.JWKS_URL ?? `${issuer.replace(/\/$/, "")}/.well-known/jwks.json`;
  return { issuer, audiences, jwks: { url } };
}
