import * as playwright from "@playwright/test";
import { createIdeaRow } from "../factories/ideas";
import { respondToIdea } from "~/modules/ideas/status.server";
import { accountActor, seedIdea, uniqueWord, userIdByEmail, withE2eDb } from "./data";
import { expect, expectAxeClean, lastMailTo, newResident, test } from "./helpers";

const choiceIn = (page: playwright.Page, group: string, choice: string) => page.getByRole("group", { name: group }).getByLabel(choice);

test("a reply reaches the comment's author: the bell, the centre, the e-mail and its one-click unsubscribe", async ({ browser, baseURL }) => {
  const word = uniqueWord("bell");
  const idea = seedIdea({ title: `Bell ${word}` });
  const ada = await newResident(browser, "Ada Follower");

  // Ada wants replies by e-mail at once (by default they only appear on the site).
  await ada.page.goto("/account/notifications");
  await expect(choiceIn(ada.page, "Replies to my comments", "No e-mail")).toBeChecked();
  await expectAxeClean(ada.page);
  await choiceIn(ada.page, "Replies to my comments", "E-mail at once").check();
  await ada.page.getByRole("button", { name: "Save my choices" }).click();
  await expect(ada.page.getByText("Your choices are saved.")).toBeVisible();

  await ada.page.goto(`/ideas/${idea.id}`);
  await ada.page.getByRole("button", { name: "Follow this idea" }).click();
  await expect(ada.page.getByRole("button", { name: "Following: stop" })).toBeVisible();
  await ada.page.getByLabel("Your comment", { exact: true }).fill(`Ada's point ${word}`);
  await ada.page.getByRole("button", { name: "Post comment" }).click();
  await expect(ada.page.locator(".thread .comment").first()).toContainText(`Ada's point ${word}`);

  const bo = await newResident(browser, "Bo Replier");
  await bo.page.goto(`/ideas/${idea.id}`);
  await bo.page.locator(".thread .comment").first().getByText("Reply", { exact: true }).click();
  await bo.page.getByLabel("Your reply").fill(`Bo answers ${word}`);
  await bo.page.getByRole("button", { name: "Post reply" }).click();
  await expect(bo.page.locator(".thread .thread")).toContainText(`Bo answers ${word}`);
  // Bo is told nothing of his own reply.
  await expect(bo.page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();

  // Ada: one unread, told once (not also as a comment on an idea she follows).
  await ada.page.goto("/");
  await ada.page.getByRole("link", { name: "Notifications: 1 unread" }).click();
  const item = ada.page.getByRole("link", { name: `Bo Replier replied to your comment on “Bell ${word}”` });
  await expect(item).toBeVisible();
  await expect(ada.page.locator(".notifications li")).toHaveCount(1);
  await expectAxeClean(ada.page);
  await item.click();
  await expect(ada.page).toHaveURL(new RegExp(`/ideas/${idea.id}(\\?page=1)?#comment-\\d+$`));
  await expect(ada.page.getByText(`Bo answers ${word}`)).toBeVisible();
  // Opening it marked it read.
  await ada.page.goto("/notifications");
  await expect(ada.page.getByText("0 unread notifications.")).toBeVisible();
  await expect(ada.page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();

  // The e-mail: both parts, the excerpt, and a one-click unsubscribe (RFC 8058).
  const mail = await lastMailTo(ada.email, { containing: "Bo Replier replied" });
  expect(mail.subject).toBe(`Bo Replier replied to your comment on “Bell ${word}”`);
  expect(mail.text).toContain(`Bo answers ${word}`);
  expect(mail.html).toContain(`Bo answers ${word}`);
  expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  const unsubscribe = mail.headers["list-unsubscribe"].replace(/^<|>$/g, "");
  expect(unsubscribe.startsWith(`${baseURL}/unsubscribe?token=`)).toBe(true);
  // What a mail program does: a POST without any session or browser headers.
  const mailProgram = await playwright.request.newContext();
  const response = await mailProgram.post(unsubscribe, { form: { "List-Unsubscribe": "One-Click" } });
  expect(response.status()).toBe(200);
  await mailProgram.dispose();
  await ada.page.goto("/account/notifications");
  await expect(choiceIn(ada.page, "Replies to my comments", "No e-mail")).toBeChecked();
  await expect(choiceIn(ada.page, "My ideas and comments", "E-mail at once")).toBeChecked();
  await ada.context.close();
  await bo.context.close();
});

test("in French: the city's answer on my idea, in the centre, in the e-mail and on the unsubscribe page", async ({ browser }) => {
  const word = uniqueWord("cloche");
  const lea = await newResident(browser, "Léa Autrice", { locale: "fr-FR" });
  const idea = withE2eDb((db) => createIdeaRow(db, userIdByEmail(lea.email), { title: `Des bancs ${word}` }));
  withE2eDb((db) => respondToIdea(db, accountActor("council"), { ideaId: idea.id, status: "under_review", body: "Nous **étudions** votre idée." }));

  await lea.page.goto("/notifications");
  const item = lea.page.getByRole("link", { name: `La ville a répondu à votre idée « Des bancs ${word} »` });
  await expect(item).toBeVisible();
  await expectAxeClean(lea.page);
  await lea.page.goto("/account/notifications");
  await expectAxeClean(lea.page);

  const mail = await lastMailTo(lea.email, { containing: word });
  expect(mail.subject).toBe(`La ville a répondu à votre idée « Des bancs ${word} »`);
  expect(mail.html).toContain("<strong>étudions</strong>");
  expect(mail.text).toContain("« À l’étude »");
  const link = mail.text.match(/https?:\/\/\S+\/unsubscribe\?token=[\w.-]+/)![0];
  await lea.page.goto(link);
  await expectAxeClean(lea.page);
  await lea.page.getByRole("button", { name: "Ne plus recevoir ces e-mails" }).click();
  await expect(lea.page.getByText("C’est fait : vous ne recevrez plus ces e-mails.")).toBeVisible();
  await lea.page.goto("/account/notifications");
  await expect(choiceIn(lea.page, "Mes idées et commentaires", "Pas d’e-mail")).toBeChecked();
  await lea.context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the centre, marking read and the settings all work", async ({ browser }) => {
    const word = uniqueWord("nojsbell");
    const nia = await newResident(browser, "Nia NoScript", { javaScriptEnabled: false });
    const first = withE2eDb((db) => createIdeaRow(db, userIdByEmail(nia.email), { title: `First ${word}` }));
    const second = withE2eDb((db) => createIdeaRow(db, userIdByEmail(nia.email), { title: `Second ${word}` }));
    for (const idea of [first, second]) withE2eDb((db) => respondToIdea(db, accountActor("council"), { ideaId: idea.id, body: "Thank you." }));

    await nia.page.goto("/");
    await nia.page.getByRole("link", { name: "Notifications: 2 unread" }).click();
    await nia.page.getByRole("button", { name: `Mark as read: The city answered your idea “First ${word}”` }).click();
    await expect(nia.page.getByText("1 unread notification.")).toBeVisible();
    await nia.page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(nia.page.getByText("0 unread notifications.")).toBeVisible();
    await expect(nia.page.getByRole("link", { name: `The city answered your idea “Second ${word}”` })).toBeVisible();

    await nia.page.getByRole("link", { name: "Choose what reaches you by e-mail" }).click();
    await choiceIn(nia.page, "Comments on ideas I follow", "No e-mail").check();
    await nia.page.getByRole("button", { name: "Save my choices" }).click();
    await expect(nia.page.getByText("Your choices are saved.")).toBeVisible();
    await nia.page.reload();
    await expect(choiceIn(nia.page, "Comments on ideas I follow", "No e-mail")).toBeChecked();
    await nia.context.close();
  });
});
