import { parseArgs } from "node:util";
import { ClientError, GraphQLClient } from "graphql-request";
import {
  AgencyCasesDocument,
  type AgencyCasesQuery,
  NotificationDecisionDocument,
  type NotificationDecisionQuery,
  type NotificationInput,
  SubmitIncidentNotificationDocument,
  type SubmitIncidentNotificationMutation,
} from "./generated/graphql";

/**
 * A partner system (an agency's case-management system) talking to the Safeguarding Learning &
 * Improvement API: it submits a §17 notification with an idempotency key, retries only what the
 * API documents as retryable (docs/errors.md), and polls the notification until the Independent
 * Chair has decided. It knows the API only through the committed SDL (schema/schema.graphql) and
 * the operations in ../operations, from which src/generated/ is generated.
 */

export type Fetch = typeof fetch;

/** What the program takes from the world; tests inject each of them. */
export interface Runtime {
  readonly fetch: Fetch;
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** In [0, 1): the jitter of the backoff. */
  readonly random: () => number;
  /** One structured event (a retry, a poll). */
  readonly log: (event: string, fields: Record<string, unknown>) => void;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The first pause; each next one doubles (docs/errors.md: 1 s, 2 s, 4 s ...). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** One attempt's budget: a request that has not answered by then is abandoned and retried. */
  readonly attemptTimeoutMs: number;
  /** The whole operation's budget, pauses included: no retry starts that would end after it. */
  readonly deadlineMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  // API Gateway gives up on a request after 30 s.
  attemptTimeoutMs: 30_000,
  deadlineMs: 5 * 60_000,
};

export const defaultRuntime: Runtime = {
  fetch: (input, init) => fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  random: () => Math.random(),
  log: (event, fields) => process.stderr.write(`${JSON.stringify({ event, ...fields })}\n`),
};

export interface Connection {
  /** The API's GraphQL URL, e.g. http://localhost:4000/system/graphql. */
  readonly url: string;
  /** A PARTNER_SYSTEM client-credentials token (one agency). */
  readonly token: string;
  readonly retry?: Partial<RetryPolicy>;
  readonly runtime?: Partial<Runtime>;
}

/** A failure the program gives up on, with what the API said. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    message: string,
    /**
     * `extensions.code` of the first error; NETWORK_ERROR when no answer came (connection
     * failed, timed out or was cut); HTTP_<status> for an answer that is not GraphQL (a gateway's).
     */
    readonly code: string,
    readonly retryable: boolean,
    /** How many requests were sent (0 if none could start). */
    readonly attempts: number,
    readonly details: {
      readonly httpStatus?: number;
      /** BAD_USER_INPUT: the input path at fault (`input.awareDate`). */
      readonly field?: string;
      /** CONFLICT: STALE_VERSION, IDEMPOTENCY_KEY_REUSED or STATE. */
      readonly reason?: string;
      /** Quote it when reporting an INTERNAL_SERVER_ERROR or SERVICE_UNAVAILABLE. */
      readonly requestId?: string;
    } = {},
  ) {
    super(message);
  }
}

/** No answer: the connection failed, was cut, or the attempt timed out. */
class NetworkError extends Error {
  override readonly name = "NetworkError";
}

interface Failure {
  readonly code: string;
  readonly retryable: boolean;
  readonly message: string;
  readonly retryAfterMs?: number;
  readonly httpStatus?: number;
  readonly field?: string;
  readonly reason?: string;
  readonly requestId?: string;
}

/**
 * Retryable, as docs/errors.md says: SERVICE_UNAVAILABLE only (503 with Retry-After; a create
 * sent again with the same idempotency key creates nothing twice). Every other code is final:
 * BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, UNAUTHENTICATED, CONFLICT (STALE_VERSION needs a re-read,
 * not a resend; IDEMPOTENCY_KEY_REUSED is a bug of ours), INTERNAL_SERVER_ERROR ("will usually
 * fail the same way") and the request errors. PERSISTED_QUERY_NOT_FOUND does not arise: this
 * program always sends the full query.
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set(["SERVICE_UNAVAILABLE"]);

/**
 * Answers that are not GraphQL at all come from what stands in front of the API (a gateway, a
 * load balancer, a proxy): bad gateway, unavailable, gateway timeout, throttled. They never
 * reached a resolver, or their outcome is unknown, so they are retried like a lost connection.
 */
const RETRYABLE_HTTP_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Retry-After: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function classify(err: unknown, now: number): Failure {
  if (err instanceof NetworkError)
    return { code: "NETWORK_ERROR", retryable: true, message: err.message };
  if (err instanceof ClientError) {
    const { status, headers } = err.response;
    const first = err.response.errors?.[0];
    const ext = (first?.extensions ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" ? v : undefined);
    const code = text(ext.code);
    const after = retryAfterMs(headers.get("retry-after"), now);
    if (code)
      return {
        code,
        retryable: RETRYABLE_CODES.has(code),
        message: first?.message ?? code,
        httpStatus: status,
        retryAfterMs: after,
        field: text(ext.field),
        reason: text(ext.reason),
        requestId: text(ext.requestId),
      };
    return {
      code: `HTTP_${status}`,
      retryable: RETRYABLE_HTTP_STATUSES.has(status),
      message: `HTTP ${status} without a GraphQL error`,
      httpStatus: status,
      retryAfterMs: after,
    };
  }
  // A 2xx answer that is not GraphQL, or a bug here: nothing says a resend would do better.
  return {
    code: "UNEXPECTED_RESPONSE",
    retryable: false,
    message: err instanceof Error ? err.message : String(err),
  };
}

/** Exponential backoff with "equal jitter", never shorter than the server's Retry-After. */
export function backoffMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfter?: number,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(exp / 2 + (random() * exp) / 2);
  return Math.max(jittered, retryAfter ?? 0);
}

/**
 * The fetch graphql-request uses for one attempt: the attempt's timeout, and the whole body read
 * here, so that a connection that fails at any point before a complete answer (refused, reset,
 * cut mid-body, timed out) is one kind of failure: no answer, outcome unknown.
 */
function attemptFetch(rt: Runtime, timeoutMs: number): Fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      const res = await rt.fetch(input, { ...init, signal });
      const body = await res.text();
      return new Response(body, {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    } catch (err) {
      throw new NetworkError(`no answer from the API (${describe(err)})`);
    }
  };
}

/** "TypeError: fetch failed (ECONNREFUSED)": undici puts the reason in `cause`. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const why = typeof cause?.code === "string" ? cause.code : cause?.message;
  return `${err.name}: ${err.message}${typeof why === "string" ? ` (${why})` : ""}`;
}

/** Runs `send` until it succeeds, fails for good, or the policy's attempts or time run out. */
async function withRetry<T>(
  operation: string,
  policy: RetryPolicy,
  rt: Runtime,
  send: (attempt: number) => Promise<T>,
): Promise<{ value: T; attempts: number }> {
  const started = rt.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await send(attempt), attempts: attempt };
    } catch (err) {
      const f = classify(err, rt.now());
      const fail = (why: string) =>
        new ApiError(`${operation}: ${f.message}${why}`, f.code, f.retryable, attempt, {
          httpStatus: f.httpStatus,
          field: f.field,
          reason: f.reason,
          requestId: f.requestId,
        });
      if (!f.retryable) throw fail("");
      if (attempt >= policy.maxAttempts) throw fail(` (gave up after ${attempt} attempts)`);
      const delayMs = backoffMs(attempt, policy, rt.random, f.retryAfterMs);
      if (rt.now() + delayMs - started > policy.deadlineMs)
        throw fail(` (gave up after ${attempt} attempts: the next would end after the deadline)`);
      rt.log("retry", { operation, attempt, code: f.code, delayMs, requestId: f.requestId });
      await rt.sleep(delayMs);
    }
  }
}

function setup(conn: Connection) {
  const rt: Runtime = { ...defaultRuntime, ...conn.runtime };
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...conn.retry };
  const client = new GraphQLClient(conn.url, {
    fetch: attemptFetch(rt, policy.attemptTimeoutMs),
    headers: { authorization: `Bearer ${conn.token}` },
  });
  return { rt, policy, client };
}

export type SubmittedNotification =
  SubmitIncidentNotificationMutation["submitIncidentNotification"];

/**
 * §17: submits a complete notification in one step. `idempotencyKey` (8-128 characters of
 * [A-Za-z0-9_.:-]) names this intended notification: derive it from your own record (and keep
 * it) so that every attempt, and a resend after a restart, carries the same one. The API then
 * returns the notification the first attempt created, however many attempts reach it.
 */
export async function submitNotification(
  conn: Connection,
  args: { readonly input: NotificationInput; readonly idempotencyKey: string },
): Promise<{ notification: SubmittedNotification; attempts: number }> {
  const { rt, policy, client } = setup(conn);
  // Every field selected is non-null, so an answer is either the whole notification or an
  // error with data null: a created notification is never reported as a failure.
  const { value, attempts } = await withRetry("submitIncidentNotification", policy, rt, () =>
    client.request(SubmitIncidentNotificationDocument, {
      input: args.input,
      idempotencyKey: args.idempotencyKey,
    }),
  );
  return { notification: value.submitIncidentNotification, attempts };
}

export type PolledNotification = NonNullable<NotificationDecisionQuery["notification"]>;

export interface PollResult {
  /** Whether the Chair has decided (status DECIDED). */
  readonly decided: boolean;
  readonly polls: number;
  readonly notification: PolledNotification;
}

/**
 * Reads the notification every `intervalMs` until its status is DECIDED, or until `timeoutMs`
 * has passed (then `decided` is false). A partner system is not a legitimately concerned party
 * (§18): it learns that the Chair has decided, and `reviewDecision` stays null for it
 * (`viewerCanReadDecision` false). Transient failures of a poll are retried as any request; a
 * notification that does not exist or is not this agency's is NOT_FOUND (the API answers null).
 */
export async function pollUntilDecided(
  conn: Connection,
  args: { readonly id: string; readonly intervalMs?: number; readonly timeoutMs?: number },
): Promise<PollResult> {
  const { rt, policy, client } = setup(conn);
  const intervalMs = args.intervalMs ?? 30_000;
  const timeoutMs = args.timeoutMs ?? 10 * 60_000;
  const started = rt.now();
  for (let polls = 1; ; polls++) {
    const { value } = await withRetry("notification", policy, rt, () =>
      client.request(NotificationDecisionDocument, { id: args.id }),
    );
    const n = value.notification;
    if (!n)
      throw new ApiError(
        `notification ${args.id}: none that this agency may see`,
        "NOT_FOUND",
        false,
        1,
      );
    if (n.status === "DECIDED") return { decided: true, polls, notification: n };
    // A draft is decided only after someone submits it: waiting would not change it.
    if (n.status === "DRAFT" || rt.now() + intervalMs - started > timeoutMs)
      return { decided: false, polls, notification: n };
    rt.log("poll", { id: n.id, status: n.status, polls, nextInMs: intervalMs });
    await rt.sleep(intervalMs);
  }
}

export type AgencyCase = AgencyCasesQuery["cases"]["edges"][number]["node"];

/** The first open case this agency is involved in (a notification may link only such a case). */
export async function firstOpenCase(conn: Connection): Promise<AgencyCase | null> {
  const { rt, policy, client } = setup(conn);
  let after: string | null = null;
  for (;;) {
    const { value } = await withRetry("cases", policy, rt, () =>
      client.request(AgencyCasesDocument, { first: 100, after }),
    );
    const open = value.cases.edges.find((e) => e.node.status === "OPEN");
    if (open) return open.node;
    if (!value.cases.pageInfo.hasNextPage) return null;
    after = value.cases.pageInfo.endCursor;
  }
}

/** The example's notification: category IV, as in the API's README. No names in the summary. */
export function exampleInput(caseId: string, summary: string): NotificationInput {
  return {
    outcome: "SERIOUS_HARM",
    abuseOrNeglect: "SUSPECTED",
    criteria: [
      { criterion: "POTENTIALLY_LIFE_THREATENING_INJURY", reason: "Non-accidental head injury" },
    ],
    incidentDate: "2026-11-20",
    awareDate: "2026-11-23",
    caseIds: [caseId],
    summary,
  };
}

const USAGE = `Usage: npm run --silent example:partner -- --key <idempotency key> [options]

  --url <url>          the API (GRAPHQL_URL; default http://localhost:4000/system/graphql)
  --token <jwt>        a PARTNER_SYSTEM token (PARTNER_TOKEN)
  --key <key>          the idempotency key: 8-128 characters of [A-Za-z0-9_.:-], one per
                       notification, the same on every resend (IDEMPOTENCY_KEY)
  --case <id>          the child's case (CASE_ID; default: the agency's first open case)
  --summary <text>     the non-identifying summary
  --poll-every <s>     seconds between polls for the Chair's decision (default 5)
  --poll-for <s>       how long to poll (default 60; 0: submit only)
`;

/**
 * The command line: submits the example notification, then polls for the decision. Prints one
 * JSON document on stdout; retries and polls go to stderr. Returns the exit code: 0 submitted
 * (decided or not), 1 failed, 2 usage.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void = (t) => process.stdout.write(t),
  runtime: Partial<Runtime> = {},
): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        url: { type: "string" },
        token: { type: "string" },
        key: { type: "string" },
        case: { type: "string" },
        summary: { type: "string" },
        "poll-every": { type: "string" },
        "poll-for": { type: "string" },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const url = values.url ?? env.GRAPHQL_URL ?? "http://localhost:4000/system/graphql";
  const token = values.token ?? env.PARTNER_TOKEN;
  const key = values.key ?? env.IDEMPOTENCY_KEY;
  const pollEvery = Number(values["poll-every"] ?? 5);
  const pollFor = Number(values["poll-for"] ?? 60);
  if (!token || !key || !(pollEvery > 0) || !(pollFor >= 0)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const conn: Connection = { url, token, runtime };
  try {
    const caseId = values.case ?? env.CASE_ID ?? (await firstOpenCase(conn))?.id;
    if (!caseId) {
      process.stderr.write("This agency is involved in no open case: pass --case <id>\n");
      return 1;
    }
    const summary = values.summary ?? "Submitted by the partner-system example; no names here";
    const submitted = await submitNotification(conn, {
      input: exampleInput(caseId, summary),
      idempotencyKey: key,
    });
    const poll =
      pollFor > 0
        ? await pollUntilDecided(conn, {
            id: submitted.notification.id,
            intervalMs: pollEvery * 1000,
            timeoutMs: pollFor * 1000,
          })
        : null;
    out(`${JSON.stringify({ submitted, poll }, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    out(
      `${JSON.stringify(
        { error: { code: err.code, message: err.message, attempts: err.attempts, ...err.details } },
        null,
        2,
      )}\n`,
    );
    return 1;
  }
}
