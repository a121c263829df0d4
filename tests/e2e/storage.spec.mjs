// Storage that never loses work: two tabs on one engagement, and storage that refuses to save.
import { test, expect } from "@playwright/test";
import { openNewEngagement } from "./helpers.mjs";

test("a change in one tab shows in the other, and a concurrent one asks which to keep", async ({ context }) => {
  const first = await context.newPage();
  await openNewEngagement(first, "Massive Dynamic");
  await expect(first.getByText(/^Saved \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)).toBeVisible();
  const second = await context.newPage();
  await second.goto(first.url());
  await expect(second.getByRole("heading", { level: 1 })).toHaveText("Massive Dynamic");

  // One tab at a time: the other follows.
  await first.getByLabel("Current users").fill("3000");
  await expect(second.getByLabel("Current users")).toHaveValue("3000");
  await expect(second.getByRole("region", { name: "Recommended reference architecture" })).toContainText(
    "Up to 60 RPS or 3,000 users");
  await first.getByLabel("Customer name").fill("Massive Dynamic Inc");
  await first.getByRole("button", { name: "Rename" }).click();
  await expect(second.getByRole("heading", { level: 1 })).toHaveText("Massive Dynamic Inc");

  // Both at once (the second tab renames, the first follows within the save delay, before
  // the second tab's save reaches it): neither overwrites the other silently.
  await first.getByLabel("Customer name").fill("Named in the first tab");
  await second.getByLabel("Customer name").fill("Named in the second tab");
  const submit = () => document.getElementById("customer-name").form.requestSubmit();
  // Submitted one right after the other, well inside the save delay (300 ms): a wait here
  // let the second tab's save arrive first on a busy machine, and the test then timed nothing.
  await second.evaluate(submit);
  await first.evaluate(submit);
  const tab = first;
  await expect(tab.getByRole("alert").filter({ hasText: "was changed in another tab" })).toBeVisible();
  await expect(second.getByRole("alert").filter({ hasText: "was changed in another tab" })).toHaveCount(0);
  await expect(tab.getByText("Not saved")).toBeVisible();
  await tab.getByRole("button", { name: "Keep this tab's version" }).click();
  await expect(tab.getByRole("alert").filter({ hasText: "was changed in another tab" })).toHaveCount(0);
  await expect(tab.getByRole("heading", { level: 1 })).toBeFocused(); // not lost with the banner
  await expect(tab.getByText(/^Saved /)).toBeVisible();

  // Both versions survive: the kept one, and the other as a copy.
  const names = await tab.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("upgrade-planner.engagement."))
      .map((k) => JSON.parse(localStorage.getItem(k)).customer_name)
      .sort());
  expect(names).toEqual(["Named in the first tab", "Named in the second tab (copy)"]);
});

test("when storage refuses to save, the change stays on screen and a backup is offered", async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem("refuse") === "yes") {
      Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    }
  });
  await page.goto("/");
  await page.evaluate(() => sessionStorage.setItem("refuse", "yes"));
  await page.reload();
  await page.getByLabel("Customer name").fill("Soylent");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  const banner = page.getByRole("alert").filter({ hasText: "Changes are not being saved" });
  await expect(banner).toContainText("storage for this site is full");
  await expect(page.getByRole("heading", { level: 1, name: "Soylent" })).toBeVisible();
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    banner.getByRole("button", { name: "Download backup" }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^upgrade-planner-backup-/);
});

test("the app still opens when the browser denies storage altogether", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
    });
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Changes are not being saved" })).toContainText(
    "does not let the app use local storage");
  await page.getByLabel("Customer name").fill("Umbrella");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Umbrella" })).toBeVisible();
});
