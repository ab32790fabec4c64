import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { createDocumentClient } from "../../src/data/client";
import { Store } from "../../src/data/store";
import { type TableNames, tableDefinitions } from "../../src/data/tables";
import { addDays, englishDate } from "../../src/domain/dates";
import type { Principal, Role } from "../../src/domain/roles";
import { buildContext } from "../../src/graphql/context";
import { createApolloServer } from "../../src/graphql/server";
import { signClientToken, signToken } from "../../src/local/dev-auth";
import { type LocalDynamo, startDynamoDbLocal } from "../../src/local/dynamodb-local";
import { demoPartnership, seedPartnership } from "../../src/local/seed";
import { StreamPoller } from "../../src/local/stream-poller";
import { createCase } from "../../src/services/cases";
import type { ServiceContext } from "../../src/services/context";
import { createAction } from "../../src/services/learning/actions";
import {
  createRecommendation,
  transitionRecommendation,
} from "../../src/services/learning/recommendations";
import { createLoaders } from "../../src/services/loaders";
import { createNotification } from "../../src/services/notifications";
import { inRequestScope } from "../../src/shared/request-scope";
import { functionEnv } from "./env";

/**
 * The data the warm figures run on (DynamoDB Local, tables as serverless.yml declares them, one
 * partnership with what a portal, the Chair, an agency lead and a partner system read), the
 * reference operations with their tokens, and the DynamoDB calls each makes.
 */
export const ISSUER = "urn:bench-issuer";
export const AUDIENCE = "bench-api";

export interface Operation {
  readonly name: string;
  /** The route it is sent to (partner systems: /system/graphql); /graphql by default. */
  readonly path?: string;
  readonly label: string;
  readonly token: string;
  /** The request body of the i-th request (a mutation's idempotency key differs each time). */
  body(i: number): { query: string; variables?: Record<string, unknown> };
}

/** One DynamoDB call of an operation, as the document client was given it. */
export interface RecordedCall {
  readonly command: string;
  readonly input: unknown;
}

/** An operation's DynamoDB calls, in waves: the calls of a wave were in flight together. */
export interface Recording {
  readonly name: string;
  readonly waves: readonly (readonly RecordedCall[])[];
  /** Strings a replay replaces with fresh values each time (ids a create made, its key). */
  readonly fresh: readonly string[];
  readonly requests: number;
}

export interface Fixture {
  readonly dynamo: LocalDynamo;
  readonly tables: TableNames;
  readonly jwks: { keys: JWK[] };
  readonly operations: readonly Operation[];
  readonly recordings: readonly Recording[];
  /** The environment of a function process that reads this fixture. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const CASES = 30;
const NOTIFICATIONS = 25;
const OVERDUE_ACTIONS = 25;

export async function startFixture(): Promise<Fixture> {
  const dynamo = await startDynamoDbLocal();
  try {
    const tables = {
      records: "bench-records",
      accessLog: "bench-access-log",
      aggregates: "bench-aggregates",
    };
    const raw = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: "eu-west-2",
      credentials: { accessKeyId: "l", secretAccessKey: "l" },
    });
    for (const def of tableDefinitions(tables)) await raw.send(new CreateTableCommand(def));
    raw.destroy();
    const store = new Store(createDocumentClient({ endpoint: dynamo.endpoint }), tables);

    const seed = demoPartnership(
      "bench",
      "Bench Partnership",
      [
        ["Bench Police", "POLICE"],
        ["Bench Health", "HEALTH"],
        ["Bench Children's Social Care", "CHILDRENS_SOCIAL_CARE"],
      ],
      0,
    );
    await seedPartnership(store, seed, { activity: false });
    const [a0, a1] = seed.agencies.map((a) => a.id) as [string, string];
    const principal = (role: Role, agencyId: string | null = null): Principal => {
      const person = seed.people.find(
        (p) => p.roles.includes(role) && (agencyId === null || p.agencyId === agencyId),
      );
      return {
        subject: person?.id ?? randomUUID(),
        partnershipId: seed.partnership.id,
        agencyId: person?.agencyId ?? agencyId,
        roles: [role],
        isMachine: role === "PARTNER_SYSTEM",
      };
    };
    const as = (p: Principal): ServiceContext => ({
      principal: p,
      store,
      requestId: "bench-seed",
      now: () => new Date(),
      loaders: createLoaders(store, p, "bench-seed", () => new Date()),
    });
    const bu = () => as(principal("BUSINESS_UNIT"));
    const today = englishDate(new Date());

    const caseIds: string[] = [];
    for (let i = 0; i < CASES; i++)
      caseIds.push(
        (
          await createCase(bu(), {
            agencyIds: [a0, a1],
            identity: { childName: `Bench Child ${i}` },
          })
        ).id,
      );
    for (let i = 0; i < NOTIFICATIONS; i++)
      await createNotification(
        bu(),
        {
          notifyingAgencyId: a0,
          involvedAgencyIds: [a1],
          outcome: "DEATH",
          deathCircumstance: "NOT_YET_KNOWN",
          criteria: [{ criterion: "DEATH_IN_POLICE_CUSTODY", reason: "Bench" }],
          incidentDate: addDays(today, -3 - (i % 10)),
          awareDate: addDays(today, -2 - (i % 10)),
          caseIds: [caseIds[i % CASES] as string],
          summary: "Bench notification",
        },
        { submit: true },
      );
    const madeOn = addDays(today, -200);
    for (let made = 0; made < OVERDUE_ACTIONS; made += 20) {
      const r = await createRecommendation(bu(), {
        source: { kind: "SERIOUS_CASE_REVIEW", title: "Bench review" },
        text: "Bench recommendation",
        finding: "Bench finding",
        owningAgencyId: a0,
        priority: "HIGH",
        madeOn,
        targetDate: addDays(today, -10),
      });
      await transitionRecommendation(bu(), r.id, r.version, { to: "ACCEPTED", on: madeOn });
      for (let i = made; i < Math.min(made + 20, OVERDUE_ACTIONS); i++)
        await createAction(bu(), r.id, {
          owningAgencyId: a0,
          responsiblePerson: "Bench lead",
          description: `Bench action ${i}`,
          dueDate: addDays(today, -30 + (i % 20)),
        });
    }

    // The board dashboard's counters, kept from the records' stream as `npm start` keeps them.
    const poller = new StreamPoller(dynamo.endpoint, tables.records, store);
    await poller.drain();
    await poller.stop();

    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const privateJwk = { ...(await exportJWK(privateKey)), kid: "bench", alg: "RS256" } as JWK;
    const publicJwk = { ...(await exportJWK(publicKey)), kid: "bench", alg: "RS256" } as JWK;
    const tokenFor = (p: Principal) =>
      signToken(
        privateJwk,
        { sub: p.subject, partnershipId: p.partnershipId, agencyId: p.agencyId, roles: p.roles },
        { issuer: ISSUER, audience: AUDIENCE, expiresIn: "12h" },
      );

    // A partner system presents its registered app client's access token.
    const partnerClient = seed.partnerSystems.find((ps) => ps.agencyId === a0)?.clientId;
    if (!partnerClient) throw new Error("no partner system seeded");
    const operations: Operation[] = [
      {
        name: "portal-cases",
        label: "portal: cases(first: 20) + agencies",
        token: await tokenFor(principal("PRACTITIONER", a0)),
        body: () => ({
          query:
            "query PortalCases { cases(first: 20) { edges { node { id pseudonym status agencies { id name } } } pageInfo { hasNextPage endCursor } } }",
        }),
      },
      {
        name: "chair-notifications",
        label: "Chair: notifications(first: 20) + clocks, decision",
        token: await tokenFor(principal("INDEPENDENT_CHAIR")),
        body: () => ({
          query:
            "query ChairList { notifications(first: 20) { edges { node { id category status ... on IncidentNotification { awareDate clocks { name dueOn state workingDaysLeft } reviewDecision { id state version } } } } } }",
        }),
      },
      {
        name: "lead-overdue",
        label: "lead: actions(overdue, first: 20) + agency",
        token: await tokenFor(principal("AGENCY_LEAD", a0)),
        body: () => ({
          query:
            "query Overdue { actions(filter: { overdue: true }, first: 20) { edges { node { id description dueDate rag overdueSince owningAgency { id name } } } } }",
        }),
      },
      {
        name: "board-dashboard",
        label: "board: boardDashboard(12 months) + agencies",
        token: await tokenFor(principal("INDEPENDENT_CHAIR")),
        body: () => ({
          query:
            "query Board($p: DashboardPeriodInput!) { boardDashboard(period: $p) { id notifications { total byMonth { month category count } } decisions { total byOutcome { outcome count } medianWorkingDaysToDecision clocks { clock metOnTime overdue notYetDue } } reviews { total byKindAndStatus { kind status count } } contributions { agency { id name } outstanding } recommendations { total byStatus { status count } byAgency { agency { id name } status rag count } } actions { total byStatus { status count } byAgency { agency { id name } status rag count } } overdue { asOf actions } audit { meetings exercises exercisesExpected } reports { agency { id name } kind count } nationalReviews { considered } effectiveness { sourceKind recommendations onTime late } } }",
          variables: { p: { from: addDays(today, -330).slice(0, 7), to: today.slice(0, 7) } },
        }),
      },
      {
        name: "partner-submit",
        path: "/system/graphql",
        label: "partner: submitIncidentNotification",
        token: await signClientToken(privateJwk, partnerClient, {
          issuer: ISSUER,
          expiresIn: "12h",
        }),
        body: (i) => ({
          query:
            "mutation Submit($input: NotificationInput!, $key: String) { submitIncidentNotification(input: $input, idempotencyKey: $key) { id status category } }",
          variables: {
            key: `bench-${i}-${randomUUID()}`,
            input: {
              outcome: "SERIOUS_HARM",
              abuseOrNeglect: "SUSPECTED",
              criteria: [{ criterion: "POTENTIALLY_LIFE_THREATENING_INJURY", reason: "Bench" }],
              incidentDate: addDays(today, -2),
              awareDate: addDays(today, -1),
              caseIds: [caseIds[0]],
              summary: "Bench submission",
            },
          },
        }),
      },
    ];

    const jwks = { keys: [publicJwk] };
    const env = (extra: NodeJS.ProcessEnv = {}) =>
      functionEnv({
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        RECORDS_TABLE: tables.records,
        ACCESS_LOG_TABLE: tables.accessLog,
        AGGREGATES_TABLE: tables.aggregates,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        JWKS_JSON: JSON.stringify(jwks),
        LOCAL_DEV: "false",
        ...extra,
      });
    const recordings = await record(dynamo.endpoint, tables, jwks, operations);
    return { dynamo, tables, jwks, operations, recordings, env, stop: () => dynamo.stop() };
  } catch (err) {
    await dynamo.stop();
    throw err;
  }
}

/**
 * Each operation's DynamoDB calls, as the API makes them (the same schema, context and store, in
 * this process), grouped in waves by when they were in flight.
 */
async function record(
  endpoint: string,
  tables: TableNames,
  jwks: { keys: JWK[] },
  operations: readonly Operation[],
): Promise<Recording[]> {
  const doc = createDocumentClient({ endpoint });
  const calls: { command: string; input: unknown; start: number; end: number }[] = [];
  const send = doc.send.bind(doc) as (command: unknown) => Promise<unknown>;
  (doc as unknown as { send: typeof send }).send = async (command: unknown) => {
    const c = command as { constructor: { name: string }; input: unknown };
    const start = performance.now();
    const input = structuredClone(c.input);
    const out = await send(command);
    calls.push({ command: c.constructor.name, input, start, end: performance.now() });
    return out;
  };
  const store = new Store(doc, tables);
  const server = createApolloServer({ localDev: false });
  const { createVerifier } = await import("../../src/auth/tokens");
  const verify = createVerifier({ issuer: ISSUER, audiences: [AUDIENCE], jwks: { keys: jwks } });
  const out: Recording[] = [];
  for (const op of operations) {
    const run = async (i: number) => {
      calls.length = 0;
      const requestId = randomUUID();
      return inRequestScope(requestId, async (scope) => {
        const contextValue = await buildContext(
          { store, verify },
          { authorization: `Bearer ${op.token}`, requestId },
        );
        const body = op.body(i);
        const res = await server.executeOperation(body, { contextValue });
        if (res.body.kind !== "single" || res.body.singleResult.errors)
          throw new Error(`${op.name}: ${JSON.stringify(res.body)}`);
        return { data: res.body.singleResult.data, body, requests: scope.dynamoRequests };
      });
    };
    await run(-1);
    const { data, body, requests } = await run(-2);
    const waves: RecordedCall[][] = [];
    let waveEnd = Number.NEGATIVE_INFINITY;
    for (const c of [...calls].sort((a, b) => a.start - b.start)) {
      // A call started after every call of the wave had ended waited for them: a new wave.
      if (waves.length === 0 || c.start >= waveEnd) {
        waves.push([]);
        waveEnd = c.end;
      } else waveEnd = Math.max(waveEnd, c.end);
      waves.at(-1)?.push({ command: c.command, input: c.input });
    }
    // A create's fresh ids and key: replaced in each replay so that it writes, as the API does.
    const fresh = op.name === "partner-submit" ? freshStrings(data, body) : [];
    out.push({ name: op.name, waves, fresh, requests });
  }
  doc.destroy();
  return out;
}

function freshStrings(data: unknown, body: { variables?: Record<string, unknown> }): string[] {
  const created = (data as { submitIncidentNotification?: { id?: string } })
    .submitIncidentNotification?.id;
  const key = body.variables?.key;
  return [created, key].filter((s): s is string => typeof s === "string");
}
