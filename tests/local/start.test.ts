import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/local/dynamodb-local";

/** `npm start` as a user runs it: a real process tree, stopped with Ctrl-C (SIGINT). */
const root = resolve(__dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const keyDir = mkdtempSync(join(tmpdir(), "lif-start-"));
let child: ChildProcess | undefined;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(() => {
  if (child?.pid && alive(child.pid)) process.kill(-child.pid, "SIGKILL");
  rmSync(keyDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("serves the seeded demo data with a dev token, and Ctrl-C stops everything, java included", async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DEV_KEY_FILE: join(keyDir, "key.json"),
      LOG_LEVEL: "info",
    };
    delete env.DYNAMODB_ENDPOINT;
    child = spawn(tsx, ["src/local/main.ts"], {
      cwd: root,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += String(d);
    });
    child.stderr?.on("data", (d) => {
      out += String(d);
    });
    const deadline = Date.now() + 60_000;
    while (!out.includes("GraphQL at") && Date.now() < deadline && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 200));
    expect(out).toContain(`GraphQL at http://localhost:${port}/graphql`);
    const ready = out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l))
      .find((e) => e.msg === "ready");
    const javaPid = ready.dynamodbPid as number;
    expect(alive(javaPid)).toBe(true);

    const token = spawnSync(tsx, ["src/local/token.ts", "--role", "BUSINESS_UNIT"], {
      cwd: root,
      env,
      encoding: "utf8",
    });
    expect(token.status, token.stderr).toBe(0);
    const res = await fetch(`http://localhost:${port}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token.stdout.trim()}`,
      },
      body: JSON.stringify({
        query:
          "{ partnership { name } agencies(first: 20) { edges { node { kind } } } cases(first: 100) { edges { node { id } } } }",
      }),
    });
    const body = (await res.json()) as {
      data: {
        partnership: { name: string };
        agencies: { edges: { node: { kind: string } }[] };
        cases: { edges: unknown[] };
      };
    };
    expect(body.data.partnership.name).toBe("Lutonshire Safeguarding Children Partnership");
    const kinds = body.data.agencies.edges.map((e) => e.node.kind);
    expect(kinds).toHaveLength(8);
    expect(new Set(kinds)).toEqual(
      new Set([
        "POLICE",
        "HEALTH",
        "CHILDRENS_SOCIAL_CARE",
        "EDUCATION",
        "PROBATION",
        "YOUTH_OFFENDING",
        "VOLUNTARY_SECTOR",
      ]),
    );
    expect(body.data.cases.edges).toHaveLength(12);

    // A browser at the same URL gets the explorer, its script served by this server too
    // (tests/local/explorer.test.ts drives it in Chromium).
    const landing = await fetch(`http://localhost:${port}/graphql`, {
      headers: { accept: "text/html" },
    });
    const html = await landing.text();
    expect(html).toContain("Safeguarding Learning &amp; Improvement API");
    const script = html.match(/<script src="(\/explorer\/[0-9a-f]+\/main\.js)"/)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`http://localhost:${port}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect(out).toMatch(/"msg":"explorer bundle"/);

    const exited = new Promise<number | null>((r) => child?.once("exit", (code) => r(code)));
    process.kill(-(child.pid as number), "SIGINT");
    expect(await exited).toBe(0);
    const gone = Date.now() + 10_000;
    while (alive(javaPid) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
    expect(alive(javaPid)).toBe(false);
  }, 90_000);
});

describe("npm start, stopped as a process manager would", () => {
  it("answers 413 to a 10 MB body and a CORS preflight as API Gateway would, and SIGTERM to npm stops everything", async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DEV_KEY_FILE: join(keyDir, "key2.json"),
      LOG_LEVEL: "info",
      CORS_ORIGINS: "https://portal.example.org, https://board.example.org",
    };
    delete env.DYNAMODB_ENDPOINT;
    // `npm start` itself, not its child: SIGTERM goes to npm's pid only, as `timeout` sends it.
    const npm = spawn("npm", ["start"], {
      cwd: root,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = npm;
    let out = "";
    npm.stdout?.on("data", (d) => {
      out += String(d);
    });
    npm.stderr?.on("data", (d) => {
      out += String(d);
    });
    const deadline = Date.now() + 60_000;
    while (!out.includes("GraphQL at") && Date.now() < deadline && npm.exitCode === null)
      await new Promise((r) => setTimeout(r, 200));
    const ready = out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l))
      .find((e) => e.msg === "ready");
    const javaPid = ready.dynamodbPid as number;
    const url = `http://localhost:${port}/graphql`;

    // The public route: on /graphql the gateway's authorizer would refuse the token-less request.
    const big = await fetch(`http://localhost:${port}/public/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ __typename }`, variables: { x: "x".repeat(10_000_000) } }),
    });
    expect(big.status).toBe(413);
    expect(
      ((await big.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions
        .code,
    ).toBe("PAYLOAD_TOO_LARGE");

    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: {
        origin: "https://portal.example.org",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://portal.example.org");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
    // Every origin of the list, each answered with its own origin.
    const board = await fetch(url, {
      method: "OPTIONS",
      headers: {
        origin: "https://board.example.org",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type,apollo-require-preflight",
      },
    });
    expect(board.status).toBe(204);
    expect(board.headers.get("access-control-allow-origin")).toBe("https://board.example.org");
    expect(board.headers.get("access-control-allow-headers")).toContain("apollo-require-preflight");
    const foreign = await fetch(url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(foreign.status).toBe(204);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const simple = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://portal.example.org" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(simple.headers.get("access-control-allow-origin")).toBe("https://portal.example.org");
    // The 401 for a request without a token carries them too, as every answer to an allowed origin.
    expect(simple.status).toBe(401);

    const exited = new Promise<void>((r) => npm.once("exit", () => r()));
    process.kill(npm.pid as number, "SIGTERM");
    await exited;
    const gone = Date.now() + 15_000;
    const listening = async () => {
      try {
        await fetch(url, { method: "POST", body: "{}" });
        return true;
      } catch {
        return false;
      }
    };
    while ((alive(javaPid) || (await listening())) && Date.now() < gone)
      await new Promise((r) => setTimeout(r, 200));
    expect(alive(javaPid)).toBe(false);
    expect(await listening()).toBe(false);
  }, 120_000);
});
