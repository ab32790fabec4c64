import { createVerifier } from "../src/auth/tokens";
import { createDocumentClient } from "../src/data/client";
import { Store } from "../src/data/store";
import { tableNamesFromEnv } from "../src/data/tables";
import { buildContext } from "../src/graphql/context";
import { createApolloServer } from "../src/graphql/server";
import { DEV_AUDIENCE, DEV_ISSUER, readDevKey, signToken } from "../src/local/dev-auth";
import { findDemoUser } from "../src/local/seed";
import { readStackFile } from "../src/local/stack-file";
import { inRequestScope } from "../src/shared/request-scope";

/**
 * `npx tsx scripts/bench-dashboard.ts [runs]`, with `npm start` running (after `npm run seed --
 * --scale N` for a larger data set): the DynamoDB requests and median latency of `boardDashboard`
 * for the whole partnership and for one agency's view, through the API's own schema and context,
 * on the running stack's tables. Printed, not asserted (tests assert the request count).
 */
const QUERY = `query($period: DashboardPeriodInput!, $agencyId: ID) {
  boardDashboard(period: $period, agencyId: $agencyId) {
    id notifications { total byMonth { month category count } } decisions { total medianWorkingDaysToDecision clocks { clock overdue } }
    reviews { total byKindAndStatus { kind status count } } contributions { agency { name } outstanding }
    recommendations { total byAgency { agency { name } status rag count } } actions { total byAgency { agency { name } status rag count } }
    overdue { actions } audit { meetings exercises } reports { agency { name } kind count } nationalReviews { considered }
    effectiveness { sourceKind recommendations }
  }
}`;

async function main() {
  process.env.LOG_LEVEL ??= "silent";
  const runs = Number(process.argv[2] ?? 50);
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? readStackFile()?.endpoint;
  if (!endpoint) throw new Error("Start the local stack first: npm start");
  const store = new Store(createDocumentClient({ endpoint }), tableNamesFromEnv());
  const key = readDevKey();
  const verify = createVerifier({
    issuer: DEV_ISSUER,
    audiences: [DEV_AUDIENCE],
    jwks: { keys: { keys: [key.publicJwk] } },
  });
  const server = createApolloServer({ localDev: false });
  const tokenOf = async (role: "INDEPENDENT_CHAIR" | "AGENCY_LEAD") => {
    const u = findDemoUser(role);
    return {
      token: await signToken(key.privateJwk, {
        sub: u.id,
        partnershipId: u.partnershipId,
        agencyId: u.agencyId,
        roles: u.roles,
      }),
      agencyId: u.agencyId,
    };
  };
  const period = { from: "2025-01", to: "2026-12" };
  for (const [label, who, scoped] of [
    ["whole partnership (Chair)", await tokenOf("INDEPENDENT_CHAIR"), false],
    ["one agency (its lead)", await tokenOf("AGENCY_LEAD"), true],
  ] as const) {
    const times: number[] = [];
    let requests = 0;
    let figures = "";
    for (let i = 0; i < runs + 5; i++) {
      await inRequestScope(`bench-${i}`, async (scope) => {
        const t0 = performance.now();
        const contextValue = await buildContext(
          { store, verify },
          { authorization: `Bearer ${who.token}`, requestId: `bench-${i}` },
        );
        const res = await server.executeOperation(
          { query: QUERY, variables: { period, agencyId: scoped ? who.agencyId : null } },
          { contextValue },
        );
        const ms = performance.now() - t0;
        if (res.body.kind !== "single" || res.body.singleResult.errors)
          throw new Error(JSON.stringify(res.body));
        if (i >= 5) times.push(ms);
        requests = scope.dynamoRequests;
        const d = (
          res.body.singleResult.data as { boardDashboard: Record<string, { total: number }> }
        ).boardDashboard;
        figures = `${d.notifications?.total} notifications, ${d.recommendations?.total} recommendations, ${d.actions?.total} actions`;
      });
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
    console.log(
      `boardDashboard ${label}: ${figures}; ${requests} DynamoDB requests; median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${runs} runs`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
