//! Keeping engagements in a GitLab project, the part that needs no browser: the instance and
//! project a TAM connects to, the requests the app sends to GitLab's REST API (method, path
//! template, path and parameters), and what each failure tells the TAM to do.
//!
//! GitLab answers `/api/v4` for any origin without cookies, so a page can call it with the
//! TAM's token in a header; the token never appears here, in a path or in a parameter. Every
//! request is one of GitLab's documented endpoints (`doc/api/` in GitLab's repository); the
//! templates below are checked against the excerpt of GitLab's API description kept in the
//! tests.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Value};

/// The instance a TAM connects to when they give none.
pub const DEFAULT_INSTANCE: &str = "https://gitlab.com";

/// GitLab gives at most 100 entries a page: asking for more silently gives 100.
pub const PER_PAGE: u32 = 100;

/// The words of GitLab's answer to an update made from a stale `last_commit_id`: the only 400
/// that is a conflict (`app/services/files/update_service.rb`).
pub const STALE_MESSAGE: &str = "has changed since you started editing it";

/// How long an address may be, in characters.
const MAX_ADDRESS_CHARS: usize = 2_000;

/// How much of an error's body is read for GitLab's message.
const MAX_ERROR_BODY_BYTES: usize = 16 * 1024;

/// Everything but the characters RFC 3986 leaves unreserved is encoded in a path segment or a
/// parameter: `acme/tam-engagements` becomes `acme%2Ftam-engagements`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// The GitLab instance: `https://` and a host, or `http://` for this machine only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instance {
    /// The address without a trailing slash: `https://gitlab.example.com` or, for an instance
    /// under a path, `https://example.com/gitlab`.
    base: String,
    host: String,
}

/// Why an instance's address was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressError {
    NotWebAddress,
    NotHttps,
    TooLong,
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AddressError::NotWebAddress => "Enter the GitLab address as https:// and its host name, such as https://gitlab.example.com",
            AddressError::NotHttps => "The address must start with https:// (http:// only for localhost or 127.0.0.1): the token would otherwise travel unencrypted",
            AddressError::TooLong => "This address is too long to be a GitLab address",
        })
    }
}

impl std::error::Error for AddressError {}

/// Whether `host` (with its port, if any) is this machine.
fn loopback(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    matches!(name, "localhost" | "127.0.0.1")
}

impl Instance {
    /// Reads the address a TAM typed; empty is GitLab.com.
    pub fn parse(text: &str) -> Result<Self, AddressError> {
        let text = text.trim();
        let text = if text.is_empty() {
            DEFAULT_INSTANCE
        } else {
            text
        };
        if text.chars().count() > MAX_ADDRESS_CHARS {
            return Err(AddressError::TooLong);
        }
        let lower = text.to_ascii_lowercase();
        let (secure, rest) = if lower.starts_with("https://") {
            (true, &text["https://".len()..])
        } else if lower.starts_with("http://") {
            (false, &text["http://".len()..])
        } else {
            return Err(AddressError::NotWebAddress);
        };
        let rest = rest.trim_end_matches('/');
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let host_ok = !host.is_empty()
            && host.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
            });
        let path_ok = path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-' | b'_' | b'~'));
        if !host_ok || !path_ok {
            return Err(AddressError::NotWebAddress);
        }
        let host = host.to_ascii_lowercase();
        if !secure && !loopback(&host) {
            return Err(AddressError::NotHttps);
        }
        Ok(Instance {
            base: format!("{}://{host}{path}", if secure { "https" } else { "http" }),
            host,
        })
    }

    /// The address, as the TAM reads it.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The host name (and port), for messages.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Whether the instance runs on this machine (the only place `http://` is accepted).
    pub fn is_loopback(&self) -> bool {
        loopback(&self.host)
    }

    /// The full address of `request` on this instance.
    pub fn url(&self, request: &Request) -> String {
        let mut url = format!("{}/api/v4{}", self.base, request.path);
        for (i, (name, value)) in request.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(&encode(value));
        }
        url
    }
}

/// A project: its numeric id, or its full path (`acme/tam-engagements`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Project {
    Id(u64),
    Path(String),
}

/// Why a project was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectError;

impl fmt::Display for ProjectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Enter the project's path as it appears in its address, such as acme/tam-engagements, or its numeric id")
    }
}

impl std::error::Error for ProjectError {}

impl Project {
    /// Reads a project's path or id; a full address of the project is read as its path.
    pub fn parse(text: &str, instance: &Instance) -> Result<Self, ProjectError> {
        let text = text.trim();
        let text = text
            .strip_prefix(instance.base())
            .map(|rest| rest.trim_start_matches('/'))
            .unwrap_or(text)
            .trim_end_matches('/');
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            return text.parse().map(Project::Id).map_err(|_| ProjectError);
        }
        let segments: Vec<&str> = text.split('/').collect();
        let segment_ok = |s: &&str| {
            !s.is_empty()
                && *s != "."
                && *s != ".."
                && s.len() <= 255
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        };
        if segments.len() >= 2 && segments.len() <= 21 && segments.iter().all(segment_ok) {
            Ok(Project::Path(text.to_string()))
        } else {
            Err(ProjectError)
        }
    }

    /// The project as a path segment of the API (`:id`): the id, or the encoded path.
    pub fn segment(&self) -> String {
        match self {
            Project::Id(id) => id.to_string(),
            Project::Path(path) => encode(path),
        }
    }
}

impl fmt::Display for Project {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Project::Id(id) => write!(f, "project {id}"),
            Project::Path(path) => f.write_str(path),
        }
    }
}

/// The methods the app uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

/// One request to GitLab's REST API: its documented path template, the path filled in, the
/// query parameters and the JSON body.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub method: Method,
    /// The path as GitLab's API description names it: `/projects/{id}/issues`.
    pub template: &'static str,
    /// The path filled in, each value encoded: `/projects/acme%2Fplans/issues`.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Value>,
}

impl Request {
    fn get(template: &'static str, path: String) -> Self {
        Request {
            method: Method::Get,
            template,
            path,
            query: Vec::new(),
            body: None,
        }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.push((name, value.into()));
        self
    }

    /// The names of the body's fields (and of each action's), for the contract.
    pub fn body_fields(&self) -> Vec<String> {
        let mut names = Vec::new();
        if let Some(Value::Object(map)) = &self.body {
            for (key, value) in map {
                names.push(key.clone());
                if let Value::Array(items) = value {
                    for item in items {
                        if let Value::Object(fields) = item {
                            for name in fields.keys() {
                                let name = format!("{key}[].{name}");
                                if !names.contains(&name) {
                                    names.push(name);
                                }
                            }
                        }
                    }
                }
            }
        }
        names
    }
}

/// Who the token belongs to: checks the token.
pub fn current_user() -> Request {
    Request::get("/user", "/user".into())
}

/// The project: checks that the token reaches it, and gives its path, visibility and default
/// branch.
pub fn project(p: &Project) -> Request {
    Request::get("/projects/{id}", format!("/projects/{}", p.segment()))
}

/// One page of the files in `folder` on `branch` (100 a page, the most GitLab gives).
pub fn folder(p: &Project, folder: &str, branch: &str, page: u32) -> Request {
    Request::get(
        "/projects/{id}/repository/tree",
        format!("/projects/{}/repository/tree", p.segment()),
    )
    .with("path", folder)
    .with("ref", branch)
    .with("per_page", PER_PAGE.to_string())
    .with("page", page.max(1).to_string())
}

/// One file on `reference` (a branch or a commit), with its content in base64 and the commit
/// that last changed it.
pub fn file(p: &Project, path: &str, reference: &str) -> Request {
    Request::get(
        "/projects/{id}/repository/files/{file_path}",
        format!(
            "/projects/{}/repository/files/{}",
            p.segment(),
            encode(path)
        ),
    )
    .with("ref", reference)
}

/// One page of the commits that touched `path` on `branch`, newest first.
pub fn file_commits(p: &Project, path: &str, branch: &str, page: u32) -> Request {
    commits_of(p, path, branch, PER_PAGE).with("page", page.max(1).to_string())
}

/// The commits that touched `path` on `branch`, `per_page` of them.
fn commits_of(p: &Project, path: &str, branch: &str, per_page: u32) -> Request {
    Request::get(
        "/projects/{id}/repository/commits",
        format!("/projects/{}/repository/commits", p.segment()),
    )
    .with("path", path)
    .with("ref_name", branch)
    .with("per_page", per_page.to_string())
}

/// One file written by a commit: created, or updated from the commit it was last read at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Write {
    pub path: String,
    pub content: String,
    /// The commit the file was last saved or opened at; `None` creates the file.
    pub last_commit_id: Option<String>,
}

/// One commit on `branch` writing every file of `writes`: an update carries the commit it was
/// read at, so that GitLab refuses it if the file changed since.
pub fn commit(p: &Project, branch: &str, message: &str, writes: &[Write]) -> Request {
    let actions: Vec<Value> = writes
        .iter()
        .map(|w| {
            let mut action = json!({
                "action": if w.last_commit_id.is_some() { "update" } else { "create" },
                "file_path": w.path,
                "content": w.content,
                "encoding": "text",
            });
            if let Some(id) = &w.last_commit_id {
                action["last_commit_id"] = Value::String(id.clone());
            }
            action
        })
        .collect();
    Request {
        method: Method::Post,
        template: "/projects/{id}/repository/commits",
        path: format!("/projects/{}/repository/commits", p.segment()),
        query: Vec::new(),
        body: Some(json!({
            "branch": branch,
            "commit_message": message,
            "actions": actions,
        })),
    }
}

/// A confidential issue holding the Support review packet.
pub fn create_issue(p: &Project, title: &str, description: &str) -> Request {
    Request {
        method: Method::Post,
        template: "/projects/{id}/issues",
        path: format!("/projects/{}/issues", p.segment()),
        query: Vec::new(),
        body: Some(json!({
            "title": title,
            "description": description,
            "confidential": true,
        })),
    }
}

/// The same issue, its packet brought up to date.
pub fn update_issue(p: &Project, iid: u64, title: &str, description: &str) -> Request {
    Request {
        method: Method::Put,
        template: "/projects/{id}/issues/{issue_iid}",
        path: format!("/projects/{}/issues/{iid}", p.segment()),
        query: Vec::new(),
        body: Some(json!({
            "title": title,
            "description": description,
        })),
    }
}

/// Why a request to GitLab failed, and what the TAM can do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// 401: the token is missing, expired or revoked.
    Token,
    /// 403 or 404: the token cannot see or change the project (or the file is not there).
    Unreachable { project: String },
    /// 429: GitLab is limiting requests.
    Limited,
    /// No answer: a wrong address, the VPN, a certificate, or the page's security policy.
    Network { host: String },
    /// 400 with GitLab's stale-commit message: someone saved the file since it was read here.
    Conflict,
    /// Any other 400: GitLab's own message.
    Refused(String),
    /// Any other status.
    Unexpected { status: u16 },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Token => f.write_str(
                "GitLab refused the token: it may have expired or been revoked; connect again",
            ),
            Failure::Unreachable { project } => write!(f, "This token cannot reach {project}"),
            Failure::Limited => f.write_str("GitLab is limiting requests; try again in a minute"),
            Failure::Network { host } => write!(
                f,
                "Could not reach {host}: check the address, the VPN or the certificate"
            ),
            Failure::Conflict => f.write_str("Changed in GitLab since it was last opened here"),
            Failure::Refused(message) => write!(f, "GitLab refused it: {message}"),
            Failure::Unexpected { status } => write!(
                f,
                "GitLab answered with status {status}; nothing was changed here. Try again later"
            ),
        }
    }
}

/// GitLab's message in an error body: `{"message": "…"}`, `{"message": {"field": ["…"]}}` or
/// `{"error": "…"}`, read from at most 16 KB and shortened to one line of 300 characters.
pub fn error_message(body: &str) -> Option<String> {
    if body.len() > MAX_ERROR_BODY_BYTES {
        return None;
    }
    let value: Value = serde_json::from_str(body).ok()?;
    let text = match value.get("message").or_else(|| value.get("error"))? {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("; "),
        Value::Object(fields) => fields
            .iter()
            .map(|(field, problems)| match problems {
                Value::Array(items) => format!(
                    "{field} {}",
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                other => format!("{field} {other}"),
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => return None,
    };
    let line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(300)
        .collect();
    let line = line.trim().to_string();
    (!line.is_empty()).then_some(line)
}

/// What a failed answer means: `status` is `None` when no answer came at all.
pub fn failure(status: Option<u16>, body: &str, instance: &Instance, project: &Project) -> Failure {
    match status {
        None => Failure::Network {
            host: instance.host().to_string(),
        },
        Some(401) => Failure::Token,
        Some(403 | 404) => Failure::Unreachable {
            project: project.to_string(),
        },
        Some(429) => Failure::Limited,
        Some(400) => match error_message(body) {
            Some(message) if message.contains(STALE_MESSAGE) => Failure::Conflict,
            Some(message) => Failure::Refused(message),
            None => Failure::Refused("the request was not accepted".into()),
        },
        Some(status) => Failure::Unexpected { status },
    }
}

/// The most of an answer the app reads: a file's JSON holds its content in base64, so an
/// engagement at its 1 MB limit takes about 1.4 MB.
pub const MAX_RESPONSE_BYTES: usize = 2 * 1024 * 1024;

/// Why an answer from GitLab could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponseError {
    TooLarge { bytes: usize },
    Unreadable(&'static str),
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::TooLarge { bytes } => write!(
                f,
                "GitLab's answer is {bytes} bytes long, more than the {MAX_RESPONSE_BYTES} this app reads"
            ),
            ResponseError::Unreadable(what) => {
                write!(f, "GitLab's answer could not be read as {what}")
            }
        }
    }
}

impl std::error::Error for ResponseError {}

fn parse(body: &str, what: &'static str) -> Result<Value, ResponseError> {
    if body.len() > MAX_RESPONSE_BYTES {
        return Err(ResponseError::TooLarge { bytes: body.len() });
    }
    serde_json::from_str(body).map_err(|_| ResponseError::Unreadable(what))
}

/// A text field of an answer, bounded to one line of `limit` characters.
fn text_field(value: &Value, key: &str, limit: usize) -> Option<String> {
    let text = value.get(key)?.as_str()?;
    (text.chars().count() <= limit && !text.chars().any(char::is_control)).then(|| text.to_string())
}

/// A commit id field: 7 to 64 hexadecimal digits.
fn sha_field(value: &Value, key: &str) -> Option<String> {
    text_field(value, key, 64)
        .filter(|id| id.len() >= 7 && id.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// An address field: a web address, or nothing.
fn web_field(value: &Value, key: &str) -> Option<String> {
    text_field(value, key, 2_000).filter(|u| u.starts_with("https://") || u.starts_with("http://"))
}

/// Who the token belongs to (`GET /user`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub username: String,
}

pub fn read_user(body: &str) -> Result<User, ResponseError> {
    let value = parse(body, "a user")?;
    let username =
        text_field(&value, "username", 255).ok_or(ResponseError::Unreadable("a user"))?;
    Ok(User { username })
}

/// Who may see a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    Private,
    Internal,
    Public,
}

impl Visibility {
    /// The warning for a project more people can see than its members.
    pub fn warning(self) -> Option<&'static str> {
        match self {
            Visibility::Private => None,
            Visibility::Internal => Some("This project is internal: every signed-in user of this GitLab instance can see what is saved there, the customer's own people included if they have accounts on it."),
            Visibility::Public => Some("This project is public: anyone can see what is saved there, the customer's own people included."),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Internal => "internal",
            Visibility::Public => "public",
        }
    }
}

/// The project a token reaches (`GET /projects/:id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectInfo {
    pub id: u64,
    pub path: String,
    pub visibility: Visibility,
    /// `None` for a project with no commits yet.
    pub default_branch: Option<String>,
    pub web_url: String,
}

pub fn read_project(body: &str) -> Result<ProjectInfo, ResponseError> {
    const WHAT: &str = "a project";
    let value = parse(body, WHAT)?;
    let id = value
        .get("id")
        .and_then(Value::as_u64)
        .ok_or(ResponseError::Unreadable(WHAT))?;
    let path =
        text_field(&value, "path_with_namespace", 2_000).ok_or(ResponseError::Unreadable(WHAT))?;
    let visibility = match value.get("visibility").and_then(Value::as_str) {
        Some("private") => Visibility::Private,
        Some("internal") => Visibility::Internal,
        // Unknown or missing is taken as the widest, so the TAM is warned rather than not.
        _ => Visibility::Public,
    };
    let default_branch = text_field(&value, "default_branch", 255).filter(|b| !b.is_empty());
    let web_url = web_field(&value, "web_url").unwrap_or_default();
    Ok(ProjectInfo {
        id,
        path,
        visibility,
        default_branch,
        web_url,
    })
}

/// What the connection says once the token and the project are checked.
pub fn connected(user: &User, project: &ProjectInfo) -> String {
    format!(
        "Connected to {} as {}. The project is {}.",
        project.path,
        user.username,
        project.visibility.label()
    )
}

/// The number of the next page (`X-Next-Page`), `None` on the last page.
pub fn next_page(header: Option<&str>) -> Option<u32> {
    header
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .and_then(|h| h.parse().ok())
        .filter(|p| *p > 1)
}

/// A file as GitLab gives it (`GET …/repository/files/:file_path`): its text and the commit
/// that last changed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub content: String,
    pub last_commit_id: String,
}

pub fn read_file(body: &str) -> Result<File, ResponseError> {
    const WHAT: &str = "a file";
    let value = parse(body, WHAT)?;
    let last_commit_id =
        sha_field(&value, "last_commit_id").ok_or(ResponseError::Unreadable(WHAT))?;
    let raw = value
        .get("content")
        .and_then(Value::as_str)
        .ok_or(ResponseError::Unreadable(WHAT))?;
    let content = match value.get("encoding").and_then(Value::as_str) {
        Some("base64") => {
            // Standard base64, read by the links' base64url decoder: the same bytes.
            let url_safe: String = raw
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '=')
                .map(|c| match c {
                    '+' => '-',
                    '/' => '_',
                    c => c,
                })
                .collect();
            let bytes = crate::domain::documents::share::unbase64(&url_safe)
                .map_err(|_| ResponseError::Unreadable(WHAT))?;
            String::from_utf8(bytes).map_err(|_| ResponseError::Unreadable("a text file"))?
        }
        Some("text") | None => raw.to_string(),
        Some(_) => return Err(ResponseError::Unreadable(WHAT)),
    };
    Ok(File {
        content,
        last_commit_id,
    })
}

/// The commit a save made (`POST …/repository/commits`), or one of a file's commits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub short_id: String,
    pub web_url: String,
    pub author_name: String,
    pub committed_date: String,
    /// The first line of its message.
    pub title: String,
}

fn commit_of(value: &Value) -> Option<Commit> {
    let id = sha_field(value, "id")?;
    Some(Commit {
        short_id: text_field(value, "short_id", 64)
            .unwrap_or_else(|| id[..8.min(id.len())].to_string()),
        id,
        web_url: web_field(value, "web_url").unwrap_or_default(),
        author_name: text_field(value, "author_name", 255).unwrap_or_default(),
        committed_date: text_field(value, "committed_date", 64).unwrap_or_default(),
        title: text_field(value, "title", 1_000).unwrap_or_default(),
    })
}

pub fn read_commit(body: &str) -> Result<Commit, ResponseError> {
    commit_of(&parse(body, "a commit")?).ok_or(ResponseError::Unreadable("a commit"))
}

/// One page of a file's commits, newest first; an entry that cannot be read is left out.
pub fn read_commits(body: &str) -> Result<Vec<Commit>, ResponseError> {
    match parse(body, "a list of commits")? {
        Value::Array(items) => Ok(items
            .iter()
            .take(PER_PAGE as usize)
            .filter_map(commit_of)
            .collect()),
        _ => Err(ResponseError::Unreadable("a list of commits")),
    }
}

/// One page of a folder: the paths of its files (folders inside it are left out).
pub fn read_folder(body: &str) -> Result<Vec<String>, ResponseError> {
    match parse(body, "a folder")? {
        Value::Array(items) => Ok(items
            .iter()
            .take(PER_PAGE as usize)
            .filter(|item| item.get("type").and_then(Value::as_str) == Some("blob"))
            .filter_map(|item| text_field(item, "path", 2_000))
            .collect()),
        _ => Err(ResponseError::Unreadable("a folder")),
    }
}

/// The Support review issue created or updated (`iid` and its address).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub iid: u64,
    pub web_url: String,
}

pub fn read_issue(body: &str) -> Result<Issue, ResponseError> {
    const WHAT: &str = "an issue";
    let value = parse(body, WHAT)?;
    Ok(Issue {
        iid: value
            .get("iid")
            .and_then(Value::as_u64)
            .ok_or(ResponseError::Unreadable(WHAT))?,
        web_url: web_field(&value, "web_url").ok_or(ResponseError::Unreadable(WHAT))?,
    })
}

impl Visibility {
    /// The visibility a stored connection names; anything else reads as the widest.
    pub fn from_label(label: &str) -> Self {
        match label {
            "private" => Visibility::Private,
            "internal" => Visibility::Internal,
            _ => Visibility::Public,
        }
    }
}

/// The folder of the project the engagements are kept in.
pub const FOLDER: &str = "engagements";

/// Where an engagement's JSON plan file is kept in the project.
pub fn plan_path(id: impl fmt::Display) -> String {
    format!("{FOLDER}/{id}.json")
}

/// Where its Support review packet is kept, beside the plan file.
pub fn packet_path(id: impl fmt::Display) -> String {
    format!("{FOLDER}/{id}.md")
}

/// Whether a folder entry is an engagement's plan file.
pub fn is_plan_path(path: &str) -> bool {
    path.strip_prefix(FOLDER)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|name| name.ends_with(".json") && !name.contains('/'))
}

/// The last commit that changed a file: who saved it last, and when.
pub fn latest_commit(p: &Project, path: &str, branch: &str) -> Request {
    commits_of(p, path, branch, 1)
}

/// The message of a save's commit: the customer, and what changed since the version in GitLab.
pub fn commit_message(customer: &str, change: &CommitChange) -> String {
    match change {
        CommitChange::First => format!("Add the upgrade plan for {customer}"),
        CommitChange::Unknown => format!("Update the upgrade plan for {customer}"),
        CommitChange::Fields(fields) if fields.is_empty() => {
            format!("Save the upgrade plan for {customer} again (no field changed)")
        }
        CommitChange::Fields(fields) => {
            const SHOWN: usize = 6;
            let mut unique: Vec<&str> = Vec::new();
            for f in fields {
                if !unique.contains(&f.as_str()) {
                    unique.push(f);
                }
            }
            let mut list = unique
                .iter()
                .take(SHOWN)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if unique.len() > SHOWN {
                list.push_str(&format!(" and {} more", unique.len() - SHOWN));
            }
            format!("Update the upgrade plan for {customer}: {list}")
        }
    }
}

/// What a save changes in GitLab's copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommitChange {
    /// The first save: the files are created.
    First,
    /// GitLab's copy could not be read to compare.
    Unknown,
    /// The labels of the fields that differ.
    Fields(Vec<String>),
}

/// The project of a "GitLab project for Support reviews" address, when it is on `instance`:
/// `https://gitlab.example.com/support/reviews` on `https://gitlab.example.com`.
pub fn project_on(address: &str, instance: &Instance) -> Option<Project> {
    let rest = address
        .trim()
        .strip_prefix(instance.base())?
        .strip_prefix('/')?;
    let path = rest.split("/-/").next()?.trim_end_matches('/');
    Project::parse(path, instance).ok()
}

/// The title of the Support review issue.
pub fn issue_title(customer: &str) -> String {
    format!("Support review: infrastructure upgrade plan for {customer}")
}

/// Whether the copy here matches what was last saved to or opened from GitLab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SavedState {
    NotYet,
    ChangedHere,
    Same,
}

impl SavedState {
    pub fn of(saved_revision: Option<u64>, revision: u64) -> Self {
        match saved_revision {
            None => SavedState::NotYet,
            Some(r) if r == revision => SavedState::Same,
            Some(_) => SavedState::ChangedHere,
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            SavedState::NotYet => "Not yet in GitLab",
            SavedState::ChangedHere => "Changed here since it was saved to GitLab",
            SavedState::Same => "The same as in GitLab",
        }
    }
}

/// What this browser remembers of an engagement in GitLab (never the token): the commit it last
/// saved or opened, and the Support review issue it created.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remembered {
    pub saved: Option<SavedCopy>,
    pub issue: Option<SupportIssue>,
}

/// The copy in GitLab an engagement was last saved as or opened from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedCopy {
    /// The instance's address and the project's path.
    pub instance: String,
    pub project: String,
    /// The commit GitLab's copy was at: every update is made from it.
    pub last_commit_id: String,
    /// The engagement's revision here when it matched GitLab's copy.
    pub revision: u64,
    /// When it was saved or opened (RFC 3339), and the file's address in GitLab.
    pub at: String,
    pub file_url: String,
}

/// The Support review issue created through the API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportIssue {
    pub instance: String,
    pub project: String,
    pub iid: u64,
    pub web_url: String,
}

impl Remembered {
    /// As stored: `{"saved": {…}, "issue": {…}}`, each left out when there is none.
    pub fn to_value(&self) -> Value {
        let mut map = serde_json::Map::new();
        if let Some(s) = &self.saved {
            map.insert(
                "saved".into(),
                json!({
                    "instance": s.instance, "project": s.project,
                    "last_commit_id": s.last_commit_id, "revision": s.revision,
                    "at": s.at, "file_url": s.file_url,
                }),
            );
        }
        if let Some(i) = &self.issue {
            map.insert(
                "issue".into(),
                json!({"instance": i.instance, "project": i.project, "iid": i.iid, "web_url": i.web_url}),
            );
        }
        Value::Object(map)
    }

    /// Read back from storage; `None` when it does not hold what [`Remembered::to_value`] writes.
    pub fn from_value(value: &Value) -> Option<Self> {
        let text = |v: &Value, key: &str| text_field(v, key, MAX_ADDRESS_CHARS);
        let saved = match value.get("saved") {
            None => None,
            Some(v) => Some(SavedCopy {
                instance: text(v, "instance")?,
                project: text(v, "project")?,
                last_commit_id: text(v, "last_commit_id")?,
                revision: v.get("revision")?.as_u64()?,
                at: text(v, "at")?,
                file_url: text(v, "file_url")?,
            }),
        };
        let issue = match value.get("issue") {
            None => None,
            Some(v) => Some(SupportIssue {
                instance: text(v, "instance")?,
                project: text(v, "project")?,
                iid: v.get("iid")?.as_u64()?,
                web_url: text(v, "web_url")?,
            }),
        };
        let read = Remembered { saved, issue };
        read.is_sound().then_some(read)
    }

    /// Whether what was read from storage holds only what the app writes: an address, a commit
    /// id, web addresses. Anything else is not used.
    pub fn is_sound(&self) -> bool {
        let web = |u: &str| u.is_empty() || u.starts_with("https://") || u.starts_with("http://");
        self.saved.as_ref().is_none_or(|s| {
            Instance::parse(&s.instance).is_ok()
                && s.last_commit_id.len() >= 7
                && s.last_commit_id.len() <= 64
                && s.last_commit_id.bytes().all(|b| b.is_ascii_hexdigit())
                && web(&s.file_url)
        }) && self.issue.as_ref().is_none_or(|i| {
            Instance::parse(&i.instance).is_ok() && web(&i.web_url) && !i.web_url.is_empty()
        })
    }

    /// The saved copy, if it is in this project of this instance.
    pub fn saved_in(&self, instance: &str, project: &str) -> Option<&SavedCopy> {
        self.saved
            .as_ref()
            .filter(|s| s.instance == instance && s.project.eq_ignore_ascii_case(project))
    }
}

/// A time GitLab gives ("2026-12-02T09:06:12.000+01:00") as "2026-12-02 08:06 UTC"; the text
/// itself when it is not a time.
pub fn when(text: &str) -> String {
    use crate::domain::text::time_fmt;
    match time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
        Ok(at) => format!("{} UTC", time_fmt::clock(time_fmt::to_utc(at))),
        Err(_) => text.chars().take(64).collect(),
    }
}
