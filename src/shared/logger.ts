import { currentScope } from "./request-scope";

type Level = "debug" | "info" | "warn" | "error";

/**
 * Structured JSON logs, one object a line, with the request id. Callers pass identifiers and
 * counts only: never a child's or family member's details, never GraphQL variables.
 */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (process.env.LOG_LEVEL === "silent") return;
  const line = JSON.stringify({
    level,
    msg,
    time: new Date().toISOString(),
    requestId: currentScope()?.requestId,
    ...fields,
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
