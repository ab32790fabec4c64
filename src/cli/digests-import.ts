import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import type { Store } from "../data/store";
import { AGE_GROUPS, type DigestInput, MAX_IMPORT_ROWS, type RowError } from "../domain/digests";
import { DomainError } from "../domain/errors";
import { catalogueEditor } from "../local/seed-digests";
import { type ImportReport, type ImportRow, importDigests } from "../services/digests/catalogue";
import { RefusedError, storeFromEnv, UsageError } from "./partnership-create";
import { type Progress, progressBar } from "./progress";

export { type Progress, progressBar };

const COLUMNS = [
  "ref",
  "title",
  "publishingArea",
  "publishedOn",
  "ageGroup",
  "pseudonym",
  "summary",
  "keyLearning",
  "recommendations",
  "themes",
  "sourceUrl",
  "sourceWithdrawnOn",
  "sourceReviewId",
] as const;
const LISTS = new Set(["recommendations", "themes"]);

const USAGE = `npm run digests:import -- <file.json | file.csv> [--progress | --no-progress]

Imports national reviews into the catalogue (§16), as a catalogue editor. Every row is checked;
bad rows are reported by line (stderr) and the others imported. Safe to run again: a row
already imported as it is changes nothing, a changed row updates its record (rows are named by
their \`ref\`). A progress bar (rate, time left) is shown on stderr when it is a terminal, or
with --progress.

JSON: an array of objects with the fields below. CSV: a header row of these columns, fields
quoted as RFC 4180, lists (recommendations, themes) separated by " | ":
  ${COLUMNS.join(", ")}
ageGroup: ${AGE_GROUPS.join(", ")}; dates YYYY-MM-DD; themes: codes of the vocabulary.

Where: as npm run partnership:create (the running npm start, DYNAMODB_ENDPOINT, or the AWS
stage's tables). Exit: 0 all rows imported; 3 some rows refused (the rest imported); 2 usage or
an unreadable file (nothing imported); 1 a fault (run again: nothing is imported twice).`;

/** One row as read from the file, before its fields are checked: its line and raw fields. */
export interface RawRow {
  readonly line: number;
  readonly fields: Record<string, unknown>;
}

/** The rows of a JSON array, each with the line its object starts on. */
export function parseJson(text: string): RawRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`Not JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError("The JSON file is not an array of rows");
  // The line each element of the top-level array starts on (a scan that skips strings).
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectElement = false;
  for (const ch of text) {
    if (ch === "\n") line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(ch) && ch !== "]") {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 1) expectElement = true;
  }
  return parsed.map((fields, i) => ({
    line: lines[i] ?? i + 1,
    fields:
      fields && typeof fields === "object" && !Array.isArray(fields)
        ? (fields as Record<string, unknown>)
        : { __notAnObject: true },
  }));
}

/** The records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): RawRow[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell !== "") records.push({ line: start, cells });
    cells = [];
    cell = "";
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
      touched = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else {
      if (!touched) start = line;
      cell += ch;
      touched = true;
    }
  }
  if (quoted) throw new UsageError(`A quoted field opened on line ${start} never closes`);
  if (cell !== "" || cells.length) endRecord();
  const [header, ...rows] = records;
  if (!header) return [];
  const names = header.cells.map((c) => c.trim());
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  if (unknown.length) throw new UsageError(`Unknown columns: ${unknown.join(", ")}`);
  return rows.map((r) => ({
    line: r.line,
    fields: Object.fromEntries(
      names.map((n, i) => {
        const v = r.cells[i] ?? "";
        if (LISTS.has(n))
          return [n, v.trim() === "" ? [] : v.split(/\s*\|\s*/).filter((x) => x.trim())];
        return [n, v.trim() === "" ? null : v];
      }),
    ),
  }));
}

/** A raw row's fields as the import's input, or the row's error (a field of the wrong shape). */
export function toInput(row: RawRow): DigestInput | RowError {
  const f = row.fields;
  if (f.__notAnObject) return { line: row.line, field: "", message: "A row is an object" };
  for (const [name, value] of Object.entries(f)) {
    if (!(COLUMNS as readonly string[]).includes(name))
      return { line: row.line, field: name, message: "Unknown field" };
    if (value === null || value === undefined) continue;
    if (LISTS.has(name)) {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
        return { line: row.line, field: name, message: "A list of texts" };
    } else if (typeof value !== "string") return { line: row.line, field: name, message: "Text" };
  }
  for (const name of ["ref", "title", "publishedOn", "summary", "keyLearning"])
    if (typeof f[name] !== "string") return { line: row.line, field: name, message: "Required" };
  return {
    ...(f as unknown as DigestInput),
    themes: (f.themes as string[] | undefined) ?? [],
  };
}

/** Reads a file's rows by its extension (.json or .csv). */
export function readRows(path: string): RawRow[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`${path}: ${(err as Error).message}`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return parseJson(text);
  if (ext === ".csv") return parseCsv(text.replace(/^\uFEFF/, ""));
  throw new UsageError(`${path}: a .json or .csv file`);
}

/**
 * Imports a file's rows, in requests of MAX_IMPORT_ROWS as the mutation takes them, as a
 * catalogue editor. Rows whose fields have the wrong shape are reported with the rows the
 * domain refuses, all by line.
 */
export async function runDigestsImport(
  store: Store,
  rows: readonly RawRow[],
  progress?: Progress,
): Promise<ImportReport & { rowsPerSecond: number }> {
  const ctx = catalogueEditor(store, `cli:${userInfo().username}`);
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, errors: [] };
  const good: ImportRow[] = [];
  for (const row of rows) {
    const input = toInput(row);
    if ("message" in input) report.errors.push(input);
    else good.push({ line: row.line, input });
  }
  const startedAt = Date.now();
  for (let i = 0; i < good.length; i += MAX_IMPORT_ROWS) {
    const r = await importDigests(ctx, good.slice(i, i + MAX_IMPORT_ROWS));
    report.created += r.created;
    report.updated += r.updated;
    report.unchanged += r.unchanged;
    report.errors.push(...r.errors);
    progress?.(Math.min(good.length, i + MAX_IMPORT_ROWS), good.length, startedAt);
  }
  report.errors.sort((a, b) => a.line - b.line);
  const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
  return { ...report, rowsPerSecond: Math.round(good.length / seconds) };
}

async function main() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { progress: { type: "boolean" }, "no-progress": { type: "boolean" } },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new UsageError("Give one file");
  const rows = readRows(file);
  const { store, target } = storeFromEnv();
  const show = values["no-progress"] ? false : (values.progress ?? process.stderr.isTTY === true);
  const report = await runDigestsImport(
    store,
    rows,
    show ? progressBar((s) => process.stderr.write(s)) : undefined,
  );
  for (const e of report.errors)
    process.stderr.write(`line ${e.line}: ${e.field ? `${e.field}: ` : ""}${e.message}\n`);
  process.stderr.write(
    `${target}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.errors.length} refused (${report.rowsPerSecond} rows/s)\n`,
  );
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (report.errors.length) process.exitCode = 3;
}

if (process.argv[1]?.endsWith("digests-import.ts"))
  main().catch((err) => {
    const usage = err instanceof UsageError ? `\n\n${USAGE}` : "";
    const field = err instanceof DomainError && "field" in err ? ` (${String(err.field)})` : "";
    process.stderr.write(`${(err as Error).message}${field}${usage}\n`);
    process.exit(err instanceof UsageError || err instanceof RefusedError ? 2 : 1);
  });
