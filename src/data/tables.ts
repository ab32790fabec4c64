import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * Table and index definitions. `serverless.yml` declares the same tables for AWS; a test reads
 * the packaged CloudFormation template and fails if the two drift apart.
 * Access patterns are documented in docs/data-model.md.
 */
export interface TableNames {
  readonly records: string;
  readonly accessLog: string;
}

/** Table names come from the environment (set by serverless.yml per stage). */
export function tableNamesFromEnv(env: NodeJS.ProcessEnv = process.env): TableNames {
  return {
    records: env.RECORDS_TABLE ?? "lif-local-records",
    accessLog: env.ACCESS_LOG_TABLE ?? "lif-local-access-log",
  };
}

/** Index names, after the access pattern each serves. */
export const INDEX = {
  /** Records of one type in a partnership, oldest first: `listPk = T#<p>#<Type>`. */
  byPartnershipType: "byPartnershipType",
  /** Records of one type linked to an agency: `agencyPk = T#<p>#AGENCY#<a>#<Type>`. */
  byAgency: "byAgency",
  /** Records of one type in one status: `statusPk = T#<p>#<Type>#STATUS#<status>`. */
  byStatus: "byStatus",
  /** Records of one type of one kind (a notification's category): `kindPk = T#<p>#<Type>#KIND#<k>`. */
  byKind: "byKind",
  /** Records with an open deadline, by due date: `duePk = T#<p>#<Type>#DUE`, `dueSk = <date>#<id>`. */
  byDueDate: "byDueDate",
  /** Recommendations whose learning is to be revisited, by date: `revisitPk = T#<p>#RECOMMENDATION#REVISIT`. */
  byRevisitDate: "byRevisitDate",
  /** Access log entries by the person who read: `subjectPk = T#<p>#SUBJECT#<s>`. */
  accessBySubject: "accessBySubject",
} as const;

const S = "S" as const;

/** CreateTable inputs for both tables (DynamoDB Local and tests; AWS uses serverless.yml). */
export function tableDefinitions(names: TableNames): CreateTableCommandInput[] {
  return [
    {
      TableName: names.records,
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: S },
        { AttributeName: "sk", AttributeType: S },
        { AttributeName: "listPk", AttributeType: S },
        { AttributeName: "listSk", AttributeType: S },
        { AttributeName: "agencyPk", AttributeType: S },
        { AttributeName: "agencySk", AttributeType: S },
        { AttributeName: "statusPk", AttributeType: S },
        { AttributeName: "statusSk", AttributeType: S },
        { AttributeName: "kindPk", AttributeType: S },
        { AttributeName: "kindSk", AttributeType: S },
        { AttributeName: "duePk", AttributeType: S },
        { AttributeName: "dueSk", AttributeType: S },
        { AttributeName: "revisitPk", AttributeType: S },
        { AttributeName: "revisitSk", AttributeType: S },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: INDEX.byPartnershipType,
          KeySchema: [
            { AttributeName: "listPk", KeyType: "HASH" },
            { AttributeName: "listSk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
        {
          IndexName: INDEX.byAgency,
          KeySchema: [
            { AttributeName: "agencyPk", KeyType: "HASH" },
            { AttributeName: "agencySk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
        ...(["byStatus", "byKind", "byDueDate", "byRevisitDate"] as const).map((name) => {
          const prefix = {
            byStatus: "status",
            byKind: "kind",
            byDueDate: "due",
            byRevisitDate: "revisit",
          }[name];
          return {
            IndexName: INDEX[name],
            KeySchema: [
              { AttributeName: `${prefix}Pk`, KeyType: "HASH" as const },
              { AttributeName: `${prefix}Sk`, KeyType: "RANGE" as const },
            ],
            Projection: { ProjectionType: "ALL" as const },
          };
        }),
      ],
    },
    {
      TableName: names.accessLog,
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: S },
        { AttributeName: "sk", AttributeType: S },
        { AttributeName: "subjectPk", AttributeType: S },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: INDEX.accessBySubject,
          KeySchema: [
            { AttributeName: "subjectPk", KeyType: "HASH" },
            { AttributeName: "sk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    },
  ];
}

/** The attribute DynamoDB's TTL deletes expired idempotency records by. */
export const TTL_ATTRIBUTE = "expiresAt";
