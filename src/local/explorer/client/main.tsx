/**
 * The local explorer's browser side: GraphiQL (schema docs, autocompletion, a headers editor)
 * and a "Dev tokens" panel that puts a demo user's token in the headers editor. Bundled by
 * ../build.ts with esbuild and served by the local server only (never in AWS).
 */
import { useGraphiQL } from "@graphiql/react";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { type ChangeEvent, useState } from "react";
import { createRoot } from "react-dom/client";
import "graphiql/style.css";
import type { ExplorerConfig } from "../config";

const config = JSON.parse(
  document.getElementById("explorer-config")?.textContent ?? "{}",
) as ExplorerConfig;

// Monaco runs its language services in workers: bundled beside this file, served by the same
// local server (no CDN).
(
  globalThis as { MonacoEnvironment?: { getWorker(id: string, label: string): Worker } }
).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    const name = label === "graphql" ? "graphql" : label === "json" ? "json" : "editor";
    return new Worker(`${config.assets}/${name}.worker.js`, { name: `${name}-worker` });
  },
};

/**
 * GraphiQL's saved tabs, kept apart per route: a query for /graphql would only be refused on
 * /public/graphql. (Headers are saved only if the settings dialog says so.)
 */
const prefix = `lif-explorer:${config.route}:`;
const ownKeys = () =>
  Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter(
    (k): k is string => k?.startsWith(prefix) === true,
  );
const routeStorage = {
  getItem: (key: string) => localStorage.getItem(prefix + key),
  setItem: (key: string, value: string) => localStorage.setItem(prefix + key, value),
  removeItem: (key: string) => localStorage.removeItem(prefix + key),
  clear: () => {
    for (const k of ownKeys()) localStorage.removeItem(k);
  },
  get length() {
    return ownKeys().length;
  },
};

const headersFor = (token: string | null) =>
  JSON.stringify(token ? { Authorization: `Bearer ${token}` } : {}, null, 2);

/** A sidebar panel: pick a demo user, and their token replaces the headers editor's. */
function DevTokens() {
  const headerEditor = useGraphiQL((s) => s.headerEditor);
  const [user, setUser] = useState(0);
  const [status, setStatus] = useState("");
  const chosen = config.users[user];
  const use = async () => {
    if (!chosen) return;
    setStatus("Signing…");
    const params = new URLSearchParams({ role: chosen.role, partnership: chosen.partnership });
    if (chosen.agencyId) params.set("agency", chosen.agencyId);
    const res = await fetch(`/dev/token?${params}`);
    if (!res.ok) {
      setStatus(`Could not sign a token: ${res.status} ${await res.text()}`);
      return;
    }
    headerEditor?.setValue(headersFor((await res.text()).trim()));
    setStatus(`The headers now carry a token for ${chosen.label}.`);
  };
  return (
    <div className="dev-tokens">
      <div className="graphiql-doc-explorer-title">Dev tokens</div>
      <p>
        Requests to <code>{config.route}</code> send the <code>Authorization</code> header in the
        Headers tab below the query. Pick a demo user to put their token there (local only, signed
        with the dev key; the same as <code>npm run token -- --role ROLE</code>).
      </p>
      <label>
        Demo user{" "}
        <select
          value={user}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => setUser(Number(e.target.value))}
        >
          {config.users.map((u, i) => (
            <option key={u.label} value={i}>
              {u.label}
            </option>
          ))}
        </select>
      </label>{" "}
      <button type="button" className="graphiql-button" onClick={() => void use()}>
        Use this token
      </button>{" "}
      <button
        type="button"
        className="graphiql-button"
        onClick={() => {
          headerEditor?.setValue(headersFor(null));
          setStatus("No token: anonymous requests reach public queries only.");
        }}
      >
        No token
      </button>
      <p role="status">{status}</p>
      <p>
        Routes:{" "}
        {config.routes.map((r, i) => [
          i > 0 ? ", " : "",
          <a key={r} href={r}>
            {r}
          </a>,
        ])}{" "}
        (the public route needs no token).
      </p>
    </div>
  );
}

const devTokens = {
  title: "Dev tokens",
  icon: () => (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true">
      <circle cx="7.5" cy="15.5" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path
        d="M10.8 12.2 20 3m-3 3 3 3m-6-0 2 2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </svg>
  ),
  content: DevTokens,
};

const root = document.getElementById("explorer");
if (root)
  createRoot(root).render(
    <GraphiQL
      fetcher={createGraphiQLFetcher({ url: config.route })}
      defaultQuery={config.defaultQuery}
      defaultHeaders={headersFor(config.token)}
      defaultEditorToolsVisibility="headers"
      plugins={[devTokens]}
      storage={routeStorage}
    />,
  );
