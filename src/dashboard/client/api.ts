/**
 * The page's only way to the API: POST /graphql with the person's ID token, the operations
 * below, and nothing else. Types follow the contract (docs/dashboard.md).
 */
import type { Dashboard } from "../figures";

export class ApiError extends Error {
  constructor(
    message: string,
    /** `extensions.code` of the first error, or the HTTP status. */
    readonly code: string,
  ) {
    super(message);
  }
}

const AGENCY = "agency { id name }";
export const DASHBOARD_FIELDS = `
  id from to months agencyId ${AGENCY} asOf
  notifications { total byCategory { category count } byMonth { month category count } }
  decisions {
    total byOutcome { outcome count } medianWorkingDaysToDecision
    withinRapidReviewClock shareWithinRapidReviewClock
    clocks { clock metOnTime metLate overdue notYetDue shareOnTime }
  }
  reviews { total byKindAndStatus { kind status count } overdueMilestones pastTargetDate }
  contributions { agencyId ${AGENCY} requested outstanding late }
  recommendations {
    total byStatus { status count } byAgency { agencyId ${AGENCY} status rag count }
  }
  actions { total byStatus { status count } byAgency { agencyId ${AGENCY} status rag count } }
  overdue { asOf actions contributions milestones reviewsPastTarget revisitsDue reconsidersDue }
  audit {
    meetings meetingDates longestGapDays gapsOverThreeMonths exercises exercisesExpected
  }
  reports { agencyId ${AGENCY} kind count }
  nationalReviews { considered relevant challengeSessions gapsFound }
  effectiveness {
    sourceKind recommendations onTime late notYetDue
    implementedOnTimeShare evidencedImpactShare medianDaysToImplementation
  }`;

const DASHBOARD = `query BoardDashboard($period: DashboardPeriodInput!, $agencyId: ID) {
  boardDashboard(period: $period, agencyId: $agencyId) {${DASHBOARD_FIELDS}
  }
}`;

const EXPORT = `query BoardDashboardExport($period: DashboardPeriodInput!, $agencyId: ID, $format: DashboardExportFormat!) {
  boardDashboardExport(period: $period, agencyId: $agencyId, format: $format) {
    id filename contentType content
  }
}`;

const VIEWER = `query DashboardViewer {
  me { id name roles agency { id name } }
  partnership { name }
}`;

const AGENCIES = `query DashboardAgencies($after: String) {
  agencies(first: 100, after: $after) {
    edges { node { id name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface Viewer {
  me: { id: string; name: string; roles: string[]; agency: { id: string; name: string } | null };
  partnership: { name: string };
}

export interface DashboardExport {
  id: string;
  filename: string;
  contentType: string;
  content: string;
}

export interface Period {
  from: string;
  to: string;
}

export class Api {
  constructor(
    private readonly url: string,
    private readonly token: () => string | null,
  ) {}

  private async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const token = this.token();
    const res = await fetch(this.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json().catch(() => null)) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
      message?: string;
    } | null;
    const error = body?.errors?.[0];
    if (error) throw new ApiError(error.message, error.extensions?.code ?? "ERROR");
    if (!res.ok || !body?.data)
      throw new ApiError(body?.message ?? `The API answered ${res.status}`, String(res.status));
    return body.data;
  }

  viewer(): Promise<Viewer> {
    return this.request<Viewer>(VIEWER);
  }

  /** Every agency of the partnership (board roles only), page by page. */
  async agencies(): Promise<{ id: string; name: string }[]> {
    const all: { id: string; name: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const data: {
        agencies: {
          edges: { node: { id: string; name: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = await this.request(AGENCIES, { after });
      all.push(...data.agencies.edges.map((e) => e.node));
      if (!data.agencies.pageInfo.hasNextPage) return all;
      after = data.agencies.pageInfo.endCursor;
    }
  }

  async dashboard(period: Period, agencyId: string | null): Promise<Dashboard | null> {
    const data = await this.request<{ boardDashboard: Dashboard | null }>(DASHBOARD, {
      period,
      agencyId,
    });
    return data.boardDashboard;
  }

  async export(
    period: Period,
    agencyId: string | null,
    format: "CSV" | "JSON",
  ): Promise<DashboardExport | null> {
    const data = await this.request<{ boardDashboardExport: DashboardExport | null }>(EXPORT, {
      period,
      agencyId,
      format,
    });
    return data.boardDashboardExport;
  }
}
