import { Extensions } from "type-graphql";

/**
 * What an output field costs in the operation limits (src/graphql/limits.ts), declared at the
 * field: the unit is one field of ordinary size, and a text field costs one unit per
 * TEXT_PER_UNIT characters it may hold; a list field declares the most items it returns, which
 * multiplies the cost of its items (a connection's page size does the same for connections).
 * The limit of 25,000 units then bounds an answer to a few megabytes, within Lambda's 6 MB.
 */
export const TEXT_PER_UNIT = 200;

/** A text field that may hold up to `maxLength` characters. */
export const Sized = (maxLength: number) =>
  Extensions({ cost: Math.max(1, Math.ceil(maxLength / TEXT_PER_UNIT)) });

/** A list field of at most `maxItems` items. */
export const ListOf = (maxItems: number) => Extensions({ maxItems });

/** A field that reads more than its own item: its cost in units. */
export const Costs = (cost: number) => Extensions({ cost });
