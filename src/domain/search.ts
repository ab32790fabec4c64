/**
 * §16: finding national reviews by the words of their title, summary and learning. Words are
 * matched by their stem (simple English suffix stripping, written here rather than taken from a
 * library: the catalogue needs only that "neglect", "neglected", "neglectful" and "neglecting"
 * meet), regardless of case. Pure functions: the data layer stores what `indexTerms` returns.
 */

/** Words too common to tell reviews apart: neither indexed nor searched for. */
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by for from had has have he her his if in into is it its " +
    "not of on or she than that the their them then there these they this those to was were " +
    "which while who will with would"
  ).split(" "),
);

/** The longest word indexed (longer runs of letters are not words of a review). */
const MAX_WORD = 40;

/** Suffixes stripped, longest first, each with what replaces it. */
const SUFFIXES: readonly (readonly [string, string])[] = [
  ["fulness", ""],
  ["fully", ""],
  ["ful", ""],
  ["ness", ""],
  ["ings", ""],
  ["ing", ""],
  ["edly", ""],
  ["ied", "y"],
  ["ies", "y"],
  ["ed", ""],
  ["ly", ""],
  ["ive", ""],
  ["sses", "ss"],
  ["ches", "ch"],
  ["shes", "sh"],
  ["xes", "x"],
  ["s", ""],
];

/** The stem of one lower-case word: "neglected", "neglectful", "neglects" all give "neglect". */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, "");
  if (w.length <= 3) return w;
  for (const [suffix, replacement] of SUFFIXES) {
    if (!w.endsWith(suffix)) continue;
    // "ss", "us", "is" are not plurals (process, status, analysis).
    if (suffix === "s" && /(ss|us|is)$/.test(w)) break;
    const base = w.slice(0, w.length - suffix.length) + replacement;
    if (base.length < 3) break;
    w = base;
    break;
  }
  // stopped -> stopp -> stop; referred -> referr -> refer (not ll, ss, zz: "skill", "process").
  if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
  // share / shared / sharing, abuse / abused / abusive meet without the final e.
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

/** The words of a text, in order, lower case, without stop words. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []).filter(
    (w) => w.length <= MAX_WORD && !STOP_WORDS.has(w),
  );
}

/** The distinct stems of a text. */
export const stems = (text: string): string[] => [...new Set(words(text).map(stem))];

/** Where a word appears weighs on how relevant the review is to it. */
export const FIELD_WEIGHTS = { title: 5, keyLearning: 3, summary: 2, recommendations: 1 } as const;
export type IndexedField = keyof typeof FIELD_WEIGHTS;

/** The most a single stem may weigh in one review (so a word repeated 50 times does not dominate). */
const MAX_WEIGHT = 30;

/**
 * A review's index terms: each distinct stem with its weight in the review (the weights of the
 * fields it appears in, once per occurrence, capped).
 */
export function indexTerms(fields: Readonly<Record<IndexedField, string>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const field of Object.keys(FIELD_WEIGHTS) as IndexedField[]) {
    for (const w of words(fields[field])) {
      const s = stem(w);
      out.set(s, Math.min(MAX_WEIGHT, (out.get(s) ?? 0) + FIELD_WEIGHTS[field]));
    }
  }
  return out;
}

/** The most words a search may ask for (each costs one DynamoDB request). */
export const MAX_QUERY_TERMS = 8;

/** A candidate found in the index: its review, date, and the weight of each query term. */
export interface Hit {
  readonly digestId: string;
  readonly publishedOn: string;
  readonly weights: readonly number[];
}

/** How search results are ordered. */
export const SEARCH_ORDERS = ["RELEVANCE", "DATE"] as const;
export type SearchOrder = (typeof SEARCH_ORDERS)[number];

/**
 * Ranks the reviews that hold every query term: by relevance (each term's weight in the review,
 * rarer terms weighing more: `weight / ln(1 + reviews holding it)`), newest first among equals;
 * or newest first. Ties are broken by id so that pages are stable.
 */
export function rank(
  hits: readonly Hit[],
  documentFrequency: readonly number[],
  order: SearchOrder,
): Hit[] {
  const score = (h: Hit) =>
    h.weights.reduce((sum, w, i) => sum + w / Math.log(1 + (documentFrequency[i] ?? 1)), 0);
  const byDate = (a: Hit, b: Hit) =>
    b.publishedOn.localeCompare(a.publishedOn) || a.digestId.localeCompare(b.digestId);
  const scored = hits.map((h) => ({ h, s: score(h) }));
  scored.sort((a, b) => (order === "RELEVANCE" ? b.s - a.s : 0) || byDate(a.h, b.h));
  return scored.map((x) => x.h);
}
