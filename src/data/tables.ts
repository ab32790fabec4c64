import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * Table and index definitions. `serverless.yml` declares the same tables for AWS; a test reads
 * the packaged CloudFormation template and fails if the two drift apart.
 * Access patterns are documented in docs/data-model.md.
 */
export interface TableNames {
  readonly records: string;
  readonly accessLog: string;
  /** The board dashboard's counters and their ledger (src/data/aggregates.ts). */
  readonly aggregates: string;
}

/** Table names come from the environment (set by serverless.yml per stage). */
export function tableNamesFromEnv(env: NodeJS.ProcessEnv = process.env): TableNames {
  return {
    records: env.RECORDS_TABLE ?? "lif-local-records",
    accessLog: env.ACCESS_LOG_TABLE ?? "lif-local-access-log",
    aggregates: env.AGGREGATES_TABLE ?? "lif-local-aggregates",
  };
}

/**
 * The records table's indexes, named after the access pattern each serves, with the attributes
 * that hold their keys. Entities say which of them a record appears on (src/data/entity.ts).
 */
export const RECORD_INDEXES = {
  /** Records of one type in a partnership: `listPk = T#<p>#<Type>`. */
  byPartnershipType: { pk: "listPk", sk: "listSk" },
  /** Records of one type linked to an agency: `agencyPk = T#<p>#AGENCY#<a>#<Type>`. */
  byAgency: { pk: "agencyPk", sk: "agencySk" },
  /** Records of one type in one status: `statusPk = T#<p>#<Type>#STATUS#<status>`. */
  byStatus: { pk: "statusPk", sk: "statusSk" },
  /** Records of one type of one kind (a notification's category): `kindPk = T#<p>#<Type>#KIND#<k>`. */
  byKind: { pk: "kindPk", sk: "kindSk" },
  /** Records with an open deadline, by due date: `duePk = T#<p>#<Type>#DUE`, `dueSk = <date>#<id>`. */
  byDueDate: { pk: "duePk", sk: "dueSk" },
  /** Recommendations whose learning is to be revisited, by date (§36). */
  byRevisitDate: { pk: "revisitPk", sk: "revisitSk" },
} as const;
export type RecordIndex = keyof typeof RECORD_INDEXES;

/** The access log's index: entries by the person who read, `subjectPk = T#<p>#SUBJECT#<s>`. */
export const ACCESS_LOG_INDEXES = {
  accessBySubject: { pk: "subjectPk", sk: "sk" },
} as const;
export type AccessLogIndex = keyof typeof ACCESS_LOG_INDEXES;

export type IndexName = RecordIndex | AccessLogIndex;

/** The attributes holding an index's keys (or the table's own for `undefined`). */
export function indexAttributes(index: IndexName | undefined): { pk: string; sk: string } {
  if (index === undefined) return { pk: "pk", sk: "sk" };
  return index in RECORD_INDEXES
    ? RECORD_INDEXES[index as RecordIndex]
    : ACCESS_LOG_INDEXES[index as AccessLogIndex];
}

/** The attribute DynamoDB's TTL deletes expired idempotency records by. */
export const TTL_ATTRIBUTE = "expiresAt";

const S = "S" as const;

function gsi(name: string, attrs: { pk: string; sk: string }) {
  return {
    IndexName: name,
    KeySchema: [
      { AttributeName: attrs.pk, KeyType: "HASH" as const },
      { AttributeName: attrs.sk, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: "ALL" as const },
  };
}

function attributeDefinitions(indexes: Record<string, { pk: string; sk: string }>) {
  const names = new Set(["pk", "sk", ...Object.values(indexes).flatMap((i) => [i.pk, i.sk])]);
  return [...names].map((AttributeName) => ({ AttributeName, AttributeType: S }));
}

/** The records table's stream: new and old images (the aggregator reads both). */
export const RECORDS_STREAM = {
  StreamEnabled: true,
  StreamViewType: "NEW_AND_OLD_IMAGES",
} as const;

/** CreateTable inputs for the tables (DynamoDB Local and tests; AWS uses serverless.yml). */
export function tableDefinitions(
  names: TableNames,
  options: { readonly stream?: boolean } = {},
): CreateTableCommandInput[] {
  const table = (
    TableName: string,
    indexes: Record<string, { pk: string; sk: string }>,
  ): CreateTableCommandInput => ({
    TableName,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    AttributeDefinitions: attributeDefinitions(indexes),
    ...(Object.keys(indexes).length
      ? { GlobalSecondaryIndexes: Object.entries(indexes).map(([name, attrs]) => gsi(name, attrs)) }
      : {}),
  });
  return [
    // The records' stream feeds the dashboard's aggregator (src/handlers/aggregator.ts).
    options.stream === false
      ? table(names.records, RECORD_INDEXES)
      : { ...table(names.records, RECORD_INDEXES), StreamSpecification: RECORDS_STREAM },
    table(names.accessLog, ACCESS_LOG_INDEXES),
    table(names.aggregates, {}),
  ];
}
