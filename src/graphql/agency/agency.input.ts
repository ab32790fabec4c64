import { Field, ID, InputType, Int } from "type-graphql";
import type { Agency, AgencyKind } from "../../domain/entities";
import { AgencyKindEnum } from "../common/enums";
import { Text } from "../common/input-limits";
import type { Assert, SameFields } from "../common/typing";

type AgencyFields = Pick<Agency, "name" | "kind">;
type AgencyChanges = { [K in keyof AgencyFields]?: AgencyFields[K] | null };

@InputType("CreateAgencyInput")
export class CreateAgencyInput implements AgencyFields {
  @Text(200)
  name!: string;

  @Field(() => AgencyKindEnum)
  kind!: AgencyKind;
}

@InputType("UpdateAgencyInput")
export class UpdateAgencyInput implements AgencyChanges {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The version you last read; a stale one is a CONFLICT." })
  expectedVersion!: number;

  @Text(200, { nullable: true })
  name?: string | null;

  @Field(() => AgencyKindEnum, { nullable: true })
  kind?: AgencyKind | null;
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<CreateAgencyInput, AgencyFields>>,
  Assert<SameFields<Omit<UpdateAgencyInput, "id" | "expectedVersion">, AgencyChanges>>,
];
