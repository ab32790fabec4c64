import { Field, ID, InputType } from "type-graphql";
import type { Role } from "../../domain/roles";
import type { InvitationInput } from "../../services/people";
import { RoleEnum } from "../common/enums";
import { MaxItems, Text } from "../common/input-limits";
import { VersionedRef } from "../common/refs.input";
import type { Assert, SameFields } from "../common/typing";

@InputType("InvitePersonInput", {
  description:
    "A member of staff to invite: their record, and a sign-in user that gets an invitation email.",
})
export class InvitePersonInput implements InvitationInput {
  @Text(200)
  name!: string;

  @Text(254, { description: "Their work email: they sign in with it." })
  email!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The agency they work for or represent: needed for AGENCY_LEAD and PRACTITIONER, optional for the board's roles.",
  })
  agencyId?: string | null;

  @Text(200, { nullable: true })
  jobTitle?: string | null;

  @Field(() => [RoleEnum], {
    description:
      "At least one; only roles you may grant (the Chair's office grants INDEPENDENT_CHAIR; an agency's lead, its own agency's roles). At most 9.",
  })
  @MaxItems(9)
  roles!: Role[];
}

@InputType("ChangePersonRolesInput")
export class ChangePersonRolesInput extends VersionedRef {
  @Field(() => [RoleEnum], {
    description:
      "The roles they hold from now: each role given or taken must be one you may grant. At most 9.",
  })
  @MaxItems(9)
  roles!: Role[];

  @Text(500, { nullable: true, description: "Why (kept with the change)." })
  reason?: string | null;
}

@InputType("PersonRefInput", { description: "A person, at the version you last read." })
export class PersonRefInput extends VersionedRef {}

export type _InputsMatchTheServices = [Assert<SameFields<InvitePersonInput, InvitationInput>>];
