import { randomUUID } from "node:crypto";
import { authorize, can } from "../auth/policy";
import {
  type AgencyAudit,
  type AgencyAuditInput,
  type AgencyAuditKind,
  type AuditCompliance,
  type AuditEntryKind,
  type AuditExercise,
  type AuditGroupMeeting,
  type AuditGroupMember,
  agenciesWithoutMember,
  auditCompliance,
  auditYear,
  auditYearOf,
  type BusinessPriority,
  completeExercise,
  EXERCISES_A_YEAR,
  type ExerciseInput,
  type MeetingInput,
  type MemberInput,
  memberSeq,
  type NewPriorityInput,
  newAgencyAudit,
  newAuditEntry,
  newBusinessPriority,
  newExercise,
  newFinding,
  newMeeting,
  newMember,
  newRating,
  newStandard,
  type Section11Rating,
  type Section11Standard,
} from "../domain/audits";
import { checkDateRange } from "../domain/dates";
import type { Agency } from "../domain/entities";
import { NotFoundError, ValidationError } from "../domain/errors";
import { type Page, pageSize } from "../domain/pagination";
import { requireAgencies } from "./agencies";
import type { AuthedContext, ServiceContext } from "./context";
import { authed, idempotencyClaim, recording, requireAll, retryOnConflict, today } from "./shared";

/**
 * Business-plan priorities, the multi-agency audit group (§13–14) and agencies' own audits
 * (§11–12).
 */

// Priorities ---------------------------------------------------------------------------------

export async function getPriority(ctx: ServiceContext, id: string): Promise<BusinessPriority> {
  const c = authed(ctx);
  authorize(c.principal, "priority:read");
  const p = await c.loaders.priorities.load(id);
  if (!p) throw new NotFoundError("Business priority", id);
  return p;
}

export async function listPriorities(
  ctx: ServiceContext,
  first?: number | null,
  after?: string | null,
): Promise<Page<BusinessPriority>> {
  const c = authed(ctx);
  authorize(c.principal, "priority:read");
  return c.store.audits.listPriorities(c.principal.partnershipId, pageSize(first), after);
}

export async function createPriority(
  ctx: ServiceContext,
  input: NewPriorityInput,
  key?: string | null,
): Promise<BusinessPriority> {
  const c = authed(ctx);
  authorize(c.principal, "priority:write");
  const claim = idempotencyClaim(c, "createBusinessPriority", key, input);
  const p = newBusinessPriority(input, randomUUID(), c.principal.partnershipId, recording(c));
  const outcome = await c.store.audits.createPriority(p, claim);
  return outcome.created ? p : getPriority(c, outcome.id);
}

/** Refuses a priority id that names none (BAD_USER_INPUT on `field`). */
export async function requirePriority(
  c: AuthedContext,
  id: string | null | undefined,
  field: string,
): Promise<void> {
  if (id) await requireAll(c.loaders.priorities, [id], field, "business priority");
}

// The audit group (§13–14) -------------------------------------------------------------------

/** The group's members, oldest first (one BatchGet; at most MAX_AUDIT_MEMBERS). */
export async function auditGroupMembers(ctx: ServiceContext): Promise<AuditGroupMember[]> {
  const c = authed(ctx);
  authorize(c.principal, "auditGroup:read");
  const group = await c.store.audits.getGroup(c.principal.partnershipId, c.now().toISOString());
  return c.store.audits.members(group);
}

/** §14: the provider agencies with no current member of the group. */
export async function providerAgenciesWithoutMember(ctx: ServiceContext): Promise<Agency[]> {
  const c = authed(ctx);
  const members = await auditGroupMembers(c);
  // A partnership has at most one page of agencies (100): one Query.
  const agencies = await c.store.agencies.list(c.principal.partnershipId, 100);
  return agenciesWithoutMember(
    agencies.edges.map((e) => e.node),
    members,
    today(c),
  );
}

/** §14: adds a member (the independent chair, or a named professional of a provider agency). */
export async function addAuditGroupMember(
  ctx: ServiceContext,
  input: MemberInput,
): Promise<AuditGroupMember> {
  const c = authed(ctx);
  authorize(c.principal, "auditGroup:write");
  if (input.agencyId) await requireAgencies(c, [input.agencyId], "input.agencyId");
  return retryOnConflict(async () => {
    const group = await c.store.audits.getGroup(c.principal.partnershipId, c.now().toISOString());
    const { group: next, member } = newMember(group, input, recording(c));
    await c.store.audits.addMember(
      { ...next, version: group.version + 1, updatedAt: c.now().toISOString() },
      group.version,
      member,
    );
    return member;
  });
}

/** §14: records a meeting held, its attendance and the cases whose records were reviewed. */
export async function recordAuditMeeting(
  ctx: ServiceContext,
  input: MeetingInput,
  key?: string | null,
): Promise<AuditGroupMeeting> {
  const c = authed(ctx);
  authorize(c.principal, "auditGroup:write");
  const claim = idempotencyClaim(c, "recordAuditGroupMeeting", key, input);
  const pid = c.principal.partnershipId;
  const group = await c.store.audits.getGroup(pid, c.now().toISOString());
  const members = new Map((await c.store.audits.members(group)).map((m) => [m.id, m]));
  for (const [i, id] of input.attendeeIds.entries())
    if (memberSeq(id) === null || !members.has(id))
      throw new ValidationError(`input.attendeeIds.${i}`, `Unknown member: ${id}`);
  await requireAll(c.loaders.cases, input.caseIds, { list: "input.caseIds" }, "case");
  const { meeting, attendance, cases } = newMeeting(input, members, pid, recording(c));
  const outcome = await c.store.audits.createMeeting(meeting, attendance, cases, claim);
  return outcome.created ? meeting : getMeeting(c, outcome.id);
}

export async function getMeeting(ctx: ServiceContext, id: string): Promise<AuditGroupMeeting> {
  const c = authed(ctx);
  authorize(c.principal, "auditGroup:read");
  const m = await c.loaders.meetings.load(id);
  if (!m) throw new NotFoundError("Audit group meeting", id);
  return m;
}

export async function listMeetings(
  ctx: ServiceContext,
  range: { from?: string | null; to?: string | null },
  first?: number | null,
  after?: string | null,
): Promise<Page<AuditGroupMeeting>> {
  const c = authed(ctx);
  authorize(c.principal, "auditGroup:read");
  return c.store.audits.listMeetings(
    c.principal.partnershipId,
    checkDateRange(range, "filter"),
    pageSize(first),
    after,
  );
}

export const attendanceOf = (ctx: ServiceContext, m: AuditGroupMeeting) =>
  authed(ctx).loaders.attendance.load(m);
export const casesReviewedOf = (ctx: ServiceContext, m: AuditGroupMeeting) =>
  authed(ctx).loaders.casesReviewed.load(m);

/** §13: an audit exercise on a cluster of cases, serving a business-plan priority. */
export async function createAuditExercise(
  ctx: ServiceContext,
  input: ExerciseInput,
  key?: string | null,
): Promise<AuditExercise> {
  const c = authed(ctx);
  authorize(c.principal, "auditGroup:write");
  const claim = idempotencyClaim(c, "createAuditExercise", key, input);
  const { exercise, cases } = newExercise(
    input,
    randomUUID(),
    c.principal.partnershipId,
    recording(c),
  );
  await requirePriority(c, exercise.businessPriorityId, "input.businessPriorityId");
  await requireAll(
    c.loaders.cases,
    cases.map((x) => x.caseId),
    { list: "input.cases" },
    "case",
  );
  for (const [i, x] of cases.entries())
    await requireAgencies(c, x.agencyIds, { list: `input.cases.${i}.agencyIds` });
  const outcome = await c.store.audits.createExercise(exercise, cases, claim);
  return outcome.created ? exercise : getExercise(c, outcome.id);
}

export async function getExercise(ctx: ServiceContext, id: string): Promise<AuditExercise> {
  const c = authed(ctx);
  authorize(c.principal, "auditGroup:read");
  const e = await c.loaders.exercises.load(id);
  if (!e) throw new NotFoundError("Audit exercise", id);
  return e;
}

export async function listExercises(
  ctx: ServiceContext,
  first?: number | null,
  after?: string | null,
): Promise<Page<AuditExercise>> {
  const c = authed(ctx);
  authorize(c.principal, "auditGroup:read");
  return c.store.audits.listExercises(c.principal.partnershipId, pageSize(first), after);
}

/** §13: a finding of an exercise (its own record; takes no version: it overwrites nothing). */
export async function addExerciseFinding(
  ctx: ServiceContext,
  id: string,
  text: string,
): Promise<AuditExercise> {
  const c = authed(ctx);
  await getExercise(c, id);
  authorize(c.principal, "auditGroup:write");
  return retryOnConflict(async () => {
    c.loaders.exercises.clear(id);
    const e = await getExercise(c, id);
    const finding = newFinding(e.findingCount, text, recording(c), e.id);
    const next = {
      ...e,
      findingCount: e.findingCount + 1,
      version: e.version + 1,
      updatedAt: c.now().toISOString(),
    };
    await c.store.audits.addExerciseFinding(next, e.version, finding);
    c.loaders.exercises.clear(id);
    return next;
  });
}

export async function completeAuditExercise(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  completedOn: string,
): Promise<AuditExercise> {
  const c = authed(ctx);
  const e = await getExercise(c, id);
  authorize(c.principal, "auditGroup:write");
  const next = {
    ...e,
    ...completeExercise(e, completedOn, today(c)),
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.audits.saveExercise(next, expectedVersion);
  c.loaders.exercises.clear(id);
  return next;
}

export const exerciseCasesOf = (ctx: ServiceContext, e: AuditExercise) =>
  authed(ctx).loaders.exerciseCases.load(e);
export const exerciseFindingsOf = (ctx: ServiceContext, e: AuditExercise) =>
  authed(ctx).loaders.exerciseFindings.load(e);

/** The framework years the compliance view answers for. */
const FIRST_AUDIT_YEAR = 2000;

/**
 * §13–14: the group's compliance in a framework year (April to March), as of today: three
 * Queries whatever the number of meetings and exercises.
 */
export async function auditGroupComplianceView(
  ctx: ServiceContext,
  year?: number | null,
): Promise<AuditCompliance & { id: string }> {
  const c = authed(ctx);
  authorize(c.principal, "auditGroup:read");
  const asOf = today(c);
  const y = year ?? auditYearOf(asOf);
  if (!Number.isInteger(y) || y < FIRST_AUDIT_YEAR || y > auditYearOf(asOf))
    throw new ValidationError("year", `A framework year from ${FIRST_AUDIT_YEAR} to this one`);
  const view = await complianceOf(c, c.principal.partnershipId, y, asOf);
  return { id: `${c.principal.partnershipId}:${y}`, ...view };
}

/** §13–14: the audit group (one per partnership: its id is the partnership's). */
export function auditGroupRef(ctx: ServiceContext): { id: string } {
  const c = authed(ctx);
  authorize(c.principal, "auditGroup:read");
  return { id: c.principal.partnershipId };
}

/** The compliance of one partnership's audit group (the overdue job's too). */
export async function complianceOf(
  c: { store: AuthedContext["store"] },
  pid: string,
  year: number,
  asOf: string,
): Promise<AuditCompliance> {
  const period = auditYear(year);
  const [previous, meetings, completions] = await Promise.all([
    c.store.audits.lastMeetingBefore(pid, period.from),
    c.store.audits.meetingDates(pid, period),
    c.store.audits.substantialCompletions(pid, period, EXERCISES_A_YEAR),
  ]);
  return auditCompliance(year, asOf, previous, meetings, completions);
}

// Agencies' audits (§11–12) -------------------------------------------------------------------

export async function getAgencyAudit(ctx: ServiceContext, id: string): Promise<AgencyAudit> {
  const c = authed(ctx);
  const a = await c.loaders.agencyAudits.load(id);
  if (!a || !can(c.principal, "agencyAudit:read", { agencyIds: [a.agencyId] }))
    throw new NotFoundError("Agency audit", id);
  return a;
}

/** §11: an agency records its own audit (a partner system for its agency). */
export async function createAgencyAudit(
  ctx: ServiceContext,
  input: AgencyAuditInput,
  key?: string | null,
): Promise<AgencyAudit> {
  const c = authed(ctx);
  authorize(c.principal, "agencyAudit:write", { agencyIds: [input.agencyId] });
  const claim = idempotencyClaim(c, "createAgencyAudit", key, input);
  const a = newAgencyAudit(input, randomUUID(), c.principal.partnershipId, recording(c));
  await requirePriority(c, a.businessPriorityId, "input.businessPriorityId");
  const outcome = await c.store.audits.createAgencyAudit(a, claim);
  return outcome.created ? a : getAgencyAudit(c, outcome.id);
}

export interface AgencyAuditFilter {
  readonly agencyId?: string | null;
  readonly kind?: AgencyAuditKind | null;
}

/** The board's core roles and the audit group: every agency's; an agency: its own. */
export async function listAgencyAudits(
  ctx: ServiceContext,
  filter: AgencyAuditFilter,
  first?: number | null,
  after?: string | null,
): Promise<Page<AgencyAudit>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const pid = c.principal.partnershipId;
  const all = can(c.principal, "agencyAudit:read", { agencyIds: [] });
  const agencyId = all ? filter.agencyId : (filter.agencyId ?? c.principal.agencyId);
  // Someone who sees no agency's audits, or asks for another agency's, is refused.
  authorize(c.principal, "agencyAudit:read", { agencyIds: agencyId ? [agencyId] : [] });
  if (agencyId && filter.kind)
    throw new ValidationError("filter", "Filter by agency or by kind, not both");
  if (agencyId)
    return c.store.audits.listAgencyAudits(pid, { by: "AGENCY", agencyId }, size, after);
  if (filter.kind)
    return c.store.audits.listAgencyAudits(pid, { by: "KIND", kind: filter.kind }, size, after);
  return c.store.audits.listAgencyAudits(pid, { by: "ALL" }, size, after);
}

/**
 * §12: a finding, a report to the Executive of how the learning was used, or the agency's
 * response (the agency's lead), or the board's challenge (the board's core roles).
 */
export async function recordAgencyAuditEntry(
  ctx: ServiceContext,
  id: string,
  input: { kind: AuditEntryKind; text: string; on: string },
): Promise<AgencyAudit> {
  const c = authed(ctx);
  const a = await getAgencyAudit(c, id);
  if (input.kind === "CHALLENGE") authorize(c.principal, "agencyAudit:challenge");
  else authorize(c.principal, "agencyAudit:write", { agencyIds: [a.agencyId] });
  return addToAudit(c, id, (found) => ({ entry: newAuditEntry(found, input, recording(c)) }));
}

/** Section 11: a rating of one standard, with its evidence. */
export async function rateSection11Standard(
  ctx: ServiceContext,
  id: string,
  input: { standardId: string; rating: Section11Rating; evidence: string },
): Promise<AgencyAudit> {
  const c = authed(ctx);
  const a = await getAgencyAudit(c, id);
  authorize(c.principal, "agencyAudit:write", { agencyIds: [a.agencyId] });
  await requireAll(c.loaders.standards, [input.standardId], "input.standardId", "standard");
  return addToAudit(c, id, (found) => ({ rating: newRating(found, input, recording(c)) }));
}

async function addToAudit(
  c: AuthedContext,
  id: string,
  make: (a: AgencyAudit) => Parameters<AuthedContext["store"]["audits"]["addToAudit"]>[2],
): Promise<AgencyAudit> {
  return retryOnConflict(async () => {
    c.loaders.agencyAudits.clear(id);
    const a = await getAgencyAudit(c, id);
    const child = make(a);
    const next: AgencyAudit = {
      ...a,
      entryCount: a.entryCount + ("entry" in child ? 1 : 0),
      ratingCount: a.ratingCount + ("rating" in child ? 1 : 0),
      version: a.version + 1,
      updatedAt: c.now().toISOString(),
    };
    await c.store.audits.addToAudit(next, a.version, child);
    c.loaders.agencyAudits.clear(id);
    return next;
  });
}

export const auditEntriesOf = (ctx: ServiceContext, a: AgencyAudit) =>
  authed(ctx).loaders.auditEntries.load(a);
export const ratingsOf = (ctx: ServiceContext, a: AgencyAudit) =>
  authed(ctx).loaders.ratings.load(a);

export async function createSection11Standard(
  ctx: ServiceContext,
  input: { number: number; title: string; description?: string | null },
  key?: string | null,
): Promise<Section11Standard> {
  const c = authed(ctx);
  authorize(c.principal, "section11Standard:write");
  const claim = idempotencyClaim(c, "createSection11Standard", key, input);
  const s = newStandard(input, randomUUID(), c.principal.partnershipId, recording(c));
  const outcome = await c.store.audits.createStandard(s, claim);
  if (outcome.created) return s;
  const found = await c.loaders.standards.load(outcome.id);
  if (!found) throw new NotFoundError("Section 11 standard", outcome.id);
  return found;
}

export async function listSection11Standards(
  ctx: ServiceContext,
  first?: number | null,
  after?: string | null,
): Promise<Page<Section11Standard>> {
  const c = authed(ctx);
  authorize(c.principal, "priority:read");
  return c.store.audits.listStandards(c.principal.partnershipId, pageSize(first), after);
}

export async function standardRef(ctx: ServiceContext, id: string) {
  return authed(ctx).loaders.standards.load(id);
}

export async function priorityRef(ctx: ServiceContext, id: string | null) {
  if (!id) return null;
  const c = authed(ctx);
  if (!can(c.principal, "priority:read")) return null;
  return c.loaders.priorities.load(id);
}
