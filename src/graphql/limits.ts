import {
  type ASTVisitor,
  type DocumentNode,
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
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../domain/pagination";

/** Deepest selection allowed (the schema's real paths are far shallower). */
export const MAX_DEPTH = 10;
/** Largest estimated cost of one operation (each field 1 unless it declares more). */
export const MAX_COST = 25_000;
/** Aliased fields in one operation (counted through every fragment spread). */
export const MAX_ALIASES = 30;
/** Directives in one operation. */
export const MAX_DIRECTIVES = 20;
/** Root fields of one mutation operation: each is a write. */
export const MAX_MUTATION_FIELDS = 5;
/** The largest request body, in bytes (API Gateway takes more; nothing real needs it). */
export const MAX_BODY_BYTES = 1_000_000;
/** Lexical tokens in one document (graphql-js stops parsing past it). */
export const MAX_TOKENS = 5_000;
/**
 * Field selections in one document, a fragment's counted where it is defined and at every spread.
 * graphql-js's own validation (OverlappingFieldsCanBeMerged) compares fields of the same name
 * pairwise on a fixed budget, and past it (about 700 repeats of one field) gives up with a bare
 * "Validation aborted."; within this limit it never does.
 */
export const MAX_FIELDS = 500;
/** Assumed length of a short list field that declares no maximum (roles, criteria, clocks). */
const PLAIN_LIST_FACTOR = 10;

/** What a selection set costs, counted once per fragment and multiplied where it is used. */
interface Measure {
  readonly depth: number;
  readonly cost: number;
  readonly aliases: number;
  readonly directives: number;
  /** Fields at the top of this selection (for a root, the operations it runs). */
  readonly fields: number;
  /** Fields at every level, each fragment spread counting its fragment's. */
  readonly selections: number;
}

const ZERO: Measure = {
  depth: 0,
  cost: 0,
  aliases: 0,
  directives: 0,
  fields: 0,
  selections: 0,
};

/**
 * How many times a field's subtree runs: `first` for paginated fields, the most items a list
 * field declares (`extensions.maxItems`), or a constant for short lists that declare none.
 */
function multiplier(node: FieldNode, def: GraphQLField<unknown, unknown>): number {
  if (def.args.some((a) => a.name === "first")) {
    const arg = node.arguments?.find((a) => a.name.value === "first");
    if (!arg) return DEFAULT_PAGE_SIZE;
    // A variable's value is not known during validation: assume the largest page.
    return arg.value.kind === "IntValue"
      ? Math.min(Math.max(Number(arg.value.value), 1), MAX_PAGE_SIZE)
      : MAX_PAGE_SIZE;
  }
  // Edges of a connection are already counted by the connection's `first`.
  if (node.name.value === "edges") return 1;
  if (!isListType(getNullableType(def.type))) return 1;
  const declared = def.extensions?.maxItems;
  return typeof declared === "number" && declared > 0 ? declared : PLAIN_LIST_FACTOR;
}

/** A field's own cost: `extensions.cost` on its definition (reads it makes), else 1. */
function fieldCost(def: GraphQLField<unknown, unknown>): number {
  const cost = def.extensions?.cost;
  return typeof cost === "number" && cost > 0 ? cost : 1;
}

const add = (a: Measure, b: Measure): Measure => ({
  depth: Math.max(a.depth, b.depth),
  cost: a.cost + b.cost,
  aliases: a.aliases + b.aliases,
  directives: a.directives + b.directives,
  fields: a.fields + b.fields,
  selections: a.selections + b.selections,
});

const EMPTY_DOCUMENT: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };

/**
 * Refuses abusive operations during validation, before anything runs: depth, cost (a list field
 * multiplies its subtree; a field may declare a cost for the reads it makes), aliases,
 * directives, and the number of writes in one mutation. Each fragment is measured once and its
 * figures reused at every spread, so a document of nested spreads costs linear time to check,
 * however large the cost it describes.
 */
export function operationLimits(maxDepth = MAX_DEPTH, maxCost = MAX_COST) {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions)
      if (def.kind === "FragmentDefinition") fragments.set(def.name.value, def);
    const measured = new Map<string, Measure>();
    const measuring = new Set<string>();

    const fragment = (name: string): Measure => {
      const known = measured.get(name);
      if (known) return known;
      const frag = fragments.get(name);
      // An unknown fragment, or a cycle (refused by graphql-js's own rules), adds nothing.
      if (!frag || measuring.has(name)) return ZERO;
      measuring.add(name);
      const cond = schema.getType(frag.typeCondition.name.value);
      const m = measure(frag.selectionSet, isCompositeType(cond) ? cond : undefined);
      measuring.delete(name);
      const withOwn = { ...m, directives: m.directives + (frag.directives?.length ?? 0) };
      measured.set(name, withOwn);
      return withOwn;
    };

    const measure = (
      set: SelectionSetNode | undefined,
      parent: GraphQLCompositeType | undefined,
    ): Measure => {
      let total = ZERO;
      for (const sel of set?.selections ?? []) {
        const directives = sel.directives?.length ?? 0;
        if (sel.kind === "Field") {
          const def = isObjectType(parent) ? parent.getFields()[sel.name.value] : undefined;
          let child = ZERO;
          let times = 1;
          let own = 1;
          if (def) {
            const named = getNamedType(def.type);
            child = measure(sel.selectionSet, isCompositeType(named) ? named : undefined);
            times = multiplier(sel, def);
            own = fieldCost(def);
          }
          total = add(total, {
            depth: child.depth + (sel.selectionSet ? 1 : 0),
            cost: own + times * child.cost,
            // Aliases are counted as written (and per fragment spread), not per list item.
            aliases: (sel.alias ? 1 : 0) + child.aliases,
            directives: directives + child.directives,
            fields: 1,
            selections: 1 + child.selections,
          });
        } else if (sel.kind === "InlineFragment") {
          const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
          const inner = measure(sel.selectionSet, isCompositeType(cond) ? cond : undefined);
          total = add(total, { ...inner, directives: inner.directives + directives });
        } else {
          const inner = fragment(sel.name.value);
          total = add(total, { ...inner, directives: inner.directives + directives });
        }
      }
      return total;
    };

    const operation = (node: OperationDefinitionNode) =>
      measure(node.selectionSet, schema.getRootType(node.operation) ?? undefined);

    return {
      // Before any other rule walks a selection: a document too large is refused here alone.
      Document(node: DocumentNode) {
        let selections = 0;
        for (const def of node.definitions)
          if (def.kind === "OperationDefinition") selections += operation(def).selections;
          else if (def.kind === "FragmentDefinition")
            selections += fragment(def.name.value).selections;
        if (selections <= MAX_FIELDS) return undefined;
        context.reportError(
          new GraphQLError(
            `Too many fields: ${selections} exceeds ${MAX_FIELDS} (each fragment spread counting its fragment's fields)`,
            { extensions: { code: "GRAPHQL_VALIDATION_FAILED", field: "query" } },
          ),
        );
        // The rules validate runs visit in parallel; an enter that returns a node has all of them
        // visit that node instead. An empty document leaves graphql-js's rules nothing to walk,
        // so this is the only error (not theirs about the same document, or "Validation aborted.").
        return EMPTY_DOCUMENT;
      },
      OperationDefinition(node: OperationDefinitionNode) {
        const m = operation(node);
        const refuse = (message: string) =>
          context.reportError(
            new GraphQLError(message, {
              nodes: [node],
              extensions: { code: "GRAPHQL_VALIDATION_FAILED", field: "query" },
            }),
          );
        const directives = m.directives + (node.directives?.length ?? 0);
        if (m.depth > maxDepth) refuse(`Query is too deep: depth ${m.depth} exceeds ${maxDepth}`);
        if (m.cost > maxCost) refuse(`Query is too costly: estimated ${m.cost} exceeds ${maxCost}`);
        if (m.aliases > MAX_ALIASES)
          refuse(`Too many aliases: ${m.aliases} exceeds ${MAX_ALIASES}`);
        if (directives > MAX_DIRECTIVES)
          refuse(`Too many directives: ${directives} exceeds ${MAX_DIRECTIVES}`);
        if (node.operation === "mutation" && m.fields > MAX_MUTATION_FIELDS)
          refuse(
            `Too many mutations in one operation: ${m.fields} exceeds ${MAX_MUTATION_FIELDS}; send them separately`,
          );
      },
    };
  };
}
