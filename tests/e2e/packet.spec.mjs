// The Support review packet: a TAM collects what Support asks for and sees the checklist empty.
import { test, expect } from "@playwright/test";
import { isoDate, openNewEngagement } from "./helpers.mjs";

test("a TAM fills Support's intake by its labels and the checklist shrinks to nothing", async ({ page }) => {
  await openNewEngagement(page, "Intake Co");
  await page.getByLabel("Current users").fill("2500");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await page.getByLabel("Plan link").fill("https://gitlab.example.com/intake/plan");
  await page.getByRole("button", { name: "Record plan" }).click();

  const intake = page.getByRole("region", { name: "What Support will ask for" });
  const missing = intake.getByRole("list").filter({ has: page.getByText("The rollback plan") });
  await expect(intake.getByRole("heading", { name: "Missing for Support review" })).toBeVisible();
  await expect(missing.getByRole("listitem")).toHaveCount(10);

  await page.getByLabel("Rollback plan", { exact: true }).fill("Roll back if Git push fails; DNS back within 30 minutes.");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByLabel("Maintenance window start").fill(`${isoDate(30)}T22:00`);
  await page.getByLabel("Maintenance window end").fill(`${isoDate(31)}T06:00`);
  await expect(intake).toContainText("(Europe/Berlin, UTC+0");
  await page.getByLabel("Customer contact during the window (name)").fill("Dana Scully");
  await page.getByLabel("Customer contact during the window (email)").fill("dana@intake.example");
  await page.getByLabel("Current GitLab version").fill("16.11.2");
  await page.getByLabel("Target GitLab version").fill("17.11.3");
  await page.getByLabel("Installation method").selectOption({ label: "Linux package" });
  await page.getByLabel("Operating system").fill("Ubuntu 22.04");
  const path = page.getByRole("link", { name: "Open the upgrade path in GitLab's Upgrade Path tool" });
  const href = new URL(await path.getAttribute("href"));
  expect(href.origin + href.pathname).toBe("https://gitlab-com.gitlab.io/support/toolbox/upgrade-path/");
  expect(href.searchParams.get("current")).toBe("16.11.2");
  expect(href.searchParams.get("target")).toBe("17.11.3");
  expect(href.searchParams.get("distro")).toBe("ubuntu");
  await page.getByLabel("Architecture diagram (link)").fill("https://gitlab.example.com/intake/diagram.png");
  await page.getByLabel("Backup method").fill("gitlab-backup");
  await page.getByLabel("Data size (GB)").fill("300");
  await page.getByLabel("Date rehearsed").fill(isoDate(-3));
  await page.getByLabel("Rehearsal result").fill("Restored in 2 hours on staging");
  await page.getByLabel("Migration method").selectOption({ label: "Backup and restore to new infrastructure (single node)" });
  // Backup and restore with two versions: the same-version rule is a risk for the window, and
  // the checklist does not call a plan with open risks complete (issue 22).
  await expect(page.getByRole("region", { name: "Risks for this window" })).toContainText("needs a window of its own before the move");
  await expect(intake).toContainText("Every field Support asks for is filled in, but the");

  // A deviation adds what its record needs.
  await page.getByLabel("Planned architecture").selectOption({ label: "2k" });
  await expect(intake.getByRole("listitem").filter({ hasText: "The deviation record" })).toBeVisible();
  await page.getByLabel("Reason: budget").check();
  await page.getByLabel("The customer was told performance and supportability may be affected").check();
  await page.getByLabel("GitLab Performance Tool results (link), against GitLab's benchmarks").fill("https://gitlab.example.com/gpt/1");
  await page.getByLabel("Senior Support Engineer review (outcome)").fill("Accepted with monitoring");
  await expect(intake).toContainText("Every field Support asks for is filled in");

  // Everything is kept: a reload shows it all, the window in its zone.
  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  await expect(page.getByLabel("Maintenance window start")).toHaveValue(`${isoDate(30)}T22:00`);
  await expect(page.getByLabel("Customer contact during the window (email)")).toHaveValue("dana@intake.example");

  // Shared with nothing missing: the question names only the risks that stand (issue 37).
  await page.getByLabel("Shared with Support on").fill(isoDate(0));
  await page.getByLabel("Shared with Support on").press("Tab");
  const ask = page.getByRole("alertdialog");
  await expect(ask).toContainText(/^\d+ risks stand for this window: /);
  await expect(ask).toContainText("needs a window of its own before the move");
  await expect(ask).not.toContainText("Support will still ask");
  await ask.getByRole("button", { name: "Share anyway" }).click();
  await expect(page.getByRole("region", { name: "Activity log" })).toContainText("Plan shared with Support for review.");
});

test("the customer's view and the print view carry the intake, the window in its time zone", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Window Co");
  await page.getByLabel("Current users").fill("800");
  await page.getByLabel("Time zone").selectOption("America/New_York");
  await page.getByLabel("Maintenance window start").fill(`${isoDate(40)}T23:00`);
  await page.getByLabel("Customer contact during the window (name)").fill("Fox Mulder");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  await page.goto(await page.getByLabel("Customer link").inputValue());
  const intake = page.getByRole("region", { name: "For Support's review" });
  await expect(intake).toContainText(`from ${isoDate(40)} 23:00 (America/New_York, UTC-0`);
  await expect(intake).toContainText("Fox Mulder");
});

// Issue 14, point 6: one outline, rendered per reader; each reader first sees what they need.
test("on a phone the customer's view opens with the next step and the architecture, the sections of its Markdown", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Phone Co");
  await page.getByLabel("Current users").fill("3000");
  await page.getByLabel("Planned architecture").selectOption({ label: "2k" });
  // The deviation shows beside the recommendation on the TAM's page.
  await expect(page.getByRole("region", { name: "Recommended reference architecture" }))
    .toContainText("Deviation: the customer plans 2k where 3k is recommended");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const view = await phone.newPage();
  await view.goto(link);
  // The plan's first screen comes first; the rest, and the customer's part, just after. This
  // customer owes Support nothing yet (no plan), so their part follows the plan (issue 23).
  await expect(view.getByRole("heading", { level: 2, name: "Your part" })).toBeVisible();
  const sections = view.getByRole("article").locator(":scope > section > h2");
  const headings = await sections.allTextContents();
  expect(headings.slice(0, 2)).toEqual(["Your next step", "Recommended reference architecture"]);
  const architecture = view.getByRole("heading", { level: 2, name: "Recommended reference architecture" });
  expect((await architecture.boundingBox()).y).toBeLessThan(844);
  await expect(view.getByRole("main")).not.toContainText("Deviation");
  // The Markdown the customer downloads has the same sections in the same order.
  const [download] = await Promise.all([view.waitForEvent("download"), view.getByRole("button", { name: "Download" }).click()]);
  const md = (await import("node:fs")).readFileSync(await download.path(), "utf8");
  expect(md.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3))).toEqual(headings.filter((h) => h !== "Your part"));
  await phone.close();
});

test("the print view opens with what Support is asked to do and the risks, then the plan, the window and what is missing, as Support's Markdown does", async ({ page }) => {
  await openNewEngagement(page, "Print Co");
  await page.getByLabel("Current users").fill("800");
  await page.emulateMedia({ media: "print" });
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  const plan = page.getByRole("article", { name: "Planning summary and Support review packet: Print Co" });
  const first = plan.getByRole("region", { name: "The plan under review" });
  await expect(plan.locator(":scope > section > h3").nth(0)).toHaveText("What Support is asked to do");
  await expect(plan.locator(":scope > section > h3").nth(1)).toHaveText("Risks for this window");
  await expect(plan.locator(":scope > section > h3").nth(2)).toHaveText("The plan under review");
  await expect(first).toContainText("Maintenance window");
  await expect(first.getByRole("heading", { name: "Missing for Support review" })).toBeVisible();
  await expect(first).toContainText("The rollback plan: what triggers it and how long it takes");
});

test("a blocked pop-up is noticed and explained, and the packet waits on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // What a browser's pop-up blocker does: window.open gives no window.
  await page.addInitScript(() => { window.open = () => null; });
  await openNewEngagement(page, "Blocked Co");
  await page.getByLabel("GitLab project for Support reviews").fill("https://gitlab.example.com/support/reviews");
  await page.getByLabel("GitLab project for Support reviews").press("Tab");
  await page.getByRole("button", { name: "Open Support review issue" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The browser blocked the new tab" }))
    .toContainText("allow pop-ups for this page, or paste the packet from the clipboard yourself");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("# Planning summary and Support review packet: Blocked Co");
});
