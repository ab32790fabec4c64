import { Field, ID, Int, ObjectType } from "type-graphql";
import {
  type AgeGroup,
  type ChallengeOutcome,
  type ChallengeOutcomeKind,
  type ChallengeSession,
  DIGEST_LIMITS,
  type DigestTheme,
  type Dissemination,
  type DisseminationMethod,
  MAX_PUBLISHED_RECOMMENDATIONS,
  MAX_SERVICES_TESTED,
  MAX_THEMES_PER_DIGEST,
  type MethodTally,
  type NationalReviewDigest,
  type RelevanceDecision,
  type RowError,
} from "../../domain/digests";
import { PageInfo } from "../common/connection";
import { ListOf, Sized } from "../common/cost";
import { AgeGroupEnum, ChallengeOutcomeEnum, DisseminationMethodEnum } from "../common/enums";
import { DateTime, LocalDate } from "../common/scalars";

const L = DIGEST_LIMITS;

@ObjectType("NationalReviewDigest", {
  description:
    "§16: a review published nationally, one record for every partnership of the deployment.",
})
export class NationalReviewDigestType
  implements Omit<NationalReviewDigest, "contentHash" | "indexedHash" | "createdAt">
{
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The catalogue's reference (the import's key)." })
  ref!: string;

  @Sized(L.title)
  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true, description: "Null when published anonymously." })
  publishingArea!: string | null;

  @Field(() => LocalDate)
  publishedOn!: string;

  @Field(() => AgeGroupEnum, { nullable: true })
  ageGroup!: AgeGroup | null;

  @Field(() => String, { nullable: true, description: "The child's pseudonym, where published." })
  pseudonym!: string | null;

  @Sized(L.summary)
  @Field(() => String, { description: "The case summary." })
  summary!: string;

  @Sized(L.keyLearning)
  @Field(() => String)
  keyLearning!: string;

  @ListOf(MAX_PUBLISHED_RECOMMENDATIONS)
  @Sized(L.recommendation)
  @Field(() => [String], {
    description: `The recommendations as published (at most ${MAX_PUBLISHED_RECOMMENDATIONS}).`,
  })
  recommendations!: string[];

  @ListOf(MAX_THEMES_PER_DIGEST)
  @Field(() => [String], { description: "Codes of the theme vocabulary (digestThemes)." })
  themes!: string[];

  @Field(() => String, { nullable: true, description: "A link to the source." })
  sourceUrl!: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: "When the national repository withdrew its copy (the record stays).",
  })
  sourceWithdrawnOn!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The local review this record was offered from, when it was.",
  })
  sourceReviewId!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}

@ObjectType("NationalReviewDigestEdge")
class DigestEdge {
  @Field(() => String, { description: "Opaque, signed: pass it back unchanged." })
  cursor!: string;

  @Field(() => NationalReviewDigestType)
  node!: NationalReviewDigest;
}

@ObjectType("NationalReviewDigestConnection")
export class NationalReviewDigestConnection {
  @Field(() => [DigestEdge])
  edges!: DigestEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many records match." })
  totalCount!: number;

  @Field(() => Boolean, {
    description:
      "False when a word or theme of the search held more records than one read of the index returns (about 8,000): the oldest of them were not considered.",
  })
  complete!: boolean;
}

@ObjectType("DigestTheme", { description: "§16: a theme of the catalogue's vocabulary." })
export class DigestThemeType implements Omit<DigestTheme, "addedBy"> {
  @Field(() => ID, { description: "The theme's code." })
  id!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => DateTime)
  addedAt!: string;
}

@ObjectType("RelevanceDecision", {
  description: "§16: the SCR group's decision on whether a review is relevant locally.",
})
export class RelevanceDecisionType implements Omit<RelevanceDecision, "decidedBy"> {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean)
  relevant!: boolean;

  @Sized(L.reason)
  @Field(() => String)
  reason!: string;

  @Field(() => LocalDate)
  decidedOn!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("DisseminationTally", { description: "Events and reach of one method." })
export class MethodTallyType implements MethodTally {
  @Field(() => DisseminationMethodEnum)
  method!: DisseminationMethod;

  @Field(() => Int)
  events!: number;

  @Field(() => Int, { description: "People reached, as recorded." })
  reach!: number;
}

@ObjectType("Dissemination", { description: "§16, §38: one occasion the findings were spread." })
export class DisseminationType implements Omit<Dissemination, "recordedBy"> {
  @Field(() => ID)
  id!: string;

  @Field(() => DisseminationMethodEnum)
  method!: DisseminationMethod;

  @Sized(L.audience)
  @Field(() => String, { description: "To whom." })
  audience!: string;

  @Field(() => LocalDate)
  on!: string;

  @Field(() => Int)
  reach!: number;

  @Sized(L.note)
  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("LocalDigestWork", {
  description:
    "§16, §38: the caller's partnership's work on a national review (no other partnership sees it).",
})
export class LocalDigestWorkType {
  @Field(() => ID, { description: "The review's id (one per partnership and review)." })
  id!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: "The latest decision: null until the SCR group has decided.",
  })
  relevant!: boolean | null;

  @Field(() => Int)
  sessionCount!: number;

  @Field(() => Int)
  disseminationCount!: number;

  @ListOf(4)
  @Field(() => [MethodTallyType], {
    description: "Dissemination by method (the per-review summary).",
  })
  tallies!: MethodTally[];

  @Field(() => Int)
  version!: number;
}

@ObjectType("DisseminationYear", {
  description: "§34, §38: a year's dissemination of national reviews, for the annual report.",
})
export class DisseminationYearType {
  @Field(() => ID, { description: "The year, as text." })
  id!: string;

  @Field(() => Int)
  year!: number;

  @ListOf(4)
  @Field(() => [MethodTallyType])
  tallies!: MethodTally[];

  @Field(() => Int)
  events!: number;

  @Field(() => Int)
  reach!: number;
}

@ObjectType("ChallengeSession", {
  description: "§16: a session testing named local services against a review's findings.",
})
export class ChallengeSessionType
  implements Omit<ChallengeSession, "partnershipId" | "recordedBy" | "createdAt" | "updatedAt">
{
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  digestId!: string;

  @Field(() => LocalDate)
  heldOn!: string;

  @ListOf(MAX_SERVICES_TESTED)
  @Field(() => [String], { description: "The local services tested." })
  servicesTested!: string[];

  @Field(() => Int)
  attendanceCount!: number;

  @Field(() => Int)
  outcomeCount!: number;

  @Field(() => Int)
  gapCount!: number;

  @Field(() => Int)
  version!: number;
}

@ObjectType("ChallengeSessionEdge")
class SessionEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ChallengeSessionType)
  node!: ChallengeSession;
}

@ObjectType("ChallengeSessionConnection")
export class ChallengeSessionConnection {
  @Field(() => [SessionEdge])
  edges!: SessionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType("ChallengeOutcome", { description: "§16: one finding tested at a session." })
export class ChallengeOutcomeType
  implements Omit<ChallengeOutcome, "recordedBy" | "recommendationId">
{
  @Field(() => ID)
  id!: string;

  @Sized(L.finding)
  @Field(() => String)
  finding!: string;

  @Field(() => ChallengeOutcomeEnum)
  outcome!: ChallengeOutcomeKind;

  @Sized(L.evidence)
  @Field(() => String, { nullable: true })
  evidence!: string | null;

  @Sized(L.evidence)
  @Field(() => String, { nullable: true })
  gap!: string | null;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("DigestImportRowError", { description: "A row the import refused, and why." })
export class RowErrorType implements RowError {
  @Field(() => Int, { description: "The row's position in the request (or line of the file)." })
  line!: number;

  @Field(() => String, { description: "The row's field at fault." })
  field!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType("DigestImportReport", { description: "What an import did." })
export class ImportReportType {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: "Rows already imported as they are." })
  unchanged!: number;

  @ListOf(100)
  @Field(() => [RowErrorType])
  errors!: RowError[];
}

@ObjectType("DigestThemeVocabulary", {
  description: "§16: the catalogue's controlled vocabulary of themes (its editors extend it).",
})
export class DigestThemeVocabularyType {
  @Field(() => ID, { description: "Always `catalogue`: one vocabulary per deployment." })
  id!: string;

  @ListOf(200)
  @Field(() => [DigestThemeType], { description: "By label; at most 200." })
  themes!: DigestThemeType[];
}
