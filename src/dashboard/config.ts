/**
 * What the board dashboard page is told about where it runs: embedded in the page by the local
 * server, or read from `config.json` beside the page in AWS (written at deploy by
 * scripts/dashboard-publish.mjs from the stack's outputs; docs/dashboard.md).
 */
export type DashboardConfig = LocalDashboardConfig | CognitoDashboardConfig;

/** `npm start`: sign in as a demo user with a token of the local dev issuer (GET /dev/token). */
export interface LocalDashboardConfig {
  readonly mode: "local";
  /** The GraphQL endpoint people's ID tokens are sent to. */
  readonly graphqlUrl: string;
  /** Where the local server signs a demo user's token. */
  readonly tokenUrl: string;
  /** The demo users the sign-in form offers, the default first. */
  readonly users: readonly DashboardDemoUser[];
}

export interface DashboardDemoUser {
  readonly label: string;
  readonly role: string;
  readonly partnership: string;
  readonly agencyId: string | null;
}

/** AWS: the user pool's hosted UI (authorization code with PKCE); the ID token goes to the API. */
export interface CognitoDashboardConfig {
  readonly mode: "cognito";
  readonly graphqlUrl: string;
  readonly cognito: {
    /** The hosted UI's origin, `https://<domain>.auth.<region>.amazoncognito.com`. */
    readonly domain: string;
    /** The web app's client (a public client: no secret). */
    readonly clientId: string;
  };
}

/** Roles that see the whole partnership's dashboard, or any agency's (the contract's list). */
export const BOARD_DASHBOARD_ROLES = [
  "INDEPENDENT_CHAIR",
  "BUSINESS_UNIT",
  "BOARD_MEMBER",
  "SCR_SUBGROUP",
  "AUDIT_GROUP",
] as const;

/** Checks a config read from a file: the page says what is wrong instead of failing later. */
export function parseDashboardConfig(value: unknown): DashboardConfig {
  const v = value as {
    mode?: unknown;
    graphqlUrl?: unknown;
    tokenUrl?: unknown;
    users?: unknown;
    cognito?: { domain?: unknown; clientId?: unknown };
  } | null;
  if (!v || typeof v !== "object") throw new Error("the dashboard's config is not an object");
  if (typeof v.graphqlUrl !== "string" || !v.graphqlUrl)
    throw new Error("the dashboard's config has no graphqlUrl");
  if (v.mode === "local") {
    if (typeof v.tokenUrl !== "string" || !Array.isArray(v.users))
      throw new Error("a local dashboard config needs tokenUrl and users");
    return v as unknown as LocalDashboardConfig;
  }
  if (v.mode === "cognito") {
    const c = v.cognito;
    // HTTPS, or this machine (the browser test's stand-in for the hosted UI).
    if (
      !c ||
      typeof c.domain !== "string" ||
      !/^(https:\/\/|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$)/.test(c.domain)
    )
      throw new Error("a Cognito dashboard config needs cognito.domain (https://...)");
    if (typeof c.clientId !== "string" || !c.clientId)
      throw new Error("a Cognito dashboard config needs cognito.clientId");
    return v as unknown as CognitoDashboardConfig;
  }
  throw new Error('the dashboard\'s config mode must be "local" or "cognito"');
}
