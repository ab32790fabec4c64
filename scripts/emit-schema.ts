import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { printSchemaSdl } from "../src/graphql/sdl";

/** `npm run schema`: writes the contract partner systems diff against. */
const target = resolve(__dirname, "..", "schema", "schema.graphql");
writeFileSync(target, printSchemaSdl());
process.stdout.write(`wrote ${target}\n`);
