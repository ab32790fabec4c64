import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { PreTokenGenerationTriggerEvent } from "aws-lambda";
import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LocalDirectory } from "../../src/data/local-directory";
import { DEV_ISSUER, ensureDevKey, signToken } from "../../src/local/dev-auth";
import { codes, TEST_AUDIENCE, TEST_ISSUER, type TestApi, testApi } from "../helpers/harness";

/**
 * A new board's whole path, locally: `npm run partnership:create` on DynamoDB Local, the admin
 * signs in (the pre-token trigger's claims, the dev issuer signing as Cognito would), invites a
 * practitioner, who signs in and notifies. The commands run as a user runs them.
 */
const root = resolve(__dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const dir = mkdtempSync(join(tmpdir(), "lif-partnership-"));
let api: TestApi;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  api = await testApi();
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
});

/** Runs one of the package's commands against the tests' DynamoDB Local. */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(tsx, [script, ...args], {
    cwd: root,
    env: {
      ...process.env,
      DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
      DEV_KEY_FILE: join(dir, "key.json"),
      LOG_LEVEL: "silent",
      ...env,
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

type Trigger = (e: PreTokenGenerationTriggerEvent) => Promise<PreTokenGenerationTriggerEvent>;

/** Signs in as Cognito would: the trigger's claims for the user's sub, in a token of the pool. */
async function signIn(email: string): Promise<string> {
  const { handler } = (await import("../../src/handlers/pre-token")) as { handler: Trigger };
  const event = {
    version: "1",
    region: "eu-west-2",
    userPoolId: "eu-west-2_AbCdEfGhI",
    triggerSource: "TokenGeneration_Authentication",
    userName: email,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "webclient123" },
    request: {
      userAttributes: { sub: LocalDirectory.identityOf(email), email },
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: "" },
    },
    response: { claimsOverrideDetails: {} },
  } as PreTokenGenerationTriggerEvent;
  const claims = (await handler(event)).response.claimsOverrideDetails.claimsToAddOrOverride;
  if (!claims?.partnership_id || !claims.person_id || !claims.roles) throw new Error("no claims");
  return signToken(
    api.keys.trusted.privateJwk,
    {
      sub: claims.person_id,
      partnershipId: claims.partnership_id,
      agencyId: claims.agency_id ?? null,
      roles: claims.roles.split(" "),
    },
    { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
  );
}

describe("npm run partnership:create", () => {
  const code = `p${Date.now().toString(36)}`;
  const adminEmail = `admin@${code}.example`;
  let setup: {
    created: boolean;
    partnership: { id: string; code: string };
    agencies: { id: string; name: string; kind: string }[];
    admin: { id: string; email: string; roles: string[] };
  };

  it("sets up a partnership with its agencies (from a file and flags) and its first business-unit user; run again, it creates nothing twice", () => {
    const file = join(dir, "agencies.json");
    writeFileSync(
      file,
      JSON.stringify([
        { name: "Westshire Police", kind: "POLICE" },
        { name: "Westshire NHS Trust", kind: "HEALTH" },
      ]),
    );
    const args = [
      "--code",
      code,
      "--name",
      "Westshire Safeguarding Children Partnership",
      "--admin-email",
      adminEmail,
      "--agencies",
      file,
      "--agency",
      "CHILDRENS_SOCIAL_CARE:Westshire Children's Services",
    ];
    const first = run("src/cli/partnership-create.ts", args);
    expect(first.stderr).toContain("Created in");
    expect(first.status).toBe(0);
    setup = JSON.parse(first.stdout);
    expect(setup.partnership.code).toBe(code);
    expect(setup.agencies.map((a) => a.kind).sort()).toEqual([
      "CHILDRENS_SOCIAL_CARE",
      "HEALTH",
      "POLICE",
    ]);
    expect(setup.admin).toMatchObject({ email: adminEmail, roles: ["BUSINESS_UNIT"] });
    expect(setup.created).toBe(true);

    // Run again, with the agencies in another order: the same set-up, nothing written.
    const reordered = [...args.slice(0, 6), "--agency", args[9] as string, "--agencies", file];
    const again = run("src/cli/partnership-create.ts", reordered);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain("Already set up by this command");
    expect(JSON.parse(again.stdout)).toEqual({ ...setup, created: false });

    const changed = run("src/cli/partnership-create.ts", [
      ...args.slice(0, 3),
      "Other",
      ...args.slice(4),
    ]);
    expect(changed.status).toBe(2);
    expect(changed.stderr).toContain(
      `The partnership ${code} was set up by this command with other details`,
    );
    expect(changed.stderr).not.toContain("--admin-email <email>"); // a refusal, not a usage error
  }, 120_000);

  it("a refused set-up (the admin's email already someone's, an unreadable one) leaves nothing behind", async () => {
    for (const [at, email] of [
      ["taken", adminEmail],
      ["bad", "not-an-email"],
    ] as const) {
      const attempt = run("src/cli/partnership-create.ts", [
        "--code",
        `${code}-${at}`,
        "--name",
        "Refused",
        "--admin-email",
        email,
        "--agency",
        "POLICE:Refused Police",
      ]);
      expect(attempt.status).toBe(2);
      expect(attempt.stderr).toContain("(input.admin.email)");
      const seen = await api.gql<{ publicPartnership: unknown }>(
        null,
        `{ publicPartnership(code: "${code}-${at}") { name } }`,
      );
      expect(seen.data?.publicPartnership).toBeNull();
    }
  }, 120_000);

  it("says what is missing or wrong, and writes nothing", () => {
    const missing = run("src/cli/partnership-create.ts", ["--name", "X"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("Missing --code, --admin-email");
    expect(missing.stderr).toContain("npm run partnership:create -- --code <code>");
    const badKind = run("src/cli/partnership-create.ts", [
      "--code",
      `${code}-x`,
      "--name",
      "X",
      "--admin-email",
      "a@b.example",
      "--agency",
      "SPACESHIP:Nope",
    ]);
    expect(badKind.status).toBe(2);
    expect(badKind.stderr).toContain("--agency SPACESHIP:Nope: kind must be one of POLICE");
    const taken = run("src/cli/partnership-create.ts", [
      "--code",
      code,
      "--name",
      "X",
      "--admin-email",
      "other@b.example",
    ]);
    expect(taken.status).toBe(2);
  }, 120_000);

  it("its admin invites a practitioner, who signs in and notifies; the platform operator sees none of it", async () => {
    const admin = await signIn(adminEmail);
    const police = setup.agencies.find((a) => a.kind === "POLICE")?.id;
    const practitionerEmail = `jane.hollis@police.${code}.example`;
    const invite = await api.gql<{ invitePerson: { id: string } }>(
      admin,
      `mutation($input: InvitePersonInput!) { invitePerson(input: $input, idempotencyKey: "invite-jane-0001") { id } }`,
      {
        input: {
          name: "PC Jane Hollis",
          email: practitionerEmail,
          agencyId: police,
          roles: ["PRACTITIONER"],
        },
      },
    );
    expect(invite.errors).toBeUndefined();
    const createCase = await api.gql<{ createCase: { id: string } }>(
      admin,
      `mutation($input: CreateCaseInput!) { createCase(input: $input) { id } }`,
      { input: { agencyIds: [police], identity: { childName: "Test Child" } } },
    );
    expect(createCase.errors).toBeUndefined();

    const practitioner = await signIn(practitionerEmail);
    const me = await api.gql<{ me: { id: string } }>(practitioner, "{ me { id } }");
    expect(me.data?.me.id).toBe(invite.data?.invitePerson.id);
    const notified = await api.gql<{
      submitIncidentNotification: { status: string; notifyingAgency: { id: string } };
    }>(
      practitioner,
      `mutation($input: NotificationInput!) { submitIncidentNotification(input: $input, idempotencyKey: "notify-0001") { id status notifyingAgency { id } } }`,
      {
        input: {
          outcome: "SERIOUS_HARM",
          abuseOrNeglect: "SUSPECTED",
          criteria: [
            { criterion: "POTENTIALLY_LIFE_THREATENING_INJURY", reason: "Non-accidental injury" },
          ],
          incidentDate: "2026-11-20",
          awareDate: "2026-11-23",
          caseIds: [createCase.data?.createCase.id],
          summary: "No names here",
        },
      },
    );
    expect(notified.errors).toBeUndefined();
    expect(notified.data?.submitIncidentNotification).toMatchObject({
      status: "SUBMITTED",
      notifyingAgency: { id: police },
    });

    // `npm run token -- --email` signs in the same way, from the stack's records.
    const key = await ensureDevKey(join(dir, "key.json"));
    const cli = run("src/local/token.ts", ["--email", practitionerEmail]);
    expect(cli.status).toBe(0);
    const { payload } = await jwtVerify(
      cli.stdout.trim(),
      createLocalJWKSet({ keys: [key.publicJwk] }),
      { issuer: DEV_ISSUER },
    );
    expect(payload).toMatchObject({
      person_id: invite.data?.invitePerson.id,
      partnership_id: setup.partnership.id,
      agency_id: police,
      roles: ["PRACTITIONER"],
      token_use: "id",
    });
    const nobody = run("src/local/token.ts", ["--email", `nobody@${code}.example`]);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain("You are not a member of any partnership's staff");

    // The operator's principal belongs to no partnership: nothing of this one is theirs.
    const operator = await signToken(
      api.keys.trusted.privateJwk,
      { sub: "operator", partnershipId: "PLATFORM", agencyId: null, roles: ["PLATFORM_OPERATOR"] },
      { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
    );
    expect(decodeJwt(operator).roles).toEqual(["PLATFORM_OPERATOR"]);
    const seen = await api.gql(
      operator,
      `query($id: ID!) { notifications(first: 5) { edges { node { id } } } person(id: $id) { id } }`,
      { id: invite.data?.invitePerson.id },
    );
    expect(codes(seen)).toContain("FORBIDDEN");
    expect(JSON.stringify(seen.data ?? null)).not.toContain(invite.data?.invitePerson.id);
  }, 120_000);
});
