import { parseArgs } from "node:util";
import { createDocumentClient } from "../data/client";
import { LocalDirectory } from "../data/local-directory";
import { Store } from "../data/store";
import { tableNamesFromEnv } from "../data/tables";
import { isRole, PLATFORM } from "../domain/roles";
import { signInClaims } from "../services/sign-in";
import { readDevKey, signClientToken, signToken } from "./dev-auth";
import { findDemoPartnerSystem, findDemoUser, stableId } from "./seed";
import { readStackFile } from "./stack-file";

/**
 * `npm run --silent token -- --role <ROLE> [--agency <agencyId>] [--partnership <code>]`
 * `npm run --silent token -- --client <clientId>` (a registered partner system's access token)
 * `npm run --silent token -- --email <email>` (whoever signs in with it, as Cognito would sign them in)
 *
 * A person's ID token as Cognito with the pre-token trigger would sign it (`--email`: the claims
 * come from the trigger's own code reading the running stack's records, so a disabled person
 * gets none), or a partner
 * system's access token as the client credentials flow would (PARTNER_SYSTEM: the demo system of
 * the agency). PLATFORM_OPERATOR signs a platform operator's token.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      agency: { type: "string" },
      partnership: { type: "string", default: "lutonshire" },
      client: { type: "string" },
      email: { type: "string" },
    },
  });
  const key = readDevKey().privateJwk;
  let token: string;
  if (values.email && (values.role || values.agency || values.client))
    throw new Error(
      "--email signs in as that person: give it alone (no --role, --agency or --client)",
    );
  if (values.client) token = await signClientToken(key, values.client);
  else if (values.email) {
    const endpoint = process.env.DYNAMODB_ENDPOINT ?? readStackFile()?.endpoint;
    if (!endpoint) throw new Error("--email reads the running stack: start it with npm start");
    const store = new Store(createDocumentClient({ endpoint }), tableNamesFromEnv());
    const claims = await signInClaims(store, LocalDirectory.identityOf(values.email));
    token = await signToken(key, {
      sub: claims.person_id,
      partnershipId: claims.partnership_id,
      agencyId: claims.agency_id ?? null,
      roles: claims.roles.split(" "),
    });
  } else if (values.role === "PARTNER_SYSTEM")
    token = await signClientToken(
      key,
      findDemoPartnerSystem(values.agency, values.partnership).clientId,
    );
  else if (values.role === "PLATFORM_OPERATOR")
    token = await signToken(key, {
      sub: stableId("platform-operator"),
      partnershipId: PLATFORM,
      agencyId: null,
      roles: ["PLATFORM_OPERATOR"],
      name: "Platform operator (demo)",
    });
  else {
    if (!isRole(values.role)) throw new Error("--role is required: one of the Role enum values");
    const user = findDemoUser(values.role, values.agency, values.partnership);
    token = await signToken(key, {
      sub: user.id,
      partnershipId: user.partnershipId,
      agencyId: user.agencyId,
      roles: user.roles,
      name: user.name,
    });
  }
  process.stdout.write(`${token}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
