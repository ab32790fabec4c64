import { DescribeTableCommand, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  bucketKey,
  type Contribution,
  type Counters,
  contributionDelta,
  contributionOf,
  type DashboardSource,
  parseBucketKey,
} from "../domain/dashboard";
import { ExerciseEntity, MeetingEntity } from "./audits";
import { batchGet } from "./batch";
import { ContributionEntity } from "./contributions";
import { ChallengeSessionEntity, DigestLocalEntity } from "./digest-work";
import type { TableKey } from "./entity";
import { ReportEntity } from "./near-misses";
import { NotificationEntity, ReviewDecisionEntity } from "./notifications";
import { ActionEntity, RecommendationEntity } from "./recommendations";
import { ReviewEntity } from "./reviews";

/**
 * The board dashboard's aggregates (§37): counters per partnership, scope and month, kept in a
 * table of their own from the records table's stream. Exact and idempotent: beside the counters,
 * a ledger item per source record holds the contribution last added for it and the stream
 * sequence number it came from, and one transaction moves the counters by the difference and
 * advances the ledger, on condition that the ledger is still what was read. A record seen again
 * (a replayed batch, a second poller) finds its ledger at that sequence number and adds nothing;
 * an older image arriving late is ignored the same way.
 */

type Item = Record<string, unknown>;

/** One change of the records table, as a stream reports it (images unmarshalled). */
export interface RecordChange {
  readonly key: TableKey;
  /** The stream record's sequence number (digits; later changes of an item have larger ones). */
  readonly sequence: string;
  /** The item after the change; null when it was deleted. */
  readonly newItem: Item | null;
  /** The item before the change, when the stream carries it. */
  readonly oldItem: Item | null;
}

export type ApplyOutcome = "APPLIED" | "ALREADY_APPLIED" | "NOT_COUNTED" | "UNCOUNTED";

/** The counter of records a month's counters could not take, in an item of its own per month. */
export const UNCOUNTED = "uncounted";
const UNCOUNTED_SUFFIX = "#uncounted";

/** Whether a write failed on DynamoDB's item size limit (a bucket that cannot grow more). */
function isItemTooLarge(err: unknown): boolean {
  return (
    err instanceof TransactionCanceledException &&
    (err.CancellationReasons ?? []).some(
      (r) => r.Code === "ValidationError" || /size/i.test(r.Message ?? ""),
    )
  );
}

/** -1 for each bucket a record was uncounted in, +1 for each it is uncounted in now. */
function uncountedDelta(before: readonly string[], after: readonly string[]): [string, number][] {
  const d = new Map<string, number>();
  for (const k of before) d.set(k, (d.get(k) ?? 0) - 1);
  for (const k of after) d.set(k, (d.get(k) ?? 0) + 1);
  return [...d.entries()].filter(([, n]) => n !== 0);
}

/** The item types that count on the dashboard. */
const SOURCE_TYPES = new Set([
  NotificationEntity.type,
  ReviewDecisionEntity.type,
  ReviewEntity.type,
  ContributionEntity.type,
  RecommendationEntity.type,
  ActionEntity.type,
  MeetingEntity.type,
  ExerciseEntity.type,
  ReportEntity.type,
  DigestLocalEntity.type,
  ChallengeSessionEntity.type,
]);

const isSourceItem = (item: Item | null) =>
  !!item && typeof item.type === "string" && SOURCE_TYPES.has(item.type);

/** Sequence numbers compare as numbers: padded to one width, they compare as text too. */
const padSequence = (s: string) => s.padStart(48, "0");

const bucketPk = (partnershipId: string, scope: string) => `T#${partnershipId}#DASH#${scope}`;
const ledgerPk = (source: TableKey) => `LEDGER#${source.pk}`;
const BUCKET_FIELDS = new Set(["pk", "sk", "type", "partnershipId", "scope", "month"]);
const isCounter = (name: string) => !BUCKET_FIELDS.has(name);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MAX_ATTEMPTS = 8;

export interface StoredBucket {
  readonly partnershipId: string;
  readonly scope: string;
  readonly month: string;
  readonly counters: Counters;
}

export class AggregateRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly recordsTable: string,
    private readonly table: string,
  ) {}

  /** The dashboard source an item is, or null when the item does not count. */
  async sourceOf(item: Item): Promise<{ partnershipId: string; source: DashboardSource } | null> {
    switch (item.type) {
      case NotificationEntity.type: {
        const record = NotificationEntity.fromItem(item);
        return { partnershipId: record.partnershipId, source: { kind: "NOTIFICATION", record } };
      }
      case ReviewDecisionEntity.type: {
        const record = ReviewDecisionEntity.fromItem(item);
        if (!record.decision) return null;
        const res = await this.doc.send(
          new GetCommand({
            TableName: this.recordsTable,
            Key: NotificationEntity.key({
              partnershipId: record.partnershipId,
              id: record.notificationId,
            }),
            ConsistentRead: true,
          }),
        );
        const notification = res.Item ? NotificationEntity.fromItem(res.Item) : null;
        return {
          partnershipId: record.partnershipId,
          source: { kind: "DECISION", record, notification },
        };
      }
      case ReviewEntity.type: {
        const record = ReviewEntity.fromItem(item);
        return { partnershipId: record.partnershipId, source: { kind: "REVIEW", record } };
      }
      case ContributionEntity.type: {
        const record = ContributionEntity.fromItem(item);
        return { partnershipId: record.partnershipId, source: { kind: "CONTRIBUTION", record } };
      }
      case RecommendationEntity.type: {
        const record = RecommendationEntity.fromItem(item);
        return { partnershipId: record.partnershipId, source: { kind: "RECOMMENDATION", record } };
      }
      case ActionEntity.type: {
        const record = ActionEntity.fromItem(item);
        return { partnershipId: record.partnershipId, source: { kind: "ACTION", record } };
      }
      case MeetingEntity.type: {
        const record = MeetingEntity.fromItem(item);
        return { partnershipId: record.partnershipId, source: { kind: "AUDIT_MEETING", record } };
      }
      case ExerciseEntity.type: {
        const record = ExerciseEntity.fromItem(item);
        return { partnershipId: record.partnershipId, source: { kind: "AUDIT_EXERCISE", record } };
      }
      case ReportEntity.type: {
        const record = ReportEntity.fromItem(item);
        return { partnershipId: record.partnershipId, source: { kind: "REPORT", record } };
      }
      case DigestLocalEntity.type: {
        const record = DigestLocalEntity.fromItem(item);
        return { partnershipId: record.partnershipId, source: { kind: "DIGEST_LOCAL", record } };
      }
      case ChallengeSessionEntity.type: {
        const record = ChallengeSessionEntity.fromItem(item);
        return { partnershipId: record.partnershipId, source: { kind: "CHALLENGE", record } };
      }
      default:
        return null;
    }
  }

  /** What an item contributes now, with its partnership (null: nothing). */
  async contributionOfItem(
    item: Item | null,
  ): Promise<{ partnershipId: string; contribution: Contribution } | null> {
    if (!item || !isSourceItem(item)) return null;
    const s = await this.sourceOf(item);
    return s ? { partnershipId: s.partnershipId, contribution: contributionOf(s.source) } : null;
  }

  /**
   * Adds one change to the counters, exactly once: see the file's comment. Safe to call again
   * with the same change, and concurrently with another caller applying it.
   */
  async apply(change: RecordChange): Promise<ApplyOutcome> {
    if (!isSourceItem(change.newItem) && !isSourceItem(change.oldItem)) return "NOT_COUNTED";
    const sequence = padSequence(change.sequence);
    const now = await this.contributionOfItem(change.newItem);
    const ledgerKey = { pk: ledgerPk(change.key), sk: change.key.sk };
    for (let attempt = 0; ; attempt++) {
      const res = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: ledgerKey, ConsistentRead: true }),
      );
      const ledger = res.Item;
      if (ledger && String(ledger.seq) >= sequence) return "ALREADY_APPLIED";
      const before: Contribution = ledger ? JSON.parse(String(ledger.contribution)) : {};
      const uncountedBefore: string[] = ledger?.uncounted
        ? JSON.parse(String(ledger.uncounted))
        : [];
      const after: Contribution = now?.contribution ?? {};
      const partnershipId = now?.partnershipId ?? (ledger?.partnershipId as string | undefined);
      if (!ledger && Object.keys(after).length === 0) return "NOT_COUNTED";
      if (!partnershipId) return "NOT_COUNTED";
      const write = (counted: Contribution, uncounted: string[]) =>
        this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.table,
                  Item: {
                    ...ledgerKey,
                    type: "DASHBOARD_LEDGER",
                    partnershipId,
                    seq: sequence,
                    contribution: JSON.stringify(counted),
                    ...(uncounted.length ? { uncounted: JSON.stringify(uncounted) } : {}),
                  },
                  ConditionExpression: ledger ? "seq = :read" : "attribute_not_exists(pk)",
                  ...(ledger ? { ExpressionAttributeValues: { ":read": ledger.seq } } : {}),
                },
              },
              ...Object.entries(contributionDelta(before, counted)).map(([key, counters]) =>
                this.addTo(partnershipId, key, counters),
              ),
              ...uncountedDelta(uncountedBefore, uncounted).map(([key, n]) =>
                this.addTo(partnershipId, key, { [UNCOUNTED]: n }, UNCOUNTED_SUFFIX),
              ),
            ],
          }),
        );
      try {
        await write(after, []);
        return "APPLIED";
      } catch (err) {
        if (isItemTooLarge(err)) {
          // A month's counters at DynamoDB's item size limit: the record's old counters are
          // taken away and it is counted as uncounted in its months (the dashboard says how
          // many), so that the stream goes on and no figure is silently wrong.
          try {
            await write({}, Object.keys(after));
            return "UNCOUNTED";
          } catch (again) {
            if (!(again instanceof TransactionCanceledException) || attempt >= MAX_ATTEMPTS)
              throw again;
          }
        } else if (!(err instanceof TransactionCanceledException) || attempt >= MAX_ATTEMPTS)
          // The ledger moved under us (another applier) or a concurrent transaction touched
          // the same counters: read again and retry; the ledger decides what is left to add.
          throw err;
        await sleep(Math.random() * 20 * 2 ** Math.min(attempt, 5));
      }
    }
  }

  private addTo(partnershipId: string, key: string, counters: Counters, suffix = "") {
    const { scope, month } = parseBucketKey(key);
    const names: Record<string, string> = {
      "#t": "type",
      "#p": "partnershipId",
      "#s": "scope",
      "#m": "month",
    };
    const values: Record<string, unknown> = {
      ":t": "DASHBOARD_BUCKET",
      ":p": partnershipId,
      ":s": scope,
      ":m": month,
    };
    const adds = Object.entries(counters).map(([name, n], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = n;
      return `#c${i} :c${i}`;
    });
    return {
      Update: {
        TableName: this.table,
        Key: { pk: bucketPk(partnershipId, scope), sk: `${month}${suffix}` },
        UpdateExpression: `SET #t = :t, #p = :p, #s = :s, #m = :m ADD ${adds.join(", ")}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /**
   * The counters of some scopes and months of one partnership, keyed by `bucketKey(scope,
   * month)`: one BatchGetItem for up to 100 buckets, whatever the number of records counted.
   */
  async readBuckets(
    partnershipId: string,
    scopes: readonly string[],
    months: readonly string[],
  ): Promise<Map<string, Counters>> {
    const keys = scopes.flatMap((scope) =>
      months.flatMap((m) => [
        { pk: bucketPk(partnershipId, scope), sk: m },
        { pk: bucketPk(partnershipId, scope), sk: `${m}${UNCOUNTED_SUFFIX}` },
      ]),
    );
    const items = await batchGet(this.doc, this.table, keys);
    const out = new Map<string, Record<string, number>>();
    for (const item of items) {
      const key = bucketKey(String(item.scope), String(item.month));
      out.set(key, { ...out.get(key), ...countersOf(item) });
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Rebuilding from the source records (`npm run aggregates:rebuild`; never on a request path).

  /** The records table's item count as DynamoDB last reported it (approximate: for progress). */
  async approximateRecordCount(): Promise<number> {
    const res = await this.doc.send(new DescribeTableCommand({ TableName: this.recordsTable }));
    return res.Table?.ItemCount ?? 0;
  }

  /** Every item of the records table, page by page (a Scan: for the offline rebuild only). */
  async *scanRecords(): AsyncGenerator<Item[]> {
    yield* this.scan(this.recordsTable);
  }

  /** Every bucket and ledger item, page by page (the offline rebuild only). */
  async *scanAggregates(): AsyncGenerator<Item[]> {
    yield* this.scan(this.table);
  }

  private async *scan(table: string): AsyncGenerator<Item[]> {
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.doc.send(
        new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
      );
      yield (res.Items ?? []) as Item[];
      start = res.LastEvaluatedKey;
    } while (start);
  }

  /** Clears a month's count of uncounted records (once the rebuild has counted them all). */
  async clearUncounted(partnershipId: string, scope: string, month: string): Promise<void> {
    await this.doc.send(
      new DeleteCommand({
        TableName: this.table,
        Key: { pk: bucketPk(partnershipId, scope), sk: `${month}${UNCOUNTED_SUFFIX}` },
      }),
    );
  }

  /** Overwrites a bucket with the counters given (the rebuild's correction). */
  async putBucket(b: StoredBucket): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: bucketPk(b.partnershipId, b.scope),
          sk: b.month,
          type: "DASHBOARD_BUCKET",
          partnershipId: b.partnershipId,
          scope: b.scope,
          month: b.month,
          ...b.counters,
        },
      }),
    );
  }

  /**
   * Sets a source record's ledger to what it contributes now, keeping the sequence number the
   * stream last applied (so that the stream's next change of it moves the counters from here).
   */
  async putLedger(
    source: TableKey,
    partnershipId: string,
    contribution: Contribution,
    seq: string | null,
  ) {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: ledgerPk(source),
          sk: source.sk,
          type: "DASHBOARD_LEDGER",
          partnershipId,
          seq: seq ?? padSequence("0"),
          contribution: JSON.stringify(contribution),
        },
      }),
    );
  }
}

/** A stored bucket's counters (its other attributes left out). */
export function countersOf(item: Item): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, v] of Object.entries(item))
    if (isCounter(name) && typeof v === "number") out[name] = v;
  return out;
}

/** What a stored aggregate item is: a bucket, or a ledger (with the source key it stands for). */
export function describeAggregateItem(item: Item):
  | { kind: "BUCKET"; bucket: StoredBucket }
  | { kind: "UNCOUNTED"; bucket: StoredBucket }
  | {
      kind: "LEDGER";
      source: TableKey;
      partnershipId: string;
      seq: string;
      contribution: Contribution;
    }
  | null {
  if (item.type === "DASHBOARD_BUCKET")
    return {
      kind: String(item.sk).endsWith(UNCOUNTED_SUFFIX) ? "UNCOUNTED" : "BUCKET",
      bucket: {
        partnershipId: String(item.partnershipId),
        scope: String(item.scope),
        month: String(item.month),
        counters: countersOf(item),
      },
    };
  if (item.type === "DASHBOARD_LEDGER")
    return {
      kind: "LEDGER",
      source: { pk: String(item.pk).slice("LEDGER#".length), sk: String(item.sk) },
      partnershipId: String(item.partnershipId),
      seq: String(item.seq),
      contribution: JSON.parse(String(item.contribution)),
    };
  return null;
}
