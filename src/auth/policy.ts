import { ForbiddenError } from "../domain/errors";
import type { Principal, Role } from "../domain/roles";

/**
 * The one place that decides who may see and do what. Services ask it before every read and
 * write; nothing else in the code base makes an access decision. Tenant isolation is structural
 * (every key the data layer builds starts with the principal's partnership), so the rules here
 * only ever compare records inside the principal's own partnership.
 */

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
  | "agency:read"
  | "agency:write"
  | "person:list"
  | "person:readContact"
  | "person:write"
  | "case:create"
  | "case:read"
  | "case:readIdentity"
  | "case:updateIdentity"
  | "case:updateAgencies"
  | "accessLog:read"
  | "notification:create"
  | "notification:read"
  | "notification:readDraft"
  | "notification:editDraft"
  | "notification:recordClock"
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
  | "recommendation:observe"
  | "recommendation:revisit"
  | "action:create"
  | "action:update"
  | "overdue:read"
  | "effectiveness:read";

/** The attributes of a record a decision may depend on. */
export interface Resource {
  /** Agencies involved in the case (for case actions) or the agency a person belongs to. */
  readonly agencyIds?: readonly string[];
  /** The subject a person record belongs to (for `person:readContact`). */
  readonly subject?: string;
}

const has = (p: Principal, roles: readonly Role[]) => p.roles.some((r) => roles.includes(r));
const actsForOneOf = (p: Principal, agencyIds: readonly string[] | undefined) =>
  p.agencyId !== null && (agencyIds ?? []).includes(p.agencyId);

const RULES: Record<Action, (p: Principal, r: Resource) => boolean> = {
  "partnership:read": () => true,
  "agency:read": () => true,
  "agency:write": (p) => has(p, ["BUSINESS_UNIT"]),
  "person:list": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  "person:readContact": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) ||
    (r.subject !== undefined && r.subject === p.subject) ||
    (has(p, ["AGENCY_LEAD"]) && actsForOneOf(p, r.agencyIds)),
  "person:write": (p) => has(p, ["BUSINESS_UNIT"]),
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
  // §17: member agencies notify; the business unit may record one on an agency's behalf.
  "notification:create": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  "notification:read": (p, r) =>
    has(p, BOARD_CORE_ROLES) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  // A draft is the notifying agency's own work until submitted (agencyIds = [notifier]).
  "notification:readDraft": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  "notification:editDraft": (p, r) =>
    has(p, ["BUSINESS_UNIT"]) || (has(p, AGENCY_CASE_ROLES) && actsForOneOf(p, r.agencyIds)),
  "notification:recordClock": (p) => has(p, ["BUSINESS_UNIT", "SCR_SUBGROUP"]),
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
};

/** Whether the principal may perform the action on the resource. */
export function can(principal: Principal, action: Action, resource: Resource = {}): boolean {
  return RULES[action](principal, resource);
}

/** Throws ForbiddenError unless the principal may perform the action. */
export function authorize(principal: Principal, action: Action, resource: Resource = {}): void {
  if (!can(principal, action, resource)) throw new ForbiddenError();
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

function recordScope(p: Principal): CaseScope {
  if (has(p, BOARD_CORE_ROLES)) return { kind: "PARTNERSHIP" };
  if (has(p, AGENCY_CASE_ROLES) && p.agencyId) return { kind: "AGENCY", agencyId: p.agencyId };
  return { kind: "NONE" };
}
