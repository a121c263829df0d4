// The static shell: something useful paints before the module has downloaded and started.
import { test, expect } from "@playwright/test";
import { customerLink } from "./helpers.mjs";

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

/** The WebAssembly files a page asks for, by file name. */
function wasmRequests(page) {
  const seen = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith(".wasm")) seen.push(path.split("/").pop());
  });
  return seen;
}

test("a customer's link loads one module of its own, a fraction of the planner's, holding Your part; saving a copy fetches its own and opens the planner", async ({ page, browser }) => {
  const link = await customerLink(page, "Module Co");
  const planner = wasmRequests(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  expect(planner).toEqual([expect.stringMatching(/^upgrade-planner-[0-9a-f]+_bg\.wasm$/)]);

  const customer = await browser.newContext();
  const view = await customer.newPage();
  const sizes = {};
  view.on("response", async (response) => {
    const path = new URL(response.url()).pathname;
    if (path.endsWith(".wasm")) sizes[path] = (await response.body()).length;
  });
  const asked = wasmRequests(view);
  await view.goto(link);
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Module Co");
  await expect(view.getByRole("heading", { name: "Recommended reference architecture" })).toBeVisible();
  expect(asked[0]).toMatch(/^customer-view-[0-9a-f]+_bg\.wasm$/);
  // Your part comes with it; saving a copy's module waits until it is asked for, and the
  // planner's until the saved copy is opened.
  await expect(view.getByLabel("Customer contact during the window (name)")).toBeEditable();
  await view.waitForLoadState("networkidle");
  expect(asked).toEqual([expect.stringMatching(/^customer-view-[0-9a-f]+_bg\.wasm$/)]);
  const plannerSize = (await view.request.get(`/${planner[0]}`)).body().then((b) => b.length);
  expect(Object.values(sizes)[0]).toBeLessThan(0.7 * (await plannerSize));

  await view.getByRole("button", { name: "Save a copy to this browser" }).click();
  await expect(view.getByRole("status").filter({ hasText: "Saved a copy to this browser." })).toBeVisible();
  expect(asked).toEqual([expect.stringMatching(/^customer-view-[0-9a-f]+_bg\.wasm$/), expect.stringMatching(/^customer-part-[0-9a-f]+_bg\.wasm$/)]);
  await view.getByRole("link", { name: "Open the saved copy" }).click();
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Module Co");
  await expect(view.getByLabel("Current users")).toHaveValue("3000");
  expect(asked).toContainEqual(expect.stringMatching(/^upgrade-planner-[0-9a-f]+_bg\.wasm$/));
  await customer.close();
});

test("the customer's view follows a changed address to the planner", async ({ page, browser }) => {
  const link = await customerLink(page, "Address Co");
  const customer = await browser.newContext();
  const view = await customer.newPage();
  await view.goto(link);
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Address Co");
  await view.evaluate(() => { location.hash = ""; });
  await expect(view.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await customer.close();
});

test("a customer's link opened once opens again offline", async ({ page, context }) => {
  const link = await customerLink(page, "Offline View Co");
  await page.goto(link);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Offline View Co");
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Offline View Co");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await context.setOffline(false);
});
