// Keeps the app working offline once it has loaded: every file the app fetches from its own
// origin is served from the network when there is one, and from the last copy when there is not.
// Engagements are in local storage and never pass through here.
const CACHE = "upgrade-planner";
const SHELL = new URL("./", self.location).href;

// Built files carry a content hash ("upgrade-planner-<hex>_bg.wasm"; up to 16 digits, fewer when
// the hash starts with zeros): a new copy of one replaces the copies of earlier builds, so the
// cache holds one build, not every build seen.
const stem = (url) => url.replace(/-[0-9a-f]{1,16}(?=[._])/, "");

async function keep(cache, key, response) {
  await cache.put(key, response);
  const same = stem(key);
  for (const old of await cache.keys()) {
    if (old.url !== key && stem(old.url) === same) await cache.delete(old);
  }
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // Every page of the app is the same index.html.
  const key = request.mode === "navigate" ? SHELL : request.url;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => keep(cache, key, copy)));
        }
        return response;
      })
      .catch(() => caches.match(key).then((cached) => cached || Response.error())),
  );
});
