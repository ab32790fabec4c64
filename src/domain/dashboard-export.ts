import type { DashboardFigures } from "./dashboard";

/**
 * §37: the dashboard's figures as a file for the annual report: CSV (one row per figure) or JSON
 * (the figures as the API gives them, with the agencies' names beside their ids). Counts only.
 */

export const CSV_HEADER = [
  "section",
  "measure",
  "month",
  "agency_id",
  "agency",
  "key",
  "value",
] as const;

export interface ExportFile {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string;
}

type Row = readonly [string, string, string, string | null, string, number | null];

/** Every figure as a row: section, measure, month, agency id, key, value. */
export function dashboardRows(f: DashboardFigures): Row[] {
  const rows: Row[] = [];
  const add = (
    section: string,
    measure: string,
    value: number | null,
    o: { month?: string; agencyId?: string | null; key?: string } = {},
  ) => rows.push([section, measure, o.month ?? "", o.agencyId ?? null, o.key ?? "", value]);
  add("notifications", "total", f.notifications.total);
  for (const r of f.notifications.byCategory)
    add("notifications", "by_category", r.count, { key: r.category });
  for (const r of f.notifications.byMonth)
    add("notifications", "by_month", r.count, { month: r.month, key: r.category });
  const d = f.decisions;
  add("decisions", "total", d.total);
  for (const r of d.byOutcome) add("decisions", "by_outcome", r.count, { key: r.outcome });
  add("decisions", "median_working_days_to_decision", d.medianWorkingDaysToDecision);
  add("decisions", "within_rapid_review_clock", d.withinRapidReviewClock);
  add("decisions", "share_within_rapid_review_clock", d.shareWithinRapidReviewClock);
  for (const c of d.clocks) {
    add("clocks", "met_on_time", c.metOnTime, { key: c.clock });
    add("clocks", "met_late", c.metLate, { key: c.clock });
    add("clocks", "overdue", c.overdue, { key: c.clock });
    add("clocks", "not_yet_due", c.notYetDue, { key: c.clock });
    add("clocks", "share_on_time", c.shareOnTime, { key: c.clock });
  }
  add("reviews", "total", f.reviews.total);
  for (const r of f.reviews.byKindAndStatus)
    add("reviews", "by_kind_and_status", r.count, { key: `${r.kind}/${r.status}` });
  add("reviews", "overdue_milestones", f.reviews.overdueMilestones);
  add("reviews", "past_target_date", f.reviews.pastTargetDate);
  for (const c of f.contributions) {
    add("contributions", "requested", c.requested, { agencyId: c.agencyId });
    add("contributions", "outstanding", c.outstanding, { agencyId: c.agencyId });
    add("contributions", "late", c.late, { agencyId: c.agencyId });
  }
  for (const [section, w] of [
    ["recommendations", f.recommendations],
    ["actions", f.actions],
  ] as const) {
    add(section, "total", w.total);
    for (const r of w.byStatus) add(section, "by_status", r.count, { key: r.status });
    for (const r of w.byAgency)
      add(section, "by_agency_status_rag", r.count, {
        agencyId: r.agencyId,
        key: `${r.status}/${r.rag}`,
      });
  }
  for (const [measure, value] of Object.entries(f.overdue))
    if (measure !== "asOf") add("overdue", measure, value as number, { key: f.overdue.asOf ?? "" });
  add("audit", "meetings", f.audit.meetings);
  add("audit", "longest_gap_days", f.audit.longestGapDays);
  add("audit", "gaps_over_three_months", f.audit.gapsOverThreeMonths);
  add("audit", "exercises", f.audit.exercises);
  add("audit", "exercises_expected", f.audit.exercisesExpected);
  for (const r of f.reports)
    add("reports", "by_agency_and_kind", r.count, { agencyId: r.agencyId, key: r.kind });
  for (const [measure, value] of Object.entries(f.nationalReviews))
    add("national_reviews", measure, value);
  for (const e of f.effectiveness)
    for (const [measure, value] of Object.entries(e))
      if (measure !== "sourceKind")
        add("effectiveness", measure, value as number | null, { key: e.sourceKind });
  return rows;
}

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with `'`. */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function dashboardCsv(
  f: DashboardFigures,
  agencyNames: ReadonlyMap<string, string>,
): ExportFile {
  const lines = [CSV_HEADER.join(",")];
  for (const [section, measure, month, agencyId, key, value] of dashboardRows(f))
    lines.push(
      [
        section,
        measure,
        month,
        agencyId ?? "",
        agencyId ? (agencyNames.get(agencyId) ?? "") : "",
        key,
        value === null ? "" : String(value),
      ]
        .map(cell)
        .join(","),
    );
  return {
    filename: `${fileStem(f)}.csv`,
    contentType: "text/csv; charset=utf-8",
    content: `${lines.join("\r\n")}\r\n`,
  };
}

export function dashboardJson(
  f: DashboardFigures,
  agencyNames: ReadonlyMap<string, string>,
): ExportFile {
  return {
    filename: `${fileStem(f)}.json`,
    contentType: "application/json",
    content: JSON.stringify({ ...f, agencies: Object.fromEntries(agencyNames) }, null, 2),
  };
}

function fileStem(f: DashboardFigures): string {
  return `board-dashboard-${f.from}-to-${f.to}${f.agencyId ? `-agency-${f.agencyId}` : ""}`;
}

/** Every agency id the figures name (for their names in a file). */
export function agencyIdsOf(f: DashboardFigures): string[] {
  const ids = new Set<string>();
  if (f.agencyId) ids.add(f.agencyId);
  for (const [, , , agencyId] of dashboardRows(f)) if (agencyId) ids.add(agencyId);
  return [...ids];
}
