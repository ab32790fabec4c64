import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { inject } from "vitest";
import { createVerifier } from "../../src/auth/tokens";
import { type ClientOptions, createDocumentClient } from "../../src/data/client";
import { Store } from "../../src/data/store";
import { type TableNames, tableNamesFromEnv } from "../../src/data/tables";
import { PLATFORM, type Role } from "../../src/domain/roles";
import { buildContext } from "../../src/graphql/context";
import { createApolloServer } from "../../src/graphql/server";
import { signClientToken, signToken } from "../../src/local/dev-auth";
import { demoPartnership, type SeedPartnership, seedPartnership } from "../../src/local/seed";
import { ensureTables } from "../../src/local/tables";
import { inRequestScope } from "../../src/shared/request-scope";
import { wrongFieldPath } from "./field-paths";

export const TEST_ISSUER = "urn:test-issuer";
export const TEST_AUDIENCE = "test-api";

/** A signing key pair for tests; the verifier trusts only `trusted`. */
export async function testKeys() {
  const make = async (kid: string) => {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    return {
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256" } as JWK,
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256" } as JWK,
    };
  };
  return { trusted: await make("trusted"), untrusted: await make("untrusted") };
}

export type Keys = Awaited<ReturnType<typeof testKeys>>;

export function testStore(
  tables: TableNames = tableNamesFromEnv({}),
  client: ClientOptions = {},
): Store {
  return new Store(createDocumentClient({ endpoint: inject("dynamoEndpoint"), ...client }), tables);
}

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: {
    message: string;
    path?: readonly (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
  /** DynamoDB requests the operation made. */
  dynamoRequests: number;
  /** The HTTP status the response would have. */
  httpStatus?: number;
}

/**
 * The API as the Lambda serves it (same schema, server options, context builder), executed
 * in-process. Context errors (bad tokens) are returned as GraphQL errors, as the handler does.
 */
export async function testApi(
  opts: { now?: () => Date; tables?: TableNames; client?: ClientOptions; keys?: Keys } = {},
) {
  const keys = opts.keys ?? (await testKeys());
  const store = testStore(opts.tables, opts.client);
  const verify = createVerifier({
    issuer: TEST_ISSUER,
    audiences: [TEST_AUDIENCE],
    jwks: { keys: { keys: [keys.trusted.publicJwk] } },
  });
  const server = createApolloServer({ localDev: false });

  async function gql<T = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResult<T>> {
    const requestId = randomUUID();
    return inRequestScope(requestId, async (scope) => {
      let contextValue: Awaited<ReturnType<typeof buildContext>>;
      try {
        contextValue = await buildContext(
          { store, verify, now: opts.now },
          { authorization: token ? `Bearer ${token}` : undefined, requestId },
        );
      } catch (err) {
        // As Apollo answers a context error: its status from extensions.http, which is not sent.
        const e = err as { message: string; extensions?: Record<string, unknown> };
        const { http, ...extensions } = e.extensions ?? {};
        return {
          errors: [{ message: e.message, extensions }],
          dynamoRequests: scope.dynamoRequests,
          httpStatus: (http as { status?: number } | undefined)?.status ?? 400,
        };
      }
      const res = await server.executeOperation({ query, variables }, { contextValue });
      if (res.body.kind !== "single") throw new Error("unexpected incremental response");
      const { data, errors } = res.body.singleResult;
      for (const e of errors ?? []) {
        const wrong = wrongFieldPath(query, e);
        if (wrong)
          throw new Error(`extensions.field names nothing the client could send: ${wrong}`);
      }
      return {
        data: data as T | null | undefined,
        errors: errors as GqlResult["errors"],
        dynamoRequests: scope.dynamoRequests,
        httpStatus: res.http.status ?? 200,
      };
    });
  }

  return { keys, store, gql };
}

export type TestApi = Awaited<ReturnType<typeof testApi>>;

/** Table names of a test's own (`<prefix>-<random>-records`, `-log`, `-agg`). */
export function ownTableNames(prefix: string): TableNames {
  const tag = `${prefix}-${randomUUID().slice(0, 8)}`;
  return { records: `${tag}-records`, accessLog: `${tag}-log`, aggregates: `${tag}-agg` };
}

/**
 * Creates tables (of a test's own) in the tests' DynamoDB Local; the records table carries a
 * stream only when the test reads it (`stream: true`, the dashboard's aggregator), as the shared
 * tables do not: DynamoDB Local writes each change to a stream as well.
 */
export async function createTables(
  tables: TableNames,
  options: { readonly stream?: boolean } = {},
): Promise<void> {
  const raw = new DynamoDBClient({
    endpoint: inject("dynamoEndpoint"),
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    await ensureTables(raw, tables, { stream: options.stream ?? false });
  } finally {
    raw.destroy();
  }
}

/** A fresh partnership (unique code) seeded with agencies, one user per role, and cases. */
export async function newTenant(api: TestApi, options: { agencies?: number; cases?: number } = {}) {
  const code = `t${randomUUID().slice(0, 12)}`;
  const kinds = ["POLICE", "HEALTH", "CHILDRENS_SOCIAL_CARE", "EDUCATION"] as const;
  const seed: SeedPartnership = demoPartnership(
    code,
    `Test ${code} Partnership`,
    Array.from({ length: options.agencies ?? 4 }, (_, i) => [
      `Agency ${i} of ${code}`,
      kinds[i % kinds.length] ?? "OTHER",
    ]),
    options.cases ?? 0,
  );
  await seedPartnership(api.store, seed, { activity: false });
  return tenantOf(api, seed);
}

/** Tokens for a seeded partnership's users (newTenant's, or a demo partnership seeded whole). */
export function tenantOf(api: TestApi, seed: SeedPartnership) {
  const code = seed.partnership.code;
  const agencyIds = seed.agencies.map((a) => a.id);

  /** A token for the seeded user with this role (agency roles: in agency `agencyIndex`). */
  async function token(role: Role, agencyIndex = 0, key: JWK = api.keys.trusted.privateJwk) {
    const agencyId = agencyIds[agencyIndex];
    // A partner system: its agency's registered client, with an access token.
    if (role === "PARTNER_SYSTEM") {
      const system = seed.partnerSystems.find((s) => s.agencyId === agencyId);
      if (!system) throw new Error("no seeded partner system");
      return signClientToken(key, system.clientId, { issuer: TEST_ISSUER });
    }
    if (role === "PLATFORM_OPERATOR" || role === "CATALOGUE_EDITOR")
      return signToken(
        key,
        { sub: role.toLowerCase(), partnershipId: PLATFORM, agencyId: null, roles: [role] },
        { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
      );
    const user = seed.people.find(
      (p) => p.roles.includes(role) && (p.agencyId === null || p.agencyId === agencyId),
    );
    if (!user) throw new Error(`no seeded ${role}`);
    return signToken(
      key,
      {
        sub: user.id,
        partnershipId: seed.partnership.id,
        agencyId: user.agencyId,
        roles: user.roles,
      },
      { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
    );
  }

  return { seed, code, partnershipId: seed.partnership.id, agencyIds, token };
}

export type Tenant = Awaited<ReturnType<typeof newTenant>>;

/** Identifying details as a client would send them (fictional). */
export function identityInput(overrides: Record<string, unknown> = {}) {
  return {
    childName: `Test Child ${randomUUID().slice(0, 6)}`,
    dateOfBirth: "2015-03-14",
    address: "1 Fictional Road",
    nhsNumber: "9434765919",
    familyMembers: [{ name: "Test Parent", relationship: "Mother" }],
    ...overrides,
  };
}

export const CREATE_CASE = /* GraphQL */ `
  mutation CreateCase($input: CreateCaseInput!, $key: String) {
    createCase(input: $input, idempotencyKey: $key) { id pseudonym version agencies { id } }
  }
`;

/** Creates a case through the API as the business unit and returns its id and version. */
export async function createCaseVia(
  api: TestApi,
  t: Tenant,
  agencyIndexes: number[] = [0],
  identity = identityInput(),
) {
  const res = await api.gql<{ createCase: { id: string; version: number } }>(
    await t.token("BUSINESS_UNIT"),
    CREATE_CASE,
    { input: { agencyIds: agencyIndexes.map((i) => t.agencyIds[i]), identity } },
  );
  if (!res.data?.createCase) throw new Error(JSON.stringify(res.errors));
  return { ...res.data.createCase, identity };
}

/** The error codes of a result, in order. */
export const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);
