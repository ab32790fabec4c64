import { randomUUID } from "node:crypto";
import { authorize, can, notificationScope } from "../auth/policy";
import { MAX_AGENCIES_PER_CASE } from "../domain/cases";
import { ForbiddenError, NotFoundError, ValidationError } from "../domain/errors";
import {
  agenciesOf,
  type Category,
  type Clock,
  checkComplete,
  checkDraft,
  clocks,
  DUE_SOON_WORKING_DAYS,
  type IncidentNotification,
  type NotificationContent,
  type NotificationStatus,
} from "../domain/notifications";
import { type Page, pageSize } from "../domain/pagination";
import type { ReviewDecision } from "../domain/review-decisions";
import { addWorkingDays, englishDate } from "../domain/working-days";
import type { AuthedContext, ServiceContext } from "./context";
import { authed, idempotencyClaim } from "./guard";

export type NotificationInput = Partial<{
  [K in keyof NotificationContent]: NotificationContent[K] | null;
}> & { notifyingAgencyId?: string | null };

export const DEADLINE_FILTERS = ["DUE", "DUE_SOON", "OVERDUE"] as const;
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];

export interface NotificationFilter {
  readonly status?: NotificationStatus | null;
  readonly category?: Category | null;
  readonly agencyId?: string | null;
  readonly deadline?: DeadlineFilter | null;
}

const today = (c: ServiceContext) => englishDate(c.now());

const EMPTY: NotificationContent = {
  outcome: null,
  deathCircumstance: null,
  abuseOrNeglect: null,
  detainedUnderMentalHealthAct: null,
  criteria: [],
  incidentDate: null,
  awareDate: null,
  involvedAgencyIds: [],
  caseIds: [],
  summary: null,
};

/** Merges typed input into content: an absent field keeps its value, null clears it. */
function merge(base: NotificationContent, input: NotificationInput): NotificationContent {
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(EMPTY) as (keyof NotificationContent)[]) {
    const value = input[key];
    if (value !== undefined) out[key] = value ?? EMPTY[key];
  }
  // Plain data only: inputs arrive as class instances, which are not stored as such.
  const merged = out as unknown as NotificationContent;
  return {
    ...merged,
    criteria: merged.criteria.map((c) => ({ criterion: c.criterion, reason: c.reason })),
    involvedAgencyIds: [...merged.involvedAgencyIds],
    caseIds: [...merged.caseIds],
  };
}

function contentOf(n: IncidentNotification): NotificationContent {
  return Object.fromEntries(
    (Object.keys(EMPTY) as (keyof NotificationContent)[]).map((k) => [k, n[k]]),
  ) as unknown as NotificationContent;
}

/** Who may see a notification: a draft only its notifier (and the business unit). */
function readable(c: AuthedContext, n: IncidentNotification): boolean {
  return n.status === "DRAFT"
    ? can(c.principal, "notification:readDraft", { agencyIds: [n.notifyingAgencyId] })
    : can(c.principal, "notification:read", { agencyIds: agenciesOf(n) });
}

/** One notification the principal may see, or NOT_FOUND. */
export async function getNotification(
  ctx: ServiceContext,
  id: string,
): Promise<IncidentNotification> {
  const c = authed(ctx);
  const n = await c.loaders.notifications.load(id);
  if (!n || !readable(c, n)) throw new NotFoundError("IncidentNotification", id);
  return n;
}

async function checkReferences(c: AuthedContext, content: NotificationContent, field: string) {
  if (content.involvedAgencyIds.length > MAX_AGENCIES_PER_CASE)
    throw new ValidationError(`${field}.involvedAgencyIds`, "Too many agencies");
  const agencies = await c.loaders.agencies.loadMany(content.involvedAgencyIds);
  const missingAgency = content.involvedAgencyIds.find(
    (_, i) => !agencies[i] || agencies[i] instanceof Error,
  );
  if (missingAgency)
    throw new ValidationError(`${field}.involvedAgencyIds`, `Unknown agency: ${missingAgency}`);
  const cases = await c.loaders.cases.loadMany(content.caseIds);
  const missingCase = content.caseIds.find((_, i) => !cases[i] || cases[i] instanceof Error);
  if (missingCase) throw new ValidationError(`${field}.caseIds`, `Unknown case: ${missingCase}`);
}

/**
 * The notifying agency: the principal's own; the business unit may name any. Asked only once the
 * principal may notify at all, so other roles get FORBIDDEN rather than a question about input.
 */
function notifyingAgency(c: AuthedContext, requested: string | null | undefined): string {
  const notifier = c.principal.roles.includes("BUSINESS_UNIT")
    ? (requested ?? c.principal.agencyId)
    : c.principal.agencyId;
  authorize(c.principal, "notification:create", { agencyIds: notifier ? [notifier] : [] });
  if (requested && notifier !== requested)
    throw new ForbiddenError("You can notify only for your own agency");
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
  if (c.principal.isMachine && !options.idempotencyKey)
    throw new ValidationError("idempotencyKey", "Partner systems must send an idempotency key");
  const [notifierAgency] = await c.loaders.agencies.loadMany([notifier]);
  if (!notifierAgency || notifierAgency instanceof Error)
    throw new ValidationError("input.notifyingAgencyId", `Unknown agency: ${notifier}`);
  const content = merge(EMPTY, input);
  const day = today(c);
  let category: Category | null = null;
  if (options.submit) category = checkComplete(content, day);
  else checkDraft(content, day);
  await checkReferences(c, content, "input");
  const now = c.now().toISOString();
  const n: IncidentNotification = {
    ...content,
    id: randomUUID(),
    partnershipId: c.principal.partnershipId,
    notifyingAgencyId: notifier,
    status: options.submit ? "SUBMITTED" : "DRAFT",
    category,
    submittedAt: options.submit ? now : null,
    createdBy: c.principal.subject,
    nationalPanelNotifiedOn: null,
    rapidReviewCompletedOn: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const items = c.store.notifications.createItems(n);
  if (options.submit) items.push(...decisionItemsFor(c, n));
  const claim = idempotencyClaim(
    c,
    options.submit ? "submitIncidentNotification" : "createNotificationDraft",
    options.idempotencyKey,
    input,
  );
  const outcome = await c.store.createOnce(claim, n.id, items, c.now());
  if (outcome.created) {
    c.loaders.notifications.prime(n.id, n);
    return n;
  }
  return getNotification(c, outcome.id);
}

function newDecision(n: IncidentNotification, now: string): ReviewDecision {
  return {
    notificationId: n.id,
    partnershipId: n.partnershipId,
    category: n.category as Category,
    subgroupRecommendation: null,
    agencyViews: {},
    dissents: {},
    decision: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

function decisionItemsFor(c: AuthedContext, n: IncidentNotification) {
  return c.store.notifications.decisionCreateItems(newDecision(n, n.updatedAt));
}

async function editableDraft(c: AuthedContext, id: string): Promise<IncidentNotification> {
  const n = await getNotification(c, id);
  authorize(c.principal, "notification:editDraft", { agencyIds: [n.notifyingAgencyId] });
  return n;
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
  const content = merge(contentOf(n), input);
  checkDraft(content, today(c));
  await checkReferences(c, content, "input");
  const next: IncidentNotification = {
    ...n,
    ...content,
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.notifications.save({ ...n, version: expectedVersion }, next);
  c.loaders.notifications.clear(id);
  return next;
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
  const category = checkComplete(content, today(c));
  await checkReferences(c, content, "input");
  const now = c.now().toISOString();
  const next: IncidentNotification = {
    ...n,
    status: "SUBMITTED",
    category,
    submittedAt: now,
    version: expectedVersion + 1,
    updatedAt: now,
  };
  await c.store.notifications.save({ ...n, version: expectedVersion }, next, {
    record: newDecision(next, now),
    expectedVersion: null,
  });
  c.loaders.notifications.clear(id);
  return next;
}

/** Records when a clock was met (national panel notified; rapid review completed). */
export async function recordClockMet(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  clock: Clock["name"],
  on: string,
): Promise<IncidentNotification> {
  const c = authed(ctx);
  const n = await getNotification(c, id);
  authorize(c.principal, "notification:recordClock");
  if (n.status === "DRAFT")
    throw new ValidationError("input.id", "A draft has no clocks running until it is submitted");
  if (on > today(c)) throw new ValidationError("input.on", "The date is in the future");
  if (n.awareDate && on < n.awareDate)
    throw new ValidationError("input.on", "The date is before the agency became aware");
  const field =
    clock === "NATIONAL_PANEL_NOTIFICATION" ? "nationalPanelNotifiedOn" : "rapidReviewCompletedOn";
  const next: IncidentNotification = {
    ...n,
    [field]: on,
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.notifications.save({ ...n, version: expectedVersion }, next);
  c.loaders.notifications.clear(id);
  return next;
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
  const set = (Object.keys(filter) as (keyof NotificationFilter)[]).filter(
    (k) => filter[k] != null,
  );
  if (set.length > 1)
    throw new ValidationError(
      "filter",
      `Filter by one of status, category, agencyId or deadline, not ${set.join(" and ")}`,
    );
  const scope = notificationScope(c.principal);
  const pid = c.principal.partnershipId;
  if (scope.kind === "NONE")
    throw new ForbiddenError("Your role does not give access to notifications");

  const byAgency = async (agencyId: string, status: NotificationStatus | null) => {
    const ids = await c.store.notifications.listIdsByAgency(pid, agencyId, status, size, after);
    const found = await c.loaders.notifications.loadMany(ids.edges.map((e) => e.node));
    const edges = ids.edges.flatMap((e, i) => {
      const node = found[i];
      return node && !(node instanceof Error) && readable(c, node)
        ? [{ cursor: e.cursor, node }]
        : [];
    });
    return { ...ids, edges };
  };

  if (scope.kind === "AGENCY") {
    if (filter.agencyId && filter.agencyId !== scope.agencyId)
      throw new ForbiddenError("You can list only your own agency's notifications");
    if (filter.category || filter.deadline)
      throw new ValidationError(
        "filter",
        "Agency users list their agency's notifications, optionally by status",
      );
    return byAgency(scope.agencyId, filter.status ?? null);
  }
  if (filter.status === "DRAFT" && !c.principal.roles.includes("BUSINESS_UNIT"))
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
  if (filter.agencyId) return byAgency(filter.agencyId, null);
  if (filter.deadline) {
    const day = today(c);
    // dueSk = <date>#<id>: '~' sorts after every id, so a bound on a date covers all its ids.
    const sort =
      filter.deadline === "OVERDUE"
        ? { lt: day }
        : filter.deadline === "DUE_SOON"
          ? { between: [day, `${addWorkingDays(day, DUE_SOON_WORKING_DAYS)}#~`] as const }
          : { gte: day };
    return c.store.notifications.list(pid, { by: "DUE", sort }, size, after);
  }
  return c.store.notifications.list(pid, { by: "ALL" }, size, after);
}
