import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, englishDate } from "../../src/domain/dates";
import { isRole } from "../../src/domain/roles";
import { signClientToken, signToken } from "../../src/local/dev-auth";
import { DEMO, findDemoPartnerSystem, findDemoUser, seedPartnership } from "../../src/local/seed";
import { TEST_AUDIENCE, TEST_ISSUER, type TestApi, testApi } from "../helpers/harness";

/**
 * The README's examples, as a newcomer copies them: each `curl` of the examples block is sent
 * with the token of the `npm run token` line above it, against the demo data `npm start` seeds.
 * An example that no longer works (a renamed field, an id that is not seeded) fails here.
 */
interface Example {
  readonly token: { role: string; agency?: string; partnership?: string } | null;
  readonly body: { query: string; variables?: Record<string, unknown> };
  /** The route the example sends to (`/graphql`, `/system/graphql` or `/public/graphql`). */
  readonly route: string;
  readonly line: number;
}

function examples(): Example[] {
  const readme = readFileSync(resolve(__dirname, "..", "..", "README.md"), "utf8");
  const start = readme.indexOf("## Tokens and examples");
  const blocks = [...readme.slice(start).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  const block = blocks.find((b) => b.includes("curl")) ?? "";
  const lines = block.split("\n");
  const out: Example[] = [];
  let token: Example["token"] = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const minted = line.match(/^TOKEN=\$\(npm run --silent token -- (.*)\)/);
    if (minted) {
      const args = (minted[1] ?? "").split(/\s+/);
      const arg = (name: string) => args[args.indexOf(`--${name}`) + 1];
      token = {
        role: arg("role") as string,
        agency: args.includes("--agency") ? arg("agency") : undefined,
        partnership: args.includes("--partnership") ? arg("partnership") : undefined,
      };
      continue;
    }
    if (!line.startsWith("curl ")) continue;
    // The command runs to the end of its single-quoted body.
    let command = line;
    while ((command.match(/'/g) ?? []).length % 2 === 1 || command.trimEnd().endsWith("\\"))
      command += `\n${lines[++i] ?? ""}`;
    const body = command.match(/-d '([\s\S]*)'/)?.[1];
    if (!body) throw new Error(`README example without a body at line ${i}`);
    out.push({
      token: command.includes("$TOKEN") ? token : null,
      body: JSON.parse(body),
      route: command.match(/^curl -s localhost:4000(\/\S*)/)?.[1] ?? "",
      line: i,
    });
  }
  return out;
}

let api: TestApi;

beforeAll(async () => {
  api = await testApi();
  for (const s of DEMO) await seedPartnership(api.store, s);
});

async function tokenFor(t: NonNullable<Example["token"]>): Promise<string> {
  if (!isRole(t.role)) throw new Error(`README names no role ${t.role}`);
  // As `npm run token -- --role PARTNER_SYSTEM` does: the agency's registered system.
  if (t.role === "PARTNER_SYSTEM")
    return signClientToken(
      api.keys.trusted.privateJwk,
      findDemoPartnerSystem(t.agency, t.partnership).clientId,
      { issuer: TEST_ISSUER },
    );
  const user = findDemoUser(t.role, t.agency, t.partnership);
  return signToken(
    api.keys.trusted.privateJwk,
    {
      sub: user.id,
      partnershipId: user.partnershipId,
      agencyId: user.agencyId,
      roles: user.roles,
      name: user.name,
    },
    { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
  );
}

describe("the README's examples", () => {
  const all = examples();

  it("use idempotency keys of their own (the partner-system example's would answer CONFLICT)", () => {
    const keys = (file: string, pattern: RegExp) =>
      new Set(
        [...readFileSync(resolve(__dirname, "..", "..", file), "utf8").matchAll(pattern)].map(
          (m) => m[1],
        ),
      );
    const ours = new Set(
      all.map((e) => e.body.variables?.key).filter((k): k is string => typeof k === "string"),
    );
    expect(ours.size).toBeGreaterThan(0);
    const partner = keys(
      "examples/partner-system/README.md",
      /(?:--key |idempotencyKey: ")([A-Za-z0-9_.:-]+)/g,
    );
    expect(partner.size).toBeGreaterThan(0);
    expect([...ours].filter((k) => partner.has(k))).toEqual([]);
  });

  it("are found (every curl of the examples block)", () => {
    expect(all.length).toBeGreaterThanOrEqual(9);
  });

  for (const example of all)
    it(`work as written (${example.body.query.slice(0, 60).replace(/\s+/g, " ")}…)`, async () => {
      // The gateway refuses /graphql without a token (401) and serves the public route without.
      expect(example.route, `line ${example.line}`).toBe(
        !example.token
          ? "/public/graphql"
          : example.token.role === "PARTNER_SYSTEM"
            ? "/system/graphql"
            : "/graphql",
      );
      const token = example.token ? await tokenFor(example.token) : null;
      // Twice: a retried mutation with its idempotency key answers the same.
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await api.gql(token, example.body.query, example.body.variables);
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        expect(res.data).toBeTruthy();
        // Every list the example asks for has something in it on the demo data.
        for (const [field, value] of Object.entries(res.data ?? {}))
          if (value && typeof value === "object" && "edges" in value)
            expect((value as { edges: unknown[] }).edges.length, field).toBeGreaterThan(0);
      }
    });
});

/** A step of the worked example: its operation, variables and token. */
interface Step {
  readonly name: string;
  readonly token: NonNullable<Example["token"]> | null;
  readonly query: string;
  readonly variables: unknown;
}

function workedExample(): Step[] {
  const readme = readFileSync(resolve(__dirname, "..", "..", "README.md"), "utf8");
  const start = readme.indexOf("## Worked example");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  const blocks = [...section.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)];
  const steps: Step[] = [];
  for (let i = 0; i < blocks.length; i += 2) {
    const [op, vars] = [blocks[i], blocks[i + 1]];
    if (op?.[1] !== "graphql" || vars?.[1] !== "json")
      throw new Error(`README worked example: an operation without its variables at block ${i}`);
    const query = op[2] ?? "";
    const args = query.match(/^# token: (.*)$/m)?.[1]?.split(/\s+/) ?? null;
    const arg = (name: string) =>
      args?.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined;
    steps.push({
      name: query.match(/^(?:mutation|query) (\w+)/m)?.[1] ?? `step ${i / 2 + 1}`,
      token: args ? { role: arg("role") as string, agency: arg("agency") } : null,
      query,
      variables: JSON.parse(vars[2] ?? "{}"),
    });
  }
  return steps;
}

/** `<Step.path.to.value>` from an earlier answer; `<today>`, `<today+N>`, `<today-N>`. */
function resolvePlaceholders(value: unknown, answers: Map<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolvePlaceholders(v, answers));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolvePlaceholders(v, answers)]),
    );
  if (typeof value !== "string") return value;
  const day = value.match(/^<today(?:([+-])(\d+))?>$/);
  if (day) {
    const offset = day[1] ? Number(day[2]) * (day[1] === "-" ? -1 : 1) : 0;
    return addDays(englishDate(new Date()), offset);
  }
  const ref = value.match(/^<(\w+)\.([\w.]+)>$/);
  if (!ref) return value;
  let found: unknown = answers.get(ref[1] as string);
  if (found === undefined) throw new Error(`README worked example: no step ${ref[1]} before`);
  for (const key of (ref[2] as string).split("."))
    found = (found as Record<string, unknown> | null)?.[key];
  if (found === undefined || found === null)
    throw new Error(`README worked example: ${value} is not in that step's answer`);
  return found;
}

describe("the README's worked example (§17–34)", () => {
  it("runs from the notification to the published SCR, step after step", async () => {
    const steps = workedExample();
    expect(steps.length).toBeGreaterThanOrEqual(15);
    const answers = new Map<string, unknown>();
    for (const step of steps) {
      const token = step.token ? await tokenFor(step.token) : null;
      const answer = await api.gql(
        token,
        step.query,
        resolvePlaceholders(step.variables, answers) as Record<string, unknown>,
      );
      expect(answer.errors, `${step.name}: ${JSON.stringify(answer.errors)}`).toBeUndefined();
      answers.set(step.name, answer.data);
    }
    const published = answers.get("Public") as {
      publishedLearning: { edges: { node: { title: string; actionStatement: string } }[] };
    };
    expect(published.publishedLearning.edges.map((e) => e.node.title)).toEqual([
      "Serious case review: Child E",
    ]);
  });
});
