import { z } from "zod";
import { idField, optionalText, optionalWhole, requiredText } from "~/utils/validation";
import { CURRENCIES, FEASIBILITY, VOTING_METHODS, WINNER_RULES } from "./kinds";
import type { Choices } from "./ballot-rules";

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localTime = (required: boolean) => {
  const field = z.string({ error: "errors.required" }).trim().regex(LOCAL_TIME, "errors.budget.dateInvalid");
  return required ? field : field.optional();
};
const amount = optionalWhole(1, 100_000_000_000, "errors.budget.amount");

/**
 * An admin's cycle form. Times are the city's wall clock ("2027-03-01T09:00", converted with the
 * site's time zone by the command); envelopes are `envelopes.city` and `envelopes.d<districtId>`,
 * a blank amount meaning "no envelope".
 */
export const CycleFormSchema = z
  .object({
    name: requiredText({ min: 3, max: 120, tooLong: "errors.budget.nameLength", tooShort: "errors.budget.nameLength" }),
    slug: z
      .string({ error: "errors.required" })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9](?:[a-z0-9-]{1,58})[a-z0-9]$/, "errors.budget.slug"),
    currency: z.enum(CURRENCIES, { error: "errors.settings.currency" }),
    method: z.enum(VOTING_METHODS, { error: "errors.choiceInvalid" }),
    winnerRule: z.enum(WINNER_RULES, { error: "errors.choiceInvalid" }),
    tokens: optionalWhole(1, 1000, "errors.budget.tokens"),
    maxTokensPerProject: optionalWhole(1, 1000, "errors.budget.maxPerProject"),
    minApprovals: optionalWhole(1, 500, "errors.budget.approvals"),
    maxApprovals: optionalWhole(1, 500, "errors.budget.approvals"),
    minAccountAgeDays: optionalWhole(0, 3650, "errors.budget.accountAge"),
    // A checkbox: "yes" when ticked, absent otherwise.
    secondAdminPublishes: z.literal("yes", { error: "errors.choiceInvalid" }).optional(),
    residencyCutoffAt: localTime(true),
    collectingAt: localTime(true),
    reviewingAt: localTime(true),
    votingAt: localTime(true),
    votingEndsAt: localTime(true),
    implementingAt: localTime(false),
    closedAt: localTime(false),
    envelopes: z.record(z.string().regex(/^(city|d\d{1,9})$/), amount).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.method === "tokens" && v.tokens === undefined) ctx.addIssue({ code: "custom", path: ["tokens"], message: "errors.required" });
    if (v.method === "tokens" && v.tokens !== undefined && v.maxTokensPerProject !== undefined && v.maxTokensPerProject > v.tokens) {
      ctx.addIssue({ code: "custom", path: ["maxTokensPerProject"], message: "errors.budget.maxPerProject" });
    }
    if (v.method === "approval") {
      if (v.minApprovals === undefined) ctx.addIssue({ code: "custom", path: ["minApprovals"], message: "errors.required" });
      if (v.maxApprovals === undefined) ctx.addIssue({ code: "custom", path: ["maxApprovals"], message: "errors.required" });
      if (v.minApprovals !== undefined && v.maxApprovals !== undefined && v.maxApprovals < v.minApprovals) {
        ctx.addIssue({ code: "custom", path: ["maxApprovals"], message: "errors.budget.approvalsOrder" });
      }
    }
    const amounts = Object.values(v.envelopes ?? {}).filter((a) => a !== undefined);
    if (amounts.length === 0) ctx.addIssue({ code: "custom", path: ["envelopes.city"], message: "errors.budget.noEnvelope" });
  });
export type CycleForm = z.infer<typeof CycleFormSchema>;

export const CloseVotingSchema = z.object({ intent: z.literal("closeVoting"), confirm: z.literal("yes", { error: "errors.budget.confirmClose" }) });

/** A resident submits one of their ideas into a collecting cycle's envelope. */
export const SubmitIdeaSchema = z.object({
  ideaId: z.string({ error: "errors.budget.chooseIdea" }).regex(/^\d{1,15}$/, "errors.budget.chooseIdea").transform(Number),
  envelopeId: z.string({ error: "errors.budget.chooseEnvelope" }).regex(/^\d{1,15}$/, "errors.budget.chooseEnvelope").transform(Number),
});

/** Council staff's review of one submitted idea: feasibility, official cost, a public note, the shortlist. */
export const ProjectReviewSchema = z
  .object({
    projectId: idField,
    feasibility: z.enum(FEASIBILITY, { error: "errors.choiceInvalid" }),
    cost: optionalWhole(1, 100_000_000_000, "errors.budget.cost"),
    note: optionalText({ max: 2000, tooLong: "errors.budget.noteLength", multiline: true }),
    shortlist: z.literal("yes").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.feasibility === "infeasible" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "errors.budget.noteRequired" });
    if (v.shortlist && v.feasibility !== "feasible") ctx.addIssue({ code: "custom", path: ["shortlist"], message: "errors.budget.shortlistFeasible" });
    if (v.shortlist && v.cost === undefined) ctx.addIssue({ code: "custom", path: ["cost"], message: "errors.budget.costRequired" });
  });
export type ProjectReview = z.infer<typeof ProjectReviewSchema>;

// Tokens are typed or stepped by a person: digits only, no sign, no decimals, no exponent, no quotes.
const TOKEN_TEXT = /^(0|[1-9]\d{0,3})$/;
const TOKEN_FIELD = /^tokens-(\d{1,15})$/;

export const BALLOT_INTENTS = ["update", "review", "discard"] as const;
export const BallotIntentSchema = z.enum(BALLOT_INTENTS).catch("update");

export type ParsedChoices = { ok: true; choices: Choices } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * A ballot form's choices, strictly: tokens as `tokens-<projectId>` (whole numbers written as
 * digits; 0 or blank is "none"), approvals as repeated `project` values. A field sent twice, a
 * sign, a decimal point, an exponent or anything else is refused with the field named; whether
 * the projects are on this ballot is the command's to check.
 */
export function parseBallotChoices(form: FormData, method: (typeof VOTING_METHODS)[number]): ParsedChoices {
  const choices: Choices = new Map();
  const fieldErrors: Record<string, string[]> = {};
  if (method === "tokens") {
    const seen = new Set<string>();
    for (const [name, raw] of form.entries()) {
      const m = TOKEN_FIELD.exec(name);
      if (!m) continue;
      if (seen.has(name)) {
        fieldErrors[name] = ["errors.ballot.twice"];
        continue;
      }
      seen.add(name);
      const text = typeof raw === "string" ? raw.trim() : "";
      if (text === "") continue;
      if (!TOKEN_TEXT.test(text)) {
        fieldErrors[name] = ["errors.ballot.wholeTokens"];
        continue;
      }
      const n = Number(text);
      if (n > 0) choices.set(Number(m[1]), n);
    }
  } else {
    for (const raw of form.getAll("project")) {
      const text = typeof raw === "string" ? raw : "";
      if (!/^\d{1,15}$/.test(text)) {
        fieldErrors.project = ["errors.ballot.unknownProject"];
        continue;
      }
      const id = Number(text);
      if (choices.has(id)) fieldErrors.project = ["errors.ballot.twice"];
      choices.set(id, 1);
    }
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, choices };
}

export const ConfirmBallotSchema = z.object({ token: z.string({ error: "errors.invalidRequest" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "errors.invalidRequest") });

/** A paper ballot's serial as printed: its batch and its sequence number in the batch. */
export const PaperEntrySchema = z.object({
  intent: z.literal("enter"),
  envelopeId: idField,
  batch: z
    .string({ error: "errors.required" })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/, "errors.paper.batch"),
  sequence: z
    .string({ error: "errors.required" })
    .trim()
    .regex(/^[1-9]\d{0,6}$/, "errors.paper.sequence")
    .transform(Number),
});

export const PaperVoterSchema = z.object({
  intent: z.literal("mark"),
  envelopeId: idField,
  email: z.string({ error: "errors.required" }).trim().email("errors.emailInvalid").max(254, "errors.emailInvalid"),
});
