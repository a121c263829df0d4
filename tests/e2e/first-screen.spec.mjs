// Issue 28: the customer's link is drawn by a small module without the UI framework. Issue 36:
// the same module draws "Your part"; saving a copy to this browser, which needs the planner's
// storage, comes in a second module fetched only when "Save a copy to this browser" is pressed.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { customerLink, openNewEngagement } from "./helpers.mjs";

const PART = /\/customer-part-[0-9a-f]+(_bg\.wasm|\.js)$/;

test("the plan, Download and Your part all work from the first module; saving a copy fetches its module only when pressed", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "First Screen Co");
  await page.getByLabel("Current users").fill("6000");
  await page.getByLabel("Internal notes", { exact: true }).fill("walk-away price 40k");
  await page.getByLabel("Internal notes", { exact: true }).blur();
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();

  // No service worker: it would fetch the second module itself.
  const customer = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: "block" });
  await customer.grantPermissions(["clipboard-read", "clipboard-write"]);
  const view = await customer.newPage();
  const asked = [];
  view.on("request", (r) => { if (PART.test(new URL(r.url()).pathname)) asked.push(r.url()); });
  await view.goto(link);

  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Planning summary for First Screen Co");
  const architecture = view.getByRole("region", { name: "Recommended reference architecture" });
  await expect(architecture.getByRole("img", { name: "Architecture diagram" })).toBeVisible();
  await expect(architecture).toContainText("10k");
  // The diagram's own control works without the framework.
  await architecture.getByRole("button", { name: "Open full size" }).click();
  await expect(architecture.getByRole("button", { name: "Close full size" })).toHaveAttribute("aria-pressed", "true");
  await view.keyboard.press("Escape");
  await expect(architecture.getByRole("button", { name: "Open full size" })).toBeVisible();
  // Download responds, with the customer's Markdown.
  const [download] = await Promise.all([view.waitForEvent("download"), view.getByRole("button", { name: "Download" }).click()]);
  const md = readFileSync(await download.path(), "utf8");
  expect(md).toContain("# Planning summary for First Screen Co");
  expect(md).not.toContain("walk-away");
  await expect(view.getByRole("status").filter({ hasText: "Downloaded the plan." })).toBeVisible();

  // Your part: "Fill in your part" leads to it, a mistake is named at its field, and the answers
  // go back as a return link, all before any other module.
  await view.getByRole("button", { name: "Fill in your part" }).click();
  const part = view.getByRole("region", { name: "Your part" });
  await expect(part.getByLabel("Customer contact during the window (name)")).toBeFocused();
  // The phone offers the keyboard for each answer.
  await expect(part.getByLabel("Customer contact during the window (email)")).toHaveAttribute("inputmode", "email");
  await expect(part.getByLabel("Customer contact during the window (email)")).toHaveAttribute("autocomplete", "email");
  await expect(part.getByLabel("Customer contact during the window (name)")).toHaveAttribute("autocomplete", "name");
  await expect(part.getByLabel("Rollback duration (hours)")).toHaveAttribute("inputmode", "decimal");
  await expect(part.getByLabel("Rollback document (link)")).toHaveAttribute("inputmode", "url");
  await part.getByLabel("Customer contact during the window (name)").fill("Dana Ortiz");
  await part.getByLabel("Customer contact during the window (email)").fill("dana.ortiz@");
  await expect(part.locator("#reply-contact-email-error")).toHaveText("Enter one email address, such as name@example.com.");
  await part.getByLabel("Customer contact during the window (email)").fill("dana.ortiz@acme.example");
  await expect(part.locator("#reply-contact-email-error")).toHaveText("");
  await part.getByRole("button", { name: "Send back to your TAM" }).click();
  await expect(part.getByRole("status")).toContainText("Your 2 answers are ready to send");
  // The ways to send them are in view at once on the phone; with no TAM address in the link,
  // the email says that the address is the customer's to add.
  await expect(part.getByRole("button", { name: "Copy the return link" })).toBeInViewport();
  await expect(part.getByRole("link", { name: "Email your answers (add your TAM's address)" })).toBeInViewport();
  await part.getByRole("button", { name: "Copy the return link" }).click();
  await expect(part.getByRole("status")).toContainText("Copied the return link");
  expect(await view.evaluate(() => navigator.clipboard.readText())).toMatch(/#r[0-9]+\./);
  await expect(view.getByRole("heading", { level: 2, name: "Upgrade path" })).toBeVisible();
  expect(asked).toEqual([]);

  // Saving a copy fetches its module, once.
  await view.getByRole("button", { name: "Save a copy to this browser" }).click();
  await expect(view.getByRole("status").filter({ hasText: "Saved a copy to this browser." })).toBeVisible();
  await expect(view.getByRole("link", { name: "Open the saved copy" })).toBeVisible();
  expect(asked.length).toBeGreaterThan(0);
  await view.getByRole("button", { name: "Save a copy to this browser" }).click();
  await expect(view.getByRole("alertdialog", { name: "This plan is already saved in this browser" })).toBeVisible();
  // Once everything is drawn, the internal notes are still nowhere on the page.
  await expect(view.locator("body")).not.toContainText("walk-away");
  await customer.close();
});

test("when saving's module cannot be fetched, the plan and Your part still work, and Save says why", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const link = await customerLink(page, "Offline Part Co", "500");
  const customer = await browser.newContext({ serviceWorkers: "block" });
  const view = await customer.newPage();
  await view.route(PART, (route) => route.abort());
  await view.goto(link);
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Offline Part Co");
  await view.getByLabel("Customer contact during the window (name)").fill("Sam Lee");
  await view.getByRole("button", { name: "Save a copy to this browser" }).click();
  await expect(view.getByRole("alert").filter({ hasText: "Saving a copy did not load. Check the connection, then try again." })).toBeVisible();
  await expect(view.getByLabel("Customer contact during the window (name)")).toHaveValue("Sam Lee");
  await customer.close();
});

test("a link that cannot be opened never fetches the second module", async ({ browser }) => {
  const customer = await browser.newContext({ serviceWorkers: "block" });
  const view = await customer.newPage();
  const asked = [];
  view.on("request", (r) => { if (/customer-part-/.test(r.url())) asked.push(r.url()); });
  await view.goto("/#s2.AAAA");
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("This plan link cannot be opened");
  await view.waitForLoadState("networkidle");
  expect(asked).toEqual([]);
  await customer.close();
});
