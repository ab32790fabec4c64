import { authorize, can, listScope } from "../auth/policy";
import { RelatedRecordChanged } from "../data/store";
import { MAX_AGENCIES_PER_CASE } from "../domain/cases";
import { ForbiddenError, NotFoundError, ValidationError } from "../domain/errors";
import {
  type Category,
  type Clock,
  type ClockName,
  type ClockRecord,
  type ContentInput,
  checkComplete,
  checkDraft,
  clocks,
  concernedAgencies,
  contentOf,
  type DeadlineFilter,
  deadlineRange,
  EMPTY_CONTENT,
  type IncidentNotification,
  listedAgencies,
  mergeContent,
  type NotificationContent,
  type NotificationStatus,
  namedAgencies,
  recordClock,
} from "../domain/notifications";
import { type Page, pageSize } from "../domain/pagination";
import { openDecision, type ReviewDecision } from "../domain/review-decisions";
import type { Review } from "../domain/reviews";
import { UnavailableError } from "../shared/faults";
import { requireAgencies } from "./agencies";
import type { AuthedContext, ServiceContext } from "./context";
import {
  authed,
  idempotencyClaim,
  newId,
  pageOfIds,
  recording,
  requireAll,
  setOf,
  today,
} from "./shared";

export type NotificationInput = ContentInput & { readonly notifyingAgencyId?: string | null };

export interface NotificationFilter {
  readonly status?: NotificationStatus | null;
  readonly category?: Category | null;
  readonly agencyId?: string | null;
  readonly deadline?: DeadlineFilter | null;
}

/** The cases a notification covers, as they stand (one batched read per request tick). */
async function casesOf(c: AuthedContext, n: Pick<IncidentNotification, "caseIds">) {
  const found = await c.loaders.cases.loadMany(n.caseIds);
  return found.flatMap((k) => {
    if (k instanceof Error) throw k;
    return k ? [k] : [];
  });
}

/**
 * Runs a write whose agency lists are computed from cases, again with the cases read afresh
 * whenever one changed before the write landed (§18: the lists must match the cases as stored).
 */
async function withCasesAsStored<T>(
  c: AuthedContext,
  caseIds: readonly string[],
  write: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!(err instanceof RelatedRecordChanged)) throw err;
      if (attempt >= 8)
        throw new UnavailableError("The cases it covers are busy with other changes; retry", {
          cause: err,
        });
      for (const id of caseIds) c.loaders.cases.clear(id);
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(attempt, 5)));
    }
  }
}

/** §18: the agencies legitimately concerned with a notification now. */
export async function concernedOf(ctx: ServiceContext, n: IncidentNotification): Promise<string[]> {
  return concernedAgencies(n, await casesOf(authed(ctx), n));
}

/**
 * Whether the principal may act as a legitimately concerned party of a notification (§18): the
 * agencies it names are checked first, and the agencies of its cases only when needed.
 */
export async function concerned(
  ctx: ServiceContext,
  action: "notification:read" | "decision:read" | "decision:giveAgencyView",
  n: IncidentNotification,
): Promise<boolean> {
  const c = authed(ctx);
  if (can(c.principal, action, { agencyIds: namedAgencies(n) })) return true;
  return can(c.principal, action, { agencyIds: await concernedOf(c, n) });
}

/** Who may see a notification: a draft only its notifier (and the business unit). */
async function readable(c: AuthedContext, n: IncidentNotification): Promise<boolean> {
  return n.status === "DRAFT"
    ? can(c.principal, "notification:readDraft", { agencyIds: [n.notifyingAgencyId] })
    : concerned(c, "notification:read", n);
}

/** One notification the principal may see, or NOT_FOUND. */
export async function getNotification(
  ctx: ServiceContext,
  id: string,
): Promise<IncidentNotification> {
  const c = authed(ctx);
  const n = await c.loaders.notifications.load(id);
  if (!n || !(await readable(c, n))) throw new NotFoundError("IncidentNotification", id);
  return n;
}

/** The agencies and cases the content names must exist (and the cases be the caller's to link). */
async function checkReferences(c: AuthedContext, content: NotificationContent, field: string) {
  if (content.involvedAgencyIds.length > MAX_AGENCIES_PER_CASE)
    throw new ValidationError(`${field}.involvedAgencyIds`, "Too many agencies");
  await requireAgencies(c, content.involvedAgencyIds, { list: `${field}.involvedAgencyIds` });
  return requireAll(c.loaders.cases, content.caseIds, { list: `${field}.caseIds` }, "case", (k) =>
    can(c.principal, "notification:linkCase", k),
  );
}

/**
 * The notifying agency: the principal's own; the business unit may name any. Asked only once the
 * principal may notify at all, so other roles get FORBIDDEN rather than a question about input.
 */
function notifyingAgency(c: AuthedContext, requested: string | null | undefined): string {
  const notifier = requested ?? c.principal.agencyId;
  authorize(c.principal, "notification:create", { agencyIds: notifier ? [notifier] : [] });
  if (!notifier)
    throw new ValidationError("input.notifyingAgencyId", "Say which agency is notifying");
  return notifier;
}

/**
 * Starts a notification. With `submit` it is checked as complete and submitted at once (the
 * usual path for partner systems); otherwise it is saved as a draft, however incomplete, so that
 * nothing typed is lost.
 */
export async function createNotification(
  ctx: ServiceContext,
  input: NotificationInput,
  options: { submit: boolean; idempotencyKey?: string | null },
): Promise<IncidentNotification> {
  const c = authed(ctx);
  const notifier = notifyingAgency(c, input.notifyingAgencyId);
  const claim = idempotencyClaim(
    c,
    options.submit ? "submitIncidentNotification" : "createNotificationDraft",
    options.idempotencyKey,
    input,
  );
  await requireAgencies(c, [notifier], "input.notifyingAgencyId");
  const content = mergeContent(EMPTY_CONTENT, input);
  const day = today(c);
  let category: Category | null = null;
  if (options.submit) category = checkComplete(content, day);
  else checkDraft(content, day);
  await checkReferences(c, content, "input");
  const now = c.now().toISOString();
  const n: IncidentNotification = {
    ...content,
    id: newId(c),
    partnershipId: c.principal.partnershipId,
    notifyingAgencyId: notifier,
    status: options.submit ? "SUBMITTED" : "DRAFT",
    category,
    submittedAt: options.submit ? now : null,
    createdBy: c.principal.subject,
    nationalPanelNotifiedOn: null,
    rapidReviewCompletedOn: null,
    clockRecordCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const decision = options.submit ? openDecision(n, now) : null;
  const outcome = await withCasesAsStored(c, n.caseIds, async () => {
    const cases = await casesOf(c, n);
    return c.store.notifications.create(n, listedAgencies(n, cases), decision, claim, cases);
  });
  if (outcome.created) {
    c.loaders.notifications.prime(n.id, n);
    return n;
  }
  return getNotification(c, outcome.id);
}

async function editableDraft(c: AuthedContext, id: string): Promise<IncidentNotification> {
  const n = await getNotification(c, id);
  authorize(c.principal, "notification:editDraft", { agencyIds: [n.notifyingAgencyId] });
  return n;
}

/**
 * Saves a notification read at `expectedVersion` with `changes` (moving it between agencies'
 * lists as its status or cases require), with its decision record if given, and the review a
 * decision commissions (§18–21) in the same transaction.
 */
export async function saveNotification(
  c: AuthedContext,
  previous: IncidentNotification,
  expectedVersion: number,
  changes: Partial<IncidentNotification>,
  decision?: { readonly record: ReviewDecision; readonly expectedVersion: number | null },
  review?: Review,
): Promise<IncidentNotification> {
  const next: IncidentNotification = {
    ...previous,
    ...changes,
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await withCasesAsStored(c, [...previous.caseIds, ...next.caseIds], async () => {
    const [before, after] = await Promise.all([casesOf(c, previous), casesOf(c, next)]);
    await c.store.notifications.save(
      previous,
      next,
      expectedVersion,
      { before: listedAgencies(previous, before), after: listedAgencies(next, after) },
      [...new Map([...before, ...after].map((k) => [k.id, k])).values()],
      decision,
      review,
    );
  });
  c.loaders.notifications.clear(previous.id);
  return next;
}

/** Saves more of a draft: absent fields keep their value, null clears one. */
export async function updateNotificationDraft(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: NotificationInput,
): Promise<IncidentNotification> {
  const c = authed(ctx);
  const n = await editableDraft(c, id);
  if (n.status !== "DRAFT")
    throw new ValidationError(
      "input.id",
      "This notification has been submitted; it is no longer a draft",
    );
  const content = mergeContent(contentOf(n), input);
  checkDraft(content, today(c));
  await checkReferences(c, content, "input");
  return saveNotification(c, n, expectedVersion, content);
}

/**
 * Submits a draft: it must now be complete (§17). Submitting twice is harmless: a retry of a
 * submission that went through returns the submitted notification.
 */
export async function submitNotification(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
): Promise<IncidentNotification> {
  const c = authed(ctx);
  const n = await editableDraft(c, id);
  if (n.status !== "DRAFT") return n;
  const content = contentOf(n);
  let category: Category;
  try {
    category = checkComplete(content, today(c));
    await checkReferences(c, content, "input");
  } catch (err) {
    throw incompleteDraft(err);
  }
  const now = c.now().toISOString();
  const submitted = { status: "SUBMITTED", category, submittedAt: now } as const;
  return saveNotification(c, n, expectedVersion, submitted, {
    record: openDecision({ ...n, ...submitted }, now),
    expectedVersion: null,
  });
}

/**
 * What is missing from a draft is not in submitNotification's input (only its id is): the
 * error names the draft (`input.id`) and says which of its fields to complete.
 */
function incompleteDraft(err: unknown): unknown {
  if (!(err instanceof ValidationError)) return err;
  const draftField = err.field.replace(/^input\.?/, "") || "draft";
  return new ValidationError(
    "input.id",
    `The draft cannot be submitted yet (${draftField}): ${err.message}`,
  );
}

/**
 * Records when a clock was met (national panel notified; rapid review completed). A clock that
 * already has a date is corrected: with a reason, the earlier date kept in its history.
 */
export async function recordClockMet(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  clock: ClockName,
  on: string,
  reason?: string | null,
): Promise<IncidentNotification> {
  const c = authed(ctx);
  const n = await getNotification(c, id);
  authorize(c.principal, "notification:recordClock");
  const recorded = recordClock(n, clock, on, reason, newId(c), recording(c));
  if (!recorded) return n;
  const next: IncidentNotification = {
    ...n,
    ...recorded.change,
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.notifications.recordClock(next, expectedVersion, recorded.record);
  c.loaders.notifications.clear(id);
  return next;
}

/** Every record of the clocks' dates, corrections included: for the board's core roles. */
export async function clockHistoryOf(
  ctx: ServiceContext,
  n: IncidentNotification,
): Promise<ClockRecord[] | null> {
  const c = authed(ctx);
  if (!viewerCanReadClockHistory(c)) return null;
  return c.loaders.clockRecords.load(n);
}

/** Whether the caller reads the clocks' history (the board's core roles). */
export function viewerCanReadClockHistory(ctx: ServiceContext): boolean {
  return can(authed(ctx).principal, "notification:readClockHistory");
}

/** The notification's clocks as of today. */
export function notificationClocks(ctx: ServiceContext, n: IncidentNotification): Clock[] {
  return clocks(n, today(ctx));
}

/**
 * Notifications the principal may see, filtered by at most one of status, category, agency or
 * deadline state, each served by its own index (docs/data-model.md).
 */
export async function listNotifications(
  ctx: ServiceContext,
  filter: NotificationFilter,
  first?: number | null,
  after?: string | null,
): Promise<Page<IncidentNotification>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const set = setOf(filter);
  if (set.length > 1)
    throw new ValidationError(
      "filter",
      `Filter by one of status, category, agencyId or deadline, not ${set.join(" and ")}`,
    );
  const scope = listScope(c.principal, "notifications", filter.agencyId);
  const pid = c.principal.partnershipId;

  const byAgency = async (agencyId: string, status: NotificationStatus | null) => {
    const ids = await c.store.notifications.listIdsByAgency(pid, agencyId, status, size, after);
    return pageOfIds(ids, c.loaders.notifications, (n) => readable(c, n));
  };

  if (scope.kind === "AGENCY") {
    if (filter.category || filter.deadline)
      throw new ValidationError(
        "filter",
        "Agency users list their agency's notifications, optionally by status",
      );
    return byAgency(scope.agencyId, filter.status ?? null);
  }
  if (filter.status === "DRAFT" && !can(c.principal, "notification:listDrafts"))
    throw new ForbiddenError("Drafts belong to the notifying agency until submitted");
  if (filter.status)
    return c.store.notifications.list(pid, { by: "STATUS", status: filter.status }, size, after);
  if (filter.category)
    return c.store.notifications.list(
      pid,
      { by: "CATEGORY", category: filter.category },
      size,
      after,
    );
  if (scope.agencyId) return byAgency(scope.agencyId, null);
  if (filter.deadline)
    return c.store.notifications.listByDeadline(
      pid,
      deadlineRange(filter.deadline, today(c)),
      size,
      after,
    );
  return c.store.notifications.list(pid, { by: "ALL" }, size, after);
}
