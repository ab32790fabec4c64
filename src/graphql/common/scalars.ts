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
 * A calendar date, `YYYY-MM-DD` (an English date), between 1900-01-01 and 2199-12-31. Fields
 * narrow this further where it matters, and say so.
 */
export const LocalDate = new GraphQLScalarType({
  name: "LocalDate",
  description: `A calendar date (an English date), YYYY-MM-DD, between ${FIRST_DATE} and ${LAST_DATE}. Fields may narrow the range; their descriptions say how.`,
  serialize: (value) => LocalDateResolver.serialize(value),
  parseValue: (value) => inRange(LocalDateResolver.parseValue(value)),
  parseLiteral: (ast, variables) => {
    if (ast.kind !== Kind.STRING) return LocalDateResolver.parseLiteral(ast, variables);
    return inRange(LocalDateResolver.parseLiteral(ast, variables));
  },
});
