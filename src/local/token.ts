import { parseArgs } from "node:util";
import { isRole } from "../domain/roles";
import { readDevKey, signToken } from "./dev-auth";
import { findDemoUser } from "./seed";

/** `npm run --silent token -- --role <ROLE> [--agency <agencyId>] [--partnership <code>]` */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      agency: { type: "string" },
      partnership: { type: "string", default: "lutonshire" },
    },
  });
  if (!isRole(values.role)) throw new Error("--role is required: one of the Role enum values");
  const user = findDemoUser(values.role, values.agency, values.partnership);
  const token = await signToken(readDevKey().privateJwk, {
    sub: user.id,
    partnershipId: user.partnershipId,
    agencyId: user.agencyId,
    roles: user.roles,
    name: user.name,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
