import { Field, ID, InputType } from "type-graphql";
import { MaxItems, Text } from "../common/input-limits";
import { VersionedRef } from "../common/refs.input";

@InputType("RegisterPartnerSystemInput")
export class RegisterPartnerSystemInput {
  @Field(() => ID, { description: "The agency it acts for, and only for." })
  agencyId!: string;

  @Text(200)
  name!: string;

  @Field(() => [String], {
    nullable: true,
    description:
      "The root operations it may call, among those a partner system may (default: all of them). At most 30.",
  })
  @MaxItems(30)
  allowedOperations?: string[] | null;
}

@InputType("PartnerSystemRefInput", {
  description: "A partner system, at the version you last read.",
})
export class PartnerSystemRefInput extends VersionedRef {}
