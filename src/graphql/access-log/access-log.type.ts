import { Field, ID, ObjectType } from "type-graphql";
import type { AccessLogEntry } from "../../domain/entities";
import type { Role } from "../../domain/roles";
import { Connection } from "../common/connection";
import { RoleEnum } from "../common/enums";
import { DateTime } from "../common/scalars";

@ObjectType("AccessLogEntry", { description: "One read of a case's identifying details." })
export class AccessLogEntryType implements Omit<AccessLogEntry, "partnershipId"> {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTime)
  at!: string;

  @Field(() => ID)
  caseId!: string;

  @Field(() => ID, { description: "Who read: a person id, or a partner system's client id." })
  subject!: string;

  @Field(() => ID, { nullable: true })
  agencyId!: string | null;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => String, { description: "The GraphQL operation that read the details." })
  operation!: string;

  @Field(() => String)
  requestId!: string;
}

export const AccessLogConnection = Connection("AccessLogEntry", AccessLogEntryType);
