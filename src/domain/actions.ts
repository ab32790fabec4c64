import { addDays, checkPastDate, checkPlanDate } from "./dates";
import type { Versioned } from "./entities";
import { ValidationError } from "./errors";
import { type Rag, rag } from "./rag";
import {
  ACCEPTED_STATUSES,
  acceptedOn,
  type Recommendation,
  type Recording,
  type SourceKind,
} from "./recommendations";
import { requiredText } from "./text";

/**
 * Actions that implement a recommendation (§35): an owning agency, a responsible person, a due
 * date and progress updates.
 */

export const ACTION_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "CANCELLED"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ["NOT_STARTED", "IN_PROGRESS"];

export interface ProgressUpdate {
  readonly id: string;
  readonly on: string;
  readonly text: string;
  readonly by: string;
  readonly at: string;
}

export interface Action extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly recommendationId: string;
  /** Copied from the recommendation, for lists by source kind. */
  readonly sourceKind: SourceKind;
  readonly owningAgencyId: string | null;
  readonly responsiblePerson: string;
  readonly description: string;
  readonly dueDate: string;
  readonly status: ActionStatus;
  readonly completedOn: string | null;
  /** Progress updates recorded (each its own record). */
  readonly updateCount: number;
  /** When the board accepted the recommendation: nothing of the action is dated before it. */
  readonly recommendationAcceptedOn: string;
  /** The date of the last change of status (null while never changed). */
  readonly statusOn: string | null;
}

export const MAX_PROGRESS_UPDATES = 200;

export const isOpenAction = (a: Pick<Action, "status">) => OPEN_ACTION_STATUSES.includes(a.status);

/** The earliest date the action's next step may carry: its last step, or the acceptance. */
const notBefore = (a: Action) =>
  a.statusOn && a.statusOn > a.recommendationAcceptedOn ? a.statusOn : a.recommendationAcceptedOn;

/** The first day the action was overdue: the day after its due date, while it is open. */
export function actionOverdueSince(a: Action, today: string): string | null {
  return isOpenAction(a) && today > a.dueDate ? addDays(a.dueDate, 1) : null;
}

export function actionRag(a: Action, today: string): Rag | null {
  if (a.status === "CANCELLED") return null;
  return rag(a.status === "COMPLETED", a.dueDate, today);
}

export interface NewActionInput {
  readonly owningAgencyId?: string | null;
  readonly responsiblePerson: string;
  readonly description: string;
  readonly dueDate: string;
}

/**
 * §35: an action on a recommendation the board has accepted (and not closed or rejected), due on
 * or after the day it was accepted.
 */
/** The most actions one recommendation takes (§35: a recommendation is a few pieces of work). */
export const MAX_ACTIONS = 50;

/** A recommendation counting one more action (refused at MAX_ACTIONS). */
export function countAction(r: Recommendation): Pick<Recommendation, "actionCount"> {
  if (r.actionCount >= MAX_ACTIONS)
    throw new ValidationError(
      "input.recommendationId",
      `A recommendation takes at most ${MAX_ACTIONS} actions`,
    );
  return { actionCount: r.actionCount + 1 };
}

export function newAction(
  r: Recommendation,
  input: NewActionInput,
  id: string,
  rec: Recording,
): Action {
  const accepted = acceptedOn(r);
  if (!accepted || !ACCEPTED_STATUSES.includes(r.status))
    throw new ValidationError(
      "input.recommendationId",
      `Actions are added to a recommendation the board has accepted; this one is ${r.status}`,
    );
  if (input.dueDate < accepted)
    throw new ValidationError(
      "input.dueDate",
      `The due date is before the recommendation was accepted (${accepted})`,
    );
  return {
    id: `${r.id}:${id}`,
    partnershipId: r.partnershipId,
    recommendationId: r.id,
    sourceKind: r.source.kind,
    owningAgencyId: input.owningAgencyId ?? null,
    responsiblePerson: requiredText(
      input.responsiblePerson,
      "input.responsiblePerson",
      "A responsible person",
    ),
    description: requiredText(input.description, "input.description", "A description"),
    dueDate: checkPlanDate(input.dueDate, rec.today, "input.dueDate"),
    status: "NOT_STARTED",
    completedOn: null,
    updateCount: 0,
    recommendationAcceptedOn: accepted,
    statusOn: null,
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

/** Status changes of an action: completed and cancelled are final; none is dated in the future. */
export function checkActionStatus(
  a: Action,
  to: ActionStatus,
  on: string,
  today: string,
  field = "input",
): Partial<Action> {
  checkPastDate(on, today, `${field}.on`);
  const earliest = notBefore(a);
  if (on < earliest)
    throw new ValidationError(
      `${field}.on`,
      `The date is before ${earliest}, the action's last step`,
    );
  if (!isOpenAction(a))
    throw new ValidationError(`${field}.status`, `A ${a.status} action cannot change status`);
  if (to === "NOT_STARTED" && a.status === "IN_PROGRESS")
    throw new ValidationError(
      `${field}.status`,
      "An action in progress cannot go back to not started",
    );
  return { status: to, completedOn: to === "COMPLETED" ? on : null, statusOn: on };
}

/** A progress update, optionally changing the status; at most MAX_PROGRESS_UPDATES of them. */
export function addProgress(
  a: Action,
  update: ProgressUpdate,
  status: ActionStatus | null | undefined,
  today: string,
): Partial<Action> {
  if (update.on < a.recommendationAcceptedOn)
    throw new ValidationError(
      "input.on",
      `The date is before the recommendation was accepted (${a.recommendationAcceptedOn})`,
    );
  if (a.updateCount >= MAX_PROGRESS_UPDATES)
    throw new ValidationError(
      "input",
      `An action takes at most ${MAX_PROGRESS_UPDATES} progress updates`,
    );
  const statusChange =
    status && status !== a.status ? checkActionStatus(a, status, update.on, today) : {};
  return { ...statusChange, updateCount: a.updateCount + 1 };
}

export interface ProgressInput {
  readonly text: string;
  readonly on: string;
  /** A new status with the update, if it changes. */
  readonly status?: ActionStatus | null;
}

/** A progress update as recorded (checked before the action is read). */
export function newProgressUpdate(
  input: ProgressInput,
  id: string,
  rec: Recording,
): ProgressUpdate {
  return {
    id,
    on: checkPastDate(input.on, rec.today, "input.on"),
    text: requiredText(input.text, "input.text", "The update"),
    by: rec.by,
    at: rec.at,
  };
}
