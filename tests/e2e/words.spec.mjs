// Issue 37, point 6: focus and words at the hand-offs. The customer's download says what it
// gives, the banner says what is true above a form for sending answers, a failed Connect leads
// to its message, the engagement page has no two headings alike, and the GitLab fields are
// of one height.
import { test, expect } from "@playwright/test";
import { customerLink, openNewEngagement } from "./helpers.mjs";

test("the customer's page names its download and says truly what leaves it", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const link = await customerLink(page, "Words Co", "700");
  const customer = await browser.newContext({ serviceWorkers: "block" });
  const view = await customer.newPage();
  await view.goto(link);
  await expect(view.getByRole("button", { name: "Download the plan (Markdown)", exact: true })).toBeVisible();
  const banner = view.getByRole("note").filter({ hasText: "A read-only plan shared by your GitLab Technical Account Manager" });
  await expect(banner).toContainText("Nothing leaves this page unless you send it.");
  await expect(banner).not.toContainText("Nothing here is sent anywhere");
  await customer.close();
});

test("the engagement page has no two headings alike", async ({ page }) => {
  await openNewEngagement(page, "Headings Co");
  await page.getByLabel("Current users").fill("3000");
  await expect(page.getByRole("heading", { name: "Recommended reference architecture" }).first()).toBeVisible();
  const headings = (await page.locator("main h2, main h3").allTextContents()).map((h) => h.trim()).filter(Boolean);
  const twice = headings.filter((h, i) => headings.indexOf(h) !== i);
  expect(twice).toEqual([]);
});

test("a failed Connect moves the focus to its message, and the GitLab fields are of one height", async ({ page }) => {
  await page.goto("/");
  const region = page.getByRole("region", { name: "GitLab" });
  const height = async (label) => (await region.getByLabel(label, { exact: true }).boundingBox()).height;
  expect(await height("Access token")).toBe(await height("GitLab address"));
  expect(await height("Project")).toBe(await height("GitLab address"));
  // Nothing listens there: the connection fails.
  await region.getByLabel("GitLab address").fill("http://127.0.0.1:9");
  await region.getByLabel("Project", { exact: true }).fill("acme/plans");
  await region.getByLabel("Access token").fill("glpat-nothing");
  await region.getByRole("button", { name: "Connect" }).click();
  const failure = region.getByRole("alert").filter({ hasText: /./ }).last();
  await expect(failure).toBeVisible();
  await expect(failure).toBeFocused();
});

test("no risk line shows before a window is recorded, and the next action links to the field it names", async ({ page }) => {
  await openNewEngagement(page, "Next Co");
  const status = page.getByRole("region", { name: "Where it stands" });
  await expect(status.getByRole("heading", { name: "Risks for this window" })).toHaveCount(0);
  await expect(status).not.toContainText("None found");
  await status.getByRole("link", { name: /Enter the current users/ }).click();
  await expect(page.getByLabel("Current users")).toBeFocused();
  await page.getByLabel("Current users").fill("3000");
  await status.getByRole("link", { name: /Recommend Professional Services/ }).click();
  await expect(page.getByLabel("Professional Services recommended on")).toBeFocused();
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await status.getByRole("link", { name: /Record Professional Services' upgrade plan/ }).click();
  await expect(page.getByLabel("Plan link")).toBeFocused();
  // Once a window is recorded, its risks (or that none were found) show.
  await page.getByLabel("Maintenance window start").fill("2027-03-27T22:00");
  await page.getByLabel("Maintenance window start").blur();
  await expect(status.getByRole("heading", { name: "Risks for this window" })).toBeVisible();
});
