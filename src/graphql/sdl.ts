import { lexicographicSortSchema, printSchema } from "graphql";
import { getSchema } from "./schema";

/** The schema as SDL, sorted so that the committed file changes only when the contract does. */
export function printSchemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
