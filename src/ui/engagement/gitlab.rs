//! The engagement in GitLab: "Save to GitLab" (one commit of its plan file and its Support
//! review packet, always from the commit it was last saved or opened at), what to do when
//! GitLab's copy changed meanwhile, and its versions there.

use leptos::prelude::*;

use crate::domain::documents::compare;
use crate::domain::documents::gitlab::{self as gl, CommitChange, Failure, SavedState};
use crate::domain::documents::plan::{markdown, plan_json, Audience};
use crate::domain::engagement::{CustomerName, Engagement};
use crate::domain::text::time_fmt;
use crate::ui::platform::browser;
use crate::ui::platform::gitlab::{self as platform, use_gitlab, CallError};
use crate::ui::platform::state::{use_app_state, SameId};
use crate::ui::widgets::changes::ChangesTable;
use crate::ui::widgets::said::{Said, SaidLine};

/// "Save to GitLab", the copy's state, a conflict's choices, and the versions in GitLab.
#[component]
pub fn GitLabCopy(
    engagement: Memo<Option<Engagement>>,
    packet_audience: Callback<(), Audience>,
) -> impl IntoView {
    let gitlab = use_gitlab();
    let outcome = RwSignal::new(None::<Said>);
    let conflict = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let id = Memo::new(move |_| engagement.with(|e| e.as_ref().map(|e| e.id)));
    let saved = Memo::new(move |_| {
        let session = gitlab.session.get()?;
        let id = id.get()?;
        gitlab
            .remembered_for(id)?
            .saved_in(&session.address, &session.project_path)
            .cloned()
    });
    let saved_state = move || {
        let revision = engagement
            .with(|e| e.as_ref().map(|e| e.revision))
            .unwrap_or_default();
        SavedState::of(saved.with(|s| s.as_ref().map(|s| s.revision)), revision)
    };
    let save = move |_| {
        let (Some(session), Some(e)) = (gitlab.session.get_untracked(), engagement.get_untracked())
        else {
            return;
        };
        let now = browser::now();
        let json = match plan_json(&e, now) {
            Ok(json) => json,
            Err(err) => {
                outcome.set(Said::failed(format!(
                    "The plan file could not be written: {err}."
                )));
                return;
            }
        };
        let md = markdown(&e, now, packet_audience.run(()));
        let from = saved.get_untracked();
        busy.set(true);
        conflict.set(false);
        leptos::task::spawn_local(async move {
            let path = gl::plan_path(e.id);
            // What changed since GitLab's copy, for the commit's message.
            let change = match &from {
                None => CommitChange::First,
                Some(s) => match platform::read_plan(&session, &path, &s.last_commit_id).await {
                    Ok((theirs, _)) => CommitChange::Fields(
                        compare::compare(&theirs, &e)
                            .into_iter()
                            .map(|c| c.field)
                            .collect(),
                    ),
                    Err(_) => CommitChange::Unknown,
                },
            };
            let last = from.as_ref().map(|s| s.last_commit_id.clone());
            let writes = [
                gl::Write {
                    path: path.clone(),
                    content: json,
                    last_commit_id: last.clone(),
                },
                gl::Write {
                    path: gl::packet_path(e.id),
                    content: md,
                    last_commit_id: last,
                },
            ];
            let request = gl::commit(
                &session.target(),
                &session.branch,
                &gl::commit_message(e.customer_name.as_str(), &change),
                &writes,
            );
            let answer = session.call(&request).await;
            busy.set(false);
            match answer.and_then(|a| gl::read_commit(&a.body).map_err(CallError::from)) {
                Ok(commit) => {
                    gitlab.remember_saved(&session, e.id, &path, commit.id.clone(), e.revision);
                    outcome.set(Said::with_link(
                        format!(
                            "Saved to GitLab at {} UTC, commit {}.",
                            time_fmt::clock(time_fmt::to_utc(now)),
                            commit.short_id
                        ),
                        "Open the file in GitLab",
                        session.file_url(&path),
                    ));
                }
                Err(CallError::Failed(Failure::Conflict)) => {
                    outcome.set(None);
                    conflict.set(true);
                    browser::focus_soon("#gitlab-conflict-text".into());
                }
                Err(CallError::Failed(Failure::Refused(message)))
                    if from.is_none() && message.contains("already exists") =>
                {
                    // Saved there from another browser, never opened here: the same choices.
                    outcome.set(None);
                    conflict.set(true);
                    browser::focus_soon("#gitlab-conflict-text".into());
                }
                Err(err) => outcome.set(Said::failed(err.to_string())),
            }
        });
    };
    view! {
        <Show when=move || gitlab.session.with(Option::is_some)>
        <section class="gitlab-copy" aria-labelledby="gitlab-copy-heading">
            <h3 id="gitlab-copy-heading">"GitLab"</h3>
            <p class="hint">{move || gitlab.session.with(|s| s.as_ref().map(|s| format!(
                "Saves the JSON plan file and the Support review packet (as for the Markdown download) to {}/ in {}, on {}.",
                gl::FOLDER, s.project_path, s.branch
            )))}</p>
            <p id="gitlab-saved-state" role="status"><strong>{move || saved_state().text()}</strong>
                {move || saved.get().map(|s| view! {
                    <span class="hint">{format!(" (last saved or opened {}) ", gl::when(&s.at))}</span>
                    <a href=s.file_url target="_blank" rel="noopener noreferrer">"The file in GitLab"</a>
                })}
            </p>
            <div class="button-row">
                <button type="button" class="primary" on:click=save disabled=move || busy.get()>"Save to GitLab"</button>
            </div>
            {move || busy.get().then(|| view! { <p class="hint" role="status">"Saving to GitLab…"</p> })}
            <SaidLine said=outcome/>
            {move || conflict.get().then(|| view! { <ConflictChoices engagement=engagement conflict=conflict outcome=outcome/> })}
            <Versions engagement=engagement/>
        </section>
        </Show>
    }
}

/// What the TAM chose to do about a conflict.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Compare,
    KeepBoth,
    TakeTheirs,
}

/// GitLab's copy changed since it was saved or opened here: compare, keep both, or take it.
#[component]
fn ConflictChoices(
    engagement: Memo<Option<Engagement>>,
    conflict: RwSignal<bool>,
    outcome: RwSignal<Option<Said>>,
) -> impl IntoView {
    let gitlab = use_gitlab();
    let state = use_app_state();
    let compared = RwSignal::new(None::<Vec<compare::Change>>);
    let error = RwSignal::new(None::<String>);
    // GitLab's copy now, read through the plan file's checks, then the choice made with it.
    let choose = move |choice: Choice| {
        let (Some(session), Some(here)) =
            (gitlab.session.get_untracked(), engagement.get_untracked())
        else {
            return;
        };
        error.set(None);
        leptos::task::spawn_local(async move {
            let (theirs, commit) =
                match platform::read_plan(&session, &gl::plan_path(here.id), &session.branch).await
                {
                    Ok(read) => read,
                    Err(e) => return error.set(Some(e.to_string())),
                };
            let id = theirs.id;
            let name = here.customer_name.to_string();
            let (text, copy) = match choice {
                Choice::Compare => return compared.set(Some(compare::compare(&theirs, &here))),
                Choice::KeepBoth => {
                    let (revision, copy) = state.put_beside(theirs, CustomerName::for_copy);
                    gitlab.remember_saved(&session, id, &gl::plan_path(id), commit, revision);
                    (format!("Kept both: this page now shows GitLab's version; the version that was here is a separate engagement, “{name} (copy)”, not yet in GitLab."), copy)
                }
                Choice::TakeTheirs => {
                    state.import(vec![theirs], SameId::Replace);
                    let revision = state.find(id).map(|e| e.revision).unwrap_or_default();
                    gitlab.remember_saved(&session, id, &gl::plan_path(id), commit, revision);
                    (format!("Took GitLab's version; the version that was here is kept as “{name} (replaced)”."), None)
                }
            };
            conflict.set(false);
            outcome.set(match copy {
                Some(c) => Said::with_link(
                    text,
                    "Open the copy",
                    browser::href(&format!("/engagements/{c}")),
                ),
                None => Said::done(text),
            });
        });
    };
    view! {
        <div class="confirm" role="alertdialog" aria-labelledby="gitlab-conflict-text">
            <p id="gitlab-conflict-text" tabindex="-1"><strong>"Changed in GitLab since it was last opened here"</strong></p>
            <p class="hint">"Someone saved this engagement to GitLab after it was saved or opened here. Nothing was overwritten: choose what to keep."</p>
            <div class="button-row">
                <button type="button" on:click=move |_| choose(Choice::Compare)>"Compare"</button>
                <button type="button" on:click=move |_| choose(Choice::KeepBoth)>"Keep both"</button>
                <button type="button" on:click=move |_| choose(Choice::TakeTheirs)>"Take GitLab's version"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            {move || compared.get().map(|changes| if changes.is_empty() {
                view! { <p role="status">"GitLab's version and the version here hold the same."</p> }.into_any()
            } else {
                view! { <ChangesTable caption="GitLab's version and the version here".to_string() changes=changes heads=("In GitLab", "Here")/> }.into_any()
            })}
        </div>
    }
}

/// The commits that changed the engagement's file in GitLab, read when the TAM opens the list.
#[component]
fn Versions(engagement: Memo<Option<Engagement>>) -> impl IntoView {
    let gitlab = use_gitlab();
    let state = use_app_state();
    let versions = RwSignal::new(None::<Vec<gl::Commit>>);
    let message = RwSignal::new(None::<Said>);
    let compared = RwSignal::new(None::<(String, Vec<compare::Change>)>);
    let open = RwSignal::new(false);
    let load = move || {
        let (Some(session), Some(id)) = (
            gitlab.session.get_untracked(),
            engagement.with_untracked(|e| e.as_ref().map(|e| e.id)),
        ) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match platform::versions(&session, &gl::plan_path(id)).await {
                Ok(list) => versions.set(Some(list)),
                Err(CallError::Failed(Failure::Unreachable { .. })) => {
                    versions.set(Some(Vec::new()))
                }
                Err(e) => message.set(Said::failed(e.to_string())),
            }
        });
    };
    let read_version = move |commit: gl::Commit, open: bool| {
        let (Some(session), Some(now)) =
            (gitlab.session.get_untracked(), engagement.get_untracked())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            match platform::read_plan(&session, &gl::plan_path(now.id), &commit.id).await {
                Ok((mut version, _)) if open => {
                    version.set_id(browser::new_id());
                    version.customer_name = version
                        .customer_name
                        .with_suffix(&format!(" (GitLab {})", commit.short_id));
                    version.revision = 1;
                    let name = version.customer_name.to_string();
                    let id = version.id;
                    state.import(vec![version], SameId::KeepBoth);
                    message.set(Said::with_link(
                        format!("Opened this version as a copy, “{name}”."),
                        "Open the copy",
                        browser::href(&format!("/engagements/{id}")),
                    ));
                }
                Ok((version, _)) => {
                    let label = format!(
                        "The version of {} and now",
                        gl::when(&commit.committed_date)
                    );
                    compared.set(Some((label, compare::compare(&version, &now))));
                }
                Err(e) => message.set(Said::failed(e.to_string())),
            }
        });
    };
    // Drawn inside the section shown only while connected.
    view! {
            <details class="gitlab-versions" prop:open=move || open.get()>
                <summary on:click=move |ev| {
                    ev.prevent_default();
                    open.update(|o| *o = !*o);
                    if open.get_untracked() && versions.get_untracked().is_none() {
                        load();
                    }
                }><h4 id="gitlab-versions-heading" class="summary-heading">"Versions in GitLab"</h4></summary>
                <Show when=move || open.get()>
                <SaidLine said=message/>
                {move || match versions.get() {
                    None => view! { <p class="hint" role="status">"Reading the versions in GitLab…"</p> }.into_any(),
                    Some(list) if list.is_empty() => view! { <p class="hint">"Not yet in GitLab."</p> }.into_any(),
                    Some(list) => view! {
                        <ol class="gitlab-list" aria-label="Versions in GitLab">
                            {list.into_iter().map(|c| {
                                let (c1, c2) = (c.clone(), c.clone());
                                view! {
                                    <li>
                                        {format!("{} by {}: {} ({})", gl::when(&c.committed_date), c.author_name, c.title, c.short_id)}
                                        <div class="button-row">
                                            <button type="button" on:click=move |_| read_version(c1.clone(), false)>"Compare with now"</button>
                                            <button type="button" on:click=move |_| read_version(c2.clone(), true)>"Open this version as a copy"</button>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                }}
                {move || compared.get().map(|(label, changes)| if changes.is_empty() {
                    view! { <p role="status">"This version and now hold the same."</p> }.into_any()
                } else {
                    view! { <ChangesTable caption=label changes=changes/> }.into_any()
                })}
                </Show>
            </details>
    }
}
