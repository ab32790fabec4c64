import { randomUUID } from "node:crypto";
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient } from "../src/data/client";
import { Store } from "../src/data/store";
import { tableDefinitions } from "../src/data/tables";
import { englishDate } from "../src/domain/dates";
import type { Principal, Role } from "../src/domain/roles";
import { buildContext } from "../src/graphql/context";
import { createApolloServer } from "../src/graphql/server";
import { startDynamoDbLocal } from "../src/local/dynamodb-local";
import { demoPartnership, seedPartnership } from "../src/local/seed";
import type { ServiceContext } from "../src/services/context";
import { createAction } from "../src/services/learning/actions";
import {
  createRecommendation,
  transitionRecommendation,
} from "../src/services/learning/recommendations";
import { createLoaders } from "../src/services/loaders";
import { createNotification } from "../src/services/notifications";
import { inRequestScope } from "../src/shared/request-scope";

/**
 * DynamoDB requests per GraphQL operation, measured on DynamoDB Local through the same schema and
 * context the Lambda serves, for small and large result sets: the two figures should be equal.
 */
export async function measureRequests(): Promise<
  { label: string; small: number; large: number; smallN: number; largeN: number }[]
> {
  // The per-operation log lines would drown the table.
  process.env.LOG_LEVEL ??= "silent";
  const dynamo = await startDynamoDbLocal();
  const names = {
    records: `bench-${randomUUID().slice(0, 8)}-records`,
    accessLog: `bench-${randomUUID().slice(0, 8)}-log`,
    aggregates: `bench-${randomUUID().slice(0, 8)}-agg`,
  };
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "l", secretAccessKey: "l" },
  });
  try {
    for (const def of tableDefinitions(names)) await raw.send(new CreateTableCommand(def));
    const store = new Store(createDocumentClient({ endpoint: dynamo.endpoint }), names);
    const server = createApolloServer({ localDev: false });

    const tenant = async (cases: number) => {
      const seed = demoPartnership(
        `b${randomUUID().slice(0, 8)}`,
        "Bench partnership",
        [
          ["Agency A", "POLICE"],
          ["Agency B", "HEALTH"],
        ],
        cases,
      );
      await seedPartnership(store, seed, { activity: false });
      const principal = (role: Role): Principal => ({
        subject: randomUUID(),
        partnershipId: seed.partnership.id,
        agencyId: ["AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"].includes(role)
          ? (seed.agencies[0]?.id ?? null)
          : null,
        roles: [role],
        isMachine: false,
      });
      const service = (role: Role): ServiceContext => {
        const p = principal(role);
        return {
          principal: p,
          store,
          requestId: "bench",
          now: () => new Date(),
          loaders: createLoaders(store, p, "bench", () => new Date()),
        };
      };
      const run = async (role: Role, query: string) => {
        const requestId = randomUUID();
        return inRequestScope(requestId, async (scope) => {
          const contextValue = await buildContext(
            { store, verify: async () => ({ kind: "person", principal: principal(role) }) },
            { authorization: "Bearer x", requestId },
          );
          const res = await server.executeOperation({ query }, { contextValue });
          if (res.body.kind === "single" && res.body.singleResult.errors)
            throw new Error(JSON.stringify(res.body.singleResult.errors));
          return scope.dynamoRequests;
        });
      };
      return { seed, service, run };
    };

    const rows: { label: string; small: number; large: number; smallN: number; largeN: number }[] =
      [];
    const pair = async (
      label: string,
      smallN: number,
      largeN: number,
      measure: (n: number) => Promise<number>,
    ) => {
      rows.push({
        label,
        smallN,
        largeN,
        small: await measure(smallN),
        large: await measure(largeN),
      });
    };

    await pair("cases(first: N) + agencies, board", 5, 50, async (n) => {
      const t = await tenant(n);
      return t.run(
        "BUSINESS_UNIT",
        `{ cases(first: ${n}) { edges { node { id agencies { name } } } } }`,
      );
    });
    await pair("cases(first: N) + agencies, agency lead", 5, 50, async (n) => {
      const t = await tenant(n);
      return t.run(
        "AGENCY_LEAD",
        `{ cases(first: ${n}) { edges { node { id agencies { name } } } } }`,
      );
    });
    await pair("cases(first: N) + identity (access-logged)", 5, 50, async (n) => {
      const t = await tenant(n);
      return t.run(
        "BUSINESS_UNIT",
        `{ cases(first: ${n}) { edges { node { id identity { childName } } } } }`,
      );
    });
    await pair("notifications(first: N) + agencies, clocks, decision", 5, 50, async (n) => {
      const t = await tenant(1);
      const caseId = t.seed.cases[0]?.record.id as string;
      const day = englishDate(new Date());
      for (let i = 0; i < n; i++)
        await createNotification(
          t.service("BUSINESS_UNIT"),
          {
            notifyingAgencyId: t.seed.agencies[0]?.id,
            outcome: "DEATH",
            criteria: [{ criterion: "DEATH_IN_POLICE_CUSTODY", reason: "bench" }],
            incidentDate: day,
            awareDate: day,
            caseIds: [caseId],
            summary: "bench",
          },
          { submit: true },
        );
      return t.run(
        "INDEPENDENT_CHAIR",
        `{ notifications(first: ${n}) { edges { node { id notifyingAgency { name } involvedAgencies { name } ... on IncidentNotification { clocks { state } reviewDecision { state } } } } } }`,
      );
    });
    const withActions = async (n: number) => {
      const t = await tenant(0);
      // At most 50 actions on one recommendation: a new recommendation for every 50.
      let r = { id: "" };
      for (let i = 0; i < n; i++) {
        if (i % 50 === 0) {
          const made = await createRecommendation(t.service("BUSINESS_UNIT"), {
            source: { kind: "SERIOUS_CASE_REVIEW", title: "bench" },
            text: "t",
            finding: "f",
            owningAgencyId: t.seed.agencies[0]?.id,
            priority: "HIGH",
            madeOn: "2026-01-01",
            targetDate: "2026-02-01",
          });
          await transitionRecommendation(t.service("BUSINESS_UNIT"), made.id, made.version, {
            to: "ACCEPTED",
            on: "2026-01-01",
          });
          r = made;
        }
        await createAction(t.service("BUSINESS_UNIT"), r.id, {
          owningAgencyId: t.seed.agencies[0]?.id,
          responsiblePerson: "p",
          description: "d",
          dueDate: "2026-01-15",
        });
      }
      return t;
    };
    await pair(
      "actions(filter: {overdue}, first: 100) + agency, agency lead",
      10,
      200,
      async (n) => {
        const t = await withActions(n);
        return t.run(
          "AGENCY_LEAD",
          `{ actions(filter: { overdue: true }, first: 100) { edges { node { id rag owningAgency { name } } } } }`,
        );
      },
    );
    await pair("actions(filter: {status: NOT_STARTED}, first: 100), board", 10, 200, async (n) => {
      const t = await withActions(n);
      return t.run(
        "BUSINESS_UNIT",
        `{ actions(filter: { status: NOT_STARTED }, first: 100) { edges { node { id rag } } } }`,
      );
    });
    await pair(
      "recommendations(filter: {status: PROPOSED}, first: 100) + owner",
      10,
      200,
      async (n) => {
        const t = await tenant(0);
        for (let i = 0; i < n; i++)
          await createRecommendation(t.service("BUSINESS_UNIT"), {
            source: { kind: "NEAR_MISS", title: "bench" },
            text: "t",
            finding: "f",
            owningAgencyId: t.seed.agencies[i % 2]?.id,
            priority: "LOW",
            madeOn: "2026-01-01",
            targetDate: "2026-02-01",
          });
        return t.run(
          "BUSINESS_UNIT",
          `{ recommendations(filter: { status: PROPOSED }, first: 100) { edges { node { id rag owningAgency { name } } } } }`,
        );
      },
    );
    return rows;
  } finally {
    for (const n of [names.records, names.accessLog])
      await raw.send(new DeleteTableCommand({ TableName: n })).catch(() => undefined);
    raw.destroy();
    await dynamo.stop();
  }
}
