// Serves dist/ on loopback the way a static host with a single-page fallback does:
// a known file as itself, any other path as index.html; the precompressed .br or .gz copy
// (scripts/precompress.mjs) when the browser accepts it, as GitLab Pages does. Used by the e2e
// tests and `make bench`.
// Usage: node scripts/serve-dist.mjs [port]   (default 8090)
// BASE_PATH=/planner serves the app under that sub-path, as GitLab Pages does.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const root = resolve(process.env.DIST_DIR ?? "dist");
const port = Number(process.argv[2] ?? process.env.PORT ?? 8090);
const base = (process.env.BASE_PATH ?? "").replace(/\/+$/, "");
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

async function fileFor(requested) {
  const urlPath = base && requested.startsWith(base) ? requested.slice(base.length) || "/" : requested;
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  const candidate = join(root, clean);
  if (candidate.startsWith(root)) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not a file: fall through to the app's page
    }
  }
  return join(root, "index.html");
}

// The precompressed copy of `path` the request accepts, Brotli first, if there is one.
async function encodedCopy(path, accepted) {
  for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (!accepted.includes(encoding)) continue;
    try {
      return { encoding, body: await readFile(path + suffix) };
    } catch {
      // no such copy
    }
  }
  return null;
}

createServer(async (req, res) => {
  try {
    const path = await fileFor(new URL(req.url, "http://localhost").pathname);
    const copy = await encodedCopy(path, String(req.headers["accept-encoding"] ?? ""));
    const body = copy ? copy.body : await readFile(path);
    res.writeHead(200, {
      "content-type": types[extname(path)] ?? "application/octet-stream",
      "cache-control": "no-store",
      vary: "accept-encoding",
      ...(copy ? { "content-encoding": copy.encoding } : {}),
    });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(String(error));
  }
}).listen(port, "127.0.0.1", () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}`);
});
