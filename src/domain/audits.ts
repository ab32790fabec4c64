import { addDays, checkPastDate, checkPlanDate } from "./dates";
import type { AgencyKind, Versioned } from "./entities";
import { ValidationError } from "./errors";
import type { AuditDue } from "./overdue";
import type { Recording } from "./recommendations";
import { optionalText, requiredText } from "./text";

/**
 * The board's business-plan priorities, the multi-agency audit group (§13–14) and single-agency,
 * responsive and Section 11 audits (§11–12, Table 1).
 */

// ---------------------------------------------------------------------------------------------
// Business-plan priorities (§13: audits "inform the LSCB Business Plan"; Table 1: reviews and
// audits commissioned to inform the business plan or strategic objectives).

export interface BusinessPriority extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly title: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  /** Who on the board owns the priority (a name or office, as the business unit writes it). */
  readonly owner: string;
}

export interface NewPriorityInput {
  readonly title: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly owner: string;
}

export const MAX_TITLE = 500;
export const MAX_NOTE = 5_000;
/** A priority covers at most this many days (a business plan runs for one to three years). */
export const MAX_PRIORITY_DAYS = 3 * 366;

export function newBusinessPriority(
  input: NewPriorityInput,
  id: string,
  partnershipId: string,
  rec: Recording,
): BusinessPriority {
  checkPlanDate(input.periodFrom, rec.today, "input.periodFrom");
  checkPlanDate(input.periodTo, rec.today, "input.periodTo");
  if (input.periodTo < input.periodFrom)
    throw new ValidationError("input.periodTo", "The period ends before it starts");
  if (input.periodTo > addDays(input.periodFrom, MAX_PRIORITY_DAYS))
    throw new ValidationError("input.periodTo", "A priority covers at most three years");
  return {
    id,
    partnershipId,
    title: requiredText(input.title, "input.title", "The title", MAX_TITLE),
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    owner: requiredText(input.owner, "input.owner", "The owner", MAX_TITLE),
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

// ---------------------------------------------------------------------------------------------
// Calendar months.

/** `months` calendar months after `iso`, the day clamped to the month's length (31 Jan + 1 = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(iso.slice(8, 10)), last);
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// The multi-agency audit group (§13–14).

/** §14: the group's membership is drawn from every provider agency: the kinds that provide services. */
export const PROVIDER_AGENCY_KINDS: readonly AgencyKind[] = [
  "POLICE",
  "HEALTH",
  "CHILDRENS_SOCIAL_CARE",
  "EDUCATION",
  "PROBATION",
  "YOUTH_OFFENDING",
  "VOLUNTARY_SECTOR",
  "LOCAL_AUTHORITY",
];

export const MEMBER_ROLES = ["INDEPENDENT_CHAIR", "MEMBER"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** The group's own record: what accumulates under it is counted here. */
export interface AuditGroup extends Versioned {
  readonly partnershipId: string;
  readonly memberCount: number;
}

/** A member of the audit group (its own item, numbered under the group). */
export interface AuditGroupMember {
  readonly id: string;
  readonly name: string;
  readonly jobTitle: string | null;
  /** The provider agency the member comes from; null for the independent chair. */
  readonly agencyId: string | null;
  readonly memberRole: MemberRole;
  readonly from: string;
  readonly to: string | null;
  readonly recordedAt: string;
}

export interface MemberInput {
  readonly name: string;
  readonly jobTitle?: string | null;
  readonly agencyId?: string | null;
  readonly memberRole: MemberRole;
  readonly from: string;
  readonly to?: string | null;
}

export const MAX_AUDIT_MEMBERS = 100;

/** A member's id carries its number in the group, so it is found by key. */
export const memberId = (seq: number) => `member-${seq}`;
export function memberSeq(id: string): number | null {
  const m = /^member-([1-9]\d{0,4})$/.exec(id);
  return m ? Number(m[1]) : null;
}

/**
 * §14: a member of the group. The chair is independent (of no agency) for the initial period;
 * every other member is a named professional or manager of a provider agency.
 */
export function newMember(
  group: AuditGroup,
  input: MemberInput,
  rec: Recording,
): { group: AuditGroup; member: AuditGroupMember } {
  if (group.memberCount >= MAX_AUDIT_MEMBERS)
    throw new ValidationError("input", `The group has at most ${MAX_AUDIT_MEMBERS} members`);
  if (input.memberRole === "INDEPENDENT_CHAIR" && input.agencyId)
    throw new ValidationError("input.agencyId", "§14: the chair is independent of the agencies");
  if (input.memberRole === "MEMBER" && !input.agencyId)
    throw new ValidationError("input.agencyId", "§14: a member comes from a provider agency");
  checkPlanDate(input.from, rec.today, "input.from");
  if (input.to) {
    checkPlanDate(input.to, rec.today, "input.to");
    if (input.to < input.from)
      throw new ValidationError("input.to", "Membership ends before it starts");
  }
  const seq = group.memberCount + 1;
  return {
    group: { ...group, memberCount: seq },
    member: {
      id: memberId(seq),
      name: requiredText(input.name, "input.name", "The member's name", 200),
      jobTitle: optionalText(input.jobTitle),
      agencyId: input.agencyId ?? null,
      memberRole: input.memberRole,
      from: input.from,
      to: input.to ?? null,
      recordedAt: rec.at,
    },
  };
}

/** Whether a member belongs to the group on a date. */
export const memberOn = (m: AuditGroupMember, date: string) =>
  m.from <= date && (m.to === null || m.to >= date);

/**
 * §14: the provider agencies with no current member (the group is drawn from all of them).
 */
export function agenciesWithoutMember<A extends { id: string; kind: AgencyKind }>(
  agencies: readonly A[],
  members: readonly AuditGroupMember[],
  today: string,
): A[] {
  const represented = new Set(
    members.filter((m) => memberOn(m, today) && m.agencyId).map((m) => m.agencyId),
  );
  return agencies.filter((a) => PROVIDER_AGENCY_KINDS.includes(a.kind) && !represented.has(a.id));
}

/** A meeting of the audit group; at most one a day (its id is its date). */
export interface AuditGroupMeeting {
  readonly id: string;
  readonly partnershipId: string;
  readonly heldOn: string;
  readonly notes: string | null;
  readonly attendanceCount: number;
  readonly caseReviewedCount: number;
  readonly recordedBy: string;
  readonly createdAt: string;
}

/** Someone at a meeting (their own item under the meeting). */
export interface Attendance {
  readonly id: string;
  readonly memberId: string;
  readonly name: string;
}

/** A case whose records were reviewed at a meeting (its own item under the meeting). */
export interface CaseReviewed {
  readonly id: string;
  readonly caseId: string;
}

export const MAX_ATTENDANCE = 50;
export const MAX_CASES_REVIEWED = 40;

export interface MeetingInput {
  readonly heldOn: string;
  readonly notes?: string | null;
  readonly attendeeIds: readonly string[];
  readonly caseIds: readonly string[];
}

/** §14: a meeting held, who attended (members of the group on the day), and the cases reviewed. */
export function newMeeting(
  input: MeetingInput,
  members: ReadonlyMap<string, AuditGroupMember>,
  partnershipId: string,
  rec: Recording,
): { meeting: AuditGroupMeeting; attendance: Attendance[]; cases: CaseReviewed[] } {
  checkPastDate(input.heldOn, rec.today, "input.heldOn");
  const attendees = [...new Set(input.attendeeIds)];
  const caseIds = [...new Set(input.caseIds)];
  if (attendees.length > MAX_ATTENDANCE)
    throw new ValidationError("input.attendeeIds", `At most ${MAX_ATTENDANCE} attendees`);
  if (caseIds.length > MAX_CASES_REVIEWED)
    throw new ValidationError("input.caseIds", `At most ${MAX_CASES_REVIEWED} cases`);
  const attendance = attendees.map((id, i) => {
    const m = members.get(id);
    if (!m || !memberOn(m, input.heldOn))
      throw new ValidationError(`input.attendeeIds.${i}`, `Not a member on that day: ${id}`);
    return { id: `${input.heldOn}:${i + 1}`, memberId: id, name: m.name };
  });
  return {
    meeting: {
      id: input.heldOn,
      partnershipId,
      heldOn: input.heldOn,
      notes: optionalText(input.notes),
      attendanceCount: attendance.length,
      caseReviewedCount: caseIds.length,
      recordedBy: rec.by,
      createdAt: rec.at,
    },
    attendance,
    cases: caseIds.map((caseId, i) => ({ id: `${input.heldOn}:case:${i + 1}`, caseId })),
  };
}

/** A multi-agency audit exercise on a cluster of cases (§13). */
export interface AuditExercise extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly theme: string;
  /** The business-plan priority it serves. */
  readonly businessPriorityId: string | null;
  /** §13: a substantial exercise counts towards the three a year. */
  readonly substantial: boolean;
  readonly startedOn: string;
  readonly completedOn: string | null;
  readonly caseCount: number;
  readonly findingCount: number;
  readonly createdBy: string;
}

/** A case of the exercise's cluster, with the agencies whose records were reviewed. */
export interface ExerciseCase {
  readonly id: string;
  readonly caseId: string;
  readonly agencyIds: readonly string[];
}

/** A finding of an audit (multi-agency or an agency's own): its own item. */
export interface AuditFinding {
  readonly id: string;
  readonly text: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export const MAX_EXERCISE_CASES = 30;
export const MAX_FINDINGS = 100;

export interface ExerciseInput {
  readonly theme: string;
  readonly businessPriorityId?: string | null;
  readonly substantial: boolean;
  readonly startedOn: string;
  readonly cases: readonly { readonly caseId: string; readonly agencyIds: readonly string[] }[];
}

/** §13: an audit of a cluster of cases, each reviewed in the records of several agencies. */
export function newExercise(
  input: ExerciseInput,
  id: string,
  partnershipId: string,
  rec: Recording,
): { exercise: AuditExercise; cases: ExerciseCase[] } {
  checkPastDate(input.startedOn, rec.today, "input.startedOn");
  if (input.cases.length === 0) throw new ValidationError("input.cases", "§13: a cluster of cases");
  if (input.cases.length > MAX_EXERCISE_CASES)
    throw new ValidationError("input.cases", `At most ${MAX_EXERCISE_CASES} cases`);
  const seen = new Set<string>();
  const cases = input.cases.map((c, i) => {
    if (seen.has(c.caseId)) throw new ValidationError(`input.cases.${i}.caseId`, "Listed twice");
    seen.add(c.caseId);
    const agencyIds = [...new Set(c.agencyIds)];
    if (agencyIds.length === 0)
      throw new ValidationError(
        `input.cases.${i}.agencyIds`,
        "The agencies whose records were reviewed",
      );
    return { id: `${id}:case:${i + 1}`, caseId: c.caseId, agencyIds };
  });
  return {
    exercise: {
      id,
      partnershipId,
      theme: requiredText(input.theme, "input.theme", "The theme", MAX_TITLE),
      businessPriorityId: input.businessPriorityId ?? null,
      substantial: input.substantial,
      startedOn: input.startedOn,
      completedOn: null,
      caseCount: cases.length,
      findingCount: 0,
      createdBy: rec.by,
      version: 1,
      createdAt: rec.at,
      updatedAt: rec.at,
    },
    cases,
  };
}

/** A finding, numbered after the parent's last. */
export function newFinding(count: number, text: string, rec: Recording, parentId: string) {
  if (count >= MAX_FINDINGS) throw new ValidationError("input", `At most ${MAX_FINDINGS} findings`);
  return {
    id: `${parentId}:finding:${count + 1}`,
    text: requiredText(text, "input.text", "The finding", MAX_NOTE),
    recordedBy: rec.by,
    recordedAt: rec.at,
  };
}

/** Completes an exercise on a date not before it started, not in the future. */
export function completeExercise(
  e: AuditExercise,
  on: string,
  today: string,
): Partial<AuditExercise> {
  if (e.completedOn) throw new ValidationError("input.completedOn", "Already completed");
  checkPastDate(on, today, "input.completedOn");
  if (on < e.startedOn)
    throw new ValidationError("input.completedOn", "Completed before it started");
  return { completedOn: on };
}

// ---------------------------------------------------------------------------------------------
// §13–14 cadences, computed from dates.

/** §14: the group meets at least every three months. */
export const MEETING_INTERVAL_MONTHS = 3;
/** §13: at least three substantial audit exercises a year. */
export const EXERCISES_A_YEAR = 3;
/** The framework's year starts in April (§14: "12 months beginning in April 2014"). */
export const YEAR_START_MONTH = 4;

export const BREACH_KINDS = ["MEETING_GAP", "EXERCISES_BEHIND_PACE", "EXERCISES_SHORT"] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

export interface CadenceBreach {
  /** `<kind>:<from>:<to>`: stable for the same breach. */
  readonly id: string;
  readonly kind: BreachKind;
  /** The last meeting before the gap, or the start of the year. */
  readonly from: string;
  /** The next meeting, the checkpoint's date, or the day the view was taken (a gap still open). */
  readonly to: string;
  readonly detail: string;
}

export interface AuditCompliance {
  readonly year: number;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly asOf: string;
  readonly meetingsHeld: number;
  readonly lastMeetingOn: string | null;
  readonly nextMeetingDueOn: string;
  readonly substantialExercisesCompleted: number;
  /** The date by which the next substantial exercise is due (pace); null once three are done. */
  readonly nextExerciseDueOn: string | null;
  readonly breaches: readonly CadenceBreach[];
}

/** The framework year `year`: 1 April `year` to 31 March the year after. */
export function auditYear(year: number): { from: string; to: string } {
  const from = `${String(year).padStart(4, "0")}-${String(YEAR_START_MONTH).padStart(2, "0")}-01`;
  return { from, to: addDays(addMonths(from, 12), -1) };
}

/** The framework year a date falls in. */
export function auditYearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= YEAR_START_MONTH ? y : y - 1;
}

/** §14: a meeting after `previous` keeps the cadence when it is at most three calendar months later. */
export const meetingDueAfter = (previous: string) => addMonths(previous, MEETING_INTERVAL_MONTHS);

/** §13: pace checkpoint k (1..3) falls at the end of month 4k of the year. */
export const exerciseCheckpoint = (yearFrom: string, k: number) =>
  addDays(addMonths(yearFrom, (12 / EXERCISES_A_YEAR) * k), -1);

/**
 * §13–14: the audit group's compliance in a framework year, as of a date. A gap of more than
 * three calendar months between meetings is a breach (exactly three months is not), as is a
 * gap still open on `asOf`; the year's first gap runs from the last meeting before it (or the
 * year's start). Fewer than three completed substantial exercises at the year's end is a breach,
 * and part-way through, being behind the pace of one every four months.
 */
export function auditCompliance(
  year: number,
  asOf: string,
  /** The last meeting before the year, if any. */
  previousMeeting: string | null,
  /** Meetings held in the year, any order. */
  meetings: readonly string[],
  /** Completion dates of substantial exercises in the year. */
  completions: readonly string[],
): AuditCompliance {
  const period = auditYear(year);
  const end = asOf < period.to ? asOf : period.to;
  const inYear = [...meetings].filter((d) => d >= period.from && d <= end).sort();
  const breaches: CadenceBreach[] = [];
  const breach = (b: Omit<CadenceBreach, "id">) =>
    breaches.push({ id: `${b.kind}:${b.from}:${b.to}`, ...b });
  let last = previousMeeting ?? period.from;
  for (const held of inYear) {
    if (held > meetingDueAfter(last))
      breach({
        kind: "MEETING_GAP",
        from: last,
        to: held,
        detail: `§14: more than ${MEETING_INTERVAL_MONTHS} months between meetings`,
      });
    last = held;
  }
  const nextMeetingDueOn = meetingDueAfter(last);
  if (end > nextMeetingDueOn)
    breach({
      kind: "MEETING_GAP",
      from: last,
      to: end,
      detail: `§14: no meeting for more than ${MEETING_INTERVAL_MONTHS} months`,
    });
  const done = completions.filter((d) => d >= period.from && d <= end).length;
  // Behind pace: the first checkpoint of the year passed with fewer done (reported once).
  for (let k = 1; k < EXERCISES_A_YEAR; k++) {
    const checkpoint = exerciseCheckpoint(period.from, k);
    if (asOf > checkpoint && done < k) {
      breach({
        kind: "EXERCISES_BEHIND_PACE",
        from: period.from,
        to: checkpoint,
        detail: `§13: ${done} substantial exercises by ${checkpoint}, behind the pace of ${EXERCISES_A_YEAR} a year`,
      });
      break;
    }
  }
  // Short: the year's last checkpoint passed with fewer than three done, whatever came before.
  const last3 = exerciseCheckpoint(period.from, EXERCISES_A_YEAR);
  if (asOf > last3 && done < EXERCISES_A_YEAR)
    breach({
      kind: "EXERCISES_SHORT",
      from: period.from,
      to: last3,
      detail: `§13: ${done} of ${EXERCISES_A_YEAR} substantial audit exercises in the year`,
    });
  return {
    year,
    periodFrom: period.from,
    periodTo: period.to,
    asOf,
    meetingsHeld: inYear.length,
    lastMeetingOn: inYear.at(-1) ?? previousMeeting,
    nextMeetingDueOn,
    substantialExercisesCompleted: done,
    // Nothing falls due in a year that has ended (its shortfall is a breach above).
    nextExerciseDueOn:
      done >= EXERCISES_A_YEAR || asOf > last3 ? null : exerciseCheckpoint(period.from, done + 1),
    breaches,
  };
}

/** How many days ahead the daily job reports a meeting or exercise falling due. */
export const AUDIT_DUE_NOTICE_DAYS = 14;

/**
 * §13–14: what the daily overdue job reports of the audit group: the next meeting and the next
 * substantial exercise when due within AUDIT_DUE_NOTICE_DAYS, or already past due.
 */
export function auditDue(c: AuditCompliance, today: string): AuditDue[] {
  const notice = addDays(today, AUDIT_DUE_NOTICE_DAYS);
  const out: AuditDue[] = [];
  if (c.nextMeetingDueOn <= notice)
    out.push({ kind: "MEETING", dueOn: c.nextMeetingDueOn, overdue: c.nextMeetingDueOn < today });
  if (c.nextExerciseDueOn && c.nextExerciseDueOn <= notice)
    out.push({
      kind: "EXERCISE",
      dueOn: c.nextExerciseDueOn,
      overdue: c.nextExerciseDueOn < today,
    });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Single-agency, responsive and Section 11 audits (§11–12).

export const AGENCY_AUDIT_KINDS = ["PLANNED", "RESPONSIVE", "SECTION_11"] as const;
export type AgencyAuditKind = (typeof AGENCY_AUDIT_KINDS)[number];

export const AUDIT_ENTRY_KINDS = ["FINDING", "LEARNING_REPORT", "CHALLENGE", "RESPONSE"] as const;
/**
 * What accumulates on an agency's audit, in order: findings, reports to the Executive of how
 * the learning was used (§12), the board's challenges and the agency's responses.
 */
export type AuditEntryKind = (typeof AUDIT_ENTRY_KINDS)[number];

export const SECTION_11_RATINGS = [
  "OUTSTANDING",
  "GOOD",
  "REQUIRES_IMPROVEMENT",
  "INADEQUATE",
] as const;
export type Section11Rating = (typeof SECTION_11_RATINGS)[number];

/** A Section 11 standard (data the business unit maintains). */
export interface Section11Standard extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly number: number;
  readonly title: string;
  readonly description: string | null;
}

export interface AgencyAudit extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly agencyId: string;
  readonly kind: AgencyAuditKind;
  readonly title: string;
  readonly scope: string;
  /** §11: the incident or concern a responsive audit answers. */
  readonly trigger: string | null;
  readonly startedOn: string;
  readonly completedOn: string | null;
  readonly businessPriorityId: string | null;
  readonly entryCount: number;
  readonly ratingCount: number;
  readonly createdBy: string;
}

export interface AuditEntry {
  readonly id: string;
  readonly kind: AuditEntryKind;
  readonly text: string;
  readonly on: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface StandardRating {
  readonly id: string;
  readonly standardId: string;
  readonly rating: Section11Rating;
  readonly evidence: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export const MAX_AUDIT_ENTRIES = 200;
export const MAX_RATINGS = 100;
export const MAX_STANDARDS = 50;

export interface AgencyAuditInput {
  readonly agencyId: string;
  readonly kind: AgencyAuditKind;
  readonly title: string;
  readonly scope: string;
  readonly trigger?: string | null;
  readonly startedOn: string;
  readonly completedOn?: string | null;
  readonly businessPriorityId?: string | null;
}

/** §11: an agency's audit, planned or responsive (with what it responds to), or Section 11. */
export function newAgencyAudit(
  input: AgencyAuditInput,
  id: string,
  partnershipId: string,
  rec: Recording,
): AgencyAudit {
  checkPastDate(input.startedOn, rec.today, "input.startedOn");
  if (input.completedOn) {
    checkPastDate(input.completedOn, rec.today, "input.completedOn");
    if (input.completedOn < input.startedOn)
      throw new ValidationError("input.completedOn", "Completed before it started");
  }
  const trigger = optionalText(input.trigger);
  if (input.kind === "RESPONSIVE" && !trigger)
    throw new ValidationError(
      "input.trigger",
      "§11: a responsive audit names the incident or concern",
    );
  return {
    id,
    partnershipId,
    agencyId: input.agencyId,
    kind: input.kind,
    title: requiredText(input.title, "input.title", "The title", MAX_TITLE),
    scope: requiredText(input.scope, "input.scope", "The scope", MAX_NOTE),
    trigger,
    startedOn: input.startedOn,
    completedOn: input.completedOn ?? null,
    businessPriorityId: input.businessPriorityId ?? null,
    entryCount: 0,
    ratingCount: 0,
    createdBy: rec.by,
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

/** §12: an entry on an agency's audit (findings, learning reports, challenge, response). */
export function newAuditEntry(
  a: AgencyAudit,
  input: { kind: AuditEntryKind; text: string; on: string },
  rec: Recording,
): AuditEntry {
  if (a.entryCount >= MAX_AUDIT_ENTRIES)
    throw new ValidationError("input", `An audit takes at most ${MAX_AUDIT_ENTRIES} entries`);
  checkPastDate(input.on, rec.today, "input.on");
  if (input.on < a.startedOn) throw new ValidationError("input.on", "Before the audit started");
  return {
    id: `${a.id}:entry:${a.entryCount + 1}`,
    kind: input.kind,
    text: requiredText(input.text, "input.text", "The text", MAX_NOTE),
    on: input.on,
    recordedBy: rec.by,
    recordedAt: rec.at,
  };
}

/** A Section 11 rating of one standard, with its evidence. */
export function newRating(
  a: AgencyAudit,
  input: { standardId: string; rating: Section11Rating; evidence: string },
  rec: Recording,
): StandardRating {
  if (a.kind !== "SECTION_11")
    throw new ValidationError("input.id", "Only a Section 11 self-assessment rates standards");
  if (a.ratingCount >= MAX_RATINGS)
    throw new ValidationError("input", `At most ${MAX_RATINGS} ratings`);
  return {
    id: `${a.id}:rating:${a.ratingCount + 1}`,
    standardId: input.standardId,
    rating: input.rating,
    evidence: requiredText(input.evidence, "input.evidence", "The evidence", MAX_NOTE),
    recordedBy: rec.by,
    recordedAt: rec.at,
  };
}

export function newStandard(
  input: { number: number; title: string; description?: string | null },
  id: string,
  partnershipId: string,
  rec: Recording,
): Section11Standard {
  if (!Number.isInteger(input.number) || input.number < 1 || input.number > 999)
    throw new ValidationError("input.number", "A number from 1 to 999");
  return {
    id,
    partnershipId,
    number: input.number,
    title: requiredText(input.title, "input.title", "The title", MAX_TITLE),
    description: optionalText(input.description),
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}
