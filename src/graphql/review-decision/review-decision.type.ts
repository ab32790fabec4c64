import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Category } from "../../domain/notifications";
import type {
  AgencyView,
  ChairDecision,
  Dissent,
  OtherReviewGround,
  ReviewDecision,
  ReviewOutcome,
  Section20Assessment,
  SubgroupRecommendation,
} from "../../domain/review-decisions";
import type { ReviewKind } from "../../domain/reviews";
import { Sized } from "../common/cost";
import {
  CategoryEnum,
  OtherReviewGroundEnum,
  ReviewKindEnum,
  ReviewOutcomeEnum,
} from "../common/enums";
import { DateTime } from "../common/scalars";

@ObjectType("SubgroupRecommendation")
export class SubgroupRecommendationType implements SubgroupRecommendation {
  @Field(() => ReviewOutcomeEnum)
  recommendation!: ReviewOutcome;

  @Sized(10_000)
  @Field(() => String)
  rationale!: string;

  @Field(() => ID)
  recordedBy!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("AgencyView", { description: "A member agency's view before the decision (§18)." })
export class AgencyViewType implements Omit<AgencyView, "recordedBy"> {
  @Field(() => ID, { description: "The decision's and the agency's: a later view replaces it." })
  id!: string;

  @Field(() => ID)
  agencyId!: string;

  @Sized(5_000)
  @Field(() => String)
  view!: string;

  @Field(() => Boolean, { nullable: true })
  supportsSeriousCaseReview!: boolean | null;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("Dissent", {
  description: "A dissenting view in the SCR group; it goes to the Chair (§18).",
})
export class DissentType implements Dissent {
  @Field(() => ID)
  id!: string;

  @Sized(5_000)
  @Field(() => String)
  view!: string;

  @Field(() => ID)
  recordedBy!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("Section20Assessment", { description: "The Chair's assessment of each §20 factor." })
export class Section20AssessmentType implements Section20Assessment {
  @Sized(5_000)
  @Field(() => String)
  natureOfHarm!: string;

  @Sized(5_000)
  @Field(() => String)
  evidenceOfConcernAboutServices!: string;

  @Sized(5_000)
  @Field(() => String)
  publicConfidence!: string;

  @Sized(5_000)
  @Field(() => String)
  likelihoodOfAdditionalLearning!: string;

  @Sized(5_000)
  @Field(() => String)
  otherMethodsWouldAchieveLearning!: string;
}

@ObjectType("OtherReview", {
  description: "A review or learning exercise other than an SCR (§21, §24).",
})
export class OtherReviewType implements NonNullable<ChairDecision["otherReview"]> {
  @Field(() => OtherReviewGroundEnum)
  ground!: OtherReviewGround;

  @Sized(2_000)
  @Field(() => String)
  method!: string;

  @Field(() => ReviewKindEnum, { nullable: true, description: "Null: an independent review." })
  kind!: ReviewKind | null;
}

@ObjectType("ChairDecision")
// dissentsConsidered: a field resolver, restricted as the dissents are.
export class ChairDecisionType implements Omit<ChairDecision, "dissentsConsidered"> {
  @Field(() => ReviewOutcomeEnum)
  outcome!: ReviewOutcome;

  @Sized(20_000)
  @Field(() => String, { description: "The Chair's written reasons (§18)." })
  reasons!: string;

  @Field(() => Boolean, { nullable: true })
  causeForConcernAboutWorkingTogether!: boolean | null;

  @Field(() => Section20AssessmentType, { nullable: true })
  section20!: Section20AssessmentType | null;

  @Field(() => OtherReviewType, { nullable: true })
  otherReview!: OtherReviewType | null;

  @Field(() => ID, {
    nullable: true,
    description: "The review the decision commissioned (§18–21), created with it.",
  })
  reviewId!: string | null;

  @Field(() => ID)
  recordedBy!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("ReviewDecision", {
  description:
    "Whether a serious case review is held (§18–21). Readable by legitimately concerned parties only.",
})
export class ReviewDecisionType
  implements
    Omit<
      ReviewDecision,
      // Dissents and agency views are field resolvers (dissents, and so their number, are
      // restricted); decision is ChairDecisionType, tied to ChairDecision itself.
      "dissentCount" | "agencyViewCount" | "decision" | "partnershipId" | "createdAt"
    >
{
  @Field(() => ID)
  notificationId!: string;

  @Field(() => CategoryEnum)
  category!: Category;

  @Field(() => SubgroupRecommendationType, { nullable: true })
  subgroupRecommendation!: SubgroupRecommendationType | null;

  @Field(() => ChairDecisionType, { nullable: true })
  decision!: ChairDecisionType | null;

  @Field(() => Int, { description: "Send back as `expectedVersion`." })
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}
