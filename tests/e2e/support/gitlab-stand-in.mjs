// A stand-in for GitLab's REST API, for the browser journeys: the endpoints the app uses, answered
// as GitLab documents them (tests/fixtures/gitlab-api-contract.json names each and its source).
// Token required (Bearer or PRIVATE-TOKEN), CORS for any origin without cookies, base64 file
// contents, the stale `last_commit_id` refusal with GitLab's own message, 20 entries a page by
// default and 100 at most with X-Next-Page and Link, confidential issues. It runs on another
// port than the app, so the browser applies CORS as it would to a real instance.
//
// The journeys steer it through /__stand-in/… (reset, seed files, fail the next requests with a
// status, read what was stored); those addresses are not GitLab's and send no CORS headers.
import { createServer } from "node:http";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

const port = Number(process.argv[2] ?? 8092);
const contract = JSON.parse(readFileSync(new URL("../../fixtures/gitlab-api-contract.json", import.meta.url)));
const STALE = contract.endpoints.find((e) => e.stale_message).stale_message;

const USERS = {
  "glpat-tam-one": { id: 1, username: "tam.one", name: "Tam One", scopes: ["api"] },
  "glpat-tam-two": { id: 2, username: "tam.two", name: "Tam Two", scopes: ["api"] },
  "glpat-read-only": { id: 3, username: "reader", name: "Reader", scopes: ["read_api"] },
  "glpat-outsider": { id: 4, username: "outsider", name: "Outsider", scopes: ["api"], outsider: true },
};

let state;
function reset() {
  state = {
    projects: [
      { id: 42, path_with_namespace: "acme/tam-engagements", visibility: "private" },
      { id: 43, path_with_namespace: "acme/public-plans", visibility: "public" },
      { id: 50, path_with_namespace: "support/reviews", visibility: "private" },
    ].map((p) => ({ ...p, default_branch: "main", files: new Map(), commits: [], issues: [] })),
    failures: [],
    requests: [],
  };
}
reset();

const origin = () => `http://127.0.0.1:${port}`;
const sha = () => randomBytes(20).toString("hex");

function commitEntity(project, c) {
  return {
    id: c.id,
    short_id: c.id.slice(0, 8),
    title: c.message.split("\n")[0],
    message: c.message,
    author_name: c.author.name,
    author_email: `${c.author.username}@example.com`,
    authored_date: c.at,
    committer_name: c.author.name,
    committed_date: c.at,
    created_at: c.at,
    parent_ids: c.parent ? [c.parent] : [],
    web_url: `${origin()}/${project.path_with_namespace}/-/commit/${c.id}`,
  };
}

// Applies a commit's actions, as GitLab's multi-file commit service does: all or nothing.
function commit(project, author, message, actions, at = new Date().toISOString()) {
  for (const a of actions) {
    const existing = project.files.get(a.file_path);
    if (a.action === "create" && existing) return [400, { message: "A file with this name already exists" }];
    if (a.action === "update" && !existing) return [400, { message: "A file with this name doesn't exist" }];
    if (a.action === "update" && a.last_commit_id && existing.last_commit_id !== a.last_commit_id)
      return [400, { message: STALE }];
    if (!["create", "update"].includes(a.action)) return [400, { message: "Unknown action" }];
  }
  const id = sha();
  const c = { id, message, author, at, parent: project.commits[0]?.id, paths: [] };
  for (const a of actions) {
    const text = a.encoding === "base64" ? Buffer.from(a.content, "base64").toString("utf8") : a.content;
    const file = project.files.get(a.file_path) ?? { versions: [] };
    file.last_commit_id = id;
    file.content = text;
    file.versions.unshift({ commit: id, content: text });
    project.files.set(a.file_path, file);
    c.paths.push(a.file_path);
  }
  project.commits.unshift(c);
  return [201, commitEntity(project, c)];
}

function paged(req, res, items, url) {
  const perPage = Math.min(Math.max(Number(url.searchParams.get("per_page")) || 20, 1), 100);
  const page = Math.max(Number(url.searchParams.get("page")) || 1, 1);
  const pages = Math.max(Math.ceil(items.length / perPage), 1);
  const next = page < pages ? String(page + 1) : "";
  const link = (p) => {
    const u = new URL(url.href);
    u.searchParams.set("page", String(p));
    u.searchParams.set("per_page", String(perPage));
    return `<${origin()}${u.pathname}${u.search}>`;
  };
  const links = [];
  if (next) links.push(`${link(page + 1)}; rel="next"`);
  links.push(`${link(1)}; rel="first"`, `${link(pages)}; rel="last"`);
  return send(req, res, 200, items.slice((page - 1) * perPage, page * perPage), {
    "X-Page": String(page),
    "X-Per-Page": String(perPage),
    "X-Total": String(items.length),
    "X-Total-Pages": String(pages),
    "X-Next-Page": next,
    "X-Prev-Page": page > 1 ? String(page - 1) : "",
    Link: links.join(", "),
  });
}

const EXPOSED = "Link, X-Total, X-Total-Pages, X-Per-Page, X-Page, X-Next-Page, X-Prev-Page, X-Gitlab-Blob-Id, X-Gitlab-Commit-Id, X-Gitlab-Content-Sha256, X-Gitlab-Encoding, X-Gitlab-File-Name, X-Gitlab-File-Path, X-Gitlab-Last-Commit-Id, X-Gitlab-Ref, X-Gitlab-Size";

function send(req, res, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": EXPOSED,
    ...headers,
  });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

async function control(req, res, url) {
  const body = req.method === "POST" ? JSON.parse((await readBody(req)) || "{}") : {};
  if (url.pathname === "/__stand-in/reset") {
    reset();
    return send(req, res, 200, { ok: true });
  }
  if (url.pathname === "/__stand-in/fail") {
    state.failures.push({ status: body.status, count: body.count ?? 1, method: body.method, path: body.path });
    return send(req, res, 200, { ok: true });
  }
  if (url.pathname === "/__stand-in/seed") {
    const project = state.projects.find((p) => p.path_with_namespace === (body.project ?? "acme/tam-engagements"));
    const author = USERS[body.token ?? "glpat-tam-two"];
    const [status, result] = commit(project, author, body.message ?? "Seed", body.files.map((f) => ({
      action: project.files.has(f.path) ? "update" : "create",
      file_path: f.path,
      content: f.content,
    })), body.at);
    return send(req, res, status, result);
  }
  if (url.pathname === "/__stand-in/state") {
    return send(req, res, 200, {
      requests: state.requests,
      projects: state.projects.map((p) => ({
        path: p.path_with_namespace,
        files: Object.fromEntries([...p.files].map(([k, f]) => [k, { content: f.content, last_commit_id: f.last_commit_id, versions: f.versions.length }])),
        commits: p.commits.map((c) => ({ id: c.id, message: c.message, author: c.author.username, paths: c.paths })),
        issues: p.issues,
      })),
    });
  }
  return send(req, res, 404, { message: "404 Not Found" });
}

async function api(req, res, url) {
  // The raw path, so that encoded slashes in ids and file paths stay inside their segment.
  const raw = req.url.split("?")[0];
  const parts = raw.replace(/^\/api\/v4\//, "").split("/").map(decodeURIComponent);
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : req.headers["private-token"];
  state.requests.push({ method: req.method, path: raw, query: url.search, token: token ? "present" : "absent" });
  // A token in the address is never sent by the app; GitLab would accept it, the stand-in notes it.
  if (url.searchParams.has("private_token") || url.searchParams.has("access_token")) state.requests.at(-1).tokenInUrl = true;
  const failure = state.failures.find((f) => f.count > 0 && (!f.method || f.method === req.method) && (!f.path || raw.includes(f.path)));
  if (failure) {
    failure.count -= 1;
    const messages = { 401: "401 Unauthorized", 403: "403 Forbidden", 404: "404 Project Not Found", 429: "Retry later", 500: "500 Internal Server Error" };
    if (failure.status === 429) {
      res.writeHead(429, { "Content-Type": "text/plain", "Access-Control-Allow-Origin": "*", "Retry-After": "60" });
      return res.end("Retry later\n");
    }
    return send(req, res, failure.status, { message: messages[failure.status] ?? "Bad request" });
  }
  const user = USERS[token];
  if (!user) return send(req, res, 401, { message: "401 Unauthorized" });
  if (parts[0] === "user" && parts.length === 1 && req.method === "GET") {
    return send(req, res, 200, { id: user.id, username: user.username, name: user.name, state: "active", web_url: `${origin()}/${user.username}` });
  }
  if (parts[0] !== "projects" || parts.length < 2) return send(req, res, 404, { message: "404 Not Found" });
  const project = state.projects.find((p) => String(p.id) === parts[1] || p.path_with_namespace === parts[1]);
  if (!project || (user.outsider && project.visibility === "private")) return send(req, res, 404, { message: "404 Project Not Found" });
  const writing = req.method !== "GET";
  if (writing && !user.scopes.includes("api")) return send(req, res, 403, { error: "insufficient_scope", error_description: "The request requires higher privileges than provided by the access token.", scope: "api" });
  if (writing && user.outsider) return send(req, res, 403, { message: "403 Forbidden" });
  const rest = parts.slice(2);
  const branch = project.default_branch;
  if (rest.length === 0 && req.method === "GET") {
    return send(req, res, 200, {
      id: project.id,
      name: project.path_with_namespace.split("/").pop(),
      path_with_namespace: project.path_with_namespace,
      default_branch: branch,
      visibility: project.visibility,
      web_url: `${origin()}/${project.path_with_namespace}`,
    });
  }
  if (rest[0] === "repository" && rest[1] === "tree" && req.method === "GET") {
    const folder = (url.searchParams.get("path") ?? "").replace(/\/$/, "");
    const entries = [...project.files.keys()]
      .filter((p) => p.slice(0, p.lastIndexOf("/")) === folder)
      .sort()
      .map((p) => ({ id: createHash("sha1").update(project.files.get(p).content).digest("hex"), name: p.split("/").pop(), type: "blob", path: p, mode: "100644" }));
    if (entries.length === 0 && folder) return send(req, res, 404, { message: "404 Tree Not Found" });
    return paged(req, res, entries, url);
  }
  if (rest[0] === "repository" && rest[1] === "files" && rest.length === 3 && req.method === "GET") {
    const file = project.files.get(rest[2]);
    const ref = url.searchParams.get("ref");
    if (!ref) return send(req, res, 400, { error: "ref is missing" });
    if (!file) return send(req, res, 404, { message: "404 File Not Found" });
    const version = ref === branch ? file.versions[0] : file.versions.find((v) => v.commit === ref)
      ?? file.versions.find((v) => project.commits.findIndex((c) => c.id === v.commit) >= project.commits.findIndex((c) => c.id === ref));
    if (!version) return send(req, res, 404, { message: "404 Commit Not Found" });
    const bytes = Buffer.from(version.content, "utf8");
    return send(req, res, 200, {
      file_name: rest[2].split("/").pop(),
      file_path: rest[2],
      size: bytes.length,
      encoding: "base64",
      content: bytes.toString("base64"),
      content_sha256: createHash("sha256").update(bytes).digest("hex"),
      ref,
      blob_id: createHash("sha1").update(bytes).digest("hex"),
      commit_id: project.commits[0].id,
      last_commit_id: version.commit,
      execute_filemode: false,
    });
  }
  if (rest[0] === "repository" && rest[1] === "commits" && rest.length === 2) {
    if (req.method === "GET") {
      const path = url.searchParams.get("path");
      const list = project.commits.filter((c) => !path || c.paths.includes(path)).map((c) => commitEntity(project, c));
      return paged(req, res, list, url);
    }
    if (req.method === "POST") {
      let body;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return send(req, res, 400, { message: "The request body is not JSON" });
      }
      if (!body.branch) return send(req, res, 400, { error: "branch is missing" });
      if (!body.commit_message) return send(req, res, 400, { error: "commit_message is missing" });
      if (!Array.isArray(body.actions) || body.actions.length === 0) return send(req, res, 400, { error: "actions is missing" });
      if (body.branch !== branch) return send(req, res, 400, { message: "You can only create or edit files when you are on a branch" });
      const [status, result] = commit(project, user, body.commit_message, body.actions);
      return send(req, res, status, result);
    }
  }
  if (rest[0] === "issues" && (rest.length === 1 || rest.length === 2)) {
    let body;
    try {
      body = JSON.parse((await readBody(req)) || "{}");
    } catch {
      return send(req, res, 400, { message: "The request body is not JSON" });
    }
    const entity = (i) => ({ id: 1000 + i.iid, iid: i.iid, project_id: project.id, title: i.title, description: i.description, confidential: i.confidential, state: "opened", author: { username: i.author }, web_url: `${origin()}/${project.path_with_namespace}/-/issues/${i.iid}` });
    if (rest.length === 1 && req.method === "POST") {
      if (!body.title) return send(req, res, 400, { error: "title is missing" });
      if ((body.description ?? "").length > 1048576) return send(req, res, 400, { message: { description: ["is too long (maximum is 1048576 characters)"] } });
      const issue = { iid: project.issues.length + 1, title: body.title, description: body.description ?? "", confidential: body.confidential === true, author: user.username, updates: 0 };
      project.issues.push(issue);
      return send(req, res, 201, entity(issue));
    }
    if (rest.length === 2 && req.method === "PUT") {
      const issue = project.issues.find((i) => String(i.iid) === rest[1]);
      if (!issue) return send(req, res, 404, { message: "404 Issue Not Found" });
      if (body.title !== undefined) issue.title = body.title;
      if (body.description !== undefined) issue.description = body.description;
      if (body.confidential !== undefined) issue.confidential = body.confidential === true;
      issue.updates += 1;
      return send(req, res, 200, entity(issue));
    }
  }
  return send(req, res, 404, { message: "404 Not Found" });
}

createServer(async (req, res) => {
  const url = new URL(req.url, origin());
  try {
    if (url.pathname.startsWith("/__stand-in/")) return await control(req, res, url);
    if (req.method === "OPTIONS" && url.pathname.startsWith("/api/")) {
      // GitLab's CORS for /api/*: any origin, any method, the headers asked for, no credentials.
      res.writeHead(204, {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "",
        "Access-Control-Max-Age": "7200",
      });
      return res.end();
    }
    if (url.pathname.startsWith("/api/v4/")) return await api(req, res, url);
    if (url.pathname === "/") return send(req, res, 200, { stand_in: true });
    return send(req, res, 404, { message: "404 Not Found" });
  } catch (error) {
    send(req, res, 500, { message: String(error) });
  }
}).listen(port, "127.0.0.1");
