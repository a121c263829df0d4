// Trunk post-build hook (Trunk runs hooks of one stage at once, so the steps that rewrite
// index.html run here, in order):
// 1. the customer's two modules get a content hash in their file names, as Trunk gives the
//    planner's, so that a host's cache never pairs one build's page with another's module;
// 2. the loader script in index.html gets the built files' names (`/*MODULES*/ null`);
// 3. the Content-Security-Policy gets the hash of each inline script and style (csp-hash.mjs).
import { createHash } from "node:crypto";
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
const base = process.env.TRUNK_PUBLIC_URL ?? "/";
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  process.exit(1);
}
const names = await readdir(dir);

// 1. customer-view.js and customer-view_bg.wasm → customer-view-<hash>.js and …_bg.wasm.
async function hashed(module) {
  const js = `${module}.js`;
  const wasm = `${module}_bg.wasm`;
  if (!names.includes(js) || !names.includes(wasm)) {
    console.error(`post-build: ${js} or ${wasm} was not built`);
    process.exit(1);
  }
  const hash = createHash("sha256");
  for (const name of [js, wasm]) hash.update(await readFile(join(dir, name)));
  const tag = hash.digest("hex").slice(0, 16);
  await rename(join(dir, js), join(dir, `${module}-${tag}.js`));
  await rename(join(dir, wasm), join(dir, `${module}-${tag}_bg.wasm`));
  return [`${base}${module}-${tag}.js`, `${base}${module}-${tag}_bg.wasm`];
}

// The planner's files, as Trunk named them (upgrade-planner-<hash>.js and …_bg.wasm).
function planner() {
  const js = names.find((n) => /^upgrade-planner-[0-9a-f]+\.js$/.test(n));
  if (!js) {
    console.error("post-build: the planner's module was not built");
    process.exit(1);
  }
  return [`${base}${js}`, `${base}${js.replace(/\.js$/, "_bg.wasm")}`];
}

// 2. The loader's list of modules.
const file = join(dir, "index.html");
let html = await readFile(file, "utf8");
if (!html.includes("/*MODULES*/ null")) {
  console.error("post-build: index.html has no /*MODULES*/ null placeholder");
  process.exit(1);
}
const modules = { planner: planner(), customer: await hashed("customer-view"), part: await hashed("customer-part") };
html = html.replace("/*MODULES*/ null", JSON.stringify(modules));
// Trunk leaves the planner's link when it injects no loader of its own.
html = html.replace(/\s*<link data-trunk rel="rust"[^>]*>/g, "");
await writeFile(file, html);
console.log(`post-build: modules ${JSON.stringify(modules)}`);

// 3. The CSP, once the page's inline script is final.
await import("./csp-hash.mjs");
