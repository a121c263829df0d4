// From decision to cut-over: the timeline, the calendar entry, the runbook, and the customer's
// answers coming back.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import AxeBuilder from "@axe-core/playwright";
import { isoDate, openNewEngagement, plainMarkdown, expectInOrder } from "./helpers.mjs";

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
  // Issue 35: Geo's promotion, 75 minutes in, is the point of no return: the deadline comes at
  // it, not at the window's midpoint (01:30) after it.
  expect(event.description).toContain("Rollback deadline: 2027-03-27 23:15 (UTC+01:00) (the point of no return");

  const runbook = await download(page, "Download runbook");
  const text = plainMarkdown(runbook.text);
  expect(text).toContain("# Cut-over runbook: Calendar Co");
  // Every step of GitLab's planned failover, in GitLab's order, each with its owner and source.
  expectInOrder(text, [
    "## Weeks before the window",
    "Start four to six weeks ahead: resolve every synchronisation and verification failure, set the abort criteria",
    "Copy what Geo does not replicate",
    "## Days before the window",
    "lower the DNS TTL",
    "gitlab:geo:check on both",
    "sha256sum",
    "Post a broadcast message, and plan for runners",
    "## In the window, before the point of no return",
    "- [ ] **Customer** · 2027-03-27 22:00 (UTC+01:00; 21:00 UTC) — Primary: enable maintenance mode, then Admin > Monitoring > Background jobs > Cron > Disable All, then Enable again geo_metrics_update_worker",
    "wait for every non-geo Sidekiq queue to reach 0",
    "a replication lag of 0 ms and the log cursor 0 events behind",
    "sudo systemctl disable gitlab-runsvdir",
    "gitlab-ctl promotion-preflight-checks",
    "- [ ] **Customer** · 2027-03-27 23:15 (UTC+01:00; 22:15 UTC) — Rollback deadline, at the point of no return",
    "## The point of no return",
    "- [ ] **Customer** · 2027-03-27 23:15 (UTC+01:00; 22:15 UTC) — Promote the secondary site (a cloud database such as Cloud SQL: promote its replica first): sudo gitlab-ctl geo promote",
    "## In the window, after the point of no return",
    "external_url",
    "gitlab-rake geo:update_primary_node_url",
    "register the runners again",
    "## After the window",
    "Reindex advanced search",
    "/var/opt/gitlab/geo-postgresql",
    "## Not covered here",
    "gitlab-cluster.json",
  ]);
  expect(text).toContain("- **Point of no return:** 2027-03-27 23:15 (UTC+01:00; 22:15 UTC), when the secondary site is promoted");
  // Six weeks before the window, not three days.
  expect(text).toContain("**Customer** · 2027-02-13 — Start four to six weeks ahead");
  for (const line of text.split("\n").filter((l) => l.startsWith("- [ ] **") && !l.includes("Rollback deadline") && !l.includes("if problems arise") && !l.includes("Go/no-go") && !l.includes("Share the plan") && !l.includes("Rehearse") && !l.includes("Lift the freeze") && !l.includes("Watch monitoring") && !l.includes("Keep the old") && !l.includes("Record the migration") && !l.includes("Open a Support ticket"))) {
    expect(line, "every GitLab step names its page").toContain(" · source: [");
  }
});


test("25,000 users from the Linux package to the Helm chart, upgrading to “18.6.x”: the chart's steps and the whole path", async ({ page }) => {
  await openNewEngagement(page, "Summit Rail");
  await page.getByLabel("Current users").fill("25000");
  await page.getByLabel("Target platform").selectOption({ label: "GCP" });
  await page.getByLabel("Current GitLab version").fill("16.11.10");
  await page.getByLabel("Target GitLab version").fill("18.6.x");
  await page.getByLabel("Target GitLab version").blur();
  await page.getByLabel("Migration method").selectOption({ label: "Linux package to Helm chart (Cloud Native Hybrid)" });
  await page.getByLabel("Time zone").selectOption("Europe/London");
  await page.getByLabel("Maintenance window start").fill("2027-05-15T20:00");
  await page.getByLabel("Maintenance window end").fill("2027-05-16T08:00");
  await page.getByLabel("Data size (GB)").fill("2,400");

  const path = page.getByRole("region", { name: "Upgrade path" });
  await expect(path).toContainText("“18.6.x” is read as");
  await expect(path).toContainText("16.11.10");
  await expect(path).toContainText("GitLab 17.0 needs PostgreSQL 14");

  const runbook = plainMarkdown((await download(page, "Download runbook")).text);
  expectInOrder(runbook, [
    "## Upgrade window (to be agreed, before the move)",
    "upgrade the database to PostgreSQL 14 by hand",
    "upgrade to 17.3.7",
    "upgrade the database to PostgreSQL 16 by hand",
    "18.6",
    "## Weeks before the window",
    "install the chart release that runs the same GitLab version: the chart's version is not GitLab's",
    "Migrate all of the source's data to object storage",
    "gitlab:uploads:migrate:all) and check that uploads still load",
    "## In the window, before the point of no return",
    "sudo gitlab-backup create SKIP=artifacts,lfs,uploads",
    "yq -P",
    "kubectl create secret generic",
    "backup-utility --restore -t <backup ID>",
    "/scripts/custom-instance-setup",
    "restart all pods (kubectl delete pods -lrelease=<release name>)",
    "## The point of no return",
    "Cut over: point DNS or the load balancer, and the runners, at the chart's installation",
    "## Each upgrade stop, step by step",
  ]);
  expect(runbook.slice(runbook.indexOf("## The point of no return"), runbook.indexOf("## Each upgrade stop"))).not.toContain("Upgrade to");
  expect(runbook).toContain("- **Upgrade:** from 16.11.10 to 18.6.x, in a window of its own before the move");

  const md = plainMarkdown((await download(page, "Download Markdown")).text);
  expect(md).toContain("## Upgrade path");
  expect(md).toContain("“18.6.x” is read as");
  expect(md).toMatch(/needs a window of its own before the move/);
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
