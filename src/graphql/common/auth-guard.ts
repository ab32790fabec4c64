import { GraphQLError } from "graphql";
import { mayCallOperation } from "../../auth/policy";
import type { GraphQLContext } from "../context";

/**
 * Default deny at the root: the policy says which root operations an anonymous caller may reach
 * (every other needs a token), and which a partner system's registration allows. Only root
 * fields are checked (see guard.ts): nested ones are reached through them, and every service
 * asks the policy again for its own decisions.
 */
export function assertMayCall(context: GraphQLContext, operation: string): void {
  if (mayCallOperation(context.principal, operation)) return;
  if (context.principal === null)
    throw new GraphQLError("Authentication required", {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  throw new GraphQLError("This system's registration does not allow this operation", {
    extensions: { code: "FORBIDDEN" },
  });
}
