import type { Plugin } from "esbuild";

/** Bundles the bank holiday table src/domain/bank-holidays.ts computes, instead of the library. */
export const holidayTablePlugin: Plugin;
/** Leaves out the modules the API never runs (UNUSED_MODULES); reaching one throws, naming it. */
export const unusedModulesPlugin: Plugin;
export const UNUSED_MODULES: RegExp[];
/** Gives the Lambda integration's require() of @apollo/server the ES module build: one copy. */
export const singleApolloServerPlugin: Plugin;
/** Apollo's hashes by node's crypto (as outside a bundle), not sha.js. */
export const nodeCreateHashPlugin: Plugin;
/** type-graphql's graphql version check made at build time (no semver in the bundle). */
export const graphqlVersionCheckPlugin: Plugin;
/** graphql's production instanceof (no check for a second graphql: the bundle holds one). */
export const graphqlProductionPlugin: Plugin;
/** type-graphql's field resolver lookup, by name instead of a filter of all per field. */
export const fieldResolverLookupPlugin: Plugin;
/** reflect-metadata replaced by scripts/bundle/reflect-metadata.js in the bundle. */
export const reflectMetadataPlugin: Plugin;
export const REFLECT_METADATA: string;
/** NODE_OPTIONS of every function (serverless.yml provider.environment). */
export const FUNCTION_NODE_OPTIONS: string;
/** The function's memory (serverless.yml memorySize). */
export const LAMBDA_MEMORY_MB: number;
/** The flags AWS Lambda's Node.js runtime starts node with for a function of this memory. */
export function lambdaNodeArgs(memoryMb?: number): string[];
/** Writes `<bundle>.cache`: the V8 code cache of a GraphQL bundle that has answered a first request. */
export function makeCodeCache(bundle: string): void;
export function handlerEntries(): { name: string; entry: string }[];
export function buildAll(options?: {
  quiet?: boolean;
  /** Where the bundles go (default dist/). */
  outDir?: string;
}): Promise<{ name: string; file: string; bytes: number; inputs: string[] }[]>;
/** The board dashboard's static site into dist/dashboard/ (or outDir), and its gzipped size. */
export function buildDashboard(options?: {
  quiet?: boolean;
  outDir?: string;
}): Promise<{ dir: string; files: string[]; gzipped: number }>;
