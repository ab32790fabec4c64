import { type Change, CriticalityLevel, diff } from "@graphql-inspector/core";
import { buildSchema } from "graphql";

/**
 * The breaking-change check: the API's schema against the last released one. Every change is
 * listed by its criticality; a breaking change must be recorded in the changelog's unreleased
 * section, by its path in backticks (`Mutation.createAction.recommendationId`), or the check
 * fails. On a release, the unreleased heading gets the version and `released.graphql` becomes
 * the emitted schema.
 */
export interface SchemaCheck {
  readonly breaking: readonly Change[];
  readonly dangerous: readonly Change[];
  readonly safe: readonly Change[];
  /** Breaking changes the changelog's unreleased section does not record. */
  readonly unrecorded: readonly Change[];
}

export const UNRELEASED_HEADING = "## Unreleased";

/** The changelog's unreleased section (empty when there is none). */
export function unreleasedSection(changelog: string): string {
  const start = changelog.indexOf(`${UNRELEASED_HEADING}\n`);
  if (start < 0) return "";
  const rest = changelog.slice(start + UNRELEASED_HEADING.length + 1);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Where a change is, as the changelog records it: its schema coordinate. */
export const coordinate = (c: Change) => c.path ?? c.message;

export async function checkSchema(
  releasedSdl: string,
  currentSdl: string,
  changelog: string,
): Promise<SchemaCheck> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const by = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level);
  const breaking = by(CriticalityLevel.Breaking);
  const recorded = unreleasedSection(changelog);
  return {
    breaking,
    dangerous: by(CriticalityLevel.Dangerous),
    safe: by(CriticalityLevel.NonBreaking),
    unrecorded: breaking.filter((c) => !recorded.includes(`\`${coordinate(c)}\``)),
  };
}

/** The report `npm run schema:check` prints. */
export function report(check: SchemaCheck): string {
  const lines: string[] = [];
  const section = (title: string, changes: readonly Change[]) => {
    lines.push(`${title} (${changes.length})`);
    for (const c of changes) lines.push(`  ${coordinate(c)}: ${c.message}`);
  };
  section("Breaking", check.breaking);
  section("Dangerous", check.dangerous);
  section("Safe", check.safe);
  if (check.unrecorded.length > 0) {
    lines.push("");
    lines.push(
      `Not recorded in schema/CHANGELOG.md under "${UNRELEASED_HEADING}" (${check.unrecorded.length}):`,
    );
    for (const c of check.unrecorded) lines.push(`  \`${coordinate(c)}\`: ${c.message}`);
  }
  return `${lines.join("\n")}\n`;
}
