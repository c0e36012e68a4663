/** The statuses a project is tracked in: accepted by the city or funded by a budget, then built. Client-safe. */
export const TRACKED_STATUSES = ["accepted", "funded", "in_progress", "completed"] as const;
export type TrackedStatus = (typeof TRACKED_STATUSES)[number];

export const PROJECTS_PAGE_SIZE = 20;
