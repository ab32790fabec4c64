import { Field, ID, InputType } from "type-graphql";
import { MAX_AGENCIES_PER_CASE, MAX_FAMILY_MEMBERS } from "../../domain/cases";
import type { FamilyMember } from "../../domain/entities";
import type { CaseIdentityInput as CaseIdentityFields, NewCaseInput } from "../../services/cases";
import { MaxItems, Text } from "../common/input-limits";
import { VersionedRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";

@InputType("FamilyMemberInput")
export class FamilyMemberInput implements FamilyMember {
  @Text(200)
  name!: string;

  @Text(100)
  relationship!: string;
}

@InputType("CaseIdentityInput")
export class CaseIdentityInput implements CaseIdentityFields {
  @Text(200)
  childName!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: "Not in the future, and at most 25 years ago.",
  })
  dateOfBirth?: string | null;

  @Text(500, { nullable: true })
  address?: string | null;

  @Text(20, { nullable: true, description: "Ten digits; the check digit is verified." })
  nhsNumber?: string | null;

  @Field(() => [FamilyMemberInput], { nullable: true })
  @MaxItems(MAX_FAMILY_MEMBERS)
  familyMembers?: FamilyMemberInput[] | null;
}

@InputType("CreateCaseInput")
export class CreateCaseInput implements NewCaseInput {
  @Field(() => [ID], { description: "Agencies involved; a notifying agency includes itself." })
  @MaxItems(MAX_AGENCIES_PER_CASE)
  agencyIds!: string[];

  @Field(() => CaseIdentityInput)
  identity!: CaseIdentityInput;
}

@InputType("UpdateCaseIdentityInput")
export class UpdateCaseIdentityInput extends VersionedRef {
  @Field(() => CaseIdentityInput)
  identity!: CaseIdentityInput;
}

@InputType("SetCaseAgenciesInput")
export class SetCaseAgenciesInput extends VersionedRef {
  @Field(() => [ID])
  @MaxItems(MAX_AGENCIES_PER_CASE)
  agencyIds!: string[];
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<FamilyMemberInput, FamilyMember>>,
  Assert<SameFields<CaseIdentityInput, CaseIdentityFields>>,
  Assert<SameFields<CreateCaseInput, NewCaseInput>>,
];
