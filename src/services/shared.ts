import { randomUUID } from "node:crypto";
import type DataLoader from "dataloader";
import { requirePrincipal, requiresIdempotencyKey } from "../auth/policy";
import { englishDate } from "../domain/dates";
import { ConflictError, ValidationError } from "../domain/errors";
import type { IdempotencyClaim } from "../domain/idempotency";
import { BOARD } from "../domain/overdue";
import type { Page } from "../domain/pagination";
import type { Recording } from "../domain/recommendations";
import { UnavailableError } from "../shared/faults";
import type { AuthedContext, ServiceContext } from "./context";

/**
 * Helpers every service shares, each written once: the authenticated context, today's date, the
 * idempotency claim, the retry on a concurrent edit, and the id-page and existence look-ups.
 */

/** Narrows a context to an authenticated one, or fails with UNAUTHENTICATED. */
export function authed(ctx: ServiceContext): AuthedContext {
  requirePrincipal(ctx.principal);
  return ctx as AuthedContext;
}

/** The id of a new record: the context's own (the demo seed's), else a random UUID. */
export const newId = (ctx: ServiceContext): string => ctx.newId?.() ?? randomUUID();

/** Today's date in England (Europe/London), whatever the server's time zone. */
export function today(ctx: ServiceContext): string {
  // One date per request: asked for by every row of a list (RAG, clocks, overdue), and the same
  // answer for all of them even across midnight.
  let day = days.get(ctx);
  if (day === undefined) {
    day = englishDate(ctx.now());
    days.set(ctx, day);
  }
  return day;
}

const days = new WeakMap<ServiceContext, string>();

/** Who records a change and when, for the domain's constructors. */
export function recording(c: AuthedContext): Recording {
  return { by: c.principal.subject, at: c.now().toISOString(), today: today(c) };
}

/** The idempotency scope of a principal: its agency, or the board's own staff. */
export function idempotencyScope(c: AuthedContext): string {
  return c.principal.agencyId ?? BOARD;
}

/**
 * The claim a create makes with its idempotency key (null without one). Partner systems must
 * send a key: they retry, and a retry without one would create the record twice.
 */
export function idempotencyClaim(
  c: AuthedContext,
  operation: string,
  key: string | null | undefined,
  input: unknown,
): IdempotencyClaim | null {
  requireKeyForMachines(c, key);
  if (!key) return null;
  return {
    partnershipId: c.principal.partnershipId,
    scope: idempotencyScope(c),
    operation,
    key,
    input,
    at: c.now(),
  };
}

/** Refuses a partner system's create without an idempotency key. */
export function requireKeyForMachines(c: AuthedContext, key: string | null | undefined): void {
  if (!key && requiresIdempotencyKey(c.principal))
    throw new ValidationError("idempotencyKey", "Partner systems must send an idempotency key");
}

/** Names of the filters set (a value other than null, undefined or false). */
export const setOf = (filter: object): string[] =>
  Object.entries(filter)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k]) => k);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a read-modify-write again when a concurrent writer got there first, after a short random
 * pause that grows. For additions that cannot overwrite anyone and so take no version (a new
 * dissent, evidence, a progress update): each attempt re-reads. A record so busy that every
 * attempt loses is a transient state, not the caller's mistake: SERVICE_UNAVAILABLE, retryable
 * as sent. Only stale versions are retried; other conflicts (a reused key, a closed record) are
 * the caller's to see.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof ConflictError) || err.reason !== "STALE_VERSION") throw err;
      if (i >= attempts)
        throw new UnavailableError("The record is busy with other changes; retry shortly", {
          cause: err,
        });
      await sleep(Math.random() * 10 * 2 ** Math.min(i, 5));
    }
  }
}

/**
 * A page of records from a page of their ids (an index of ids, then one batched load): the ids'
 * order and cursors kept, records that are gone or that `keep` refuses left out.
 */
export async function pageOfIds<T>(
  ids: Page<string>,
  loader: DataLoader<string, T | null>,
  keep: (record: T) => boolean | Promise<boolean> = () => true,
): Promise<Page<T>> {
  const found = await loader.loadMany(ids.edges.map((e) => e.node));
  const kept = await Promise.all(
    found.map((node) => {
      if (node instanceof Error) throw node;
      // An index entry can outlive a moment of inconsistency; skip what is not there.
      return node ? keep(node) : false;
    }),
  );
  const edges = ids.edges.flatMap((e, i) =>
    kept[i] ? [{ cursor: e.cursor, node: found[i] as T }] : [],
  );
  return { ...ids, edges };
}

/**
 * Refuses ids that name no record the caller may use (`usable` decides; by default any that
 * exists), as `BAD_USER_INPUT` on `field`. Load failures are faults and propagate as such.
 */
export async function requireAll<T>(
  loader: DataLoader<string, T | null>,
  ids: readonly string[],
  /** The input field: one id's, or a list's (the index of the unknown id is added). */
  field: string | { readonly list: string },
  what: string,
  usable: (record: T) => boolean = () => true,
): Promise<T[]> {
  const found = await loader.loadMany(ids);
  const out: T[] = [];
  found.forEach((r, i) => {
    if (r instanceof Error) throw r;
    if (!r || !usable(r))
      throw new ValidationError(
        typeof field === "string" ? field : `${field.list}.${i}`,
        `Unknown ${what}: ${ids[i]}`,
      );
    out.push(r);
  });
  return out;
}
