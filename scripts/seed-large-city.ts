// Builds a large city for load tests: 100,000 ideas, 1,000,000 votes, 300,000 comments and
// 20,000 residents by default. Deterministic (seeded PRNG), so two runs give comparable data.
// Usage: tsx scripts/seed-large-city.ts [--database data/large-city.db] [--ideas 100000]
//        [--votes 1000000] [--comments 300000] [--residents 20000] [--seed 20260101]
import fs from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { hashPassword } from "../app/modules/auth/password.server";
import { hotScore } from "../app/modules/ideas/ranking";
import { ideaExcerpt } from "../app/modules/ideas/excerpt.server";
import { renderMarkdown } from "../app/modules/markdown/render.server";
import { countCycle } from "../app/modules/budgets/count.server";
import { publishResults } from "../app/modules/budgets/publish.server";

const LARGE_CITY_PASSWORD = "large-city-2026";

const DAY = 86_400;

const DISTRICTS = [
  ["old-town", "Old Town", "Vieille ville"],
  ["riverside", "Riverside", "Bord de rivière"],
  ["north-hills", "North Hills", "Collines du nord"],
  ["station", "Station Quarter", "Quartier de la gare"],
  ["harbour", "Harbour", "Le port"],
  ["university", "University Quarter", "Quartier universitaire"],
] as const;

const CATEGORIES = [
  ["mobility", "Mobility", "Mobilité"],
  ["green-spaces", "Green spaces", "Espaces verts"],
  ["culture", "Culture", "Culture"],
  ["safety", "Safety", "Sécurité"],
  ["schools", "Schools and youth", "Écoles et jeunesse"],
  ["housing", "Housing", "Logement"],
  ["sport", "Sport and leisure", "Sport et loisirs"],
  ["cleanliness", "Cleanliness", "Propreté"],
] as const;

const STAFF = [
  ["admin@large.city", "Ada Admin", "admin"],
  ["moderator@large.city", "Mo Moderator", "moderator"],
  ["moderator2@large.city", "Mina Moderator", "moderator"],
  ["council@large.city", "Camille Council", "council"],
  ["council2@large.city", "Chris Council", "council"],
] as const;

const FIRST_NAMES = ["Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Gabrielle", "Hugo", "Inès", "Jules", "Karim", "Léa", "Manon", "Nathan", "Océane", "Paul", "Quentin", "Rosa", "Samir", "Théo", "Ursula", "Victor", "Wendy", "Yasmine", "Zoé", "Oliver", "Amelia", "George", "Isla", "Harry", "Mia", "Noah", "Sophie", "Lucas", "Camille", "Louis", "Jade", "Arthur", "Lina", "Adam"];
const LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright", "Roux", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine"];

// Fixed words ("bicycle", "library", "tramway", "parc") appear at known rates so searches find them.
const EN_VERBS = ["Create", "Build", "Improve", "Extend", "Repair", "Renovate", "Install", "Open", "Protect", "Light up", "Green", "Secure"];
const FR_VERBS = ["Créer", "Aménager", "Améliorer", "Prolonger", "Réparer", "Rénover", "Installer", "Ouvrir", "Protéger", "Éclairer", "Végétaliser", "Sécuriser"];
const EN_OBJECTS = ["a bicycle lane", "the library", "a tramway stop", "the parc", "a playground", "public benches", "a drinking fountain", "the footpath", "a skate park", "street lighting", "a community garden", "bicycle parking", "the market hall", "a pedestrian crossing", "public toilets", "a recycling point", "shade trees", "a reading corner", "the sports field", "a bus shelter"];
const FR_OBJECTS = ["une piste cyclable", "la bibliothèque", "un arrêt de tramway", "le parc", "une aire de jeux", "des bancs publics", "une fontaine à boire", "le trottoir", "un skatepark", "l'éclairage public", "un jardin partagé", "un parking vélo", "la halle du marché", "un passage piéton", "des toilettes publiques", "un point de recyclage", "des arbres d'ombrage", "un coin lecture", "le terrain de sport", "un abri de bus"];
const PLACES = ["near the station", "rue Victor Hugo", "in Old Town", "place du Marché", "along the river", "avenue Jean Jaurès", "next to the school", "près de la mairie", "on Harbour Road", "quai des Brumes", "by the university", "près de l'école", "boulevard Pasteur", "in North Hills", "rue de la République", "behind the church", "près du collège"];
const EN_NOUNS = ["residents", "children", "families", "elderly people", "cyclists", "pedestrians", "students", "shop owners", "volunteers", "commuters", "dog owners", "neighbours", "tourists", "parents", "teenagers", "wheelchair users", "bus drivers", "runners", "gardeners", "musicians"];
const FR_NOUNS = ["habitants", "enfants", "familles", "aînés", "cyclistes", "piétons", "étudiants", "commerçants", "bénévoles", "riverains", "propriétaires de chiens", "voisins", "touristes", "parents", "adolescents", "personnes en fauteuil", "chauffeurs de bus", "coureurs", "jardiniers", "musiciens"];
const EN_GOOD = ["safer", "greener", "quieter", "friendlier", "more accessible", "cleaner", "livelier", "cooler in summer", "more welcoming", "sustainable"];
const FR_GOOD = ["sûr", "vert", "calme", "agréable", "accessible", "propre", "vivant", "frais en été", "accueillant", "durable"];
const EN_BAD = ["dangerous", "crowded", "noisy", "dirty", "dark at night", "empty", "unpleasant", "flooded after rain", "too hot in summer", "hard to reach"];
const FR_BAD = ["dangereuse", "bruyante", "sale", "sombre le soir", "encombrée", "insupportable", "inondée après la pluie", "étouffante en été", "difficile d'accès", "compliquée"];
const EN_SENTENCES = [
  "Many {n} use this spot every day and the situation is {bad}.",
  "This would make the neighbourhood {good} for {n} and {n}.",
  "I propose a pilot with local {n} during the summer holidays.",
  "Right now the place is {bad}, especially for {n}.",
  "It would help {n} and {n} feel safe, and it costs little.",
  "Other cities tried this with great results for {n}.",
  "We collected signatures from {n} and {n} who support it.",
  "Please think about {n} and {n} when designing it.",
  "The estimated cost is about {k} thousand euros.",
  "It would make the street {good} and less {bad}.",
];
const FR_SENTENCES = [
  "Beaucoup de {n} passent ici chaque jour et la situation est {bad}.",
  "Cela rendrait le quartier plus {good} pour les {n} et les {n}.",
  "Je propose une expérimentation avec les {n} du quartier cet été.",
  "Aujourd'hui la rue est {bad}, surtout pour les {n}.",
  "Cela aiderait les {n} et les {n} à se sentir en sécurité.",
  "D'autres villes l'ont fait avec de bons résultats pour les {n}.",
  "Nous avons recueilli les signatures des {n} et des {n} du quartier.",
  "Merci de penser aux {n} et aux {n} dans la conception.",
  "Le coût estimé est d'environ {k} 000 euros.",
  "Le quartier serait plus {good} et la place moins {bad}.",
];
const FIXED_SENTENCES = [
  "A tramway line would connect us to the centre; le tramway changerait tout.",
  "Our bicycle commute is dangerous here, a proper bicycle route is needed.",
  "The library could open longer hours, la bibliothèque est pleine le samedi.",
  "Le parc manque de bancs et d'ombre, the parc deserves better care.",
];
const COMMENT_SENTENCES = [
  "I fully agree, this is long overdue.",
  "Je suis d'accord, c'est une excellente idée.",
  "Who will pay for the maintenance afterwards?",
  "Qui paiera l'entretien ensuite ?",
  "This would only move the traffic to the next street.",
  "Cela ne ferait que déplacer la circulation.",
  "My children walk here every morning, please do it.",
  "Mes enfants passent ici tous les matins.",
  "There is already something similar near the station.",
  "Il existe déjà quelque chose de semblable près de la gare.",
  "Could the council share the cost estimate?",
  "Le conseil pourrait-il publier une estimation ?",
  "Good idea but the location is wrong.",
  "Bonne idée mais mauvais emplacement.",
  "The tramway works will change all this anyway.",
  "A bicycle lane here would be great.",
];
const HIDDEN_REASONS = ["Off-topic", "Spam", "Personal information", "Hors sujet"];

const DEPARTMENTS = [
  ["transport", "Transport department", "Direction des transports"],
  ["parks", "Parks department", "Direction des parcs"],
  ["culture", "Culture department", "Direction de la culture"],
  ["public-works", "Public works", "Direction de la voirie"],
  ["education", "Education department", "Direction de l'éducation"],
  ["housing", "Housing department", "Direction du logement"],
] as const;
// Category (by position in CATEGORIES) -> department (by position in DEPARTMENTS).
const ROUTE_BY_CATEGORY = [0, 1, 2, 3, 4, 5, 2, 3];
const RESPONSES = [
  "Thank you for this idea. Our teams are **studying** it: feasibility, cost and who it helps.",
  "Merci pour cette idée. Nos équipes l'étudient : faisabilité, coût et publics concernés.",
  "The city will carry this out: works start next season.",
  "La ville va réaliser cette idée : les travaux commencent à la prochaine saison.",
  "After study, this is not possible here: the site is private land.",
  "Après étude, ce n'est pas possible ici : le terrain est privé.",
  "An update: the contractor has been chosen, and the budget confirmed.",
  "Un point d'étape : l'entreprise est choisie et le budget confirmé.",
];
// Each status's path through the lifecycle from "published" (the budget's steps are the budget's).
const PATHS: Record<string, string[]> = {
  under_review: ["under_review"],
  accepted: ["under_review", "accepted"],
  in_progress: ["under_review", "accepted", "in_progress"],
  completed: ["under_review", "accepted", "in_progress", "completed"],
  declined: ["under_review", "declined"],
  shortlisted: ["under_review"],
};
const REPORT_REASONS = ["spam", "offensive", "off_topic", "duplicate", "personal_information", "other"] as const;

// Listed status mix (cumulative weights); withdrawn and hidden ideas are chosen separately.
const STATUS_MIX: [string, number][] = [
  ["published", 0.8],
  ["under_review", 0.87],
  ["accepted", 0.9],
  ["in_progress", 0.93],
  ["completed", 0.95],
  ["shortlisted", 0.96],
  ["declined", 1],
];

/** mulberry32: a tiny, fast, seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Options = { database: string; ideas: number; votes: number; comments: number; residents: number; seed: number };

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      database: { type: "string", default: "data/large-city.db" },
      ideas: { type: "string", default: "100000" },
      votes: { type: "string", default: "1000000" },
      comments: { type: "string", default: "300000" },
      residents: { type: "string", default: "20000" },
      seed: { type: "string", default: "20260101" },
    },
  });
  const int = (name: string, raw: string, min: number) => {
    const n = Number(raw.replaceAll("_", ""));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min} (got "${raw}")`);
    return n;
  };
  return {
    database: values.database,
    ideas: int("ideas", values.ideas, 1),
    votes: int("votes", values.votes, 0),
    comments: int("comments", values.comments, 0),
    residents: int("residents", values.residents, 1),
    seed: int("seed", values.seed, 0),
  };
}

async function seedLargeCity(options: Options) {
  const started = performance.now();
  let stepStarted = started;
  const step = (label: string) => {
    const now = performance.now();
    console.log(`  ${label.padEnd(44)} ${((now - stepStarted) / 1000).toFixed(1).padStart(6)} s`);
    stepStarted = now;
  };
  const rand = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const between = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(options.database + suffix, { force: true });
  const db = openDatabase(options.database);
  applyMigrations(db);
  const sqlite = db.$client;
  console.log(`Seeding ${options.database}`);
  step("migrations");

  // Bulk-load settings, restored below: durability does not matter while the file is being built.
  const restore = {
    synchronous: sqlite.pragma("synchronous", { simple: true }),
    cacheSize: sqlite.pragma("cache_size", { simple: true }),
    tempStore: sqlite.pragma("temp_store", { simple: true }),
  };
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -1048576"); // 1 GiB
  sqlite.pragma("temp_store = MEMORY");

  // Fixed "now" (start of today, UTC): runs on the same day produce identical files.
  const now = Math.floor(Date.now() / 1000 / DAY) * DAY;
  const twoYearsAgo = now - 730 * DAY;

  // Places, only if the migrations did not already provide them.
  const insertPlaces = (table: "districts" | "categories", rows: readonly (readonly [string, string, string])[]) => {
    const count = sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    if (count === 0) {
      const insert = sqlite.prepare(`INSERT INTO ${table} (slug, name_en, name_fr) VALUES (?, ?, ?)`);
      for (const row of rows) insert.run(...row);
    }
    return sqlite.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as number[];
  };
  const districtIds = insertPlaces("districts", DISTRICTS);
  const categoryIds = insertPlaces("categories", CATEGORIES);

  // People: one Argon2id hash shared by every account.
  const passwordHash = await hashPassword(LARGE_CITY_PASSWORD);
  const makeId = () => {
    const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    let id = "";
    for (let i = 0; i < 16; i++) id += alphabet[Math.floor(rand() * 32)];
    return id;
  };
  const residentIds: string[] = [];
  const insertUser = sqlite.prepare(
    // Every account of the large city has confirmed its address (it may take part), on the day it was made.
    "INSERT INTO users (id, email, display_name, password_hash, role, home_district_id, locale, created_at, email_verified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  sqlite.transaction(() => {
    for (const [email, name, role] of STAFF) insertUser.run(makeId(), email, name, passwordHash, role, null, "en", twoYearsAgo - 30 * DAY, twoYearsAgo - 30 * DAY);
    for (let n = 1; n <= options.residents; n++) {
      const id = makeId();
      residentIds.push(id);
      const name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
      const createdAt = twoYearsAgo - 60 * DAY + Math.floor(rand() * 790 * DAY);
      insertUser.run(id, `resident${n}@large.city`, name, passwordHash, "resident", pick(districtIds), rand() < 0.55 ? "fr" : "en", createdAt, createdAt);
    }
  })();
  step(`users (${options.residents} residents, ${STAFF.length} staff)`);

  // Ideas, in creation order so ids grow with time, as they would in production.
  const ideaCount = options.ideas;
  const ideaCreated = new Float64Array(ideaCount);
  for (let i = 0; i < ideaCount; i++) ideaCreated[i] = twoYearsAgo + Math.floor(rand() * (now - twoYearsAgo - 3600));
  ideaCreated.sort();
  const residentCount = residentIds.length;
  const author = () => residentIds[Math.floor(residentCount * rand() ** 2)]; // a few prolific authors
  const fill = (template: string, french: boolean) =>
    template.replace(/\{(n|good|bad|k)\}/g, (_, slot: string) => {
      if (slot === "k") return String(between(2, 400));
      if (slot === "n") return pick(french ? FR_NOUNS : EN_NOUNS);
      return pick(slot === "good" ? (french ? FR_GOOD : EN_GOOD) : french ? FR_BAD : EN_BAD);
    });
  const insertIdea = sqlite.prepare(
    `INSERT INTO ideas (id, author_id, title, body, excerpt, category_id, district_id, latitude, longitude, estimated_cost, status,
       hidden_at, hidden_reason, listed, hot_score, first_response_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFollow = sqlite.prepare("INSERT INTO idea_follows (idea_id, user_id, created_at) VALUES (?, ?, ?)");
  // The FTS index is rebuilt once at the end, faster than the per-row trigger, which is put back
  // afterwards (a run that fails half-way leaves a file to throw away: run the script again).
  const ftsTrigger = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'ideas_fts_insert'").pluck().get() as string | undefined;
  if (ftsTrigger) sqlite.exec("DROP TRIGGER ideas_fts_insert");
  let unlisted = 0;
  sqlite.transaction(() => {
    for (let i = 0; i < ideaCount; i++) {
      const id = i + 1;
      const createdAt = ideaCreated[i];
      const french = rand() < 0.5;
      const title = `${pick(french ? FR_VERBS : EN_VERBS)} ${pick(french ? FR_OBJECTS : EN_OBJECTS)} ${pick(PLACES)}`.slice(0, 120);
      const sentences: string[] = [];
      const sentenceCount = between(3, 9);
      for (let s = 0; s < sentenceCount; s++) {
        const sameLanguage = rand() < 0.85 ? french : !french;
        sentences.push(fill(pick(sameLanguage ? FR_SENTENCES : EN_SENTENCES), sameLanguage));
      }
      if (rand() < 0.12) sentences.splice(between(0, sentences.length), 0, pick(FIXED_SENTENCES));
      const body = sentences.join(rand() < 0.3 ? "\n\n" : " ");
      const located = rand() < 0.6;
      let status = "published";
      const roll = rand();
      for (const [s, upTo] of STATUS_MIX) {
        if (roll < upTo) {
          status = s;
          break;
        }
      }
      let hiddenAt: number | null = null;
      let hiddenReason: string | null = null;
      let listed = 1;
      const hide = rand();
      if (hide < 0.01) {
        status = "withdrawn";
        listed = 0;
      } else if (hide < 0.02) {
        hiddenAt = Math.min(now, createdAt + between(1, 72) * 3600);
        hiddenReason = pick(HIDDEN_REASONS);
        listed = 0;
      }
      if (!listed) unlisted++;
      const responded = status !== "published" && status !== "withdrawn" ? Math.min(now, createdAt + between(1, 60) * DAY) : null;
      const authorId = author();
      insertIdea.run(
        id,
        authorId,
        title,
        body,
        ideaExcerpt(body),
        rand() < 0.97 ? pick(categoryIds) : null,
        rand() < 0.95 ? pick(districtIds) : null,
        located ? Math.round((45.76 + (rand() - 0.5) * 0.1) * 1e6) / 1e6 : null,
        located ? Math.round((4.84 + (rand() - 0.5) * 0.14) * 1e6) / 1e6 : null,
        rand() < 0.5 ? between(1, 500) * 1000 : null,
        status,
        hiddenAt,
        hiddenReason,
        listed,
        hotScore(0, 0, new Date(createdAt * 1000)),
        responded,
        createdAt,
      );
      insertFollow.run(id, authorId, createdAt);
    }
  })();
  step(`ideas (${ideaCount}, ${unlisted} withdrawn or hidden)`);

  // Votes per idea: Zipf-like popularity over a random ranking, capped at 60% of residents,
  // then a thin even layer so the total is exact.
  const cap = Math.max(1, Math.floor(residentCount * 0.6));
  const voteTotal = Math.min(options.votes, cap * ideaCount);
  if (voteTotal < options.votes) console.warn(`  (only ${voteTotal} unique votes fit: ${ideaCount} ideas x ${cap} voters)`);
  const ranks = Int32Array.from({ length: ideaCount }, (_, i) => i + 1);
  for (let i = ideaCount - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
  }
  const weights = Float64Array.from(ranks, (r) => 1 / r ** 0.9);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const voteCounts = new Int32Array(ideaCount);
  let allocated = 0;
  for (let i = 0; i < ideaCount; i++) {
    voteCounts[i] = Math.min(cap, Math.floor((voteTotal * weights[i]) / weightSum));
    allocated += voteCounts[i];
  }
  for (let i = Math.floor(rand() * ideaCount); allocated < voteTotal; i = (i + 1) % ideaCount) {
    if (voteCounts[i] < cap) {
      voteCounts[i]++;
      allocated++;
    }
  }
  // Distinct voters per idea: a partial Fisher-Yates shuffle of one shared permutation.
  const permutation = Int32Array.from({ length: residentCount }, (_, i) => i);
  const sampleResidents = (k: number, use: (index: number) => void) => {
    for (let j = 0; j < k; j++) {
      const r = j + Math.floor(rand() * (residentCount - j));
      const chosen = permutation[r];
      permutation[r] = permutation[j];
      permutation[j] = chosen;
      use(chosen);
    }
  };
  const insertVote = sqlite.prepare("INSERT INTO idea_votes (idea_id, user_id, value, created_at) VALUES (?, ?, ?, ?)");
  const batch = 10_000; // ideas per transaction
  for (let start = 0; start < ideaCount; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(ideaCount, start + batch); i++) {
        const createdAt = ideaCreated[i];
        const upShare = Math.min(0.99, Math.max(0.3, 0.85 + (rand() - 0.5) * 0.3)); // mean 85% up, some controversy
        sampleResidents(voteCounts[i], (r) => {
          insertVote.run(i + 1, residentIds[r], rand() < upShare ? 1 : -1, createdAt + Math.floor((now - createdAt) * rand() ** 2));
        });
      }
    })();
  }
  step(`votes (${voteTotal})`);

  // Comments: popular ideas get more discussion. Threads: ~60% top level, replies to depth 2.
  const commentWeights = new Float64Array(ideaCount);
  let commentWeightSum = 0;
  for (let i = 0; i < ideaCount; i++) {
    commentWeightSum += voteCounts[i] + voteTotal / ideaCount / 3 + 0.5;
    commentWeights[i] = commentWeightSum;
  }
  const commentCounts = new Int32Array(ideaCount);
  for (let c = 0; c < options.comments; c++) {
    const x = rand() * commentWeightSum;
    let lo = 0;
    let hi = ideaCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (commentWeights[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    commentCounts[lo]++;
  }
  const insertComment = sqlite.prepare(
    "INSERT INTO comments (id, idea_id, author_id, parent_id, depth, body, stance, helpful_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertRating = sqlite.prepare("INSERT INTO comment_ratings (comment_id, user_id, created_at) VALUES (?, ?, ?)");
  let commentId = 0;
  let ratingCount = 0;
  for (let start = 0; start < ideaCount; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(ideaCount, start + batch); i++) {
        const k = commentCounts[i];
        if (k === 0) continue;
        const createdAt = ideaCreated[i];
        const times = Float64Array.from({ length: k }, () => createdAt + 60 + Math.floor((now - createdAt - 60) * rand() ** 1.5)).sort();
        const open: { id: number; depth: number }[] = []; // comments that may still get replies
        for (let c = 0; c < k; c++) {
          const id = ++commentId;
          // ~55% of the later comments reply (so ~60% of all are top level), to one of the 10 latest
          // comments that may still be answered, as conversations do.
          const recent = Math.min(10, open.length);
          const parent = recent > 0 && rand() < 0.55 ? open[open.length - 1 - Math.floor(rand() * recent)] : null;
          const depth = parent ? parent.depth + 1 : 0;
          if (depth < 2) open.push({ id, depth });
          const stanceRoll = rand();
          const stance = depth === 0 ? (stanceRoll < 0.4 ? "for" : stanceRoll < 0.65 ? "against" : "none") : stanceRoll < 0.15 ? "for" : stanceRoll < 0.25 ? "against" : "none";
          const helpful = Math.min(15, Math.floor(-Math.log(1 - rand()) * 0.8));
          const body = Array.from({ length: between(1, 3) }, () => pick(COMMENT_SENTENCES)).join(" ");
          insertComment.run(id, i + 1, residentIds[Math.floor(rand() * residentCount)], parent?.id ?? null, depth, body, stance, helpful, times[c]);
          sampleResidents(Math.min(helpful, residentCount), (r) => {
            insertRating.run(id, residentIds[r], Math.min(now, times[c] + between(60, 30 * DAY)));
          });
          ratingCount += Math.min(helpful, residentCount);
        }
      }
    })();
  }
  step(`comments (${commentId}), helpful ratings (${ratingCount})`);

  // A moderation queue as a busy city has it: about 10,000 open cases (one per reported item, 1-4
  // reports each, weights as track records give them) and a third as many already decided, each
  // decision in the public log.
  const insertReport = sqlite.prepare(
    "INSERT OR IGNORE INTO reports (target_type, target_id, reporter_id, reason, note, weight, resolved_at, outcome, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const targetCount = Math.min(15_000, Math.ceil(ideaCount / 6.5));
  const WEIGHTS = [0, 0.5, 1, 1, 1, 1.33, 1.6];
  let reportCount = 0;
  sqlite.transaction(() => {
    const seen = new Set<string>();
    for (let t = 0; t < targetCount; t++) {
      const onIdea = commentId === 0 || rand() < 0.5;
      const targetId = onIdea ? between(1, ideaCount) : between(1, commentId);
      const key = `${onIdea ? "i" : "c"}${targetId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const decided = rand() < 0.3;
      const outcome = decided ? (rand() < 0.6 ? "upheld" : "dismissed") : null;
      const firstAt = now - between(0, 120) * DAY - between(0, DAY - 1);
      const reasons = between(1, 4);
      for (let r = 0; r < reasons; r++) {
        const createdAt = Math.min(now, firstAt + r * between(600, 20_000));
        reportCount += insertReport.run(
          onIdea ? "idea" : "comment",
          targetId,
          residentIds[Math.floor(rand() * residentCount)],
          pick(REPORT_REASONS),
          rand() < 0.3 ? "Please check this." : null,
          pick(WEIGHTS),
          decided ? Math.min(now, firstAt + between(1, 72) * 3600) : null,
          outcome,
          createdAt,
        ).changes;
      }
    }
    const moderators = sqlite.prepare("SELECT id FROM users WHERE role = 'moderator' ORDER BY email").pluck().all() as string[];
    sqlite.exec(`INSERT INTO moderation_cases (target_type, target_id, idea_id, author_id, kind, status, score, report_count, spam_score, spam_signals, opened_at, last_report_at, decided_at, decided_by)
      SELECT r.target_type, r.target_id, CASE WHEN r.target_type = 'idea' THEN r.target_id ELSE c.idea_id END, coalesce(i.author_id, c.author_id), 'reports',
        CASE WHEN max(r.resolved_at) IS NULL THEN 'open' ELSE 'decided' END, sum(r.weight), count(*),
        CASE WHEN r.target_id % 9 = 0 THEN 4 WHEN r.target_id % 4 = 0 THEN 1 ELSE 0 END,
        CASE WHEN r.target_id % 9 = 0 THEN '["links","repeated"]' WHEN r.target_id % 4 = 0 THEN '["links"]' ELSE '["none"]' END,
        min(r.created_at), max(r.created_at), max(r.resolved_at),
        CASE WHEN max(r.resolved_at) IS NULL THEN NULL WHEN r.target_id % 2 = 0 THEN '${moderators[0]}' ELSE '${moderators[moderators.length - 1]}' END
      FROM reports r
      LEFT JOIN ideas i ON r.target_type = 'idea' AND i.id = r.target_id
      LEFT JOIN comments c ON r.target_type = 'comment' AND c.id = r.target_id
      WHERE coalesce(i.author_id, c.author_id) IS NOT NULL
      GROUP BY r.target_type, r.target_id`);
    sqlite.exec(`UPDATE reports SET case_id = (SELECT m.id FROM moderation_cases m WHERE m.target_type = reports.target_type AND m.target_id = reports.target_id)`);
    sqlite.exec(`INSERT INTO moderation_decisions (case_id, action, target_type, target_id, subject_id, public_reason, moderator_id, created_at)
      SELECT m.id, CASE WHEN r.outcome = 'upheld' THEN 'hidden' ELSE 'dismissed' END, m.target_type, CAST(m.target_id AS TEXT), m.author_id,
        CASE WHEN r.outcome = 'upheld' THEN CASE m.target_id % 3 WHEN 0 THEN 'Advertising, not an idea for the city.' WHEN 1 THEN 'Insults another resident.' ELSE 'Hors sujet : ce commentaire ne parle pas de l''idée.' END END,
        m.decided_by, m.decided_at
      FROM moderation_cases m JOIN reports r ON r.case_id = m.id AND r.id = (SELECT min(id) FROM reports WHERE case_id = m.id)
      WHERE m.status = 'decided' ORDER BY m.decided_at, m.id`);
    // Upheld items are hidden by a moderator with that reason (the full-text index is rebuilt at the end).
    const ftsUpdate = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'ideas_fts_update'").pluck().get() as string;
    sqlite.exec("DROP TRIGGER ideas_fts_update");
    sqlite.exec(`UPDATE ideas SET hidden_at = d.created_at, hidden_reason = d.public_reason, hidden_kind = 'moderator', listed = 0
      FROM moderation_decisions d WHERE d.action = 'hidden' AND d.target_type = 'idea' AND d.target_id = CAST(ideas.id AS TEXT)`);
    sqlite.exec(`UPDATE comments SET hidden_at = d.created_at, hidden_reason = d.public_reason, hidden_kind = 'moderator'
      FROM moderation_decisions d WHERE d.action = 'hidden' AND d.target_type = 'comment' AND d.target_id = CAST(comments.id AS TEXT)`);
    sqlite.exec(ftsUpdate);
  })();
  const openCases = sqlite.prepare("SELECT count(*) FROM moderation_cases WHERE status = 'open'").pluck().get() as number;
  const decidedCases = sqlite.prepare("SELECT count(*) FROM moderation_cases WHERE status = 'decided'").pluck().get() as number;
  step(`reports (${reportCount}), ${openCases} open cases, ${decidedCases} decided`);

  // Denormalised counters and the hot score, from the rows themselves.
  sqlite.function("hot_score", { deterministic: true }, (up, down, createdAt) => hotScore(Number(up), Number(down), new Date(Number(createdAt) * 1000)));
  sqlite.transaction(() => {
    sqlite.exec(`
      UPDATE ideas SET up_count = v.up, down_count = v.down, hot_score = hot_score(v.up, v.down, ideas.created_at)
      FROM (SELECT idea_id, sum(value = 1) AS up, sum(value = -1) AS down FROM idea_votes GROUP BY idea_id) AS v
      WHERE v.idea_id = ideas.id;
      UPDATE ideas SET comment_count = c.n
      FROM (SELECT idea_id, count(*) AS n FROM comments WHERE hidden_at IS NULL AND deleted_at IS NULL GROUP BY idea_id) AS c
      WHERE c.idea_id = ideas.id;
    `);
  })();
  step("counters and hot scores");

  // The city's work: departments and routing, answers on the timelines, the staff queue.
  const insertDepartment = sqlite.prepare("INSERT INTO departments (slug, name_en, name_fr) VALUES (?, ?, ?)");
  const departmentIds = DEPARTMENTS.map((d) => Number(insertDepartment.run(...d).lastInsertRowid));
  const insertRule = sqlite.prepare("INSERT INTO routing_rules (category_id, district_id, department_id) VALUES (?, NULL, ?)");
  sqlite.transaction(() => {
    sqlite.prepare("INSERT INTO routing_rules (category_id, district_id, department_id) VALUES (NULL, NULL, ?)").run(departmentIds[3]);
    categoryIds.forEach((c, i) => insertRule.run(c, departmentIds[ROUTE_BY_CATEGORY[i % ROUTE_BY_CATEGORY.length]]));
    sqlite.exec("UPDATE ideas SET department_id = coalesce((SELECT department_id FROM routing_rules r WHERE r.category_id = ideas.category_id), (SELECT department_id FROM routing_rules WHERE category_id IS NULL AND district_id IS NULL))");
    const staffIds = sqlite.prepare("SELECT id, email FROM users WHERE role = 'council'").all() as { id: string; email: string }[];
    const member = sqlite.prepare("INSERT INTO department_members (department_id, user_id) VALUES (?, ?)");
    for (const { id, email } of staffIds) for (const d of email.startsWith("council2") ? departmentIds.slice(0, 2) : departmentIds) member.run(d, id);
  })();
  const councilIds = sqlite.prepare("SELECT id FROM users WHERE role = 'council' ORDER BY email").pluck().all() as string[];
  const responseHtml = RESPONSES.map((r) => renderMarkdown(r));
  const insertEntry = sqlite.prepare(
    "INSERT INTO idea_timeline (idea_id, kind, actor_id, department_id, from_status, to_status, body, body_html, other_idea_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
  );
  let entries = 0;
  sqlite.transaction(() => {
    // Every idea was posted and routed.
    sqlite.exec("INSERT INTO idea_timeline (idea_id, kind, actor_id, created_at) SELECT id, 'posted', author_id, created_at FROM ideas");
    sqlite.exec("INSERT INTO idea_timeline (idea_id, kind, department_id, created_at) SELECT id, 'routed', department_id, created_at FROM ideas WHERE department_id IS NOT NULL");
    entries += 2 * ideaCount;
    const answered = sqlite.prepare("SELECT id, status, department_id AS departmentId, first_response_at AS firstAt, created_at AS createdAt FROM ideas WHERE first_response_at IS NOT NULL").all() as {
      id: number;
      status: string;
      departmentId: number | null;
      firstAt: number;
      createdAt: number;
    }[];
    const setWork = sqlite.prepare("UPDATE ideas SET queued_at = ?, queue_reason = ?, response_due_at = ?, queue_due_at = ?, last_response_at = ? WHERE id = ?");
    let busy = 0;
    for (const idea of answered) {
      const path = PATHS[idea.status] ?? ["under_review"];
      const queuedAt = Math.max(idea.createdAt, idea.firstAt - between(2, 40) * DAY);
      let at = idea.firstAt;
      let from = "published";
      for (const to of path) {
        const text = rand() < 0.8 || to === "declined" ? Math.floor(rand() * RESPONSES.length) : -1;
        insertEntry.run(idea.id, "status_changed", pick(councilIds), idea.departmentId, from, to, text >= 0 ? RESPONSES[text] : null, text >= 0 ? responseHtml[text] : null, at);
        entries++;
        from = to;
        at = Math.min(now, at + between(1, 30) * DAY);
      }
      // A share of long-running ideas with a busy history: up to 50 events in all.
      if (busy < Math.ceil(ideaCount / 500) && (idea.status === "in_progress" || idea.status === "under_review")) {
        busy++;
        for (let e = 0; e < 50 - 2 - path.length; e++) {
          const text = Math.floor(rand() * RESPONSES.length);
          insertEntry.run(idea.id, "responded", pick(councilIds), idea.departmentId, null, null, RESPONSES[text], responseHtml[text], Math.min(now, at + e * DAY));
          entries++;
        }
      }
      const decisionDue = idea.status === "under_review" ? idea.firstAt + 60 * DAY : null;
      setWork.run(queuedAt, pick(["threshold", "monthly_top", "manual"]), queuedAt + 30 * DAY, decisionDue, at, idea.id);
    }
    // Popular ideas with no answer yet wait in the queue (some past the promise).
    sqlite.exec(`UPDATE ideas SET queued_at = min(created_at + 3 * 86400, ${now}), queue_reason = 'threshold',
      response_due_at = min(created_at + 3 * 86400, ${now}) + 30 * 86400, queue_due_at = min(created_at + 3 * 86400, ${now}) + 30 * 86400
      WHERE status = 'published' AND listed = 1 AND first_response_at IS NULL AND up_count >= 25`);
  })();
  const insertTemplate = sqlite.prepare("INSERT INTO response_templates (status, locale, title, body, updated_at) VALUES (?, ?, ?, ?, ?)");
  for (const [status, locale, text] of [["under_review", "en", 0], ["under_review", "fr", 1], ["accepted", "en", 2], ["accepted", "fr", 3], ["declined", "en", 4], ["declined", "fr", 5]] as const) {
    insertTemplate.run(status, locale, RESPONSES[text].slice(0, 40), RESPONSES[text], now);
  }
  const waiting = sqlite.prepare("SELECT count(*) FROM ideas WHERE queue_due_at IS NOT NULL").pluck().get() as number;
  step(`the city's work (${DEPARTMENTS.length} departments, ${entries} timeline entries, ${waiting} ideas in the queue)`);

  // What the city's answers told people: resident1 follows 300 answered ideas (a long notification
  // centre to page through); every follower of an answered idea got a notification per answer,
  // read after a day unless it is from the last two weeks.
  sqlite.transaction(() => {
    const resident1 = sqlite.prepare("SELECT id FROM users WHERE email = 'resident1@large.city'").pluck().get() as string;
    sqlite
      .prepare("INSERT OR IGNORE INTO idea_follows (idea_id, user_id, created_at) SELECT id, ?, created_at FROM ideas WHERE first_response_at IS NOT NULL AND listed = 1 ORDER BY id LIMIT 300")
      .run(resident1);
    sqlite.exec(`INSERT INTO notifications (user_id, kind, group_name, idea_id, actor_id, data, count, email_fate, read_at, created_at, updated_at)
      SELECT f.user_id, CASE WHEN t.body IS NULL THEN 'idea_status' ELSE 'idea_answered' END,
        CASE WHEN f.user_id = i.author_id THEN 'own_ideas' ELSE 'followed_ideas' END, t.idea_id, t.actor_id,
        json_object('timelineId', t.id, 'from', coalesce(t.from_status, i.status), 'to', coalesce(t.to_status, i.status)), 1, 'off',
        CASE WHEN t.created_at < ${now} - 14 * 86400 THEN t.created_at + 86400 END, t.created_at, t.created_at
      FROM idea_timeline t JOIN ideas i ON i.id = t.idea_id JOIN idea_follows f ON f.idea_id = t.idea_id
      WHERE t.kind IN ('status_changed', 'responded')`);
    // The e-mails of the latest 2,000 (the admin outbox lists them).
    sqlite.exec(`INSERT INTO mail_messages (user_id, kind, data, status, attempts, next_attempt_at, created_at, sent_at)
      SELECT user_id, 'notification', json_object('notificationId', id), 'sent', 1, created_at, created_at, created_at + 5
      FROM notifications ORDER BY id DESC LIMIT 2000`);
  })();
  const notified = sqlite.prepare("SELECT count(*) FROM notifications").pluck().get() as number;
  step(`notifications (${notified}) and 2,000 sent e-mails`);

  // A participatory budget in its voting phase: a city-wide envelope with 150 ballot projects, one
  // envelope per district with 20 each, and 8,000 ballots already cast (resident1's among them).
  const budget = sqlite.transaction(() => {
    const realNow = Math.floor(Date.now() / 1000); // the database checks voting against its own clock
    const cycleId = sqlite
      .prepare(`INSERT INTO budget_cycles (slug, name, currency, method, winner_rule, tokens, max_tokens_per_project, residency_cutoff_at, collecting_at, reviewing_at, voting_at, voting_ends_at, created_at, updated_at)
        VALUES ('budget-large', 'Large city budget', 'EUR', 'tokens', 'equal_shares', 10, 5, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
      .pluck()
      .get(realNow - 20 * DAY, realNow - 60 * DAY, realNow - 30 * DAY, realNow - 5 * DAY, realNow + 25 * DAY, realNow - 60 * DAY, realNow - 60 * DAY) as number;
    const insertEnvelope = sqlite.prepare("INSERT INTO budget_envelopes (cycle_id, district_id, amount) VALUES (?, ?, ?) RETURNING id").pluck();
    const cityEnvelope = insertEnvelope.get(cycleId, null, 5_000_000) as number;
    const districtEnvelopes = districtIds.map((d) => [d, insertEnvelope.get(cycleId, d, 500_000) as number] as const);
    const candidates = sqlite.prepare("SELECT id, district_id FROM ideas WHERE listed = 1 AND status = 'published' ORDER BY id").all() as { id: number; district_id: number | null }[];
    const insertProject = sqlite.prepare(
      "INSERT INTO budget_projects (cycle_id, envelope_id, idea_id, feasibility, cost, review_note, review_note_html, shortlisted_at, reviewed_at, created_at) VALUES (?, ?, ?, 'feasible', ?, ?, ?, ?, ?, ?) RETURNING id",
    ).pluck();
    const shortlist = sqlite.prepare("UPDATE ideas SET status = 'shortlisted' WHERE id = ?");
    const note = "Checked by the departments concerned.";
    const used = new Set<number>();
    const take = (fits: (c: { id: number; district_id: number | null }) => boolean) => {
      for (;;) {
        const c = candidates[Math.floor(rand() * candidates.length)];
        if (!used.has(c.id) && fits(c)) {
          used.add(c.id);
          return c.id;
        }
      }
    };
    const project = (envelope: number, ideaId: number) => {
      shortlist.run(ideaId);
      return insertProject.get(cycleId, envelope, ideaId, between(20, 400) * 1_000, note, `<p>${note}</p>`, realNow - 10 * DAY, realNow - 10 * DAY, realNow - 40 * DAY) as number;
    };
    const cityProjects = Array.from({ length: 150 }, () => project(cityEnvelope, take(() => true)));
    for (const [district, envelope] of districtEnvelopes) for (let k = 0; k < 20; k++) project(envelope, take((c) => c.district_id === district));
    const insertBallot = sqlite.prepare("INSERT INTO ballots (envelope_id, receipt_code, source, cast_at) VALUES (?, ?, 'online', ?) RETURNING id").pluck();
    const insertChoice = sqlite.prepare("INSERT OR IGNORE INTO ballot_choices (ballot_id, project_id, tokens) VALUES (?, ?, ?)");
    const insertLink = sqlite.prepare("INSERT INTO ballot_voters (envelope_id, voter_id, ballot_id, source, voted_at) VALUES (?, ?, ?, 'online', ?)");
    const code = () => Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[Math.floor(rand() * 32)]).join("")).join("-");
    for (let v = 0; v < 8_000; v++) {
      const castAt = realNow - between(60, 5 * DAY);
      const ballotId = insertBallot.get(cityEnvelope, code(), castAt) as number;
      // Three projects drawn at random (a repeat keeps its first tokens: INSERT OR IGNORE).
      for (const tokens of [5, 3, 2]) insertChoice.run(ballotId, cityProjects[Math.floor(rand() * 150)], tokens);
      insertLink.run(cityEnvelope, residentIds[v], ballotId, castAt);
    }
    return { cycleId, projects: 150 + 20 * districtIds.length };
  })();
  step(`a budget in voting (${budget.projects} projects, 8,000 ballots)`);

  // Only public ideas are searchable (migration 0005); the index is filled once, from them.
  sqlite.exec("INSERT INTO ideas_fts(ideas_fts) VALUES('delete-all')");
  sqlite.exec("INSERT INTO ideas_fts(rowid, title, body) SELECT id, title, body FROM ideas WHERE listed = 1");
  if (ftsTrigger) sqlite.exec(ftsTrigger);
  step("full-text index");

  // Last year's budget, counted by the app (Equal Shares with completion) and published (after the
  // full-text index is whole: publishing changes ideas through the app's own commands): 100 ballot
  // projects, 20,000 ballots of 1-6 approvals, for the results page.
  const pastCycle = sqlite.transaction(() => {
    const realNow = Math.floor(Date.now() / 1000);
    const cycleId = sqlite
      .prepare(`INSERT INTO budget_cycles (slug, name, currency, method, winner_rule, tokens, min_approvals, max_approvals, residency_cutoff_at, collecting_at, reviewing_at, voting_at, voting_ends_at, created_at, updated_at)
        VALUES ('budget-large-2025', 'Large city budget 2025', 'EUR', 'approval', 'equal_shares', 10, 1, 6, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
      .pluck()
      .get(realNow - 420 * DAY, realNow - 450 * DAY, realNow - 420 * DAY, realNow - 400 * DAY, realNow + DAY, realNow - 450 * DAY, realNow - 450 * DAY) as number;
    const envelope = sqlite.prepare("INSERT INTO budget_envelopes (cycle_id, district_id, amount) VALUES (?, NULL, 3000000) RETURNING id").pluck().get(cycleId) as number;
    const pool = sqlite.prepare("SELECT id FROM ideas WHERE listed = 1 AND status = 'published' ORDER BY id DESC LIMIT 400").pluck().all() as number[];
    const insertProject = sqlite.prepare("INSERT INTO budget_projects (cycle_id, envelope_id, idea_id, feasibility, cost, shortlisted_at, reviewed_at, created_at) VALUES (?, ?, ?, 'feasible', ?, ?, ?, ?) RETURNING id").pluck();
    const shortlist = sqlite.prepare("UPDATE ideas SET status = 'shortlisted' WHERE id = ?");
    const projects = pool.filter((_, i) => i % 4 === 0).map((ideaId) => {
      shortlist.run(ideaId);
      return insertProject.get(cycleId, envelope, ideaId, between(30, 250) * 1_000, realNow - 410 * DAY, realNow - 410 * DAY, realNow - 440 * DAY) as number;
    });
    const insertBallot = sqlite.prepare("INSERT INTO ballots (envelope_id, receipt_code, source, cast_at) VALUES (?, ?, 'online', ?) RETURNING id").pluck();
    const insertChoice = sqlite.prepare("INSERT OR IGNORE INTO ballot_choices (ballot_id, project_id, tokens) VALUES (?, ?, 1)");
    for (let v = 0; v < 20_000; v++) {
      const ballotId = insertBallot.get(envelope, `L${v}`, realNow - 400 * DAY) as number;
      // Zipf-like popularity: low indexes are chosen far more often.
      for (let k = between(1, 6); k > 0; k--) insertChoice.run(ballotId, projects[Math.floor(projects.length * rand() ** 2.5)]);
    }
    sqlite.prepare("UPDATE budget_cycles SET voting_ends_at = ? WHERE id = ?").run(realNow - 390 * DAY, cycleId);
    return cycleId;
  })();
  const admin = { id: sqlite.prepare("SELECT id FROM users WHERE email = 'admin@large.city'").pluck().get() as string, role: "admin" as const };
  const counted = await countCycle(db, admin, pastCycle);
  if (!counted.ok) throw new Error(`count of last year's budget: ${counted.message}`);
  const published = publishResults(db, admin, pastCycle);
  if (!published.ok || !published.value.published) throw new Error(`publication of last year's budget: ${published.ok ? "waiting for a second admin" : published.message}`);
  step(`last year's budget counted and published (${published.value.funded} funded)`);


  // The city at work: a tracker row for every accepted, funded, in-progress or completed idea, three
  // dated updates on the busiest 200, and a few announcements.
  sqlite.transaction(() => {
    const realNow = Math.floor(Date.now() / 1000);
    sqlite.exec(`INSERT INTO project_trackers (idea_id, progress, spent, expected_at, updated_at)
      SELECT id, CASE status WHEN 'completed' THEN 100 WHEN 'in_progress' THEN 10 + (id % 80) ELSE 0 END, CASE status WHEN 'completed' THEN 40000 + (id % 200) * 1000 WHEN 'in_progress' THEN 5000 + (id % 100) * 500 ELSE 0 END,
        ${realNow} + (id % 300) * 86400, coalesce(last_response_at, created_at)
      FROM ideas WHERE listed = 1 AND status IN ('accepted', 'funded', 'in_progress', 'completed')`);
    const busiest = sqlite.prepare("SELECT id, status FROM ideas WHERE listed = 1 AND status IN ('in_progress', 'completed') ORDER BY up_count DESC LIMIT 200").all() as { id: number; status: string }[];
    const insertUpdate = sqlite.prepare("INSERT INTO project_updates (idea_id, author_id, body, body_html, progress, spent, photos, completes, created_at) VALUES (?, NULL, ?, ?, ?, ?, '[]', ?, ?)");
    const texts = ["Works have started on site.", "Half of the work is done; the rest follows the schedule.", "Finished and open to everyone."];
    for (const idea of busiest) {
      for (const [k, text] of texts.entries()) {
        if (k === 2 && idea.status !== "completed") break;
        insertUpdate.run(idea.id, text, renderMarkdown(text), [20, 60, 100][k], [10_000, 30_000, 60_000][k], k === 2 ? 1 : 0, realNow - (90 - k * 30) * DAY);
      }
    }
    const insertAnnouncement = sqlite.prepare("INSERT INTO announcements (title, body, body_html, district_id, link, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    for (let a = 0; a < 40; a++) {
      const body = `Announcement number ${a + 1}: **news** from the city.`;
      insertAnnouncement.run(`City news ${a + 1}`, body, renderMarkdown(body), a % 4 === 0 ? districtIds[a % districtIds.length] : null, a % 5 === 0 ? "/budgets/budget-large" : null, realNow - (40 - a) * DAY);
    }
  })();
  step("project trackers, 200 projects' updates, 40 announcements");

  sqlite.exec("ANALYZE");
  sqlite.pragma("optimize");
  step("ANALYZE, optimize");

  sqlite.pragma(`synchronous = ${restore.synchronous}`);
  sqlite.pragma(`cache_size = ${restore.cacheSize}`);
  sqlite.pragma(`temp_store = ${restore.tempStore}`);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  step("checkpoint");

  const counts = Object.fromEntries(
    ["users", "districts", "categories", "ideas", "idea_votes", "comments", "comment_ratings", "idea_follows", "reports", "moderation_cases", "moderation_decisions", "budget_projects", "ballots", "project_trackers", "project_updates", "announcements", "idea_timeline", "departments", "notifications"].map((t) => [
      t,
      sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number,
    ]),
  );
  sqlite.close();
  const seconds = (performance.now() - started) / 1000;
  const megabytes = fs.statSync(options.database).size / 1024 / 1024;
  console.log("Rows:", Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", "));
  console.log(`Done in ${seconds.toFixed(1)} s; ${options.database} is ${megabytes.toFixed(0)} MB.`);
  console.log(`Every account's password: ${LARGE_CITY_PASSWORD} (staff: ${STAFF.map((s) => s[0]).join(", ")}; residents: resident1@large.city ...)`);
  return counts;
}

await seedLargeCity(parseOptions(process.argv.slice(2)));
