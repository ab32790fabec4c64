import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { batchGet } from "../../src/data/batch";
import { decodeCursor, encodeCursor } from "../../src/data/cursor";
import { requestHash } from "../../src/data/idempotency";
import { ValidationError } from "../../src/domain/errors";

/** A DynamoDB stand-in that leaves some keys unprocessed, as DynamoDB does under load. */
function throttlingClient(unprocessedRounds: number) {
  const calls: number[] = [];
  let rounds = 0;
  const client = {
    async send(cmd: {
      input: { RequestItems: Record<string, { Keys: Record<string, string>[] }> };
    }) {
      const [table, req] = Object.entries(cmd.input.RequestItems)[0] as [
        string,
        { Keys: Record<string, string>[] },
      ];
      calls.push(req.Keys.length);
      const leave = rounds++ < unprocessedRounds ? req.Keys.slice(0, 2) : [];
      const served = req.Keys.slice(leave.length);
      return {
        Responses: { [table]: served.map((k) => ({ ...k, id: k.pk })) },
        UnprocessedKeys: leave.length ? { [table]: { Keys: leave } } : {},
      };
    },
  };
  return { client: client as unknown as DynamoDBDocumentClient, calls };
}

describe("batchGet", () => {
  it("sends at most 100 keys a call and retries unprocessed keys until all are read", async () => {
    const { client, calls } = throttlingClient(2);
    const keys = Array.from({ length: 230 }, (_, i) => ({ pk: `k${i}`, sk: "META" }));
    const items = await batchGet(client, "t", keys);
    expect(items.map((i) => i.pk).sort()).toEqual(keys.map((k) => k.pk).sort());
    expect(Math.max(...calls)).toBe(100);
    // 100 (2 left) -> 2 (2 left) -> 2, then 100 and 30.
    expect(calls).toEqual([100, 2, 2, 100, 30]);
  });
});

describe("cursors", () => {
  const key = { listPk: "T#p1#CASE", listSk: "2026#c", pk: "T#p1#CASE#c", sk: "META" };
  const attrs = ["listPk", "listSk", "pk", "sk"];

  it("round-trip a key of the list being read", () => {
    expect(decodeCursor(encodeCursor(key), "listPk", "T#p1#CASE", attrs)).toEqual(key);
  });

  it("refuse a cursor of another partition, a forged shape or garbage", () => {
    expect(() => decodeCursor(encodeCursor(key), "listPk", "T#p2#CASE", attrs)).toThrow(
      ValidationError,
    );
    expect(() =>
      decodeCursor(encodeCursor({ ...key, extra: "x" }), "listPk", "T#p1#CASE", attrs),
    ).toThrow(ValidationError);
    expect(() => decodeCursor("%%%not-base64", "listPk", "T#p1#CASE", attrs)).toThrow(
      ValidationError,
    );
  });
});

describe("idempotency request hashes", () => {
  it("are equal for equal input whatever the key order, and differ otherwise", () => {
    expect(requestHash({ a: 1, b: { c: [1, 2] } })).toBe(requestHash({ b: { c: [1, 2] }, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash({ a: [1, 2] })).not.toBe(requestHash({ a: [2, 1] }));
  });
});
