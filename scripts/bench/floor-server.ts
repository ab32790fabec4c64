import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { clientOptionsFromEnv, createDocumentClient } from "../../src/data/client";
import { readBody } from "../../src/local/http-adapter";
import type { Recording } from "./fixture";

/**
 * The floor of the warm figures: a minimal HTTP server that, for `POST /op/<name>`, issues the
 * DynamoDB calls the API made for that operation (recorded in RECORDINGS), wave by wave, with
 * the same SDK client, and answers a small JSON body. No GraphQL, no token, no policy.
 */
const COMMANDS: Record<string, new (input: never) => unknown> = {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
};

const recordings = new Map(
  (JSON.parse(readFileSync(process.env.RECORDINGS as string, "utf8")) as Recording[]).map((r) => [
    r.name,
    r,
  ]),
);
const doc = createDocumentClient(clientOptionsFromEnv());

async function replay(r: Recording): Promise<void> {
  const swaps = r.fresh.map((s) => [s, `${randomUUID()}`] as const);
  for (const wave of r.waves)
    await Promise.all(
      wave.map((call) => {
        let json = JSON.stringify(call.input);
        for (const [from, to] of swaps) json = json.split(from).join(to);
        const Command = COMMANDS[call.command];
        if (!Command) throw new Error(`No command ${call.command}`);
        return doc.send(new Command(JSON.parse(json) as never) as never);
      }),
    );
}

const server = createServer(async (req, res) => {
  await readBody(req);
  const r = recordings.get((req.url ?? "").replace("/op/", ""));
  if (!r) {
    res.writeHead(404).end();
    return;
  }
  try {
    await replay(r);
    res.writeHead(200, { "content-type": "application/json" }).end('{"data":{"ok":true}}');
  } catch (err) {
    res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
  }
});
server.keepAliveTimeout = 60_000;
// A clean exit, so that --cpu-prof (when profiling) writes its profile.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
