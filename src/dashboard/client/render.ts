/**
 * Draws a dashboard answer: every figure of the contract, each in an element carrying
 * `data-figure` (its place in the answer, e.g. `decisions.byOutcome.NO_REVIEW`) and
 * `data-value` (the API's value), which the browser test compares with the API's own answer.
 * Rows the API leaves out of a cross-table are shown as 0 without a `data-figure`.
 */
import {
  type AgencyStatusRag,
  type Dashboard,
  formatCount,
  formatDays,
  formatShare,
  NONE,
  words,
} from "../figures";
import { monthLabel } from "../period";
import { barChart, destroyCharts, lineChart } from "./charts";
import { h } from "./dom";

const CATEGORIES = ["I", "II", "III", "IV"];
const REPORT_KINDS = ["NEAR_MISS", "CONCERNING_INCIDENT", "GOOD_PRACTICE"];
const BOARD = "board";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
/** "2026-11-28" as "28 Nov 2026". */
export const formatDate = (d: string | null): string =>
  d === null ? NONE : dateFormat.format(new Date(`${d}T00:00:00Z`));

/** One figure: its text as shown, its value as the API gave it. */
function fig(key: string, value: number | string | null, text: string): HTMLElement {
  return h(
    "span",
    { "data-figure": key, "data-value": value === null ? "null" : String(value) },
    text,
  );
}
const count = (key: string, n: number) => fig(key, n, formatCount(n));
const share = (key: string, s: number | null) => fig(key, s, formatShare(s));
const days = (key: string, d: number | null) => fig(key, d, formatDays(d));

/** Headline figures as a description list. */
function stats(items: [string, HTMLElement][]): HTMLElement {
  return h(
    "dl",
    { class: "stats" },
    items.map(([label, value]) => h("div", {}, h("dt", {}, label), h("dd", {}, value))),
  );
}

/** A cell holding a figure (or the 0 of a row the API left out): right-aligned. */
const numeric = (c: string | HTMLElement | undefined) =>
  c !== undefined && (typeof c === "string" ? c === "0" : c.hasAttribute("data-figure"));

/** A table: the first column holds row headers. */
function table(
  caption: string,
  head: string[],
  rows: (string | HTMLElement)[][],
  empty = "None in this period.",
): HTMLElement {
  if (rows.length === 0) return h("p", { class: "empty" }, `${caption}: ${empty}`);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h("caption", {}, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          head.map((c, i) =>
            h("th", { scope: "col", class: i > 0 && numeric(rows[0]?.[i]) && "num" }, c),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map(([first, ...rest]) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, first),
            rest.map((c) => h("td", { class: numeric(c) && "num" }, c)),
          ),
        ),
      ),
    ),
  );
}

let chartCount = 0;
/** A chart with its summary; the table that follows it gives the figures in text. */
function chart(summary: string, draw: (el: HTMLElement) => void): HTMLElement {
  const id = `chart-${++chartCount}`;
  const el = h("div", { class: "chart", role: "img", "aria-label": summary, id });
  queueMicrotask(() => draw(el));
  return h("figure", {}, el, h("figcaption", {}, summary, " The table below gives the figures."));
}

function section(id: string, title: string, ...children: (Node | Node[])[]): HTMLElement {
  return h(
    "section",
    { class: "card", "aria-labelledby": `${id}-title`, id },
    h("h2", { id: `${id}-title` }, title),
    ...children,
  );
}

const agencyName = (
  names: ReadonlyMap<string, string>,
  id: string | null,
  agency: { name: string } | null,
) => (id === null ? "The board" : (agency?.name ?? names.get(id) ?? id));

/** Rows of agency x status x RAG, in the order given, with the RAG as a word and a marker. */
function agencyStatusRows(
  section: string,
  rows: AgencyStatusRag[],
  names: ReadonlyMap<string, string>,
): (string | HTMLElement)[][] {
  return [...rows]
    .sort((a, b) =>
      agencyName(names, a.agencyId, a.agency).localeCompare(
        agencyName(names, b.agencyId, b.agency),
      ),
    )
    .map((r) => [
      agencyName(names, r.agencyId, r.agency),
      words(r.status),
      h("span", { class: `rag rag-${r.rag.toLowerCase()}` }, words(r.rag)),
      count(`${section}.byAgency.${r.agencyId ?? BOARD}.${r.status}.${r.rag}`, r.count),
    ]);
}

/** The whole dashboard, replacing what `root` showed. */
export function renderDashboard(
  root: HTMLElement,
  d: Dashboard,
  known: ReadonlyMap<string, string>,
): void {
  // Agencies the viewer's list lacks (an agency lead's list is their own) name themselves.
  const names = new Map(known);
  for (const r of [
    ...d.contributions,
    ...d.recommendations.byAgency,
    ...d.actions.byAgency,
    ...d.reports,
  ])
    if (r.agencyId && r.agency) names.set(r.agencyId, r.agency.name);
  destroyCharts();
  chartCount = 0;
  const months = d.months;
  const byMonth = new Map(d.notifications.byMonth.map((r) => [`${r.month}.${r.category}`, r]));
  const monthCell = (m: string, c: string) => {
    const r = byMonth.get(`${m}.${c}`);
    return r ? count(`notifications.byMonth.${m}.${c}`, r.count) : "0";
  };
  const notifications = section(
    "notifications",
    "Notifications by category and month",
    stats([
      ["Notifications submitted", count("notifications.total", d.notifications.total)],
      ...d.notifications.byCategory.map(
        (c) =>
          [`Category ${c.category}`, count(`notifications.byCategory.${c.category}`, c.count)] as [
            string,
            HTMLElement,
          ],
      ),
    ]),
    chart(
      `Notifications submitted each month from ${monthLabel(d.from)} to ${monthLabel(d.to)}, one line per category (I to IV).`,
      (el) =>
        lineChart(
          el,
          months.map((m) => monthLabel(m).slice(0, 3)),
          CATEGORIES.map((c) => ({
            label: `Category ${c}`,
            values: months.map((m) => byMonth.get(`${m}.${c}`)?.count ?? 0),
          })),
        ),
    ),
    table(
      "Notifications by month and category",
      ["Month", ...CATEGORIES.map((c) => `Category ${c}`)],
      months.map((m) => [monthLabel(m), ...CATEGORIES.map((c) => monthCell(m, c))]),
    ),
  );

  const dec = d.decisions;
  const decisions = section(
    "decisions",
    "Decisions and statutory clocks",
    stats([
      ["Chair's decisions", count("decisions.total", dec.total)],
      [
        "Median working days, notification to decision",
        days("decisions.medianWorkingDaysToDecision", dec.medianWorkingDaysToDecision),
      ],
      [
        "Decided within the rapid-review clock",
        count("decisions.withinRapidReviewClock", dec.withinRapidReviewClock),
      ],
      [
        "Share within the rapid-review clock",
        share("decisions.shareWithinRapidReviewClock", dec.shareWithinRapidReviewClock),
      ],
    ]),
    chart("Chair's decisions in the period by outcome.", (el) =>
      barChart(
        el,
        dec.byOutcome.map((o) => words(o.outcome)),
        dec.byOutcome.map((o) => o.count),
        "Decisions",
      ),
    ),
    table(
      "Decisions by outcome",
      ["Outcome", "Decisions"],
      dec.byOutcome.map((o) => [
        words(o.outcome),
        count(`decisions.byOutcome.${o.outcome}`, o.count),
      ]),
    ),
    table(
      "Statutory clocks of the notifications submitted in the period",
      ["Clock", "Met on time", "Met late", "Overdue", "Not yet due", "Share on time"],
      dec.clocks.map((c) => {
        const k = `decisions.clocks.${c.clock}`;
        return [
          words(c.clock),
          count(`${k}.metOnTime`, c.metOnTime),
          count(`${k}.metLate`, c.metLate),
          count(`${k}.overdue`, c.overdue),
          count(`${k}.notYetDue`, c.notYetDue),
          share(`${k}.shareOnTime`, c.shareOnTime),
        ];
      }),
    ),
  );

  const reviews = section(
    "reviews",
    "Reviews",
    stats([
      ["Reviews commissioned", count("reviews.total", d.reviews.total)],
      ["Overdue milestones", count("reviews.overdueMilestones", d.reviews.overdueMilestones)],
      ["Past their target date", count("reviews.pastTargetDate", d.reviews.pastTargetDate)],
    ]),
    table(
      "Reviews by kind and status",
      ["Kind", "Status", "Reviews"],
      d.reviews.byKindAndStatus.map((r) => [
        words(r.kind),
        words(r.status),
        count(`reviews.byKindAndStatus.${r.kind}.${r.status}`, r.count),
      ]),
    ),
    table(
      "Contributions requested from agencies",
      ["Agency", "Requested", "Outstanding", "Late"],
      [...d.contributions]
        .sort((a, b) =>
          agencyName(names, a.agencyId, a.agency).localeCompare(
            agencyName(names, b.agencyId, b.agency),
          ),
        )
        .map((c) => [
          agencyName(names, c.agencyId, c.agency),
          count(`contributions.${c.agencyId}.requested`, c.requested),
          count(`contributions.${c.agencyId}.outstanding`, c.outstanding),
          count(`contributions.${c.agencyId}.late`, c.late),
        ]),
    ),
  );

  const learning = (key: "recommendations" | "actions", title: string, noun: string) => {
    const s = d[key];
    return section(
      key,
      title,
      stats([[`${noun} made in the period`, count(`${key}.total`, s.total)]]),
      chart(`${noun} made in the period by status.`, (el) =>
        barChart(
          el,
          s.byStatus.map((r) => words(r.status)),
          s.byStatus.map((r) => r.count),
          noun,
        ),
      ),
      table(
        `${noun} by status`,
        ["Status", noun],
        s.byStatus.map((r) => [words(r.status), count(`${key}.byStatus.${r.status}`, r.count)]),
      ),
      table(
        `${noun} by agency, status and RAG rating`,
        ["Agency", "Status", "RAG", noun],
        agencyStatusRows(key, s.byAgency, names),
      ),
    );
  };

  const o = d.overdue;
  const overdue = section(
    "overdue",
    "Overdue items",
    h(
      "p",
      {},
      "From the daily overdue check of ",
      fig("overdue.asOf", o.asOf, formatDate(o.asOf)),
      o.asOf === null ? " (none has run yet)." : ".",
    ),
    stats([
      ["Actions", count("overdue.actions", o.actions)],
      ["Contributions", count("overdue.contributions", o.contributions)],
      ["Review milestones", count("overdue.milestones", o.milestones)],
      ["Reviews past target", count("overdue.reviewsPastTarget", o.reviewsPastTarget)],
      ["Learning to revisit", count("overdue.revisitsDue", o.revisitsDue)],
      ["Decisions to reconsider", count("overdue.reconsidersDue", o.reconsidersDue)],
    ]),
  );

  const a = d.audit;
  const audit = section(
    "audit",
    "Audit group compliance",
    stats([
      ["Meetings held", count("audit.meetings", a.meetings)],
      ["Longest gap between meetings (days)", days("audit.longestGapDays", a.longestGapDays)],
      ["Gaps over three months", count("audit.gapsOverThreeMonths", a.gapsOverThreeMonths)],
      ["Substantial exercises", count("audit.exercises", a.exercises)],
      ["Exercises expected (three a year)", count("audit.exercisesExpected", a.exercisesExpected)],
    ]),
    a.meetingDates.length === 0
      ? h("p", { class: "empty" }, "No audit-group meetings in this period.")
      : h(
          "div",
          {},
          h("h3", {}, "Meeting dates"),
          h(
            "ul",
            { class: "dates" },
            a.meetingDates.map((m, i) =>
              h("li", {}, fig(`audit.meetingDates.${i}`, m, formatDate(m))),
            ),
          ),
        ),
  );

  const reportAgencies = [...new Set(d.reports.map((r) => r.agencyId))].sort((x, y) =>
    (names.get(x) ?? x).localeCompare(names.get(y) ?? y),
  );
  const reportCell = new Map(d.reports.map((r) => [`${r.agencyId}.${r.kind}`, r]));
  const reports = section(
    "reports",
    "Near-miss, concern and good-practice reports",
    table(
      "Reports by agency and kind",
      ["Agency", ...REPORT_KINDS.map(words)],
      reportAgencies.map((id) => [
        names.get(id) ?? id,
        ...REPORT_KINDS.map((k) => {
          const r = reportCell.get(`${id}.${k}`);
          return r ? count(`reports.${id}.${k}`, r.count) : "0";
        }),
      ]),
    ),
  );

  const n = d.nationalReviews;
  const national = section(
    "national",
    "National reviews",
    stats([
      ["Considered", count("nationalReviews.considered", n.considered)],
      ["Found relevant", count("nationalReviews.relevant", n.relevant)],
      ["Challenge sessions held", count("nationalReviews.challengeSessions", n.challengeSessions)],
      ["Gaps found", count("nationalReviews.gapsFound", n.gapsFound)],
    ]),
  );

  const effectiveness = section(
    "effectiveness",
    "Effectiveness by kind of learning",
    table(
      "Recommendations by the kind of learning they came from",
      [
        "Kind of learning",
        "Recommendations",
        "On time",
        "Late",
        "Not yet due",
        "Implemented on time",
        "Impact evidenced",
        "Median days to implement",
      ],
      d.effectiveness.map((e) => {
        const k = `effectiveness.${e.sourceKind}`;
        return [
          words(e.sourceKind),
          count(`${k}.recommendations`, e.recommendations),
          count(`${k}.onTime`, e.onTime),
          count(`${k}.late`, e.late),
          count(`${k}.notYetDue`, e.notYetDue),
          share(`${k}.implementedOnTimeShare`, e.implementedOnTimeShare),
          share(`${k}.evidencedImpactShare`, e.evidencedImpactShare),
          days(`${k}.medianDaysToImplementation`, e.medianDaysToImplementation),
        ];
      }),
    ),
  );

  const scope =
    d.agencyId === null ? "the whole partnership" : agencyName(names, d.agencyId, d.agency);
  root.replaceChildren(
    h(
      "p",
      { class: "summary", id: "summary" },
      `Figures for ${scope}, ${monthLabel(d.from)} to ${monthLabel(d.to)}, as of `,
      fig("asOf", d.asOf, formatDate(d.asOf)),
      ".",
    ),
    h(
      "div",
      { class: "grid" },
      notifications,
      decisions,
      reviews,
      learning("recommendations", "Recommendations", "Recommendations"),
      learning("actions", "Actions", "Actions"),
      overdue,
      audit,
      reports,
      national,
      effectiveness,
    ),
  );
}
