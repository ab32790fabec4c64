import { Field, Float, Int, ObjectType } from "type-graphql";
import type { EffectivenessRow } from "../../domain/effectiveness";
import type { SourceKind } from "../../domain/recommendations";
import { SourceKindEnum } from "../common/enums";
import { LocalDate } from "../common/scalars";

@ObjectType("EffectivenessRow", {
  description: "§37: how one kind of learning performed over a period.",
})
export class EffectivenessRowType implements EffectivenessRow {
  @Field(() => SourceKindEnum)
  sourceKind!: SourceKind;

  @Field(() => Int)
  recommendations!: number;

  @Field(() => Int, { description: "Implemented by their target date." })
  onTime!: number;

  @Field(() => Int, {
    description:
      "Implemented after their target date, or not implemented with the target date passed.",
  })
  late!: number;

  @Field(() => Int, {
    description: "Not implemented, target date today or later: neither on time nor late yet.",
  })
  notYetDue!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "onTime / (onTime + late), 0–1: those not yet due are left out. Null when none is on time or late.",
  })
  implementedOnTimeShare!: number | null;

  @Field(() => Float, { nullable: true })
  evidencedImpactShare!: number | null;

  @Field(() => Float, { nullable: true })
  medianDaysToImplementation!: number | null;
}

@ObjectType("LearningEffectiveness", {
  description: "§37: which forms of learning prove most effective.",
})
export class LearningEffectivenessType {
  @Field(() => LocalDate)
  from!: string;

  @Field(() => LocalDate)
  to!: string;

  @Field(() => [EffectivenessRowType], { description: "One row per kind of learning activity." })
  byKind!: EffectivenessRowType[];
}
