// Steps several journeys share.
import { expect } from "@playwright/test";

/** Creates an engagement from the home page and opens it. */
export async function openNewEngagement(page, name) {
  await page.goto("/");
  await page.getByLabel("Customer name").fill(name);
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}
