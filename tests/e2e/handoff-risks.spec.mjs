// Issue 37, point 1: the risks a customer's answers open are named where the TAM accepts them,
// the engagement opens at its top with where it stands, and sharing with Support while risks
// stand asks first, naming them.
import { test, expect } from "@playwright/test";
import { customerAnswers, isoDate, openNewEngagement } from "./helpers.mjs";

test.use({ viewport: { width: 1440, height: 900 } });

/** Waits for the frames in which a page that just opened puts its focus and scrolls. */
const settled = (page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)))));

// Story: after "Accept all" the page said "Next action: Share the plan with Support" while the
// window had just added two risks; the engagement opened scrolled to "Support review", and
// "Mark as shared with Support" shared without a word about the risks.
test("accepted answers name the risks they open, the engagement opens at its top, and sharing asks first, naming the risks", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Handoff Co");
  await page.getByLabel("Current users").fill("900");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await page.getByLabel("Plan link").fill("https://gitlab.example.com/handoff/plan");
  await page.getByRole("button", { name: "Record plan" }).click();
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();

  // A one-hour window three days away: inside Support's notice, shorter than the steps.
  const returned = await customerAnswers(browser, link, {
    "Maintenance window start": `${isoDate(3)}T22:00`,
    "Maintenance window end": `${isoDate(3)}T23:00`,
  });
  await page.goto(returned);
  await page.getByRole("button", { name: "Accept all" }).click();
  const status = page.getByRole("status");
  await expect(status).toBeFocused();
  await expect(status).toContainText(/\d new risks? for this window: /);
  const opened = status.getByRole("listitem");
  await expect(opened.filter({ hasText: "days the app allows for Support's review" })).toHaveCount(1);
  // Nothing is rehearsed was a risk before these answers: not new.
  await expect(opened.filter({ hasText: "Nothing is rehearsed yet" })).toHaveCount(0);
  const count = await opened.count();
  await expect(status).toContainText(`${count} new risks for this window: `);
  const dir = process.env.SCREENSHOTS_DIR ?? test.info().outputPath();
  await page.screenshot({ path: `${dir}/reply-new-risks-1440.png`, fullPage: true });

  // The link to the risks lands on them.
  await status.getByRole("link", { name: "See every risk for this window" }).click();
  const risksHeading = page.getByRole("heading", { name: "Risks for this window" });
  await expect(risksHeading).toBeFocused();
  await expect(risksHeading).toBeInViewport();
  const risks = page.getByRole("region", { name: "Risks for this window" }).getByRole("listitem");
  await expect(risks.filter({ hasText: "Nothing is rehearsed yet" })).toHaveCount(1);
  await expect(risks).toHaveCount(count + 1);

  // "Open the engagement" opens it at its top: the name, where it stands and the risks.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Answers from the customer");
  await page.getByRole("link", { name: "Open the engagement" }).click();
  const name = page.getByRole("heading", { level: 1 });
  await expect(name).toHaveText("Handoff Co");
  await settled(page);
  await expect(name).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expect(name).toBeInViewport();
  await expect(page.getByRole("heading", { name: "Where it stands" })).toBeInViewport();
  await expect(risksHeading).toBeInViewport();
  await expect(page.getByRole("region", { name: "Where it stands" }).locator(".next-action")).toBeInViewport();

  // Sharing while risks stand asks first, naming them, and the question takes the focus.
  await page.getByRole("button", { name: "Mark as shared with Support" }).click();
  const ask = page.getByRole("alertdialog");
  await expect(ask).toContainText(`${count + 1} risks stand for this window: `);
  await expect(ask).toContainText("Nothing is rehearsed yet");
  await expect(ask).toContainText("days the app allows for Support's review");
  await expect(ask).toContainText("Share the plan with Support anyway?");
  await expect(ask.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.screenshot({ path: `${dir}/share-question-1440.png` });
  await expect(page.getByLabel("Shared with Support on")).toHaveValue("");
  await ask.getByRole("button", { name: "Share anyway" }).click();
  await expect(page.getByLabel("Shared with Support on")).toHaveValue(isoDate(0));
  await expect(page.getByRole("button", { name: "Mark as shared with Support" })).toHaveCount(0);
});
