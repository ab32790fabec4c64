import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Agency, AgencyKind } from "../../domain/entities";
import { Connection } from "../common/connection";
import { AgencyKindEnum } from "../common/enums";
import { DateTime } from "../common/scalars";

@ObjectType("Agency", { description: "A member agency of the partnership." })
export class AgencyType implements Omit<Agency, "partnershipId"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => AgencyKindEnum)
  kind!: AgencyKind;

  @Field(() => Int, { description: "Send back as `expectedVersion` when updating." })
  version!: number;

  @Field(() => DateTime)
  createdAt!: string;

  @Field(() => DateTime)
  updatedAt!: string;
}

export const AgencyConnection = Connection("Agency", AgencyType);
