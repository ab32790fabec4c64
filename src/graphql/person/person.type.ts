import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Person } from "../../domain/entities";
import type { RoleChange } from "../../domain/people";
import type { Role } from "../../domain/roles";
import { Connection } from "../common/connection";
import { Sized } from "../common/cost";
import { RoleEnum } from "../common/enums";
import { DateTime } from "../common/scalars";

@ObjectType("Person", { description: "A member of staff who uses the system." })
export class PersonType
  implements
    Omit<
      Person,
      // email (restricted) and agency are field resolvers; the sign-in identity stays inside.
      "email" | "agencyId" | "partnershipId" | "createdAt" | "updatedAt" | "identity"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => Boolean, {
    description: "A disabled person gets no token (tokens already issued end within the hour).",
  })
  enabled!: boolean;

  @Field(() => Int, { description: "Changes of roles recorded (see roleChanges)." })
  roleChangeCount!: number;

  @Field(() => Int)
  version!: number;
}

export const PersonConnection = Connection("Person", PersonType);

@ObjectType("RoleChange", {
  description: "A change of a person's roles: who, when, before, after.",
})
export class RoleChangeType implements Omit<RoleChange, "by"> {
  @Field(() => ID)
  id!: string;

  @Field(() => [RoleEnum])
  before!: Role[];

  @Field(() => [RoleEnum])
  after!: Role[];

  @Sized(500)
  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => DateTime)
  at!: string;
}

export const RoleChangeConnection = Connection("RoleChange", RoleChangeType);
