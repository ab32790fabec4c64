import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Case, CaseIdentity, CaseStatus, FamilyMember } from "../../domain/entities";
import { Connection } from "../common/connection";
import { ListOf } from "../common/cost";
import { CaseStatusEnum } from "../common/enums";
import { DateTime, LocalDate } from "../common/scalars";

@ObjectType("FamilyMember")
export class FamilyMemberType implements FamilyMember {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  relationship!: string;
}

@ObjectType("CaseIdentity", {
  description:
    "Special-category personal data. Returned only to entitled roles; every read is access-logged.",
})
export class CaseIdentityType implements CaseIdentity {
  @Field(() => ID, { name: "id", description: "The case's id: one identity per case." })
  caseId!: string;

  @Field(() => String)
  childName!: string;

  @Field(() => LocalDate, { nullable: true })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  nhsNumber!: string | null;

  @ListOf(20)
  @Field(() => [FamilyMemberType])
  familyMembers!: FamilyMemberType[];
}

@ObjectType("Case", {
  description: "A child and family known to agencies, under a pseudonym.",
})
// agencyIds: shown as objects by the agencies field resolver.
export class CaseType implements Omit<Case, "agencyIds" | "partnershipId"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Non-identifying name used in board papers." })
  pseudonym!: string;

  @Field(() => CaseStatusEnum)
  status!: CaseStatus;

  @Field(() => Int, { description: "Send back as `expectedVersion` when updating." })
  version!: number;

  @Field(() => DateTime)
  createdAt!: string;

  @Field(() => DateTime)
  updatedAt!: string;
}

export const CaseConnection = Connection("Case", CaseType);
