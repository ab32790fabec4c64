/**
 * The board dashboard as the contract gives it (docs/dashboard.md), and how the page shows
 * each figure. Plain types: the page, the local server and the tests share them.
 */
export interface AgencyRef {
  readonly id: string;
  readonly name: string;
}

export interface Dashboard {
  id: string;
  from: string;
  to: string;
  months: string[];
  agencyId: string | null;
  agency: AgencyRef | null;
  asOf: string;
  notifications: {
    total: number;
    byCategory: { category: string; count: number }[];
    byMonth: { month: string; category: string; count: number }[];
  };
  decisions: {
    total: number;
    byOutcome: { outcome: string; count: number }[];
    medianWorkingDaysToDecision: number | null;
    withinRapidReviewClock: number;
    shareWithinRapidReviewClock: number | null;
    clocks: DashboardClock[];
  };
  reviews: {
    total: number;
    byKindAndStatus: { kind: string; status: string; count: number }[];
    overdueMilestones: number;
    pastTargetDate: number;
  };
  contributions: {
    agencyId: string;
    agency: AgencyRef | null;
    requested: number;
    outstanding: number;
    late: number;
  }[];
  recommendations: {
    total: number;
    byStatus: { status: string; count: number }[];
    byAgency: AgencyStatusRag[];
  };
  actions: {
    total: number;
    byStatus: { status: string; count: number }[];
    byAgency: AgencyStatusRag[];
  };
  overdue: {
    asOf: string | null;
    actions: number;
    contributions: number;
    milestones: number;
    reviewsPastTarget: number;
    revisitsDue: number;
    reconsidersDue: number;
  };
  audit: {
    meetings: number;
    meetingDates: string[];
    longestGapDays: number | null;
    gapsOverThreeMonths: number;
    exercises: number;
    exercisesExpected: number;
  };
  reports: { agencyId: string; agency: AgencyRef | null; kind: string; count: number }[];
  nationalReviews: {
    considered: number;
    relevant: number;
    challengeSessions: number;
    gapsFound: number;
  };
  effectiveness: DashboardEffectiveness[];
}

export interface DashboardClock {
  clock: string;
  metOnTime: number;
  metLate: number;
  overdue: number;
  notYetDue: number;
  shareOnTime: number | null;
}

export interface AgencyStatusRag {
  agencyId: string | null;
  agency: AgencyRef | null;
  status: string;
  rag: string;
  count: number;
}

export interface DashboardEffectiveness {
  sourceKind: string;
  recommendations: number;
  onTime: number;
  late: number;
  notYetDue: number;
  implementedOnTimeShare: number | null;
  evidencedImpactShare: number | null;
  medianDaysToImplementation: number | null;
}

/** How a value the page has no figure for is shown. */
export const NONE = "—";

/** A count as the page shows it: 1,234. */
export const formatCount = (n: number): string => n.toLocaleString("en-GB");

/** A share (0..1) as a whole percentage; null as a dash. */
export const formatShare = (s: number | null): string =>
  s === null ? NONE : `${Math.round(s * 100)}%`;

/** A number of days, to one decimal place where it has one; null as a dash. */
export const formatDays = (d: number | null): string =>
  d === null ? NONE : Number.isInteger(d) ? formatCount(d) : d.toFixed(1);

/** An enum value as words: SERIOUS_CASE_REVIEW -> "Serious case review". */
export function words(value: string): string {
  const s = value.toLowerCase().replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
