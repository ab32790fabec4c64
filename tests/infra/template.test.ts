import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_DEFAULTS } from "../../src/data/client";
import { TTL_ATTRIBUTE, tableDefinitions } from "../../src/data/tables";
import { CORS_HEADERS, CORS_MAX_AGE, CORS_METHODS } from "../../src/local/cors";
import { checkTemplate } from "../helpers/cfn-spec";

/**
 * Packages the service exactly as `npm run package` does (esbuild bundle, then `osls package`,
 * offline and without AWS credentials) and checks the CloudFormation template it produces.
 */

const ROOT = resolve(__dirname, "..", "..");
const SERVICE = "safeguarding-lif";
const STAGE = "citest";
const TABLE_NAMES = {
  records: `${SERVICE}-${STAGE}-records`,
  accessLog: `${SERVICE}-${STAGE}-access-log`,
  aggregates: `${SERVICE}-${STAGE}-aggregates`,
};

interface Resource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are untyped JSON.
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string | string[];
}
interface Template {
  Resources: Record<string, Resource>;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let packageDir: string;
let template: Template;

function run(command: string, args: string[]) {
  const res = spawnSync(command, args, {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 150_000,
    env: {
      ...process.env,
      // Packaging must not need AWS: no credentials, no instance metadata lookups.
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      AWS_SESSION_TOKEN: "",
      AWS_PROFILE: "",
      AWS_EC2_METADATA_DISABLED: "true",
    },
  });
  if (res.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} failed (${res.status ?? res.signal})\n${res.stdout}\n${res.stderr}`,
    );
  return res.stdout;
}

beforeAll(() => {
  packageDir = mkdtempSync(join(tmpdir(), "lif-package-"));
  run(process.execPath, ["scripts/build.mjs"]);
  run("npx", [
    "osls",
    "package",
    "--stage",
    STAGE,
    "--region",
    "eu-west-2",
    "--package",
    packageDir,
  ]);
  template = JSON.parse(
    readFileSync(join(packageDir, "cloudformation-template-update-stack.json"), "utf8"),
  );
}, 180_000);

afterAll(() => {
  if (packageDir) rmSync(packageDir, { recursive: true, force: true });
});

// ---- template helpers ----

const resourcesOfType = (type: string) =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);

function onlyResourceOfType(
  type: string,
  which: (r: Resource) => boolean = () => true,
): [string, Resource] {
  const found = resourcesOfType(type).filter(([, r]) => which(r));
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0]!;
}

/** The Lambda function whose handler is the bundle of `name`. */
function lambda(name: string): [string, Resource] {
  const found = resourcesOfType("AWS::Lambda::Function").filter(
    ([, r]) => r.Properties.Handler === `dist/${name}/index.handler`,
  );
  expect(found, `exactly one ${name} function`).toHaveLength(1);
  return found[0]!;
}

function tableResource(name: string): [string, Resource] {
  const found = resourcesOfType("AWS::DynamoDB::Table").find(
    ([, r]) => r.Properties.TableName === name,
  );
  if (!found) throw new Error(`No table named ${name} in the template`);
  return found;
}

/** True if `value` refers to the resource `logicalId` (Ref, Fn::GetAtt or Fn::Sub), at any depth. */
function references(value: unknown, logicalId: string): boolean {
  if (Array.isArray(value)) return value.some((v) => references(v, logicalId));
  if (!value || typeof value !== "object") return false;
  const obj = value as Record<string, unknown>;
  if (obj.Ref === logicalId) return true;
  const getAtt = obj["Fn::GetAtt"];
  if (getAtt === logicalId || (Array.isArray(getAtt) && getAtt[0] === logicalId)) return true;
  if (typeof getAtt === "string" && getAtt.startsWith(`${logicalId}.`)) return true;
  const sub = obj["Fn::Sub"];
  const subText = Array.isArray(sub) ? sub[0] : sub;
  if (typeof subText === "string" && new RegExp(`\\$\\{${logicalId}[.}]`).test(subText))
    return true;
  return Object.values(obj).some((v) => references(v, logicalId));
}

const asArray = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** Order-insensitive form of a list of objects, for set comparison. */
const asSet = (items: unknown[] | undefined) =>
  (items ?? []).map((i) => JSON.stringify(sortKeys(i))).sort();

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** Comparable GSIs: by index name, each with its key schema and projection as sets. */
const indexes = (gsis: CreateTableCommandInput["GlobalSecondaryIndexes"] | undefined) =>
  Object.fromEntries(
    (gsis ?? []).map((g) => [
      g.IndexName,
      { keySchema: asSet(g.KeySchema), projection: sortKeys(g.Projection) },
    ]),
  );

/** The statements of an IAM role: the functions' shared one by default. */
function roleStatements(logicalId = "IamRoleLambdaExecution"): Statement[] {
  const role = template.Resources[logicalId];
  if (!role) throw new Error(`no role ${logicalId}`);
  return (role.Properties.Policies ?? []).flatMap(
    (p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement,
  );
}

const dynamoStatements = () =>
  roleStatements().filter((s) => asArray(s.Action).some((a) => a.startsWith("dynamodb:")));

/** File names in a zip archive, read from its central directory. */
function zipEntries(file: string): string[] {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error(`${file} is not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error("Corrupt zip central directory");
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    names.push(buf.toString("utf8", offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

// ---- tests ----

describe("DynamoDB tables in the packaged template", () => {
  const expected = () => tableDefinitions(TABLE_NAMES);

  it("passes the CloudFormation resource specification: types, property names at every depth, required properties, references", async () => {
    const check = await checkTemplate(template);
    expect(check.problems).toEqual([]);
    // Reported in the test's name for the closing note: how much the check covered.
    expect(check.resources).toBeGreaterThan(30);
    expect(check.values).toBeGreaterThan(300);
    console.info(
      `CloudFormation specification check: ${check.resources} resources, ${check.values} property values, ${check.problems.length} problems`,
    );
  });

  it("the specification check catches a typo, a missing required property, an unknown type and a dangling reference", async () => {
    const broken = structuredClone(template);
    const [tableId, table] = tableResource(TABLE_NAMES.records);
    const brokenTable = broken.Resources[tableId] as Resource;
    brokenTable.Properties.PointInTimeRecoverySpecificaton =
      brokenTable.Properties.PointInTimeRecoverySpecification;
    delete brokenTable.Properties.PointInTimeRecoverySpecification;
    brokenTable.Properties.KeySchema = [{ AttributeName: "pk" }];
    const [fnId] = lambda("graphql");
    delete (broken.Resources[fnId] as Resource).Properties.Role;
    (broken.Resources[fnId] as Resource).Properties.Environment = {
      Variables: table.Properties.TableName,
    };
    broken.Resources.Typo = { Type: "AWS::DynamoDB::Tabel", Properties: {} };
    broken.Resources.Dangling = {
      Type: "AWS::SQS::Queue",
      Properties: { KmsMasterKeyId: { "Fn::GetAtt": ["NoSuchKey", "Arn"] } },
      DependsOn: ["NoSuchResource"],
    };
    const { problems } = await checkTemplate(broken);
    expect(problems.sort()).toEqual(
      [
        `${tableId}.Properties.PointInTimeRecoverySpecificaton: no such property`,
        `${tableId}.Properties.KeySchema.0.KeyType: required, missing`,
        `${fnId}.Properties.Role: required, missing`,
        `${fnId}.Properties.Environment.Variables: expected a map`,
        "Typo: no resource type AWS::DynamoDB::Tabel",
        "Dangling.Properties.KmsMasterKeyId: Fn::GetAtt of NoSuchKey, which is not declared",
        "Dangling.DependsOn: NoSuchResource is not declared",
      ].sort(),
    );
  });

  it("declares exactly the tables the code defines", () => {
    const names = resourcesOfType("AWS::DynamoDB::Table").map(([, r]) => r.Properties.TableName);
    expect(names.sort()).toEqual(
      expected()
        .map((d) => d.TableName)
        .sort(),
    );
  });

  it.each([
    ["records", TABLE_NAMES.records],
    ["access log", TABLE_NAMES.accessLog],
    ["aggregates", TABLE_NAMES.aggregates],
  ])(
    "gives the %s table the key schema, attributes and indexes of tableDefinitions()",
    (_, name) => {
      const def = expected().find((d) => d.TableName === name)!;
      const [, table] = tableResource(name);
      const p = table.Properties;
      expect(asSet(p.KeySchema)).toEqual(asSet(def.KeySchema));
      expect(asSet(p.AttributeDefinitions)).toEqual(asSet(def.AttributeDefinitions));
      expect(indexes(p.GlobalSecondaryIndexes)).toEqual(indexes(def.GlobalSecondaryIndexes));
      expect(p.BillingMode).toBe(def.BillingMode);
    },
  );

  it.each([
    ["records", TABLE_NAMES.records],
    ["access log", TABLE_NAMES.accessLog],
    ["aggregates", TABLE_NAMES.aggregates],
  ])(
    "protects the %s table: PITR, KMS encryption with the data key, deletion protection, retained",
    (_, name) => {
      const [, table] = tableResource(name);
      const [keyId, key] = onlyResourceOfType("AWS::KMS::Key");
      const p = table.Properties;
      expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(p.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: "KMS" });
      expect(references(p.SSESpecification.KMSMasterKeyId, keyId)).toBe(true);
      expect(p.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe("Retain");
      expect(table.UpdateReplacePolicy).toBe("Retain");
      expect(key.Properties.EnableKeyRotation).toBe(true);
      // Deleting the key would make the retained tables unreadable.
      expect(key.DeletionPolicy).toBe("Retain");
    },
  );

  it("expires idempotency claims in the records table by TTL", () => {
    const [, table] = tableResource(TABLE_NAMES.records);
    expect(table.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: TTL_ATTRIBUTE,
      Enabled: true,
    });
  });
});

describe("GraphQL Lambda function", () => {
  it("runs on nodejs22.x with the table names and token settings in its environment", () => {
    const [, fn] = lambda("graphql");
    const [poolId] = onlyResourceOfType("AWS::Cognito::UserPool");
    expect(fn.Properties.Runtime).toBe("nodejs22.x");
    expect(fn.Properties.Handler).toBe("dist/graphql/index.handler");
    const env = fn.Properties.Environment.Variables;
    expect(env).toMatchObject({
      RECORDS_TABLE: TABLE_NAMES.records,
      ACCESS_LOG_TABLE: TABLE_NAMES.accessLog,
    });
    expect(references(env.JWT_ISSUER, poolId)).toBe(true);
    for (const [clientId] of resourcesOfType("AWS::Cognito::UserPoolClient"))
      expect(references(env.JWT_AUDIENCE, clientId), clientId).toBe(true);
  });

  it("is packaged as the esbuild bundle alone: no node_modules, no sources", () => {
    const [, fn] = lambda("graphql");
    const zip = join(packageDir, basename(fn.Properties.Code.S3Key));
    expect(existsSync(zip), zip).toBe(true);
    const entries = zipEntries(zip);
    expect(entries).toContain("dist/graphql/index.js");
    expect(entries.filter((e) => /(^|\/)node_modules\//.test(e))).toEqual([]);
    expect(entries.filter((e) => e.startsWith("src/"))).toEqual([]);
  });

  it("has reserved concurrency, and a timeout inside the gateway's that leaves the DynamoDB retry budget room", () => {
    const [, fn] = lambda("graphql");
    expect(fn.Properties.Timeout).toBe(25);
    expect(fn.Properties.Timeout).toBeLessThan(30);
    const budget =
      (CLIENT_DEFAULTS.maxAttempts *
        (CLIENT_DEFAULTS.connectionTimeoutMs + CLIENT_DEFAULTS.requestTimeoutMs)) /
      1000;
    expect(fn.Properties.Timeout).toBeGreaterThan(2 * budget);
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(50);
  });

  it("ships its loader, the bundle, its code cache and its source map, made for its memory size", async () => {
    const [, fn] = lambda("graphql");
    const entries = zipEntries(join(packageDir, basename(fn.Properties.Code.S3Key)));
    for (const f of ["index.js", "handler.js", "handler.js.cache", "handler.js.map"])
      expect(entries).toContain(`dist/graphql/${f}`);
    const bundle = readFileSync(join(ROOT, "dist", "graphql", "handler.js"), "utf8");
    expect(bundle.trimEnd().endsWith("//# sourceMappingURL=handler.js.map")).toBe(true);
    // The cache is made under the node flags Lambda uses for this memory size.
    const { LAMBDA_MEMORY_MB, FUNCTION_NODE_OPTIONS } = await import("../../scripts/build.mjs");
    expect(fn.Properties.MemorySize).toBe(LAMBDA_MEMORY_MB);
    // The other functions' stack traces are mapped by node itself; the cache is made, and the
    // benchmark runs, under the options the functions get.
    expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toContain("--enable-source-maps");
    expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe(FUNCTION_NODE_OPTIONS);
  });
});

describe("overdue Lambda function", () => {
  it("runs daily on a schedule, on nodejs22.x, from its own bundle alone", () => {
    const [id, fn] = lambda("overdue");
    expect(fn.Properties.Runtime).toBe("nodejs22.x");
    expect(fn.Properties.Environment.Variables).toMatchObject({
      RECORDS_TABLE: TABLE_NAMES.records,
    });
    const rules = resourcesOfType("AWS::Events::Rule").filter(([, r]) =>
      JSON.stringify(r.Properties.Targets).includes(id),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]![1].Properties.ScheduleExpression).toBe("cron(0 6 * * ? *)");
    const entries = zipEntries(join(packageDir, basename(fn.Properties.Code.S3Key)));
    expect(entries).toContain("dist/overdue/index.js");
    expect(entries.filter((e) => !e.startsWith("dist/overdue/"))).toEqual([]);
  });
});

describe("lists Lambda function", () => {
  it("finishes pending notification lists every five minutes, one at a time, from its own bundle", () => {
    const [id, fn] = lambda("lists");
    expect(fn.Properties.Runtime).toBe("nodejs22.x");
    const rules = resourcesOfType("AWS::Events::Rule").filter(([, r]) =>
      JSON.stringify(r.Properties.Targets).includes(id),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]![1].Properties.ScheduleExpression).toBe("rate(5 minutes)");
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(1);
    const entries = zipEntries(join(packageDir, basename(fn.Properties.Code.S3Key)));
    expect(entries).toContain("dist/lists/index.js");
    expect(entries.filter((e) => !e.startsWith("dist/lists/"))).toEqual([]);
  });
});

describe("HTTP API", () => {
  it("allows browsers from the stage's list of portal origins, never any origin, as npm start does", () => {
    const [, api] = onlyResourceOfType("AWS::ApiGatewayV2::Api");
    const cors = api.Properties.CorsConfiguration;
    expect(cors.AllowOrigins).toEqual([
      "https://portal.example.invalid",
      "https://board.example.invalid",
    ]);
    expect(cors.AllowOrigins).not.toContain("*");
    // The same headers (Apollo's CSRF header included), methods and max age as the local server.
    expect(cors.AllowHeaders).toEqual(CORS_HEADERS);
    expect(cors.AllowMethods).toEqual(CORS_METHODS);
    expect(cors.MaxAge).toBe(CORS_MAX_AGE);
  });

  it("throttles every route, the public route more strictly", () => {
    const [, stage] = onlyResourceOfType("AWS::ApiGatewayV2::Stage");
    const p = stage.Properties;
    expect(p.DefaultRouteSettings).toMatchObject({
      ThrottlingBurstLimit: 200,
      ThrottlingRateLimit: 100,
    });
    const pub = p.RouteSettings["POST /public/graphql"];
    expect(pub.ThrottlingRateLimit).toBeLessThan(p.DefaultRouteSettings.ThrottlingRateLimit);
    expect(pub.ThrottlingBurstLimit).toBeLessThan(p.DefaultRouteSettings.ThrottlingBurstLimit);
  });

  it("has a JWT authorizer trusting the user pool's web client, as the function's verifier does", () => {
    const [, authorizer] = onlyResourceOfType("AWS::ApiGatewayV2::Authorizer");
    const [poolId] = onlyResourceOfType("AWS::Cognito::UserPool");
    const p = authorizer.Properties;
    expect(p.AuthorizerType).toBe("JWT");
    expect(p.IdentitySource).toEqual(["$request.header.Authorization"]);
    expect(references(p.JwtConfiguration.Issuer, poolId)).toBe(true);
    const clients = resourcesOfType("AWS::Cognito::UserPoolClient").map(([id]) => id);
    expect(clients).toEqual(["WebClient"]);
    expect(p.JwtConfiguration.Audience).toEqual([{ Ref: "WebClient" }]);
    // The function accepts people's ID tokens of the same issuer and audience.
    const [, fn] = lambda("graphql");
    expect(fn.Properties.Environment.Variables.JWT_AUDIENCE).toEqual({ Ref: "WebClient" });
    expect(references(fn.Properties.Environment.Variables.JWT_ISSUER, poolId)).toBe(true);
  });

  it("requires a person's token on /graphql; partner systems use /system/graphql, verified by the function; only /public/graphql is open", () => {
    const [authorizerId] = onlyResourceOfType("AWS::ApiGatewayV2::Authorizer");
    const routes = Object.fromEntries(
      resourcesOfType("AWS::ApiGatewayV2::Route").map(([, r]) => [r.Properties.RouteKey, r]),
    );
    expect(Object.keys(routes).sort()).toEqual([
      "GET /graphql",
      "POST /graphql",
      "POST /public/graphql",
      "POST /system/graphql",
    ]);
    for (const key of ["GET /graphql", "POST /graphql"]) {
      expect(routes[key]!.Properties.AuthorizationType, key).toBe("JWT");
      expect(references(routes[key]!.Properties.AuthorizerId, authorizerId), key).toBe(true);
    }
    expect(routes["POST /public/graphql"]!.Properties.AuthorizationType ?? "NONE").toBe("NONE");
    expect(routes["POST /system/graphql"]!.Properties.AuthorizationType ?? "NONE").toBe("NONE");
  });
});

describe("Cognito pre-token trigger", () => {
  it("is the user pool's pre-token-generation trigger, callable by this pool only", () => {
    const [id, fn] = lambda("pre-token");
    const [poolId, pool] = onlyResourceOfType("AWS::Cognito::UserPool");
    expect(references(pool.Properties.LambdaConfig.PreTokenGeneration, id)).toBe(true);
    // Roles live in the API: the pool keeps no custom attributes for them.
    expect(pool.Properties.Schema ?? []).toEqual([]);
    const [, permission] = onlyResourceOfType("AWS::Lambda::Permission", (r) =>
      references(r.Properties.FunctionName, id),
    );
    expect(permission.Properties.Principal).toBe("cognito-idp.amazonaws.com");
    expect(references(permission.Properties.SourceArn, poolId)).toBe(true);
    const entries = zipEntries(join(packageDir, basename(fn.Properties.Code.S3Key)));
    expect(entries).toContain("dist/pre-token/index.js");
    expect(entries.filter((e) => !e.startsWith("dist/pre-token/"))).toEqual([]);
  });

  it("runs with its own role: GetItem of sign-in links and person records only, its logs, and decrypting with the data key", () => {
    const [, fn] = lambda("pre-token");
    expect(fn.Properties.Role).toEqual({ "Fn::GetAtt": ["PreTokenRole", "Arn"] });
    const statements = roleStatements("PreTokenRole");
    const dynamo = statements.filter((s) =>
      asArray(s.Action).some((a) => a.startsWith("dynamodb:")),
    );
    expect(dynamo.flatMap((s) => asArray(s.Action)).sort()).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:GetItem",
    ]);
    for (const st of dynamo)
      expect(
        (st as unknown as { Condition: Record<string, Record<string, unknown>> }).Condition[
          "ForAllValues:StringLike"
        ]?.["dynamodb:LeadingKeys"],
      ).toEqual(["IDENTITY#*", "T#*#PERSON#*"]);
    const [keyId] = onlyResourceOfType("AWS::KMS::Key");
    const kms = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith("kms:")));
    expect(kms.flatMap((s) => asArray(s.Action))).toEqual(["kms:Decrypt"]);
    expect(references(kms[0]?.Resource, keyId)).toBe(true);
    expect(statements.filter((s) => asArray(s.Resource).includes("*"))).toEqual([]);
  });
});

describe("dashboard aggregator (§37)", () => {
  it("reads the records table's stream (new and old images) from its oldest record, reporting partial failures, retried, with a failure queue", () => {
    const [id, fn] = lambda("aggregator");
    const [recordsId, records] = tableResource(TABLE_NAMES.records);
    expect(records.Properties.StreamSpecification).toEqual({
      StreamViewType: tableDefinitions(TABLE_NAMES)[0]?.StreamSpecification?.StreamViewType,
    });
    expect(records.Properties.StreamSpecification.StreamViewType).toBe("NEW_AND_OLD_IMAGES");
    const [, mapping] = onlyResourceOfType("AWS::Lambda::EventSourceMapping", (r) =>
      references(r.Properties.FunctionName, id),
    );
    const p = mapping.Properties;
    expect(p.EventSourceArn).toEqual({ "Fn::GetAtt": [recordsId, "StreamArn"] });
    expect(p.StartingPosition).toBe("TRIM_HORIZON");
    expect(p.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
    expect(p.BisectBatchOnFunctionError).toBe(true);
    expect(p.MaximumRetryAttempts).toBeGreaterThan(0);
    const [queueId] = onlyResourceOfType("AWS::SQS::Queue");
    expect(references(p.DestinationConfig.OnFailure.Destination, queueId)).toBe(true);
    expect(fn.Properties.Runtime).toBe("nodejs22.x");
    const entries = zipEntries(join(packageDir, basename(fn.Properties.Code.S3Key)));
    expect(entries).toContain("dist/aggregator/index.js");
    expect(entries.filter((e) => !e.startsWith("dist/aggregator/"))).toEqual([]);
  });

  it("runs with its own role: the stream, GetItem of records, and writes to the aggregates table only", () => {
    const [, fn] = lambda("aggregator");
    expect(fn.Properties.Role).toEqual({ "Fn::GetAtt": ["AggregatorRole", "Arn"] });
    const statements = roleStatements("AggregatorRole");
    const [recordsId] = tableResource(TABLE_NAMES.records);
    const [aggregatesId] = tableResource(TABLE_NAMES.aggregates);
    const on = (id: string, attr = "Arn") =>
      statements
        .filter((s) =>
          asArray(s.Resource).some(
            (r) => JSON.stringify(r) === JSON.stringify({ "Fn::GetAtt": [id, attr] }),
          ),
        )
        .flatMap((s) => asArray(s.Action))
        .sort();
    expect(on(recordsId)).toEqual(["dynamodb:GetItem"]);
    expect(on(recordsId, "StreamArn")).toEqual([
      "dynamodb:DescribeStream",
      "dynamodb:GetRecords",
      "dynamodb:GetShardIterator",
      "dynamodb:ListStreams",
    ]);
    expect(on(aggregatesId)).toEqual([
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
    ]);
    expect(statements.filter((s) => asArray(s.Resource).includes("*"))).toEqual([]);
    // osls also grants the stream's read actions to the shared role whenever a function has a
    // stream event: read-only, on the records' stream alone (data the API's functions may read
    // from the table anyway).
    const shared = roleStatements().filter((s) =>
      asArray(s.Action).some((a) => a === "dynamodb:GetRecords" || a === "dynamodb:DescribeStream"),
    );
    for (const st of shared) {
      expect(asArray(st.Action).sort()).toEqual(on(recordsId, "StreamArn"));
      expect(asArray(st.Resource)).toEqual([{ "Fn::GetAtt": [recordsId, "StreamArn"] }]);
    }
  });
});

describe("Lambda IAM role", () => {
  it("grants no wildcard DynamoDB action and no Scan", () => {
    const actions = dynamoStatements().flatMap((s) => asArray(s.Action));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a.includes("*"))).toEqual([]);
    expect(actions).not.toContain("dynamodb:Scan");
  });

  it("grants nothing on the '*' resource", () => {
    const starred = roleStatements().filter((s) => asArray(s.Resource).includes("*"));
    expect(starred).toEqual([]);
    for (const s of dynamoStatements()) {
      expect(asArray(s.Resource).length).toBeGreaterThan(0);
      for (const r of asArray(s.Resource)) expect(typeof r).not.toBe("string");
    }
  });

  it("scopes every DynamoDB statement to the tables or their indexes", () => {
    const ids = Object.values(TABLE_NAMES).map((n) => tableResource(n)[0]);
    for (const s of dynamoStatements())
      for (const r of asArray(s.Resource))
        expect(
          ids.some((id) => references(r, id)),
          JSON.stringify(r),
        ).toBe(true);
  });

  it("reads the dashboard's aggregates and never writes them (the aggregator's own role does)", () => {
    const [aggregatesId] = tableResource(TABLE_NAMES.aggregates);
    const actions = dynamoStatements()
      .filter((s) => references(s.Resource, aggregatesId))
      .flatMap((s) => asArray(s.Action));
    expect(actions).toEqual(["dynamodb:BatchGetItem"]);
  });

  it("keeps the access log append-only: no UpdateItem or DeleteItem on it", () => {
    const [accessLogId] = tableResource(TABLE_NAMES.accessLog);
    const actions = dynamoStatements()
      .filter((s) => references(s.Resource, accessLogId))
      .flatMap((s) => asArray(s.Action));
    expect(actions).toContain("dynamodb:PutItem");
    expect(actions).not.toContain("dynamodb:UpdateItem");
    expect(actions).not.toContain("dynamodb:DeleteItem");
    expect(actions).not.toContain("dynamodb:BatchWriteItem");
  });

  it("may manage the stage's user pool only: staff users and partner systems' app clients, nothing else of Cognito", () => {
    const [poolId] = onlyResourceOfType("AWS::Cognito::UserPool");
    const cognito = roleStatements().filter((s) =>
      asArray(s.Action).some((a) => a.startsWith("cognito-idp:")),
    );
    expect(cognito.flatMap((s) => asArray(s.Action)).sort()).toEqual([
      "cognito-idp:AdminCreateUser",
      "cognito-idp:AdminDisableUser",
      "cognito-idp:AdminEnableUser",
      "cognito-idp:AdminGetUser",
      "cognito-idp:AdminUserGlobalSignOut",
      "cognito-idp:CreateUserPoolClient",
      "cognito-idp:DeleteUserPoolClient",
    ]);
    for (const st of cognito) {
      expect(asArray(st.Resource)).toHaveLength(1);
      expect(references(st.Resource, poolId)).toBe(true);
    }
  });

  it("lets the function use the data key only for encryption and decryption", () => {
    const [keyId] = onlyResourceOfType("AWS::KMS::Key");
    const kms = roleStatements().filter((s) => asArray(s.Action).some((a) => a.startsWith("kms:")));
    expect(kms.length).toBeGreaterThan(0);
    for (const s of kms) {
      expect(references(s.Resource, keyId)).toBe(true);
      expect(asArray(s.Action).filter((a) => a.includes("*"))).toEqual([]);
    }
  });
});
