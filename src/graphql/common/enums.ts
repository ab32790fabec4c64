import { registerEnumType } from "type-graphql";
import { AGENCY_KINDS, CASE_STATUSES } from "../../domain/entities";
import { ROLES } from "../../domain/roles";

const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const RoleEnum = asEnum(ROLES);
export const AgencyKindEnum = asEnum(AGENCY_KINDS);
export const CaseStatusEnum = asEnum(CASE_STATUSES);

registerEnumType(RoleEnum, {
  name: "Role",
  description: "What a principal may do is decided by its roles.",
});
registerEnumType(AgencyKindEnum, { name: "AgencyKind" });
registerEnumType(CaseStatusEnum, { name: "CaseStatus" });
