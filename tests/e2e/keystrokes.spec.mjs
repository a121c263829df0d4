// Issue 24: every keystroke kept. Drafts of the forms that wait for a button, typing that
// another tab's save never overwrites, link fields that hold a web address or nothing, and two
// tabs closing at once.
import { test, expect } from "@playwright/test";
import { deflateRawSync } from "node:zlib";
import { openNewEngagement } from "./helpers.mjs";

/** The stored engagement documents, parsed. */
async function storedEngagements(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("upgrade-planner.engagement."))
      .map((k) => JSON.parse(localStorage.getItem(k))));
}

/** The stored draft keys. */
async function draftKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("upgrade-planner.draft.")));
}

// Point 1: the plan, a consultation and the customer's name, typed and reloaded before their
// buttons, are still there; a second engagement never shows them; the button or "Discard draft"
// ends them; the engagement itself never holds them.
test("drafts of the plan, a consultation and the name survive a reload and Back, and end with their button or a discard", async ({ page }) => {
  await openNewEngagement(page, "Draft Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  await expect(page.getByText(/^Saved /)).toBeVisible();
  const [before] = await storedEngagements(page);

  await page.getByLabel("Plan link").fill("https://gitlab.example.com/draft/plan");
  await page.getByLabel("Plan summary").fill("Two nodes, then Geo.");
  await page.getByLabel("Plan date").fill("2026-12-10");
  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Quality" });
  await page.getByLabel("Question", { exact: true }).fill("Is Geo tested at 1k?");
  await page.getByLabel("Answer", { exact: true }).fill("Yes, weekly.");
  const name = page.getByLabel("Customer name");
  await name.click();
  await name.press("End");
  await name.pressSequentially(" Typed");
  await expect(name).toBeFocused(); // not left: nothing commits it
  await page.reload();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Draft Co");
  await expect(page.getByLabel("Customer name")).toHaveValue("Draft Co Typed");
  await expect(page.getByLabel("Plan link")).toHaveValue("https://gitlab.example.com/draft/plan");
  await expect(page.getByLabel("Plan summary")).toHaveValue("Two nodes, then Geo.");
  await expect(page.getByLabel("Plan date")).toHaveValue("2026-12-10");
  await expect(page.getByLabel("Team", { exact: true })).toHaveValue("quality");
  await expect(page.getByLabel("Question", { exact: true })).toHaveValue("Is Geo tested at 1k?");
  await expect(page.getByLabel("Answer", { exact: true })).toHaveValue("Yes, weekly.");
  await expect(page.getByRole("button", { name: "Discard draft" })).toHaveCount(3);
  // The engagement is as it was: no revision, no stage, no name taken from a draft.
  const [after] = await storedEngagements(page);
  expect(after.revision).toBe(before.revision);
  expect(after.customer_name).toBe("Draft Co");
  expect(JSON.stringify(after)).not.toContain("Geo");

  // Back, then into the engagement again: still there. Another engagement shows none of it.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await page.getByLabel("Customer name").fill("Other Co");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Other Co");
  await expect(page.getByLabel("Customer name")).toHaveValue("Other Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  await expect(page.getByLabel("Plan link")).toHaveValue("");
  await expect(page.getByLabel("Question", { exact: true })).toHaveValue("");
  await expect(page.getByRole("button", { name: "Discard draft" })).toHaveCount(0);
  await page.getByRole("link", { name: "All engagements" }).click();
  await page.getByRole("link", { name: "Draft Co", exact: true }).click();
  await expect(page.getByLabel("Plan summary")).toHaveValue("Two nodes, then Geo.");

  // Each button commits its draft and ends it; "Discard draft" throws the name's away.
  await page.getByRole("button", { name: "Record plan" }).click();
  await expect(page.getByText(/^Recorded on 2026-12-10 \(revision 1\)/)).toBeVisible();
  await page.getByRole("button", { name: "Add consultation" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: /^Quality: Is Geo tested at 1k\?/ })).toContainText("Answer: Yes, weekly.");
  await expect(page.getByLabel("Question", { exact: true })).toHaveValue("");
  await expect(page.getByRole("button", { name: "Discard draft" })).toHaveCount(1);
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByLabel("Customer name")).toHaveValue("Draft Co");
  await expect(page.getByLabel("Customer name")).toBeFocused();
  await expect(page.getByRole("button", { name: "Discard draft" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Customer name")).toHaveValue("Draft Co");
  await expect(page.getByLabel("Plan link")).toHaveValue("https://gitlab.example.com/draft/plan");
  expect(await draftKeys(page)).toEqual([]);
});

// Point 2: a name typed here and not applied stays when another tab saves; every other field
// follows; the same field changed there is named, not chosen silently.
test("typing in one tab is kept when another tab saves, and a clash is named at the field", async ({ context }) => {
  const first = await context.newPage();
  await openNewEngagement(first, "Tab Co");
  await expect(first.getByText(/^Saved /)).toBeVisible();
  const second = await context.newPage();
  await second.goto(first.url());
  await expect(second.getByRole("heading", { level: 1 })).toHaveText("Tab Co");

  await first.getByLabel("Customer name").fill("Tab Co Typed");
  await second.getByLabel("Current users").fill("3000");
  await expect(first.getByLabel("Current users")).toHaveValue("3000");
  await expect(first.getByLabel("Customer name")).toHaveValue("Tab Co Typed");

  await second.getByLabel("Customer name").fill("Tab Co Elsewhere");
  await second.getByRole("button", { name: "Rename" }).click();
  await expect(first.getByRole("heading", { level: 1 })).toHaveText("Tab Co Elsewhere");
  await expect(first.getByLabel("Customer name")).toHaveValue("Tab Co Typed");
  const clash = first.getByRole("status").filter({ hasText: "Changed in another tab: Tab Co Elsewhere" });
  await expect(clash).toBeVisible();
  await clash.getByRole("button", { name: "Use it" }).click();
  await expect(first.getByLabel("Customer name")).toHaveValue("Tab Co Elsewhere");
  await expect(clash).toHaveCount(0);
});

/** A return link as the customer's view makes one, carrying `answers` (by their link keys). */
function returnLink(origin, id, answers) {
  const json = JSON.stringify({ v: 1, id, r: 1, a: answers });
  return `${origin}/#r1.${deflateRawSync(Buffer.from(json)).toString("base64url")}`;
}

// Point 3: a link field holds a web address or nothing: typed, or in a return link.
test("a hostile return link is refused whole, and a link typed that is not a web address is not kept", async ({ page }) => {
  await openNewEngagement(page, "Link Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  const id = new URL(page.url()).pathname.split("/").pop();
  const hostile = "javascript:alert(document.domain)";

  // Typed: the message is next to the field, the text stays on screen, nothing is stored.
  const rollback = page.getByLabel("Rollback document (link)");
  await rollback.fill(hostile);
  await expect(page.locator("#rollback-link-error")).toHaveText(/^Enter a web address starting with https:\/\//);
  await expect(rollback).toHaveValue(hostile);
  await page.getByLabel("Plan link").fill(hostile);
  await page.getByRole("button", { name: "Record plan" }).click();
  await expect(page.locator("#plan-link-error")).toContainText("the plan was not recorded");
  await expect(page.getByLabel("Plan link")).toBeFocused();
  await rollback.fill("https://wiki.example.com/rollback");
  await expect(page.locator("#rollback-link-error")).toHaveText("");

  // A return link with javascript: as the rollback document and the diagram: refused whole.
  await page.goto(returnLink(new URL(page.url()).origin, id, { rl: hostile, dl: hostile, cn: "Walter" }));
  const main = page.getByRole("main");
  await expect(main).toContainText("The answer for “Rollback document (link)” is not a web address (https://…), so nothing from this return link was taken.");
  await expect(page.getByRole("button", { name: "Accept all" })).toHaveCount(0);
  expect(await page.locator("a[href^='javascript' i]").count()).toBe(0);
  const [stored] = await storedEngagements(page);
  expect(stored.coordination.intake.rollback_link).toBe("https://wiki.example.com/rollback");
  expect(stored.coordination.intake.diagram_link ?? "").toBe("");
  expect(stored.coordination.intake.contact_name ?? "").toBe("");
  expect(stored.coordination.plan ?? null).toBeNull();
});

// Point 4: two tabs with unsaved changes to one engagement close at once (their saves held up
// behind another tab's lock, so both run in the closing page, outside the lock): one version is
// stored, the other comes back as a copy the next time the app runs.
test("two tabs closing at once with unsaved changes: one is stored, the other kept as a copy", async ({ context }) => {
  const first = await context.newPage();
  await openNewEngagement(first, "Close Co");
  await expect(first.getByText(/^Saved /)).toBeVisible();
  const second = await context.newPage();
  await second.goto(first.url());
  await expect(second.getByRole("heading", { level: 1 })).toHaveText("Close Co");
  const home = await context.newPage();
  await home.goto("/");
  await expect(home.getByRole("link", { name: "Close Co", exact: true })).toBeVisible();
  // Another tab holds the save lock: neither tab's save can run before it closes.
  await home.evaluate(() => new Promise((held) => {
    navigator.locks.request("upgrade-planner.save", () => new Promise((release) => {
      window.releaseSaveLock = release;
      held();
    }));
  }));

  await first.getByLabel("Current users").fill("600");
  await second.getByLabel("Current users").fill("700");
  // `close` with `runBeforeUnload` does not wait for the page to go: both must be gone before
  // the lock is released, or a tab still alive takes the lock and saves in the ordinary way.
  const closed = Promise.all([first.waitForEvent("close"), second.waitForEvent("close")]);
  await Promise.all([first.close({ runBeforeUnload: true }), second.close({ runBeforeUnload: true })]);
  await closed;
  await home.evaluate(() => window.releaseSaveLock());

  await expect(home.getByRole("link", { name: "Close Co (copy)", exact: true })).toBeVisible();
  await expect(home.getByText("were kept as a copy, so neither was lost")).toBeVisible();
  const users = (await storedEngagements(home)).map((e) => e.sizing.current_users).sort();
  expect(users).toEqual(["600", "700"]);
  expect(await home.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("upgrade-planner.unsaved.")))).toEqual([]);
});
