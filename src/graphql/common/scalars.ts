import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { FIRST_DATE, LAST_DATE } from "../../domain/dates";

/** An instant, ISO 8601 with offset (RFC 3339). */
export const DateTime = DateTimeResolver;

function inRange(value: unknown): string {
  const date = value as string;
  if (date < FIRST_DATE || date > LAST_DATE)
    throw new GraphQLError(`A date is between ${FIRST_DATE} and ${LAST_DATE}`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  return date;
}

/**
 * graphql-scalars' check of an outgoing date (a pattern, then a Date parsed and printed back), once
 * per distinct value: a list of clocks sends the same few dates many times over. Only values it
 * accepted are remembered; anything else is checked (and refused) as before. Bounded.
 */
const serializedDates = new Set<string>();
function serializeLocalDate(value: unknown): string {
  if (typeof value === "string" && serializedDates.has(value)) return value;
  const out = LocalDateResolver.serialize(value) as string;
  if (typeof value === "string" && out === value) {
    if (serializedDates.size >= 10_000) serializedDates.clear();
    serializedDates.add(value);
  }
  return out;
}

/**
 * A calendar date, `YYYY-MM-DD` (an English date), between 1900-01-01 and 2199-12-31. Fields
 * narrow this further where it matters, and say so.
 */
export const LocalDate = new GraphQLScalarType({
  name: "LocalDate",
  description: `A calendar date (an English date), YYYY-MM-DD, between ${FIRST_DATE} and ${LAST_DATE}. Fields may narrow the range; their descriptions say how.`,
  serialize: serializeLocalDate,
  parseValue: (value) => inRange(LocalDateResolver.parseValue(value)),
  parseLiteral: (ast, variables) => {
    if (ast.kind !== Kind.STRING) return LocalDateResolver.parseLiteral(ast, variables);
    return inRange(LocalDateResolver.parseLiteral(ast, variables));
  },
});
