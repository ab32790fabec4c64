import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { CatalogueOffer, DigestTheme, NationalReviewDigest } from "../domain/digests";
import { TakenError } from "../domain/errors";
import { mapPage, type Page } from "../domain/pagination";
import { indexTerms } from "../domain/search";
import { UnavailableError } from "../shared/faults";
import { getMany } from "./batch";
import { putNew, queryPage, transact, transactVersioned, versionedPut } from "./common";
import { defineEntity, type TableKey } from "./entity";
import {
  CATALOGUE_ALL,
  CATALOGUE_OFFERS,
  CATALOGUE_THEMES,
  catalogueDigestPk,
  catalogueOfferPk,
  catalogueTermPk,
  catalogueThemePk,
  dated,
  META,
} from "./keys";

/**
 * §16: the national review catalogue, shared by every partnership of the deployment (its keys
 * carry no tenant prefix: see keys.ts), with its theme vocabulary and its search index.
 */
export const DigestEntity = defineEntity<NationalReviewDigest>()({
  type: "NATIONAL_REVIEW_DIGEST",
  attributes: {
    id: "string",
    ref: "string",
    title: "string",
    publishingArea: "string?",
    publishedOn: "string",
    ageGroup: "string?",
    pseudonym: "string?",
    summary: "string",
    keyLearning: "string",
    recommendations: "list",
    themes: "list",
    sourceUrl: "string?",
    sourceWithdrawnOn: "string?",
    sourceReviewId: "string?",
    contentHash: "string",
    indexedHash: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["id"],
  key: (k) => ({ pk: catalogueDigestPk(k.id), sk: META }),
});

/** §16: a local review offered to the catalogue (outside every tenant, like the catalogue). */
const OfferEntity = defineEntity<CatalogueOffer>()({
  type: "CATALOGUE_OFFER",
  attributes: {
    id: "string",
    partnershipId: "string",
    reviewId: "string",
    row: "map",
    status: "string",
    offeredBy: "string",
    offeredOn: "string",
    acceptedBy: "string?",
    acceptedOn: "string?",
    version: "number",
    createdAt: "string",
    updatedAt: "string",
  },
  keyFields: ["id"],
  key: (k) => ({ pk: catalogueOfferPk(k.id), sk: META }),
  indexes: {
    // The editors' list of offers, newest first.
    byPartnershipType: (o) => ({ pk: CATALOGUE_OFFERS, sk: dated(o.offeredOn, o.id) }),
  },
});

const ThemeEntity = defineEntity<DigestTheme>()({
  type: "DIGEST_THEME",
  attributes: { code: "string", label: "string", addedBy: "string", addedAt: "string" },
  keyFields: ["code"],
  key: (k) => ({ pk: CATALOGUE_THEMES, sk: k.code }),
});

/** One entry of the search index: a record holding a word stem (or a theme, or in ALL). */
interface Posting {
  /** The index partition: a word stem's, a theme's, or the one of every record. */
  readonly list: string;
  readonly digestId: string;
  readonly publishedOn: string;
  /** How much the record weighs for the stem (1 for themes and ALL). */
  readonly weight: number;
}

const PostingEntity = defineEntity<Posting>()({
  type: "POSTING",
  attributes: { list: "string", digestId: "string", publishedOn: "string", weight: "number" },
  keyFields: ["list", "digestId", "publishedOn"],
  key: (k) => ({ pk: k.list, sk: dated(k.publishedOn, k.digestId) }),
});

/** The postings a record has in the index. */
function postingsOf(d: NationalReviewDigest): Posting[] {
  const base = { digestId: d.id, publishedOn: d.publishedOn };
  const terms = indexTerms({
    title: d.title,
    summary: d.summary,
    keyLearning: d.keyLearning,
    recommendations: d.recommendations.join("\n"),
  });
  return [
    { ...base, list: CATALOGUE_ALL, weight: 1 },
    ...d.themes.map((t) => ({ ...base, list: catalogueThemePk(t), weight: 1 })),
    ...[...terms].map(([stem, weight]) => ({ ...base, list: catalogueTermPk(stem), weight })),
  ];
}

/** What a search reads from the index: each term's postings (a term is a stem or a theme). */
export interface IndexQuery {
  readonly stems: readonly string[];
  readonly themes: readonly string[];
  /** Inclusive publication dates. */
  readonly from: string;
  readonly to: string;
}

/** The postings of one term, newest first: the record, its date and its weight for the term. */
export interface TermPostings {
  readonly postings: readonly { digestId: string; publishedOn: string; weight: number }[];
  /** False when the term held more than one read returns (the oldest were not read). */
  readonly complete: boolean;
}

const MAX_BATCH_WRITE = 25;
const MAX_ATTEMPTS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CatalogueRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Catalogue records by id (BatchGet). */
  getMany(ids: readonly string[]): Promise<Map<string, NationalReviewDigest>> {
    return getMany(
      this.doc,
      this.table,
      DigestEntity,
      ids.map((id) => ({ id })),
      (d) => d.id,
    );
  }

  /** A review's offer to the catalogue; a second offer of it is a TakenError. */
  async createOffer(offer: CatalogueOffer): Promise<void> {
    try {
      await transact(this.doc, [putNew(this.table, OfferEntity.item(offer))]);
    } catch (err) {
      if ((err as Error).name === "TransactionCanceledException")
        throw new TakenError("offer", "This review is offered to the catalogue already");
      throw err;
    }
  }

  getOffers(ids: readonly string[]): Promise<Map<string, CatalogueOffer>> {
    return getMany(
      this.doc,
      this.table,
      OfferEntity,
      ids.map((id) => ({ id })),
      (o) => o.id,
    );
  }

  /** Every partnership's offers, newest first (catalogue editors). */
  async listOffers(first: number, after?: string | null): Promise<Page<CatalogueOffer>> {
    const page = await queryPage(this.doc, {
      table: this.table,
      index: "byPartnershipType",
      partition: CATALOGUE_OFFERS,
      first,
      after,
      newestFirst: true,
    });
    return mapPage(page, (i) => OfferEntity.fromItem(i));
  }

  /** Saves an offer read at `expectedVersion`. */
  async saveOffer(next: CatalogueOffer, expectedVersion: number): Promise<void> {
    await transactVersioned(
      this.doc,
      [versionedPut(this.table, OfferEntity.item(next), expectedVersion)],
      { name: "CatalogueOffer", id: next.id },
      expectedVersion,
    );
  }

  /** The whole theme vocabulary (bounded: at most MAX_THEMES small items, one Query). */
  async themes(): Promise<DigestTheme[]> {
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "pk = :p",
        ExpressionAttributeValues: { ":p": CATALOGUE_THEMES },
      }),
    );
    return (res.Items ?? []).map((i) => ThemeEntity.fromItem(i));
  }

  /** Adds a theme to the vocabulary; a code already there is refused. */
  async addTheme(theme: DigestTheme): Promise<void> {
    try {
      await transact(this.doc, [putNew(this.table, ThemeEntity.item(theme))]);
    } catch (err) {
      if ((err as Error).name === "TransactionCanceledException")
        throw new TakenError("code", `The vocabulary already has the theme ${theme.code}`);
      throw err;
    }
  }

  /**
   * Writes a record (new, or replacing `previous` at its version) and then its postings: the
   * index entries it gains are put and those it lost deleted (BatchWriteItem, 25 a call), and the
   * record is marked indexed for its content. A failure between leaves the record unmarked, and
   * the next import of the row writes the index again; searches check every result against its
   * record, so a stale posting never returns a record that does not match.
   */
  async save(next: NationalReviewDigest, previous: NationalReviewDigest | null): Promise<void> {
    const item = DigestEntity.item({ ...next, indexedHash: previous?.indexedHash ?? null });
    if (previous && previous.contentHash !== next.contentHash)
      await transactVersioned(
        this.doc,
        [versionedPut(this.table, item, previous.version)],
        { name: "NationalReviewDigest", id: next.id },
        previous.version,
      );
    else if (!previous) await transact(this.doc, [putNew(this.table, item)]);
    const keyOf = (p: Posting) => PostingEntity.key(p);
    const id = (k: TableKey) => `${k.pk}|${k.sk}`;
    const before = previous ? postingsOf(previous) : [];
    const after = postingsOf(next);
    const kept = new Map(before.map((p) => [id(keyOf(p)), p.weight]));
    const puts = after.filter((p) => kept.get(id(keyOf(p))) !== p.weight);
    const afterIds = new Set(after.map((p) => id(keyOf(p))));
    const deletes = before.map(keyOf).filter((k) => !afterIds.has(id(k)));
    // A record whose index was never finished is indexed again in full.
    const toPut = previous && previous.indexedHash === previous.contentHash ? puts : after;
    await this.batchWrite([
      ...toPut.map((p) => ({ PutRequest: { Item: PostingEntity.item(p) } })),
      ...deletes.map((k) => ({ DeleteRequest: { Key: { ...k } } })),
    ]);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { ...DigestEntity.key(next) },
          UpdateExpression: "SET indexedHash = :h",
          ConditionExpression: "contentHash = :h",
          ExpressionAttributeValues: { ":h": next.contentHash },
        }),
      );
    } catch (err) {
      // Changed again meanwhile: that write indexes its own content.
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  private async batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < requests.length; i += MAX_BATCH_WRITE) {
      let pending = requests.slice(i, i + MAX_BATCH_WRITE);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= MAX_ATTEMPTS)
          throw new UnavailableError(`BatchWriteItem left ${pending.length} writes unprocessed`);
        if (attempt > 0) await sleep(Math.random() * 25 * 2 ** attempt);
        const res = await this.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.table]: pending } }),
        );
        pending = (res.UnprocessedItems?.[this.table] ?? []) as Record<string, unknown>[];
      }
    }
  }

  /**
   * The postings of every term of a search (stems, then themes; ALL when there are none), each
   * read by one Query of its partition in the date range, newest first: as many requests as the
   * query has terms, whatever the catalogue's size. A term holding more than one response's
   * worth (1 MB, some 8,000 records) is read to that point only (`complete: false`).
   */
  async postings(q: IndexQuery): Promise<TermPostings[]> {
    const lists = [...q.stems.map(catalogueTermPk), ...q.themes.map(catalogueThemePk)];
    if (lists.length === 0) lists.push(CATALOGUE_ALL);
    return Promise.all(
      lists.map(async (list) => {
        const res = await this.doc.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: "pk = :p AND sk BETWEEN :from AND :to",
            ExpressionAttributeValues: { ":p": list, ":from": q.from, ":to": `${q.to}#~` },
            ProjectionExpression: "digestId, publishedOn, weight",
            ScanIndexForward: false,
          }),
        );
        return {
          postings: (res.Items ?? []).map((i) => ({
            digestId: String(i.digestId),
            publishedOn: String(i.publishedOn),
            weight: Number(i.weight),
          })),
          complete: !res.LastEvaluatedKey,
        };
      }),
    );
  }
}
