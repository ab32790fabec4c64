import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { type DashboardAssets, dashboardPage } from "../dashboard/build";
import { BOARD_DASHBOARD_ROLES, type LocalDashboardConfig } from "../dashboard/config";
import { demoUserChoices, fromLocalhost } from "./explorer";

/**
 * The board dashboard page at /dashboard, as `npm start` serves it: the same bundle as the
 * static site (src/dashboard/build.ts), its config embedded (sign-in with a demo user's token
 * from GET /dev/token, requests to this server's /graphql), and its assets under
 * /dashboard/assets/<hash>/, gzipped as CloudFront serves them. Not mounted in production mode,
 * which has no dev tokens.
 */
export const DASHBOARD_PATH = "/dashboard";
const ASSETS = `${DASHBOARD_PATH}/assets/`;
const DEFAULT_USER = { role: "INDEPENDENT_CHAIR", partnership: "lutonshire" };

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Everything from this server: the page, its assets, /dev/token and /graphql. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Demo users who may see a dashboard: the board's roles and agencies' leads, the Chair first. */
export function dashboardUsers() {
  const roles: readonly string[] = [...BOARD_DASHBOARD_ROLES, "AGENCY_LEAD"];
  const users = demoUserChoices().filter((u) => roles.includes(u.role));
  const isDefault = (u: { role: string; partnership: string }) =>
    u.role === DEFAULT_USER.role && u.partnership === DEFAULT_USER.partnership;
  return [...users.filter(isDefault), ...users.filter((u) => !isDefault(u))];
}

/** Answers the dashboard's requests; returns false for anything else. */
export function dashboardHandler(bundle: Promise<DashboardAssets>) {
  const config: LocalDashboardConfig = {
    mode: "local",
    graphqlUrl: "/graphql",
    tokenUrl: "/dev/token",
    users: dashboardUsers(),
  };
  const gzipped = new Map<string, Buffer>();
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    const isPage = path === DASHBOARD_PATH || path === `${DASHBOARD_PATH}/`;
    if (!isPage && !path.startsWith(ASSETS)) return false;
    if (!fromLocalhost(req)) {
      res
        .writeHead(403, { "content-type": "text/plain" })
        .end("Local only: open it as localhost\n");
      return true;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("GET only\n");
      return true;
    }
    let assets: DashboardAssets;
    try {
      assets = await bundle;
    } catch (err) {
      res
        .writeHead(500, { "content-type": "text/plain" })
        .end(`The dashboard's bundle could not be built: ${(err as Error).message}\n`);
      return true;
    }
    const hash = basename(assets.dir);
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const send = (status: number, headers: Record<string, string>, body: Buffer, key: string) => {
      let out = body;
      if (gzip) {
        out = gzipped.get(key) ?? gzipSync(body, { level: 9 });
        gzipped.set(key, out);
        headers["content-encoding"] = "gzip";
      }
      res
        .writeHead(status, {
          ...headers,
          vary: "accept-encoding",
          "content-length": String(out.length),
        })
        .end(req.method === "HEAD" ? undefined : out);
    };
    if (isPage) {
      const html = dashboardPage({
        assets: `${ASSETS}${hash}/`,
        js: assets.js,
        css: assets.css,
        config,
      });
      send(
        200,
        {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
          "content-security-policy": DASHBOARD_CSP,
          "x-content-type-options": "nosniff",
          "referrer-policy": "no-referrer",
        },
        Buffer.from(html),
        `page:${hash}`,
      );
      return true;
    }
    const [h, file, ...rest] = path.slice(ASSETS.length).split("/");
    if (h !== hash || rest.length > 0 || !file || !assets.files.includes(file)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
      return true;
    }
    send(
      200,
      {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        // The hash in the path changes whenever the bundle does.
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      },
      readFileSync(join(assets.dir, file)),
      file,
    );
    return true;
  };
}
