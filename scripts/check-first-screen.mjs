// The customer's link is drawn without the UI framework: its module (before wasm-opt, which
// keeps the function names) must hold no function of Leptos or its reactive system. Run
// after the release build by `make build` (in `make test`).
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? "target/wasm32-unknown-unknown/release/customer-view.wasm";
const names = readFileSync(file).toString("latin1");
// Function names are mangled: a crate's name is preceded by its length ("6leptos").
const found = ["leptos", "tachys", "reactive_graph"].filter((crate) => names.includes(`${crate.length}${crate}`));
if (found.length) {
  console.error(`check-first-screen: ${file} holds code of ${found.join(", ")}; the first screen must not use the UI framework.`);
  process.exit(1);
}
// Nor of what only the TAM and Support read: the risks, the schedule, the runbook and the
// procedure and clock-change tables behind them.
const team = ["risks", "schedule", "runbook", "request", "cutover", "procedures", "zone_rules"]
  .filter((module) => names.includes(`${module.length}${module}`));
if (team.length) {
  console.error(`check-first-screen: ${file} holds code of ${team.join(", ")}; the customer's outline must not reach what only the TAM and Support read.`);
  process.exit(1);
}
// The link is read in one pass, straight into the engagement (issue 36.2): no reader of JSON
// values, no migration of stored documents, no reader of the stored document with its snapshots.
const oneReader = [["10serde_json5value", "a reader of JSON values"], ["7migrate", "the migrations"], ["6stored", "the stored document's reader"]]
  .filter(([mangled]) => names.includes(mangled));
if (oneReader.length) {
  console.error(`check-first-screen: ${file} holds ${oneReader.map(([, what]) => what).join(", ")}; the customer's link must be read in one pass.`);
  process.exit(1);
}
if (!names.includes("first_screen")) {
  console.error(`check-first-screen: ${file} has no function names to check (is it the module before wasm-opt?)`);
  process.exit(1);
}
console.log(`check-first-screen: ${file} holds no code of the UI framework.`);
