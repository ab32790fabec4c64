import type { Plugin } from "esbuild";

/** Bundles only GB holiday rules from date-holidays' own data. */
export const holidayDataPlugin: Plugin;
/** Loads only the time zones the holiday rules use into moment-timezone. */
export const timeZoneDataPlugin: Plugin;
export function handlerEntries(): { name: string; entry: string }[];
export function buildAll(options?: {
  quiet?: boolean;
  /** Where the bundles go (default dist/). */
  outDir?: string;
}): Promise<{ name: string; file: string; bytes: number; inputs: string[] }[]>;
