import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Person } from "../../domain/entities";
import type { Role } from "../../domain/roles";
import { Connection } from "../common/connection";
import { RoleEnum } from "../common/enums";

@ObjectType("Person", { description: "A member of staff who uses the system." })
export class PersonType
  implements
    Omit<
      Person,
      // email (restricted) and agency are field resolvers.
      "email" | "agencyId" | "partnershipId" | "createdAt" | "updatedAt"
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

  @Field(() => Int)
  version!: number;
}

export const PersonConnection = Connection("Person", PersonType);
