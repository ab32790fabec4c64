import type { IncomingMessage } from "node:http";

/**
 * CORS as API Gateway's HTTP API applies it with the `cors` settings of serverless.yml: a
 * preflight is answered 204 by the gateway itself (with the allow headers only for an allowed
 * origin), and every response to an allowed origin carries `access-control-allow-origin`.
 */
export interface CorsConfig {
  readonly allowedOrigins: readonly string[];
  readonly allowedHeaders: readonly string[];
  readonly allowedMethods: readonly string[];
  readonly maxAge: number;
}

/** The same headers, methods and max age as serverless.yml's `httpApi.cors`. */
export const CORS_HEADERS = [
  "Content-Type",
  "Authorization",
  "Apollo-Require-Preflight",
  "X-Apollo-Operation-Name",
];
export const CORS_METHODS = ["GET", "POST", "OPTIONS"];
export const CORS_MAX_AGE = 600;

/** Local portal origins: `CORS_ORIGINS` (comma-separated), by default a dev server on 5173. */
export function corsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CorsConfig {
  const origins = (env.CORS_ORIGINS ?? "http://localhost:5173")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    allowedOrigins: origins,
    allowedHeaders: CORS_HEADERS,
    allowedMethods: CORS_METHODS,
    maxAge: CORS_MAX_AGE,
  };
}

const allowed = (config: CorsConfig, origin: string | undefined) =>
  origin !== undefined && config.allowedOrigins.includes(origin);

/** Whether the request is a CORS preflight (the gateway answers it without the function). */
export const isPreflight = (req: IncomingMessage) =>
  req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;

/** The headers of the gateway's answer to a preflight. */
export function preflightHeaders(config: CorsConfig, req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  const method = String(req.headers["access-control-request-method"] ?? "").toUpperCase();
  if (!allowed(config, origin) || !config.allowedMethods.includes(method)) return {};
  return {
    "access-control-allow-origin": origin as string,
    "access-control-allow-methods": config.allowedMethods.join(","),
    "access-control-allow-headers": config.allowedHeaders.join(",").toLowerCase(),
    "access-control-max-age": String(config.maxAge),
    vary: "origin",
  };
}

/** The headers added to an ordinary response. */
export function responseHeaders(config: CorsConfig, req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return allowed(config, origin)
    ? { "access-control-allow-origin": origin as string, vary: "origin" }
    : {};
}
