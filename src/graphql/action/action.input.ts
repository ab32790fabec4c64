import { Field, ID, InputType } from "type-graphql";
import type { ActionStatus, NewActionInput, ProgressInput } from "../../domain/actions";
import type { Rag } from "../../domain/rag";
import type { SourceKind } from "../../domain/recommendations";
import type { ActionFilter } from "../../services/learning/actions";
import { ActionStatusEnum, RagEnum, SourceKindEnum } from "../common/enums";
import { Text } from "../common/input-limits";
import { type Envelope, RecordRef, VersionedRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";

@InputType("CreateActionInput")
export class CreateActionInput implements NewActionInput {
  @Field(() => ID, { description: "The recommendation the action implements (accepted)." })
  recommendationId!: string;

  @Field(() => ID, { nullable: true, description: "Null for the board's own action." })
  owningAgencyId?: string | null;

  @Text(200)
  responsiblePerson!: string;

  @Text(5000)
  description!: string;

  @Field(() => LocalDate, {
    description:
      "On or after the day the board accepted the recommendation, at most 10 years ahead.",
  })
  dueDate!: string;
}

@InputType("UpdateActionStatusInput")
export class UpdateActionStatusInput extends VersionedRef {
  @Field(() => ActionStatusEnum, { description: "COMPLETED and CANCELLED are final." })
  status!: ActionStatus;

  @Field(() => LocalDate, {
    description:
      "On or after the recommendation's acceptance and the action's last change of status, not in the future.",
  })
  on!: string;
}

@InputType("ActionProgressInput", {
  description:
    "Takes no version: an update never overwrites anything. Partner systems send an idempotency key and may retry.",
})
export class ActionProgressInput extends RecordRef implements ProgressInput {
  @Text(2000)
  text!: string;

  @Field(() => LocalDate, {
    description: "On or after the day the recommendation was accepted, not in the future.",
  })
  on!: string;

  @Field(() => ActionStatusEnum, { nullable: true })
  status?: ActionStatus | null;
}

@InputType("ActionFilter", {
  description:
    "One of recommendationId, agencyId, status or sourceKind, narrowed by at most one of rag, overdue or dueFrom/dueTo.",
})
export class ActionFilterInput implements ActionFilter {
  @Field(() => ID, { nullable: true })
  recommendationId?: string | null;

  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => ActionStatusEnum, { nullable: true })
  status?: ActionStatus | null;

  @Field(() => SourceKindEnum, { nullable: true })
  sourceKind?: SourceKind | null;

  @Field(() => RagEnum, { nullable: true })
  rag?: Rag | null;

  @Field(() => Boolean, { nullable: true })
  overdue?: boolean | null;

  @Field(() => LocalDate, { nullable: true })
  dueFrom?: string | null;

  @Field(() => LocalDate, { nullable: true })
  dueTo?: string | null;
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<Omit<CreateActionInput, "recommendationId">, NewActionInput>>,
  Assert<SameFields<Omit<ActionProgressInput, Envelope>, ProgressInput>>,
  Assert<SameFields<ActionFilterInput, ActionFilter>>,
];
