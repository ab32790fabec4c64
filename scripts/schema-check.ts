import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { printSchemaSdl } from "../src/graphql/sdl";
import { checkSchema, report } from "./schema-check-lib";

/**
 * `npm run schema:check` (part of `npm test`): the emitted schema against schema/released.graphql.
 * Lists breaking, dangerous and safe changes; fails on a breaking change the changelog's
 * unreleased section does not record.
 */
async function main() {
  const dir = resolve(__dirname, "..", "schema");
  const check = await checkSchema(
    readFileSync(resolve(dir, "released.graphql"), "utf8"),
    printSchemaSdl(),
    readFileSync(resolve(dir, "CHANGELOG.md"), "utf8"),
  );
  process.stdout.write(report(check));
  if (check.unrecorded.length > 0) process.exitCode = 1;
}

void main();
