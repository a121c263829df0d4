// Writes a gzip (.gz) and a Brotli (.br) copy next to each text or WebAssembly file of a built
// app, for hosts that send precompressed files: GitLab Pages sends them when they are present
// and otherwise sends every file uncompressed; nginx does with gzip_static and brotli_static.
// Usage: node scripts/precompress.mjs <dir> [<dir> ...]
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|svg|json|webmanifest)$/;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(entry.name)) yield path;
  }
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error("usage: node scripts/precompress.mjs <dir> [<dir> ...]");
  process.exit(2);
}
for (const dir of dirs) {
  let raw = 0;
  let gz = 0;
  let br = 0;
  for await (const path of files(dir)) {
    const bytes = await readFile(path);
    const gzip = gzipSync(bytes, { level: 9 });
    const brotli = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    // A copy no smaller than the file would only cost the host a lookup.
    if (gzip.length < bytes.length) await writeFile(`${path}.gz`, gzip);
    if (brotli.length < bytes.length) await writeFile(`${path}.br`, brotli);
    raw += bytes.length;
    gz += Math.min(gzip.length, bytes.length);
    br += Math.min(brotli.length, bytes.length);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`precompress: ${dir}: ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} Brotli`);
}
