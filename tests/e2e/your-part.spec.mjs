// Issue 36, points 4 and 5: "Your part" names mistakes at their fields and leads to them on
// sending; a customer who comes back after sending is told what they sent.
import { test, expect } from "@playwright/test";
import { customerLink } from "./helpers.mjs";

test.use({ timezoneId: "UTC" });

/** The customer's phone, opening `link`. */
async function phone(browser, link) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: "UTC" });
  const view = await context.newPage();
  await view.goto(link);
  return { context, view, part: view.getByRole("region", { name: "Your part" }) };
}

test("mistakes in Your part are named at their fields, and sending with them leads to a summary of each", async ({ page, browser }) => {
  const link = await customerLink(page, "Mistake Co");
  const { context, view, part } = await phone(browser, link);
  // Point 5: answers are owed from the first stage on, so filling them in leads.
  const buttons = view.getByRole("article").locator(".button-row").first().getByRole("button");
  await expect(buttons.first()).toHaveText("Fill in your part");
  await expect(buttons.first()).toHaveClass(/primary/);
  await expect(view.getByRole("button", { name: "Save a copy to this browser" })).not.toHaveClass(/primary/);

  // Sent with nothing changed: the message says so where the customer is looking.
  await view.getByRole("button", { name: "Send back to your TAM" }).click();
  const nothing = part.getByText("Nothing to send yet: every field is as your TAM recorded it.");
  await expect(nothing).toBeFocused();
  await expect(nothing).toBeInViewport();

  await part.getByLabel("Customer contact during the window (name)").fill("Dana Ortiz");
  await part.getByLabel("Customer contact during the window (email)").fill("dana.ortiz@");
  await part.getByLabel("Maintenance window start").fill("2027-03-06T22:00");
  await part.getByLabel("Maintenance window end").fill("2027-03-06T21:00");
  await part.getByLabel("Rollback document (link)").fill("sharepoint/rollback");
  await part.getByLabel("Restore duration in rehearsal (hours)").fill("soon");
  // Each message sits at its field.
  const at = (label) => part.locator(".field").filter({ has: view.getByLabel(label, { exact: true }) }).locator(".field-error");
  await expect(at("Customer contact during the window (email)")).toHaveText("Enter one email address, such as name@example.com.");
  await expect(at("Maintenance window end")).toContainText("The window must end after it starts");
  await expect(at("Rollback document (link)")).toContainText("Enter a web address starting with https://");
  await expect(at("Restore duration in rehearsal (hours)")).toContainText("Enter hours as a number");
  await expect(part.getByLabel("Customer contact during the window (email)")).toHaveAttribute("aria-invalid", "true");

  await view.getByRole("button", { name: "Send back to your TAM" }).click();
  // Nothing is built; the focus goes to the summary at the top of Your part.
  await expect(part.getByLabel("Return link")).toHaveCount(0);
  const summary = part.locator("#reply-problems");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading")).toHaveText("Correct these 4 before sending");
  const box = await summary.boundingBox();
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeLessThan(844);
  const heading = await part.getByRole("heading", { name: "Your part" }).boundingBox();
  const form = await part.getByLabel("Customer contact during the window (name)").boundingBox();
  expect(box.y).toBeGreaterThan(heading.y);
  expect(box.y).toBeLessThan(form.y);
  const links = summary.getByRole("link");
  await expect(links).toHaveText([
    "Customer contact during the window (email): Enter one email address, such as name@example.com.",
    /^Maintenance window end: The window must end after it starts/,
    /^Rollback document \(link\): Enter a web address/,
    /^Restore duration in rehearsal \(hours\): Enter hours as a number/,
  ]);
  await view.screenshot({ path: test.info().outputPath("your-part-errors-390.png") });
  await part.screenshot({ path: test.info().outputPath("your-part-errors-390-part.png") });
  // Each link takes the focus to its field, and the plan's link stays in the address.
  await links.nth(2).click();
  await expect(part.getByLabel("Rollback document (link)")).toBeFocused();
  expect(view.url()).toBe(link);
  // Corrected, one by one: the summary shrinks, then goes.
  await part.getByLabel("Rollback document (link)").fill("https://wiki.mistake.example/rollback");
  await expect(links).toHaveCount(3);
  await part.getByLabel("Customer contact during the window (email)").fill("dana.ortiz@mistake.example");
  await part.getByLabel("Maintenance window end").fill("2027-03-07T02:00");
  await part.getByLabel("Restore duration in rehearsal (hours)").fill("2.5");
  await expect(summary).toHaveCount(0);
  await view.getByRole("button", { name: "Send back to your TAM" }).click();
  await expect(part.locator("#reply-ready")).toBeFocused();
  await expect(part.getByLabel("Return link")).toHaveValue(/#r1\./);

  // The TAM's intake draws the same fields with the same checks.
  await page.getByLabel("Customer contact during the window (email)", { exact: true }).fill("dana.ortiz@");
  await expect(page.locator(".field").filter({ has: page.getByLabel("Customer contact during the window (email)", { exact: true }) }).locator(".field-error"))
    .toHaveText("Enter one email address, such as name@example.com.");
  await context.close();
});

test("coming back after sending, the next step says when the answers were sent and which", async ({ page, browser }) => {
  const link = await customerLink(page, "Return Co");
  const { context, view, part } = await phone(browser, link);
  const next = view.getByRole("region", { name: "Your next step" });
  await part.getByLabel("Customer contact during the window (name)").fill("Walter Skinner");
  await part.getByLabel("Rollback duration (hours)").fill("3");
  await view.getByRole("button", { name: "Send back to your TAM" }).click();
  await expect(part.locator("#reply-ready")).toBeFocused();

  await view.reload();
  const today = new Date().toISOString().slice(0, 10);
  await expect(next).toContainText(`You sent your answers on ${today}`);
  await expect(next).toContainText("Customer contact during the window (name); Rollback duration (hours)");
  await expect(next).toContainText("send again if anything changed");
  await expect(next).not.toContainText("from you");
  await expect(view.getByRole("button", { name: "Save a copy to this browser" })).toHaveClass(/primary/);

  // Another link, made after the TAM changed the engagement, starts afresh.
  await page.getByLabel("Current users").fill("3100");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const newer = await page.getByLabel("Customer link").inputValue();
  expect(newer).not.toBe(link);
  await view.goto("about:blank");
  await view.goto(newer);
  await expect(next).not.toContainText("You sent your answers");
  await expect(view.getByRole("article").locator(".button-row").first().getByRole("button").first()).toHaveText("Fill in your part");
  await context.close();
});

// The browser's own zone is asked for after the first paint (it costs about 0.1 s on a slow
// phone); the customer's list still offers it second, named so, and every other zone after it.
test("the customer's time zone list offers this browser's zone second, as the TAM's does", async ({ page, browser }) => {
  const link = await customerLink(page, "Zone Co");
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: "America/Chicago" });
  const view = await context.newPage();
  await view.goto(link);
  const zone = view.getByRole("region", { name: "Your part" }).getByLabel("Time zone");
  await expect(zone).toHaveValue("");
  await expect(zone.locator("option").nth(0)).toHaveText("Choose a time zone");
  await expect(zone.locator("option").nth(1)).toHaveText("America/Chicago (this browser's)");
  await zone.selectOption("Europe/Berlin");
  await expect(zone).toHaveValue("Europe/Berlin");
  await context.close();
});
