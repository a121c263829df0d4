// From decision to cut-over: the timeline, the calendar entry, the runbook, and the customer's
// answers coming back.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import AxeBuilder from "@axe-core/playwright";
import { isoDate, openNewEngagement } from "./helpers.mjs";

async function violations(page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function download(page, buttonName) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: buttonName }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

test("a window in Europe/Berlin across the change to summer time: the calendar entry, the timeline and the runbook", async ({ page }) => {
  await openNewEngagement(page, "Calendar Co");
  await page.getByLabel("Current users").fill("2000");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  // Berlin moves from UTC+1 to UTC+2 at 02:00 on 2027-03-28, inside this window.
  await page.getByLabel("Maintenance window start").fill("2027-03-27T22:00");
  await page.getByLabel("Maintenance window end").fill("2027-03-28T06:00");
  await page.getByLabel("Customer contact during the window (name)").fill("Dana Scully");
  await page.getByLabel("Customer contact during the window (email)").fill("dana@calendar.example");
  await page.getByLabel("Date rehearsed").fill("2027-04-02");
  await page.getByLabel("Migration method").selectOption({ label: "Geo planned failover" });

  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("img")).toBeVisible();
  expect(await violations(page), "the engagement page with its timeline").toEqual([]);
  await expect(timeline.getByRole("listitem").filter({ hasText: "Maintenance window" })).toContainText("2027-03-27 22:00 (UTC+01:00)");
  await expect(timeline.getByRole("listitem").filter({ hasText: "Rehearsal" })).toContainText("out of order: the rehearsal (2027-04-02) is not before the window");

  const ics = await download(page, "Download calendar entry");
  expect(ics.name).toMatch(/^calendar-co-upgrade-plan-\d{4}-\d{2}-\d{2}\.ics$/);
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.text)).getFirstSubcomponent("vevent"));
  expect(event.startDate.toJSDate().toISOString()).toBe("2027-03-27T21:00:00.000Z");
  expect(event.endDate.toJSDate().toISOString()).toBe("2027-03-28T04:00:00.000Z");
  expect(event.description).toContain("Dana Scully <dana@calendar.example>");
  expect(event.description).toContain("Rollback deadline: 2027-03-28 01:30 (UTC+01:00)");

  const runbook = await download(page, "Download runbook");
  expect(runbook.text).toContain("# Cut-over runbook: Calendar Co");
  expect(runbook.text).toContain("- [ ] **Customer** · 2027-03-27 22:00 (UTC+01:00) — Start: broadcast the maintenance");
  expect(runbook.text).toContain("promote the secondary site (planned failover)");
});

test("the customer fills in their part and sends it back; the TAM accepts two answers in their own browser", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Reply Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByLabel("Customer contact during the window (name)").fill("Old Contact");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();

  const customer = await browser.newContext();
  await customer.grantPermissions(["clipboard-read", "clipboard-write"]);
  const view = await customer.newPage();
  await view.goto(link);
  const part = view.getByRole("region", { name: "Your part" });
  await expect(part.getByLabel("Customer contact during the window (name)")).toHaveValue("Old Contact");
  await part.getByLabel("Customer contact during the window (name)").fill("Walter Skinner");
  await part.getByLabel("Customer contact during the window (email)").fill("walter@reply.example");
  await part.getByLabel("Time zone").selectOption("America/New_York");
  await part.getByLabel("Maintenance window start").fill(`${isoDate(45)}T20:00`);
  await part.getByLabel("Rollback plan").fill("Roll back if pushes fail for 30 minutes.");
  // A reload keeps what is not sent yet.
  await view.reload();
  await expect(view.getByRole("region", { name: "Your part" }).getByLabel("Customer contact during the window (email)")).toHaveValue("walter@reply.example");
  await view.getByRole("button", { name: "Send back to your TAM" }).click();
  expect(await violations(view), "the customer's part, sent").toEqual([]);
  await expect(view.getByRole("status").filter({ hasText: "return link" })).toContainText("5 answers");
  const returned = await view.getByLabel("Return link").inputValue();
  expect(returned).toMatch(/#r1\.[A-Za-z0-9_-]+$/);
  expect(returned.length).toBeLessThan(2000);
  await customer.close();

  // The TAM, in the browser that holds the engagement.
  await page.goto(returned);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Answers from the customer");
  const table = page.getByRole("table");
  await expect(table.getByRole("row").filter({ hasText: "Customer contact during the window (name)" })).toContainText("Old Contact");
  await expect(table.getByRole("row").filter({ hasText: "Customer contact during the window (name)" })).toContainText("Walter Skinner");
  await expect(table.getByRole("row").filter({ hasText: "Maintenance window start" })).toContainText("(UTC-0");
  expect(await violations(page), "the TAM's review of a reply").toEqual([]);
  await page.getByRole("button", { name: "Accept Customer contact during the window (name)" }).click();
  await page.getByRole("button", { name: "Accept Customer contact during the window (email)" }).click();
  await expect(table.getByRole("row").filter({ hasText: "Customer contact during the window (name)" })).toHaveCount(0);
  // Not accepted: not applied.
  await page.getByRole("link", { name: "Open the engagement" }).click();
  await expect(page.getByLabel("Customer contact during the window (name)")).toHaveValue("Walter Skinner");
  await expect(page.getByLabel("Customer contact during the window (email)")).toHaveValue("walter@reply.example");
  await expect(page.getByLabel("Rollback plan", { exact: true })).toHaveValue("");
  await expect(page.getByRole("region", { name: "Activity log" })).toContainText("Accepted from the customer's reply");
  const [md] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download Markdown" }).click()]);
  const text = readFileSync(await md.path(), "utf8");
  expect(text).toContain("| Customer contact during the window | Walter Skinner, walter\\@reply.example |");
});

test("a return link for an engagement this browser does not hold says so", async ({ page, browser }) => {
  const other = await browser.newContext();
  const tam = await other.newPage();
  await tam.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(tam, "Elsewhere Co");
  await tam.getByRole("button", { name: "Copy customer link" }).click();
  await tam.goto(await tam.getByLabel("Customer link").inputValue());
  await tam.getByRole("region", { name: "Your part" }).getByLabel("Customer contact during the window (name)").fill("Someone");
  await tam.getByRole("button", { name: "Send back to your TAM" }).click();
  const returned = await tam.getByLabel("Return link").inputValue();
  await other.close();
  await page.goto(returned);
  await expect(page.getByRole("alert")).toContainText("not saved in this browser");
});
