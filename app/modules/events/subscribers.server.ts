import { endSessionsSubscriber } from "~/modules/auth/subscribers.server";
import { projectCardsSubscriber, votingCyclesSubscriber } from "~/modules/budgets/subscribers.server";
import { editedIdeaSubscriber, mergeClosesCaseSubscriber, reportCaseSubscriber, spamScoreSubscriber } from "~/modules/moderation/subscribers.server";
import { notificationsSubscriber, wakeSenderSubscriber } from "~/modules/notifications/subscribers.server";
import { commentCountSubscriber, responseRecordSubscriber, searchCacheSubscriber, supportThresholdSubscriber, timelineSubscriber } from "~/modules/ideas/subscribers.server";
import type { DomainEventType } from "./catalogue";
import type { Subscriber } from "./subscriber";

/**
 * Every subscriber of the app, in the order they run. A new feature attaches here, without
 * editing the commands whose events it reacts to.
 */
export const SUBSCRIBERS: readonly Subscriber[] = [
  endSessionsSubscriber,
  timelineSubscriber,
  commentCountSubscriber,
  supportThresholdSubscriber,
  reportCaseSubscriber,
  mergeClosesCaseSubscriber,
  editedIdeaSubscriber,
  // After the timeline: a notification points at the entry the timeline just wrote.
  notificationsSubscriber,
  searchCacheSubscriber,
  responseRecordSubscriber,
  projectCardsSubscriber,
  votingCyclesSubscriber,
  spamScoreSubscriber,
  wakeSenderSubscriber,
];

const index = new Map<string, Subscriber[]>();
for (const subscriber of SUBSCRIBERS) {
  for (const type of subscriber.on) {
    const key = `${subscriber.phase}:${type}`;
    index.set(key, [...(index.get(key) ?? []), subscriber]);
  }
}

export function subscribersFor(phase: Subscriber["phase"], type: DomainEventType): readonly Subscriber[] {
  return index.get(`${phase}:${type}`) ?? [];
}
