import fc from "fast-check";
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/roles";
import { printSchemaSdl } from "../../src/graphql/sdl";
import { type GqlResult, newTenant, type Tenant, type TestApi, testApi } from "../helpers/harness";

/**
 * Property-based inputs to every root query and mutation, as entitled roles and as an anonymous
 * caller: each answer is data or a coded error (naming the field for bad input), never an
 * internal error, a stack trace or the name of an AWS service. `FUZZ_RUNS` sets the runs per
 * operation (`npm run fuzz` runs many more than the suite).
 */
const RUNS = Number(
  process.env.FUZZ_RUNS ?? (process.env.npm_lifecycle_event === "fuzz" ? 400 : 25),
);
const CALLERS: (Role | null)[] = [
  "BUSINESS_UNIT",
  "INDEPENDENT_CHAIR",
  "SCR_SUBGROUP",
  "AGENCY_LEAD",
  "PARTNER_SYSTEM",
  null,
];
/** Codes an answer may carry: none means a fault. */
const CLIENT_CODES = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
]);
const LEAKS =
  /Exception|DynamoDB|dynamodb|aws-sdk|@smithy|\bat \S+\.(ts|js):\d+|node_modules|T#[0-9a-f-]{8}/;

let api: TestApi;
let t: Tenant;
let schema: GraphQLSchema;
let known: { agencyIds: string[]; caseIds: string[] };

beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api, { cases: 2 });
  schema = buildSchema(printSchemaSdl());
  known = { agencyIds: t.agencyIds, caseIds: t.seed.cases.map((c) => c.record.id) };
});

const tricky = fc.constantFrom(
  "",
  " ",
  "0001-01-01",
  "9999-12-31",
  "2026-02-30",
  "T#other#CASE#x",
  "../../etc/passwd",
  "'; DROP TABLE records; --",
  "\u0000\u0001",
  "🙂".repeat(50),
  "x".repeat(10_001),
  "a:b:c",
);

function idArb() {
  return fc.oneof(
    fc.uuid(),
    fc.constantFrom(...known.agencyIds, ...known.caseIds),
    fc.string({ maxLength: 40 }),
    tricky,
    fc.string({ minLength: 101, maxLength: 3000 }),
  );
}

function scalarArb(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case "ID":
      return idArb();
    case "Int":
      return fc.oneof(
        fc.integer({ min: -5, max: 150 }),
        fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)),
      );
    case "Float":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "Boolean":
      return fc.boolean();
    case "LocalDate":
      return fc.oneof(
        fc
          .date({ min: new Date("1800-01-01"), max: new Date("2300-12-31"), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom("2026-06-01", "2026-11-27", "2000-01-01"),
        tricky,
      );
    case "DateTime":
      return fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        tricky,
      );
    default:
      return fc.oneof(fc.string({ maxLength: 200 }), tricky);
  }
}

function inputArb(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const required = isNonNullType(type);
  const t0 = getNullableType(type) as GraphQLInputType;
  let arb: fc.Arbitrary<unknown>;
  if (isListType(t0))
    arb = fc.array(inputArb(t0.ofType as GraphQLInputType, depth + 1), {
      maxLength: depth ? 3 : 6,
    });
  else if (isInputObjectType(t0)) {
    const fields = Object.values(t0.getFields());
    arb = fc.record(Object.fromEntries(fields.map((f) => [f.name, inputArb(f.type, depth + 1)])), {
      requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
    });
  } else if (isEnumType(t0))
    arb = fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...t0.getValues().map((v) => v.name)) },
      { weight: 1, arbitrary: fc.constant("NOT_A_VALUE") },
    );
  else if (isScalarType(t0)) arb = scalarArb(t0.name);
  else arb = fc.constant(null);
  return required ? arb : fc.option(arb, { nil: null, freq: 4 });
}

/** The operation calling `field` with every argument as a variable, selecting only `__typename`. */
function operation(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a: GraphQLArgument) => `$${a.name}: ${String(a.type)}`);
  const args = field.args.map((a) => `${a.name}: $${a.name}`);
  const selection = isCompositeType(getNamedType(field.type)) ? " { __typename }" : "";
  return `${kind} Fuzz${defs.length ? `(${defs.join(", ")})` : ""} { ${field.name}${
    args.length ? `(${args.join(", ")})` : ""
  }${selection} }`;
}

/** How the answers were distributed (reported, so that a fuzz run that reaches nothing shows). */
const tally = new Map<string, number>();

function check(res: GqlResult, what: string) {
  const first = res.errors?.[0]?.extensions?.code ?? "DATA";
  tally.set(String(first), (tally.get(String(first)) ?? 0) + 1);
  for (const e of res.errors ?? []) {
    const code = String(e.extensions?.code);
    expect(CLIENT_CODES.has(code), `${what}: ${code} ${e.message}`).toBe(true);
    if (code === "BAD_USER_INPUT")
      expect(e.extensions?.field, `${what}: ${e.message}`).toBeTruthy();
    expect(JSON.stringify(e), what).not.toMatch(LEAKS);
  }
  if (!res.errors?.length) expect(res.data, what).toBeTruthy();
}

describe("fuzzed input to every operation", () => {
  for (const kind of ["query", "mutation"] as const) {
    it(`${kind} fields answer data or coded errors, never internal errors`, async () => {
      const root = kind === "query" ? schema.getQueryType() : schema.getMutationType();
      tally.clear();
      let inputs = 0;
      for (const field of Object.values(root?.getFields() ?? {})) {
        const query = operation(kind, field);
        const varsArb = fc.record(
          Object.fromEntries(field.args.map((a) => [a.name, inputArb(a.type)])),
          { requiredKeys: field.args.map((a) => a.name) },
        );
        await fc.assert(
          fc.asyncProperty(varsArb, fc.constantFrom(...CALLERS), async (variables, role) => {
            inputs++;
            const token = role ? await t.token(role) : null;
            check(
              await api.gql(token, query, variables as Record<string, unknown>),
              `${field.name} as ${role}`,
            );
          }),
          { numRuns: RUNS },
        );
      }
      expect(inputs).toBeGreaterThan(0);
      console.info(
        `fuzz: ${inputs} ${kind} inputs (${RUNS} per field); answers by code: ${JSON.stringify(Object.fromEntries(tally))}`,
      );
    }, 600_000);
  }
});
