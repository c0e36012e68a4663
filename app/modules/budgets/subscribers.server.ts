import { afterCommit } from "~/modules/events/subscriber";
import { forgetProjectCards, forgetVotingCycles } from "./queries.server";

/** The cached project cards go when an idea's words or visibility change, or a project is submitted or reviewed. */
export const projectCardsSubscriber = afterCommit(
  "budgets.projectCards",
  ["idea.edited", "idea.statusChanged", "idea.merged", "content.hidden", "content.restored", "budget.projectChanged", "budget.cycleChanged", "budget.resultsPublished"],
  () => forgetProjectCards(),
);

/** The cached list of cycles in voting (the banner's) goes when an admin changes a cycle or closes voting. */
export const votingCyclesSubscriber = afterCommit("budgets.votingCycles", ["budget.cycleChanged"], () => forgetVotingCycles());
