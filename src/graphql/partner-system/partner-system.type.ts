import { Field, ID, Int, ObjectType } from "type-graphql";
import type { PartnerSystem } from "../../domain/partner-systems";
import { Connection } from "../common/connection";
import { ListOf } from "../common/cost";
import { DateTime } from "../common/scalars";

@ObjectType("PartnerSystem", {
  description:
    "An agency's case-management system, registered to call the API with the OAuth client credentials flow (its app client's tokens act for this agency only).",
})
export class PartnerSystemType
  implements Omit<PartnerSystem, "partnershipId" | "agencyId" | "createdBy" | "updatedAt">
{
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "The app client id its tokens carry (`client_id`)." })
  clientId!: string;

  @ListOf(30)
  @Field(() => [String], { description: "The root operations it may call (at most 30)." })
  allowedOperations!: string[];

  @Field(() => Boolean, { description: "A stopped system's tokens are refused." })
  enabled!: boolean;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  createdAt!: string;
}

export const PartnerSystemConnection = Connection("PartnerSystem", PartnerSystemType);

@ObjectType("PartnerSystemRegistration", {
  description: "A system just registered, with its client secret: shown this once, never again.",
})
export class PartnerSystemRegistrationType {
  @Field(() => PartnerSystemType)
  partnerSystem!: PartnerSystemType;

  @Field(() => String, {
    nullable: true,
    description:
      "The app client's secret, for the system's configuration. Null when a retried registration is answered again: the API never keeps it.",
  })
  clientSecret!: string | null;
}
