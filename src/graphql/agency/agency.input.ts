import { IsOptional, Length } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import type { AgencyKind } from "../../domain/entities";
import { AgencyKindEnum } from "../common/enums";

@InputType("CreateAgencyInput")
export class CreateAgencyInput {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => AgencyKindEnum)
  kind!: AgencyKind;
}

@InputType("UpdateAgencyInput")
export class UpdateAgencyInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The version you last read; a stale one is a CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => AgencyKindEnum, { nullable: true })
  kind?: AgencyKind | null;
}
