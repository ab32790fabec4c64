import { ForbiddenError, UnauthenticatedError, UnreachableCaseError } from "../domain/errors";
import type { RecommendationStatus } from "../domain/recommendations";
import { PLATFORM, PLATFORM_ROLES, type Principal, type Role } from "../domain/roles";

/**
 * The one place that decides who may see and do what, the anonymous caller (`null`) included.
 * Services ask it before every read and write, and the GraphQL layer asks it which root
 * operations an anonymous caller may reach; nothing else in the code base makes an access
 * decision. Tenant isolation is structural (every key the data layer builds starts with the
 * principal's partnership), so the rules here only ever compare records inside the principal's
 * own partnership.
 */

/** Who is calling: a verified principal, or nobody (no token). */
export type Caller = Principal | null;

/** The board's core roles: legitimately concerned with every case of their partnership (§18). */
export const BOARD_CORE_ROLES: readonly Role[] = [
  "INDEPENDENT_CHAIR",
  "SCR_SUBGROUP",
  "BUSINESS_UNIT",
];

/** Roles that see the board's learning as a whole (recommendations, figures). */
const BOARD_WIDE_ROLES: readonly Role[] = [...BOARD_CORE_ROLES, "BOARD_MEMBER", "AUDIT_GROUP"];

/** Roles that act for one member agency and see that agency's cases. */
const AGENCY_CASE_ROLES: readonly Role[] = ["AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"];

/**
 * Roles that may read a child's identifying details: the board's own staff who run reviews and
 * contact families, and the staff of an agency that works with the family. Chairs, subgroups and
 * board members decide on pseudonymised papers; partner systems only write (data minimisation).
 */
const IDENTITY_READER_AGENCY_ROLES: readonly Role[] = ["AGENCY_LEAD", "PRACTITIONER"];

export type Action =
  | "partnership:read"
  | "partnership:readPublic"
  | "agency:read"
  | "agency:write"
  | "person:list"
  | "person:read"
  | "person:readContact"
  | "person:write"
  | "person:invite"
  | "person:changeRoles"
  | "person:enable"
  | "person:readRoleHistory"
  | "partnerSystem:read"
  | "partnerSystem:register"
  | "partnerSystem:enable"
  | "partnership:create"
  | "case:create"
  | "case:read"
  | "case:readIdentity"
  | "case:updateIdentity"
  | "case:updateAgencies"
  | "accessLog:read"
  | "notification:create"
  | "notification:listDrafts"
  | "notification:linkCase"
  | "notification:read"
  | "notification:readDraft"
  | "notification:editDraft"
  | "notification:recordClock"
  | "notification:readClockHistory"
  | "decision:read"
  | "decision:readDissents"
  | "decision:recommend"
  | "decision:dissent"
  | "decision:giveAgencyView"
  | "decision:decide"
  | "recommendation:create"
  | "recommendation:read"
  | "recommendation:decide"
  | "recommendation:progress"
  | "recommendation:evidence"
  | "recommendation:transition"
  | "recommendation:observe"
  | "recommendation:revisit"
  | "action:create"
  | "action:update"
  | "overdue:read"
  | "effectiveness:read"
  | "dashboard:read"
  | "review:commission"
  | "review:read"
  | "review:readCase"
  | "review:manage"
  | "review:selectCases"
  | "review:decide"
  | "review:appoint"
  | "review:readFamily"
  | "review:recordFamily"
  | "review:attachRecords"
  | "review:share"
  | "review:publish"
  | "reviewer:read"
  | "reviewer:write"
  | "contribution:request"
  | "contribution:read"
  | "contribution:readShared"
  | "contribution:submit"
  | "contribution:review"
  | "learning:readPublished"
  | "annualReport:read"
  | "priority:read"
  | "priority:write"
  | "auditGroup:read"
  | "auditGroup:write"
  | "agencyAudit:read"
  | "agencyAudit:write"
  | "agencyAudit:challenge"
  | "section11Standard:write"
  | "nearMiss:report"
  | "nearMiss:read"
  | "nearMiss:readReporter"
  | "nearMiss:respond"
  | "nearMiss:readStatus"
  | "nearMiss:readCounts"
  | "escalation:read"
  | "escalation:decide"
  | "reflection:create"
  | "reflection:read"
  | "digest:read"
  | "digest:edit"
  | "digest:offer"
  | "digestWork:read"
  | "digest:decideRelevance"
  | "challenge:record"
  | "dissemination:record"
  | "dissemination:readSummary";

/** The attributes of a record a decision may depend on. */
export interface Resource {
  /** Agencies involved in the case (for case actions) or the agency a person belongs to. */
  readonly agencyIds?: readonly string[];
  /** The subject a person record belongs to (for `person:read` and `person:readContact`). */
  readonly subject?: string;
  /** The status a recommendation is moved to (for `recommendation:transition`). */
  readonly to?: RecommendationStatus;
  /** The roles granted, taken away, or held (for `person:invite` and `person:changeRoles`). */
  readonly roles?: readonly Role[];
  /** A review's lead reviewer (the person who signs in as them), for review actions. */
  readonly leadReviewer?: string | null;
  /** The people on a review's panel who sign in, for review actions. */
  readonly panel?: readonly string[];
  /** The caller holds the receipt of the report asked about (for `nearMiss:readStatus`). */
  readonly holdsReceipt?: boolean;
}

/**
 * Which roles each role may give (§12: the business unit runs the board's administration). No
 * one grants a role above their own; only the Chair's office grants INDEPENDENT_CHAIR; an
 * agency's lead grants its own agency's roles; platform operators only set up a partnership's
 * first business unit; partner systems are registered, never granted.
 */
const GRANTS: Partial<Record<Role, readonly Role[]>> = {
  INDEPENDENT_CHAIR: [
    "INDEPENDENT_CHAIR",
    "SCR_SUBGROUP",
    "BUSINESS_UNIT",
    "AGENCY_LEAD",
    "PRACTITIONER",
    "AUDIT_GROUP",
    "REVIEWER",
    "BOARD_MEMBER",
  ],
  BUSINESS_UNIT: [
    "SCR_SUBGROUP",
    "BUSINESS_UNIT",
    "AGENCY_LEAD",
    "PRACTITIONER",
    "AUDIT_GROUP",
    "REVIEWER",
    "BOARD_MEMBER",
  ],
  AGENCY_LEAD: ["AGENCY_LEAD", "PRACTITIONER"],
  // Platform operators set up partnerships and appoint the catalogue's editors (§16).
  PLATFORM_OPERATOR: ["BUSINESS_UNIT", "CATALOGUE_EDITOR"],
};

/**
 * Whether `p` may change someone of `agencyIds` at all (an agency's lead: only someone of their
 * own agency, whatever roles the change gives or takes), and give or take every one of `roles`.
 */
function mayGrant(p: Principal, r: Resource): boolean {
  const grantors = p.roles.filter(
    (own) => GRANTS[own] !== undefined && (own !== "AGENCY_LEAD" || actsForOneOf(p, r.agencyIds)),
  );
  if (grantors.length === 0) return false;
  return (r.roles ?? []).every((role) => grantors.some((own) => GRANTS[own]?.includes(role)));
}

/**
 * The root operations a partner system may be registered for (each still asks the rules below):
 * what an agency's case-management system does, and nothing of the board's.
 */
export const PARTNER_SYSTEM_OPERATIONS: readonly string[] = [
  "partnership",
  "agencies",
  "agency",
  "me",
  "person",
  "publicPartnership",
  "cases",
  "case",
  "createCase",
  "notifications",
  "notification",
  "createNotificationDraft",
  "updateNotificationDraft",
  "submitNotification",
  "submitIncidentNotification",
  "recommendations",
  "recommendation",
  "actions",
  "action",
  "updateActionStatus",
  "recordActionProgress",
  // §28: the agency's part in reviews: what is asked of it, and its answers.
  "reviews",
  "review",
  "contributionRequests",
  "contribution",
  "submitContribution",
  "publishedLearning",
  "annualReport",
  "reportNearMiss",
  "createAgencyAudit",
  "recordAgencyAuditEntry",
  "rateSection11Standard",
  "agencyAudits",
  "agencyAudit",
  "section11Standards",
];

const has = (p: Principal, roles: readonly Role[]) => p.roles.some((r) => roles.includes(r));
const actsForOneOf = (p: Principal, agencyIds: readonly string[] | undefined) =>
  p.agencyId !== null && (agencyIds ?? []).includes(p.agencyId);

/** The review's lead reviewer, signed in as a reviewer (§23). */
const leads = (p: Principal, r: Resource) =>
  has(p, ["REVIEWER"]) && r.leadReviewer !== undefined && r.leadReviewer === p.subject;
/** A reviewer on the review's panel. */
const onPanel = (p: Principal, r: Resource) =>
  has(p, ["REVIEWER"]) && (r.panel ?? []).includes(p.subject);

/** What a caller with no token may do: read what is public, and nothing else. */
const PUBLIC_ACTIONS: ReadonlySet<Action> = new Set([
  "partnership:readPublic",
  // §33–34: what the board published, and nothing else of a review.
  "learning:readPublished",
]);

/** Root operations of the API an anonymous caller may call (each still asks the rules below). */
const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set(["publicPartnership", "publishedLearning"]);

/**
 * §35: who moves a recommendation to each status. Accepting, rejecting and closing are the
 * board's decisions; starting and implementing are the owner's; evidencing impact is the owner's
 * or the business unit's.
 */
const TRANSITION_ACTION: Record<RecommendationStatus, Action> = {
  PROPOSED: "recommendation:decide",
  ACCEPTED: "recommendation:decide",
  REJECTED: "recommendation:decide",
  CLOSED: "recommendation:decide",
  IN_PROGRESS: "recommendation:progress",
  IMPLEMENTED: "recommendation:progress",
  IMPACT_EVIDENCED: "recommendation:evidence",
};

const RULES: Record<Action, (p: Principal, r: Resource) => boolean> = {
  "partnership:read": () => true,
  "partnership:readPublic": () => true,
  "agency:read": () => true,
  "agency:write": (p) => has(p, ["BUSINESS_UNIT"]),
  "person:list": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  // A colleague's name, job title and roles (who recorded what) are known across the partnership;
  // their contact details are not (person:readContact).
  "person:read": () => true,
  "person:readContact": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) ||
    (r.subject !== undefined && r.subject === p.subject) ||
    (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  "person:write": (p) => has(p, ["BUSINESS_UNIT"]),
  // agencyIds = [the person's agency]; roles = the roles given (all of them, for an invitation).
  "person:invite": (p, r) =>
    has(p, ["INDEPENDENT_CHAIR", "BUSINESS_UNIT", "AGENCY_LEAD"]) && mayGrant(p, r),
  // roles = the roles given and the roles taken away: both are grants.
  "person:changeRoles": (p, r) =>
    has(p, ["INDEPENDENT_CHAIR", "BUSINESS_UNIT", "AGENCY_LEAD"]) && mayGrant(p, r),
  // roles = the person's roles: disabling someone is taking every role they hold.
  "person:enable": (p, r) =>
    has(p, ["INDEPENDENT_CHAIR", "BUSINESS_UNIT", "AGENCY_LEAD"]) && mayGrant(p, r),
  "person:readRoleHistory": (p) => has(p, ["BUSINESS_UNIT", "INDEPENDENT_CHAIR"]),
  // agencyIds = [the system's agency].
  "partnerSystem:read": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  "partnerSystem:register": (p) => has(p, ["BUSINESS_UNIT"]),
  "partnerSystem:enable": (p) => has(p, ["BUSINESS_UNIT"]),
  "partnership:create": (p) => has(p, ["PLATFORM_OPERATOR"]),
  "case:create": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  "case:read": (p, r) =>
    has(p, BOARD_CORE_ROLES) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  "case:readIdentity": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) ||
    (has(p, IDENTITY_READER_AGENCY_ROLES) && actsForOneOf(p, r.agencyIds)),
  "case:updateIdentity": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  "case:updateAgencies": (p) => has(p, ["BUSINESS_UNIT"]),
  "accessLog:read": (p) => has(p, ["BUSINESS_UNIT"]),
  // §17: member agencies notify for themselves (agencyIds = [the notifying agency]); the
  // business unit may record one on any agency's behalf.
  "notification:create": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  // A notification links only the cases its notifier may read (agencyIds = the case's agencies):
  // an agency, its partner system included, links a child's case only when the agency is
  // involved in it (the business unit adds an agency to a case first); a case the caller may
  // not read is, to them, a case that does not exist.
  "notification:linkCase": (p, r) => RULES["case:read"](p, r),
  // Drafts are their notifiers' own: only the business unit lists every agency's.
  "notification:listDrafts": (p) => has(p, ["BUSINESS_UNIT"]),
  "notification:read": (p, r) =>
    has(p, BOARD_CORE_ROLES) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  // A draft is the notifying agency's own work until submitted (agencyIds = [notifier]).
  "notification:readDraft": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  "notification:editDraft": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  "notification:recordClock": (p) => has(p, ["BUSINESS_UNIT", "SCR_SUBGROUP"]),
  // Every date recorded for the clocks, corrections and their reasons: the board's core roles.
  "notification:readClockHistory": (p) => has(p, BOARD_CORE_ROLES),
  // §18: the decision and its reasons are for legitimately concerned parties: the board's core
  // roles and the staff of agencies involved in the case (not their partner systems).
  "decision:read": (p, r) =>
    has(p, BOARD_CORE_ROLES) ||
    (has(p, IDENTITY_READER_AGENCY_ROLES) && actsForOneOf(p, r.agencyIds)),
  // Dissent within the SCR group goes to the Chair (§18), not to the agencies.
  "decision:readDissents": (p) => has(p, BOARD_CORE_ROLES),
  "decision:recommend": (p) => has(p, ["SCR_SUBGROUP"]),
  "decision:dissent": (p) => has(p, ["SCR_SUBGROUP"]),
  "decision:giveAgencyView": (p, r) => has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds),
  // §18: only the Independent Chair decides.
  "decision:decide": (p) => has(p, ["INDEPENDENT_CHAIR"]),
  // §35–37. Recommendations are made by the groups that learn (reviews, audits, the business
  // unit); agencies see those they own or whose learning activity they took part in
  // (agencyIds = owner + participating agencies).
  "recommendation:create": (p) => has(p, ["BUSINESS_UNIT", "SCR_SUBGROUP", "AUDIT_GROUP"]),
  "recommendation:read": (p, r) =>
    has(p, BOARD_WIDE_ROLES) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  // Accepting, rejecting and closing are the board's decisions.
  "recommendation:decide": (p) => has(p, ["BUSINESS_UNIT", "INDEPENDENT_CHAIR"]),
  // Starting and implementing are the owner's (agencyIds = [owning agency]).
  "recommendation:progress": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  "recommendation:evidence": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  // §36: anyone who sees the recommendation at a lead level may report a consequence.
  // agencyIds = [owning agency], to = the status asked for.
  "recommendation:transition": (p, r) => r.to !== undefined && RULES[TRANSITION_ACTION[r.to]](p, r),
  "recommendation:observe": (p, r) =>
    has(p, BOARD_CORE_ROLES) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  "recommendation:revisit": (p) => has(p, ["BUSINESS_UNIT", "SCR_SUBGROUP", "INDEPENDENT_CHAIR"]),
  // Actions: agencyIds = [the action's owning agency].
  "action:create": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  "action:update": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) ||
    (has(p, ["AGENCY_LEAD", "PARTNER_SYSTEM"]) && actsForOneOf(p, r.agencyIds)),
  // agencyIds = [the summary's agency]; the board's summary has none.
  "overdue:read": (p, r) =>
    has(p, BOARD_WIDE_ROLES) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  "effectiveness:read": (p) => has(p, BOARD_WIDE_ROLES),
  // §37, §12: the board dashboard. agencyIds = [] for the whole partnership's figures, or
  // [the agency] for one agency's view: board roles any; an agency's lead only their own.
  "dashboard:read": (p, r) =>
    has(p, BOARD_WIDE_ROLES) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  // §21, §24: the board commissions reviews and learning exercises (an SCR only through the
  // Chair's decision, decision:decide).
  "review:commission": (p) => has(p, ["BUSINESS_UNIT", "INDEPENDENT_CHAIR"]),
  // A review is read by the board (its members accept reports), its panel, and the staff and
  // partner systems of the agencies that take part in it or received its information
  // (agencyIds = participating + informed agencies; panel; leadReviewer).
  "review:read": (p, r) =>
    has(p, [...BOARD_CORE_ROLES, "BOARD_MEMBER"]) ||
    onPanel(p, r) ||
    (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  // The cases under review: as case:read (agencyIds = the case's agencies), and for its panel.
  "review:readCase": (p, r) => RULES["case:read"](p, r) || onPanel(p, r),
  // Running the review: the business unit, the SCR subgroup and the lead reviewer.
  "review:manage": (p, r) => has(p, ["BUSINESS_UNIT", "SCR_SUBGROUP"]) || leads(p, r),
  // §30–31: the board selects the cases a review covers, and an alternative when a family does
  // not consent (the lead reviewer may not read the partnership's cases).
  "review:selectCases": (p) => has(p, ["BUSINESS_UNIT", "SCR_SUBGROUP"]),
  // The board accepts the report (and sends a draft back).
  "review:decide": (p) => has(p, ["INDEPENDENT_CHAIR", "BUSINESS_UNIT"]),
  // §23: the board appoints reviewers and the panel.
  "review:appoint": (p) => has(p, ["BUSINESS_UNIT", "SCR_SUBGROUP"]),
  // §26–32: contacts with families and their consent are special-category data: the board's
  // core roles and the lead reviewer, who involve the family on behalf of all agencies (§30).
  "review:readFamily": (p, r) => has(p, BOARD_CORE_ROLES) || leads(p, r),
  "review:recordFamily": (p, r) => has(p, ["BUSINESS_UNIT"]) || leads(p, r),
  // An agency's records of a case (agencyIds = [that agency]): its lead, the business unit, the
  // lead reviewer.
  "review:attachRecords": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) ||
    leads(p, r) ||
    (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  // §29, §32: sharing the review's information at its end.
  "review:share": (p) => has(p, ["BUSINESS_UNIT"]),
  // §33–34: publication, withholding and withdrawal are the board's decisions.
  "review:publish": (p) => has(p, ["INDEPENDENT_CHAIR", "BUSINESS_UNIT"]),
  // §23: the pool (its training records) is the board's to keep; a reviewer reads their own.
  "reviewer:read": (p, r) =>
    has(p, BOARD_CORE_ROLES) || (has(p, ["REVIEWER"]) && r.subject === p.subject),
  "reviewer:write": (p) => has(p, ["BUSINESS_UNIT"]),
  // §28: contributions are asked by those running the review.
  "contribution:request": (p, r) => has(p, ["BUSINESS_UNIT", "SCR_SUBGROUP"]) || leads(p, r),
  // An agency sees and answers only its own requests (agencyIds = [the agency asked]); the lead
  // reviewer and the board's core roles see all. (Information shared at the end, §29/§32, is
  // decided in the service from the shares recorded.)
  "contribution:read": (p, r) =>
    has(p, BOARD_CORE_ROLES) ||
    leads(p, r) ||
    (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  // §29, §32: a contribution shared at the end of the review is read by the staff of the agencies
  // that received it (agencyIds = those agencies), not by their partner systems.
  "contribution:readShared": (p, r) =>
    has(p, IDENTITY_READER_AGENCY_ROLES) && actsForOneOf(p, r.agencyIds),
  "contribution:submit": (p, r) => has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds),
  "contribution:review": (p, r) => has(p, ["BUSINESS_UNIT", "SCR_SUBGROUP"]) || leads(p, r),
  "learning:readPublished": () => true,
  // The annual report's learning: everyone of the partnership (it is published).
  "annualReport:read": () => true,
  // Business-plan priorities: data the business unit maintains; everyone who learns links to them.
  "priority:read": (p) => !has(p, ["PLATFORM_OPERATOR"]),
  "priority:write": (p) => has(p, ["BUSINESS_UNIT"]),
  // §13–14: the audit group's membership, meetings, exercises and compliance are the board's.
  "auditGroup:read": (p) => has(p, BOARD_WIDE_ROLES),
  "auditGroup:write": (p) => has(p, ["AUDIT_GROUP", "BUSINESS_UNIT"]),
  // §11–12: an agency sees and edits only its own audits (agencyIds = [the audit's agency]);
  // the board's core roles and the audit group see all.
  "agencyAudit:read": (p, r) =>
    has(p, [...BOARD_CORE_ROLES, "AUDIT_GROUP"]) ||
    (has(p, ["AGENCY_LEAD", "PARTNER_SYSTEM"]) && actsForOneOf(p, r.agencyIds)),
  "agencyAudit:write": (p, r) =>
    has(p, ["AGENCY_LEAD", "PARTNER_SYSTEM"]) && actsForOneOf(p, r.agencyIds),
  // §12: the Executive's challenge to the agency: the board's core roles.
  "agencyAudit:challenge": (p) => has(p, BOARD_CORE_ROLES),
  "section11Standard:write": (p) => has(p, ["BUSINESS_UNIT"]),
  // §7: any member of an agency's staff (or its partner system) reports, for their own agency.
  "nearMiss:report": (p, r) =>
    has(p, ["AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"]) && actsForOneOf(p, r.agencyIds),
  // §15: reports are the agency's to decide on: its safeguarding lead reads them
  // (agencyIds = [the report's agency]); the board sees counts, never reports or reporters.
  "nearMiss:read": (p, r) => has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds),
  // §7: a named reporter is known only to their own agency's safeguarding lead.
  "nearMiss:readReporter": (p, r) => has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds),
  "nearMiss:respond": (p, r) => has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds),
  // §7: reporters hear back: the named reporter (subject) or whoever holds the receipt.
  "nearMiss:readStatus": (p, r) =>
    r.holdsReceipt === true || (r.subject !== undefined && r.subject === p.subject),
  "nearMiss:readCounts": (p) => has(p, BOARD_WIDE_ROLES),
  // §24 I: escalations are the board's to decide; the escalating agency's lead follows its own.
  "escalation:read": (p, r) =>
    has(p, BOARD_CORE_ROLES) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  "escalation:decide": (p) => has(p, ["INDEPENDENT_CHAIR", "SCR_SUBGROUP", "BUSINESS_UNIT"]),
  // §9–10: staff record their reflective practice for the agencies that took part
  // (agencyIds = those agencies); the board records multi-agency discussion.
  "reflection:create": (p, r) =>
    has(p, ["BUSINESS_UNIT", "AUDIT_GROUP"]) ||
    (has(p, ["AGENCY_LEAD", "PRACTITIONER"]) && actsForOneOf(p, r.agencyIds)),
  "reflection:read": (p, r) =>
    has(p, BOARD_WIDE_ROLES) ||
    (has(p, ["AGENCY_LEAD", "PRACTITIONER"]) && actsForOneOf(p, r.agencyIds)),
  // §16: the national catalogue is read by every partnership's staff and by its editors (not by
  // platform operators, who run the deployment, nor by agencies' case-management systems).
  "digest:read": (p) => !p.isMachine && (isStaff(p) || has(p, ["CATALOGUE_EDITOR"])),
  // §16: who edits the catalogue is a policy decision: its editors, not any partnership's staff.
  "digest:edit": (p) => has(p, ["CATALOGUE_EDITOR"]),
  // §16, §38: a partnership's business unit offers its published SCRs; editors decide.
  "digest:offer": (p) => !p.isMachine && has(p, ["BUSINESS_UNIT"]),
  // §16, §38: a partnership's relevance decisions, challenge sessions and dissemination are read
  // by its own staff (the learning is for spreading); isolation from other partnerships is
  // structural (their keys carry the principal's partnership).
  "digestWork:read": (p) => !p.isMachine && isStaff(p),
  // §16: "the SCR group will determine which ... are of most direct relevance".
  "digest:decideRelevance": (p) => has(p, ["SCR_SUBGROUP"]),
  // §16: the forum's sessions, run by the SCR group with the business unit recording them.
  "challenge:record": (p) => has(p, ["SCR_SUBGROUP", "BUSINESS_UNIT"]),
  "dissemination:record": (p) => has(p, ["SCR_SUBGROUP", "BUSINESS_UNIT"]),
  // §34, §38: the year's figures go to the annual report.
  "dissemination:readSummary": (p) => has(p, BOARD_WIDE_ROLES),
};

/** A person holding a role in a partnership (not a platform role, not a partner system). */
const isStaff = (p: Principal) =>
  p.partnershipId !== PLATFORM && !p.isMachine && !has(p, PLATFORM_ROLES);

/** Whether the caller may perform the action on the resource. */
export function can(caller: Caller, action: Action, resource: Resource = {}): boolean {
  if (PUBLIC_ACTIONS.has(action)) return true;
  return caller !== null && RULES[action](caller, resource);
}

/**
 * Throws unless the caller may perform the action: UNAUTHENTICATED for an anonymous caller,
 * FORBIDDEN for a principal.
 */
export function authorize(caller: Caller, action: Action, resource: Resource = {}): void {
  if (can(caller, action, resource)) return;
  if (caller === null) throw new UnauthenticatedError();
  throw new ForbiddenError();
}

/** The principal, or UNAUTHENTICATED for an anonymous caller. */
export function requirePrincipal(caller: Caller): Principal {
  if (caller === null) throw new UnauthenticatedError();
  return caller;
}

/**
 * Whether the caller may call a root operation at all: anonymous callers the public ones only; a
 * partner system only those its registration allows.
 */
export function mayCallOperation(caller: Caller, operation: string): boolean {
  if (caller === null) return PUBLIC_OPERATIONS.has(operation);
  if (caller.allowedOperations) return caller.allowedOperations.includes(operation);
  return true;
}

/** The root operations an anonymous caller may call. */
export const publicOperations = (): readonly string[] => [...PUBLIC_OPERATIONS];

/** Partner systems retry, so every create they send must carry an idempotency key. */
export function requiresIdempotencyKey(p: Principal): boolean {
  return p.isMachine;
}

/** Which cases a principal may list: every case of the partnership, one agency's, or none. */
export type CaseScope =
  | { readonly kind: "PARTNERSHIP" }
  | { readonly kind: "AGENCY"; readonly agencyId: string }
  | { readonly kind: "NONE" };

export function caseScope(p: Principal): CaseScope {
  return recordScope(p);
}

/** Which recommendations and actions a principal may list: the board's roles all, agencies theirs. */
export function recommendationScope(p: Principal): CaseScope {
  if (has(p, BOARD_WIDE_ROLES)) return { kind: "PARTNERSHIP" };
  if (has(p, AGENCY_CASE_ROLES) && p.agencyId) return { kind: "AGENCY", agencyId: p.agencyId };
  return { kind: "NONE" };
}

/** Which notifications a principal may list: the same reach as cases. */
export function notificationScope(p: Principal): CaseScope {
  return recordScope(p);
}

/**
 * Which reviews a principal may list: the board (core roles and its members) all; agency roles
 * their agency's; a reviewer those whose panel they sit on.
 */
export type ReviewScope = CaseScope | { readonly kind: "PANEL"; readonly personId: string };

export function reviewScope(p: Principal): ReviewScope {
  if (has(p, [...BOARD_CORE_ROLES, "BOARD_MEMBER"])) return { kind: "PARTNERSHIP" };
  if (has(p, AGENCY_CASE_ROLES) && p.agencyId) return { kind: "AGENCY", agencyId: p.agencyId };
  if (has(p, ["REVIEWER"])) return { kind: "PANEL", personId: p.subject };
  return { kind: "NONE" };
}

/** Which contribution requests a principal may list: the board's core roles all, agencies theirs. */
export function contributionScope(p: Principal): CaseScope {
  return recordScope(p);
}

const SCOPES = {
  cases: caseScope,
  notifications: notificationScope,
  recommendations: recommendationScope,
  contributions: contributionScope,
} as const;

/** What a list covers for a principal, having asked for one agency's (or none). */
export type ListScope =
  | { readonly kind: "PARTNERSHIP"; readonly agencyId: string | null }
  | { readonly kind: "AGENCY"; readonly agencyId: string };

/**
 * The scope of a list of `records`: the whole partnership (optionally narrowed to the agency
 * asked for) for the board, the principal's own agency for agency roles. Asking for another
 * agency's list, or for records the role does not see at all, is FORBIDDEN.
 */
export function listScope(
  p: Principal,
  records: keyof typeof SCOPES,
  requestedAgencyId?: string | null,
  what: string = records,
): ListScope {
  const scope = SCOPES[records](p);
  switch (scope.kind) {
    case "PARTNERSHIP":
      return { kind: "PARTNERSHIP", agencyId: requestedAgencyId ?? null };
    case "AGENCY":
      if (requestedAgencyId && requestedAgencyId !== scope.agencyId)
        throw new ForbiddenError(`You can list only your own agency's ${what}`);
      return scope;
    case "NONE":
      throw new ForbiddenError(`Your role does not give access to ${what}`);
    default:
      throw new UnreachableCaseError(scope);
  }
}

function recordScope(p: Principal): CaseScope {
  if (has(p, BOARD_CORE_ROLES)) return { kind: "PARTNERSHIP" };
  if (has(p, AGENCY_CASE_ROLES) && p.agencyId) return { kind: "AGENCY", agencyId: p.agencyId };
  return { kind: "NONE" };
}
