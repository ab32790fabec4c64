import { addDays, checkPastDate, type DateRange } from "./dates";
import type { Versioned } from "./entities";
import { UnreachableCaseError, ValidationError } from "./errors";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "./working-days";

/**
 * Serious incident notifications (§17) and the statutory clocks later guidance added.
 */

/** §17's four categories. I–III are deaths; IV is serious harm. */
export const CATEGORIES = ["I", "II", "III", "IV"] as const;
export type Category = (typeof CATEGORIES)[number];

/** Each §17 criterion, with the category it belongs to. */
export const CRITERIA = {
  /** §17 I: death where abuse or neglect (current or past) is known or suspected. */
  DEATH_ABUSE_OR_NEGLECT_KNOWN_OR_SUSPECTED: "I",
  /** §17 II: death in a young offender institution, whatever the circumstances. */
  DEATH_IN_YOUNG_OFFENDER_INSTITUTION: "II",
  /** §17 II: death in a secure training centre, whatever the circumstances. */
  DEATH_IN_SECURE_TRAINING_CENTRE: "II",
  /** §17 II: death in a secure children's home, whatever the circumstances. */
  DEATH_IN_SECURE_CHILDRENS_HOME: "II",
  /** §17 II: death in police custody, whatever the circumstances. */
  DEATH_IN_POLICE_CUSTODY: "II",
  /** §17 III: death while treated in Tier 4 or similar psychiatric provision, detained or not. */
  DEATH_IN_TIER4_PSYCHIATRIC_PROVISION: "III",
  /** §17 IV: potentially life-threatening injury caused by abuse or neglect. */
  POTENTIALLY_LIFE_THREATENING_INJURY: "IV",
  /** §17 IV: serious and potentially permanent impairment of health or development. */
  SERIOUS_PERMANENT_IMPAIRMENT: "IV",
  /** §17 IV: longstanding or grave sexual abuse. */
  LONGSTANDING_OR_GRAVE_SEXUAL_ABUSE: "IV",
} as const satisfies Record<string, Category>;
export type Criterion = keyof typeof CRITERIA;
export const CRITERION_NAMES = Object.keys(CRITERIA) as Criterion[];

/** What happened to the child. Death includes suspected suicide and self-harm (§17). */
export const OUTCOMES = ["DEATH", "SERIOUS_HARM"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const DEATH_CIRCUMSTANCES = [
  "SUSPECTED_SUICIDE",
  "SELF_HARM",
  "ABUSE_OR_NEGLECT",
  "ILLNESS_OR_NATURAL_CAUSES",
  "ACCIDENT",
  "OTHER",
  "NOT_YET_KNOWN",
] as const;
export type DeathCircumstance = (typeof DEATH_CIRCUMSTANCES)[number];

export const ABUSE_KNOWLEDGE = ["KNOWN", "SUSPECTED"] as const;
export type AbuseKnowledge = (typeof ABUSE_KNOWLEDGE)[number];

export const NOTIFICATION_STATUSES = ["DRAFT", "SUBMITTED", "DECIDED"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const MAX_CHILDREN = 4;
export const NATIONAL_PANEL_WORKING_DAYS = 5;
export const RAPID_REVIEW_WORKING_DAYS = 15;
/** A clock is "due soon" when this many working days or fewer remain. */
export const DUE_SOON_WORKING_DAYS = 2;

export interface CriterionClaim {
  readonly criterion: Criterion;
  /** Why the criterion applies: required for every criterion claimed (§17). */
  readonly reason: string;
}

/** What can be typed into a notification; a draft may leave any of it out. */
export interface NotificationContent {
  readonly outcome: Outcome | null;
  readonly deathCircumstance: DeathCircumstance | null;
  /**
   * §17 I: abuse or neglect known or suspected (it need not have caused the death); §17 IV: the
   * harm was caused by abuse or neglect, known or suspected.
   */
  readonly abuseOrNeglect: AbuseKnowledge | null;
  /** §17 III: whether the child was detained under the Mental Health Act (either qualifies). */
  readonly detainedUnderMentalHealthAct: boolean | null;
  readonly criteria: readonly CriterionClaim[];
  readonly incidentDate: string | null;
  /** The date the notifying agency became aware: the clocks run from here. */
  readonly awareDate: string | null;
  readonly involvedAgencyIds: readonly string[];
  readonly caseIds: readonly string[];
  /** Non-identifying summary of what happened. */
  readonly summary: string | null;
}

/** What a notification holds before anything is typed. */
export const EMPTY_CONTENT: NotificationContent = {
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

/** What a client sends: any part of the content; absent keeps a value, null clears it. */
export type ContentInput = {
  readonly [K in keyof NotificationContent]?: NotificationContent[K] | null;
};

/** Merges typed input into content: an absent field keeps its value, null clears it. */
export function mergeContent(base: NotificationContent, input: ContentInput): NotificationContent {
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(EMPTY_CONTENT) as (keyof NotificationContent)[]) {
    const value = input[key];
    if (value !== undefined) out[key] = value ?? EMPTY_CONTENT[key];
  }
  // Plain data only: inputs may arrive as class instances, which are not stored as such.
  const merged = out as unknown as NotificationContent;
  return {
    ...merged,
    criteria: merged.criteria.map((c) => ({ criterion: c.criterion, reason: c.reason })),
    involvedAgencyIds: [...merged.involvedAgencyIds],
    caseIds: [...merged.caseIds],
  };
}

/** The content part of a notification. */
export function contentOf(n: NotificationContent): NotificationContent {
  return Object.fromEntries(
    (Object.keys(EMPTY_CONTENT) as (keyof NotificationContent)[]).map((k) => [k, n[k]]),
  ) as unknown as NotificationContent;
}

export interface IncidentNotification extends Versioned, NotificationContent {
  readonly id: string;
  readonly partnershipId: string;
  readonly notifyingAgencyId: string;
  readonly status: NotificationStatus;
  readonly category: Category | null;
  readonly submittedAt: string | null;
  readonly createdBy: string;
  readonly nationalPanelNotifiedOn: string | null;
  readonly rapidReviewCompletedOn: string | null;
  /** Records of the clocks' dates, corrections included (each its own record). */
  readonly clockRecordCount: number;
}

/** One record of when a clock was met: the first, or a correction of an earlier one. */
export interface ClockRecord {
  readonly id: string;
  readonly clock: ClockName;
  readonly on: string;
  /** The date this record replaced; null for the first record of the clock. */
  readonly previousOn: string | null;
  /** Why the date was corrected (a correction always says why). */
  readonly reason: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** The most clock records one notification keeps (two clocks, corrected a few times each). */
export const MAX_CLOCK_RECORDS = 20;

/** §17 IV criteria whose harm must have been caused by abuse or neglect (recorded as its cause). */
const CAUSED_BY_ABUSE_OR_NEGLECT: readonly Criterion[] = [
  "POTENTIALLY_LIFE_THREATENING_INJURY",
  "SERIOUS_PERMANENT_IMPAIRMENT",
];

/** The most serious category among the criteria claimed (I before IV); null when none. */
export function categoryOf(criteria: readonly CriterionClaim[]): Category | null {
  const cats = criteria.map((c) => CRITERIA[c.criterion]);
  return CATEGORIES.find((c) => cats.includes(c)) ?? null;
}

/** Rules any draft must keep (what is typed must make sense, even if incomplete). */
export function checkDraft(c: NotificationContent, today: string, field = "input"): void {
  const seen = new Set<string>();
  c.criteria.forEach((claim, i) => {
    if (seen.has(claim.criterion))
      throw new ValidationError(`${field}.criteria.${i}.criterion`, "A criterion is listed twice");
    seen.add(claim.criterion);
  });
  if (c.caseIds.length > MAX_CHILDREN)
    throw new ValidationError(
      `${field}.caseIds`,
      `A notification covers at most ${MAX_CHILDREN} children`,
    );
  if (new Set(c.caseIds).size !== c.caseIds.length)
    throw new ValidationError(`${field}.caseIds`, "A child is listed twice");
  if (new Set(c.involvedAgencyIds).size !== c.involvedAgencyIds.length)
    throw new ValidationError(`${field}.involvedAgencyIds`, "An agency is listed twice");
  if (c.incidentDate) checkPastDate(c.incidentDate, today, `${field}.incidentDate`);
  if (c.awareDate) checkPastDate(c.awareDate, today, `${field}.awareDate`);
  if (c.incidentDate && c.awareDate && c.awareDate < c.incidentDate)
    throw new ValidationError(
      `${field}.awareDate`,
      "An agency cannot become aware before the incident",
    );
  if (c.outcome === "SERIOUS_HARM" && c.deathCircumstance)
    throw new ValidationError(
      `${field}.deathCircumstance`,
      "Only a death has a death circumstance",
    );
}

/**
 * §17: what a submitted notification must hold. Each criterion claimed must fit what happened:
 * categories I–III are deaths (including suspected suicide and self-harm), category IV is serious
 * harm to a living child; category I needs abuse or neglect known or suspected, but not as the
 * cause of death; categories II and III apply whatever the circumstances, detained or not.
 */
export function checkComplete(c: NotificationContent, today: string, field = "input"): Category {
  checkDraft(c, today, field);
  const need = (value: unknown, name: string, message: string) => {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0))
      throw new ValidationError(`${field}.${name}`, message);
  };
  need(c.outcome, "outcome", "Say whether the child died or was seriously harmed");
  need(c.criteria, "criteria", "Claim at least one §17 criterion, with the reason it applies");
  need(c.incidentDate, "incidentDate", "The incident date is required");
  need(c.awareDate, "awareDate", "The date the agency became aware is required");
  need(c.caseIds, "caseIds", "Link the notification to one to four children's cases");
  need(c.summary?.trim() || null, "summary", "A summary of what happened is required");
  c.criteria.forEach((claim, i) => {
    const at = `${field}.criteria.${i}`;
    if (!claim.reason.trim())
      throw new ValidationError(`${at}.reason`, "Give the reason this criterion applies");
    const category = CRITERIA[claim.criterion];
    if (category === "IV" && c.outcome !== "SERIOUS_HARM")
      throw new ValidationError(
        `${at}.criterion`,
        "Category IV is serious harm to a living child; a death is category I, II or III",
      );
    if (category !== "IV" && c.outcome !== "DEATH")
      throw new ValidationError(
        `${at}.criterion`,
        `Category ${category} applies to a child's death`,
      );
    if (claim.criterion === "DEATH_ABUSE_OR_NEGLECT_KNOWN_OR_SUSPECTED" && !c.abuseOrNeglect)
      throw new ValidationError(
        `${field}.abuseOrNeglect`,
        "Category I needs abuse or neglect known or suspected (it need not have caused the death)",
      );
    // §17 IV: the injury or the impairment was caused by abuse or neglect (longstanding or grave
    // sexual abuse is abuse by definition).
    if (CAUSED_BY_ABUSE_OR_NEGLECT.includes(claim.criterion) && !c.abuseOrNeglect)
      throw new ValidationError(
        `${field}.abuseOrNeglect`,
        "Category IV harm of this kind is caused by abuse or neglect: record it as known or suspected (§17 IV)",
      );
  });
  return categoryOf(c.criteria) as Category;
}

export const CLOCK_NAMES = ["NATIONAL_PANEL_NOTIFICATION", "RAPID_REVIEW"] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

/** Where a clock's date is kept on the notification. */
const CLOCK_FIELD = {
  NATIONAL_PANEL_NOTIFICATION: "nationalPanelNotifiedOn",
  RAPID_REVIEW: "rapidReviewCompletedOn",
} as const satisfies Record<ClockName, keyof IncidentNotification>;

/**
 * When a clock was met: from the day the agency became aware, not in the future. Recording a
 * clock that already has a date is a correction: it needs a reason, and the earlier date is kept
 * in the record it makes. Recording the same date again changes nothing (null).
 */
export function recordClock(
  n: IncidentNotification,
  clock: ClockName,
  on: string,
  reason: string | null | undefined,
  id: string,
  rec: { readonly by: string; readonly at: string; readonly today: string },
): { change: Partial<IncidentNotification>; record: ClockRecord } | null {
  if (n.status === "DRAFT")
    throw new ValidationError("input.id", "A draft has no clocks running until it is submitted");
  checkPastDate(on, rec.today, "input.on");
  if (n.awareDate && on < n.awareDate)
    throw new ValidationError("input.on", "The date is before the agency became aware");
  const field = CLOCK_FIELD[clock];
  const previousOn = n[field];
  if (previousOn === on) return null;
  const why = reason?.trim() || null;
  if (why && why.length > 2000)
    throw new ValidationError("input.reason", "A reason is at most 2000 characters");
  if (previousOn && !why)
    throw new ValidationError(
      "input.reason",
      `The ${clock} clock was recorded as met on ${previousOn}: say why it is corrected`,
    );
  if (n.clockRecordCount >= MAX_CLOCK_RECORDS)
    throw new ValidationError(
      "input.on",
      `A notification keeps at most ${MAX_CLOCK_RECORDS} clock records`,
    );
  return {
    change: { [field]: on, clockRecordCount: n.clockRecordCount + 1 },
    record: { id, clock, on, previousOn, reason: why, recordedBy: rec.by, recordedAt: rec.at },
  };
}

/** The statutory clocks of a submitted notification, counted in England and Wales working days. */
export interface Clock {
  readonly name: ClockName;
  readonly dueOn: string;
  readonly metOn: string | null;
  readonly state: ClockState;
  /**
   * Working days left: the working days after today up to and including the due date (0 on the
   * due date itself). Once overdue, negative: minus the working days from the day after the due
   * date up to and including today, a non-working day counting with the working day after it
   * (so the Saturday after a Friday due date reads -1, as does the Monday). Null once met.
   */
  readonly workingDaysLeft: number | null;
}

export const CLOCK_STATES = ["DUE", "DUE_SOON", "OVERDUE", "MET", "MET_LATE"] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

function clockState(dueOn: string, metOn: string | null, today: string): ClockState {
  if (metOn) return metOn <= dueOn ? "MET" : "MET_LATE";
  if (today > dueOn) return "OVERDUE";
  return workingDaysBetween(today, dueOn) <= DUE_SOON_WORKING_DAYS ? "DUE_SOON" : "DUE";
}

/** Working days left until `dueOn` (see Clock.workingDaysLeft): negative exactly when overdue. */
export function workingDaysLeft(dueOn: string, today: string): number {
  if (today <= dueOn) return workingDaysBetween(today, dueOn);
  const counted = isWorkingDay(today) ? today : addWorkingDays(today, 1);
  return -workingDaysBetween(dueOn, counted);
}

/** Both clocks, from the date the notifying agency became aware. */
export function clocks(n: IncidentNotification, today: string): Clock[] {
  if (n.status === "DRAFT" || !n.awareDate) return [];
  const make = (name: Clock["name"], days: number, metOn: string | null): Clock => {
    const dueOn = addWorkingDays(n.awareDate as string, days);
    return {
      name,
      dueOn,
      metOn,
      state: clockState(dueOn, metOn, today),
      workingDaysLeft: metOn ? null : workingDaysLeft(dueOn, today),
    };
  };
  return [
    make("NATIONAL_PANEL_NOTIFICATION", NATIONAL_PANEL_WORKING_DAYS, n.nationalPanelNotifiedOn),
    make("RAPID_REVIEW", RAPID_REVIEW_WORKING_DAYS, n.rapidReviewCompletedOn),
  ];
}

/** The earliest due date among clocks not yet met (indexed for the due/overdue lists). */
export function nextDueDate(n: IncidentNotification): string | null {
  if (n.status === "DRAFT" || !n.awareDate) return null;
  const open = [
    n.nationalPanelNotifiedOn ? null : addWorkingDays(n.awareDate, NATIONAL_PANEL_WORKING_DAYS),
    n.rapidReviewCompletedOn ? null : addWorkingDays(n.awareDate, RAPID_REVIEW_WORKING_DAYS),
  ].filter((d): d is string => d !== null);
  return open.sort()[0] ?? null;
}

/** The agencies a notification names: the notifier and those it says are involved. */
export function namedAgencies(
  n: Pick<IncidentNotification, "notifyingAgencyId" | "involvedAgencyIds">,
): string[] {
  return [...new Set([n.notifyingAgencyId, ...n.involvedAgencyIds])];
}

/**
 * §18: the agencies legitimately concerned with a notification: those involved in the case or
 * cases it covers (as the cases stand now, so a change to a case's agencies changes who is
 * concerned), together with those the notification names.
 */
export function concernedAgencies(
  n: Pick<IncidentNotification, "notifyingAgencyId" | "involvedAgencyIds">,
  cases: readonly { readonly agencyIds: readonly string[] }[],
): string[] {
  return [...new Set([...namedAgencies(n), ...cases.flatMap((c) => c.agencyIds)])];
}

/** The agencies a notification is listed for: its notifier's only while a draft. */
export function listedAgencies(
  n: Pick<IncidentNotification, "status" | "notifyingAgencyId" | "involvedAgencyIds">,
  cases: readonly { readonly agencyIds: readonly string[] }[],
): string[] {
  return n.status === "DRAFT" ? [n.notifyingAgencyId] : concernedAgencies(n, cases);
}

/** Deadline states a list can filter by (open clocks only). */
export const DEADLINE_FILTERS = ["DUE", "DUE_SOON", "OVERDUE"] as const;
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];

/** The due dates of open clocks a deadline filter covers, as of today. */
export function deadlineRange(filter: DeadlineFilter, today: string): DateRange {
  switch (filter) {
    case "OVERDUE":
      return { to: addDays(today, -1) };
    case "DUE_SOON":
      return { from: today, to: addWorkingDays(today, DUE_SOON_WORKING_DAYS) };
    case "DUE":
      return { from: today };
    default:
      throw new UnreachableCaseError(filter);
  }
}
