// Issue 22: a plan Support would accept. The scenario through the UI: the risks first,
// the upgrade path with its stops, the window's real length in UTC, GitLab's own procedure.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { openNewEngagement, plainMarkdown, expectInOrder } from "./helpers.mjs";

async function download(page, buttonName) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: buttonName }).click()]);
  return readFileSync(await file.path(), "utf8");
}

test("6,500 users moving and upgrading in one Chicago night: the packet opens with the risks, the path and the window's real hours", async ({ page }) => {
  await openNewEngagement(page, "Prairie Freight");
  await page.getByLabel("Current users").fill("6500");
  // Issue 35, point 7: growth is optional; today's users size the architecture, and it says so.
  await expect(page.getByRole("region", { name: "Recommended reference architecture" })).toContainText("Sized on today's 6,500 users: no growth was given.");
  const ps = page.getByRole("region", { name: "Professional Services", exact: true });
  await expect(ps).not.toContainText("Complete the requirements first");
  await page.getByLabel("Annual growth (%)").fill("10");
  // Issue 23, point 5: a growth rate alone sizes for 12 months, and says so by the field.
  await expect(page.getByText("12 months unless you change it")).toBeVisible();
  await expect(page.getByRole("region", { name: "Recommended reference architecture" })).toContainText("7,150 users projected");
  await page.getByLabel("Planning horizon (months)").fill("12");
  await page.getByLabel("Target platform").selectOption({ label: "AWS" });
  await page.getByLabel("Zero-downtime upgrades required").check();
  await page.getByLabel("Current GitLab version").fill("17.8.2");
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  await page.getByRole("alertdialog").getByRole("button", { name: "Confirm decline" }).click();

  await page.getByLabel("Time zone").selectOption("America/Chicago");
  await page.getByLabel("Maintenance window start").fill("2027-03-13T22:00");
  await page.getByLabel("Maintenance window end").fill("2027-03-14T06:00");
  await page.getByLabel("Target GitLab version").fill("18.5.1");
  await page.getByLabel("Installation method").selectOption({ label: "Linux package" });
  await page.getByLabel("Migration method").selectOption({ label: "Backup and restore of a multi-node reference architecture" });
  await page.getByLabel("Data size (GB)").fill("850");
  await page.getByLabel("Date rehearsed").fill("2026-11-20");
  await page.getByLabel("Restore duration in rehearsal (hours)").fill("5:10");

  // Point 2: "Where it stands" opens with the risks.
  const status = page.getByRole("region", { name: "Where it stands" });
  const risks = status.getByRole("region", { name: "Risks for this window" });
  await expect(status.getByRole("heading").nth(1)).toHaveText("Risks for this window");
  await expect(risks).toContainText("The upgrade from 17.8.2 to 18.5.1 (through the 3 stops on the path, about 5 hours) needs a window of its own before the move");
  await expect(risks).toContainText("Zero-downtime upgrades were asked for");
  await expect(risks).toContainText("longer than the window's 7 hours");
  await expect(risks).toContainText("Professional Services were declined at 6,500 users");
  // Point 1: the upgrade path on the page.
  const path = page.getByRole("region", { name: "Upgrade path" });
  await expect(path).toContainText("17.11.7");
  await expect(path).toContainText("the latest patch of 18.2");
  await expect(path).toContainText("GitLab 18.0 needs PostgreSQL 16");
  await expect(path).toContainText("Zero-downtime: not possible on this path");
  // Point 3: the window's real length and its UTC times.
  const intake = page.getByRole("region", { name: "What Support will ask for" });
  await expect(intake).toContainText("7 hours, the clocks change during it; in UTC 2027-03-14 04:00 to 2027-03-14 11:00");
  await expect(intake).not.toContainText("Nothing is missing");

  // The packet Support receives: the risks first, the path, the window.
  const md = await download(page, "Download Markdown");
  const headings = md.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3));
  // Issue 35, point 5: first what Support is asked to do, then the risks.
  expect(headings.slice(0, 2)).toEqual(["What Support is asked to do", "Risks for this window"]);
  const request = md.slice(md.indexOf("## What Support is asked to do"), md.indexOf("## Risks for this window"));
  expect(request).toContain("A review of this migration plan, through a normal Support ticket");
  expect(request).toContain("Upgrade assistance for the upgrade from 17.8.2 to 18.5.1");
  expect(request).toContain("GitLab Support is the primary contact during the window");
  expect(request).toContain("### What the feedback decides");
  const risksSection = md.slice(md.indexOf("## Risks for this window"), md.indexOf("## The plan under review"));
  expect(risksSection).toContain("needs a window of its own before the move");
  expect(risksSection).toContain("The steps take about");
  expect(risksSection).toContain("Professional Services were declined");
  expect(md).toContain("## Upgrade path");
  expect(md).toMatch(/17\.11\.7[\s\S]*latest patch of 18\.2[\s\S]*PostgreSQL 16/);
  expect(md).toContain("7 hours, the clocks change during it; in UTC 2027-03-14 04:00 to 2027-03-14 11:00");
  expect(md).not.toContain("Nothing: the packet holds everything Support asks for.");

  // Point 4: the runbook is GitLab's procedure, the checks before the cut-over.
  // Issue 35: GitLab's multi-node steps in GitLab's order; the upgrade, which does not fit before
  // the cut-over, in a window of its own before the move; times in the offset in force.
  await page.getByLabel("Rollback duration (hours)").fill("2");
  await page.getByLabel("Rollback duration (hours)").blur();
  const runbook = plainMarkdown(await download(page, "Download runbook"));
  expectInOrder(runbook, [
    "## Upgrade window (to be agreed, before the move)",
    "Upgrade to 17.8.7",
    "upgrade the database to PostgreSQL 16 by hand",
    "the latest patch of 18.2",
    "## Weeks before the window",
    "Set up daily backups of each component",
    "## Days before the window",
    "## In the window, before the point of no return",
    "enable maintenance mode",
    "Cron > Disable All",
    "let running CI jobs finish",
    "REPOSITORIES_SERVER_SIDE=true SKIP=db",
    "disable every service and incoming email for good",
    "start restoring the object storage buckets",
    "restore the database from its snapshot (a new endpoint), point GitLab at it",
    "gitlab-backup restore BACKUP=<backup ID> SKIP=db",
    "gitlab:doctor:secrets",
    "Cron > Enable All",
    "## The point of no return",
    "Cut over: point DNS or the load balancer at the new environment",
    "## In the window, after the point of no return",
    "remove the CI block",
    "## After the window",
    "Remove the maintenance broadcast message",
  ]);
  expect(runbook.slice(runbook.indexOf("Cut over:"), runbook.indexOf("## Each upgrade stop"))).not.toContain("Upgrade to");
  // 06:00 CDT less the two hours of rollback: 04:00, on summer time's clock.
  expect(runbook).toContain("- **Rollback deadline:** 2027-03-14 04:00 (UTC-05:00; 09:00 UTC)");
  expect(runbook).toContain("2027-03-13 22:00 (UTC-06:00; 04:00 UTC on 2027-03-14) — Old environment: check the system-level backup or snapshot is current, enable maintenance mode");
  expect(runbook).not.toMatch(/2027-03-14 02:\d\d/);
  expect(runbook).not.toMatch(/2027-03-14 0[4-9]:\d\d \(UTC-06:00/);
  expect(runbook).toContain("850 GB at an assumed 200 GB an hour");
  expect(runbook).toContain("about 5 h 10 min, as in the rehearsal");
  expect(runbook).toContain("**Warning:** the steps overrun the window");
  expect(runbook).toContain("**Customer** · done on 2026-11-20 — Rehearse the migration");
});

