import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { IdempotencyClaim } from "../domain/idempotency";
import { AccessLogRepository } from "./access-log";
import { AgencyRepository } from "./agencies";
import { AggregateRepository } from "./aggregates";
import { AuditRepository } from "./audits";
import { CaseRepository } from "./cases";
import { CatalogueRepository } from "./catalogue";
import { CognitoDirectory } from "./cognito-directory";
import { ContributionRepository } from "./contributions";
import { DigestWorkRepository } from "./digest-work";
import type { Directory } from "./directory";
import { priorResult } from "./idempotency";
import { LocalDirectory } from "./local-directory";
import { NearMissRepository } from "./near-misses";
import { NotificationRepository } from "./notifications";
import { OverdueSummaryRepository } from "./overdue-summaries";
import { PartnerSystemRepository } from "./partner-systems";
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
  readonly partnerSystems: PartnerSystemRepository;
  readonly audits: AuditRepository;
  readonly nearMisses: NearMissRepository;
  /** §16: the national review catalogue, shared by every partnership of the deployment. */
  readonly catalogue: CatalogueRepository;
  /** §16, §38: each partnership's relevance decisions, challenge sessions and dissemination. */
  readonly digestWork: DigestWorkRepository;
  /** The sign-in directory: Cognito in AWS, the local one otherwise. */
  readonly directory: Directory;
  /** What an idempotency key already stands for (see priorResult). */
  readonly priorResult: (claim: IdempotencyClaim) => Promise<string | null>;
  readonly reviews: ReviewRepository;
  readonly contributions: ContributionRepository;
  readonly reviewers: ReviewerRepository;
  /** §37: the board dashboard's counters, kept from the records' stream. */
  readonly aggregates: AggregateRepository;

  constructor(
    doc: DynamoDBDocumentClient,
    tables: TableNames,
    directory: Directory = new LocalDirectory(),
  ) {
    this.directory = directory;
    this.priorResult = (claim) => priorResult(doc, tables.records, claim);
    this.partnerSystems = new PartnerSystemRepository(doc, tables.records);
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
    this.audits = new AuditRepository(doc, tables.records);
    this.nearMisses = new NearMissRepository(doc, tables.records);
    this.catalogue = new CatalogueRepository(doc, tables.records);
    this.digestWork = new DigestWorkRepository(doc, tables.records);
    this.aggregates = new AggregateRepository(doc, tables.records, tables.aggregates);
  }
}

export {
  type ApplyOutcome,
  describeAggregateItem,
  type RecordChange,
  type StoredBucket,
} from "./aggregates";
export type { PendingLists } from "./cases";
/**
 * The directory a function uses: the stage's Cognito user pool when USER_POOL_ID is set (as
 * serverless.yml sets it), the local directory otherwise (npm start, tests).
 */
export function directoryFromEnv(env: NodeJS.ProcessEnv = process.env): Directory {
  if (!env.USER_POOL_ID) return new LocalDirectory();
  return new CognitoDirectory({
    userPoolId: env.USER_POOL_ID,
    scope: env.PARTNER_SCOPE ?? "",
    region: env.AWS_REGION,
  });
}

/** Thrown when a record a write was computed from changed before it landed: read again, retry. */
export { RelatedRecordChanged } from "./common";
export type { Directory, DirectoryClient, DirectoryUser } from "./directory";
export type { CaseReviewLink, ReviewChild, ReviewChildOf, ReviewWrite } from "./reviews";
