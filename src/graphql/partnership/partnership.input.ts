import { Field, InputType } from "type-graphql";
import type { AgencyKind } from "../../domain/entities";
import { MAX_FIRST_AGENCIES, type NewPartnershipInput } from "../../services/partnerships";
import { AgencyKindEnum } from "../common/enums";
import { MaxItems, Text } from "../common/input-limits";
import type { Assert, SameFields } from "../common/typing";

@InputType("NewAgencyInput")
export class NewAgencyInput {
  @Text(200)
  name!: string;

  @Field(() => AgencyKindEnum)
  kind!: AgencyKind;
}

@InputType("FirstAdminInput", {
  description: "The partnership's first business-unit user: they invite everyone else.",
})
export class FirstAdminInput {
  @Text(200)
  name!: string;

  @Text(254)
  email!: string;
}

@InputType("FirstChairInput", {
  description:
    "The partnership's Independent Chair, appointed at set-up: only a Chair grants the Chair's role, so a partnership set up without one cannot give it later.",
})
export class FirstChairInput {
  @Text(200)
  name!: string;

  @Text(254)
  email!: string;
}

@InputType("CreatePartnershipInput")
export class CreatePartnershipInput implements NewPartnershipInput {
  @Text(40, { description: "Its public code: 2-40 lower-case letters, digits or hyphens." })
  code!: string;

  @Text(200)
  name!: string;

  @Text(500, { nullable: true })
  website?: string | null;

  @Field(() => [NewAgencyInput], {
    description: `Its member agencies (at most ${MAX_FIRST_AGENCIES}).`,
  })
  @MaxItems(MAX_FIRST_AGENCIES)
  agencies!: NewAgencyInput[];

  @Field(() => FirstAdminInput)
  admin!: FirstAdminInput;

  @Field(() => FirstChairInput, { nullable: true })
  chair?: FirstChairInput | null;
}

export type _InputsMatchTheServices = [
  Assert<SameFields<CreatePartnershipInput, NewPartnershipInput>>,
];
