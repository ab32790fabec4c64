import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { RecordChange } from "./aggregates";

/**
 * A DynamoDB Streams record, as Lambda delivers it and as the Streams API returns it (both have
 * this shape; their attribute-value types differ only in name).
 */
export interface StreamRecordLike {
  readonly eventName?: string;
  readonly dynamodb?: {
    readonly Keys?: Record<string, unknown>;
    readonly NewImage?: Record<string, unknown>;
    readonly OldImage?: Record<string, unknown>;
    readonly SequenceNumber?: string;
  };
}

const image = (m: Record<string, unknown> | undefined) =>
  m ? (unmarshall(m as Record<string, AttributeValue>) as Record<string, unknown>) : null;

/** The change a stream record reports, or null for a record without keys or sequence number. */
export function recordChangeOf(r: StreamRecordLike): RecordChange | null {
  const keys = image(r.dynamodb?.Keys);
  const sequence = r.dynamodb?.SequenceNumber;
  if (!keys || typeof keys.pk !== "string" || typeof keys.sk !== "string" || !sequence) return null;
  return {
    key: { pk: keys.pk, sk: keys.sk },
    sequence,
    newItem: r.eventName === "REMOVE" ? null : image(r.dynamodb?.NewImage),
    oldItem: image(r.dynamodb?.OldImage),
  };
}
