import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isRole } from "../../src/domain/roles";
import { signToken } from "../../src/local/dev-auth";
import { DEMO, findDemoUser, seedPartnership } from "../../src/local/seed";
import { TEST_AUDIENCE, TEST_ISSUER, type TestApi, testApi } from "../helpers/harness";

/**
 * The README's examples, as a newcomer copies them: each `curl` of the examples block is sent
 * with the token of the `npm run token` line above it, against the demo data `npm start` seeds.
 * An example that no longer works (a renamed field, an id that is not seeded) fails here.
 */
interface Example {
  readonly token: { role: string; agency?: string; partnership?: string } | null;
  readonly body: { query: string; variables?: Record<string, unknown> };
  /** The route the example sends to (`/graphql` or `/public/graphql`). */
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
        example.token ? "/graphql" : "/public/graphql",
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
