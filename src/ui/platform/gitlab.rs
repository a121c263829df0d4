//! The app's only network calls: to the GitLab instance a TAM connects to, with their token in
//! a header, never in an address. What is sent and how answers are read is in
//! `domain::documents::gitlab`; here are the browser's parts: `fetch`, the connection kept for
//! this tab (or on this device, when the TAM asks), and what this browser remembers of each
//! engagement in GitLab.

use std::fmt;

use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::documents::gitlab::{
    self as gl, Failure, Instance, Project, Remembered, Request, ResponseError, SavedCopy,
    Visibility,
};
use crate::domain::documents::plan::{parse_import, Import};
use crate::domain::engagement::{Engagement, EngagementId};
use crate::domain::text::time_fmt;
use crate::ui::platform::browser;

/// The connection, kept in this tab's session storage (or local storage when remembered).
const SESSION_KEY: &str = "upgrade-planner.gitlab-connection";
/// What this browser remembers of engagements in GitLab, by engagement id.
const REMEMBERED_KEY: &str = "upgrade-planner.gitlab-remembered";
/// Where a remembered record that could not be read is kept instead of being overwritten.
const REMEMBERED_UNREADABLE_KEY: &str = "upgrade-planner.gitlab-remembered.unreadable";
/// The most engagement files listed from one project.
pub const MAX_LISTED: usize = 1_000;

/// A checked connection: the token reached the project as this user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub address: String,
    pub project: String,
    pub token: String,
    pub remembered: bool,
    pub username: String,
    pub project_path: String,
    pub visibility: String,
    pub branch: String,
    pub project_url: String,
}

impl Session {
    pub fn instance(&self) -> Instance {
        Instance::parse(&self.address).unwrap_or_else(|_| Instance::parse("").expect("default"))
    }

    pub fn target(&self) -> Project {
        let instance = self.instance();
        Project::parse(&self.project_path, &instance)
            .or_else(|_| Project::parse(&self.project, &instance))
            .unwrap_or_else(|_| Project::parse("0", &instance).expect("an id"))
    }

    pub fn visibility(&self) -> Visibility {
        Visibility::from_label(&self.visibility)
    }

    /// "Connected to acme/plans as tam. The project is private."
    pub fn summary(&self) -> String {
        format!(
            "Connected to {} as {}. The project is {}.",
            self.project_path, self.username, self.visibility
        )
    }

    /// The address of a file of the project on its branch.
    pub fn file_url(&self, path: &str) -> String {
        format!("{}/-/blob/{}/{}", self.project_url, self.branch, path)
    }

    fn to_text(&self) -> String {
        json!({
            "address": self.address, "project": self.project, "token": self.token,
            "remembered": self.remembered, "username": self.username,
            "project_path": self.project_path, "visibility": self.visibility,
            "branch": self.branch, "project_url": self.project_url,
        })
        .to_string()
    }

    fn read(text: &str) -> Option<Session> {
        if text.len() > 8_192 {
            return None;
        }
        let v: Value = serde_json::from_str(text).ok()?;
        let field = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let s = Session {
            address: field("address")?,
            project: field("project")?,
            token: field("token")?,
            remembered: v.get("remembered")?.as_bool()?,
            username: field("username")?,
            project_path: field("project_path")?,
            visibility: field("visibility")?,
            branch: field("branch")?,
            project_url: field("project_url")?,
        };
        let instance = Instance::parse(&s.address).ok()?;
        (Project::parse(&s.project, &instance).is_ok() && !s.token.is_empty()).then_some(s)
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_session() -> Option<Session> {
    [session_storage(), local_storage()]
        .into_iter()
        .flatten()
        .find_map(|s| s.get_item(SESSION_KEY).ok().flatten())
        .and_then(|text| Session::read(&text))
}

/// Keeps the connection for this tab, or on this device when the TAM asked; the other place is
/// cleared, so the token is in one place only.
fn store_session(session: &Session) -> Result<(), String> {
    let text = session.to_text();
    let (keep, clear) = if session.remembered {
        (local_storage(), session_storage())
    } else {
        (session_storage(), local_storage())
    };
    if let Some(clear) = clear {
        let _ = clear.remove_item(SESSION_KEY);
    }
    keep.ok_or("This browser does not keep the connection")?
        .set_item(SESSION_KEY, &text)
        .map_err(|_| "This browser refused to keep the connection".to_string())
}

fn forget_session() {
    for storage in [session_storage(), local_storage()].into_iter().flatten() {
        let _ = storage.remove_item(SESSION_KEY);
    }
}

/// What is remembered of each engagement, by id.
pub type RememberedList = Vec<(EngagementId, Remembered)>;

fn load_remembered() -> RememberedList {
    let Some(text) = local_storage().and_then(|s| s.get_item(REMEMBERED_KEY).ok().flatten()) else {
        return Vec::new();
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => map
            .iter()
            .filter_map(|(id, v)| Some((id.parse().ok()?, Remembered::from_value(v)?)))
            .collect(),
        _ => {
            // Kept, not overwritten: the next write starts a new record beside it.
            if let Some(storage) = local_storage() {
                let _ = storage.set_item(REMEMBERED_UNREADABLE_KEY, &text);
                let _ = storage.remove_item(REMEMBERED_KEY);
            }
            Vec::new()
        }
    }
}

fn store_remembered(list: &RememberedList) {
    let mut map = serde_json::Map::new();
    for (id, r) in list {
        map.insert(id.to_string(), r.to_value());
    }
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(REMEMBERED_KEY, &Value::Object(map).to_string());
    }
}

/// The connection and what is remembered, shared by the pages.
#[derive(Clone, Copy)]
pub struct GitLab {
    pub session: RwSignal<Option<Session>>,
    pub remembered: RwSignal<RememberedList>,
}

impl GitLab {
    pub fn provide() {
        provide_context(GitLab {
            session: RwSignal::new(load_session()),
            remembered: RwSignal::new(load_remembered()),
        });
    }

    pub fn connect(&self, session: Session) -> Result<(), String> {
        store_session(&session)?;
        self.session.set(Some(session));
        Ok(())
    }

    pub fn disconnect(&self) {
        forget_session();
        self.session.set(None);
    }

    /// What is remembered of one engagement, tracked.
    pub fn remembered_for(&self, id: EngagementId) -> Option<Remembered> {
        self.remembered
            .with(|list| list.iter().find(|(i, _)| *i == id).map(|(_, r)| r.clone()))
    }

    pub fn remember(&self, id: EngagementId, edit: impl FnOnce(&mut Remembered)) {
        self.remembered.update(|list| {
            let at = match list.iter().position(|(i, _)| *i == id) {
                Some(at) => at,
                None => {
                    list.push((id, Remembered::default()));
                    list.len() - 1
                }
            };
            edit(&mut list[at].1);
            store_remembered(list);
        });
    }

    /// Remembers that the engagement here, at `revision`, is GitLab's copy of the file at
    /// `path` as of `commit`: the commit its next save is made from.
    pub fn remember_saved(
        &self,
        session: &Session,
        id: EngagementId,
        path: &str,
        commit: String,
        revision: u64,
    ) {
        self.remember(id, |r| {
            r.saved = Some(SavedCopy {
                instance: session.address.clone(),
                project: session.project_path.clone(),
                last_commit_id: commit,
                revision,
                at: time_fmt::rfc3339(browser::now()),
                file_url: session.file_url(path),
            })
        });
    }
}

pub fn use_gitlab() -> GitLab {
    expect_context::<GitLab>()
}

/// Why a call to GitLab gave nothing usable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    Failed(Failure),
    Unreadable(ResponseError),
    Plan(String),
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Failed(failure) => write!(f, "{failure}."),
            CallError::Unreadable(e) => write!(f, "{e}; nothing was changed here."),
            CallError::Plan(e) => write!(f, "{e}"),
        }
    }
}

impl From<ResponseError> for CallError {
    fn from(e: ResponseError) -> Self {
        CallError::Unreadable(e)
    }
}

/// A successful answer: its body and the next page, if there is one.
pub struct Answer {
    pub body: String,
    pub next_page: Option<u32>,
}

/// Sends one request with the token in the `Authorization` header, without cookies.
async fn fetch(
    instance: &Instance,
    token: &str,
    request: &Request,
) -> Result<(u16, String, Option<String>), Option<ResponseError>> {
    let init = web_sys::RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_cache(web_sys::RequestCache::NoStore);
    let headers = web_sys::Headers::new().map_err(|_| None)?;
    headers
        .set("Authorization", &format!("Bearer {token}"))
        .map_err(|_| None)?;
    if let Some(body) = &request.body {
        headers
            .set("Content-Type", "application/json")
            .map_err(|_| None)?;
        init.set_body(&JsValue::from_str(&body.to_string()));
    }
    init.set_headers(&headers);
    let req =
        web_sys::Request::new_with_str_and_init(&instance.url(request), &init).map_err(|_| None)?;
    let window = web_sys::window().ok_or(None)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&req))
        .await
        .map_err(|_| None)?
        .dyn_into()
        .map_err(|_| None)?;
    let status = response.status();
    let header = |name: &str| response.headers().get(name).ok().flatten();
    // An answer announced as larger than the app reads is not read at all.
    if let Some(bytes) = header("Content-Length").and_then(|l| l.trim().parse::<usize>().ok()) {
        if bytes > gl::MAX_RESPONSE_BYTES {
            return Err(Some(ResponseError::TooLarge { bytes }));
        }
    }
    let next = header("X-Next-Page");
    let text = JsFuture::from(response.text().map_err(|_| None)?)
        .await
        .map_err(|_| None)?
        .as_string()
        .unwrap_or_default();
    if text.len() > gl::MAX_RESPONSE_BYTES {
        return Err(Some(ResponseError::TooLarge { bytes: text.len() }));
    }
    Ok((status, text, next))
}

/// One request to the instance and project of `session` (or those given to check a new
/// connection): a failure says what to do.
pub async fn call(
    instance: &Instance,
    project: &Project,
    token: &str,
    request: &Request,
) -> Result<Answer, CallError> {
    match fetch(instance, token, request).await {
        Ok((status, body, next)) if (200..300).contains(&status) => Ok(Answer {
            body,
            next_page: gl::next_page(next.as_deref()),
        }),
        Ok((status, body, _)) => Err(CallError::Failed(gl::failure(
            Some(status),
            &body,
            instance,
            project,
        ))),
        Err(Some(too_large)) => Err(CallError::Unreadable(too_large)),
        Err(None) => Err(CallError::Failed(gl::failure(None, "", instance, project))),
    }
}

impl Session {
    pub async fn call(&self, request: &Request) -> Result<Answer, CallError> {
        call(&self.instance(), &self.target(), &self.token, request).await
    }
}

/// Checks a token and a project: who the token is, and whether it reaches the project.
pub async fn check(
    address: &str,
    project: &str,
    token: &str,
    remembered: bool,
) -> Result<Session, CallError> {
    let instance = Instance::parse(address).map_err(|e| CallError::Plan(e.to_string()))?;
    let target = Project::parse(project, &instance).map_err(|e| CallError::Plan(e.to_string()))?;
    let user = gl::read_user(
        &call(&instance, &target, token, &gl::current_user())
            .await?
            .body,
    )?;
    let info = gl::read_project(
        &call(&instance, &target, token, &gl::project(&target))
            .await?
            .body,
    )?;
    Ok(Session {
        address: instance.base().to_string(),
        project: project.trim().to_string(),
        token: token.to_string(),
        remembered,
        username: user.username,
        project_path: info.path,
        visibility: info.visibility.label().to_string(),
        branch: info.default_branch.unwrap_or_else(|| "main".into()),
        project_url: info.web_url,
    })
}

/// An engagement's plan file read from GitLab, through the plan file's own checks.
pub async fn read_plan(
    session: &Session,
    path: &str,
    reference: &str,
) -> Result<(Engagement, String), CallError> {
    let answer = session
        .call(&gl::file(&session.target(), path, reference))
        .await?;
    let file = gl::read_file(&answer.body)?;
    match parse_import(file.content.as_bytes()) {
        Ok(Import::Plan(e)) => Ok((*e, file.last_commit_id)),
        Ok(Import::Backup(..)) => Err(CallError::Plan(format!(
            "{path} in GitLab is a backup, not one engagement's plan file."
        ))),
        Err(e) => Err(CallError::Plan(format!("{path} in GitLab: {e}"))),
    }
}

/// One engagement in the project's folder, as listed on the home page.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub path: String,
    pub engagement: Result<Box<Engagement>, String>,
    pub last_commit_id: String,
    pub saved_by: String,
    pub saved_at: String,
}

/// Every plan file in the project's folder, past the first page.
pub async fn list_paths(session: &Session) -> Result<Vec<String>, CallError> {
    let mut paths = Vec::new();
    let mut page = 1;
    loop {
        let answer = match session
            .call(&gl::folder(
                &session.target(),
                gl::FOLDER,
                &session.branch,
                page,
            ))
            .await
        {
            // No folder yet: nothing saved.
            Err(CallError::Failed(Failure::Unreachable { .. })) if page == 1 => {
                return Ok(Vec::new())
            }
            other => other?,
        };
        paths.extend(
            gl::read_folder(&answer.body)?
                .into_iter()
                .filter(|p| gl::is_plan_path(p)),
        );
        match answer.next_page {
            Some(next) if next > page && paths.len() < MAX_LISTED => page = next,
            _ => break,
        }
    }
    paths.truncate(MAX_LISTED);
    Ok(paths)
}

/// One listed engagement: its plan file, and who saved it last and when.
pub async fn list_one(session: &Session, path: String) -> Result<Listed, CallError> {
    let (engagement, last_commit_id) = match read_plan(session, &path, &session.branch).await {
        Ok((e, id)) => (Ok(Box::new(e)), id),
        Err(CallError::Plan(reason)) => (Err(reason), String::new()),
        Err(other) => return Err(other),
    };
    let latest = session
        .call(&gl::latest_commit(
            &session.target(),
            &path,
            &session.branch,
        ))
        .await?;
    let commit = gl::read_commits(&latest.body)?.into_iter().next();
    Ok(Listed {
        path,
        engagement,
        last_commit_id,
        saved_by: commit
            .as_ref()
            .map(|c| c.author_name.clone())
            .unwrap_or_default(),
        saved_at: commit.map(|c| c.committed_date).unwrap_or_default(),
    })
}

/// The commits that changed a file, newest first, past the first page.
pub async fn versions(session: &Session, path: &str) -> Result<Vec<gl::Commit>, CallError> {
    let mut commits = Vec::new();
    let mut page = 1;
    loop {
        let answer = session
            .call(&gl::file_commits(
                &session.target(),
                path,
                &session.branch,
                page,
            ))
            .await?;
        commits.extend(gl::read_commits(&answer.body)?);
        match answer.next_page {
            Some(next) if next > page && commits.len() < MAX_LISTED => page = next,
            _ => break,
        }
    }
    Ok(commits)
}
