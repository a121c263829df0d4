// `make bench`: measures the release build against its budgets in headless Chromium, on
// loopback, and prints one table. It reports; it never fails a build.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync, deflateRawSync } from "node:zlib";
import { cpus, totalmem } from "node:os";

const APP_DIR = "dist";
const COUNTER_DIR = "target/bench-counter-dist";
const APP_PORT = 8095;
const COUNTER_PORT = 8096;
const LAUNCH = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (t) => `${t.toFixed(1)} ms`;

function serve(dir, port) {
  const child = spawn("node", ["scripts/serve-dist.mjs", String(port)], {
    env: { ...process.env, DIST_DIR: dir },
    stdio: "ignore",
  });
  return child;
}

async function waitForServer(port) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} did not start`);
}

async function sizesOf(dir, names) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const name of names) {
    const bytes = await readFile(join(dir, name));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length;
  }
  return { raw, gzip, brotli };
}

// What a first visit downloads (the module, its WebAssembly, the stylesheet), for each module
// the page's loader lists, or for the one module of a page without that list (the counter).
async function transferSizes(dir) {
  const files = await readdir(dir);
  const css = files.filter((n) => n.endsWith(".css"));
  const html = await readFile(join(dir, "index.html"), "utf8");
  const listed = html.match(/const modules = (\{.*?\});/);
  if (!listed) {
    return { page: await sizesOf(dir, files.filter((n) => /\.(wasm|js|css)$/.test(n) && n !== "sw.js")) };
  }
  const sizes = {};
  for (const [name, urls] of Object.entries(JSON.parse(listed[1]))) {
    sizes[name] = await sizesOf(dir, [...urls.map((u) => u.split("/").pop()), ...css]);
  }
  return sizes;
}

// Makes every page `page` loads note in `window.__ready` when `selector` first appears, and in
// `window.__later` when `later` does (milliseconds from navigation start).
async function noteWhenPresent(page, selector, later = null) {
  await page.addInitScript(([sel, next]) => {
    const seen = () => {
      if (!window.__ready && document.querySelector(sel)) window.__ready = performance.now();
      if (next && !window.__later && document.querySelector(next)) window.__later = performance.now();
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  }, [selector, later]);
}

// Milliseconds from navigation start until `selector` is in the page, on a cold load.
async function timeToInteractive(browser, url, selector) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await noteWhenPresent(page, selector);
  await page.goto(url);
  await page.waitForFunction(() => window.__ready !== undefined);
  const t = await page.evaluate(() => window.__ready);
  await context.close();
  return t;
}

async function typingLatency(browser) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${APP_PORT}/`);
  await page.getByLabel("Customer name").fill("Bench Co");
  await page.getByRole("button", { name: "Create new engagement" }).click();
  await page.getByRole("heading", { level: 1, name: "Bench Co" }).waitFor();
  await page.getByLabel("Current users").fill("500");
  await page.getByText("Up to 20 RPS or 1,000 users").first().waitFor();
  const samples = await page.evaluate(async () => {
    const input = document.getElementById("sizing-current-users");
    const result = document.querySelector(".result");
    const times = [];
    for (let i = 0; i < 50; i++) {
      const users = i % 2 === 0 ? "5000" : "500";
      const expected = i % 2 === 0 ? "Up to 100 RPS or 5,000 users" : "Up to 20 RPS or 1,000 users";
      const done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (result.textContent.includes(expected)) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(result, { childList: true, subtree: true, characterData: true });
      });
      const start = performance.now();
      input.value = users;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      times.push((await done) - start);
      await new Promise((r) => setTimeout(r, 20));
    }
    return times;
  });
  await context.close();
  return median(samples);
}

async function listWith1000(browser) {
  const template = JSON.parse(await readFile("tests/fixtures/engagement-v1-full.json", "utf8"));
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${APP_PORT}/`);
  await page.evaluate((doc) => {
    for (let i = 0; i < 1000; i++) {
      const hex = i.toString(16).padStart(12, "0");
      const id = `00000000-0000-4000-8000-${hex}`;
      localStorage.setItem(`upgrade-planner.engagement.${id}`,
        JSON.stringify({ ...doc, id, customer_name: `Customer ${i}` }));
    }
  }, template);
  const times = [];
  for (let run = 0; run < 5; run++) {
    await page.addInitScript(() => {
      const seen = () => {
        if (!window.__listed && document.querySelectorAll(".engagement-list tbody tr").length >= 1000) {
          window.__listed = performance.now();
        }
        if (!window.__shell && document.querySelector("h1")) window.__shell = performance.now();
      };
      new MutationObserver(seen).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    await page.waitForFunction(() => window.__listed !== undefined, null, { timeout: 60_000 });
    times.push(await page.evaluate(() => window.__listed));
  }
  await context.close();
  return median(times);
}

async function shareLink(browser) {
  const doc = JSON.parse(await readFile("tests/fixtures/engagement-v2-full.json", "utf8"));
  const context = await browser.newContext({ serviceWorkers: "block" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${APP_PORT}/`);
  await page.evaluate((d) => localStorage.setItem(`upgrade-planner.engagement.${d.id}`, JSON.stringify(d)), doc);
  await page.goto(`http://127.0.0.1:${APP_PORT}/engagements/${doc.id}`);
  await page.getByRole("button", { name: "Copy customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  await context.close();
  // The same data the simple way: its JSON, deflated, base64url-coded.
  const { internal_notes: _notes, ...customer } = doc;
  const plain = deflateRawSync(Buffer.from(JSON.stringify(customer)), { level: 9 }).toString("base64url");
  const fragment = link.split("#")[1];
  return { link, length: link.length, fragment: fragment.length, plain: plain.length + 3 };
}

// What a person waits for on a slow link: Chromium's network and CPU throttling (the DevTools
// protocol), from navigation to the first contentful paint and to the first named control.
const PROFILES = [
  { name: "slow 4G", latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, cpu: 4 },
  { name: "fast 4G", latency: 60, down: 9e6 / 8, up: 1.5e6 / 8, cpu: 1 },
];

async function felt(browser, url, selector, profile, warm, later) {
  const context = await browser.newContext({ serviceWorkers: warm ? "allow" : "block" });
  const page = await context.newPage();
  await noteWhenPresent(page, selector, later);
  if (warm) {
    // A first visit installs the service worker and its cache; the measured visit comes after.
    await page.goto(url);
    await page.waitForFunction(() => window.__ready !== undefined);
    await page.evaluate(async () => { await navigator.serviceWorker?.ready; });
    await page.waitForTimeout(300);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  const encodings = new Set();
  page.on("response", (r) => {
    if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) encodings.add(r.headers()["content-encoding"] ?? "none");
  });
  if (warm) await page.reload(); else await page.goto(url);
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 60_000 });
  if (later) await page.waitForFunction(() => window.__later !== undefined, null, { timeout: 60_000 });
  // A page usable before its first paint (the counter's, on a fast CPU) paints just after.
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 10_000 })
    .catch(() => {});
  const result = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    usable: window.__ready,
    later: window.__later ?? NaN,
  }));
  await context.close();
  return { ...result, encodings: [...encodings].join("+") || "cache" };
}

async function feltMedian(browser, url, selector, profile, warm, later = null, runs = 5) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await felt(browser, url, selector, profile, warm, later));
  return {
    fcp: median(all.map((r) => r.fcp)),
    usable: median(all.map((r) => r.usable)),
    // "Your part" after the first screen, run by run.
    after: median(all.map((r) => r.later - r.usable)),
    partUsable: median(all.map((r) => r.later)),
    encodings: all[0].encodings,
  };
}

// The customer's first screen is usable once the recommended architecture's diagram is drawn:
// the title, the next step and "Download" come in the same task, before it. "Your part" is
// usable once its first field is there.
const FIRST_SCREEN = "section.result figure.architecture-diagram svg";
const YOUR_PART = "#reply-contact-name";

// The cold-load figure README records for the previous release: `<!-- bench:cold-gzip-kb N -->`.
async function recordedColdLoad() {
  const readme = await readFile("README.md", "utf8");
  const m = readme.match(/<!-- bench:cold-gzip-kb ([\d.]+) -->/);
  return m ? Number(m[1]) : null;
}

const servers = [serve(APP_DIR, APP_PORT), serve(COUNTER_DIR, COUNTER_PORT)];
try {
  await Promise.all([waitForServer(APP_PORT), waitForServer(COUNTER_PORT)]);
  const browser = await chromium.launch(LAUNCH);
  const { planner: app, customer, part } = await transferSizes(APP_DIR);
  const css = await sizesOf(APP_DIR, (await readdir(APP_DIR)).filter((n) => n.endsWith(".css")));
  const { page: counter } = await transferSizes(COUNTER_DIR);
  const appStart = [];
  const counterStart = [];
  for (let i = 0; i < 10; i++) {
    appStart.push(await timeToInteractive(browser, `http://127.0.0.1:${APP_PORT}/`, "#new-customer-name"));
    counterStart.push(await timeToInteractive(browser, `http://127.0.0.1:${COUNTER_PORT}/`, "button"));
  }
  const tti = median(appStart);
  const ttiCounter = median(counterStart);
  const typing = await typingLatency(browser);
  const list = await listWith1000(browser);
  const share = await shareLink(browser);
  const feltRows = [];
  const secs = (t) => `${(t / 1000).toFixed(2)} s`;
  for (const profile of PROFILES) {
    const counterCold = await feltMedian(browser, `http://127.0.0.1:${COUNTER_PORT}/`, "button", profile, false);
    const runs = [
      ["home page, cold", `http://127.0.0.1:${APP_PORT}/`, "#new-customer-name", false, profile.cpu > 1 ? 1500 : null],
      ["home page, warm (service worker)", `http://127.0.0.1:${APP_PORT}/`, "#new-customer-name", true, null],
      ["customer link, cold, first screen", share.link, FIRST_SCREEN, false, profile.cpu > 1 ? 1200 : null, YOUR_PART],
      ["customer link, warm, first screen", share.link, FIRST_SCREEN, true, profile.cpu > 1 ? 600 : null, YOUR_PART],
    ];
    for (const [what, url, selector, warm, budget, later] of runs) {
      const r = await feltMedian(browser, url, selector, profile, warm, later);
      feltRows.push([`${profile.name}: ${what}, usable (median of 5)`, secs(r.usable),
        budget ? `≤ ${secs(budget)} (counter ${secs(counterCold.usable)})` : `counter ${secs(counterCold.usable)}`,
        budget ? r.usable <= budget : ""]);
      if (later) {
        // Issue 36's budgets: the customer can type into Your part within 1.4 s cold and 0.6 s
        // warm of opening the link on a slow phone connection.
        const partBudget = profile.cpu > 1 ? (warm ? 600 : 1400) : null;
        feltRows.push([`  "Your part" usable, from navigation (${secs(r.after)} after the first screen)`, secs(r.partUsable),
          partBudget ? `≤ ${secs(partBudget)}` : "", partBudget ? r.partUsable <= partBudget : ""]);
      }
      feltRows.push([`  first contentful paint (files: ${r.encodings})`, secs(r.fcp),
        profile.cpu > 1 && !warm ? `≤ 0.50 s (counter ${secs(counterCold.fcp)})` : "",
        profile.cpu > 1 && !warm ? r.fcp <= 500 : ""]);
    }
  }
  await browser.close();
  const recorded = await recordedColdLoad();

  const rows = [
    ["Cold load, planner: wasm + JS + CSS (raw)", kb(app.raw), "—", ""],
    ["Cold load, planner: wasm + JS + CSS (gzip)", kb(app.gzip), "≤ 600 KB", app.gzip <= 600 * 1024],
    ["  the same as Brotli (the .br copies a host sends)", kb(app.brotli), "", ""],
    ["Customer link, its module + CSS before the first screen (Brotli)", kb(customer.brotli), "≤ 130 KB", customer.brotli <= 130 * 1024],
    ["  its WebAssembly and JS alone (Brotli); the CSS", `${kb(customer.brotli - css.brotli)}; ${kb(css.brotli)}`, "", ""],
    ["  the same as gzip", kb(customer.gzip), "", ""],
    ["Customer link, saving a copy (fetched when pressed): wasm + JS (Brotli)", kb(part.brotli - css.brotli), "", ""],
    ["  the same as gzip", kb(part.gzip - css.gzip), "", ""],
    ["  counter, same profile (gzip)", kb(counter.gzip), "", ""],
    ["  previous release's figure in README, and the difference",
      recorded === null ? "not recorded" : `${recorded.toFixed(1)} KB (${app.gzip / 1024 - recorded >= 0 ? "+" : ""}${(app.gzip / 1024 - recorded).toFixed(1)} KB)`, "", ""],
    ["Start to interactive, median of 10", ms(tti), `≤ 2 × counter (${ms(2 * ttiCounter)})`, tti <= 2 * ttiCounter],
    ["  counter, median of 10", ms(ttiCounter), "", ""],
    ["Typing Current users → recommendation, median of 50", ms(typing), "≤ 16 ms", typing <= 16],
    ["Home list with 1,000 engagements, from navigation", ms(list), "", ""],
    ["  the list's own time (less the empty start above)", ms(list - tti), "≤ 200 ms", list - tti <= 200],
    ["Share link, reference engagement (characters)", String(share.length), "≤ 2,000", share.length <= 2000],
    ["  its fragment vs JSON + deflate + base64url", `${share.fragment} / ${share.plain} = ${(share.fragment / share.plain).toFixed(2)}`, "", ""],
    ...feltRows,
  ];
  const width = [66, 22, 34];
  console.log(`make bench — ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, headless Chromium, loopback\n`);
  console.log(["measure".padEnd(width[0]), "measured".padEnd(width[1]), "budget".padEnd(width[2]), "within"].join(" │ "));
  console.log("─".repeat(width[0] + width[1] + width[2] + 16));
  for (const [name, value, budget, ok] of rows) {
    const verdict = ok === "" ? "" : ok ? "yes" : "NO";
    console.log([name.padEnd(width[0]), value.padEnd(width[1]), budget.padEnd(width[2]), verdict].join(" │ "));
  }
} finally {
  for (const s of servers) s.kill();
}
