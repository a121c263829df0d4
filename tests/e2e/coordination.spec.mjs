// Coordination: from requirements to a finished migration, with the guardrails on the way.
import { test, expect } from "@playwright/test";
import { isoDate, openNewEngagement, createAndReturn } from "./helpers.mjs";
import { readFile } from "node:fs/promises";

function panel(page, name) {
  return page.getByRole("region", { name, exact: true });
}


test("6,000 users: Professional Services declined with confirmation, through to a done migration", async ({ page }) => {
  await openNewEngagement(page, "Umbrella Corp");
  const status = page.getByRole("region", { name: "Where it stands" });
  await expect(status).toContainText("Next action: Enter the current users");
  await expect(panel(page, "Professional Services")).toContainText("Complete the requirements first");
  await expect(page.getByLabel("Customer's decision")).toBeDisabled();

  await page.getByLabel("Current users").fill("6000");
  await page.getByLabel("Annual growth (%)").fill("0");
  await expect(status).toContainText("highly recommended at 5,000 users or more");
  await expect(panel(page, "Professional Services")).toContainText("at least three months");

  // Declining at 5,000+ asks first; cancelling changes nothing.
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("At 6,000 users");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Customer's decision")).toHaveValue("undecided");
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  await page.getByRole("alertdialog").getByRole("button", { name: "Confirm decline" }).click();
  await expect(page.getByLabel("Customer's decision")).toHaveValue("declined");

  const plan = panel(page, "Plan");
  await expect(plan).toContainText("Written by: The customer");
  await expect(plan).toContainText("does not produce a detailed hardware upgrade plan");
  const handovers = plan.getByRole("checkbox", { name: /^Handed over:/ });
  await expect(handovers.first()).toHaveAccessibleName("Handed over: Reference architecture: Up to 200 RPS or 10,000 users");
  const count = await handovers.count();
  for (let i = 0; i < count; i++) await handovers.nth(i).check();
  await expect(status).toContainText("Record the customer's upgrade plan");

  await page.getByLabel("Plan link").fill("https://example.com/acme-plan");
  await page.getByLabel("Plan summary").fill("10k on AWS, Linux package, cut over in one weekend");
  await page.getByRole("button", { name: "Record plan" }).click();
  await expect(status).toContainText("then share the plan with Support for review");

  const review = panel(page, "Support review");
  await review.getByLabel("Support ticket link").fill("https://support.example.com/tickets/42");
  await review.getByLabel("Support ticket link").press("Tab");
  // Nothing of Support's intake was collected: sharing anyway is asked, then logged.
  await expect(review.getByRole("alertdialog")).toContainText("Support will still ask for 10 items");
  await review.getByRole("button", { name: "Share anyway" }).click();
  await expect(status).toContainText("Wait for Support's feedback");
  await page.getByLabel("Support's feedback").selectOption({ label: "Approved" });
  await expect(status).toContainText("Agree the migration window");

  const migration = panel(page, "Migration");
  await expect(migration).toContainText("Support is the customer's primary contact");
  await expect(migration.getByRole("link", { name: "Open the Support ticket" })).toHaveAttribute(
    "href", "https://support.example.com/tickets/42");
  await page.getByLabel("Migration start").fill(isoDate(100));
  await page.getByLabel("Migration end").fill(isoDate(102));
  await page.getByLabel("Migration status").selectOption({ label: "Done" });
  await expect(status).toContainText("Nothing left to do");

  const log = page.getByRole("region", { name: "Activity log" });
  await expect(log).toContainText("declined Professional Services at 6,000 users (confirmed by the TAM)");
  await expect(log).toContainText("Stage: Migration → Done.");
  await expect(log.getByRole("listitem").first()).toContainText("Stage: Migration → Done.");

  await page.reload();
  await expect(status).toContainText("Nothing left to do");
  await page.getByRole("link", { name: "All engagements" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Umbrella Corp", exact: true }) });
  await expect(row).toContainText("Done");
});

test("a plan revised after changes requested goes back to review, and sizing changes void an approval", async ({ page }) => {
  await openNewEngagement(page, "Wonka");
  await page.getByLabel("Current users").fill("1500");
  await page.getByLabel("Target users").fill("2000");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await expect(panel(page, "Plan")).toContainText("Written by: Professional Services");
  await page.getByLabel("Plan summary").fill("v1");
  await page.getByRole("button", { name: "Record plan" }).click();
  await page.getByLabel("Shared with Support on").fill(isoDate(0));
  await page.getByRole("button", { name: "Share anyway" }).click();
  await page.getByLabel("Support's feedback").selectOption({ label: "Changes requested" });
  const status = page.getByRole("region", { name: "Where it stands" });
  await expect(status).toContainText("Support requested changes");
  await page.getByLabel("Plan summary").fill("v2");
  await page.getByRole("button", { name: "Record revised plan" }).click();
  await expect(page.getByLabel("Support's feedback")).toHaveValue("pending");
  await page.getByLabel("Support's feedback").selectOption({ label: "Approved" });
  await expect(status).toContainText("Agree the migration window");

  await page.getByLabel("Current users").fill("1800");
  await expect(status).toContainText("The sizing changed after Support approved the plan");
  await expect(status.getByRole("listitem").filter({ hasText: "review is out of date" })).toBeVisible();
});

// Issue 26 (a): what changed since Support last saw the plan is named, on the page, in the
// packet and under "Changes since"; the packet handed over is what Support sees next.
test("a plan shared with Support, then changed, names the users and the architecture that changed, on the page and in the packet", async ({ page }) => {
  await openNewEngagement(page, "Tyrell");
  const since = page.getByRole("region", { name: "Changes since" });
  await expect(since).toContainText("Nothing was handed over yet");
  await page.getByLabel("Current users").fill("6000");
  await page.getByLabel("Annual growth (%)").fill("20");
  await page.getByLabel("Planning horizon (months)").fill("24");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await page.getByLabel("Plan summary").fill("v1");
  await page.getByRole("button", { name: "Record plan" }).click();
  await page.getByLabel("Shared with Support on").fill(isoDate(0));
  await page.getByRole("button", { name: "Share anyway" }).click();
  const caption = "Changed since Support last saw the plan";
  await expect(page.getByRole("table", { name: caption })).toHaveCount(0);

  await page.getByLabel("Current users").fill("9000");
  const changes = page.getByRole("table", { name: caption });
  await expect(changes.getByRole("columnheader")).toHaveText(["Field", "Then", "Now"]);
  const row = (table, name) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) }).getByRole("cell");
  await expect(row(changes, "Current users")).toHaveText(["6,000", "9,000"]);
  await expect(row(changes, "Recommended architecture")).toHaveText([/\(10k\)/, /\(25k\)/]);
  // "Changes since" (closed until opened) shows the latest hand-off (the plan shared) against now.
  await since.getByRole("heading", { name: "Changes since" }).click();
  await expect(since.getByLabel("From")).toHaveValue(/^\d+$/);
  await expect(since.getByLabel("From").locator("option:checked")).toHaveText(/^Shared with Support, \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  await expect(since.getByLabel("To").locator("option:checked")).toHaveText("Now");
  const between = since.getByRole("table", { name: "Changes between the two" });
  await expect(row(between, "Current users")).toHaveText(["6,000", "9,000"]);
  // The plan recorded, against the plan shared a moment later: only the sharing differs.
  await since.getByLabel("To").selectOption({ label: (await since.getByLabel("From").locator("option:checked").textContent()) });
  await since.getByLabel("From").selectOption({ index: 2 });
  await expect(since.getByLabel("From").locator("option:checked")).toHaveText(/^Plan recorded, /);
  await expect(between.getByRole("rowheader")).not.toHaveText([]);
  await expect(between.getByRole("rowheader", { name: "Current users", exact: true })).toHaveCount(0);
  // The same on both sides: nothing differs.
  await since.getByLabel("To").selectOption({ index: 2 });
  await expect(since).toContainText("Nothing differs between these two.");

  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download Markdown", exact: true }).click(),
  ]);
  const md = await readFile(await file.path(), "utf8");
  expect(md).toContain("## Changed since Support's last review");
  expect(md).toMatch(/Then: the plan as Support last saw it \(Shared with Support, \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\. Now: this packet\./);
  expect(md).toContain("| Current users | 6,000 | 9,000 |");
  expect(md).toMatch(/\| Recommended architecture \| [^|]*\(10k\)[^|]* \| [^|]*\(25k\)/);
  // The packet handed over is what Support saw last: nothing has changed since.
  await expect(page.getByRole("table", { name: caption })).toHaveCount(0);
});

test("a large upgrade due in under three months is flagged on the page and the home list", async ({ page }) => {
  await openNewEngagement(page, "Cyberdyne");
  await page.getByLabel("Current users").fill("5200");
  await page.getByLabel("Desired completion date").fill(isoDate(30));
  await page.getByLabel("Desired completion date").press("Tab");
  const status = page.getByRole("region", { name: "Where it stands" });
  await expect(status).toContainText("less than three months away");
  await page.getByRole("link", { name: "All engagements" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Cyberdyne", exact: true }) });
  await expect(row).toContainText("Warning: Desired completion");
  // Issue 35, point 7: today's users alone complete the requirements.
  await expect(row).toContainText("Professional Services");
});

test("the home list filters by stage and searches by customer name", async ({ page }) => {
  await openNewEngagement(page, "Alpha Industries");
  await page.getByLabel("Current users").fill("100");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.goto("/");
  await createAndReturn(page, "Beta Labs");

  const list = page.getByRole("region", { name: "All engagements" });
  await page.getByLabel("Filter by stage").selectOption({ label: "Professional Services" });
  await expect(list.getByRole("link", { name: "Alpha Industries" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Beta Labs" })).toHaveCount(0);
  await page.getByLabel("Filter by stage").selectOption({ label: "All stages" });
  await page.getByLabel("Search customers").fill("beta");
  await expect(list.getByRole("link", { name: "Beta Labs" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Alpha Industries" })).toHaveCount(0);
  await page.getByLabel("Search customers").fill("nobody");
  await expect(list).toContainText("No engagement matches");
});

test("a migration is recorded while Support's feedback is still pending: warned and logged", async ({ page }) => {
  await openNewEngagement(page, "Pending Co");
  await page.getByLabel("Current users").fill("1500");
  await page.getByLabel("Target users").fill("2000");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await page.getByLabel("Plan summary").fill("v1");
  await page.getByRole("button", { name: "Record plan" }).click();
  await page.getByLabel("Shared with Support on").fill(isoDate(0));
  await page.getByRole("button", { name: "Share anyway" }).click();
  await expect(page.getByLabel("Support's feedback")).toHaveValue("pending");
  await expect(page.getByLabel("Migration status")).toBeEnabled();
  await page.getByLabel("Migration start").fill(isoDate(40));
  await page.getByLabel("Migration status").selectOption({ label: "Scheduled" });
  const status = page.getByRole("region", { name: "Where it stands" });
  await expect(status).toContainText("without Support's approval of the current plan (Support's feedback: pending)");
  const log = page.getByRole("region", { name: "Activity log" });
  await expect(log).toContainText("Migration status: scheduled, without Support's approval of the current plan");
});
