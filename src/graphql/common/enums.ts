import { registerEnumType } from "type-graphql";
import { ACTION_STATUSES } from "../../domain/actions";
import { CONTRIBUTION_KINDS, CONTRIBUTION_STATUSES } from "../../domain/contributions";
import { AGE_GROUPS, CHALLENGE_OUTCOMES, DISSEMINATION_METHODS } from "../../domain/digests";
import { AGENCY_KINDS, CASE_STATUSES } from "../../domain/entities";
import { CONSENT_STATUSES, CONTACT_METHODS } from "../../domain/family";
import {
  ABUSE_KNOWLEDGE,
  CATEGORIES,
  CLOCK_STATES,
  CRITERION_NAMES,
  DEADLINE_FILTERS,
  DEATH_CIRCUMSTANCES,
  NOTIFICATION_STATUSES,
  OUTCOMES,
} from "../../domain/notifications";
import { RAG_RATINGS } from "../../domain/rag";
import {
  PRIORITIES,
  RECOMMENDATION_STATUSES,
  REVISIT_OUTCOMES,
  SOURCE_KINDS,
} from "../../domain/recommendations";
import {
  DECISION_STATES,
  OTHER_REVIEW_GROUNDS,
  REVIEW_OUTCOMES,
} from "../../domain/review-decisions";
import { PANEL_ROLES, REVIEWER_KINDS } from "../../domain/reviewers";
import { REVIEW_KINDS, REVIEW_STATUSES } from "../../domain/reviews";
import { ROLES } from "../../domain/roles";
import { SEARCH_ORDERS } from "../../domain/search";

export const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const RoleEnum = asEnum(ROLES);
export const AgencyKindEnum = asEnum(AGENCY_KINDS);
export const CaseStatusEnum = asEnum(CASE_STATUSES);

registerEnumType(RoleEnum, {
  name: "Role",
  description: "What a principal may do is decided by its roles.",
});
registerEnumType(AgencyKindEnum, { name: "AgencyKind" });
registerEnumType(CaseStatusEnum, { name: "CaseStatus" });

export const CategoryEnum = asEnum(CATEGORIES);
export const CriterionEnum = asEnum(CRITERION_NAMES);
export const OutcomeEnum = asEnum(OUTCOMES);
export const DeathCircumstanceEnum = asEnum(DEATH_CIRCUMSTANCES);
export const AbuseKnowledgeEnum = asEnum(ABUSE_KNOWLEDGE);
export const NotificationStatusEnum = asEnum(NOTIFICATION_STATUSES);
export const ClockNameEnum = asEnum(["NATIONAL_PANEL_NOTIFICATION", "RAPID_REVIEW"] as const);
export const ClockStateEnum = asEnum(CLOCK_STATES);
export const DeadlineFilterEnum = asEnum(DEADLINE_FILTERS);
export const ReviewOutcomeEnum = asEnum(REVIEW_OUTCOMES);
export const OtherReviewGroundEnum = asEnum(OTHER_REVIEW_GROUNDS);
export const DecisionStateEnum = asEnum(DECISION_STATES);

registerEnumType(CategoryEnum, {
  name: "NotificationCategory",
  description:
    "§17: I death with abuse or neglect known or suspected; II death in the secure estate or police custody; III death in Tier 4 psychiatric provision; IV serious harm.",
});
registerEnumType(CriterionEnum, {
  name: "NotificationCriterion",
  description: "Each §17 criterion.",
});
registerEnumType(OutcomeEnum, { name: "IncidentOutcome" });
registerEnumType(DeathCircumstanceEnum, {
  name: "DeathCircumstance",
  description: "Death includes suspected suicide and self-harm (§17).",
});
registerEnumType(AbuseKnowledgeEnum, { name: "AbuseOrNeglectKnowledge" });
registerEnumType(NotificationStatusEnum, { name: "NotificationStatus" });
registerEnumType(ClockNameEnum, { name: "StatutoryClock" });
registerEnumType(ClockStateEnum, { name: "ClockState" });
registerEnumType(DeadlineFilterEnum, { name: "DeadlineFilter" });
registerEnumType(ReviewOutcomeEnum, { name: "ReviewOutcome" });
registerEnumType(OtherReviewGroundEnum, {
  name: "OtherReviewGround",
  description: "§24's grounds for a review or learning exercise other than an SCR.",
});
registerEnumType(DecisionStateEnum, { name: "DecisionState" });

export const SourceKindEnum = asEnum(SOURCE_KINDS);
export const PriorityEnum = asEnum(PRIORITIES);
export const RecommendationStatusEnum = asEnum(RECOMMENDATION_STATUSES);
export const RagEnum = asEnum(RAG_RATINGS);
export const ActionStatusEnum = asEnum(ACTION_STATUSES);
export const RevisitOutcomeEnum = asEnum(REVISIT_OUTCOMES);

registerEnumType(SourceKindEnum, {
  name: "LearningSourceKind",
  description: "The kind of learning activity a recommendation comes from.",
});
registerEnumType(PriorityEnum, { name: "BoardPriority" });
registerEnumType(RecommendationStatusEnum, {
  name: "RecommendationStatus",
  description:
    "PROPOSED -> ACCEPTED -> IN_PROGRESS -> IMPLEMENTED -> IMPACT_EVIDENCED -> CLOSED; PROPOSED or ACCEPTED -> REJECTED (with a reason); IMPLEMENTED -> CLOSED only by a board decision to close without evidence.",
});
registerEnumType(RagEnum, {
  name: "Rag",
  description:
    "Derived, never stored: RED past due; AMBER due within 14 days (the due date included); GREEN later; BLUE done.",
});
registerEnumType(ActionStatusEnum, { name: "ActionStatus" });
registerEnumType(RevisitOutcomeEnum, { name: "RevisitOutcome" });

export const ReviewKindEnum = asEnum(REVIEW_KINDS);
export const ReviewStatusEnum = asEnum(REVIEW_STATUSES);
export const FamilyRegimeEnum = asEnum(["STATUTORY", "CONSENT"] as const);
export const ReviewerKindEnum = asEnum(REVIEWER_KINDS);
export const PanelRoleEnum = asEnum(PANEL_ROLES);
export const ContributionKindEnum = asEnum(CONTRIBUTION_KINDS);
export const ContributionStatusEnum = asEnum(CONTRIBUTION_STATUSES);
export const ContributionOutcomeEnum = asEnum(["ACCEPTED", "RETURNED_WITH_QUESTIONS"] as const);
export const ContactMethodEnum = asEnum(CONTACT_METHODS);
export const ConsentStatusEnum = asEnum(CONSENT_STATUSES);
export const WithholdDecisionEnum = asEnum(["DELAY", "DO_NOT_PUBLISH"] as const);

registerEnumType(ReviewKindEnum, {
  name: "ReviewKind",
  description:
    "SERIOUS_CASE_REVIEW (§18–20); OTHER_INDEPENDENT_REVIEW of a serious incident below the SCR threshold; NEAR_MISS_REVIEW (§24 I); LEARNING_REVIEW, a learning or thematic review that may cover several cases; STRATEGIC_REVIEW, a review or audit of cases for the business plan (§24 III).",
});
registerEnumType(ReviewStatusEnum, {
  name: "ReviewStatus",
  description:
    "COMMISSIONED -> IN_PROGRESS -> DRAFT_REPORT -> ACCEPTED (the board) -> PUBLISHED or PUBLICATION_WITHHELD (§33) -> CLOSED; a draft report may go back to IN_PROGRESS (with a reason); a delayed publication is PUBLISHED later; a publication withdrawn is PUBLICATION_WITHHELD.",
});
registerEnumType(FamilyRegimeEnum, {
  name: "FamilyRegime",
  description:
    "STATUTORY: an SCR or near-miss review (§26–29): no family agreement or consent is sought; information goes to every participating agency. CONSENT: another review (§30–32): each family member's consent gates the sharing of the family's records.",
});
registerEnumType(ReviewerKindEnum, { name: "ReviewerKind" });
registerEnumType(PanelRoleEnum, {
  name: "PanelRole",
  description:
    "LEAD_REVIEWER and CO_REVIEWER come from the reviewer pool (§23; trained and current for an SCR); they and the PANEL_CHAIR are independent of the cases' agencies. PANEL_MEMBER: an agency's representative.",
});
registerEnumType(ContributionKindEnum, { name: "ContributionKind" });
registerEnumType(ContributionStatusEnum, {
  name: "ContributionStatus",
  description:
    "REQUESTED -> SUBMITTED -> ACCEPTED, or RETURNED_WITH_QUESTIONS -> SUBMITTED again. Owed (late after its due date) while REQUESTED or RETURNED_WITH_QUESTIONS.",
});
registerEnumType(ContributionOutcomeEnum, { name: "ContributionOutcome" });
registerEnumType(ContactMethodEnum, { name: "FamilyContactMethod" });
registerEnumType(ConsentStatusEnum, { name: "ConsentStatus" });
registerEnumType(WithholdDecisionEnum, {
  name: "WithholdDecision",
  description: "§33: DELAY publication (with a date to reconsider), or DO_NOT_PUBLISH.",
});

export const AgeGroupEnum = asEnum(AGE_GROUPS);
export const DisseminationMethodEnum = asEnum(DISSEMINATION_METHODS);
export const ChallengeOutcomeEnum = asEnum(CHALLENGE_OUTCOMES);
export const SearchOrderEnum = asEnum(SEARCH_ORDERS);
registerEnumType(AgeGroupEnum, { name: "AgeGroup", description: "The child's age group." });
registerEnumType(DisseminationMethodEnum, { name: "DisseminationMethod" });
registerEnumType(ChallengeOutcomeEnum, {
  name: "ChallengeOutcomeKind",
  description: "§16: a finding assured (with evidence), or a gap found (making a recommendation).",
});
registerEnumType(SearchOrderEnum, {
  name: "DigestSearchOrder",
  description: "RELEVANCE (with words; newest first among equals) or DATE (newest first).",
});
