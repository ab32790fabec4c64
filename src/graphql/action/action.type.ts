import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Action, ActionStatus, ProgressUpdate } from "../../domain/actions";
import type { SourceKind } from "../../domain/recommendations";
import { Connection } from "../common/connection";
import { Sized } from "../common/cost";
import { ActionStatusEnum, SourceKindEnum } from "../common/enums";
import { DateTime, LocalDate } from "../common/scalars";

@ObjectType("ProgressUpdate")
export class ProgressUpdateType implements ProgressUpdate {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDate)
  on!: string;

  @Sized(2_000)
  @Field(() => String)
  text!: string;

  @Field(() => ID)
  by!: string;

  @Field(() => DateTime)
  at!: string;
}

@ObjectType("Action")
export class ActionType
  implements
    Omit<
      Action,
      "partnershipId" | "owningAgencyId" | "createdAt" | "recommendationAcceptedOn" | "statusOn"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  recommendationId!: string;

  @Field(() => SourceKindEnum)
  sourceKind!: SourceKind;

  @Field(() => String)
  responsiblePerson!: string;

  @Sized(5_000)
  @Field(() => String)
  description!: string;

  @Field(() => LocalDate)
  dueDate!: string;

  @Field(() => ActionStatusEnum)
  status!: ActionStatus;

  @Field(() => LocalDate, { nullable: true })
  completedOn!: string | null;

  @Field(() => Int, { description: "Progress updates recorded (see `updates`)." })
  updateCount!: number;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}

export const ActionConnection = Connection("Action", ActionType);
export const ProgressUpdateConnection = Connection("ProgressUpdate", ProgressUpdateType);
