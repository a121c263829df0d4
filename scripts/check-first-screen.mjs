// The customer's first screen is drawn without the UI framework: its module (before wasm-opt,
// which keeps the function names) must hold no function of Leptos or its reactive system. Run
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
if (!names.includes("first_screen")) {
  console.error(`check-first-screen: ${file} has no function names to check (is it the module before wasm-opt?)`);
  process.exit(1);
}
console.log(`check-first-screen: ${file} holds no code of the UI framework.`);
