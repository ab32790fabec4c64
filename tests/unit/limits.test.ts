import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { operationLimits } from "../../src/graphql/limits";

const schema = buildSchema(`
  type Query { node: Node, nodes(first: Int): [Node!]! }
  type Node { id: ID!, child: Node, children: [Node!]! }
`);

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
