import { Arg } from "type-graphql";
import { ValidationError } from "../../domain/errors";

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * The `idempotencyKey` argument of create mutations: a retry with the same key (and the same
 * input) returns the first result and creates nothing new.
 */
export const IdempotencyKeyArg = () =>
  Arg("idempotencyKey", () => String, {
    nullable: true,
    description:
      "8-128 characters [A-Za-z0-9_.:-], unique per intended create. Required for partner systems.",
    validateFn: (value: unknown) => {
      if (value !== null && value !== undefined && !(typeof value === "string" && KEY.test(value)))
        throw new ValidationError(
          "idempotencyKey",
          "idempotencyKey must be 8-128 characters of [A-Za-z0-9_.:-]",
        );
    },
  });
