import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
} from "@aws-sdk/client-dynamodb-streams";
import type { Store } from "../data/store";
import { processStreamBatch } from "../handlers/aggregator";
import { log } from "../shared/logger";

/**
 * What Lambda's event source mapping does in AWS, for DynamoDB Local: reads the records table's
 * stream shard by shard (parents before children, from the oldest record kept) and hands each
 * batch to the same aggregator handler code (src/handlers/aggregator.ts). A batch that fails is
 * read again from the record that failed, as Lambda retries it.
 */
export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly tables: DynamoDBClient;
  /** Per shard: where to read next (an iterator), or `done` once a closed shard is read out. */
  private readonly shards = new Map<
    string,
    { iterator: string | null; done: boolean; last: string | null }
  >();
  private streamArn: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  /** Records handed to the aggregator so far. */
  processed = 0;

  constructor(
    endpoint: string,
    private readonly table: string,
    private readonly store: Store,
    private readonly intervalMs = 500,
  ) {
    const config = {
      endpoint,
      region: process.env.AWS_REGION ?? "eu-west-2",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    };
    this.streams = new DynamoDBStreamsClient(config);
    this.tables = new DynamoDBClient(config);
  }

  /** Polls every `intervalMs` until stopped. */
  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.poll()
        .catch((err) => log("warn", "stream poll failed", { errorMessage: (err as Error).message }))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    this.streams.destroy();
    this.tables.destroy();
  }

  /** Reads until a whole pass over the shards finds nothing new: the aggregates are caught up. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.poll();
      total += n;
      if (n === 0) return total;
    }
  }

  /** One pass over every shard (one at a time: never two passes at once). */
  poll(): Promise<number> {
    const previous = this.running ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => this.pass());
    this.running = next;
    return next;
  }

  private async pass(): Promise<number> {
    if (!this.streamArn) {
      const t = await this.tables.send(new DescribeTableCommand({ TableName: this.table }));
      this.streamArn = t.Table?.LatestStreamArn ?? null;
      if (!this.streamArn) throw new Error(`${this.table} has no stream`);
    }
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const res = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(res.StreamDescription?.Shards ?? []));
      start = res.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    let count = 0;
    for (const shard of shards) {
      const id = shard.ShardId as string;
      const parent = shard.ParentShardId ? this.shards.get(shard.ParentShardId) : undefined;
      // A child shard's records follow its parent's: read it once the parent is read out.
      if (
        shard.ParentShardId &&
        shards.some((s) => s.ShardId === shard.ParentShardId) &&
        !parent?.done
      )
        continue;
      count += await this.readShard(id);
    }
    return count;
  }

  private async readShard(id: string): Promise<number> {
    let state = this.shards.get(id);
    if (!state) {
      state = { iterator: null, done: false, last: null };
      this.shards.set(id, state);
    }
    if (state.done) return 0;
    let count = 0;
    for (;;) {
      if (!state.iterator) {
        const it = await this.streams.send(
          new GetShardIteratorCommand({
            StreamArn: this.streamArn as string,
            ShardId: id,
            ...(state.last
              ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: state.last }
              : { ShardIteratorType: "TRIM_HORIZON" }),
          }),
        );
        state.iterator = it.ShardIterator ?? null;
        if (!state.iterator) {
          state.done = true;
          return count;
        }
      }
      const res = await this.streams.send(
        new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 100 }),
      );
      const records = res.Records ?? [];
      if (records.length > 0) {
        const out = await processStreamBatch(this.store, { Records: records as never });
        const failed = out.batchItemFailures[0]?.itemIdentifier;
        if (failed) {
          // Read again from the failed record on the next pass, as Lambda retries.
          const i = records.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
          state.last =
            i > 0 ? (records[i - 1]?.dynamodb?.SequenceNumber ?? state.last) : state.last;
          state.iterator = null;
          this.processed += Math.max(0, i);
          return count + Math.max(0, i);
        }
        state.last = records[records.length - 1]?.dynamodb?.SequenceNumber ?? state.last;
        this.processed += records.length;
        count += records.length;
      }
      state.iterator = res.NextShardIterator ?? null;
      if (!state.iterator) {
        state.done = true;
        return count;
      }
      if (records.length === 0) return count;
    }
  }
}
