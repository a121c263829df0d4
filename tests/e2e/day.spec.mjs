// Issue 23: the TAM's day and the customer's part, at a glance.
import { test, expect } from "@playwright/test";
import { openNewEngagement } from "./helpers.mjs";

test.describe("in a browser on Chicago time", () => {
  test.use({ timezoneId: "America/Chicago" });

  // Point 9: labels say what they want; the time zone starts empty, the browser's suggested first.
  test("the intake's labels say what they want, and no time zone shows as chosen before one is", async ({ page }) => {
    await openNewEngagement(page, "Label Co");
    await page.getByLabel("Current users").fill("1500");
    const zone = page.getByLabel("Time zone");
    await expect(zone).toHaveValue("");
    await expect(zone.locator("option").nth(0)).toHaveText("Choose a time zone");
    await expect(zone.locator("option").nth(1)).toHaveText("America/Chicago (this browser's)");
    const intake = page.getByRole("region", { name: "What Support will ask for" });
    await expect(intake.getByRole("listitem").filter({ hasText: "The time zone of the maintenance window" })).toBeVisible();
    for (const label of [
      "Customer contact during the window (name)",
      "Customer contact during the window (email)",
      "Architecture diagram (link)",
      "Rehearsal result",
    ]) {
      await expect(intake.getByLabel(label, { exact: true })).toBeVisible();
    }
    // A window typed before a zone is chosen is on this browser's clock, and the zone is recorded.
    await page.getByLabel("Maintenance window start").fill("2027-01-16T22:00");
    await expect(zone).toHaveValue("America/Chicago");
    await expect(intake).toContainText("2027-01-16 22:00 (America/Chicago, UTC-06:00)");
    await expect(intake.getByRole("listitem").filter({ hasText: "The time zone of the maintenance window" })).toHaveCount(0);
  });
});

// Point 3: the TAM's review of a reply lines up, says what was applied and what follows.
test("the TAM's review of the customer's answers is a table that lines up, and says what follows once applied", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Review Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await page.getByLabel("Plan link").fill("https://gitlab.example.com/review/plan");
  await page.getByRole("button", { name: "Record plan" }).click();
  await page.getByLabel("Shared with Support on").fill("2026-11-28");
  await page.getByLabel("Shared with Support on").press("Tab");
  await page.getByRole("button", { name: "Share anyway" }).click();
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();

  const customer = await browser.newContext();
  const view = await customer.newPage();
  await view.goto(link);
  const part = view.getByRole("region", { name: "Your part" });
  await part.getByLabel("Customer contact during the window (name)").fill("Walter Skinner");
  await part.getByLabel("Rollback duration (hours)").fill("2");
  await view.getByRole("button", { name: "Send back to your TAM" }).click();
  const returned = await view.getByLabel("Return link").inputValue();
  await customer.close();

  await page.goto(returned);
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader")).toHaveText(["Field", "Recorded", "The customer's answer", "Accept"]);
  const row = table.getByRole("row").filter({ hasText: "Customer contact during the window (name)" });
  const cells = row.getByRole("cell");
  const recorded = await cells.nth(0).boundingBox();
  const answer = await cells.nth(1).boundingBox();
  expect(answer.x).toBeGreaterThan(recorded.x + recorded.width - 1);
  expect(Math.abs(answer.y - recorded.y)).toBeLessThan(2);
  await page.getByRole("button", { name: "Accept all" }).click();
  await expect(page.getByRole("status")).toContainText("Applied to the engagement: Customer contact during the window (name); Rollback duration (hours).");
  await expect(page.getByRole("status")).toBeFocused();
  await expect(page.getByText("Every answer in this reply is now applied.")).toBeVisible();
  await expect(page.getByText("Nothing is applied until you accept it.")).toHaveCount(0);
  await expect(page.locator(".next-action")).toContainText("Support was given the plan on 2026-11-28, before these answers: send Support the updated packet");
});
