import type { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { MAX_AGENCIES_PER_CASE } from "../../domain/cases";
import { MAX_CONTRIBUTIONS } from "../../domain/contributions";
import type { Case } from "../../domain/entities";
import { ValidationError } from "../../domain/errors";
import {
  type ConsentRecord,
  type FamilyContact,
  MAX_ATTACHMENTS,
  MAX_CONSENTS,
  MAX_FAMILY_CONTACTS,
  MAX_SHARES,
  type RecordsAttachment,
} from "../../domain/family";
import { MAX_FINDINGS } from "../../domain/findings";
import type { ChairDecision } from "../../domain/review-decisions";
import { MAX_PANEL, type PanelMember } from "../../domain/reviewers";
import {
  type CaseChange,
  familyRegime,
  MAX_CASE_CHANGES,
  MAX_MILESTONES,
  MAX_REVIEW_CASES,
  MAX_REVIEW_EVENTS,
  MAX_REVIEWS_ON_CASE_RECORD,
  type Milestone,
  milestoneLateSince,
  type Review,
  type ReviewEvent,
} from "../../domain/reviews";
import { agenciesByIds, agencyRef } from "../../services/agencies";
import { priorityRef } from "../../services/audits";
import { getEscalation } from "../../services/near-misses";
import { getNotification } from "../../services/notifications";
import { personRef } from "../../services/people";
import { contributionsOf, getContribution } from "../../services/reviews/contributions";
import {
  addReviewCase,
  attachCaseRecords,
  attachmentsOf,
  consentsOf,
  familyContactsOf,
  recordConsent,
  recordFamilyContact,
  reviewsOnCaseRecord,
  type ShareView,
  shareReviewInformation,
  sharesOf,
  swapReviewCase,
  viewerCanReadFamily,
} from "../../services/reviews/family";
import { findingsOf } from "../../services/reviews/findings";
import { appointPanelMember, panelOf, reviewerRef } from "../../services/reviews/panel";
import {
  publishReview,
  reconsiderOverdueSince,
  withdrawPublication,
  withholdPublication,
} from "../../services/reviews/publication";
import {
  addMilestone,
  caseChangesOf,
  casesOfReview,
  commissionReviewOn,
  eventsOf,
  getMilestone,
  getReview,
  listReviews,
  mayOnReview,
  milestonesOf,
  overdueSinceOf,
  reviewCaseRef,
  transitionReview,
  updateMilestone,
  updateReview,
} from "../../services/reviews/reviews";
import { today } from "../../services/shared";
import { AgencyType } from "../agency/agency.type";
import { BusinessPriorityType } from "../audit/audit.type";
import { CaseType } from "../case/case.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { FamilyRegimeEnum } from "../common/enums";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import { LocalDate } from "../common/scalars";
import type { GraphQLContext } from "../context";
import { ContributionType } from "../contribution/contribution.type";
import { FindingType } from "../finding/finding.type";
import { EscalationType } from "../near-miss/near-miss.type";
import { NotificationInterface } from "../notification/notification.type";
import { PersonType } from "../person/person.type";
import { ChairDecisionType } from "../review-decision/review-decision.type";
import { ReviewerType } from "../reviewer/reviewer.type";
import {
  AddReviewCaseInput,
  AddReviewMilestoneInput,
  AppointPanelMemberInput,
  AttachCaseRecordsInput,
  CommissionReviewInput,
  ConsentInputType,
  FamilyContactInputType,
  PublishReviewInput,
  ReviewFilterInput,
  ShareReviewInformationInput,
  SwapReviewCaseInput,
  TransitionReviewInput,
  UpdateReviewInput,
  UpdateReviewMilestoneInput,
  WithdrawPublicationInput,
  WithholdPublicationInput,
} from "./review.input";
import {
  ConsentRecordType,
  FamilyContactType,
  InformationShareType,
  PanelMemberType,
  RecordsAttachmentType,
  ReviewCaseChangeType,
  ReviewConnection,
  ReviewEventType,
  ReviewMilestoneType,
  ReviewType,
} from "./review.type";

/** A record held under a review, with the review (its references are read as the review's). */
type OfReview<T> = T & { readonly review: Review };
const ofReview = <T extends object>(items: readonly T[] | null, review: Review) =>
  items?.map((i) => ({ ...i, review })) ?? null;

@Resolver(() => ReviewType)
export class ReviewResolver {
  @Query(() => ReviewConnection, {
    description:
      "Reviews newest commissioned first, by one of status, kind or agency: the board all; agency users their agency's; a reviewer those they sit on the panel of.",
  })
  async reviews(
    @Arg("filter", () => ReviewFilterInput, { nullable: true }) filter: ReviewFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listReviews(ctx, filter ?? {}, first, after));
  }

  @Query(() => ReviewType, {
    nullable: true,
    description: "Null when there is no such review or it is not yours to see.",
  })
  review(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getReview(ctx, id));
  }

  @FieldResolver(() => NotificationInterface, {
    nullable: true,
    description: "The notification whose decision commissioned it (null if none, or not yours).",
  })
  notification(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return r.notificationId ? orNull(getNotification(ctx, r.notificationId)) : null;
  }

  @FieldResolver(() => EscalationType, {
    nullable: true,
    description: "§24 I: the escalated near-miss report it answers (null if none, or not yours).",
  })
  escalation(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return r.escalationId ? orNull(getEscalation(ctx, r.escalationId)) : null;
  }

  @FieldResolver(() => BusinessPriorityType, {
    nullable: true,
    description: "§24 III: the business-plan priority it serves.",
  })
  businessPriority(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return priorityRef(ctx, r.businessPriorityId ?? null);
  }

  @FieldResolver(() => FamilyRegimeEnum, {
    description: "Which rules of family involvement apply (§25: §26–29 or §30–32).",
  })
  familyRegime(@Root() r: Review) {
    return familyRegime(r);
  }

  @ListOf(MAX_REVIEW_CASES)
  @FieldResolver(() => [CaseType], {
    description: `The cases it covers now that you may see (at most ${MAX_REVIEW_CASES}).`,
  })
  cases(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return casesOfReview(ctx, r);
  }

  @ListOf(MAX_CASE_CHANGES)
  @FieldResolver(() => [ReviewCaseChangeType], {
    description: `Cases added or swapped for alternatives (§31), oldest first; at most ${MAX_CASE_CHANGES}.`,
  })
  async caseChanges(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return ofReview(await caseChangesOf(ctx, r), r);
  }

  @ListOf(MAX_AGENCIES_PER_CASE)
  @FieldResolver(() => [AgencyType], { description: `At most ${MAX_AGENCIES_PER_CASE}.` })
  participatingAgencies(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return agenciesByIds(ctx, r.participatingAgencyIds);
  }

  @ListOf(MAX_AGENCIES_PER_CASE)
  @FieldResolver(() => [AgencyType], {
    description: `Agencies that received its information without taking part (§32); at most ${MAX_AGENCIES_PER_CASE}.`,
  })
  informedAgencies(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return agenciesByIds(ctx, r.informedAgencyIds);
  }

  @FieldResolver(() => ReviewerType, { nullable: true, description: "§23." })
  leadReviewer(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return reviewerRef(ctx, r.leadReviewerId);
  }

  @ListOf(MAX_PANEL)
  @FieldResolver(() => [PanelMemberType], {
    description: `§23: in the order appointed; at most ${MAX_PANEL}.`,
  })
  panel(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return panelOf(ctx, r);
  }

  @ListOf(MAX_MILESTONES)
  @FieldResolver(() => [ReviewMilestoneType], {
    description: `In the order planned; at most ${MAX_MILESTONES}. A page of reviews reads them together.`,
  })
  milestones(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return milestonesOf(ctx, r);
  }

  @FieldResolver(() => LocalDate, {
    nullable: true,
    description:
      "The first day it was overdue: its target passed without an accepted report, or a milestone was late (null when neither).",
  })
  overdueSince(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return overdueSinceOf(ctx, r);
  }

  @FieldResolver(() => LocalDate, {
    nullable: true,
    description: "§33: the first day a delayed publication's date to reconsider was overdue.",
  })
  reconsiderOverdueSince(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return reconsiderOverdueSince(ctx, r);
  }

  @ListOf(MAX_CONTRIBUTIONS)
  @FieldResolver(() => [ContributionType], {
    description: `§28: in the order asked, those you may see (an agency its own; the board and the lead reviewer all); at most ${MAX_CONTRIBUTIONS}.`,
  })
  contributions(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return contributionsOf(ctx, r);
  }

  @ListOf(MAX_FINDINGS)
  @FieldResolver(() => [FindingType], {
    description: `§5–6: in the order recorded; at most ${MAX_FINDINGS}.`,
  })
  findings(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return findingsOf(ctx, r);
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether you may read the contacts with families and their consents (the board's core roles and the lead reviewer).",
  })
  viewerCanReadFamily(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return viewerCanReadFamily(ctx, r);
  }

  @FieldResolver(() => Boolean, {
    description: "Whether you run the review (its details, milestones, findings, contributions).",
  })
  viewerCanManage(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return mayOnReview(ctx, "review:manage", r);
  }

  @ListOf(MAX_FAMILY_CONTACTS)
  @FieldResolver(() => [FamilyContactType], {
    nullable: true,
    description: `§27, §30: oldest first; at most ${MAX_FAMILY_CONTACTS}. Null for those who may not read them (viewerCanReadFamily).`,
  })
  async familyContacts(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return ofReview(await familyContactsOf(ctx, r), r);
  }

  @ListOf(MAX_CONSENTS)
  @FieldResolver(() => [ConsentRecordType], {
    nullable: true,
    description: `§30–32: oldest first (a family member's latest stands); at most ${MAX_CONSENTS}. Null for those who may not read them.`,
  })
  async consents(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return ofReview(await consentsOf(ctx, r), r);
  }

  @ListOf(MAX_ATTACHMENTS)
  @FieldResolver(() => [RecordsAttachmentType], {
    description: `§28, §30: agencies' records of its cases (an agency sees its own); at most ${MAX_ATTACHMENTS}.`,
  })
  async attachments(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return ofReview(await attachmentsOf(ctx, r), r);
  }

  @ListOf(MAX_SHARES)
  @FieldResolver(() => [InformationShareType], {
    description: `§29, §32: what was shared at its end (an agency sees what it received); at most ${MAX_SHARES}.`,
  })
  async informationShares(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return ofReview(await sharesOf(ctx, r), r);
  }

  @ListOf(MAX_REVIEW_EVENTS)
  @FieldResolver(() => [ReviewEventType], {
    description: `Its history, oldest first; at most ${MAX_REVIEW_EVENTS}.`,
  })
  events(@Root() r: Review, @Ctx() ctx: GraphQLContext) {
    return eventsOf(ctx, r);
  }

  @Mutation(() => ReviewType, {
    description:
      "§21, §24: the business unit or the Chair commissions a review or learning exercise without a notification. Retry-safe with an idempotency key.",
  })
  commissionReview(
    @Arg("input", () => CommissionReviewInput) input: CommissionReviewInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return commissionReviewOn(ctx, input, idempotencyKey);
  }

  @Mutation(() => ReviewType, {
    description:
      "Business unit, SCR subgroup or the lead reviewer: title, method (§22), terms of reference, target, agencies.",
  })
  updateReview(
    @Arg("input", () => UpdateReviewInput) input: UpdateReviewInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return updateReview(ctx, id, expectedVersion, fields);
  }

  @Mutation(() => ReviewType, {
    description:
      "Moves the review along its lifecycle. Accepting the report, or sending a draft back, is the board's (Chair, business unit).",
  })
  transitionReview(
    @Arg("input", () => TransitionReviewInput) input: TransitionReviewInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return transitionReview(ctx, id, expectedVersion, fields);
  }

  @Mutation(() => ReviewType, {
    description: `A milestone of the plan (at most ${MAX_MILESTONES}).`,
  })
  addReviewMilestone(
    @Arg("input", () => AddReviewMilestoneInput) input: AddReviewMilestoneInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return addMilestone(ctx, id, fields);
  }

  @Mutation(() => ReviewMilestoneType, {
    description: "A milestone rescheduled, renamed or completed.",
  })
  updateReviewMilestone(
    @Arg("input", () => UpdateReviewMilestoneInput) input: UpdateReviewMilestoneInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return updateMilestone(ctx, id, expectedVersion, fields);
  }

  @Mutation(() => ReviewType, {
    description:
      "Business unit or SCR subgroup: a case added to the review (a thematic review covers several, §30); its reviewers stay independent (§23).",
  })
  addReviewCase(
    @Arg("input", () => AddReviewCaseInput) input: AddReviewCaseInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return addReviewCase(ctx, id, expectedVersion, fields);
  }

  @Mutation(() => ReviewType, {
    description:
      "§31: business unit or SCR subgroup: a case whose family's consent cannot be obtained, swapped for an alternative; the history kept.",
  })
  swapReviewCase(
    @Arg("input", () => SwapReviewCaseInput) input: SwapReviewCaseInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return swapReviewCase(ctx, id, expectedVersion, fields);
  }

  @Mutation(() => ReviewType, {
    description:
      "§23: the business unit or SCR subgroup appoints a panel member. A reviewer without current training is refused for an SCR, and one employed by an agency involved in a case under review as not independent (BAD_USER_INPUT, §23).",
  })
  appointPanelMember(
    @Arg("input", () => AppointPanelMemberInput) input: AppointPanelMemberInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return appointPanelMember(ctx, id, fields);
  }

  @Mutation(() => ReviewType, {
    description:
      "§27, §30: the business unit or the lead reviewer records a contact with a family member.",
  })
  recordFamilyContact(
    @Arg("input", () => FamilyContactInputType) input: FamilyContactInputType,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return recordFamilyContact(ctx, id, fields);
  }

  @Mutation(() => ReviewType, {
    description:
      "§30–32: a family member's consent given, refused or withdrawn (not for an SCR or near-miss review, §28).",
  })
  recordConsent(
    @Arg("input", () => ConsentInputType) input: ConsentInputType,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return recordConsent(ctx, id, fields);
  }

  @Mutation(() => ReviewType, {
    description:
      "§28, §30: an agency's records of a case attached (the agency's lead, the business unit or the lead reviewer); refused without the family's consent for another review.",
  })
  attachCaseRecords(
    @Arg("input", () => AttachCaseRecordsInput) input: AttachCaseRecordsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return attachCaseRecords(ctx, id, fields);
  }

  @Mutation(() => ReviewType, {
    description:
      "§29, §32: at the end of the review (report accepted) the business unit shares what it obtained: with every participating agency, held on the case records; or, for another review, as far as each family member agreed. Again later: only what is new.",
  })
  shareReviewInformation(
    @Arg("input", () => ShareReviewInformationInput) input: ShareReviewInformationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return shareReviewInformation(ctx, input.id, input.expectedVersion);
  }

  @Mutation(() => ReviewType, {
    description:
      "§33–34: the Chair or the business unit publishes an accepted review: an SCR in full with the agencies' action statement, another review with a summary of its learning.",
  })
  publishReview(
    @Arg("input", () => PublishReviewInput) input: PublishReviewInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return publishReview(ctx, id, expectedVersion, fields);
  }

  @Mutation(() => ReviewType, {
    description:
      "§33: publication delayed (with a date to reconsider) or not to be, for compelling legal reasons.",
  })
  withholdPublication(
    @Arg("input", () => WithholdPublicationInput) input: WithholdPublicationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return withholdPublication(ctx, id, expectedVersion, fields);
  }

  @Mutation(() => ReviewType, {
    description:
      "§33: a publication withdrawn (within twelve months only with a legal reason); recorded, never deleted.",
  })
  withdrawPublication(
    @Arg("input", () => WithdrawPublicationInput) input: WithdrawPublicationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return withdrawPublication(ctx, id, expectedVersion, fields);
  }
}

@Resolver(() => ReviewMilestoneType)
export class ReviewMilestoneResolver {
  @FieldResolver(() => LocalDate, {
    nullable: true,
    description: "The first day it was late (the day after its due date), until completed.",
  })
  lateSince(@Root() m: Milestone, @Ctx() ctx: GraphQLContext) {
    return milestoneLateSince(m, today(ctx));
  }

  @FieldResolver(() => ReviewType, { nullable: true })
  review(@Root() m: Milestone, @Ctx() ctx: GraphQLContext) {
    return orNull(getMilestone(ctx, m.id).then(() => getReview(ctx, m.reviewId)));
  }
}

@Resolver(() => ReviewEventType)
export class ReviewEventResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  byPerson(@Root() e: ReviewEvent, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, e.by);
  }
}

@Resolver(() => ReviewCaseChangeType)
export class ReviewCaseChangeResolver {
  @FieldResolver(() => CaseType, { nullable: true, description: "Null if not yours to see." })
  case(@Root() x: OfReview<CaseChange>, @Ctx() ctx: GraphQLContext) {
    return reviewCaseRef(ctx, x.review, x.caseId);
  }

  @FieldResolver(() => CaseType, { nullable: true, description: "§31: the case it replaced." })
  replacesCase(@Root() x: OfReview<CaseChange>, @Ctx() ctx: GraphQLContext) {
    return x.replacesCaseId ? reviewCaseRef(ctx, x.review, x.replacesCaseId) : null;
  }
}

@Resolver(() => PanelMemberType)
export class PanelMemberResolver {
  @FieldResolver(() => ReviewerType, { nullable: true, description: "A reviewer of the pool." })
  reviewer(@Root() p: PanelMember, @Ctx() ctx: GraphQLContext) {
    return reviewerRef(ctx, p.reviewerId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: "A member of staff." })
  person(@Root() p: PanelMember, @Ctx() ctx: GraphQLContext) {
    return p.personId ? personRef(ctx, p.personId) : null;
  }

  @FieldResolver(() => AgencyType, {
    nullable: true,
    description: "Their agency (null if independent).",
  })
  agency(@Root() p: PanelMember, @Ctx() ctx: GraphQLContext) {
    return p.agencyId ? agencyRef(ctx, p.agencyId) : null;
  }
}

@Resolver(() => FamilyContactType)
export class FamilyContactResolver {
  @FieldResolver(() => CaseType, { nullable: true })
  case(@Root() x: OfReview<FamilyContact>, @Ctx() ctx: GraphQLContext) {
    return reviewCaseRef(ctx, x.review, x.caseId);
  }
}

@Resolver(() => ConsentRecordType)
export class ConsentRecordResolver {
  @FieldResolver(() => CaseType, { nullable: true })
  case(@Root() x: OfReview<ConsentRecord>, @Ctx() ctx: GraphQLContext) {
    return reviewCaseRef(ctx, x.review, x.caseId);
  }

  @ListOf(MAX_AGENCIES_PER_CASE)
  @FieldResolver(() => [AgencyType], {
    description: `GIVEN: the agencies it covers (§32); at most ${MAX_AGENCIES_PER_CASE}.`,
  })
  agencies(@Root() x: ConsentRecord, @Ctx() ctx: GraphQLContext) {
    return agenciesByIds(ctx, x.agencyIds);
  }
}

@Resolver(() => RecordsAttachmentType)
export class RecordsAttachmentResolver {
  @FieldResolver(() => CaseType, { nullable: true })
  case(@Root() x: OfReview<RecordsAttachment>, @Ctx() ctx: GraphQLContext) {
    return reviewCaseRef(ctx, x.review, x.caseId);
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() x: RecordsAttachment, @Ctx() ctx: GraphQLContext) {
    return agencyRef(ctx, x.agencyId);
  }
}

@Resolver(() => InformationShareType)
export class InformationShareResolver {
  @FieldResolver(() => AgencyType, { nullable: true, description: "The agency that received it." })
  agency(@Root() s: ShareView, @Ctx() ctx: GraphQLContext) {
    return agencyRef(ctx, s.agencyId);
  }

  @ListOf(MAX_REVIEW_CASES)
  @FieldResolver(() => [CaseType], {
    description: `The cases whose information it received, that you may see; at most ${MAX_REVIEW_CASES}.`,
  })
  async cases(@Root() s: OfReview<ShareView>, @Ctx() ctx: GraphQLContext) {
    return casesOfReview(ctx, s.review, s.caseIds);
  }

  @ListOf(MAX_CONTRIBUTIONS)
  @FieldResolver(() => [ContributionType], {
    description: `The contributions it received, that you may see; at most ${MAX_CONTRIBUTIONS}.`,
  })
  async contributions(@Root() s: ShareView, @Ctx() ctx: GraphQLContext) {
    const found = await Promise.all(
      s.contributionIds.map((id) => orNull(getContribution(ctx, id))),
    );
    return found.filter((k) => k !== null);
  }
}

@Resolver(() => CaseType)
export class CaseReviewsResolver {
  @ListOf(MAX_REVIEWS_ON_CASE_RECORD)
  @FieldResolver(() => [ReviewType], {
    description: `§29: reviews whose information is held on this case's record (those you may see; at most ${MAX_REVIEWS_ON_CASE_RECORD}). On a single case only (one Query each).`,
  })
  reviewsOnRecord(@Root() k: Case, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    // DynamoDB has no batched Query: inside a list this would cost one request per case.
    for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev)
      if (typeof p.key === "number")
        throw new ValidationError(
          "reviewsOnRecord",
          "Ask for reviewsOnRecord on one case at a time",
        );
    return reviewsOnCaseRecord(ctx, k.id);
  }
}

@Resolver(() => ChairDecisionType)
export class ChairDecisionReviewResolver {
  @FieldResolver(() => ReviewType, {
    nullable: true,
    description: "The review the decision commissioned (null if none, or not yours to see).",
  })
  review(@Root() d: ChairDecision, @Ctx() ctx: GraphQLContext) {
    return d.reviewId ? orNull(getReview(ctx, d.reviewId)) : null;
  }
}

/** The review module's resolvers. */
export const REVIEW_RESOLVERS = [
  ReviewResolver,
  ReviewMilestoneResolver,
  ReviewEventResolver,
  ReviewCaseChangeResolver,
  PanelMemberResolver,
  FamilyContactResolver,
  ConsentRecordResolver,
  RecordsAttachmentResolver,
  InformationShareResolver,
  CaseReviewsResolver,
  ChairDecisionReviewResolver,
] as const;
