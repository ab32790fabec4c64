import { buildSchema, parse, specifiedRules, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { MAX_FIELDS, operationLimits } from "../../src/graphql/limits";

const schema = buildSchema(`
  type Query { node: Node, nodes(first: Int): [Node!]!, expensive: Int }
  type Mutation { write: Int }
  type Node { id: ID!, child: Node, children: [Node!]! }
`);
const expensive = schema.getQueryType()?.getFields().expensive;
if (expensive) expensive.extensions = { cost: 500 };

/** `fragment F0 on Query { ...F1 ...F1 }` ... down to `F<levels>`, each level doubling. */
function fragmentChain(levels: number): string {
  const frags = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `query { ...F0 } ${frags.join(" ")} fragment F${levels} on Query { __typename }`;
}

const check = (query: string, maxDepth = 10, maxCost = 1000) =>
  validate(schema, parse(query), [operationLimits(maxDepth, maxCost)]).map((e) => e.message);

describe("operation limits", () => {
  it("refuses a query deeper than the depth limit, counting through fragments", () => {
    expect(check("{ node { child { child { id } } } }", 3)).toEqual([]);
    expect(check("{ node { child { child { child { id } } } } }", 3)).toEqual([
      "Query is too deep: depth 4 exceeds 3",
    ]);
    expect(
      check("{ node { ...F } } fragment F on Node { child { child { child { id } } } }", 3),
    ).toHaveLength(1);
  });

  it("multiplies the cost of a paginated field by first, and by the maximum page for a variable", () => {
    // 1 (nodes) + 50 x (1 id) = 51
    expect(check("{ nodes(first: 50) { id } }", 10, 51)).toEqual([]);
    expect(check("{ nodes(first: 50) { id } }", 10, 50)).toEqual([
      "Query is too costly: estimated 51 exceeds 50",
    ]);
    // A variable counts as 100.
    expect(check("query Q($n: Int) { nodes(first: $n) { id } }", 10, 100)).toHaveLength(1);
  });

  it("multiplies plain list fields by a fixed factor so nested lists cannot explode unnoticed", () => {
    // nodes(first: 10) -> children (x10) -> children (x10): 1 + 10 * (1 + 10 * (1 + 10)) = 1111
    expect(check("{ nodes(first: 10) { children { children { id } } } }", 10, 1110)).toEqual([
      "Query is too costly: estimated 1111 exceeds 1110",
    ]);
  });

  it("does not loop on a fragment that spreads itself", () => {
    expect(() => check("{ node { ...F } } fragment F on Node { child { ...F } }")).not.toThrow();
  });
});

describe("limits that cannot be gamed", () => {
  it("measures each fragment once: a 24-level chain of doubling spreads is refused at once", () => {
    const started = performance.now();
    const errors = validate(schema, parse(fragmentChain(24)), [operationLimits()]).map(
      (e) => e.message,
    );
    expect(performance.now() - started).toBeLessThan(500);
    // 2^24 fields through the operation's spreads, and as many again through the fragments'.
    expect(errors).toEqual([
      `Too many fields: ${3 * 2 ** 24 - 1} exceeds ${MAX_FIELDS} (each fragment spread counting its fragment's fields)`,
    ]);
  });

  it("charges a field the cost it declares, so aliased copies of an expensive field are refused", () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: expensive`).join(" ")} }`;
    expect(check(aliases(2), 10, 1000)).toEqual([]);
    expect(check(aliases(3), 10, 1000)).toEqual([
      "Query is too costly: estimated 1500 exceeds 1000",
    ]);
  });

  it("caps aliases, directives and the mutations of one operation", () => {
    const many = (n: number, f: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => f(i)).join(" ");
    expect(check(`{ ${many(31, (i) => `a${i}: node { id }`)} }`, 10, 1e9).join()).toMatch(
      /Too many aliases: 31 exceeds 30/,
    );
    expect(
      check(`{ node { ${many(21, () => "id @include(if: true)")} } }`, 10, 1e9).join(),
    ).toMatch(/Too many directives/);
    expect(check(`mutation { ${many(5, (i) => `w${i}: write`)} }`, 10, 1e9)).toEqual([]);
    expect(check(`mutation { ${many(6, (i) => `w${i}: write`)} }`, 10, 1e9).join()).toMatch(
      /Too many mutations in one operation: 6 exceeds 5/,
    );
  });

  it("counts aliases inside a fragment once per spread", () => {
    const q = `{ ...A ...A } fragment A on Query { ${Array.from({ length: 16 }, (_, i) => `x${i}: node { id }`).join(" ")} }`;
    expect(check(q, 10, 1e9).join()).toMatch(/Too many aliases: 32/);
  });
});

describe("the number of fields in a document", () => {
  /** What Apollo runs: graphql-js's own rules, then ours. */
  const validateAll = (query: string) =>
    validate(schema, parse(query), [...specifiedRules, operationLimits(10, 1e9)]).map(
      (e) => e.message,
    );
  const ids = (n: number) => "id ".repeat(n);

  it(`is at most ${MAX_FIELDS}, refused with one clear error before graphql-js gives up with "Validation aborted."`, () => {
    expect(validateAll(`{ node { ${ids(MAX_FIELDS - 1)} } }`)).toEqual([]);
    for (const n of [MAX_FIELDS, 708, 2000, 4990])
      expect(validateAll(`{ node { ${ids(n)} } }`), String(n)).toEqual([
        `Too many fields: ${n + 1} exceeds ${MAX_FIELDS} (each fragment spread counting its fragment's fields)`,
      ]);
  });

  it("counts a fragment's fields where it is defined and at every spread", () => {
    const half = Math.floor(MAX_FIELDS / 2);
    expect(validateAll(`{ node { ...F } } fragment F on Node { ${ids(half - 1)} }`)).toEqual([]);
    expect(validateAll(`{ node { ...F ...F } } fragment F on Node { ${ids(half)} }`)[0]).toMatch(
      /^Too many fields: \d+ exceeds/,
    );
    // An unused fragment is walked by graphql-js's rules too.
    expect(validateAll(`{ node { id } } fragment F on Node { ${ids(2000)} }`).join()).toMatch(
      /^Too many fields/,
    );
  });

  it("keeps every document within the limit inside graphql-js's own validation budget", () => {
    const n = MAX_FIELDS - 2;
    const half = Math.floor(n / 2) - 2;
    for (const query of [
      `{ node { ${ids(n)} } }`,
      `{ node { ${"child { id } ".repeat(half)} } }`,
      `{ node { ...F ...F } } fragment F on Node { ${ids(Math.floor(n / 3))} }`,
    ])
      expect(validateAll(query).join()).not.toMatch(/aborted/i);
  });
});
