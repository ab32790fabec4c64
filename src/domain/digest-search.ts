import type { NationalReviewDigest } from "./digests";
import { EARLIEST_PUBLICATION, MAX_THEMES_PER_DIGEST } from "./digests";
import { ValidationError } from "./errors";
import { indexTerms, MAX_QUERY_TERMS, stems } from "./search";

/** §16: what a search of the catalogue asks for. */
export interface SearchInput {
  /** Words of the title, summary, learning or recommendations: all must appear (any inflection). */
  readonly words?: string | null;
  /** Themes of the vocabulary: a record must carry all of them. */
  readonly themes?: readonly string[] | null;
  readonly publishedFromYear?: number | null;
  readonly publishedToYear?: number | null;
}

/** A search as the index reads it: stems, themes and an inclusive date range. */
export interface ParsedSearch {
  readonly stems: readonly string[];
  readonly themes: readonly string[];
  readonly from: string;
  readonly to: string;
}

const FIRST_YEAR = Number(EARLIEST_PUBLICATION.slice(0, 4));

function year(value: number | null | undefined, field: string, last: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < FIRST_YEAR || value > last)
    throw new ValidationError(field, `A year from ${FIRST_YEAR} to ${last}`);
  return value;
}

/**
 * A search checked and turned into index terms: at most MAX_QUERY_TERMS words and
 * MAX_THEMES_PER_DIGEST themes (each costs one request), years within the catalogue's.
 */
export function parseSearch(input: SearchInput, today: string): ParsedSearch {
  const last = Number(today.slice(0, 4));
  const from = year(input.publishedFromYear, "filter.publishedFromYear", last);
  const to = year(input.publishedToYear, "filter.publishedToYear", last);
  if (from !== null && to !== null && from > to)
    throw new ValidationError("filter.publishedToYear", "The range ends before it starts");
  const s = stems(input.words ?? "");
  if (s.length > MAX_QUERY_TERMS)
    throw new ValidationError("filter.words", `At most ${MAX_QUERY_TERMS} words`);
  const themes = [...new Set((input.themes ?? []).map((t) => t.trim()).filter(Boolean))];
  if (themes.length > MAX_THEMES_PER_DIGEST)
    throw new ValidationError("filter.themes", `At most ${MAX_THEMES_PER_DIGEST} themes`);
  if (input.words?.trim() && s.length === 0)
    throw new ValidationError("filter.words", "Only words too common to search for");
  return {
    stems: s,
    themes,
    from: `${from ?? FIRST_YEAR}-01-01`,
    to: `${to ?? last}-12-31`,
  };
}

/** Whether a record matches a search (the check of each result against its record). */
export function matches(d: NationalReviewDigest, q: ParsedSearch): boolean {
  if (d.publishedOn < q.from || d.publishedOn > q.to) return false;
  if (!q.themes.every((t) => d.themes.includes(t))) return false;
  if (q.stems.length === 0) return true;
  const terms = indexTerms({
    title: d.title,
    summary: d.summary,
    keyLearning: d.keyLearning,
    recommendations: d.recommendations.join("\n"),
  });
  return q.stems.every((s) => terms.has(s));
}

/** The most results a search pages through (the offset a cursor may hold). */
export const MAX_SEARCH_OFFSET = 10_000;

/** The cursor after the `n`th result. */
export const searchCursor = (n: number) => Buffer.from(`at:${n}`, "utf8").toString("base64url");

/** The offset a search cursor stands for (0 without one). */
export function searchOffset(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const m = /^at:([1-9]\d{0,4})$/.exec(Buffer.from(after, "base64url").toString("utf8"));
  if (!m || Number(m[1]) > MAX_SEARCH_OFFSET)
    throw new ValidationError("after", "Not a cursor of this list");
  return Number(m[1]);
}
