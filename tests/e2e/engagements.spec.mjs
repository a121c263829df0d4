// A TAM's first journeys: create, find again after a reload, rename, duplicate, delete.
import { test, expect } from "@playwright/test";
import { createAndReturn } from "./helpers.mjs";

const KEY_PREFIX = "upgrade-planner.engagement.";

async function createEngagement(page, name) {
  await createAndReturn(page, name);
  await expect(listRow(page, name)).toBeVisible();
}

function list(page) {
  return page.getByRole("region", { name: "All engagements" });
}

function listRow(page, name) {
  return list(page).getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
});

test("an empty list invites the TAM to create the first engagement", async ({ page }) => {
  await expect(list(page)).toContainText("No engagements yet");
  await expect(page.getByRole("banner")).toContainText("Infrastructure Upgrade Planner");
});

test("two engagements are still listed after a reload", async ({ page }) => {
  await createEngagement(page, "Acme Corp");
  await createEngagement(page, "Globex");
  await expect(page.getByRole("status")).toContainText("Created “Globex”.");
  await page.reload();
  await expect(listRow(page, "Acme Corp")).toBeVisible();
  await expect(listRow(page, "Globex")).toBeVisible();
  await expect(listRow(page, "Globex")).toContainText("Requirements");
  await expect(list(page).getByRole("row")).toHaveCount(3); // header + two engagements
});

test("an engagement is renamed on its page and keeps the new name", async ({ page }) => {
  await createEngagement(page, "Initech");
  await listRow(page, "Initech").getByRole("link", { name: "Open" }).click();
  await expect(page).toHaveURL(/\/engagements\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Initech");

  const field = page.getByLabel("Customer name");
  await expect(field).toHaveValue("Initech");
  await field.fill("Initech Europe");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Initech Europe");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Initech Europe");
  await page.getByRole("link", { name: "All engagements" }).click();
  await expect(listRow(page, "Initech Europe")).toBeVisible();
  await expect(listRow(page, "Initech")).toHaveCount(0);
});

test("renaming to a blank name is refused next to the field", async ({ page }) => {
  await createEngagement(page, "Umbrella");
  await listRow(page, "Umbrella").getByRole("link", { name: "Umbrella" }).click();
  await page.getByLabel("Customer name").fill("   ");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Enter the customer's name.")).toBeVisible();
  await expect(page.getByLabel("Customer name")).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Umbrella");
});

test("an empty or blank customer name is refused with a message", async ({ page }) => {
  const create = page.getByRole("button", { name: "Create new engagement" });
  await create.click();
  const field = page.getByLabel("Customer name");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(".field").getByRole("alert")).toHaveText("Enter the customer's name.");
  await field.fill("    ");
  await create.click();
  await expect(page.getByText("Enter the customer's name.")).toBeVisible();
  await expect(list(page)).toContainText("No engagements yet");
  await field.fill("Hooli");
  await expect(page.getByText("Enter the customer's name.")).toHaveCount(0);
  await field.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hooli");
  await page.getByRole("link", { name: "All engagements" }).click();
  await expect(listRow(page, "Hooli")).toBeVisible();
});

test("deleting can be undone, and a delete lasts through a reload", async ({ page }) => {
  await createEngagement(page, "Stark Industries");
  await createEngagement(page, "Wayne Enterprises");
  await listRow(page, "Stark Industries").getByRole("button", { name: "Delete" }).click();
  await expect(listRow(page, "Stark Industries")).toHaveCount(0);
  await expect(page.getByRole("status")).toContainText("Deleted “Stark Industries”.");

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(listRow(page, "Stark Industries")).toBeVisible();
  await page.reload();
  await expect(listRow(page, "Stark Industries")).toBeVisible();

  await listRow(page, "Stark Industries").getByRole("button", { name: "Delete" }).click();
  await page.reload();
  await expect(listRow(page, "Stark Industries")).toHaveCount(0);
  await expect(listRow(page, "Wayne Enterprises")).toBeVisible();
});

test("duplicating makes an independent copy", async ({ page }) => {
  await createEngagement(page, "Soylent");
  await listRow(page, "Soylent").getByRole("button", { name: "Duplicate" }).click();
  await expect(listRow(page, "Soylent (copy)")).toBeVisible();
  await page.reload();
  await expect(listRow(page, "Soylent")).toBeVisible();
  await expect(listRow(page, "Soylent (copy)")).toBeVisible();
});

test("an unknown engagement address shows 'not found' with a way home", async ({ page }) => {
  await page.goto("/engagements/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Engagement not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to all engagements" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();

  await page.goto("/engagements/not-an-id");
  await expect(page.getByRole("heading", { name: "Engagement not found" })).toBeVisible();
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a stored entry that cannot be read is moved aside, listed, and kept as it was", async ({ page }) => {
  const key = `${KEY_PREFIX}11111111-1111-4111-8111-111111111111`;
  const raw = '{"schema_version":1,"id":"11111111-1111-4111-8111-111111111111","customer_name":';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, raw]);
  await page.reload();
  const attention = page.getByRole("region", { name: "Stored entries that could not be read" });
  await expect(attention).toContainText("1 stored engagement could not be read.");
  await expect(attention).toContainText(key);

  await createEngagement(page, "Tyrell");
  await page.reload();
  await expect(listRow(page, "Tyrell")).toBeVisible();
  const records = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("upgrade-planner.quarantine.")).map((k) => JSON.parse(localStorage.getItem(k))));
  expect(records).toHaveLength(1);
  expect(records[0].raw).toBe(raw);
  expect(records[0].original_key).toBe(key);

  const [file] = await Promise.all([
    page.waitForEvent("download"),
    attention.getByRole("button", { name: "Download raw text" }).click(),
  ]);
  expect(await (await import("node:fs/promises")).readFile(await file.path(), "utf8")).toBe(raw);
  await attention.getByRole("button", { name: "Delete" }).click();
  await attention.getByRole("button", { name: "Delete for good" }).click();
  await expect(page.getByRole("region", { name: "Stored entries that could not be read" })).toHaveCount(0);
});
