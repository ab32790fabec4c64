import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";

/** An instant, ISO 8601 with offset (RFC 3339). */
export const DateTime = DateTimeResolver;
/** A calendar date, `YYYY-MM-DD`. */
export const LocalDate = LocalDateResolver;
