// Issue 27: engagements kept in a GitLab project, against the stand-in GitLab of
// tests/e2e/support/gitlab-stand-in.mjs (another port, so the browser applies CORS as it would
// to a real instance).
import { test, expect } from "@playwright/test";
import { openNewEngagement } from "./helpers.mjs";

const GITLAB = "http://127.0.0.1:8092";
const PROJECT = "acme/tam-engagements";

async function standIn(path, body) {
  const response = await fetch(`${GITLAB}/__stand-in/${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

const project = async (path = PROJECT) => (await standIn("state")).projects.find((p) => p.path === path);

/** Connects from the home page's "GitLab" region. */
async function connect(page, { token = "glpat-tam-one", path = PROJECT, remember = false, address = GITLAB } = {}) {
  if (!page.url().endsWith("/")) await page.goto("/");
  const region = page.getByRole("region", { name: "GitLab" });
  await region.getByLabel("GitLab address").fill(address);
  await region.getByLabel("Project", { exact: true }).fill(path);
  await region.getByLabel("Access token").fill(token);
  if (remember) await region.getByLabel("Remember the token on this device").check();
  await region.getByRole("button", { name: "Connect" }).click();
  return region;
}

/** A plan file as the app writes it, for engagements saved to GitLab from elsewhere. */
function planFile(id, name, revision = 1) {
  return JSON.stringify({
    format: "gitlab-upgrade-planner/plan",
    format_version: 1,
    exported_at: "2026-11-30T10:00:00Z",
    engagement: { schema_version: 3, id, customer_name: name, created: "2026-11-20T09:30:00Z", updated: "2026-11-30T10:00:00Z", revision },
  });
}

const uuid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

test.beforeEach(async () => {
  await standIn("reset", {});
});

test("connecting checks the token and the project, says what to do on each failure, and keeps the token for the tab only", async ({ page, context }) => {
  await page.goto("/");
  const region = page.getByRole("region", { name: "GitLab" });
  await expect(region.getByLabel("GitLab address")).toHaveValue("https://gitlab.com");
  await expect(region.getByLabel("Access token")).toHaveAttribute("type", "password");
  await expect(region.getByRole("link", { name: "how to create one" })).toHaveAttribute("href", /docs\.gitlab\.com/);

  // An address that would send the token unencrypted is refused at the field.
  await connect(page, { address: "http://gitlab.example.com" });
  await expect(region.getByText("The address must start with https://")).toBeVisible();

  // 401, 403/404, 429 and no answer at all: each says what to do.
  await connect(page, { token: "glpat-expired" });
  await expect(region.getByRole("alert")).toHaveText("GitLab refused the token: it may have expired or been revoked; connect again.");
  await connect(page, { token: "glpat-outsider" });
  await expect(region.getByRole("alert")).toHaveText(`This token cannot reach ${PROJECT}.`);
  await standIn("fail", { status: 429 });
  await connect(page);
  await expect(region.getByRole("alert")).toHaveText("GitLab is limiting requests; try again in a minute.");
  await connect(page, { address: "http://127.0.0.1:9" });
  await expect(region.getByRole("alert")).toHaveText("Could not reach 127.0.0.1:9: check the address, the VPN or the certificate.");

  // A public project: connected, with a warning.
  await connect(page, { path: "acme/public-plans" });
  await expect(region.getByRole("status").first()).toHaveText("Connected to acme/public-plans as tam.one. The project is public.");
  await expect(region.getByRole("note")).toContainText("anyone can see what is saved there");
  await region.getByRole("button", { name: "Disconnect" }).click();
  await expect(region.getByRole("button", { name: "Connect" })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length + JSON.stringify(localStorage).includes("glpat-"))).toBe(0);

  await connect(page);
  await expect(region.getByRole("status").first()).toHaveText(`Connected to ${PROJECT} as tam.one. The project is private.`);
  await expect(region.getByRole("note")).toHaveCount(0);
  // The token is in this tab's session storage only: not in local storage, not in another tab.
  expect(await page.evaluate(() => JSON.stringify(localStorage).includes("glpat-tam-one"))).toBe(false);
  await page.reload();
  await expect(page.getByRole("region", { name: "GitLab" }).getByRole("status").first()).toContainText("Connected to");
  const other = await context.newPage();
  await other.goto("/");
  await expect(other.getByRole("region", { name: "GitLab" }).getByRole("button", { name: "Connect" })).toBeVisible();
  await other.close();

  // Remembered on this device when asked.
  await page.getByRole("button", { name: "Disconnect" }).click();
  await connect(page, { remember: true });
  await expect(page.getByRole("region", { name: "GitLab" }).getByText("The token is remembered on this device")).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(localStorage).includes("glpat-tam-one"))).toBe(true);

  // The page may connect to https: hosts and this machine only, nothing else new.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("connect-src 'self' https: http://localhost:* http://127.0.0.1:*;");
  const violated = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective), { once: true });
    fetch("http://192.0.2.1/api/v4/user").catch(() => {});
    setTimeout(() => resolve("none"), 3000);
  }));
  expect(violated).toBe("connect-src");

  // Every request carried the token in a header, never in its address.
  const { requests } = await standIn("state");
  expect(requests.length).toBeGreaterThan(5);
  expect(requests.filter((r) => r.tokenInUrl || /glpat/.test(r.path + r.query))).toHaveLength(0);
});

test("two TAMs save the same engagement: one commit each time, the stale save refused and resolved without losing either version", async ({ browser }) => {
  const one = await browser.newContext();
  const pageA = await one.newPage();
  await connect(pageA);
  await expect(pageA.getByText("Connected to")).toBeVisible();
  await openNewEngagement(pageA, "Acme Corp");
  const id = pageA.url().split("/").pop();
  await pageA.getByLabel("Internal notes", { exact: true }).fill("only-for-the-tam");
  await pageA.getByLabel("Internal notes", { exact: true }).blur();
  const share = pageA.getByRole("region", { name: "Share and export" });
  await expect(share.locator("#gitlab-saved-state")).toHaveText("Not yet in GitLab");
  await share.getByRole("button", { name: "Save to GitLab" }).click();
  await expect(share.getByText(/^Saved to GitLab at \d{4}-\d\d-\d\d \d\d:\d\d UTC, commit [0-9a-f]{8}\./)).toBeVisible();
  await expect(share.locator("#gitlab-saved-state strong")).toHaveText("The same as in GitLab");
  await expect(share.getByRole("link", { name: "Open the file in GitLab" })).toHaveAttribute("href", `${GITLAB}/${PROJECT}/-/blob/main/engagements/${id}.json`);
  let stored = await project();
  expect(stored.commits).toHaveLength(1);
  expect(stored.commits[0].message).toBe("Add the upgrade plan for Acme Corp");
  expect(stored.commits[0].paths).toEqual([`engagements/${id}.json`, `engagements/${id}.md`]);
  expect(JSON.parse(stored.files[`engagements/${id}.json`].content).engagement.internal_notes).toBe("only-for-the-tam");
  expect(stored.files[`engagements/${id}.md`].content).toContain("# ");
  expect(stored.files[`engagements/${id}.md`].content).not.toContain("only-for-the-tam");
  expect(JSON.stringify(stored.files)).not.toContain("glpat-");

  // A change here: the page says so; the next save names what changed.
  await pageA.getByLabel("Internal notes", { exact: true }).fill("only-for-the-tam, revised");
  await pageA.getByLabel("Internal notes", { exact: true }).blur();
  await expect(share.locator("#gitlab-saved-state strong")).toHaveText("Changed here since it was saved to GitLab");
  await share.getByRole("button", { name: "Save to GitLab" }).click();
  await expect(share.locator("#gitlab-saved-state strong")).toHaveText("The same as in GitLab");
  stored = await project();
  expect(stored.commits[0].message).toBe("Update the upgrade plan for Acme Corp: Internal notes");

  // A second TAM opens it from GitLab in another browser, changes it and saves.
  const two = await browser.newContext();
  const pageB = await two.newPage();
  await connect(pageB, { token: "glpat-tam-two" });
  await pageB.getByRole("button", { name: "List engagements in GitLab" }).click();
  const listed = pageB.getByRole("list", { name: "Engagements in GitLab" }).getByRole("listitem");
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText(/Acme Corp Last saved \d{4}-\d\d-\d\d \d\d:\d\d UTC by Tam One\./);
  await listed.getByRole("button", { name: "Open Acme Corp" }).click();
  await expect(pageB.getByText("Opened Acme Corp from GitLab.")).toBeVisible();
  await pageB.goto(`/engagements/${id}`);
  await expect(pageB.getByLabel("Internal notes", { exact: true })).toHaveValue("only-for-the-tam, revised");
  await expect(pageB.locator("#gitlab-saved-state strong")).toHaveText("The same as in GitLab");
  await pageB.getByLabel("Internal notes", { exact: true }).fill("changed by the second TAM");
  await pageB.getByLabel("Internal notes", { exact: true }).blur();
  await pageB.getByRole("button", { name: "Save to GitLab" }).click();
  await expect(pageB.locator("#gitlab-saved-state strong")).toHaveText("The same as in GitLab");

  // The first TAM's next save is refused by GitLab: nothing is overwritten.
  await pageA.getByLabel("Internal notes", { exact: true }).fill("changed by the first TAM");
  await pageA.getByLabel("Internal notes", { exact: true }).blur();
  await share.getByRole("button", { name: "Save to GitLab" }).click();
  const conflict = share.getByRole("alertdialog");
  await expect(conflict).toContainText("Changed in GitLab since it was last opened here");
  stored = await project();
  expect(JSON.parse(stored.files[`engagements/${id}.json`].content).engagement.internal_notes).toBe("changed by the second TAM");
  await conflict.getByRole("button", { name: "Compare" }).click();
  const table = conflict.getByRole("table", { name: "GitLab's version and the version here" });
  await expect(table.getByRole("row", { name: /Internal notes/ })).toContainText("changed by the second TAM");
  await expect(table.getByRole("row", { name: /Internal notes/ })).toContainText("changed by the first TAM");

  // Keep both: GitLab's version here, the first TAM's as a separate engagement.
  await conflict.getByRole("button", { name: "Keep both" }).click();
  await expect(share.getByText(/Kept both: this page now shows GitLab's version/)).toBeVisible();
  await expect(pageA.getByLabel("Internal notes", { exact: true })).toHaveValue("changed by the second TAM");
  await expect(share.locator("#gitlab-saved-state strong")).toHaveText("The same as in GitLab");
  await share.getByRole("link", { name: "Open the copy" }).click();
  await expect(pageA.getByRole("heading", { level: 1 })).toHaveText("Acme Corp (copy)");
  await expect(pageA.getByLabel("Internal notes", { exact: true })).toHaveValue("changed by the first TAM");
  await expect(pageA.locator("#gitlab-saved-state strong")).toHaveText("Not yet in GitLab");

  // Another stale save, resolved by taking GitLab's version.
  await pageB.getByLabel("Internal notes", { exact: true }).fill("second TAM again");
  await pageB.getByLabel("Internal notes", { exact: true }).blur();
  await pageB.getByRole("button", { name: "Save to GitLab" }).click();
  await expect(pageB.locator("#gitlab-saved-state strong")).toHaveText("The same as in GitLab");
  await pageA.goto(`/engagements/${id}`);
  await pageA.getByLabel("Customer name").fill("Acme Corporation");
  await pageA.getByLabel("Customer name").blur();
  await pageA.getByRole("button", { name: "Save to GitLab" }).click();
  await pageA.getByRole("alertdialog").getByRole("button", { name: "Take GitLab's version" }).click();
  await expect(pageA.getByText("Took GitLab's version; the version that was here is kept as “Acme Corporation (replaced)”.")).toBeVisible();
  await expect(pageA.getByLabel("Internal notes", { exact: true })).toHaveValue("second TAM again");
  await pageA.goto("/");
  await expect(pageA.getByRole("link", { name: "Acme Corporation (replaced)" })).toBeVisible();

  // Versions in GitLab: every commit of the file, compared with now or opened as a copy.
  await pageA.goto(`/engagements/${id}`);
  await pageA.getByText("Versions in GitLab").click();
  const versions = pageA.getByRole("list", { name: "Versions in GitLab" }).getByRole("listitem");
  await expect(versions).toHaveCount(4);
  await expect(versions.last()).toContainText("by Tam One: Add the upgrade plan for Acme Corp");
  await versions.last().getByRole("button", { name: "Compare with now" }).click();
  await expect(pageA.getByRole("table", { name: /^The version of .* and now$/ }).getByRole("row", { name: /Internal notes/ })).toContainText("only-for-the-tam");
  await versions.last().getByRole("button", { name: "Open this version as a copy" }).click();
  await pageA.getByText(/Opened this version as a copy/).getByRole("link", { name: "Open the copy" }).click();
  await expect(pageA.getByRole("heading", { level: 1 })).toHaveText(/^Acme Corp \(GitLab [0-9a-f]{8}\)$/);
  await expect(pageA.getByLabel("Internal notes", { exact: true })).toHaveValue("only-for-the-tam");
  await one.close();
  await two.close();
});

test("Open from GitLab lists every engagement past the first page, and asks before replacing one already here", async ({ page }) => {
  const files = Array.from({ length: 105 }, (_, i) => ({ path: `engagements/${uuid(i + 1)}.json`, content: planFile(uuid(i + 1), `Customer ${String(i + 1).padStart(3, "0")}`) }));
  files.push({ path: "engagements/notes.txt", content: "not a plan" });
  await standIn("seed", { files, message: "Engagements from the team" });
  await connect(page);
  await page.getByRole("button", { name: "List engagements in GitLab" }).click();
  const listed = page.getByRole("list", { name: "Engagements in GitLab" }).getByRole("listitem");
  await expect(listed).toHaveCount(105, { timeout: 20_000 });
  await expect(listed.last()).toContainText("Customer 105");
  await expect(listed.first()).toContainText("by Tam Two.");
  const { requests } = await standIn("state");
  expect(requests.filter((r) => r.path.endsWith("/repository/tree")).map((r) => new URLSearchParams(r.query).get("page"))).toEqual(["1", "2"]);

  await listed.first().getByRole("button", { name: "Open Customer 001" }).click();
  await expect(page.getByText("Opened Customer 001 from GitLab.")).toBeVisible();
  await page.getByRole("link", { name: "Customer 001" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customer 001");
  await expect(page.locator("#gitlab-saved-state strong")).toHaveText("The same as in GitLab");
  await page.getByLabel("Internal notes", { exact: true }).fill("typed here");
  await page.getByLabel("Internal notes", { exact: true }).blur();
  await page.goto("/");
  await page.getByRole("button", { name: "List engagements in GitLab" }).click();
  await page.getByRole("button", { name: "Open Customer 001" }).click();
  const ask = page.getByRole("alertdialog");
  await expect(ask).toContainText("Customer 001 is already in this browser.");
  await ask.getByRole("button", { name: "Keep both" }).click();
  await expect(page.getByRole("link", { name: "Customer 001 (copy)" })).toBeVisible();
});

test("the Support review issue is created through GitLab once, confidential, and updated after", async ({ page }) => {
  await connect(page);
  await expect(page.getByText("Connected to")).toBeVisible();
  await openNewEngagement(page, "Initech");
  await page.getByLabel("Internal notes", { exact: true }).fill("not-for-support");
  await page.getByLabel("Internal notes", { exact: true }).blur();
  await expect(page.getByRole("button", { name: "Open Support review issue" })).toBeVisible();
  await page.getByLabel("GitLab project for Support reviews").fill(`${GITLAB}/support/reviews`);
  await page.getByLabel("GitLab project for Support reviews").blur();
  await page.getByRole("button", { name: "Create Support review issue" }).click();
  await expect(page.getByText("Created Support review issue #1 in GitLab (confidential), with the packet as its description.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Support review issue #1" })).toHaveAttribute("href", `${GITLAB}/support/reviews/-/issues/1`);
  await page.getByRole("button", { name: "Not now" }).click();
  let issues = (await project("support/reviews")).issues;
  expect(issues).toHaveLength(1);
  expect(issues[0].confidential).toBe(true);
  expect(issues[0].title).toBe("Support review: infrastructure upgrade plan for Initech");
  expect(issues[0].description).toContain("Initech");
  expect(issues[0].description).not.toContain("not-for-support");

  await page.reload();
  await page.getByRole("button", { name: "Update Support review issue" }).click();
  await expect(page.getByText("Updated Support review issue #1 in GitLab")).toBeVisible();
  issues = (await project("support/reviews")).issues;
  expect(issues).toHaveLength(1);
  expect(issues[0].updates).toBe(1);

  // A token that may only read: GitLab's refusal is shown, nothing here changes.
  await page.goto("/");
  await page.getByRole("button", { name: "Disconnect" }).click();
  await connect(page, { token: "glpat-read-only" });
  await expect(page.getByText("Connected to")).toBeVisible();
  await page.getByRole("link", { name: "Initech" }).first().click();
  await page.getByRole("button", { name: "Save to GitLab" }).click();
  await expect(page.getByRole("region", { name: "Share and export" }).getByRole("alert")).toHaveText(`This token cannot reach ${PROJECT}.`);
  await expect(page.locator("#gitlab-saved-state strong")).toHaveText("Not yet in GitLab");
});
