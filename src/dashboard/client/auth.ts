/**
 * Sign-in. Locally: a demo user's token from the local dev issuer (GET /dev/token), as the
 * explorer does. In AWS: the user pool's hosted UI, authorization code with PKCE (a public
 * client: no secret in the page), keeping the ID token, which is what the API's authorizer
 * accepts. Tokens live in sessionStorage: gone when the tab closes, never sent anywhere but
 * the API.
 */
import type { CognitoDashboardConfig, DashboardDemoUser, LocalDashboardConfig } from "../config";

const TOKEN = "lif-dashboard:id-token";
const PKCE = "lif-dashboard:pkce";

/** The claims the page reads from an ID token (the API decides; the page only labels). */
export interface Claims {
  exp?: number;
  name?: string;
  email?: string;
}

export function claimsOf(token: string): Claims {
  try {
    const part = token.split(".")[1] ?? "";
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
  } catch {
    return {};
  }
}

/** The stored ID token, unless it has expired (a minute's margin). */
export function currentToken(): string | null {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return null;
  const { exp } = claimsOf(token);
  if (typeof exp === "number" && exp * 1000 < Date.now() + 60_000) {
    sessionStorage.removeItem(TOKEN);
    return null;
  }
  return token;
}

export function signOutLocally(): void {
  sessionStorage.removeItem(TOKEN);
}

/** Locally: signs in as a demo user. */
export async function signInAsDemoUser(
  config: LocalDashboardConfig,
  user: DashboardDemoUser,
): Promise<void> {
  const params = new URLSearchParams({ role: user.role, partnership: user.partnership });
  if (user.agencyId) params.set("agency", user.agencyId);
  const res = await fetch(`${config.tokenUrl}?${params}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`Could not sign a demo token: ${res.status} ${await res.text()}`);
  sessionStorage.setItem(TOKEN, (await res.text()).trim());
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const random = (n: number) => base64url(crypto.getRandomValues(new Uint8Array(n)));

/** Where the hosted UI sends the person back: this page, without its query. */
const redirectUri = () => `${location.origin}${location.pathname}`;

/** AWS: off to the hosted UI (authorization code with PKCE, S256). */
export async function startCognitoSignIn(config: CognitoDashboardConfig): Promise<void> {
  const verifier = random(48);
  const state = random(24);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state }));
  const url = new URL("/oauth2/authorize", config.cognito.domain);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.cognito.clientId,
    redirect_uri: redirectUri(),
    scope: "openid email profile",
    state,
    code_challenge_method: "S256",
    code_challenge: challenge,
  }).toString();
  location.assign(url.toString());
}

/**
 * Back from the hosted UI with `?code&state`: exchanges the code (with the verifier only this
 * tab holds) for tokens and keeps the ID token. False when the URL carries no code.
 */
export async function finishCognitoSignIn(config: CognitoDashboardConfig): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  const code = params.get("code");
  const error = params.get("error");
  if (!code && !error) return false;
  history.replaceState(null, "", redirectUri());
  if (error) throw new Error(`Sign-in failed: ${params.get("error_description") ?? error}`);
  const saved = JSON.parse(sessionStorage.getItem(PKCE) ?? "null") as {
    verifier: string;
    state: string;
  } | null;
  sessionStorage.removeItem(PKCE);
  if (!saved || saved.state !== params.get("state"))
    throw new Error("Sign-in failed: the answer was not for this page's request. Sign in again.");
  const res = await fetch(new URL("/oauth2/token", config.cognito.domain), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: config.cognito.clientId,
      code: code ?? "",
      redirect_uri: redirectUri(),
      code_verifier: saved.verifier,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { id_token?: string; error?: string };
  if (!res.ok || !body.id_token)
    throw new Error(`Sign-in failed: ${body.error ?? `the token endpoint answered ${res.status}`}`);
  sessionStorage.setItem(TOKEN, body.id_token);
  return true;
}

/** AWS: ends the hosted UI's session too, then comes back here. */
export function cognitoSignOut(config: CognitoDashboardConfig): void {
  signOutLocally();
  const url = new URL("/logout", config.cognito.domain);
  url.search = new URLSearchParams({
    client_id: config.cognito.clientId,
    logout_uri: redirectUri(),
  }).toString();
  location.assign(url.toString());
}
