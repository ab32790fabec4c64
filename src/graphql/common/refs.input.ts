import { Field, ID, InputType, Int } from "type-graphql";

/** Every mutation of an existing record names it as `input.id`. */
@InputType()
export class RecordRef {
  @Field(() => ID, { description: "The record's id." })
  id!: string;
}

/** An update that must not overwrite a change it has not seen: `input.expectedVersion`. */
@InputType()
export class VersionedRef extends RecordRef {
  @Field(() => Int, {
    description:
      "The version you last read. A stale one is CONFLICT (reason STALE_VERSION) and changes nothing.",
  })
  expectedVersion!: number;
}

/** The envelope fields an input adds to the domain input it carries. */
export type Envelope = "id" | "expectedVersion";
