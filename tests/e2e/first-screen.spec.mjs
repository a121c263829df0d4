// Issue 28: the customer's first screen is drawn by a small module without the UI framework; the
// rest of the customer's view ("Your part", saving a copy) comes in a second module, requested
// once that screen is painted.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { customerLink, openNewEngagement } from "./helpers.mjs";

test("the plan, its diagram and Download work before the second module arrives; Your part then fills in, and internal notes never show", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "First Screen Co");
  await page.getByLabel("Current users").fill("6000");
  await page.getByLabel("Internal notes", { exact: true }).fill("walk-away price 40k");
  await page.getByLabel("Internal notes", { exact: true }).blur();
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();

  // No service worker: it would fetch the second module itself, past the test's hold.
  const customer = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: "block" });
  const view = await customer.newPage();
  // The second module is held back until the test lets it through; what the page held when it
  // was first asked for is kept.
  let release;
  const held = new Promise((done) => { release = done; });
  const asked = [];
  await view.route(/\/customer-part-[0-9a-f]+(_bg\.wasm|\.js)$/, async (route) => {
    asked.push(await view.evaluate(() => ({
      title: document.querySelector("h1#plan-title")?.textContent ?? null,
      diagram: !!document.querySelector("figure.architecture-diagram svg"),
    })));
    await held;
    await route.continue();
  });
  const first = [];
  view.on("request", (r) => { if (/customer-view-/.test(r.url())) first.push(r.url()); });
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
  // Your part says it is on its way; saving a copy waits for the second module.
  const part = view.getByRole("region", { name: "Your part" });
  await expect(part.getByRole("status")).toHaveText("Loading your part…");
  await expect(view.getByRole("button", { name: "Save a copy to this browser" })).toHaveCount(0);
  // The second module was asked for only once the first screen was drawn.
  await expect.poll(() => asked.length).toBeGreaterThan(0);
  for (const seen of asked) expect(seen).toEqual({ title: "Planning summary for First Screen Co", diagram: true });
  expect(first.length).toBeGreaterThan(0);

  release();
  await expect(part.getByLabel("Customer contact during the window (name)")).toBeVisible();
  await expect(part.getByRole("status")).toHaveCount(0);
  await view.getByRole("button", { name: "Save a copy to this browser" }).click();
  await expect(view.getByRole("status").filter({ hasText: "Saved a copy to this browser." })).toBeVisible();
  await expect(view.getByRole("link", { name: "Open the saved copy" })).toBeVisible();
  // Once everything is drawn, the internal notes are still nowhere on the page.
  await expect(view.getByRole("heading", { level: 2, name: "Upgrade path" })).toBeVisible();
  await expect(view.locator("body")).not.toContainText("walk-away");
  await customer.close();
});

test("when the second module cannot be fetched, the plan stays readable and Your part says so", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const link = await customerLink(page, "Offline Part Co", "500");
  const customer = await browser.newContext({ serviceWorkers: "block" });
  const view = await customer.newPage();
  await view.route(/\/customer-part-[0-9a-f]+(_bg\.wasm|\.js)$/, (route) => route.abort());
  await view.goto(link);
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Offline Part Co");
  await expect(view.getByRole("region", { name: "Your part" }))
    .toContainText("Your part did not load. Check the connection, then reload the page.");
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
