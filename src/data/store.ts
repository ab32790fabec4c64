import { type DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { AccessLogRepository } from "./access-log";
import { AgencyRepository } from "./agencies";
import { CaseRepository } from "./cases";
import type { TransactItem } from "./common";
import { type CreateOutcome, createOnce, type IdempotencyClaim } from "./idempotency";
import { NotificationRepository } from "./notifications";
import { OverdueSummaryRepository } from "./overdue-summaries";
import { PartnershipRepository } from "./partnerships";
import { PersonRepository } from "./people";
import { RecommendationRepository } from "./recommendations";
import type { TableNames } from "./tables";

/** The data layer's one entry point: every DynamoDB request of the API goes through here. */
export class Store {
  readonly partnerships: PartnershipRepository;
  readonly agencies: AgencyRepository;
  readonly people: PersonRepository;
  readonly cases: CaseRepository;
  readonly accessLog: AccessLogRepository;
  readonly notifications: NotificationRepository;
  readonly recommendations: RecommendationRepository;
  readonly overdueSummaries: OverdueSummaryRepository;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tables: TableNames,
  ) {
    this.partnerships = new PartnershipRepository(doc, tables.records);
    this.agencies = new AgencyRepository(doc, tables.records);
    this.people = new PersonRepository(doc, tables.records);
    this.cases = new CaseRepository(doc, tables.records);
    this.accessLog = new AccessLogRepository(doc, tables.accessLog);
    this.notifications = new NotificationRepository(doc, tables.records);
    this.recommendations = new RecommendationRepository(doc, tables.records);
    this.overdueSummaries = new OverdueSummaryRepository(doc, tables.records);
  }

  /** Writes a new record's items atomically, at most once per idempotency key. */
  createOnce(
    claim: IdempotencyClaim | null,
    resultId: string,
    items: TransactItem[],
    now: Date,
  ): Promise<CreateOutcome> {
    return createOnce(this.doc, this.tables.records, claim, resultId, items, now);
  }

  /** Writes items in one transaction (seeding; no idempotency). */
  async transact(items: TransactItem[]): Promise<void> {
    await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
  }
}
