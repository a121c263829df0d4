// The static shell: something useful paints before the module has downloaded and started.
import { test, expect } from "@playwright/test";

test("the static shell paints before the module runs, gives way to the app without a jump, and keeps to the CSP", async ({ page }) => {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route("**/*.wasm", async (route) => { await held; await route.continue(); });
  await page.goto("/", { waitUntil: "commit" });
  await expect(page.getByRole("status").filter({ hasText: "Loading the planner…" })).toBeVisible();
  const header = page.locator("header.site-header");
  await expect(header).toHaveText("Infrastructure Upgrade Planner");
  const before = await header.boundingBox();
  release();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await expect(page.getByText("Loading the planner…")).toHaveCount(0);
  await expect(header).toHaveCount(1);
  expect(await header.boundingBox()).toEqual(before);
  expect(await page.evaluate(() => window.__csp)).toEqual([]);
});
