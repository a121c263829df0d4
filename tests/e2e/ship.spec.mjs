// Shipping: the app under a sub-path (GitLab Pages), and offline once loaded.
import { test, expect } from "@playwright/test";

const SUB = "http://127.0.0.1:8091/planner/";

test("under a sub-path the app routes, reloads and shares correctly", async ({ page, browser }) => {
  await page.goto(SUB);
  await page.getByLabel("Customer name").fill("Pages Co");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await page.getByRole("link", { name: "Pages Co", exact: true }).click();
  await expect(page).toHaveURL(/\/planner\/engagements\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pages Co");
  await page.getByLabel("Current users").fill("500");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:8091\/planner\/#s1\./);
  await page.getByRole("link", { name: "All engagements" }).click();
  await expect(page).toHaveURL(SUB);
  const other = await browser.newContext();
  const view = await other.newPage();
  await view.goto(link);
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Upgrade plan for Pages Co");
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
  await page.getByRole("link", { name: "Offline Ltd", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offline Ltd");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offline Ltd");
  await context.setOffline(false);
});

test("the offline copy keeps one build: a new build's files replace the earlier ones", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  // What an earlier build left in the cache; a hash that starts with zeros is written shorter.
  await page.evaluate(async () => {
    const cache = await caches.open("upgrade-planner");
    await cache.put(new URL("upgrade-planner-0123456789abcdef_bg.wasm", location.href).href, new Response("old"));
    await cache.put(new URL("style-123456789abcd.css", location.href).href, new Response("old"));
  });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  const cached = async () =>
    page.evaluate(async () => {
      const cache = await caches.open("upgrade-planner");
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
  await expect.poll(cached).not.toContainEqual(expect.stringContaining("123456789abcd"));
  const names = await cached();
  expect(names.filter((n) => n.endsWith("_bg.wasm"))).toHaveLength(1);
  expect(names.filter((n) => n.endsWith(".css"))).toHaveLength(1);
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
  await expect(page.getByRole("link", { name: "Compressed Co", exact: true })).toBeVisible();
  expect(encodings).toEqual({ wasm: "br", js: "br", css: "br" });
});
