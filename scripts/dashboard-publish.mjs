#!/usr/bin/env node
/**
 * Publishes the board dashboard after `npm run deploy`: reads the stack's outputs, writes the
 * page's config.json (the API's URL, the hosted UI, the web client: the DashboardConfig
 * output), uploads dist/dashboard/ to the stack's private bucket and invalidates the pages
 * CloudFront caches. Uses the AWS CLI with the caller's credentials (docs/dashboard.md):
 *
 *   npm run build && npm run dashboard:publish -- --stage prod [--region eu-west-2]
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SERVICE = "safeguarding-lif";

/**
 * The page's config.json from the stack's outputs (`[{ OutputKey, OutputValue }]`), and where to
 * put it. Fails, naming what is missing, on the outputs of a stack without the dashboard.
 */
export function dashboardTargets(outputs) {
  const get = (key) => {
    const found = outputs.find((o) => o.OutputKey === key)?.OutputValue;
    if (!found) throw new Error(`the stack has no ${key} output: deploy this version first`);
    return found;
  };
  const config = JSON.parse(get("DashboardConfig"));
  if (config.mode !== "cognito" || !config.graphqlUrl || !config.cognito?.clientId)
    throw new Error(`DashboardConfig is not a Cognito dashboard config: ${get("DashboardConfig")}`);
  return {
    config,
    bucket: get("DashboardBucketName"),
    distributionId: get("DashboardDistributionId"),
    url: get("DashboardUrl"),
  };
}

function aws(args) {
  const res = spawnSync("aws", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (res.error) throw new Error(`the AWS CLI is needed: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`aws ${args.join(" ")} failed (${res.status})`);
  return res.stdout;
}

function main(argv) {
  const arg = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const stage = arg("stage", "dev");
  const region = arg("region", "eu-west-2");
  const site = join(root, "dist", "dashboard");
  if (!existsSync(join(site, "index.html")))
    throw new Error("dist/dashboard/ is missing: run npm run build first");
  const outputs = JSON.parse(
    aws([
      "cloudformation",
      "describe-stacks",
      "--stack-name",
      `${SERVICE}-${stage}`,
      "--region",
      region,
      "--query",
      "Stacks[0].Outputs",
      "--output",
      "json",
    ]),
  );
  const { config, bucket, distributionId, url } = dashboardTargets(outputs);
  writeFileSync(join(site, "config.json"), `${JSON.stringify(config, null, 2)}\n`);
  const s3 = `s3://${bucket}`;
  // Assets are named by their content: cached for a year. Older ones stay (a page still open
  // may ask for them); the bucket's lifecycle rule ends old versions, not current files.
  aws([
    "s3",
    "sync",
    join(site, "assets"),
    `${s3}/assets`,
    "--region",
    region,
    "--cache-control",
    "public, max-age=31536000, immutable",
  ]);
  for (const [file, type] of [
    ["config.json", "application/json"],
    ["index.html", "text/html; charset=utf-8"],
  ])
    aws([
      "s3",
      "cp",
      join(site, file),
      `${s3}/${file}`,
      "--region",
      region,
      "--cache-control",
      "no-cache",
      "--content-type",
      type,
    ]);
  aws([
    "cloudfront",
    "create-invalidation",
    "--distribution-id",
    distributionId,
    "--paths",
    "/",
    "/index.html",
    "/config.json",
  ]);
  process.stdout.write(`Board dashboard published: ${url}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err?.message ?? err}\n`);
    process.exit(1);
  }
}
