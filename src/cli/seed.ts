import { parseArgs } from "node:util";
import { DomainError } from "../domain/errors";
import { CopyFailed, demoSeed, MAX_SCALE, type ScaleRun, seedScale } from "../local/seed-scale";
import { RefusedError, storeFromEnv, UsageError } from "./partnership-create";
import { progressBar } from "./progress";

const USAGE = `npm run seed -- --scale N [--partnership <code>] [--concurrency C] [--progress | --no-progress]

Adds N copies of the demo partnership's activity to it (the partnership npm start seeded:
lutonshire unless --partnership names another demo one), so that its figures are N times the
demo's: cases, notifications of every category and the Chair's decisions, reviews with their
milestones, contributions and findings, recommendations and actions, audit meetings, exercises
and returns, near-miss reports, relevance decisions and challenge sessions on national reviews.
Each copy is dated back by its own number of days (notifications over the past 24 months). Copy
k has ids of its own: a run makes only the copies not there yet, so running it again makes
nothing, and --scale 10 after --scale 5 makes copies 6 to 10. C copies at a time (default 2).
N is at most ${MAX_SCALE}: copy k's audit year is the demo's moved k days on, and the audit
group meets at most once a day.

A progress bar (records written, rate, time left) is shown on stderr when it is a terminal, or
with --progress; the summary (copies, records written, records created by kind, seconds) on stdout.

Where: the running npm start, or DYNAMODB_ENDPOINT; never AWS (USER_POOL_ID set). Exit: 0
done; 2 usage, no stack, or a partnership that is not a seeded demo one (nothing written);
3 copies found half made by an earlier run that stopped (left as they are; the rest made);
130 stopped by Ctrl-C (the copies under way finished); 1 a fault.`;

interface Command {
  readonly scale: number;
  readonly partnership: string;
  readonly concurrency: number;
  readonly progress: boolean | undefined;
}

/** What the command was asked, checked before anything is read or written. */
export function parseCommand(argv: readonly string[]): Command {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        scale: { type: "string" },
        partnership: { type: "string" },
        concurrency: { type: "string" },
        progress: { type: "boolean" },
        "no-progress": { type: "boolean" },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const whole = (name: string, max: number, fallback?: number) => {
    const raw = values[name];
    if (raw === undefined && fallback !== undefined) return fallback;
    const n = Number(raw);
    if (typeof raw !== "string" || !/^\d+$/.test(raw) || n < 1 || n > max)
      throw new UsageError(`--${name}: a whole number from 1 to ${max}`);
    return n;
  };
  return {
    scale: whole("scale", MAX_SCALE),
    partnership: String(values.partnership ?? "lutonshire")
      .trim()
      .toLowerCase(),
    concurrency: whole("concurrency", 16, 2),
    progress: values["no-progress"] ? false : (values.progress as boolean | undefined),
  };
}

/** The summary line: copies, records written, records created by kind, and the seconds. */
export function summaryOf(run: ScaleRun): Record<string, unknown> {
  return {
    copiesMade: run.made.length,
    copiesAlreadyThere: run.already.length,
    copiesHalfMade: run.partial,
    recordsWritten: run.written,
    created: Object.fromEntries(Object.entries(run.created).sort(([a], [b]) => a.localeCompare(b))),
    seconds: Math.round(run.seconds * 10) / 10,
  };
}

/** Where the command writes, and whether stderr is a terminal (a progress bar by default). */
export interface CommandIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly isTTY?: boolean;
}

/**
 * The command, run with `argv` against the store `env` names: writes its progress and summary
 * to `io` and returns its exit code (errors are one line, the usage after a usage error).
 */
export async function seedCommand(
  argv: readonly string[],
  io: CommandIo,
  env: NodeJS.ProcessEnv = process.env,
  stopRequested: () => boolean = () => false,
): Promise<number> {
  try {
    return await run(argv, io, env, stopRequested);
  } catch (err) {
    const usage = err instanceof UsageError ? `\n\n${USAGE}` : "";
    const field = err instanceof DomainError && "field" in err ? ` (${String(err.field)})` : "";
    const more = err instanceof CopyFailed ? " (run again: the copies made are kept)" : "";
    io.stderr(`${(err as Error).message}${field}${more}${usage}\n`);
    return err instanceof UsageError || err instanceof RefusedError ? 2 : 1;
  }
}

async function run(
  argv: readonly string[],
  io: CommandIo,
  env: NodeJS.ProcessEnv,
  stopRequested: () => boolean,
): Promise<number> {
  const command = parseCommand(argv);
  if (env.USER_POOL_ID)
    throw new RefusedError(
      "The scale seed writes fictional records: it runs against the local stack only (unset USER_POOL_ID)",
    );
  const { store, target } = storeFromEnv(env);
  const seed = demoSeed(command.partnership);
  let found: Awaited<ReturnType<typeof store.partnerships.getByCode>>;
  try {
    found = await store.partnerships.getByCode(command.partnership);
  } catch (err) {
    throw new RefusedError(
      `Cannot reach DynamoDB at ${target} (${(err as Error).message || (err as Error).name}): is npm start running?`,
    );
  }
  if (!found) throw new RefusedError(`No partnership '${command.partnership}' in ${target}`);
  if (!seed || seed.partnership.id !== found.id)
    throw new RefusedError(
      `'${command.partnership}' is not a demo partnership: the scale seed copies the demo's activity, made by the demo's people (${["lutonshire", "northbrook"].join(", ")})`,
    );
  const show = command.progress ?? io.isTTY === true;
  const bar = progressBar(io.stderr, "records");
  let last = 0;
  const result = await seedScale(store, seed, {
    scale: command.scale,
    concurrency: command.concurrency,
    stopRequested,
    progress: show
      ? (done, total, startedAt) => {
          // At most ten redraws a second (a terminal redraw per record slows the run).
          const now = Date.now();
          if (now - last < 100 && done !== total) return;
          last = now;
          bar(done, total, startedAt);
        }
      : undefined,
  });
  // The bar ends its line when done reaches its total; not if the run stopped early.
  if (show && result.written && (result.stopped || result.made.length === 0)) io.stderr("\n");
  io.stderr(
    `${target}: ${result.made.length} copies made, ${result.already.length} already there${result.partial.length ? `, ${result.partial.length} half made by an earlier run (left as they are: ${result.partial.join(", ")})` : ""}\n`,
  );
  io.stdout(`${JSON.stringify(summaryOf(result))}\n`);
  if (result.stopped) return 130;
  return result.partial.length ? 3 : 0;
}

if (process.argv[1]?.endsWith("cli/seed.ts")) {
  let stop = false;
  process.on("SIGINT", () => {
    if (stop) process.exit(130);
    stop = true;
    process.stderr.write("\nStopping after the copies under way (Ctrl-C again to stop now)\n");
  });
  seedCommand(
    process.argv.slice(2),
    {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      isTTY: process.stderr.isTTY,
    },
    process.env,
    () => stop,
  ).then((code) => {
    process.exitCode = code;
  });
}
