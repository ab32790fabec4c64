import {
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
} from "graphql";
import { getSchema } from "../../src/graphql/schema";

/**
 * `extensions.field` must name what the client sent or was required to send: an argument of the
 * field that failed, and the path into it (`input.criteria.0.reason`), a path the schema has.
 * Checked on every error of every test's request, so that no message can point a client at an
 * argument that does not exist. Returns why a path is wrong, or null.
 */
export function wrongFieldPath(
  query: string,
  error: { path?: readonly (string | number)[]; extensions?: Record<string, unknown> },
): string | null {
  const field = error.extensions?.field;
  if (typeof field !== "string" || !error.path || error.path.length === 0) return null;
  const target = fieldAt(query, error.path);
  if (!target) return null;
  // The field itself, when the way it was asked for is refused (a list inside a list).
  if (field === target.name) return null;
  const [first, ...rest] = field.split(".");
  const arg = target.args.find((a) => a.name === first);
  if (!arg) return `"${field}": ${target.name} has no argument ${first}`;
  let type: GraphQLInputType = arg.type;
  for (const segment of rest) {
    const t = getNullableType(type);
    if (/^\d+$/.test(segment)) {
      if (!isListType(t)) return `"${field}": ${segment} indexes no list`;
      type = t.ofType;
    } else {
      const named = getNamedType(t);
      const f = isInputObjectType(named) ? named.getFields()[segment] : undefined;
      if (!f || isListType(t)) return `"${field}": no input field ${segment}`;
      type = f.type;
    }
  }
  return null;
}

/** The schema field an error's response path ends at (null when an alias hides it). */
function fieldAt(
  query: string,
  path: readonly (string | number)[],
): GraphQLField<unknown, unknown> | null {
  const schema = getSchema();
  let op: OperationDefinitionNode | undefined;
  try {
    op = parse(query).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return null;
  }
  let parent: unknown =
    op?.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  let found: GraphQLField<unknown, unknown> | null = null;
  for (const key of path) {
    if (typeof key === "number") continue;
    const named: unknown = found ? getNamedType(found.type) : parent;
    if (!(isObjectType(named) || isInterfaceType(named))) return null;
    found = named.getFields()[key] ?? null;
    if (!found) return null;
    parent = getNamedType(found.type);
  }
  return found;
}
