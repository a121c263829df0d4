// Keeps the app working offline once it has loaded. Online, everything comes from the network.
// Each time the app's own page arrives from the network, the service worker keeps that build
// whole: the page and every file it names, fetched together into a cache of that build's own,
// which replaces the earlier build's cache only once it is complete. Offline, the page and its
// files come from that one build, never a new page with an old module.
// Engagements are in local storage and never pass through here.
const PREFIX = "upgrade-planner-build-";
const SHELL = new URL("./", self.location).href;
// Only the app's own page becomes the offline shell: another page under this scope (a file
// uploaded beside the app, an error page) never replaces it.
const APP_MARK = /<title>Infrastructure Upgrade Planner<\/title>/;

// The files a build's page names (the stylesheet, the icon, and the modules its loader script
// lists: the planner's and the customer's two), and the WebAssembly each module loads, as
// absolute addresses on this origin.
function builtFiles(html) {
  const files = new Set();
  for (const match of html.matchAll(/(?:href|src)="([^"#?]+)"|"([^"#?\s]+\.(?:js|wasm))"/g)) {
    const url = new URL(match[1] ?? match[2], SHELL);
    if (url.origin === self.location.origin && url.href !== SHELL) files.add(url.href);
  }
  for (const url of [...files]) {
    if (url.endsWith(".js") && !url.endsWith("/sw.js")) files.add(url.replace(/\.js$/, "_bg.wasm"));
  }
  return [...files].sort();
}

// The build's name: its modules' file names, which carry their content hashes.
function buildName(files) {
  const modules = files.filter((url) => url.endsWith("_bg.wasm")).map((url) => new URL(url).pathname.split("/").pop());
  return PREFIX + (modules.length ? modules.join("+") : "unknown");
}

async function keepBuild(html) {
  const files = builtFiles(html);
  const name = buildName(files);
  const existing = await caches.keys();
  if (!existing.includes(name)) {
    // Fetched in full before anything is stored: a build that cannot be fetched whole is not
    // kept, and the earlier one stays.
    const responses = await Promise.all(files.map((url) => fetch(url, { cache: "no-cache" })));
    if (responses.some((r) => !r.ok)) return;
    const cache = await caches.open(name);
    await cache.put(SHELL, new Response(html, { headers: { "Content-Type": "text/html" } }));
    await Promise.all(files.map((url, i) => cache.put(url, responses[i])));
  }
  for (const old of existing) {
    if (old !== name && (old.startsWith(PREFIX) || old === "upgrade-planner")) await caches.delete(old);
  }
}

async function fromBuild(key) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) continue;
    const hit = await (await caches.open(name)).match(key);
    if (hit) return hit;
  }
  return Response.error();
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  const navigation = request.mode === "navigate";
  event.respondWith(
    fetch(request)
      .then((response) => {
        const html = navigation && response.ok && (response.headers.get("Content-Type") || "").includes("text/html");
        if (html) {
          const copy = response.clone();
          event.waitUntil(
            copy.text().then((text) => (APP_MARK.test(text) ? keepBuild(text) : undefined)).catch(() => {}),
          );
        }
        return response;
      })
      // Every page of the app is the same page: offline, the kept build's shell serves them all.
      .catch(() => fromBuild(navigation ? SHELL : request.url)),
  );
});
