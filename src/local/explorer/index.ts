import { createReadStream, existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, extname, join } from "node:path";
import type { JWK } from "jose";
import { isRole } from "../../domain/roles";
import { signToken } from "../dev-auth";
import { DEMO, findDemoUser } from "../seed";
import type { ExplorerBundle } from "./build";
import type { DemoUserChoice, ExplorerConfig } from "./config";

/**
 * The local explorer: GraphiQL served at the API's own URL to a browser (a GET that accepts
 * HTML), its bundled assets under /explorer/<hash>/, and GET /dev/token, which signs a demo
 * user's token with the dev key. Mounted by the local server only when it is not in production
 * mode; the Lambda handler knows nothing of it, and in AWS the landing page is disabled.
 */
export const EXPLORER_ROUTES = ["/graphql", "/public/graphql"] as const;
const ASSETS = "/explorer/";
const TOKEN_PATH = "/dev/token";
const DEFAULT_USER = { role: "BUSINESS_UNIT", partnership: "lutonshire" } as const;

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
};

/** Everything the page loads comes from this server: no CDN, and it works offline. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Monaco sets styles on elements and adds a few style elements of its own.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const QUERIES: Record<string, string> = {
  "/graphql": `# The local explorer of the Safeguarding API.
#
# Headers (below) carry a dev token for the demo
# business unit; the key icon on the left signs one
# for another demo user. The book icon opens the
# docs; Ctrl-Space autocompletes; Ctrl-Enter runs.

query Partnership {
  partnership {
    name
  }
  agencies(first: 10) {
    edges {
      node {
        id
        name
        kind
      }
    }
  }
}
`,
  "/public/graphql": `# The public route: no token, public queries only.

query PublicPartnership {
  publicPartnership(code: "lutonshire") {
    name
    website
  }
}
`,
};

/** Demo users the token panel offers: board roles, then each agency role in each agency. */
export function demoUserChoices(): DemoUserChoice[] {
  const choices: DemoUserChoice[] = [];
  for (const seed of DEMO) {
    const agencies = new Map(seed.agencies.map((a) => [a.id, a.name]));
    for (const person of seed.people)
      for (const role of person.roles)
        choices.push({
          label: `${seed.partnership.code}: ${role}${person.agencyId ? ` (${agencies.get(person.agencyId)})` : ""}`,
          role,
          partnership: seed.partnership.code,
          agencyId: person.agencyId,
        });
  }
  const isDefault = (c: DemoUserChoice) =>
    c.role === DEFAULT_USER.role && c.partnership === DEFAULT_USER.partnership;
  return [...choices.filter(isDefault), ...choices.filter((c) => !isDefault(c))];
}

/** A request from this machine's browser: a rebinding attacker's page names its own host. */
export function fromLocalhost(req: IncomingMessage): boolean {
  const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

/** A browser asking for a page (not a client asking for data, nor a GET query). */
export function wantsPage(req: IncomingMessage, url: URL): boolean {
  return (
    req.method === "GET" &&
    (EXPLORER_ROUTES as readonly string[]).includes(url.pathname) &&
    !url.searchParams.has("query") &&
    String(req.headers.accept ?? "").includes("text/html")
  );
}

async function demoToken(
  key: JWK,
  role: string,
  agency: string | undefined,
  partnership: string,
): Promise<string> {
  if (!isRole(role)) throw new Error("role must be one of the Role enum values");
  const user = findDemoUser(role, agency, partnership);
  return signToken(key, {
    sub: user.id,
    partnershipId: user.partnershipId,
    agencyId: user.agencyId,
    roles: user.roles,
    name: user.name,
  });
}

const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

function page(config: ExplorerConfig): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Explorer: Safeguarding Learning &amp; Improvement API (local)</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${config.assets}/main.css">
<style>
html, body, #explorer { height: 100%; margin: 0; }
.dev-tokens { font-size: 14px; line-height: 1.5; }
.dev-tokens select { max-width: 100%; margin: 0.25rem 0; }
.dev-tokens p { margin: 0.75rem 0; }
</style>
<script id="explorer-config" type="application/json">${json(config)}</script>
<script src="${config.assets}/main.js" defer></script>
</head>
<body>
<div id="explorer"><noscript>The explorer needs JavaScript. The API itself answers POST requests here.</noscript></div>
</body>
</html>
`;
}

export interface ExplorerOptions {
  /** The bundle, once built; a failed build is reported on the page. */
  readonly bundle: Promise<ExplorerBundle>;
  /** The dev signing key (the same one `npm run token` uses). */
  readonly signingKey: JWK;
}

/**
 * Answers the explorer's requests; returns false for anything else (the API's requests).
 */
export function explorerHandler(options: ExplorerOptions) {
  const users = demoUserChoices();
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const isPage = wantsPage(req, url);
    const isToken = url.pathname === TOKEN_PATH;
    const isAsset = url.pathname.startsWith(ASSETS);
    if (!isPage && !isToken && !isAsset) return false;
    if (!fromLocalhost(req)) {
      res
        .writeHead(403, { "content-type": "text/plain" })
        .end("Local only: open it as localhost\n");
      return true;
    }
    if (req.method !== "GET") {
      res.writeHead(405, { allow: "GET", "content-type": "text/plain" }).end("GET only\n");
      return true;
    }
    if (isToken) {
      const q = url.searchParams;
      try {
        const token = await demoToken(
          options.signingKey,
          q.get("role") ?? "",
          q.get("agency") || undefined,
          q.get("partnership") || DEFAULT_USER.partnership,
        );
        res
          .writeHead(200, { "content-type": "text/plain", "cache-control": "no-store" })
          .end(`${token}\n`);
      } catch (err) {
        res.writeHead(400, { "content-type": "text/plain" }).end(`${(err as Error).message}\n`);
      }
      return true;
    }
    let bundle: ExplorerBundle;
    try {
      bundle = await options.bundle;
    } catch (err) {
      res
        .writeHead(500, { "content-type": "text/plain" })
        .end(`The explorer's bundle could not be built: ${(err as Error).message}\n`);
      return true;
    }
    if (isPage) {
      const route = url.pathname;
      const config: ExplorerConfig = {
        route,
        routes: EXPLORER_ROUTES,
        assets: `${ASSETS}${bundle.hash}`,
        token:
          route === "/graphql"
            ? await demoToken(options.signingKey, DEFAULT_USER.role, undefined, "lutonshire")
            : null,
        defaultQuery: QUERIES[route] ?? "",
        users,
      };
      res
        .writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
          "content-security-policy": CSP,
          "x-content-type-options": "nosniff",
        })
        .end(page(config));
      return true;
    }
    // /explorer/<hash>/<file>: only files of the bundle, named as esbuild names them.
    const [hash, file, ...rest] = url.pathname.slice(ASSETS.length).split("/");
    const path = file && /^[\w.-]+$/.test(file) ? join(bundle.dir, basename(file)) : "";
    if (hash !== bundle.hash || rest.length > 0 || !path || !existsSync(path)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
      return true;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      // The hash in the path changes whenever the bundle does.
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    });
    createReadStream(path).pipe(res);
    return true;
  };
}
