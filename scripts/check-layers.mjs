// The domain is a stack of folders, each a layer importing only the layers below it, and no two
// of its files import each other, directly or around a loop. Fails, naming the import, when a
// file names a higher layer or files form a cycle. Run by `make check-layers` (in `make test`).
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = "src/domain";
// Lowest first: a folder may import those before it, never those after.
const LAYERS = ["text", "sizing", "engagement", "process", "documents"];

const root = process.argv[2] ?? ROOT;
const problems = [];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith(".rs") ? [path] : [];
  });
}

// Each folder's mod.rs re-exports items of its files: which file each name comes from.
const facade = {};
for (const layer of LAYERS) {
  const mod = join(root, layer, "mod.rs");
  if (!existsSync(mod)) {
    problems.push(`${mod} is missing: every layer is a folder with a mod.rs`);
    continue;
  }
  const text = readFileSync(mod, "utf8");
  const names = new Map();
  let glob = [];
  for (const [, module, rest] of text.matchAll(/pub use (\w+)::(\*|\{[^}]*\}|\w+);/g)) {
    if (rest === "*") glob.push(module);
    else for (const name of rest.replace(/[{}]/g, "").split(",").map((n) => n.trim()).filter(Boolean)) names.set(name, module);
  }
  facade[layer] = { names, glob };
}

/** The file an item `name` of `layer` lives in (through the folder's re-exports). */
function fileOf(layer, name) {
  const direct = join(root, layer, `${name}.rs`);
  if (existsSync(direct)) return direct;
  const f = facade[layer];
  if (!f) return null;
  const module = f.names.get(name) ?? (f.glob.length === 1 ? f.glob[0] : null);
  return module ? join(root, layer, `${module}.rs`) : join(root, layer, "mod.rs");
}

const graph = new Map();
for (const file of files(root)) {
  const rel = relative(root, file);
  const parts = rel.split("/");
  if (parts.length === 1) continue; // domain/mod.rs: the list of layers
  const layer = parts[0];
  const rank = LAYERS.indexOf(layer);
  if (rank < 0) {
    problems.push(`${file}: ${layer}/ is not a layer (${LAYERS.join(", ")})`);
    continue;
  }
  // Comments say what they like; only code imports.
  const code = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  if (/\bsuper::(?!\*)/.test(code)) problems.push(`${file}: names a module through super::; name it from crate::domain`);
  const edges = new Set();
  for (const [whole, target, tail] of code.matchAll(/crate::domain::(\w+)((?:::(?:\{[^}]*\}|\w+))*)/g)) {
    const targetRank = LAYERS.indexOf(target);
    if (targetRank < 0) {
      problems.push(`${file}: ${whole} is not in a layer`);
      continue;
    }
    if (targetRank > rank) {
      problems.push(`${file}: imports ${whole}, from ${target}/, a layer above ${layer}/`);
      continue;
    }
    if (file.endsWith("mod.rs")) continue;
    const next = tail.replace(/^::/, "");
    const names = next.startsWith("{")
      ? next.slice(1, next.indexOf("}")).split(",").map((n) => n.trim().split("::")[0]).filter((n) => n && n !== "self")
      : [next.split("::")[0]];
    for (const name of names) {
      const to = fileOf(target, name);
      if (to && to !== file) edges.add(to);
    }
  }
  graph.set(file, edges);
}

// Cycles between files, each reported once, by depth-first search.
const state = new Map();
const stack = [];
const seen = new Set();
function visit(file) {
  state.set(file, "open");
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === "open") {
      const loop = stack.slice(stack.indexOf(next)).concat(next);
      const key = [...loop].sort().join();
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`import cycle: ${loop.map((f) => relative(root, f)).join(" → ")}`);
      }
    } else if (!state.has(next) && graph.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, "done");
}
for (const file of graph.keys()) if (!state.has(file)) visit(file);

// The UI: the platform, then the widgets, then one folder per page; a page never imports
// another page (the router in ui/app.rs joins them), so the customer's module holds no
// planner page.
const UI = "src/ui";
const UI_RANK = { platform: 0, widgets: 1, home: 2, engagement: 2, customer: 2 };
if (root === ROOT) {
  for (const file of files(UI)) {
    const parts = relative(UI, file).split("/");
    if (parts.length === 1) continue; // ui/mod.rs and the router
    const folder = parts[0];
    if (!(folder in UI_RANK)) {
      problems.push(`${file}: ui/${folder}/ is not one of ${Object.keys(UI_RANK).join(", ")}`);
      continue;
    }
    const code = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
    for (const [whole, target] of code.matchAll(/crate::ui::(\w+)/g)) {
      if (target === folder || !(target in UI_RANK)) continue;
      if (UI_RANK[target] >= UI_RANK[folder]) {
        problems.push(`${file}: imports ${whole}; ui/${folder}/ may use only ${Object.keys(UI_RANK).filter((f) => UI_RANK[f] < UI_RANK[folder]).join(", ") || "itself"}`);
      }
    }
  }
}

if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`check-layers: ${problems.length} problem(s). The layers, lowest first: ${LAYERS.join(" ← ")}.`);
  process.exit(1);
}
console.log(`check-layers: ${graph.size} domain files in ${LAYERS.length} layers (${LAYERS.join(" ← ")}), no upward import, no cycle; the UI's pages use only the platform and widgets.`);
