import type { PreTokenGenerationTriggerEvent } from "aws-lambda";
import { clientOptionsFromEnv, createDocumentClient } from "../data/client";
import { Store } from "../data/store";
import { tableNamesFromEnv } from "../data/tables";
import { signInClaims } from "../services/sign-in";
import { log } from "../shared/logger";
import { inRequestScope } from "../shared/request-scope";

// Created once per container. Its role may read two key shapes only (serverless.yml).
const store = new Store(createDocumentClient(clientOptionsFromEnv()), tableNamesFromEnv());

/**
 * Cognito's pre-token-generation trigger: every ID token Cognito issues (sign-in, refresh) gets
 * the person's partnership, agency, roles and record id, from the Person record found by the
 * user's `sub`. An unknown, disabled or roleless person gets no token: throwing fails the sign-in
 * and Cognito shows the message. The groups claim is left out: roles live in the API only.
 */
export async function handler(
  event: PreTokenGenerationTriggerEvent,
): Promise<PreTokenGenerationTriggerEvent> {
  const identity = event.request.userAttributes.sub;
  if (!identity) throw new Error("The sign-in has no identity");
  return inRequestScope(`pre-token-${event.triggerSource}`, async () => {
    try {
      const claims = await signInClaims(store, identity);
      event.response.claimsOverrideDetails = {
        claimsToAddOrOverride: { ...claims },
        claimsToSuppress: ["cognito:groups"],
      };
      return event;
    } catch (err) {
      log("warn", "sign-in refused", {
        trigger: event.triggerSource,
        errorMessage: (err as Error).message,
      });
      throw new Error((err as Error).message);
    }
  });
}
