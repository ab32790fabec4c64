import { createServer } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import {
  lambdaContext,
  readBody,
  toApiGatewayEvent,
  writeResult,
} from "../../src/local/http-adapter";

/**
 * The bundle the Lambda runs (HANDLER_BUNDLE, dist/graphql/index.js), served by the local HTTP
 * adapter, for the warm figures. Sends its port to the parent over IPC.
 */
type Handler = (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyResultV2>;
const { handler } = require(process.env.HANDLER_BUNDLE as string) as { handler: Handler };

const server = createServer(async (req, res) => {
  const body = await readBody(req);
  const result = await handler(toApiGatewayEvent(req, body ?? ""), lambdaContext());
  writeResult(res, result);
});
server.keepAliveTimeout = 60_000;
// A clean exit, so that --cpu-prof (when profiling) writes its profile.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
