import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The layering check (`npm run check:imports`) must refuse every forbidden import. Each case
 * plants one import in a scratch copy of the tree; one run of dependency-cruiser, with the
 * project's own configuration, must report each planted file under the rule named.
 */
const root = resolve(__dirname, "../..");

interface Plant {
  readonly rule: string;
  readonly file: string;
  readonly source: string;
}

const PLANTS: Plant[] = [
  {
    rule: "domain-is-pure",
    file: "src/domain/planted-type-import.ts",
    source: `import type { Store } from "../data/store";\nexport type S = Store;\n`,
  },
  {
    rule: "domain-is-pure",
    file: "src/domain/planted-npm.ts",
    source: `import type { GraphQLSchema } from "graphql";\nexport type G = GraphQLSchema;\n`,
  },
  {
    rule: "services-use-the-store",
    file: "src/services/planted-common.ts",
    source: `import { queryPage } from "../data/common";\nexport const q = queryPage;\n`,
  },
  {
    rule: "services-use-the-store",
    file: "src/services/planted-client.ts",
    source: `import { createDocumentClient } from "../data/client";\nexport const c = createDocumentClient;\n`,
  },
  {
    rule: "only-data-talks-to-aws",
    file: "src/services/planted-sdk.ts",
    source: `import type { QueryCommand } from "@aws-sdk/lib-dynamodb";\nexport type Q = QueryCommand;\n`,
  },
  {
    rule: "only-data-talks-to-aws",
    file: "src/services/planted-marshall.ts",
    source: `import { marshall } from "@aws-sdk/util-dynamodb";\nexport const m = marshall;\n`,
  },
  {
    rule: "only-data-talks-to-aws",
    file: "src/graphql/planted-smithy.ts",
    source: `import type { NodeHttpHandler } from "@smithy/node-http-handler";\nexport type H = NodeHttpHandler;\n`,
  },
  {
    rule: "auth-decides-from-the-domain",
    file: "src/auth/planted-shared.ts",
    source: `import { log } from "../shared/logger";\nexport const l = log;\n`,
  },
  {
    rule: "auth-decides-from-the-domain",
    file: "src/auth/planted-data.ts",
    source: `import { Store } from "../data/store";\nexport const s = Store;\n`,
  },
  {
    rule: "handlers-do-not-use-local-tooling",
    file: "src/handlers/planted-local.ts",
    source: `import { DEMO } from "../local/seed";\nexport const d = DEMO;\n`,
  },
  {
    rule: "graphql-does-not-touch-data",
    file: "src/graphql/planted-repository.ts",
    source: `import { CaseRepository } from "../data/cases";\nexport const r = CaseRepository;\n`,
  },
  {
    rule: "data-does-not-decide-access",
    file: "src/data/planted-policy.ts",
    source: `import { can } from "../auth/policy";\nexport const c = can;\n`,
  },
  {
    rule: "services-below-graphql",
    file: "src/services/planted-graphql.ts",
    source: `import type { GraphQLContext } from "../graphql/context";\nexport type C = GraphQLContext;\n`,
  },
  {
    rule: "no-graphql-below-graphql",
    file: "src/services/planted-type-graphql.ts",
    source: `import { Field } from "type-graphql";\nexport const f = Field;\n`,
  },
  {
    rule: "handlers-are-entry-points",
    file: "src/graphql/planted-handler.ts",
    source: `import { handler } from "../handlers/graphql";\nexport const h = handler;\n`,
  },
  {
    rule: "shared-is-a-leaf",
    file: "src/shared/planted-domain.ts",
    source: `import { ROLES } from "../domain/roles";\nexport const r = ROLES;\n`,
  },
  {
    rule: "examples-know-only-the-contract",
    file: "examples/partner-system/src/planted-src.ts",
    source: `import { ROLES } from "../../../src/domain/roles";\nexport const r = ROLES;\n`,
  },
  {
    rule: "no-circular",
    file: "src/domain/planted-cycle-a.ts",
    source: `import { b } from "./planted-cycle-b";\nexport const a = () => b;\n`,
  },
];
const CYCLE_PARTNER = {
  file: "src/domain/planted-cycle-b.ts",
  source: `import { a } from "./planted-cycle-a";\nexport const b = () => a;\n`,
};

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

let scratch: string;
let violations: Violation[];

function cruise(dir: string): Violation[] {
  let out: string;
  try {
    out = execFileSync(
      join(root, "node_modules/.bin/depcruise"),
      ["src", "examples", "--config", ".dependency-cruiser.cjs", "--output-type", "json"],
      { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (err) {
    // depcruise exits non-zero when it finds violations; its report is still on stdout.
    out = (err as { stdout: string }).stdout;
  }
  return JSON.parse(out).summary.violations as Violation[];
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "layering-"));
  for (const f of ["src", "examples", "tsconfig.json", ".dependency-cruiser.cjs", "package.json"])
    cpSync(join(root, f), join(scratch, f), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"), "dir");
  for (const p of [...PLANTS, CYCLE_PARTNER]) writeFileSync(join(scratch, p.file), p.source);
  violations = cruise(scratch);
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the layering check", () => {
  it.each(PLANTS.map((p) => [p.rule, p.file, p] as const))(
    "refuses %s (planted in %s)",
    (_rule, _file, plant) => {
      const found = violations.filter((v) => v.from === plant.file).map((v) => v.rule.name);
      expect(found).toContain(plant.rule);
    },
  );

  it("finds nothing else: every violation comes from a planted file", () => {
    const planted = new Set([...PLANTS, CYCLE_PARTNER].map((p) => p.file));
    expect(violations.filter((v) => !planted.has(v.from))).toEqual([]);
  });
});
