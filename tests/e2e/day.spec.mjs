// Issue 23: the TAM's day and the customer's part, at a glance.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { customerAnswers, isoDate, openNewEngagement } from "./helpers.mjs";

// The sizes the issue names: a TAM's desktop; the journeys on a phone set their own.
test.use({ viewport: { width: 1440, height: 900 } });

test.describe("in a browser on Chicago time", () => {
  test.use({ timezoneId: "America/Chicago" });

  // Point 9: labels say what they want; the time zone starts empty, the browser's suggested first.
  for (const [width, height] of [[1440, 900], [390, 844]]) test(`the intake's labels say what they want at ${width} px, and no time zone shows as chosen before one is`, async ({ page }) => {
    await page.setViewportSize({ width, height });
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
for (const [width, height] of [[1440, 900], [390, 844]]) test(`the TAM's review of the customer's answers is a table that lines up at ${width} px, and says what follows once applied`, async ({ page, browser, context }) => {
  await page.setViewportSize({ width, height });
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

  const returned = await customerAnswers(browser, link, {
    "Customer contact during the window (name)": "Walter Skinner",
    "Rollback duration (hours)": "2",
  });

  await page.goto(returned);
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader")).toHaveText(["Field", "Recorded", "The customer's answer", "Accept or decline"]);
  const row = table.getByRole("row").filter({ hasText: "Customer contact during the window (name)" });
  const cells = row.getByRole("cell");
  const recorded = await cells.nth(0).boundingBox();
  const answer = await cells.nth(1).boundingBox();
  if (width > 600) {
    expect(answer.x).toBeGreaterThan(recorded.x + recorded.width - 1);
    expect(Math.abs(answer.y - recorded.y)).toBeLessThan(2);
  } else {
    // On a phone each answer stacks: the answer under what is recorded (issue 37, point 3).
    expect(answer.y).toBeGreaterThan(recorded.y + recorded.height - 1);
  }
  // Point 4: a reply not yet accepted waits on the home page, with its link.
  await page.goto("/");
  const attention = page.getByRole("region", { name: "Needs attention" });
  await expect(attention).toContainText("The customer's answers are waiting: 2 not accepted yet.");
  await attention.getByRole("link", { name: "Review the customer's answers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Answers from the customer");
  await page.getByRole("button", { name: "Accept all" }).click();
  await expect(page.getByRole("status")).toContainText("Applied to the engagement: Customer contact during the window (name); Rollback duration (hours).");
  await expect(page.getByRole("status")).toBeFocused();
  await expect(page.getByText("Every answer in this reply is now applied.")).toBeVisible();
  await expect(page.getByText("Nothing is applied until you accept it.")).toHaveCount(0);
  await expect(page.locator(".next-action")).toContainText("Support was given the plan on 2026-11-28, before these answers: send Support the updated packet");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await expect(page.getByText("The customer's answers are waiting")).toHaveCount(0);
});

// Points 1 and 2: on a phone, the customer is told what they owe, "Fill in your part" is first,
// their part is the second section, and the answers go to the TAM's own address.
test("on a phone the customer sees their open items first and emails their answers to the TAM", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Owed Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await page.getByLabel("Your email, for the customer's answers").fill("not an address");
  await page.getByLabel("Your email, for the customer's answers").press("Tab");
  await expect(page.getByText("Enter one email address, such as name@example.com.")).toBeVisible();
  await page.getByLabel("Your email, for the customer's answers").fill("dana.tam@gitlab.example");
  await page.getByLabel("Your email, for the customer's answers").press("Tab");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  // Kept out of everything else: the Markdown does not carry it.
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download Markdown" }).click()]);
  expect((await import("node:fs")).readFileSync(await file.path(), "utf8")).not.toContain("dana.tam");

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, permissions: ["clipboard-read", "clipboard-write"] });
  const view = await phone.newPage();
  await view.goto(link);
  const next = view.getByRole("region", { name: "Your next step" });
  await expect(next).toContainText("GitLab Support needs 7 answers from you before the review: your rollback plan;");
  const buttons = view.getByRole("article").locator(".button-row").first().getByRole("button");
  await expect(buttons.first()).toHaveText("Fill in your part");
  expect((await buttons.first().boundingBox()).y).toBeLessThan(844);
  await expect(view.getByRole("heading", { level: 2, name: "Your part" })).toBeVisible();
  const headings = await view.getByRole("article").locator(":scope > section > h2").allTextContents();
  expect(headings.slice(0, 3)).toEqual(["Your next step", "Your part", "Recommended reference architecture"]);
  await expect(view.getByRole("region", { name: "For Support's review" })).toContainText("Missing: you can answer it in Your part");
  await buttons.first().click();
  await expect(view.getByLabel("Customer contact during the window (name)")).toBeFocused();

  const part = view.getByRole("region", { name: "Your part" });
  await part.getByLabel("Customer contact during the window (name)").fill("Walter Skinner");
  await part.getByLabel("Restore duration in rehearsal (hours)").fill("soon");
  // The customer's field is the TAM's, drawn from one table: it says at once what it needs
  // (issue 25, point 3).
  await expect(part.getByRole("alert").filter({ hasText: "Enter hours as a number" })).toBeVisible();
  await view.getByRole("button", { name: "Send back to your TAM" }).click();
  // Issue 36: sending with a mistake builds nothing and leads to a summary naming it.
  await expect(part.locator("#reply-problems")).toBeFocused();
  await expect(part.locator("#reply-problems")).toContainText("Restore duration in rehearsal (hours): Enter hours as a number");
  await part.getByLabel("Restore duration in rehearsal (hours)").fill("2.5");
  await view.getByRole("button", { name: "Send back to your TAM" }).click();
  const ready = part.locator("#reply-ready");
  await expect(ready).toBeFocused();
  await expect(ready).toContainText("Your 2 answers are ready to send: email them to dana.tam@gitlab.example");
  const mail = part.getByRole("link", { name: "Email your answers to dana.tam@gitlab.example" });
  const href = await mail.getAttribute("href");
  expect(href).toMatch(/^mailto:dana\.tam%40gitlab\.example\?subject=/);
  const returned = await part.getByLabel("Return link").inputValue();
  expect(decodeURIComponent(href)).toContain(returned);
  await part.getByRole("button", { name: "Copy the return link" }).click();
  await expect(ready).toContainText("Copied the return link");
  expect(await view.evaluate(() => navigator.clipboard.readText())).toBe(returned);
  await phone.close();
});

// Point 7: sharing with Support is an action; messages stand at their field, focus follows.
test("sharing with Support is one button, and handing the packet over offers to record it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.addInitScript(() => { window.open = () => ({}); });
  await openNewEngagement(page, "Handoff Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await page.getByLabel("Plan link").fill("https://gitlab.example.com/handoff/plan");
  await page.getByRole("button", { name: "Record plan" }).click();

  // Without a project, the message stands at the project's field, which takes the focus.
  await page.getByRole("button", { name: "Open Support review issue" }).click();
  const projectField = page.getByLabel("GitLab project for Support reviews");
  await expect(projectField).toBeFocused();
  await expect(projectField).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#gitlab-project-error")).toHaveText("Enter the https:// address of the GitLab project for Support reviews first.");
  await projectField.fill("https://gitlab.example.com/support/reviews");
  await projectField.press("Tab");
  await page.getByRole("button", { name: "Open Support review issue" }).click();
  const ask = page.getByRole("alertdialog").filter({ hasText: "Record it as shared with Support today?" });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole("button", { name: "Record as shared" })).toBeFocused();
  await ask.getByRole("button", { name: "Record as shared" }).click();
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.getByLabel("Shared with Support on")).toHaveValue(today);
  await expect(page.getByRole("region", { name: "Activity log" })).toContainText("Plan shared with Support for review, with");

  // The button: a second engagement shared without typing a date.
  await openNewEngagement(page, "Button Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await page.getByLabel("Plan link").fill("https://gitlab.example.com/button/plan");
  await page.getByRole("button", { name: "Record plan" }).click();
  await page.getByRole("button", { name: "Mark as shared with Support" }).click();
  await page.getByRole("button", { name: "Share anyway" }).click();
  await expect(page.getByLabel("Shared with Support on")).toHaveValue(today);
  await expect(page.getByLabel("Shared with Support on")).toBeFocused();
  await expect(page.getByRole("button", { name: "Mark as shared with Support" })).toHaveCount(0);
});

// Point 4: the TAM's day on the home page, and the list's search, filter and order kept in the
// address across opening an engagement and coming back.
// Issue 37, point 4: the window's time and zone, a rolled-back migration asking for a new window,
// the "Next window" column with finished engagements last, and the list's search and the GitLab
// region reachable from the top of the page.
test("home shows what needs attention today, soonest window first, and keeps search, filter and order on Back", async ({ page }) => {
  // Rolled back nine days ago, without a new window: stored as a plan file keeps it.
  const rolled = JSON.parse(readFileSync("tests/fixtures/engagement-v3-full.json", "utf8"));
  Object.assign(rolled, { id: "52525252-5252-4252-8252-525252525252", customer_name: "Rolled Co", log: [], snapshots: [] });
  rolled.coordination.migration = { start: isoDate(-9), end: isoDate(-9), status: "rolled_back" };
  rolled.coordination.intake.window_start = `${isoDate(-9)}T22:00:00+01:00`;
  rolled.coordination.intake.window_end = `${isoDate(-8)}T06:00:00+01:00`;
  await page.goto("/");
  await page.evaluate((d) => localStorage.setItem(`upgrade-planner.engagement.${d.id}`, JSON.stringify(d)), rolled);
  for (const [name, days] of [["Later Co", 40], ["Soon Co", 3], ["Quiet Co", null]]) {
    await openNewEngagement(page, name);
    await page.getByLabel("Current users").fill("900");
    await page.getByLabel("Annual growth (%)").fill("0");
    if (days !== null) {
      await page.getByLabel("Time zone").selectOption("Europe/Berlin");
      await page.getByLabel("Maintenance window start").fill(`${isoDate(days)}T22:00`);
      await page.getByLabel("Maintenance window end").fill(`${isoDate(days + 1)}T06:00`);
      await expect(page.getByRole("region", { name: "What Support will ask for" })).toContainText(`${isoDate(days)} 22:00`);
    }
  }
  await page.getByRole("link", { name: "All engagements" }).click();
  const attention = page.getByRole("region", { name: "Needs attention" });
  await expect(attention.getByRole("listitem").first()).toContainText("Soon Co");
  await expect(attention.getByRole("listitem").first()).toContainText(`The maintenance window starts in 3 days (${isoDate(3)} 22:00 UTC+01:00, Europe/Berlin)`);
  await expect(attention).not.toContainText("Later Co");
  await expect(attention.getByRole("listitem").filter({ hasText: "Rolled Co" }).first())
    .toContainText(`Agree a new window: the migration was rolled back on ${isoDate(-9)}, and no window is set after it.`);
  // From the top of the page: the list's search, and the GitLab region, before Needs attention.
  await page.getByRole("link", { name: "Skip to all engagements" }).click();
  await expect(page.getByLabel("Search customers")).toBeFocused();
  await page.getByRole("link", { name: "Keep engagements in GitLab" }).click();
  await expect(page.getByRole("region", { name: "GitLab" }).getByRole("heading", { name: "GitLab" })).toBeInViewport();
  const before = (await page.locator("a, button, input, select").evaluateAll((all) => all.map((e) => e.textContent.trim())));
  expect(before.indexOf("Skip to all engagements")).toBeLessThan(before.indexOf("Soon Co"));
  await attention.getByRole("link", { name: "Soon Co" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Soon Co");
  await page.goBack();

  const list = page.getByRole("region", { name: "All engagements" });
  await page.getByLabel("Sort by").selectOption({ label: "Next maintenance window" });
  const names = () => list.getByRole("rowheader").allTextContents();
  // Open engagements by their window, then those without one, then the finished ones.
  await expect.poll(names).toEqual(["Soon Co", "Later Co", "Quiet Co", "Rolled Co"]);
  await expect(list.getByRole("columnheader", { name: "Next window" })).toBeVisible();
  await expect(list.getByRole("row", { name: /Soon Co/ })).toContainText(`${isoDate(3)} 22:00 UTC+01:00, Europe/Berlin`);
  await page.getByLabel("Search customers").fill("co");
  await page.getByLabel("Filter by stage").selectOption({ label: "Professional Services" });
  await expect(page).toHaveURL(/q=co/);
  await list.getByRole("link", { name: "Later Co" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Later Co");
  await page.goBack();
  await expect(page.getByLabel("Search customers")).toHaveValue("co");
  await expect(page.getByLabel("Filter by stage")).toHaveValue("professional-services");
  await expect(page.getByLabel("Sort by")).toHaveValue("window");
  await expect.poll(names).toEqual(["Soon Co", "Later Co", "Quiet Co"]);
});

// Issue 37, point 4: with thirty engagements, Back returns to where the list was left; a fresh
// visit to the list starts at its top.
test("Back to a long list returns to the same scroll position", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const base = JSON.parse(readFileSync("tests/fixtures/engagement-v3-full.json", "utf8"));
  await page.goto("/");
  await page.evaluate((base) => {
    for (let n = 10; n < 40; n++) {
      const id = `${n}${n}${n}${n}-0000-4000-8000-0000000000${n}`;
      localStorage.setItem(`upgrade-planner.engagement.${id}`, JSON.stringify({ ...base, id, customer_name: `Customer ${n}`, log: [], snapshots: [] }));
    }
  }, base);
  await page.reload();
  const list = page.getByRole("region", { name: "All engagements" });
  const row = list.getByRole("link", { name: "Customer 35", exact: true });
  await row.scrollIntoViewIfNeeded();
  const scrollY = () => page.evaluate(() => Math.round(window.scrollY));
  const before = await scrollY();
  await page.mouse.wheel(0, 120);
  // The wheel scrolls after the event: the place left is where the list stops moving.
  let left = before;
  await expect.poll(async () => {
    const now = await scrollY();
    const settled = now > before && now === left;
    left = now;
    return settled;
  }).toBe(true);
  expect(left).toBeGreaterThan(900);
  await row.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customer 35");
  await page.goBack();
  await expect(row).toBeVisible();
  await expect.poll(scrollY).toBe(left);
  await expect(row).toBeInViewport();
  // "All engagements" from an engagement is a new visit: the list opens at its top.
  await row.click();
  await page.getByRole("link", { name: "All engagements" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(200);
});

// Point 8 (the diagram's text readable at both widths, full size) is in fit.spec.mjs, with the
// rest of what must fit its room (issue 37, point 2).

// Point 6: the engagement page reads in a few screens.
test("after create the name, the next action and Current users show together, and the headline stays in view", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openNewEngagement(page, "Screens Co");
  const inView = async (locator) => {
    const box = await locator.boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= 900;
  };
  await expect(page.getByLabel("Current users")).toBeFocused();
  expect(await inView(page.getByRole("heading", { level: 1 }))).toBe(true);
  expect(await inView(page.locator(".next-action").first())).toBe(true);
  expect(await inView(page.getByLabel("Current users"))).toBe(true);
  await page.getByLabel("Current users").fill("6000");
  const headline = page.locator(".rec-name").first();
  await expect(headline).toContainText("Up to");
  expect(await inView(headline)).toBe(true);

  // Every missing item links to its field.
  await page.getByLabel("Annual growth (%)").fill("0");
  const missing = page.getByRole("region", { name: "What Support will ask for" }).getByRole("list").filter({ hasText: "The rollback plan" });
  await missing.getByRole("link", { name: "The current and target GitLab versions" }).click();
  await expect(page.getByLabel("Current GitLab version")).toBeFocused();
  await missing.getByRole("link", { name: "The time zone of the maintenance window" }).click();
  await expect(page.getByLabel("Time zone")).toBeFocused();
});

test("a shared plan's page is under 5,000 px with its finished stages, sizing included, collapsed", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openNewEngagement(page, "Height Co");
  await page.getByLabel("Current users").fill("6000");
  await page.getByLabel("Annual growth (%)").fill("5");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await page.getByLabel("Plan link").fill("https://gitlab.example.com/height/plan");
  await page.getByRole("button", { name: "Record plan" }).click();
  await page.getByRole("button", { name: "Mark as shared with Support" }).click();
  await page.getByRole("button", { name: "Share anyway" }).click();
  await page.reload();
  const sizing = page.getByRole("region", { name: "Sizing" });
  await expect(sizing).toContainText("Done: Sized for");
  await expect(sizing.getByRole("button", { name: "Show sizing" })).toBeVisible();
  await expect(page.getByLabel("Current users")).toBeHidden();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`shared plan page height at 1440x900: ${height} px`);
  expect(height).toBeLessThan(5000);
  await sizing.getByRole("button", { name: "Show sizing" }).click();
  await expect(page.getByLabel("Current users")).toHaveValue("6000");
});

// Issue 26 (b): a reply made from a link older than the TAM's later changes marks the answers
// to fields changed here since, and lists the other changes, before anything is accepted.
test("a return link made before the TAM changed the contact's email says the email changed since", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Since Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();

  const returned = await customerAnswers(browser, link, {
    "Customer contact during the window (email)": "dana@since.example",
    "Rollback duration (hours)": "2",
  });

  // Meanwhile the TAM records another contact, and the current users change.
  const intake = page.getByRole("region", { name: "What Support will ask for" });
  await intake.getByLabel("Customer contact during the window (email)", { exact: true }).fill("ops@since.example");
  await intake.getByLabel("Customer contact during the window (email)", { exact: true }).press("Tab");
  await page.getByLabel("Current users").fill("1200");
  await expect(page.getByText(/^Saved /)).toBeVisible();

  await page.goto(returned);
  await expect(page.getByRole("alert")).toContainText("the engagement changed here since: answers to fields changed here too are marked");
  const answers = page.getByRole("table", { name: "Each answer beside what is recorded" });
  const email = answers.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Customer contact during the window (email)" }) });
  await expect(email.getByRole("cell").nth(0)).toContainText("ops@since.example");
  await expect(email.getByRole("cell").nth(0)).toContainText("Changed here since the link was made (then: —)");
  const rollback = answers.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Rollback duration (hours)" }) });
  await expect(rollback).not.toContainText("Changed here since");
  const other = page.getByRole("table", { name: "Other changes since the customer's link was made" });
  await expect(other.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Current users", exact: true }) }).getByRole("cell")).toHaveText(["900", "1,200"]);
  await expect(other.getByRole("rowheader", { name: "Customer contact during the window (email)" })).toHaveCount(0);
});

// Issue 37, point 3: each answer is accepted or declined, on any screen. Story: on a phone 450 px
// of table sat in 316 px, "Accept" was off screen, and an answer could not be declined.
for (const [width, height] of [[1440, 900], [390, 844]]) test(`each answer can be accepted or declined at ${width} px, with both buttons in view and nothing scrolling sideways`, async ({ page, browser, context }) => {
  await page.setViewportSize({ width, height });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Decline Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  const returned = await customerAnswers(browser, link, {
    "Customer contact during the window (name)": "Walter Skinner",
    "Rollback duration (hours)": "2",
    "Rollback plan": "Restore the snapshot of every data disk taken at the start of the window, then point DNS back at the old site.",
  });
  await page.goto(returned);
  const table = page.getByRole("table", { name: "Each answer beside what is recorded" });
  for (const label of ["Customer contact during the window (name)", "Rollback duration (hours)", "Rollback plan"]) {
    for (const decision of ["Accept", "Decline"]) {
      const button = table.getByRole("button", { name: `${decision} ${label}` });
      await button.scrollIntoViewIfNeeded();
      const box = await button.boundingBox();
      expect(box.x, `${decision} ${label}`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${decision} ${label}`).toBeLessThanOrEqual(width);
    }
  }
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
  if (width < 600) {
    const dir = process.env.SCREENSHOTS_DIR ?? test.info().outputPath();
    await page.screenshot({ path: `${dir}/reply-review-390.png`, fullPage: true });
  }

  await table.getByRole("button", { name: "Decline Customer contact during the window (name)" }).click();
  await expect(page.getByRole("status")).toHaveText("Declined: Customer contact during the window (name). The recorded value stays, and the activity log says so.");
  await expect(table.getByRole("rowheader", { name: "Customer contact during the window (name)" })).toHaveCount(0);
  await table.getByRole("button", { name: "Accept Rollback duration (hours)" }).click();
  await table.getByRole("button", { name: "Decline Rollback plan" }).click();
  await expect(page.getByText("Every answer in this reply is now accepted or declined.")).toBeVisible();
  // Reopened, the reply has nothing waiting: declined answers stay declined.
  await page.goto(returned);
  await expect(page.getByText("Every answer in this reply is recorded or declined.")).toBeVisible();
  await page.getByRole("link", { name: "Open the engagement" }).click();
  const log = page.getByRole("region", { name: "Activity log" });
  await expect(log).toContainText("Declined the customer's answer to Customer contact during the window (name): Walter Skinner.");
  await expect(log).toContainText("Declined the customer's answer to Rollback plan: Restore the snapshot");
  await expect(page.getByLabel("Customer contact during the window (name)", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Rollback duration (hours)", { exact: true })).toHaveValue("2");
});

// Issue 37, point 3. Story: a second reply from the same customer, changing their own earlier
// answer, was shown as "Changed here since the link was made".
test("a second reply from the same link that changes the customer's own answer is not a conflict", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Twice Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  const first = await customerAnswers(browser, link, { "Rollback duration (hours)": "2" });
  await page.goto(first);
  await page.getByRole("button", { name: "Accept all" }).click();
  await expect(page.getByText("Every answer in this reply is now applied.")).toBeVisible();

  const second = await customerAnswers(browser, link, { "Rollback duration (hours)": "3" });
  await page.goto(second);
  await expect(page.getByRole("alert")).toContainText("The customer answered again from the link made at revision");
  const row = page.getByRole("table", { name: "Each answer beside what is recorded" }).getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "Rollback duration (hours)" }) });
  await expect(row.getByRole("cell")).toHaveText([/^2/, "3", "AcceptDecline"]);
  await expect(row).not.toContainText("Changed here since");
  await expect(row).toContainText("The customer's earlier answer, accepted here: this one replaces it.");
});
