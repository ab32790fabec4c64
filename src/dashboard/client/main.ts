/**
 * The board dashboard page (issue 16): sign in, pick a period and an agency, see every figure of
 * `boardDashboard` as charts and tables, download the export. Talks to the API through GraphQL
 * only. Bundled with uPlot by ../build.ts; served by `npm start` at /dashboard and built into
 * dist/dashboard/ for static hosting (docs/dashboard.md).
 */
import "uplot/dist/uPlot.min.css";
import "./style.css";
import { BOARD_DASHBOARD_ROLES, type DashboardConfig, parseDashboardConfig } from "../config";
import { financialYear, periodProblem } from "../period";
import { Api, ApiError, type Period, type Viewer } from "./api";
import {
  cognitoSignOut,
  currentToken,
  finishCognitoSignIn,
  signInAsDemoUser,
  signOutLocally,
  startCognitoSignIn,
} from "./auth";
import { byId, h } from "./dom";
import { renderDashboard } from "./render";

const WHOLE = "";

const el = {
  who: byId("who"),
  signOut: byId<HTMLButtonElement>("sign-out"),
  signIn: byId("sign-in"),
  signInForm: byId<HTMLFormElement>("sign-in-form"),
  controls: byId<HTMLFormElement>("controls"),
  from: byId<HTMLInputElement>("from"),
  to: byId<HTMLInputElement>("to"),
  agency: byId<HTMLSelectElement>("agency"),
  show: byId<HTMLButtonElement>("show"),
  exportCsv: byId<HTMLButtonElement>("export-csv"),
  exportJson: byId<HTMLButtonElement>("export-json"),
  status: byId("status"),
  error: byId("error"),
  dashboard: byId("dashboard"),
  main: byId("main"),
};

let config: DashboardConfig;
let api: Api;
/** Agency names by id, for rows the API names by id. */
const agencyNames = new Map<string, string>();

async function loadConfig(): Promise<DashboardConfig> {
  const inline = document.getElementById("dashboard-config")?.textContent;
  if (inline) return parseDashboardConfig(JSON.parse(inline));
  const res = await fetch("config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`config.json could not be read (${res.status})`);
  return parseDashboardConfig(await res.json());
}

function say(text: string): void {
  el.status.textContent = text;
}
function fail(err: unknown): void {
  el.error.replaceChildren(h("p", {}, err instanceof Error ? err.message : String(err)));
  say("");
}
function clearError(): void {
  el.error.replaceChildren();
}

function busy(on: boolean): void {
  el.main.setAttribute("aria-busy", String(on));
  for (const b of [el.show, el.exportCsv, el.exportJson]) b.disabled = on;
}

function period(): Period {
  return { from: el.from.value, to: el.to.value };
}
const agencyId = () => (el.agency.value === WHOLE ? null : el.agency.value);

function showSignIn(): void {
  el.controls.hidden = true;
  el.signOut.hidden = true;
  el.who.textContent = "";
  el.dashboard.replaceChildren();
  el.signIn.hidden = false;
  const fields = byId("sign-in-fields");
  if (config.mode === "local") {
    const select = h(
      "select",
      { id: "demo-user", name: "demo-user" },
      config.users.map((u, i) => h("option", { value: i }, u.label)),
    );
    fields.replaceChildren(
      h("p", {}, "Local development: sign in as a demo user with a token of the local dev issuer."),
      h("label", { for: "demo-user" }, "Demo user"),
      select,
    );
  } else {
    fields.replaceChildren(
      h("p", {}, "Sign in with your partnership account (you will come back here)."),
    );
  }
}

async function signIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  clearError();
  try {
    if (config.mode === "cognito") return await startCognitoSignIn(config);
    const i = Number(byId<HTMLSelectElement>("demo-user").value);
    const user = config.users[i];
    if (!user) throw new Error("Pick a demo user.");
    say("Signing in…");
    await signInAsDemoUser(config, user);
    await start();
  } catch (err) {
    fail(err);
  }
}

function signOut(): void {
  if (config.mode === "cognito") {
    cognitoSignOut(config);
    return;
  }
  signOutLocally();
  say("Signed out.");
  showSignIn();
  byId("demo-user").focus();
}

/** Fills the agency picker: the whole partnership and every agency, or the lead's own only. */
async function fillAgencies(viewer: Viewer, board: boolean): Promise<void> {
  agencyNames.clear();
  const options: HTMLOptionElement[] = [];
  if (board) {
    options.push(h("option", { value: WHOLE }, "Whole partnership"));
    const agencies = await api.agencies();
    agencies.sort((a, b) => a.name.localeCompare(b.name));
    for (const a of agencies) {
      agencyNames.set(a.id, a.name);
      options.push(h("option", { value: a.id }, a.name));
    }
  } else if (viewer.me.agency) {
    agencyNames.set(viewer.me.agency.id, viewer.me.agency.name);
    options.push(h("option", { value: viewer.me.agency.id }, viewer.me.agency.name));
  }
  el.agency.replaceChildren(...options);
}

async function start(): Promise<void> {
  api = new Api(config.graphqlUrl, currentToken);
  say("Loading…");
  const viewer = await api.viewer();
  const board = viewer.me.roles.some((r) =>
    (BOARD_DASHBOARD_ROLES as readonly string[]).includes(r),
  );
  const lead = viewer.me.roles.includes("AGENCY_LEAD") && viewer.me.agency !== null;
  el.signIn.hidden = true;
  el.signOut.hidden = false;
  el.who.textContent = `${viewer.me.name}, ${viewer.partnership.name}`;
  if (!board && !lead) {
    el.controls.hidden = true;
    el.dashboard.replaceChildren(
      h("p", {}, "The board dashboard is for the board's roles and agencies' leads."),
    );
    say("");
    return;
  }
  await fillAgencies(viewer, board);
  const year = financialYear(new Date());
  el.from.value = year.from;
  el.to.value = year.to;
  el.controls.hidden = false;
  await show();
}

async function show(): Promise<void> {
  clearError();
  const p = period();
  const problem = periodProblem(p.from, p.to);
  if (problem) {
    fail(new Error(problem));
    return;
  }
  busy(true);
  say("Loading the figures…");
  try {
    const d = await api.dashboard(p, agencyId());
    if (!d) {
      el.dashboard.replaceChildren(h("p", {}, "There is no such agency."));
      say("");
      return;
    }
    renderDashboard(el.dashboard, d, agencyNames);
    say("Figures loaded.");
  } catch (err) {
    el.dashboard.replaceChildren();
    fail(err);
  } finally {
    busy(false);
  }
}

async function download(format: "CSV" | "JSON"): Promise<void> {
  clearError();
  const p = period();
  const problem = periodProblem(p.from, p.to);
  if (problem) return fail(new Error(problem));
  busy(true);
  say(`Preparing the ${format} file…`);
  try {
    const file = await api.export(p, agencyId(), format);
    if (!file) throw new Error("There is no such agency.");
    const url = URL.createObjectURL(new Blob([file.content], { type: file.contentType }));
    const a = h("a", { href: url, download: file.filename, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    say(`Downloaded ${file.filename}.`);
  } catch (err) {
    fail(err);
  } finally {
    busy(false);
  }
}

async function main(): Promise<void> {
  el.signInForm.addEventListener("submit", (e) => void signIn(e));
  el.signOut.addEventListener("click", signOut);
  el.controls.addEventListener("submit", (e) => {
    e.preventDefault();
    void show();
  });
  el.exportCsv.addEventListener("click", () => void download("CSV"));
  el.exportJson.addEventListener("click", () => void download("JSON"));
  try {
    config = await loadConfig();
    if (config.mode === "cognito") await finishCognitoSignIn(config);
    if (currentToken()) await start();
    else showSignIn();
  } catch (err) {
    // A token the API no longer takes (expired, or signed by another dev key): sign in again.
    if (err instanceof ApiError && ["401", "UNAUTHENTICATED"].includes(err.code)) signOutLocally();
    if (config && !currentToken()) showSignIn();
    fail(err);
  }
}

void main();
