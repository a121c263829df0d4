//! The home page's "GitLab" region: connecting to a project with an access token, and opening
//! the engagements kept there.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::documents::gitlab as gl;
use crate::domain::engagement::{CustomerName, Engagement};
use crate::ui::platform::browser;
use crate::ui::platform::gitlab::{
    self as platform, use_gitlab, CallError, GitLab, Listed, Session,
};
use crate::ui::platform::state::{use_app_state, AppState, SameId};
use crate::ui::widgets::fields::CheckField;
use crate::ui::widgets::said::{Said, SaidLine};

/// GitLab's page on creating a personal access token.
const TOKEN_HELP: &str = "https://docs.gitlab.com/user/profile/personal_access_tokens/";

#[component]
pub fn GitLabPanel() -> impl IntoView {
    let gitlab = use_gitlab();
    view! {
        <section class="card" aria-labelledby="gitlab-heading">
            <h2 id="gitlab-heading" tabindex="-1">"GitLab"</h2>
            {move || match gitlab.session.get() {
                Some(session) => view! { <Connected session=session/> }.into_any(),
                None => view! { <ConnectForm/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ConnectForm() -> impl IntoView {
    let gitlab = use_gitlab();
    let address = RwSignal::new(
        browser::setting("gitlab-address").unwrap_or_else(|| gl::DEFAULT_INSTANCE.to_string()),
    );
    let project = RwSignal::new(browser::setting("gitlab-store-project").unwrap_or_default());
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let address_error = RwSignal::new(None::<String>);
    let project_error = RwSignal::new(None::<String>);
    let token_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (a, p, t) = (
            address.get_untracked(),
            project.get_untracked(),
            token.get_untracked(),
        );
        let instance = gl::Instance::parse(&a);
        address_error.set(instance.as_ref().err().map(|e| e.to_string()));
        let target = instance.as_ref().ok().map(|i| gl::Project::parse(&p, i));
        project_error.set(match &target {
            Some(Err(e)) => Some(e.to_string()),
            _ => None,
        });
        token_error.set(
            t.trim()
                .is_empty()
                .then(|| "Paste an access token with the api scope.".to_string()),
        );
        failure.set(None);
        if address_error.with_untracked(Option::is_some) {
            browser::focus_soon("#gitlab-address".into());
            return;
        }
        if project_error.with_untracked(Option::is_some) {
            browser::focus_soon("#gitlab-store-project".into());
            return;
        }
        if token_error.with_untracked(Option::is_some) {
            browser::focus_soon("#gitlab-token".into());
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let outcome = platform::check(&a, &p, t.trim(), remember.get_untracked()).await;
            busy.set(false);
            match outcome.map_err(|e| e.to_string()).and_then(|s| {
                browser::set_setting("gitlab-address", &s.address);
                browser::set_setting("gitlab-store-project", &s.project);
                gitlab.connect(s)
            }) {
                Ok(()) => browser::focus_soon("#gitlab-status".into()),
                Err(message) => {
                    failure.set(Some(message));
                    browser::focus_soon("#gitlab-connect-failure".into());
                }
            }
        });
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      value: RwSignal<String>,
                      error: RwSignal<Option<String>>,
                      hint: Option<AnyView>| {
        let error_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type=kind autocomplete="off" spellcheck="false"
                    prop:value=move || value.get()
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=error_id.clone()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
                {hint}
                <p class="field-error" id=error_id role=move || error.with(Option::is_some).then_some("alert")>{move || error.get()}</p>
            </div>
        }
    };
    view! {
        <p class="hint">"Keep engagements in a GitLab project of yours, so that they can be opened in another browser and by the people you share the project with. The token stays in this browser; nothing goes anywhere but that GitLab instance."</p>
        <form class="gitlab-connect" on:submit=connect novalidate>
            {field("gitlab-address", "GitLab address", "url", address, address_error, None)}
            {field("gitlab-store-project", "Project", "text", project, project_error,
                Some(view! { <p class="hint">"Its path, such as acme/tam-engagements, or its numeric id."</p> }.into_any()))}
            {field("gitlab-token", "Access token", "password", token, token_error,
                Some(view! {
                    <p class="hint">
                        "A personal, group or project access token with the api scope ("
                        <a href=TOKEN_HELP target="_blank" rel="noopener noreferrer">"how to create one"</a>
                        "). It is kept for this tab only unless you tick below, and never written into an engagement, a file or a link."
                    </p>
                }.into_any()))}
            <CheckField id="gitlab-remember".to_string() label="Remember the token on this device"
                checked=remember on_commit=Callback::new(move |on| remember.set(on))/>
            <div class="button-row">
                <button type="submit" class="primary" disabled=move || busy.get()>"Connect"</button>
            </div>
            {move || busy.get().then(|| view! { <p class="hint" role="status">"Checking the token and the project…"</p> })}
            {move || failure.get().map(|f| view! { <p class="field-error" id="gitlab-connect-failure" tabindex="-1" role="alert">{f}</p> })}
        </form>
    }
}

#[component]
fn Connected(session: Session) -> impl IntoView {
    let gitlab = use_gitlab();
    let warning = session.visibility().warning();
    view! {
        <p id="gitlab-status" class="notice-line" role="status" tabindex="-1">{session.summary()}</p>
        {warning.map(|w| view! { <p class="callout warning" role="note">{w}</p> })}
        <p class="hint">{if session.remembered {
            "The token is remembered on this device until you disconnect."
        } else {
            "The token is kept for this tab only: closing it forgets the token."
        }}</p>
        <div class="button-row">
            <button type="button" on:click=move |_| gitlab.disconnect()>"Disconnect"</button>
        </div>
        <OpenFromGitLab session=session/>
    }
}

/// An engagement from GitLab waiting for the TAM's choice: it is already here.
#[derive(Clone)]
struct Waiting {
    engagement: Engagement,
    last_commit_id: String,
    path: String,
}

/// Brings GitLab's copy into this browser and remembers its commit.
fn bring_in(
    state: AppState,
    gitlab: GitLab,
    session: &Session,
    engagement: Engagement,
    last_commit_id: String,
    path: &str,
    keep_both: Option<bool>,
) -> String {
    let id = engagement.id;
    let name = engagement.customer_name.to_string();
    let revision = if keep_both == Some(true) {
        state.put_beside(engagement, CustomerName::for_copy).0
    } else {
        state.import(vec![engagement], SameId::Replace);
        state.find(id).map(|e| e.revision).unwrap_or_default()
    };
    gitlab.remember_saved(session, id, path, last_commit_id, revision);
    match keep_both {
        Some(true) => format!("Opened {name} from GitLab; the version that was here is kept beside it as “{name} (copy)”."),
        Some(false) => format!("Opened {name} from GitLab in place of the version here (kept as “{name} (replaced)” if it differed)."),
        None => format!("Opened {name} from GitLab."),
    }
}

#[component]
fn OpenFromGitLab(session: Session) -> impl IntoView {
    let state = use_app_state();
    let gitlab = use_gitlab();
    let listed = RwSignal::new(None::<Vec<Listed>>);
    let progress = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<Said>);
    let waiting = RwSignal::new(None::<Waiting>);
    let session = StoredValue::new(session);
    let list = move |_| {
        let session = session.get_value();
        message.set(None);
        progress.set(Some("Listing the engagements in GitLab…".into()));
        leptos::task::spawn_local(async move {
            let outcome: Result<Vec<Listed>, CallError> = async {
                let paths = platform::list_paths(&session).await?;
                let mut found = Vec::new();
                let total = paths.len();
                for (i, path) in paths.into_iter().enumerate() {
                    progress.set(Some(format!("Reading {} of {total}…", i + 1)));
                    found.push(platform::list_one(&session, path).await?);
                }
                Ok(found)
            }
            .await;
            progress.set(None);
            match outcome {
                Ok(found) => listed.set(Some(found)),
                Err(e) => message.set(Said::failed(e.to_string())),
            }
        });
    };
    let open = move |path: String| {
        let session = session.get_value();
        message.set(None);
        progress.set(Some("Opening…".into()));
        leptos::task::spawn_local(async move {
            let outcome = platform::read_plan(&session, &path, &session.branch).await;
            progress.set(None);
            match outcome {
                Ok((engagement, last_commit_id)) => {
                    if state.contains(engagement.id) {
                        waiting.set(Some(Waiting {
                            engagement,
                            last_commit_id,
                            path,
                        }));
                        browser::focus_soon("#gitlab-keep-both".into());
                    } else {
                        let text = bring_in(
                            state,
                            gitlab,
                            &session,
                            engagement,
                            last_commit_id,
                            &path,
                            None,
                        );
                        message.set(Said::done(text));
                    }
                }
                Err(e) => message.set(Said::failed(e.to_string())),
            }
        });
    };
    let choose = move |keep_both: bool| {
        let Some(w) = waiting.get_untracked() else {
            return;
        };
        waiting.set(None);
        let session = session.get_value();
        let text = bring_in(
            state,
            gitlab,
            &session,
            w.engagement,
            w.last_commit_id,
            &w.path,
            Some(keep_both),
        );
        message.set(Said::done(text));
    };
    view! {
        <div class="gitlab-open">
            <h3 id="open-gitlab-heading">"Open from GitLab"</h3>
            <p class="hint">{format!("The engagements saved in the project's {}/ folder.", gl::FOLDER)}</p>
            <div class="button-row">
                <button type="button" on:click=list>"List engagements in GitLab"</button>
            </div>
            {move || progress.get().map(|p| view! { <p class="hint" role="status">{p}</p> })}
            <SaidLine said=message/>
            {move || waiting.get().map(|w| {
                let name = w.engagement.customer_name.to_string();
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="gitlab-same-text">
                        <p id="gitlab-same-text">{format!("{name} is already in this browser. Keep both (the version here stays, as a copy), or replace it with GitLab's (the version here is kept as “(replaced)” if it differs)?")}</p>
                        <button type="button" id="gitlab-keep-both" on:click=move |_| choose(true)>"Keep both"</button>
                        " "
                        <button type="button" on:click=move |_| choose(false)>"Replace"</button>
                    </div>
                }
            })}
            {move || listed.get().map(|items| {
                if items.is_empty() {
                    return view! { <p class="hint">"No engagement is saved in this project yet."</p> }.into_any();
                }
                view! {
                    <ul class="gitlab-list" aria-label="Engagements in GitLab">
                        {items.into_iter().map(|item| {
                            let path = item.path.clone();
                            let when = gl::when(&item.saved_at);
                            match item.engagement {
                                Ok(e) => {
                                    let name = e.customer_name.to_string();
                                    let here = state.contains(e.id);
                                    view! {
                                        <li>
                                            <strong>{name.clone()}</strong>
                                            <span class="hint">{format!(" Last saved {when} by {}.", item.saved_by)}</span>
                                            {here.then(|| view! { " " <A href=browser::href(&format!("/engagements/{}", e.id))>"Also in this browser"</A> })}
                                            " "
                                            <button type="button" on:click=move |_| open(path.clone())>{format!("Open {name}")}</button>
                                        </li>
                                    }.into_any()
                                }
                                Err(reason) => view! {
                                    <li><span class="field-error">{format!("{}: cannot be opened. {reason}", item.path)}</span></li>
                                }.into_any(),
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </div>
    }
}
