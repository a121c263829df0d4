// Safety and accessibility across every page: no CSP violation, no axe A/AA violation,
// everything reachable with the keyboard.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { expectHeadingsInOrder, openNewEngagement } from "./helpers.mjs";

async function violations(page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function recordCspViolations(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
}

async function fullEngagement(page) {
  await page.goto("/");
  await page.getByLabel("Customer name").fill("Acme Corp");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await page.getByLabel("Current users").fill("6000");
  await page.getByLabel("Annual growth (%)").fill("10");
  await page.getByLabel("Planning horizon (months)").fill("24");
  await page.getByLabel("Target platform").selectOption({ label: "AWS" });
  await page.getByLabel("Kubernetes expertise").check();
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  await page.getByRole("button", { name: "Confirm decline" }).click();
  await expect(page.getByRole("region", { name: "Plan" })).toContainText("Written by: The customer");
}

test("the app runs under its Content-Security-Policy without a single violation", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await recordCspViolations(page);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("/");
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).toContain("object-src 'none'");
  await fullEngagement(page);
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download Markdown" }).click()]);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Acme Corp");
  expect(await page.evaluate(() => window.__csp)).toEqual([]);
  expect(errors).toEqual([]);
});

test("no accessibility violations (WCAG A/AA) on any page", async ({ page }) => {
  await page.goto("/");
  expect(await violations(page), "empty home").toEqual([]);
  await expectHeadingsInOrder(page);
  await page.getByRole("button", { name: "Create new engagement" }).click(); // an error shown
  expect(await violations(page), "home with a field error").toEqual([]);
  await fullEngagement(page);
  await page.getByLabel("Annual growth (%)").fill("900"); // an invalid field, a stale result
  expect(await violations(page), "engagement page").toEqual([]);
  await expectHeadingsInOrder(page);
  await page.getByLabel("Annual growth (%)").fill("10");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  await page.getByRole("link", { name: "All engagements" }).click();
  expect(await violations(page), "home with an engagement").toEqual([]);
  await expectHeadingsInOrder(page);
  // The link differs from the planner's address only by its fragment: the page loads again,
  // for the customer's own modules.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Acme Corp");
  await expect(page.getByLabel("Customer contact during the window (name)")).toBeVisible();
  expect(await violations(page), "shared plan").toEqual([]);
  await expectHeadingsInOrder(page);
  await page.goto("/#s1.broken");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This plan link cannot be opened");
  expect(await violations(page), "broken link").toEqual([]);
  await expectHeadingsInOrder(page);
  await page.goto("/engagements/00000000-0000-4000-8000-000000000000");
  expect(await violations(page), "not found").toEqual([]);
  await expectHeadingsInOrder(page);
});

test("the main journey works with the keyboard alone, with focus visible", async ({ page }) => {
  await page.goto("/");
  // The keys are pressed once the app has mounted: before, they reach a page with nothing in it.
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await page.keyboard.press("Tab"); // the app name link in the header
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Customer name")).toBeFocused();
  await page.keyboard.type("Keyboard Co");
  await page.keyboard.press("Enter");
  // The new engagement opens, with the keyboard in its first field.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keyboard Co");
  await expect(page.getByLabel("Current users")).toBeFocused();
  const outline = await page.getByLabel("Current users").evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.type("1200");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Annual growth (%)")).toBeFocused();
  await expect(page.getByRole("region", { name: "Recommended reference architecture" })).toContainText("Up to 40 RPS or 2,000 users");
  await expectHeadingsInOrder(page);
});

test("on a phone-sized screen no page scrolls sideways, and wide tables stack their cells", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await fullEngagement(page);
  await expect(page.getByRole("region", { name: "Recommended reference architecture" })).toContainText("Kubernetes node pools");
  expect(await sideways(), "engagement page").toBe(0);
  expect(await violations(page), "engagement page on a phone").toEqual([]);
  // A wide table stacks its cells, each under its column's name, instead of cutting columns.
  const table = page.getByRole("region", { name: "Virtual machines and services" });
  expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expect(table.getByRole("cell").first()).toBeVisible();
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  await page.getByRole("link", { name: "All engagements" }).click();
  await expect(page.getByRole("link", { name: "Acme Corp", exact: true })).toBeVisible();
  expect(await sideways(), "home").toBe(0);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Acme Corp");
  expect(await sideways(), "customer view").toBe(0);
  expect(await violations(page), "customer view on a phone").toEqual([]);
});

test("notices, previews and confirmations pass the same accessibility checks", async ({ page }) => {
  await page.goto("/");
  const broken = "upgrade-planner.engagement.11111111-1111-4111-8111-111111111111";
  await page.evaluate((k) => localStorage.setItem(k, '{"schema_version":1,'), broken);
  await page.reload();
  await expect(page.getByRole("region", { name: "Stored entries that could not be read" })).toBeVisible();
  expect(await violations(page), "an entry that could not be read").toEqual([]);

  await page.getByLabel("Customer name").fill("Initech");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await page.getByRole("link", { name: "All engagements" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Initech", exact: true }) });
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
  expect(await violations(page), "deleted, with Undo").toEqual([]);
  await page.getByRole("button", { name: "Undo" }).click();

  const [backup] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export all" }).click()]);
  await row.getByRole("link", { name: "Initech" }).click();
  await page.getByLabel("Current users").fill("5000");
  await page.getByLabel("Current users").press("Tab");
  await page.getByRole("link", { name: "All engagements" }).click();
  await page.getByLabel("Import a plan or backup file").setInputFiles(await backup.path());
  await expect(page.getByRole("group", { name: /Import from/ })).toContainText("changed here after this file was made");
  expect(await violations(page), "an import preview warning of later work here").toEqual([]);
  await page.getByLabel("Import a plan or backup file").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("not json") });
  await expect(page.getByRole("region", { name: "Import and backup" }).getByRole("alert")).toBeVisible();
  expect(await violations(page), "a refused import").toEqual([]);

  await row.getByRole("link", { name: "Initech" }).click();
  // Issue 35, point 7: today's users alone complete the requirements, so the sizing is a
  // finished stage, folded until asked for.
  await page.getByRole("region", { name: "Sizing" }).getByRole("button", { name: "Show sizing" }).click();
  await page.getByLabel("Current users").fill("6000");
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  await expect(page.getByRole("alertdialog")).toContainText("At 6,000 users");
  expect(await violations(page), "confirming a decline").toEqual([]);
  await expectHeadingsInOrder(page);
});

test("deleting from the keyboard moves focus to Undo, and Undo back to the engagement", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Customer name").fill("Focus Co");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Focus Co");
  await page.getByRole("link", { name: "All engagements" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Focus Co", exact: true }) });
  await row.getByRole("button", { name: "Delete" }).focus();
  await page.keyboard.press("Enter");
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Undo" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Focus Co", exact: true })).toBeFocused();
});

test("the question before declining takes the focus, and gives it back to the decision", async ({ page }) => {
  await openNewEngagement(page, "Dialog Co");
  await page.getByLabel("Current users").fill("6000");
  await page.getByLabel("Annual growth (%)").fill("0");
  const decision = page.getByLabel("Customer's decision");
  await decision.selectOption({ label: "Declined" });
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(decision).toBeFocused();
  await expect(decision).toHaveValue("undecided");
  await decision.selectOption({ label: "Declined" });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByRole("button", { name: "Confirm decline" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(decision).toBeFocused();
  await expect(decision).toHaveValue("declined");
});

test("removing a consultation from the keyboard keeps the focus in the list, then in the form", async ({ page }) => {
  await openNewEngagement(page, "Consult Co");
  await page.getByLabel("Current users").fill("2500");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  for (const question of ["First question?", "Second question?"]) {
    await page.getByLabel("Question", { exact: true }).fill(question);
    await page.getByRole("button", { name: "Add consultation" }).click();
  }
  const consulted = page.getByRole("group", { name: "Internal teams consulted" });
  await consulted.getByRole("button", { name: "Remove the consultation “First question?”" }).focus();
  await page.keyboard.press("Enter");
  await expect(consulted).not.toContainText("First question?");
  await expect(consulted.getByRole("button", { name: "Remove the consultation “Second question?”" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(consulted.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await expect(page.getByLabel("Team", { exact: true })).toBeFocused();
});

test("each page names itself in the browser tab, and moving to a page puts focus on its heading", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await expect(page).toHaveTitle("Engagements · Infrastructure Upgrade Planner");
  await page.getByLabel("Customer name").fill("Title Co");
  await page.keyboard.press("Enter");
  await expect(page).toHaveTitle("Title Co · Infrastructure Upgrade Planner");
  await page.getByRole("link", { name: "All engagements" }).click();
  await page.getByRole("link", { name: "Title Co", exact: true }).click();
  await expect(page).toHaveTitle("Title Co · Infrastructure Upgrade Planner");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await page.keyboard.press("Tab"); // the keyboard goes on from the top of the new page
  await expect(page.getByRole("navigation", { name: "Engagement sections" }).getByRole("link").first()).toBeFocused();

  await page.getByLabel("Customer name").fill("Title Co renamed");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page).toHaveTitle("Title Co renamed · Infrastructure Upgrade Planner");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();

  await page.getByRole("link", { name: "All engagements" }).click();
  await expect(page).toHaveTitle("Engagements · Infrastructure Upgrade Planner");
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeFocused();

  await page.goto(link);
  await expect(page).toHaveTitle("Planning summary for Title Co renamed · Infrastructure Upgrade Planner");
  await page.goto("/#s1.broken");
  await expect(page).toHaveTitle("This plan link cannot be opened · Infrastructure Upgrade Planner");
  await page.goto("/engagements/00000000-0000-4000-8000-000000000000");
  await expect(page).toHaveTitle("Engagement not found · Infrastructure Upgrade Planner");
  await page.goto("/no/such/page");
  await expect(page).toHaveTitle("Page not found · Infrastructure Upgrade Planner");
});
