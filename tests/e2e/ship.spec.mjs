// Shipping: the app under a sub-path (GitLab Pages), and offline once loaded.
import { test, expect } from "@playwright/test";

const SUB = "http://127.0.0.1:8091/planner/";

test("under a sub-path the app routes, reloads and shares correctly", async ({ page, browser }) => {
  await page.goto(SUB);
  await page.getByLabel("Customer name").fill("Pages Co");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await expect(page).toHaveURL(/\/planner\/engagements\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pages Co");
  await page.getByLabel("Current users").fill("500");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:8091\/planner\/#s2\./);
  await page.getByRole("link", { name: "All engagements" }).click();
  await expect(page).toHaveURL(SUB);
  const other = await browser.newContext();
  const view = await other.newPage();
  await view.goto(link);
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Pages Co");
  await other.close();
});

test("once loaded, the app opens and works offline", async ({ page, context }) => {
  await page.goto("/");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload(); // now served through the service worker, which keeps copies
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await page.getByLabel("Customer name").fill("Offline Ltd");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offline Ltd");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offline Ltd");
  await context.setOffline(false);
});

/** The offline caches, each with the paths it holds. */
async function offlineCaches(page) {
  return page.evaluate(async () => {
    const all = {};
    for (const name of await caches.keys()) {
      all[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    }
    return all;
  });
}

// Story: on a host name with a hash-like part (a GitLab Pages unique domain), the cache logic
// stripped the host instead of the file's hash, and old builds were never evicted.
test("the offline copy keeps one whole build, on any host name", async ({ page }) => {
  await page.goto("http://upgrade-planner-0a1b2c3d4e.localhost:8090/");
  await page.evaluate(() => navigator.serviceWorker.ready);
  // What an earlier build left: its own cache, and the single cache of before.
  await page.evaluate(async () => {
    const old = await caches.open("upgrade-planner-build-upgrade-planner-0123456789abcdef_bg.wasm");
    await old.put(new URL("upgrade-planner-0123456789abcdef_bg.wasm", location.href).href, new Response("old"));
    await (await caches.open("upgrade-planner")).put(new URL("style-123.css", location.href).href, new Response("old"));
  });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await expect.poll(async () => Object.keys(await offlineCaches(page)).length).toBe(1);
  const [[name, paths]] = Object.entries(await offlineCaches(page));
  // Named by its three modules (the planner's and the customer's two), and holding them all.
  expect(name).toMatch(/^upgrade-planner-build-customer-part-[0-9a-f]+_bg\.wasm\+customer-view-[0-9a-f]+_bg\.wasm\+upgrade-planner-[0-9a-f]+_bg\.wasm$/);
  expect(paths).toContain("/");
  expect(paths.filter((p) => p.endsWith("_bg.wasm"))).toHaveLength(3);
  expect(paths.filter((p) => p.endsWith(".js") && p !== "/sw.js")).toHaveLength(3);
  expect(paths.filter((p) => p.endsWith(".css"))).toHaveLength(1);
});

test("another page under the app's address never becomes the offline app", async ({ page, context }) => {
  await page.goto("/");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect.poll(async () => Object.keys(await offlineCaches(page)).length).toBe(1);
  // A page that is not the app, opened under the same scope.
  await page.goto("/sw.js");
  await page.waitForTimeout(500);
  await context.setOffline(true);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await context.setOffline(false);
});

test("the built files are sent from their precompressed copies, and the app runs from them", async ({ page }) => {
  const encodings = {};
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    const kind = path.match(/\.(wasm|js|css)$/)?.[1];
    if (kind) encodings[kind] = response.headers()["content-encoding"];
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await page.getByLabel("Customer name").fill("Compressed Co");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compressed Co" })).toBeVisible();
  expect(encodings).toEqual({ wasm: "br", js: "br", css: "br" });
});
