import { Field, ID, ObjectType } from "type-graphql";
import type { Partnership } from "../../domain/entities";
import { DateTime } from "../common/scalars";

@ObjectType("Partnership", {
  description: "A local safeguarding children partnership (the tenant).",
})
export class PartnershipType implements Omit<Partnership, "version" | "updatedAt"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Short public code, e.g. `luton`." })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => DateTime)
  createdAt!: string;
}

@ObjectType("PublicPartnership", { description: "What anyone may know about a partnership." })
export class PublicPartnershipType implements Pick<Partnership, "code" | "name" | "website"> {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  website!: string | null;
}
