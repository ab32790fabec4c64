import { createHash } from "node:crypto";
import { authorize } from "../../auth/policy";
import {
  matches,
  parseSearch,
  type SearchInput,
  searchCursor,
  searchOffset,
} from "../../domain/digest-search";
import {
  type CatalogueOffer,
  checkDigest,
  DEFAULT_THEMES,
  type DigestContent,
  type DigestInput,
  type DigestTheme,
  MAX_IMPORT_ROWS,
  type NationalReviewDigest,
  newTheme,
  type OfferInput,
  offerRow,
  type RowError,
  type RowOutcome,
} from "../../domain/digests";
import { ConflictError, NotFoundError, TakenError, ValidationError } from "../../domain/errors";
import { type Page, pageSize } from "../../domain/pagination";
import { rank, type SearchOrder } from "../../domain/search";
import type { ServiceContext } from "../context";
import { getReview } from "../reviews/reviews";
import { authed, today } from "../shared";

/** The record id of a catalogue reference: stable, so every import of a row finds its record. */
export const digestIdOf = (ref: string) =>
  `nr-${createHash("sha256").update(ref.trim().toLowerCase()).digest("hex").slice(0, 20)}`;

/** A record's content with the hash an import compares (a row imported as it is changes nothing). */
const hashed = (content: DigestContent) => ({
  ...content,
  contentHash: createHash("sha256").update(JSON.stringify(content)).digest("hex"),
});

/** §16: one catalogue record (any partnership's staff, or the catalogue's editors). */
export async function getDigest(ctx: ServiceContext, id: string): Promise<NationalReviewDigest> {
  const c = authed(ctx);
  authorize(c.principal, "digest:read");
  const d = await c.loaders.digests.load(id);
  if (!d) throw new NotFoundError("NationalReviewDigest", id);
  return d;
}

/** §16: the controlled vocabulary of themes (data its editors extend). */
export async function listThemes(ctx: ServiceContext): Promise<DigestTheme[]> {
  const c = authed(ctx);
  authorize(c.principal, "digest:read");
  const themes = await c.store.catalogue.themes();
  return themes.sort((a, b) => a.label.localeCompare(b.label));
}

/** §16: a theme added to the vocabulary by a catalogue editor. */
export async function addTheme(
  ctx: ServiceContext,
  input: { code: string; label: string },
): Promise<DigestTheme> {
  const c = authed(ctx);
  authorize(c.principal, "digest:edit");
  const existing = await c.store.catalogue.themes();
  const theme = newTheme(input, existing.length, c.principal.subject, c.now().toISOString());
  await c.store.catalogue.addTheme(theme);
  return theme;
}

/** The default vocabulary, written where it is missing (local start-up and deployments' setup). */
export async function ensureDefaultThemes(ctx: ServiceContext): Promise<void> {
  const c = authed(ctx);
  authorize(c.principal, "digest:edit");
  const have = new Set((await c.store.catalogue.themes()).map((t) => t.code));
  for (const [code, label] of DEFAULT_THEMES)
    if (!have.has(code))
      await c.store.catalogue.addTheme(
        newTheme({ code, label }, have.size, c.principal.subject, c.now().toISOString()),
      );
}

/** One row of an import: its line in the file (or position in the request) and its fields. */
export interface ImportRow {
  readonly line: number;
  readonly input: DigestInput;
}

/** What an import did. */
export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  readonly errors: RowError[];
}

const CONCURRENT_WRITES = 8;

/**
 * §16: rows of the catalogue, created or updated by their reference (a row already imported as
 * it is changes nothing; a changed row updates its record and its index entries). Every row is
 * checked; a bad row is reported by its line with the reason and the others are imported. A
 * failure to store is a fault of the service, never reported as a bad row.
 */
export async function importDigests(
  ctx: ServiceContext,
  rows: readonly ImportRow[],
): Promise<ImportReport> {
  const c = authed(ctx);
  authorize(c.principal, "digest:edit");
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ValidationError("rows", `At most ${MAX_IMPORT_ROWS} rows a request`);
  const vocabulary = new Set((await c.store.catalogue.themes()).map((t) => t.code));
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, errors: [] };
  const day = today(c);
  const seen = new Set<string>();
  const good: { line: number; id: string; content: ReturnType<typeof hashed> }[] = [];
  for (const row of rows) {
    try {
      const content = hashed(checkDigest(row.input, vocabulary, day, "row"));
      const id = digestIdOf(content.ref);
      if (seen.has(id))
        throw new ValidationError("row.ref", `The reference ${content.ref} is repeated`);
      seen.add(id);
      good.push({ line: row.line, id, content });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      report.errors.push({
        line: row.line,
        field: err.field.replace(/^row\.?/, ""),
        message: err.message,
      });
    }
  }
  const existing = await c.store.catalogue.getMany(good.map((g) => g.id));
  const at = c.now().toISOString();
  const save = async (g: (typeof good)[number]): Promise<RowOutcome> => {
    const previous = existing.get(g.id) ?? null;
    if (
      previous &&
      previous.contentHash === g.content.contentHash &&
      previous.indexedHash === previous.contentHash
    )
      return "UNCHANGED";
    const next: NationalReviewDigest = {
      ...g.content,
      id: g.id,
      indexedHash: null,
      version: previous ? previous.version + 1 : 1,
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
    };
    if (previous && previous.contentHash === next.contentHash) {
      // Same content, index unfinished: write the index only.
      await c.store.catalogue.save({ ...previous }, previous);
      return "UPDATED";
    }
    await c.store.catalogue.save(next, previous);
    return previous ? "UPDATED" : "CREATED";
  };
  for (let i = 0; i < good.length; i += CONCURRENT_WRITES) {
    const outcomes = await Promise.all(good.slice(i, i + CONCURRENT_WRITES).map(save));
    for (const o of outcomes) {
      if (o === "CREATED") report.created++;
      else if (o === "UPDATED") report.updated++;
      else report.unchanged++;
    }
  }
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}

/** A page of search results, with how many matched and whether the index was read in full. */
export interface SearchPage extends Page<NationalReviewDigest> {
  readonly totalCount: number;
  readonly complete: boolean;
}

/**
 * §16: catalogue records by words (of title, summary, learning and recommendations, by stem),
 * themes and a range of publication years, ordered by relevance or date. One Query per word or
 * theme (one in all without either) and one BatchGet of the page: requests are bounded by the
 * query's terms, not by the catalogue's size.
 */
export async function searchDigests(
  ctx: ServiceContext,
  input: SearchInput,
  order: SearchOrder,
  first?: number | null,
  after?: string | null,
): Promise<SearchPage> {
  const c = authed(ctx);
  authorize(c.principal, "digest:read");
  const size = pageSize(first);
  const offset = searchOffset(after);
  const q = parseSearch(input, today(c));
  const lists = await c.store.catalogue.postings(q);
  const wordLists = lists.slice(0, q.stems.length);
  let candidates: Map<string, { publishedOn: string; weights: number[] }> | null = null;
  lists.forEach((list, i) => {
    const next = new Map<string, { publishedOn: string; weights: number[] }>();
    for (const p of list.postings) {
      const before: { publishedOn: string; weights: number[] } | undefined = candidates
        ? candidates.get(p.digestId)
        : { publishedOn: p.publishedOn, weights: [] };
      if (!before) continue;
      next.set(p.digestId, {
        publishedOn: p.publishedOn,
        weights: i < q.stems.length ? [...before.weights, p.weight] : before.weights,
      });
    }
    candidates = next;
  });
  const hits = [...(candidates ?? new Map()).entries()].map(([digestId, h]) => ({
    digestId,
    publishedOn: h.publishedOn,
    weights: h.weights,
  }));
  const ranked = rank(
    hits,
    wordLists.map((l) => l.postings.length),
    q.stems.length ? order : "DATE",
  );
  const slice = ranked.slice(offset, offset + size);
  const found = await c.loaders.digests.loadMany(slice.map((h) => h.digestId));
  const edges = slice.flatMap((_h, i) => {
    const d = found[i];
    if (d instanceof Error) throw d;
    // A posting left by an interrupted index write: the record no longer matches.
    return d && matches(d, q) ? [{ node: d, cursor: searchCursor(offset + i + 1) }] : [];
  });
  return {
    edges,
    hasNextPage: offset + size < ranked.length,
    hasPreviousPage: offset > 0,
    endCursor: slice.length ? searchCursor(offset + slice.length) : null,
    totalCount: ranked.length,
    complete: lists.every((l) => l.complete),
  };
}

/**
 * §16, §38: the business unit offers its partnership's published SCR to the national catalogue.
 * The offer holds the public text only (title, summary, action statement, the report's address)
 * and is checked as a catalogue row now; a catalogue editor puts it in the catalogue.
 */
export async function offerReviewToCatalogue(
  ctx: ServiceContext,
  reviewId: string,
  input: OfferInput,
): Promise<CatalogueOffer> {
  const c = authed(ctx);
  authorize(c.principal, "digest:offer");
  const r = await getReview(c, reviewId);
  const p = r.publication;
  if (r.kind !== "SERIOUS_CASE_REVIEW" || r.status !== "PUBLISHED" || !p || p.withdrawnOn)
    throw new ValidationError(
      "input.reviewId",
      `§16: a published SCR is offered to the catalogue (this one is ${r.kind === "SERIOUS_CASE_REVIEW" ? r.status : r.kind})`,
    );
  const partnership = await c.store.partnerships.get(c.principal.partnershipId);
  if (!partnership) throw new NotFoundError("Partnership", c.principal.partnershipId);
  const row = offerRow(p, r, partnership, input);
  const vocabulary = new Set((await c.store.catalogue.themes()).map((t) => t.code));
  checkDigest(row, vocabulary, today(c), "input");
  const at = c.now().toISOString();
  const offer: CatalogueOffer = {
    id: `${c.principal.partnershipId}:${r.id}`,
    partnershipId: c.principal.partnershipId,
    reviewId: r.id,
    row,
    status: "OFFERED",
    offeredBy: c.principal.subject,
    offeredOn: today(c),
    acceptedBy: null,
    acceptedOn: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await c.store.catalogue.createOffer(offer);
  } catch (err) {
    if (err instanceof TakenError)
      throw new ConflictError("This review is offered to the catalogue already", "STATE");
    throw err;
  }
  return offer;
}

/** §16: the offers of every partnership, newest first, for the catalogue's editors. */
export async function listOffers(
  ctx: ServiceContext,
  first?: number | null,
  after?: string | null,
): Promise<Page<CatalogueOffer>> {
  const c = authed(ctx);
  authorize(c.principal, "digest:edit");
  return c.store.catalogue.listOffers(pageSize(first), after);
}

/**
 * §16: a catalogue editor accepts an offer: its row is imported as any other (by its reference,
 * so accepting again changes nothing) and the offer is marked accepted.
 */
export async function acceptOffer(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
): Promise<CatalogueOffer> {
  const c = authed(ctx);
  authorize(c.principal, "digest:edit");
  const offer = (await c.store.catalogue.getOffers([id])).get(id);
  if (!offer) throw new NotFoundError("CatalogueOffer", id);
  if (offer.status !== "OFFERED")
    throw new ConflictError("This offer is in the catalogue already", "STATE");
  if (offer.version !== expectedVersion)
    throw new ConflictError(
      `CatalogueOffer ${id} is at version ${offer.version}`,
      "STALE_VERSION",
      offer.version,
    );
  const report = await importDigests(c, [{ line: 1, input: offer.row }]);
  const refused = report.errors[0];
  if (refused)
    throw new ValidationError(
      "input.id",
      `The offered review does not fit the catalogue now: ${refused.message}`,
    );
  const next: CatalogueOffer = {
    ...offer,
    status: "ACCEPTED",
    acceptedBy: c.principal.subject,
    acceptedOn: today(c),
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.catalogue.saveOffer(next, expectedVersion);
  return next;
}
