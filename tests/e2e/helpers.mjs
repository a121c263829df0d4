// Steps several journeys share.
import { expect } from "@playwright/test";

/** Creates an engagement from the home page, which opens it. */
export async function openNewEngagement(page, name) {
  await page.goto("/");
  await page.getByLabel("Customer name").fill(name);
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

/** The page's outline starts at one h1 and never skips a level on the way down. */
export async function expectHeadingsInOrder(page) {
  const levels = await page.getByRole("heading").evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  expect(levels[0]).toBe(1);
  expect(levels.filter((level) => level === 1)).toHaveLength(1);
  for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
}

/** The date `daysFromNow` days from now, as a date input takes it ("2026-11-25"). */
export function isoDate(daysFromNow) {
  return new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);
}

/** Creates an engagement, which opens it, and goes back to the list. */
export async function createAndReturn(page, name) {
  await page.getByLabel("Customer name").fill(name);
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.getByRole("link", { name: "All engagements" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
}

/** Creates an engagement sized for `users`, and returns its customer link. */
export async function customerLink(page, name, users = "3000") {
  await openNewEngagement(page, name);
  await page.getByLabel("Current users").fill(users);
  await page.getByRole("button", { name: "Copy customer link" }).click();
  return page.getByLabel("Customer link").inputValue();
}

/** A downloaded Markdown file as a reader sees it: the escapes the app writes are gone. */
export function plainMarkdown(md) {
  return md.replace(/\\([\\`*_{}\[\]()#+\-.!<>~|@&%$])/g, "$1");
}

/** Each needle appears in `text`, after the one before it. */
export function expectInOrder(text, needles) {
  let at = 0;
  for (const needle of needles) {
    const found = text.indexOf(needle, at);
    expect(found, `“${needle}” after position ${at}`).toBeGreaterThanOrEqual(0);
    at = found;
  }
}

/** The customer opens `link` in a browser of their own, fills in `answers` (label → value) under
 * "Your part" and sends them back: the return link. */
export async function customerAnswers(browser, link, answers) {
  const customer = await browser.newContext();
  const view = await customer.newPage();
  await view.goto(link);
  const part = view.getByRole("region", { name: "Your part" });
  for (const [label, value] of Object.entries(answers)) await part.getByLabel(label).fill(value);
  await view.getByRole("button", { name: "Send back to your TAM" }).click();
  const returned = await view.getByLabel("Return link").inputValue();
  await customer.close();
  return returned;
}
