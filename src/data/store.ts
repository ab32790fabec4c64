import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { AccessLogRepository } from "./access-log";
import { AgencyRepository } from "./agencies";
import { CaseRepository } from "./cases";
import { ContributionRepository } from "./contributions";
import { NotificationRepository } from "./notifications";
import { OverdueSummaryRepository } from "./overdue-summaries";
import { PartnershipRepository } from "./partnerships";
import { PersonRepository } from "./people";
import { RecommendationRepository } from "./recommendations";
import { ReviewerRepository } from "./reviewers";
import { ReviewRepository } from "./reviews";
import type { TableNames } from "./tables";

/**
 * The data layer's one entry point: a repository per item collection, each with intent-level
 * methods. Every DynamoDB request of the API goes through here.
 */
export class Store {
  readonly partnerships: PartnershipRepository;
  readonly agencies: AgencyRepository;
  readonly people: PersonRepository;
  readonly cases: CaseRepository;
  readonly accessLog: AccessLogRepository;
  readonly notifications: NotificationRepository;
  readonly recommendations: RecommendationRepository;
  readonly overdueSummaries: OverdueSummaryRepository;
  readonly reviews: ReviewRepository;
  readonly contributions: ContributionRepository;
  readonly reviewers: ReviewerRepository;

  constructor(doc: DynamoDBDocumentClient, tables: TableNames) {
    this.partnerships = new PartnershipRepository(doc, tables.records);
    this.agencies = new AgencyRepository(doc, tables.records);
    this.people = new PersonRepository(doc, tables.records);
    this.cases = new CaseRepository(doc, tables.records);
    this.accessLog = new AccessLogRepository(doc, tables.accessLog);
    this.notifications = new NotificationRepository(doc, tables.records);
    this.recommendations = new RecommendationRepository(doc, tables.records);
    this.overdueSummaries = new OverdueSummaryRepository(doc, tables.records);
    this.reviews = new ReviewRepository(doc, tables.records);
    this.contributions = new ContributionRepository(doc, tables.records);
    this.reviewers = new ReviewerRepository(doc, tables.records);
  }
}

export type { PendingLists } from "./cases";
/** Thrown when a record a write was computed from changed before it landed: read again, retry. */
export { RelatedRecordChanged } from "./common";
export type { CaseReviewLink, ReviewChild, ReviewChildOf, ReviewWrite } from "./reviews";
