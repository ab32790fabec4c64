import { Field, ID, InputType, Int } from "type-graphql";
import type { SearchInput } from "../../domain/digest-search";
import {
  type AgeGroup,
  type ChallengeOutcomeKind,
  DIGEST_LIMITS,
  type DigestInput,
  type DisseminationInput,
  type DisseminationMethod,
  MAX_IMPORT_ROWS,
  MAX_PUBLISHED_RECOMMENDATIONS,
  MAX_SERVICES_TESTED,
  MAX_THEMES_PER_DIGEST,
  type SessionInput,
} from "../../domain/digests";
import type { Priority } from "../../domain/recommendations";
import { MAX_QUERY_TERMS } from "../../domain/search";
import type { ChallengeOutcomeInput, GapRecommendationInput } from "../../services/digests/work";
import {
  AgeGroupEnum,
  ChallengeOutcomeEnum,
  DisseminationMethodEnum,
  PriorityEnum,
} from "../common/enums";
import { MaxItems, Text, TextList } from "../common/input-limits";
import { type Envelope, VersionedRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";

const L = DIGEST_LIMITS;

@InputType("NationalReviewDigestInput", {
  description: "§16: one catalogue record; its `ref` names it across imports.",
})
export class DigestRowInput implements DigestInput {
  @Text(L.ref, { description: "The catalogue's reference: letters, digits and - _ . /" })
  ref!: string;

  @Text(L.title)
  title!: string;

  @Text(L.publishingArea, { nullable: true, description: "Null when published anonymously." })
  publishingArea?: string | null;

  @Text(10, {
    description:
      "YYYY-MM-DD, from 1970-01-01, not in the future (text, so that a bad date is reported with its row).",
  })
  publishedOn!: string;

  @Field(() => AgeGroupEnum, { nullable: true })
  ageGroup?: AgeGroup | null;

  @Text(L.pseudonym, { nullable: true })
  pseudonym?: string | null;

  @Text(L.summary)
  summary!: string;

  @Text(L.keyLearning)
  keyLearning!: string;

  @TextList(L.recommendation, MAX_PUBLISHED_RECOMMENDATIONS, { nullable: true })
  recommendations?: string[] | null;

  @TextList(50, MAX_THEMES_PER_DIGEST, {
    description: "Theme codes of the vocabulary, at least 1.",
  })
  themes!: string[];

  @Text(L.sourceUrl, { nullable: true, description: "https:// (or http://)" })
  sourceUrl?: string | null;

  @Text(10, {
    nullable: true,
    description: "YYYY-MM-DD: on or after publication, not in the future.",
  })
  sourceWithdrawnOn?: string | null;

  @Field(() => ID, { nullable: true, description: "The local review offered to the catalogue." })
  sourceReviewId?: string | null;
}

@InputType("AddDigestThemeInput")
export class AddThemeInput {
  @Text(50, { description: "Lower-case letters, digits and hyphens." })
  code!: string;

  @Text(L.themeLabel)
  label!: string;
}

@InputType("NationalReviewDigestFilter", {
  description: "All given must hold. Words match title, summary, learning and recommendations.",
})
export class DigestSearchInput implements SearchInput {
  @Text(500, {
    nullable: true,
    description: `Up to ${MAX_QUERY_TERMS} words; any case and simple inflections (neglected, neglectful) match.`,
  })
  words?: string | null;

  @TextList(50, MAX_THEMES_PER_DIGEST, { nullable: true, description: "Theme codes." })
  themes?: string[] | null;

  @Field(() => Int, { nullable: true })
  publishedFromYear?: number | null;

  @Field(() => Int, { nullable: true })
  publishedToYear?: number | null;
}

@InputType("RecordDigestRelevanceInput")
export class RelevanceInput {
  @Field(() => ID)
  digestId!: string;

  @Field(() => Boolean)
  relevant!: boolean;

  @Text(L.reason, { description: "Why." })
  reason!: string;

  @Field(() => LocalDate, { description: "On or after publication, not in the future." })
  decidedOn!: string;
}

@InputType("HoldChallengeSessionInput")
export class HoldSessionInput implements SessionInput {
  @Field(() => ID)
  digestId!: string;

  @Field(() => LocalDate, { description: "On or after publication, not in the future." })
  heldOn!: string;

  @TextList(L.service, MAX_SERVICES_TESTED, { description: "The local services tested." })
  servicesTested!: string[];

  @Field(() => [ID], { description: "Agencies present (at most 30)." })
  @MaxItems(30)
  agencyIdsPresent!: string[];
}

@InputType("GapRecommendationInput", {
  description: "The recommendation a gap makes (tracked as every other, §35).",
})
export class GapRecommendationInputType implements GapRecommendationInput {
  @Text(5000)
  text!: string;

  @Field(() => ID, { nullable: true, description: "Null when the board itself owns it." })
  owningAgencyId?: string | null;

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => LocalDate, { description: "Today or later, at most 10 years ahead." })
  targetDate!: string;
}

@InputType("RecordChallengeOutcomeInput", { description: "`id`: the session." })
export class OutcomeInputType extends VersionedRef implements ChallengeOutcomeInput {
  @Text(L.finding, { description: "The finding tested." })
  finding!: string;

  @Field(() => ChallengeOutcomeEnum)
  outcome!: ChallengeOutcomeKind;

  @Text(L.evidence, { nullable: true, description: "Required when ASSURED." })
  evidence?: string | null;

  @Text(L.evidence, { nullable: true, description: "Required when GAP_FOUND." })
  gap?: string | null;

  @Field(() => GapRecommendationInputType, {
    nullable: true,
    description: "Required when GAP_FOUND.",
  })
  recommendation?: GapRecommendationInputType | null;
}

@InputType("RecordDisseminationInput")
export class DisseminationInputType implements DisseminationInput {
  @Field(() => ID)
  digestId!: string;

  @Field(() => DisseminationMethodEnum)
  method!: DisseminationMethod;

  @Text(L.audience, { description: "To whom." })
  audience!: string;

  @Field(() => LocalDate, { description: "On or after publication, not in the future." })
  on!: string;

  @Field(() => Int, { description: "People reached, 0 to 1,000,000." })
  reach!: number;

  @Text(L.note, { nullable: true })
  note?: string | null;
}

@InputType("ImportNationalReviewDigestsInput")
export class ImportInput {
  @Field(() => [DigestRowInput], { description: `1 to ${MAX_IMPORT_ROWS} rows.` })
  @MaxItems(MAX_IMPORT_ROWS)
  rows!: DigestRowInput[];
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<DigestRowInput, DigestInput>>,
  Assert<SameFields<DigestSearchInput, SearchInput>>,
  Assert<SameFields<HoldSessionInput, SessionInput>>,
  Assert<SameFields<GapRecommendationInputType, GapRecommendationInput>>,
  Assert<SameFields<Omit<OutcomeInputType, Envelope>, ChallengeOutcomeInput>>,
  Assert<SameFields<Omit<DisseminationInputType, "digestId">, DisseminationInput>>,
];
