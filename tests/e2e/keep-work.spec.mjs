// Nothing a TAM types is lost: text is kept as it is typed, not only when the field is left.
import { test, expect } from "@playwright/test";
import { openNewEngagement } from "./helpers.mjs";

/** The stored engagement documents, parsed. */
async function storedEngagements(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("upgrade-planner.engagement."))
      .map((k) => JSON.parse(localStorage.getItem(k))));
}

test("notes typed without leaving the field survive a reload", async ({ page }) => {
  await openNewEngagement(page, "Wayne Enterprises");
  const notes = page.getByLabel("Internal notes");
  await notes.click();
  await notes.pressSequentially("Call Lucius before the window.");
  await page.getByLabel("Current environment").click();
  await page.getByLabel("Current environment").pressSequentially("One VM, 16 vCPU");
  // Still in the field: no change event has fired.
  await expect(page.getByLabel("Current environment")).toBeFocused();
  await page.waitForTimeout(1_000);
  await page.reload();
  await expect(page.getByLabel("Internal notes")).toHaveValue("Call Lucius before the window.");
  await expect(page.getByLabel("Current environment")).toHaveValue("One VM, 16 vCPU");
});

test("text typed, then the browser's Back button, is kept", async ({ page }) => {
  await openNewEngagement(page, "Stark Industries");
  await page.getByLabel("Current GitLab version").click();
  await page.getByLabel("Current GitLab version").pressSequentially("17.3.2");
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await page.getByRole("link", { name: "Stark Industries", exact: true }).click();
  await expect(page.getByLabel("Current GitLab version")).toHaveValue("17.3.2");
  await page.reload();
  await expect(page.getByLabel("Current GitLab version")).toHaveValue("17.3.2");
});

test("typing without a pause is still saved every few seconds", async ({ page }) => {
  await openNewEngagement(page, "Tyrell");
  const notes = page.getByLabel("Internal notes");
  await notes.click();
  const typing = notes.pressSequentially("x".repeat(60), { delay: 80 }); // about five seconds
  await page.waitForTimeout(3_500);
  const [stored] = await storedEngagements(page);
  expect((stored.internal_notes ?? "").length).toBeGreaterThan(10);
  await typing;
});
