// What the page benchmark (scripts/bench-pages.ts) measures. Every new page joins this table:
// adding one is one line. The trivial page (/privacy) is measured first and last by the runner and
// is the baseline of every ratio; it is not listed here.
//
// A target has:
//   name     short and unique; `--only` selects targets by it
//   path     computed from real rows, so the page shows data rather than an empty state. `d.one(sql)`
//            returns the first column of the first row and throws when there is none or the SQL
//            fails (a table or column that does not exist yet): the target is then skipped with a
//            printed note, and the rest still runs.
//   as       who is signed in: resident, moderator, council or admin (anonymous when absent)
//   method   "POST" for a write; the body is sent as application/x-www-form-urlencoded, with the
//            Origin header the server requires of every write
//   expect   non-2xx statuses that are the right answer for this target (e.g. [303]); any other
//            non-2xx response fails it
//   note     what the row is, printed beside it
//
// Examples of the lines later pages will be:
//   { name: "staff queue", as: "moderator", path: () => "/staff/queue" },

export const ROLES = ["resident", "moderator", "council", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The accounts scripts/seed-large-city.ts creates, one signed in per role the targets need. */
export const ACCOUNTS: Record<Role, string> = {
  resident: "resident1@large.city",
  moderator: "moderator@large.city",
  council: "council@large.city",
  admin: "admin@large.city",
};
export const PASSWORD = "large-city-2026";

export type Data = {
  /** The first column of the first row; throws when there is no row or the SQL fails. Cached per query. */
  one<T extends number | string = number>(sql: string, ...params: unknown[]): T;
  /** `--search WORD`, else the first of SEARCH_WORDS that occurs in the index. */
  searchWord(): string;
};

export type Target = {
  name: string;
  path: (d: Data) => string;
  as?: Role;
  method?: "GET" | "POST";
  body?: string;
  expect?: number[];
  note?: (d: Data) => string;
};

export const SEARCH_WORDS = ["tramway", "bicycle", "library", "parc"];

const BUSIEST_IDEA = "SELECT id FROM ideas WHERE listed = 1 ORDER BY up_count DESC, id LIMIT 1";
const MEDIAN_IDEA =
  "SELECT id FROM ideas WHERE listed = 1 ORDER BY comment_count, id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM ideas WHERE listed = 1)";
// Votes need an idea that is still open (not withdrawn, hidden or merged).
const MEDIAN_OPEN_IDEA =
  "SELECT id FROM ideas WHERE listed = 1 AND status NOT IN ('withdrawn', 'merged') ORDER BY comment_count, id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM ideas WHERE listed = 1 AND status NOT IN ('withdrawn', 'merged'))";
const LONGEST_TIMELINE =
  "SELECT t.idea_id FROM idea_timeline t JOIN ideas i ON i.id = t.idea_id WHERE i.listed = 1 GROUP BY t.idea_id ORDER BY count(*) DESC, t.idea_id LIMIT 1";
const mostUsed = (column: "category_id" | "district_id") =>
  `SELECT ${column} FROM ideas WHERE listed = 1 AND ${column} IS NOT NULL GROUP BY ${column} ORDER BY count(*) DESC LIMIT 1`;
const comments = (d: Data, sql: string) => d.one("SELECT count(*) FROM comments WHERE idea_id = ?", d.one(sql)).toLocaleString("en");
const matches = (d: Data) => d.one("SELECT count(*) FROM ideas_fts WHERE ideas_fts MATCH ?", `"${d.searchWord().replaceAll('"', "")}"`).toLocaleString("en");

export const TARGETS: Target[] = [
  { name: "idea list", path: () => "/ideas", note: () => "default sort (trending)" },
  { name: "filtered list", path: (d) => `/ideas?category=${d.one(mostUsed("category_id"))}&district=${d.one(mostUsed("district_id"))}&sort=newest`, note: () => "most used category + district, newest" },
  { name: "status filter", path: () => "/ideas?status=published", note: () => "status, default sort" },
  { name: "search", path: (d) => `/ideas?q=${encodeURIComponent(d.searchWord())}`, note: (d) => `"${d.searchWord()}", ${matches(d)} matches` },
  { name: "idea page", path: (d) => `/ideas/${d.one(BUSIEST_IDEA)}`, note: (d) => `most supported idea, ${comments(d, BUSIEST_IDEA)} comments` },
  { name: "typical idea", path: (d) => `/ideas/${d.one(MEDIAN_IDEA)}`, note: (d) => `median comment count, ${comments(d, MEDIAN_IDEA)} comments` },
  { name: "idea timeline", path: (d) => `/ideas/${d.one(LONGEST_TIMELINE)}`, note: (d) => `longest public timeline, ${d.one("SELECT count(*) FROM idea_timeline WHERE idea_id = ?", d.one(LONGEST_TIMELINE))} entries` },
  { name: "responses", path: () => "/responses", note: () => "the city's public response record" },
  { name: "staff queue", as: "council", path: () => "/staff", note: () => "default queue" },
  { name: "resident list", as: "resident", path: () => "/ideas", note: () => "signed in, default sort" },
  { name: "resident idea", as: "resident", path: (d) => `/ideas/${d.one(BUSIEST_IDEA)}`, note: () => "signed in, most supported idea" },
  { name: "notifications", as: "resident", path: () => "/notifications", note: (d) => `${d.one("SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = ?", ACCOUNTS.resident)} notifications, first page` },
  { name: "notification settings", as: "resident", path: () => "/account/notifications", note: () => "the e-mail choices form" },
  { name: "admin outbox", as: "admin", path: () => "/admin/outbox", note: () => "20 messages, subjects rendered" },
  { name: "outbox message", as: "admin", path: (d) => `/admin/outbox/${d.one("SELECT max(id) FROM mail_messages")}`, note: () => "one message, links hidden, its attempts" },
  { name: "moderation queue", as: "moderator", path: () => "/moderation", note: (d) => `${d.one("SELECT count(*) FROM moderation_cases WHERE status = 'open'").toLocaleString("en")} open cases, by score` },
  { name: "moderation oldest", as: "moderator", path: () => "/moderation?sort=oldest&type=comment", note: () => "comments only, oldest first" },
  { name: "moderation case", as: "moderator", path: (d) => `/moderation/cases/${d.one("SELECT id FROM moderation_cases WHERE status = 'open' ORDER BY report_count DESC, score DESC, id LIMIT 1")}`, note: () => "the most reported open case, its reports and the author's record" },
  { name: "moderation log", path: () => "/moderation/log", note: (d) => `public log, ${d.one("SELECT count(*) FROM moderation_decisions").toLocaleString("en")} decisions, first page` },
  { name: "budget list", path: () => "/budgets", note: () => "every cycle" },
  { name: "budget cycle", path: () => "/budgets/budget-large", note: (d) => `${d.one("SELECT count(*) FROM budget_projects WHERE shortlisted_at IS NOT NULL")} projects on its ballots, ballots cast per envelope` },
  { name: "ballot page", as: "resident", path: (d) => `/budgets/budget-large/vote/${d.one("SELECT id FROM budget_envelopes WHERE district_id IS NULL AND cycle_id = (SELECT id FROM budget_cycles WHERE slug = 'budget-large')")}`, note: () => "150 projects, resident1's recorded ballot" },
  { name: "my ballot", as: "resident", path: () => "/budgets/budget-large/ballot", note: () => "receipt, time and choices" },
  { name: "budget results", path: () => "/budgets/budget-large-2025/results", note: () => "100 projects, 20,000 voters, Equal Shares explanations" },
  { name: "project tracker", path: () => "/projects", note: (d) => `${d.one("SELECT count(*) FROM project_trackers").toLocaleString("en")} projects, first page` },
  { name: "tracker filtered", path: (d) => `/projects?status=completed&district=${d.one(mostUsed("district_id"))}`, note: () => "completed, one district" },
  { name: "project page", path: (d) => `/projects/${d.one("SELECT idea_id FROM project_updates GROUP BY idea_id ORDER BY count(*) DESC, idea_id LIMIT 1")}`, note: () => "a project with its updates" },
  { name: "home", path: () => "/", note: () => "the city at work: budget, announcements, answers, completed projects, trending" },
  { name: "resident home", as: "resident", path: () => "/", note: () => "signed in: own ideas, followed, ballot state" },
  { name: "announcements", path: () => "/announcements", note: () => "the archive, first page" },
  { name: "paper ballots", as: "council", path: () => "/budgets/budget-large/paper", note: () => "the city-wide envelope's 150 entry fields and the entry summary" },
  { name: "admin budgets", as: "admin", path: () => "/admin/budgets", note: () => "every cycle" },
  { name: "admin cycle", as: "admin", path: (d) => `/admin/budgets/${d.one("SELECT id FROM budget_cycles WHERE slug = 'budget-large'")}`, note: () => "the locked settings form" },
  // Writes last: an idea write starts a new search-cache generation. The same resident supports the
  // same idea every time (an upsert: the counts do not move after the first request).
  { name: "support vote", as: "resident", method: "POST", body: "value=up", path: (d) => `/ideas/${d.one(MEDIAN_OPEN_IDEA)}/support`, note: () => "POST value=up, JSON answer" },
];
