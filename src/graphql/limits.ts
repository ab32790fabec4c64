import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../domain/pagination";

/** Deepest selection allowed (the schema's real paths are far shallower). */
export const MAX_DEPTH = 10;
/** Largest estimated number of resolved fields allowed in one operation. */
export const MAX_COST = 25_000;
/** Assumed length of a list field that is not paginated (such lists are short by design). */
const PLAIN_LIST_FACTOR = 10;

interface Measure {
  depth: number;
  cost: number;
}

/** How many times a field's subtree runs: `first` for paginated fields, a constant for lists. */
function multiplier(node: FieldNode, def: GraphQLField<unknown, unknown>): number {
  if (def.args.some((a) => a.name === "first")) {
    const arg = node.arguments?.find((a) => a.name.value === "first");
    if (!arg) return DEFAULT_PAGE_SIZE;
    // A variable's value is not known during validation: assume the largest page.
    return arg.value.kind === "IntValue"
      ? Math.min(Number(arg.value.value), MAX_PAGE_SIZE)
      : MAX_PAGE_SIZE;
  }
  // Edges of a connection are already counted by the connection's `first`.
  if (node.name.value === "edges") return 1;
  return isListType(getNullableType(def.type)) ? PLAIN_LIST_FACTOR : 1;
}

/**
 * Refuses abusive operations during validation, before anything runs: a depth limit, and a cost
 * limit where each field costs 1 and a list field multiplies the cost of its subtree.
 */
export function operationLimits(maxDepth = MAX_DEPTH, maxCost = MAX_COST) {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions)
      if (def.kind === "FragmentDefinition") fragments.set(def.name.value, def);

    const measure = (
      set: SelectionSetNode | undefined,
      parent: GraphQLCompositeType | undefined,
      seen: ReadonlySet<string>,
    ): Measure => {
      let depth = 0;
      let cost = 0;
      for (const sel of set?.selections ?? []) {
        let inner: Measure = { depth: 0, cost: 0 };
        if (sel.kind === "Field") {
          const def = isObjectType(parent) ? parent.getFields()[sel.name.value] : undefined;
          if (def) {
            const named = getNamedType(def.type);
            const child = measure(
              sel.selectionSet,
              isCompositeType(named) ? named : undefined,
              seen,
            );
            inner = {
              depth: child.depth + (sel.selectionSet ? 1 : 0),
              cost: 1 + multiplier(sel, def) * child.cost,
            };
          }
        } else if (sel.kind === "InlineFragment") {
          const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
          inner = measure(sel.selectionSet, isCompositeType(cond) ? cond : undefined, seen);
        } else {
          const name = sel.name.value;
          const frag = fragments.get(name);
          if (frag && !seen.has(name)) {
            const cond = schema.getType(frag.typeCondition.name.value);
            inner = measure(
              frag.selectionSet,
              isCompositeType(cond) ? cond : undefined,
              new Set([...seen, name]),
            );
          }
        }
        depth = Math.max(depth, inner.depth);
        cost += inner.cost;
      }
      return { depth, cost };
    };

    return {
      OperationDefinition(node: OperationDefinitionNode) {
        const root = schema.getRootType(node.operation) ?? undefined;
        const m = measure(node.selectionSet, root, new Set());
        const refuse = (message: string) =>
          context.reportError(
            new GraphQLError(message, {
              nodes: [node],
              extensions: { code: "GRAPHQL_VALIDATION_FAILED", field: "query" },
            }),
          );
        if (m.depth > maxDepth) refuse(`Query is too deep: depth ${m.depth} exceeds ${maxDepth}`);
        if (m.cost > maxCost) refuse(`Query is too costly: estimated ${m.cost} exceeds ${maxCost}`);
      },
    };
  };
}
