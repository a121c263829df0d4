// Plan files, import, backup and the customer share link.
import { test, expect } from "@playwright/test";
import { expectHeadingsInOrder, isoDate, openNewEngagement, createAndReturn } from "./helpers.mjs";
import { readFile } from "node:fs/promises";

async function fillPlan(page) {
  await page.getByLabel("Current users").fill("4200");
  await page.getByLabel("Annual growth (%)").fill("20");
  await page.getByLabel("Planning horizon (months)").fill("24");
  await page.getByLabel("Target platform").selectOption({ label: "AWS" });
  await page.getByLabel("Internal notes", { exact: true }).fill("Budget owner is <b>Dana</b>; renewal at risk");
  await page.getByLabel("Internal notes", { exact: true }).press("Tab");
}

async function download(page, buttonName) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: buttonName, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), path: await file.path(), text: await readFile(await file.path(), "utf8") };
}

test("the Markdown and JSON plan files hold the plan, and the JSON loads back", async ({ page }) => {
  await openNewEngagement(page, "Acme | Corp");
  await fillPlan(page);

  const md = await download(page, "Download Markdown");
  expect(md.name).toMatch(/^acme-corp-upgrade-plan-\d{4}-\d{2}-\d{2}\.md$/);
  expect(md.text).toContain("# Planning summary and Support review packet: Acme \\| Corp");
  expect(md.text).toContain("**Up to 200 RPS or 10,000 users** (10k)");
  expect(md.text).toContain("| GitLab Rails | 3 | 32 | 28.8 | c5.9xlarge |");
  expect(md.text).toContain("### Why this architecture");
  // The page and the file render the same blocks: every sentence the sizing page shows about
  // the recommendation is in the file, word for word (issue 25, point 3).
  const plain = md.text.replace(/\\([\\`*_[\]|<>~&@#!%$])/g, "$1").replaceAll("**", "");
  const shown = await page
    .getByRole("region", { name: "Recommended reference architecture" })
    .locator("p:not(.rec-name), li")
    .evaluateAll((nodes) =>
      nodes.map((n) => n.textContent.replace(/ Source: .*$/, "").replace(/\s+/g, " ").trim()).filter(Boolean),
    );
  expect(shown.length).toBeGreaterThan(10);
  for (const sentence of shown) expect(plain).toContain(sentence);
  expect(md.text).not.toContain("## Internal notes"); // for Support unless ticked
  await page.getByLabel("Include internal notes").check();
  const withNotes = await download(page, "Download Markdown");
  expect(withNotes.text).toContain("## Internal notes");
  expect(withNotes.text).toContain("\\<b\\>Dana\\</b\\>");

  const json = await download(page, "Download JSON");
  expect(json.name).toMatch(/\.json$/);
  const parsed = JSON.parse(json.text);
  expect(parsed.format).toBe("gitlab-upgrade-planner/plan");
  expect(parsed.engagement.schema_version).toBe(3);
  expect(parsed.engagement.sizing.current_users).toBe("4200");

  // Delete it, then load the file back.
  await page.getByRole("link", { name: "All engagements" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Acme | Corp", exact: true }) });
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(row).toHaveCount(0);
  await page.getByLabel("Import a plan or backup file").setInputFiles(json.path);
  await expect(page.getByRole("group", { name: /Import from/ })).toContainText("1 engagement: Acme | Corp.");
  await expect(row).toHaveCount(0); // nothing stored before confirming
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 1 engagement" })).toBeVisible();
  await expect(page.getByLabel("Import a plan or backup file")).toBeFocused(); // ready for the next file
  await row.getByRole("link", { name: "Acme | Corp" }).click();
  await expect(page.getByLabel("Current users")).toHaveValue("4200");
  await expect(page.getByLabel("Internal notes", { exact: true })).toHaveValue("Budget owner is <b>Dana</b>; renewal at risk");

  // The same file again: the TAM chooses to keep both.
  await page.getByRole("link", { name: "All engagements" }).click();
  await page.getByLabel("Import a plan or backup file").setInputFiles(json.path);
  await page.getByLabel("Keep both (the imported one as a copy)").check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("link", { name: "Acme | Corp (copy)", exact: true })).toBeVisible();
});

test("a bad file is refused with a message and changes nothing", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Import a plan or backup file").setInputFiles({
    name: "notes.json", mimeType: "application/json", buffer: Buffer.from("{ this is not json"),
  });
  await expect(page.getByRole("alert")).toContainText("“notes.json” was not imported. The file is not JSON");
  await page.getByLabel("Import a plan or backup file").setInputFiles({
    name: "other.json", mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ format: "gitlab-upgrade-planner/plan", format_version: 9, engagement: {} })),
  });
  await expect(page.getByRole("alert")).toContainText("format version 9 is not one this app reads");
  await expect(page.getByRole("region", { name: "All engagements" })).toContainText("No engagements yet");
});

test("Export all downloads a backup that restores every engagement in another browser", async ({ page, browser }) => {
  for (const name of ["Initech", "Hooli"]) {
    await page.goto("/");
    await createAndReturn(page, name);
  }
  const backups = page.getByRole("region", { name: "Import and backup" });
  await expect(backups).toContainText("No backup downloaded from this browser yet");
  const backup = await download(page, "Export all");
  expect(backup.name).toMatch(/^upgrade-planner-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(backups).toContainText(/Last backup \d{4}-\d{2}-\d{2} \d{2}:\d{2}: it holds every engagement as it is now\./);
  // A change after the backup is what the next one would add; the note survives a reload.
  await page.getByRole("link", { name: "Hooli", exact: true }).click();
  await page.getByLabel("Current users").fill("800");
  await page.getByRole("link", { name: "All engagements" }).click();
  await expect(backups).toContainText("1 engagement changed or was added since.");
  await page.reload();
  await expect(backups).toContainText("1 engagement changed or was added since.");
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto("/");
  await fresh.getByLabel("Import a plan or backup file").setInputFiles(backup.path);
  await fresh.getByRole("button", { name: "Import", exact: true }).click();
  await expect(fresh.getByRole("link", { name: "Initech", exact: true })).toBeVisible();
  await expect(fresh.getByRole("link", { name: "Hooli", exact: true })).toBeVisible();
  await expect(fresh.getByRole("region", { name: "Import and backup" })).toContainText(
    "No backup downloaded from this browser yet",
  );
  await other.close();
});

test("the customer link opens a read-only plan without internal notes, and saves a copy", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Stark Industries");
  await fillPlan(page);
  const soon = isoDate(30);
  await page.getByLabel("Desired completion date").fill(soon);
  await page.getByLabel("Desired completion date").press("Tab");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied the customer link" })).toContainText("characters");
  const link = await page.getByLabel("Customer link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s2\.[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("link", { name: "See it as the customer will" })).toHaveAttribute("href", link);
  await expect(page.getByRole("link", { name: "See it as the customer will" })).toHaveAttribute("target", "_blank");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const customer = await browser.newContext();
  const view = await customer.newPage();
  await view.goto(link);
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Stark Industries");
  // A link is a snapshot: the customer sees when it was taken.
  await expect(view.getByRole("note")).toContainText(/as it stood on \d{4}-\d{2}-\d{2} \d{2}:\d{2}: ask them for a new link/);
  await expect(view.getByRole("region", { name: "Recommended reference architecture" })).toContainText("Up to 200 RPS or 10,000 users");
  // The whole page is drawn (the rest of the plan and the customer's part come just after the
  // first screen) before anything is checked to be absent from it.
  await expect(view.getByRole("heading", { level: 2, name: "Your part" })).toBeVisible();
  // The plan's last section, drawn with the rest after the first screen: the page is whole.
  await expect(view.getByRole("heading", { level: 2, name: "Upgrade path" })).toBeVisible();
  await expect(view.locator("body")).not.toContainText("Budget owner");
  await expect(view.getByRole("article").getByRole("textbox")).toHaveCount(0);
  // The title once, then the plan's parts one level below it; the next step told to the customer.
  await expect(view.getByText(/Infrastructure upgrade plan:/)).toHaveCount(0);
  await expectHeadingsInOrder(view);
  await expect(view.getByRole("heading", { level: 2, name: "Customer and context" })).toBeVisible();
  await expect(view.getByRole("list", { name: "Warnings" })).toContainText(`Desired completion on ${soon} is less than three months away`);
  await expect(view.getByRole("region", { name: "Your next step" }).getByRole("paragraph")).toHaveText(
    "Your Technical Account Manager will propose Professional Services (Dedicated Implementation Services) " +
      "to plan and carry out the migration: highly recommended at 5,000 users or more.");

  const saved = await download(view, "Download the plan (Markdown)");
  expect(saved.text).toContain("Stark Industries");
  expect(saved.text).not.toContain("Budget owner");
  expect(saved.text).toContain("## Your next step\n\nYour Technical Account Manager will propose Professional Services");

  await view.getByRole("button", { name: "Save a copy to this browser" }).click();
  await view.getByRole("link", { name: "Open the saved copy" }).click();
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Stark Industries");
  await expect(view.getByLabel("Internal notes", { exact: true })).toHaveValue("");
  await customer.close();
});

test("a damaged or hostile link shows a message, never a blank page", async ({ page }) => {
  for (const fragment of ["s1.AAAA", "s1.<script>alert(1)</script>", "s9.abc", "s1.", "s1." + "A".repeat(70000)]) {
    await page.goto("/#" + fragment);
    await expect(page.getByRole("heading", { name: "This plan link cannot be opened" })).toBeVisible();
    await expect(page.getByRole("alert")).not.toBeEmpty();
  }
  await page.goto("/#not-a-plan-link");
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
  await page.goto("/#s1.AAAA");
  await page.getByRole("link", { name: "Go to the planner" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Engagements" })).toBeVisible();
});

test("the Support review issue opens prefilled, confidential, without internal notes or live mentions", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // Stands in for the GitLab instance, which this machine cannot reach.
  await context.route("https://gitlab.example.com/**", (route) => route.fulfill({ body: "new issue" }));
  await openNewEngagement(page, "Globex");
  await page.getByLabel("Current users").fill("800");
  await page.getByLabel("Current environment").fill("@all see #123 and ~urgent");
  await page.getByLabel("Internal notes", { exact: true }).fill("Renewal at risk: only for us");
  // An http:// address is refused: the packet only travels over https.
  await page.getByLabel("GitLab project for Support reviews").fill("http://gitlab.example.com/support/reviews");
  await page.getByLabel("GitLab project for Support reviews").press("Tab");
  await page.getByRole("button", { name: "Open Support review issue" }).click();
  // Said at the field it is about (issue 23).
  await expect(page.getByRole("alert").filter({ hasText: "Enter the https:// address" })).toBeVisible();
  await expect(page.getByLabel("GitLab project for Support reviews")).toBeFocused();
  await page.getByLabel("GitLab project for Support reviews").fill("https://gitlab.example.com/support/reviews");
  await page.getByLabel("GitLab project for Support reviews").press("Tab");
  const [issue] = await Promise.all([
    context.waitForEvent("page"),
    page.getByRole("button", { name: "Open Support review issue" }).click(),
  ]);
  await issue.waitForLoadState();
  const url = new URL(issue.url());
  expect(url.origin + url.pathname).toBe("https://gitlab.example.com/support/reviews/-/issues/new");
  expect(url.searchParams.get("issue[title]")).toBe("Support review: infrastructure upgrade plan for Globex");
  const description = url.searchParams.get("issue[description]");
  expect(url.searchParams.get("issue[confidential]")).toBe("true");
  expect(description).toContain("# Planning summary and Support review packet: Globex");
  expect(description).not.toContain("Renewal at risk");
  expect(description).toContain("\\@all see \\#123 and \\~urgent");
  expect(description).not.toMatch(/(^|[^\\])@all/);
  // The packet went to the clipboard before the tab opened.
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(description);
  expect(await issue.evaluate(() => window.opener)).toBeNull();
  await issue.close();

  // Ticked for one hand-off, the internal notes go along.
  await page.getByLabel("Include internal notes").check();
  const [second] = await Promise.all([
    context.waitForEvent("page"),
    page.getByRole("button", { name: "Open Support review issue" }).click(),
  ]);
  await second.waitForLoadState();
  expect(new URL(second.url()).searchParams.get("issue[description]")).toContain("Renewal at risk");
  await second.close();
  await page.reload();
  await expect(page.getByLabel("GitLab project for Support reviews")).toHaveValue("https://gitlab.example.com/support/reviews");
});

test("the customer's plan says which documents were handed over and which are still to come", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Soylent");
  await page.getByLabel("Current users").fill("2500");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  await page.getByRole("checkbox", { name: "Handed over: Reference architecture sizing" }).check();
  await page.getByRole("button", { name: "Copy customer link" }).click();
  await page.goto(await page.getByLabel("Customer link").inputValue());
  const documents = page.getByRole("list").filter({ has: page.getByRole("link", { name: "Reference architecture sizing", exact: true }) });
  await expect(documents.getByRole("listitem").filter({ hasText: /^Reference architecture sizing/ })).toHaveText(/^Reference architecture sizing: handed over on \d{4}-\d{2}-\d{2}$/);
  // Issue 22: the documents still to come, in one line.
  const notYet = page.getByRole("paragraph").filter({ hasText: /^Not handed over yet: / });
  await expect(notYet).toContainText("Reference architecture: Up to 60 RPS");
  await expect(notYet).not.toContainText("Reference architecture sizing");
});

test("the print view holds the whole plan for Support, and nothing else prints", async ({ page }) => {
  await openNewEngagement(page, "Hooli");
  await page.getByLabel("Current users").fill("2500");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Peak API RPS").fill("70");
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Quality" });
  await page.getByLabel("Question", { exact: true }).fill("Is Geo tested at 3k?");
  await page.getByLabel("Answer", { exact: true }).fill("Yes, weekly.");
  await page.getByRole("button", { name: "Add consultation" }).click();
  await page.getByLabel("Plan summary").fill("3k on GCP");
  await page.getByRole("button", { name: "Record plan" }).click();
  await page.getByLabel("Support ticket link").fill("https://support.example.com/tickets/7");
  await page.getByLabel("Support ticket link").press("Tab");
  await page.getByRole("button", { name: "Share anyway" }).click();
  await page.getByLabel("Support's feedback").selectOption({ label: "Changes requested" });
  await page.getByLabel("Feedback notes").fill("Add a rollback rehearsal.");
  await page.getByLabel("Feedback notes").press("Tab");
  await page.getByLabel("Internal notes", { exact: true }).fill("Champion: Gavin");
  await page.getByLabel("Internal notes", { exact: true }).press("Tab");

  // What the browser's own print command does: announce it, then lay the page out for paper.
  await page.emulateMedia({ media: "print" });
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  const plan = page.getByRole("article", { name: "Planning summary and Support review packet: Hooli" });
  await expect(plan).toBeVisible();
  for (const text of [
    "Peak RPS" + "API 70, Web —, Git pull —, Git push —",
    "Quality: Is Geo tested at 3k? — Yes, weekly.",
    "(revision 1)",
    "Changes requested",
    "Add a rollback rehearsal.",
    "Champion: Gavin",
  ]) await expect(plan).toContainText(text);
  await expect(plan.getByRole("link", { name: "the Support ticket" })).toHaveAttribute("href", "https://support.example.com/tickets/7");
  await expect(page.getByRole("region", { name: "Sizing" })).toBeHidden();
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await expect(plan).toHaveCount(0);
});

test("saving a shared plan twice asks Replace or Keep both, and the keyboard follows each step", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Massive Dynamic");
  await page.getByLabel("Current users").fill("800");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();

  const customer = await browser.newContext();
  const view = await customer.newPage();
  await view.goto(link);
  const save = view.getByRole("button", { name: "Save a copy to this browser" });
  await save.click();
  await expect(view.getByRole("link", { name: "Open the saved copy" })).toBeFocused();
  await save.click();
  const dialog = view.getByRole("alertdialog", { name: "This plan is already saved in this browser" });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await view.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(save).toBeFocused();
  await save.click();
  await dialog.getByRole("button", { name: "Keep both" }).click();
  await expect(view.getByRole("link", { name: "Open the saved copy" })).toBeFocused();
  await view.goto(new URL("/", link).href);
  await expect(view.getByRole("link", { name: "Massive Dynamic", exact: true })).toBeVisible();
  await expect(view.getByRole("link", { name: "Massive Dynamic (copy)", exact: true })).toBeVisible();
  await customer.close();
});

test("replacing an engagement from its own older link warns first and keeps the internal notes", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Acme Rockets");
  await page.getByLabel("Current users").fill("900");
  await page.getByLabel("Internal notes", { exact: true }).fill("Only for us");
  await page.getByLabel("Internal notes", { exact: true }).press("Tab");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  await page.getByLabel("Current users").fill("1200");
  await page.getByLabel("Current users").press("Tab");
  await expect(page.getByText(/^Saved \d{4}-/)).toBeVisible();

  // The TAM looks at the link in the same browser, and saves it over the newer engagement.
  const view = await context.newPage();
  await view.goto(link);
  await view.getByRole("button", { name: "Save a copy to this browser" }).click();
  const dialog = view.getByRole("alertdialog", { name: "This plan is already saved in this browser" });
  await expect(dialog).toContainText("The copy here was changed after this link was made");
  await expect(dialog).toContainText("The internal notes saved here are kept either way.");
  // The fields that differ, before the choice (issue 26, point 3).
  const changes = dialog.getByRole("table", { name: /What replacing would change/ });
  await expect(changes.getByRole("row").filter({ has: view.getByRole("rowheader", { name: "Current users" }) }).getByRole("cell")).toHaveText(["1,200", "900"]);
  await expect(changes).not.toContainText("Internal notes");
  await dialog.getByRole("button", { name: "Replace" }).click();
  await view.getByRole("link", { name: "Open the saved copy" }).click();
  await expect(view.getByLabel("Current users")).toHaveValue("900");
  await expect(view.getByLabel("Internal notes", { exact: true })).toHaveValue("Only for us");
});

test("importing a file older than the engagement here warns, and keeps both unless told otherwise", async ({ page }) => {
  await openNewEngagement(page, "Vandelay");
  await page.getByLabel("Current users").fill("700");
  await page.getByLabel("Current users").press("Tab");
  const file = await download(page, "Download JSON");
  await page.getByLabel("Current users").fill("750");
  await page.getByLabel("Current users").press("Tab");
  await expect(page.getByText(/^Saved \d{4}-/)).toBeVisible();
  await page.getByRole("link", { name: "All engagements" }).click();
  await page.getByLabel("Import a plan or backup file").setInputFiles(file.path);
  const preview = page.getByRole("group", { name: /Import from/ });
  await expect(preview).toContainText("One was changed here after this file was made: replacing it brings back the older version.");
  await expect(page.getByLabel("Keep both (the imported one as a copy)")).toBeChecked();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("link", { name: "Vandelay (copy)", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Vandelay", exact: true }).click();
  await expect(page.getByLabel("Current users")).toHaveValue("750");
});

test("the customer's view holds no internal consultation, nor the log lines about one", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openNewEngagement(page, "Consulted Co");
  await page.getByLabel("Current users").fill("2500");
  await page.getByLabel("Annual growth (%)").fill("0");
  await page.getByLabel("Customer's decision").selectOption({ label: "Declined" });
  await page.getByLabel("Question", { exact: true }).fill("Is their storage vendor supported?");
  await page.getByRole("button", { name: "Add consultation" }).click();
  await expect(page.getByRole("region", { name: "Activity log" })).toContainText("Consulted Product");
  await page.getByRole("button", { name: "Copy customer link" }).click();
  await page.goto(await page.getByLabel("Customer link").inputValue());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planning summary for Consulted Co");
  await expect(page.getByRole("main")).not.toContainText("Internal teams consulted");
  await expect(page.getByRole("main")).not.toContainText("storage vendor");
  await expect(page.getByRole("main")).not.toContainText("Consulted Product");
});
