import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient } from "../data/client";
import { Store } from "../data/store";
import { tableNamesFromEnv } from "../data/tables";
import { repairPendingLists } from "../services/notification-lists";
import { runOverdueJob } from "../services/overdue-job";
import { log } from "../shared/logger";
import { corsConfigFromEnv, isPreflight, preflightHeaders, responseHeaders } from "./cors";
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevKey } from "./dev-auth";
import { type LocalDynamo, startDynamoDbLocal } from "./dynamodb-local";
import { explorerHandler } from "./explorer";
import { type ExplorerBundle, explorerBundle } from "./explorer/build";
import {
  gatewayUnauthorized,
  lacksToken,
  lambdaContext,
  readBody,
  toApiGatewayEvent,
  writeResult,
} from "./http-adapter";
import { DEMO, seedPartnership } from "./seed";
import { seedCatalogue } from "./seed-digests";
import { removeStackFile, writeStackFile } from "./stack-file";
import { StreamPoller } from "./stream-poller";
import { ensureTables } from "./tables";

/**
 * `npm start`: DynamoDB Local (unless DYNAMODB_ENDPOINT is set), tables, demo seed, the dev
 * token issuer, and the same Lambda handler AWS runs, behind a local HTTP server that answers
 * what API Gateway answers itself (CORS preflights, /graphql without a token). Outside
 * production mode the server also answers a browser at the API's URL with the explorer
 * (GraphiQL), and GET /dev/token with a demo user's token: neither exists in AWS.
 */
/** How often the local stack runs the lists job (every five minutes in AWS). */
const LISTS_JOB_INTERVAL_MS = 60_000;

export interface LocalStack {
  readonly url: string;
  readonly endpoint: string;
  /** The DynamoDB Local java process this stack started, if any. */
  readonly dynamoPid: number | null;
  /**
   * Waits until the board dashboard's aggregates have caught up with every change written so
   * far (the stream poller's drain); 0 when the stack runs no poller.
   */
  drainAggregates(): Promise<number>;
  stop(): Promise<void>;
}

export async function startLocalStack(
  options: {
    port?: number;
    dataDir?: string;
    endpoint?: string;
    seed?: boolean;
    /** Behave as in AWS: introspection, suggestions, the explorer and /dev/token off. */
    production?: boolean;
    /**
     * Keep the board dashboard's aggregates from the records' stream, as the aggregator Lambda
     * does in AWS. On by default when the stack runs its own DynamoDB Local; a stack on a shared
     * endpoint (the tests') asks for it, with tables of its own.
     */
    aggregate?: boolean;
  } = {},
): Promise<LocalStack> {
  // Bundled (or found in the cache) while DynamoDB Local starts.
  const bundle: Promise<ExplorerBundle> | undefined = options.production
    ? undefined
    : explorerBundle();
  bundle?.catch(() => undefined);
  const dynamo: LocalDynamo | undefined = options.endpoint
    ? undefined
    : await startDynamoDbLocal({ dataDir: options.dataDir });
  const endpoint = options.endpoint ?? (dynamo as LocalDynamo).endpoint;
  let server: Server | undefined;
  let listsJob: NodeJS.Timeout | undefined;
  let poller: StreamPoller | undefined;
  const stop = async () => {
    if (listsJob) clearInterval(listsJob);
    await poller?.stop();
    removeStackFile();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await dynamo?.stop();
  };
  try {
    const names = tableNamesFromEnv();
    const raw = new DynamoDBClient({
      endpoint,
      region: process.env.AWS_REGION ?? "eu-west-2",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await ensureTables(raw, names);
    raw.destroy();
    const store = new Store(createDocumentClient({ endpoint }), names);
    if (options.aggregate ?? !options.endpoint) {
      poller = new StreamPoller(endpoint, names.records, store);
      poller.start();
    }
    if (options.seed !== false) {
      for (const s of DEMO)
        if (await seedPartnership(store, s))
          log("info", "seeded", { partnership: s.partnership.code });
      const catalogue = await seedCatalogue(store);
      if (catalogue.created) log("info", "seeded", { nationalReviewDigests: catalogue.created });
      // What the daily schedule does in AWS, so the overdue summaries have today's figures.
      await runOverdueJob(store, new Date());
    }
    // What the five-minute schedule does in AWS: lists that did not follow a case change.
    await repairPendingLists(store);
    listsJob = setInterval(() => {
      repairPendingLists(store).catch((err) =>
        log("warn", "lists job failed", { errorMessage: (err as Error).message }),
      );
    }, LISTS_JOB_INTERVAL_MS);
    listsJob.unref();
    const key = await ensureDevKey();
    const jwks = { keys: [key.publicJwk] };
    // The handler reads its configuration from the environment, exactly as in Lambda.
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: endpoint,
      JWT_ISSUER: process.env.JWT_ISSUER ?? DEV_ISSUER,
      JWT_AUDIENCE: process.env.JWT_AUDIENCE ?? DEV_AUDIENCE,
      JWKS_JSON: JSON.stringify(jwks),
      LOCAL_DEV: options.production ? "false" : "true",
      // As in AWS, cursors are sealed with a key of the deployment: here, one per start.
      CURSOR_KEY: process.env.CURSOR_KEY ?? randomBytes(32).toString("hex"),
    });
    const { handler, payloadTooLarge } = await import("../handlers/graphql");
    const cors = corsConfigFromEnv();
    if (bundle) {
      try {
        const b = await bundle;
        log("info", "explorer bundle", { built: b.built, ms: b.ms, dir: b.dir });
      } catch (err) {
        // The API still serves; the explorer's page says what failed.
        log("error", "explorer bundle failed", { errorMessage: (err as Error).message });
      }
    }
    const explorer = bundle ? explorerHandler({ bundle, signingKey: key.privateJwk }) : undefined;
    server = createServer(async (req, res) => {
      try {
        const url = new URL(req.url ?? "/", "http://localhost");
        const path = url.pathname;
        // API Gateway has no such routes: the local server answers before the handler.
        if (explorer && (await explorer(req, res, url))) return;
        if (path === "/.well-known/jwks.json") {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(jwks));
          return;
        }
        if (path !== "/graphql" && path !== "/public/graphql" && path !== "/system/graphql") {
          res.writeHead(404, { "content-type": "text/plain" }).end("Not found: try /graphql\n");
          return;
        }
        // API Gateway answers a CORS preflight itself, before any function runs.
        if (isPreflight(req)) {
          res.writeHead(204, preflightHeaders(cors, req)).end();
          return;
        }
        // API Gateway's JWT authorizer guards /graphql (not /public/graphql): no token, no function.
        if (path === "/graphql" && lacksToken(req)) {
          req.resume();
          writeResult(res, gatewayUnauthorized(), responseHeaders(cors, req));
          return;
        }
        const body = await readBody(req);
        const result =
          body === null
            ? payloadTooLarge(String(req.headers.accept ?? ""))
            : await handler(toApiGatewayEvent(req, body), lambdaContext());
        writeResult(res, result, responseHeaders(cors, req));
      } catch (err) {
        log("error", "local server error", { errorMessage: (err as Error).message });
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("Internal error\n");
      }
    });
    const port = options.port ?? 4000;
    await new Promise<void>((resolve, reject) => {
      server?.once("error", reject);
      server?.listen(port, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    const url = `http://localhost:${actualPort}/graphql`;
    writeStackFile({ url, endpoint, pid: process.pid });
    return {
      url,
      endpoint,
      dynamoPid: dynamo?.pid ?? null,
      drainAggregates: async () => (poller ? poller.drain() : 0),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
