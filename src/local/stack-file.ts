import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Where a running `npm start` says what it serves, so the command-line tools (`token --email`,
 * `partnership:create`) find its DynamoDB Local without being told the port. Git-ignored.
 */
export interface LocalStackInfo {
  readonly url: string;
  readonly endpoint: string;
  readonly pid: number;
}

export const stackFilePath = (): string =>
  resolve(process.env.LOCAL_STACK_FILE ?? resolve(process.cwd(), ".local", "stack.json"));

export function writeStackFile(info: LocalStackInfo, path = stackFilePath()): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(info)}\n`);
}

/** Removes the file if it is still this process's (a newer start may have replaced it). */
export function removeStackFile(pid = process.pid, path = stackFilePath()): void {
  if (readStackFile(path)?.pid === pid) rmSync(path, { force: true });
}

/** The running stack, or null if none is (a file left by a process that died is ignored). */
export function readStackFile(path = stackFilePath()): LocalStackInfo | null {
  if (!existsSync(path)) return null;
  try {
    const info = JSON.parse(readFileSync(path, "utf8")) as LocalStackInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}
