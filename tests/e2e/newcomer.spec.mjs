// A newcomer's first five minutes: create and land in the engagement, move around it by its
// section navigation, come back to the stage in progress, and see the architecture drawn.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { openNewEngagement } from "./helpers.mjs";

test("creating an engagement opens it, with focus on Current users", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Customer name").fill("First Co");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("First Co");
  await expect(page.getByLabel("Current users")).toBeFocused();
  await page.keyboard.type("1200");
  await expect(page.getByRole("region", { name: "Recommended reference architecture" })).toContainText("Up to 40 RPS or 2,000 users");
  // Point 5: a sentence that points to another part of the page points the right way (the
  // sizing form comes before the requirements panel).
  const requirements = page.getByRole("region", { name: "Requirements", exact: true });
  await expect(requirements).toContainText("The sizing form above holds the users, growth and load.");
  const formTop = (await page.getByRole("region", { name: "Sizing" }).boundingBox()).y;
  expect(formTop).toBeLessThan((await requirements.boundingBox()).y);
});

test("the section navigation reaches each section by keyboard, the current stage marked", async ({ page }) => {
  await openNewEngagement(page, "Nav Co");
  const nav = page.getByRole("navigation", { name: "Engagement sections" });
  await expect(nav.getByRole("link", { name: "Requirements (in progress)" })).toHaveAttribute("aria-current", "step");
  const links = nav.getByRole("link");
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(12);
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const target = (await link.getAttribute("href")).slice(1);
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page.locator(`[id="${target}"]`)).toBeFocused();
  }
});

test("a returning TAM lands at the stage in progress, finished stages in one line", async ({ page }) => {
  await openNewEngagement(page, "Return Co");
  await page.getByLabel("Current users").fill("800");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Engaged" });
  await page.getByRole("link", { name: "All engagements" }).click();
  await page.getByRole("link", { name: "Return Co", exact: true }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Plan", exact: true })).toBeFocused();
  const ps = page.getByRole("region", { name: "Professional Services", exact: true });
  await expect(ps).toContainText("Done: Engaged on");
  await expect(ps.getByLabel("Customer's decision")).toBeHidden();
  await ps.getByRole("button", { name: "Show professional services" }).click();
  await expect(ps.getByLabel("Customer's decision")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Engagement sections" }).getByRole("link", { name: "Plan (in progress)" })).toBeVisible();
});

test("the architecture diagram for 10k and for a 3k Cloud Native Hybrid, and its Mermaid renders", async ({ page, browser }) => {
  await openNewEngagement(page, "Diagram Co");
  await page.getByLabel("Current users").fill("10000");
  await page.getByLabel("Target platform").selectOption({ label: "AWS" });
  const result = page.getByRole("region", { name: "Recommended reference architecture" });
  const diagram = result.getByRole("img", { name: "Architecture diagram" });
  await expect(diagram).toBeVisible();
  await expect(diagram).toContainText("Internal load balancing");
  await expect(diagram).toContainText("Praefect");
  await expect(diagram).toContainText("3 × c5.9xlarge");

  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download Markdown" }).click()]);
  const md = readFileSync(await file.path(), "utf8");
  const code = md.match(/```mermaid\n([\s\S]*?)```/)[1];
  expect(code).toContain("flowchart TB");

  await page.getByLabel("Current users").fill("3000");
  await page.getByLabel("Kubernetes expertise").check();
  await expect(result.getByRole("img", { name: "Architecture diagram" })).toContainText("Kubernetes node pools");
  await expect(result.getByRole("img", { name: "Architecture diagram" })).toContainText("Webservice pool");

  // GitLab renders Mermaid in issues; here the mermaid package renders the packet's block.
  const render = await browser.newPage();
  await render.setContent("<!doctype html><html><body><div id='out'></div></body></html>");
  await render.addScriptTag({ path: "node_modules/mermaid/dist/mermaid.min.js" });
  const svg = await render.evaluate(async (text) => {
    window.mermaid.initialize({ startOnLoad: false });
    const { svg } = await window.mermaid.render("packet-diagram", text);
    return svg;
  }, code);
  expect(svg).toContain("<svg");
  expect(svg).toContain("GitLab Rails");
  await render.close();
});
