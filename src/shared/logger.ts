import { currentScope } from "./request-scope";

type Level = "debug" | "info" | "warn" | "error";

/**
 * Structured JSON logs, one object a line, with the request id. Callers pass identifiers and
 * counts only: never a child's or family member's details, never GraphQL variables.
 */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (process.env.LOG_LEVEL === "silent") return;
  const scope = currentScope();
  const line = JSON.stringify({
    level,
    msg,
    time: new Date().toISOString(),
    requestId: scope?.requestId,
    ...(scope?.identityWithheld ? withheld(fields) : fields),
  });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

/** The parts of an error safe to log: name, message and stack, never attached data. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error)
    return { errorName: err.name, errorMessage: err.message, stack: err.stack };
  return { errorMessage: String(err) };
}

/** The fields that say who made a request: left out of every line of an anonymous report's request. */
const IDENTITY_FIELDS = ["subject", "agencyId", "roles", "personId", "clientId"];

function withheld(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !IDENTITY_FIELDS.includes(k)));
}
