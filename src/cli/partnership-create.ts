import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { clientOptionsFromEnv, createDocumentClient } from "../data/client";
import { directoryFromEnv, Store } from "../data/store";
import { tableNamesFromEnv } from "../data/tables";
import { AGENCY_KINDS, type AgencyKind } from "../domain/entities";
import { ConflictError, DomainError } from "../domain/errors";
import { PLATFORM, type Principal } from "../domain/roles";
import { readStackFile } from "../local/stack-file";
import type { ServiceContext } from "../services/context";
import { createLoaders } from "../services/loaders";
import { createPartnership, type NewPartnershipInput } from "../services/partnerships";

const USAGE = `npm run partnership:create -- --code <code> --name <name> --admin-email <email>
    [--admin-name <name>] [--chair-email <email> [--chair-name <name>]] [--website <url>]
    [--agencies <file.json>]   a JSON array of {"name": "...", "kind": "POLICE"}
    [--agency KIND:Name]...    or one flag per agency (kinds: ${AGENCY_KINDS.join(", ")})

In AWS (USER_POOL_ID, RECORDS_TABLE and ACCESS_LOG_TABLE set, as the stage's outputs give them):
the records go to the stage's tables and the admin gets Cognito's invitation email. Otherwise:
the running \`npm start\` (its DynamoDB Local), or DYNAMODB_ENDPOINT.`;

/** What the command was asked, parsed and checked before anything is written. */
export function parseCommand(argv: readonly string[]): NewPartnershipInput {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      code: { type: "string" },
      name: { type: "string" },
      website: { type: "string" },
      "admin-email": { type: "string" },
      "admin-name": { type: "string" },
      "chair-email": { type: "string" },
      "chair-name": { type: "string" },
      agencies: { type: "string" },
      agency: { type: "string", multiple: true },
    },
  });
  const missing = ["code", "name", "admin-email"].filter((k) => !values[k as keyof typeof values]);
  if (missing.length) throw new UsageError(`Missing --${missing.join(", --")}`);
  const agencies: { name: string; kind: AgencyKind }[] = [];
  if (values.agencies) {
    let listed: unknown;
    try {
      listed = JSON.parse(readFileSync(values.agencies, "utf8"));
    } catch (err) {
      throw new UsageError(`--agencies ${values.agencies}: ${(err as Error).message}`);
    }
    if (!Array.isArray(listed))
      throw new UsageError(`--agencies ${values.agencies}: not a JSON array`);
    for (const [i, a] of listed.entries()) agencies.push(agencyOf(a, `--agencies item ${i}`));
  }
  for (const flag of values.agency ?? []) {
    const at = flag.indexOf(":");
    agencies.push(
      agencyOf({ kind: flag.slice(0, at), name: flag.slice(at + 1) }, `--agency ${flag}`),
    );
  }
  return {
    code: values.code as string,
    name: values.name as string,
    website: values.website ?? null,
    agencies,
    admin: {
      email: values["admin-email"] as string,
      name: values["admin-name"] ?? "Business unit administrator",
    },
    chair: values["chair-email"]
      ? { email: values["chair-email"], name: values["chair-name"] ?? "Independent Chair" }
      : null,
  };
}

function agencyOf(a: unknown, where: string): { name: string; kind: AgencyKind } {
  const { name, kind } = (a ?? {}) as { name?: unknown; kind?: unknown };
  if (typeof name !== "string" || !name.trim()) throw new UsageError(`${where}: no name`);
  if (!AGENCY_KINDS.includes(kind as AgencyKind))
    throw new UsageError(`${where}: kind must be one of ${AGENCY_KINDS.join(", ")}`);
  return { name, kind: kind as AgencyKind };
}

export class UsageError extends Error {}

/** A well-formed command the records refuse (exit 2, without the usage text). */
export class RefusedError extends Error {}

/** The store the command writes to: the stage's in AWS, the local stack's otherwise. */
export function storeFromEnv(env: NodeJS.ProcessEnv = process.env): {
  store: Store;
  target: string;
} {
  const tables = tableNamesFromEnv(env);
  if (env.USER_POOL_ID) {
    if (!env.RECORDS_TABLE || !env.ACCESS_LOG_TABLE)
      throw new UsageError("In AWS, set RECORDS_TABLE and ACCESS_LOG_TABLE (the stage's tables)");
    const client = createDocumentClient(clientOptionsFromEnv(env));
    return { store: new Store(client, tables, directoryFromEnv(env)), target: tables.records };
  }
  const endpoint = env.DYNAMODB_ENDPOINT ?? readStackFile()?.endpoint;
  if (!endpoint)
    throw new UsageError(
      "No local stack is running (start one with npm start), DYNAMODB_ENDPOINT is not set, and USER_POOL_ID is not set for AWS",
    );
  const client = createDocumentClient({ ...clientOptionsFromEnv(env), endpoint });
  return { store: new Store(client, tables), target: `${endpoint} ${tables.records}` };
}

/**
 * Runs as a platform operator (it belongs to no partnership, so it can read nothing of one). The
 * idempotency key is the code's: running the same command again, after a failure half way (the
 * admin's sign-in user not created), completes the setup instead of failing on a taken code.
 */
export async function runPartnershipCreate(store: Store, input: NewPartnershipInput) {
  const principal: Principal = {
    subject: `cli:${userInfo().username}`,
    partnershipId: PLATFORM,
    agencyId: null,
    roles: ["PLATFORM_OPERATOR"],
    isMachine: false,
  };
  const requestId = randomUUID();
  const now = () => new Date();
  const ctx: ServiceContext = {
    principal,
    store,
    loaders: createLoaders(store, principal, requestId, now),
    requestId,
    now,
  };
  const code = input.code.trim().toLowerCase();
  let setup: Awaited<ReturnType<typeof createPartnership>>;
  try {
    setup = await createPartnership(ctx, input, `partnership.${code}`);
  } catch (err) {
    if (err instanceof ConflictError && err.reason === "IDEMPOTENCY_KEY_REUSED")
      throw new RefusedError(
        `The partnership ${code} was set up by this command with other details (name, website, agencies or admin); nothing was changed. Its business unit changes it through the API.`,
      );
    throw err;
  }
  const { partnership, admin, chair, created } = setup;
  const agencies = await store.agencies.list(partnership.id, 100);
  const person = (p: typeof admin) => ({ id: p.id, email: p.email, roles: p.roles });
  return {
    created,
    partnership: { id: partnership.id, code: partnership.code, name: partnership.name },
    agencies: agencies.edges.map(({ node: a }) => ({ id: a.id, name: a.name, kind: a.kind })),
    admin: person(admin),
    ...(chair ? { chair: person(chair) } : {}),
  };
}

async function main() {
  const input = parseCommand(process.argv.slice(2));
  const { store, target } = storeFromEnv();
  const result = await runPartnershipCreate(store, input);
  process.stderr.write(
    result.created
      ? `Created in ${target}\n`
      : `Already set up by this command in ${target}: nothing was changed\n`,
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (process.argv[1]?.endsWith("partnership-create.ts"))
  main().catch((err) => {
    const usage = err instanceof UsageError ? `\n\n${USAGE}` : "";
    const field = err instanceof DomainError && "field" in err ? ` (${String(err.field)})` : "";
    process.stderr.write(`${(err as Error).message}${field}${usage}\n`);
    process.exit(
      err instanceof UsageError || err instanceof RefusedError || err instanceof DomainError
        ? 2
        : 1,
    );
  });
