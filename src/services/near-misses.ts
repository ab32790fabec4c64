import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { authorize, can } from "../auth/policy";
import { NotFoundError, ValidationError } from "../domain/errors";
import {
  decideEscalation,
  type Escalation,
  type EscalationDecisionInput,
  type EscalationInput,
  type EscalationStatus,
  escalate,
  MAX_COUNT_MONTHS,
  type NearMissReport,
  newReflection,
  newReport,
  type Reflection,
  type ReflectionInput,
  type ReportCount,
  type ReportInput,
  type ResponseInput,
  receiptReportId,
  respond,
} from "../domain/near-misses";
import { type Page, pageSize } from "../domain/pagination";
import { withholdIdentity } from "../shared/request-scope";
import { requireAgencies } from "./agencies";
import { requirePriority } from "./audits";
import type { ServiceContext } from "./context";
import { authed, idempotencyClaim, pageOfIds, recording, today } from "./shared";

/**
 * Near-miss, concern and good-practice reports (§7, §15, §2), escalations to the board (§24 I)
 * and reflective practice (§9–10).
 */

/**
 * §7: the receipt a reporter follows their report by: `<reportId>.<secret>`. Only the secret's
 * hash is kept, so the receipt names no one and cannot be rebuilt from what is stored.
 */
export function newReceipt(reportId: string): { receipt: string; hash: string } {
  const secret = randomBytes(24).toString("base64url");
  return { receipt: `${reportId}.${secret}`, hash: hashSecret(secret) };
}

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Whether a receipt is the one given for this report (compared in constant time). */
export function receiptMatches(r: NearMissReport, receipt: string): boolean {
  const a = Buffer.from(hashSecret(receipt.slice(receipt.indexOf(".") + 1)), "hex");
  const b = Buffer.from(r.receiptHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a reporter is given: the report's status view and the receipt to follow it by. */
export interface ReportReceipt {
  readonly report: NearMissReport;
  /** Shown once: only its hash is kept. Null on a retried create (the first answer had it). */
  readonly receipt: string | null;
}

/**
 * §7: any member of an agency's staff (or its partner system) reports a near miss, a concerning
 * incident or good practice, for their own agency, by name or anonymously. Anonymous: no
 * reporter is stored, the idempotency claim carries only the agency, and this request's log
 * lines say nothing of who sent it.
 */
export async function reportNearMiss(
  ctx: ServiceContext,
  input: ReportInput,
  key?: string | null,
): Promise<ReportReceipt> {
  const c = authed(ctx);
  if (input.anonymous) withholdIdentity();
  const agencyId = c.principal.agencyId;
  authorize(c.principal, "nearMiss:report", { agencyIds: agencyId ? [agencyId] : [] });
  const claim = idempotencyClaim(c, "reportNearMiss", key, input);
  const id = randomUUID();
  const { receipt, hash } = newReceipt(id);
  const report = newReport(
    input,
    id,
    c.principal.partnershipId,
    agencyId as string,
    c.principal.subject,
    hash,
    recording(c),
  );
  const outcome = await c.store.nearMisses.create(report, claim);
  if (outcome.created) return { report, receipt };
  const first = await c.loaders.nearMisses.load(outcome.id);
  if (!first) throw new NotFoundError("Report", outcome.id);
  return { report: first, receipt: null };
}

/** A report its agency's lead may read; anyone else is told it does not exist. */
export async function getNearMissReport(ctx: ServiceContext, id: string): Promise<NearMissReport> {
  const c = authed(ctx);
  const r = await c.loaders.nearMisses.load(id);
  if (!r || !can(c.principal, "nearMiss:read", { agencyIds: [r.agencyId] }))
    throw new NotFoundError("Report", id);
  return r;
}

/**
 * §7: the reporter follows their report: a named reporter by its id, anyone by its receipt.
 * Anyone else's report, like one that does not exist, is not found.
 */
export async function reportStatus(
  ctx: ServiceContext,
  ref: { id?: string | null; receipt?: string | null },
): Promise<NearMissReport> {
  const c = authed(ctx);
  if (!ref.id && !ref.receipt) throw new ValidationError("receipt", "Give the receipt or the id");
  if (ref.receipt && ref.receipt.length > 200)
    throw new ValidationError("receipt", "Not a receipt");
  const id = ref.receipt ? receiptReportId(ref.receipt) : ref.id;
  if (ref.receipt && ref.id && id !== ref.id)
    throw new ValidationError("receipt", "The receipt is of another report");
  const r = id ? await c.loaders.nearMisses.load(id) : null;
  const holdsReceipt = Boolean(r && ref.receipt && receiptMatches(r, ref.receipt));
  if (
    !r ||
    !can(c.principal, "nearMiss:readStatus", {
      subject: r.reporterId ?? undefined,
      holdsReceipt,
    })
  )
    throw new NotFoundError("Report", ref.id ?? "with this receipt");
  return r;
}

/** §7: the named reporter, for their own agency's safeguarding lead only (null otherwise). */
export function reporterOf(ctx: ServiceContext, r: NearMissReport): string | null {
  const c = authed(ctx);
  if (!r.reporterId || !can(c.principal, "nearMiss:readReporter", { agencyIds: [r.agencyId] }))
    return null;
  return r.reporterId;
}

/** An agency's reports, newest first: its safeguarding lead's list. */
export async function listNearMissReports(
  ctx: ServiceContext,
  agencyId: string | null | undefined,
  first?: number | null,
  after?: string | null,
): Promise<Page<NearMissReport>> {
  const c = authed(ctx);
  const agency = agencyId ?? c.principal.agencyId;
  authorize(c.principal, "nearMiss:read", { agencyIds: agency ? [agency] : [] });
  return c.store.nearMisses.listByAgency(
    c.principal.partnershipId,
    agency as string,
    pageSize(first),
    after,
  );
}

/** §15: the agency decides on its arrangements, responds, and records the learning used. */
export async function respondToNearMiss(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: ResponseInput,
): Promise<NearMissReport> {
  const c = authed(ctx);
  const r = await getNearMissReport(c, id);
  authorize(c.principal, "nearMiss:respond", { agencyIds: [r.agencyId] });
  const next = {
    ...r,
    ...respond(r, input, today(c)),
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.nearMisses.save(next, expectedVersion);
  c.loaders.nearMisses.clear(id);
  return next;
}

/** §24 I: the agency escalates a report to the board as a possible review (linked both ways). */
export async function escalateNearMiss(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: EscalationInput,
): Promise<NearMissReport> {
  const c = authed(ctx);
  const r = await getNearMissReport(c, id);
  authorize(c.principal, "nearMiss:respond", { agencyIds: [r.agencyId] });
  const { report, escalation } = escalate(r, input, randomUUID(), recording(c));
  const next = { ...r, ...report, version: expectedVersion + 1, updatedAt: c.now().toISOString() };
  await c.store.nearMisses.escalate(next, expectedVersion, escalation);
  c.loaders.nearMisses.clear(id);
  return next;
}

export async function getEscalation(ctx: ServiceContext, id: string): Promise<Escalation> {
  const c = authed(ctx);
  const e = await c.loaders.escalations.load(id);
  if (!e || !can(c.principal, "escalation:read", { agencyIds: [e.agencyId] }))
    throw new NotFoundError("Escalation", id);
  return e;
}

/** The escalation of a report, to those who may see it (null otherwise). */
export async function escalationOf(
  ctx: ServiceContext,
  r: NearMissReport,
): Promise<Escalation | null> {
  const c = authed(ctx);
  if (!r.escalationId) return null;
  const e = await c.loaders.escalations.load(r.escalationId);
  return e && can(c.principal, "escalation:read", { agencyIds: [e.agencyId] }) ? e : null;
}

export async function listEscalations(
  ctx: ServiceContext,
  filter: { agencyId?: string | null; status?: EscalationStatus | null },
  first?: number | null,
  after?: string | null,
): Promise<Page<Escalation>> {
  const c = authed(ctx);
  const board = can(c.principal, "escalation:read", { agencyIds: [] });
  const agencyId = board ? filter.agencyId : (filter.agencyId ?? c.principal.agencyId);
  authorize(c.principal, "escalation:read", { agencyIds: agencyId ? [agencyId] : [] });
  if (agencyId && filter.status)
    throw new ValidationError("filter", "Filter by agency or by status, not both");
  return c.store.nearMisses.listEscalations(
    c.principal.partnershipId,
    { agencyId, status: filter.status },
    pageSize(first),
    after,
  );
}

/** §24 I: the board's answer to an escalation (a review commissioned, or declined). */
export async function decideEscalationFor(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: EscalationDecisionInput,
): Promise<Escalation> {
  const c = authed(ctx);
  const e = await getEscalation(c, id);
  authorize(c.principal, "escalation:decide");
  await requirePriority(c, input.businessPriorityId, "input.businessPriorityId");
  const next = {
    ...e,
    ...decideEscalation(e, input, today(c)),
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.nearMisses.saveEscalation(next, expectedVersion);
  c.loaders.escalations.clear(id);
  return next;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7)) +
  1;

/** §15: the board's counts of reports by month, agency and kind; never a report or reporter. */
export async function nearMissCounts(
  ctx: ServiceContext,
  fromMonth: string,
  toMonth: string,
): Promise<ReportCount[]> {
  const c = authed(ctx);
  authorize(c.principal, "nearMiss:readCounts");
  if (!MONTH.test(fromMonth)) throw new ValidationError("fromMonth", "A month, YYYY-MM");
  if (!MONTH.test(toMonth)) throw new ValidationError("toMonth", "A month, YYYY-MM");
  const months = monthsBetween(fromMonth, toMonth);
  if (months < 1 || months > MAX_COUNT_MONTHS)
    throw new ValidationError("toMonth", `From 1 to ${MAX_COUNT_MONTHS} months from fromMonth`);
  return c.store.nearMisses.counts(c.principal.partnershipId, fromMonth, toMonth);
}

// Reflective practice (§9–10) -----------------------------------------------------------------

export async function recordReflection(
  ctx: ServiceContext,
  input: ReflectionInput,
  key?: string | null,
): Promise<Reflection> {
  const c = authed(ctx);
  const r = newReflection(input, randomUUID(), c.principal.partnershipId, recording(c));
  authorize(c.principal, "reflection:create", { agencyIds: r.agencyIds });
  const claim = idempotencyClaim(c, "recordReflection", key, input);
  await requireAgencies(c, r.agencyIds, { list: "input.agencyIds" });
  const outcome = await c.store.nearMisses.createReflection(r, claim);
  return outcome.created ? r : getReflection(c, outcome.id);
}

export async function getReflection(ctx: ServiceContext, id: string): Promise<Reflection> {
  const c = authed(ctx);
  const r = await c.loaders.reflections.load(id);
  if (!r || !can(c.principal, "reflection:read", { agencyIds: r.agencyIds }))
    throw new NotFoundError("Reflection", id);
  return r;
}

/** The board: every reflection; agency staff: those of their agency. */
export async function listReflections(
  ctx: ServiceContext,
  first?: number | null,
  after?: string | null,
): Promise<Page<Reflection>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const pid = c.principal.partnershipId;
  if (can(c.principal, "reflection:read", { agencyIds: [] }))
    return c.store.nearMisses.listReflections(pid, size, after);
  const agencyId = c.principal.agencyId;
  authorize(c.principal, "reflection:read", { agencyIds: agencyId ? [agencyId] : [] });
  const ids = await c.store.nearMisses.listReflectionIdsByAgency(
    pid,
    agencyId as string,
    size,
    after,
  );
  return pageOfIds(ids, c.loaders.reflections);
}
