// Run last by scripts/post-build.mjs (the Trunk hook): puts the SHA-256 of each inline script
// (the module loader) and of the static shell's inline style into index.html's
// Content-Security-Policy, in place of 'sha256-INLINE-SCRIPTS' and 'sha256-INLINE-STYLES', so
// no 'unsafe-inline' is needed.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  process.exit(1);
}
const file = join(dir, "index.html");
const html = await readFile(file, "utf8");
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
const styleHashes = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)]
  .map((m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
if (!html.includes("'sha256-INLINE-STYLES'")) {
  console.error("csp-hash: index.html has no 'sha256-INLINE-STYLES' placeholder");
  process.exit(1);
}
if (!html.includes("'sha256-INLINE-SCRIPTS'")) {
  console.error("csp-hash: index.html has no 'sha256-INLINE-SCRIPTS' placeholder");
  process.exit(1);
}
// `trunk serve` adds its live-reload script after this hook runs, so a development build
// allows inline scripts; a release build allows only the ones hashed here.
const styled = html.replace("'sha256-INLINE-STYLES'", styleHashes.join(" "));
if (process.env.TRUNK_PROFILE === "release") {
  await writeFile(file, styled.replace("'sha256-INLINE-SCRIPTS'", hashes.join(" ") || "'none'"));
  console.log(`csp-hash: ${hashes.length} inline script(s) hashed`);
} else {
  await writeFile(file, styled.replace("'sha256-INLINE-SCRIPTS'", "'unsafe-inline'"));
  console.log("csp-hash: development build, inline scripts allowed for live reload");
}
