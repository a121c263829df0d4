//! What leaves the app from an engagement: plan files, print, the customer link, Support handoff.

use leptos::prelude::*;

use crate::domain::documents::gitlab as gl;
use crate::domain::documents::handoff::HandOff;
use crate::domain::documents::plan::{file_name, markdown, plan_json, Audience};
use crate::domain::documents::share;
use crate::domain::engagement::fields;
use crate::domain::engagement::snapshots::HandOff as Kept;
use crate::domain::engagement::{Engagement, EngagementId};
use crate::domain::process::workflow::Action;
use crate::domain::sizing::format_number;
use crate::domain::text::links::{self, safe_href};
use crate::ui::engagement::gitlab::GitLabCopy;
use crate::ui::platform::browser;
use crate::ui::platform::gitlab::use_gitlab;
use crate::ui::platform::state::{use_app_state, AppState};
use crate::ui::widgets::fields::TextField;

/// The longest new-issue or mail address the app opens; past it the plan goes via the clipboard.
const MAX_HANDOFF_URL: usize = 8_000;

/// A value for a query string, with spaces as `+` (a form-encoded query, which GitLab reads as
/// spaces): a packet's many spaces then take one character each instead of three, so a longer
/// packet still fits the address.
fn query_value(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text)).replace("%20", "+")
}

/// Keeps what was just handed over (`kind`) as its reader sees it: the customer's view, or the
/// packet with or without the internal notes.
fn keep_hand_off(state: AppState, id: EngagementId, kind: Kept, with_notes: bool) {
    state.update(id, |e, now| {
        let content = e.snapshot_content(|e| {
            if kind.customer_view() {
                share::customer_copy(e)
            } else if with_notes {
                e.clone()
            } else {
                Engagement {
                    internal_notes: String::new(),
                    ..e.clone()
                }
            }
        });
        e.hand_off(kind, content, now);
    });
}

/// The TAM's own notes on an engagement.
#[component]
pub fn InternalNotes(id: EngagementId, engagement: Memo<Option<Engagement>>) -> impl IntoView {
    let state = use_app_state();
    view! {
        // Not named by its heading: the field inside carries the same name, and one name should
        // find one thing.
        <section class="card">
            <h2 id="notes-heading">"Internal notes"</h2>
            <p class="hint">"Kept in this browser and in the file for Support; never in the customer link."</p>
            <TextField
                id="internal-notes"
                label="Internal notes"
                multiline=true
                value=Signal::derive(move || engagement.with(|e| e.as_ref().map(|e| e.internal_notes.clone()).unwrap_or_default()))
                on_commit=Callback::new(move |text: String| state.update(id, |e, now| e.set_internal_notes(text.clone(), now)))
            />
        </section>
    }
}

/// Which file "Download" writes: the Support packet as Markdown, or the plan file (JSON).
#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Markdown,
    Json,
}

/// Who the Support packet is for: Support, or (when the TAM ticks "Include internal notes") the
/// TAM's own reading with the notes.
fn packet_audience(include_notes: RwSignal<bool>) -> Audience {
    if include_notes.get_untracked() {
        Audience::Tam
    } else {
        Audience::Support
    }
}

/// Downloads, print, the customer link and the Support hand-off, with one status line.
#[component]
pub fn ShareAndExport(
    engagement: Memo<Option<Engagement>>,
    on_print: Callback<()>,
) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    // Internal notes go to Support only when the TAM ticks it, for one hand-off at a time.
    let include_notes = RwSignal::new(false);
    // Where the customer's answers go: the TAM's email, a setting of this browser that only
    // the customer link carries.
    let tam_email = RwSignal::new(browser::setting("tam-email").unwrap_or_default());
    view! {
        <section class="card no-print" aria-labelledby="export-heading">
            <h2 id="export-heading">"Share and export"</h2>
            <TamEmailField tam_email=tam_email/>
            <FilesAndLink engagement=engagement on_print=on_print message=message include_notes=include_notes tam_email=tam_email/>
            <SupportHandOff engagement=engagement message=message include_notes=include_notes/>
            <GitLabCopy engagement=engagement packet_audience=Callback::new(move |_| packet_audience(include_notes))/>
        </section>
    }
}

/// "Your email, for the customer's answers": kept in this browser when it is an address.
#[component]
fn TamEmailField(tam_email: RwSignal<String>) -> impl IntoView {
    let email_error = Memo::new(move |_| {
        tam_email.with(|t| {
            (!t.trim().is_empty())
                .then(|| share::TamEmail::try_from(t.as_str()).err())
                .flatten()
                .map(|e| e.to_string())
        })
    });
    view! {
        <div class="field">
            <label for="tam-email">"Your email, for the customer's answers"</label>
            <input
                id="tam-email"
                type="email"
                autocomplete="email"
                prop:value=move || tam_email.get()
                aria-invalid=move || email_error.with(Option::is_some).to_string()
                aria-describedby="tam-email-hint tam-email-error"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if share::TamEmail::try_from(value.as_str()).is_ok() || value.trim().is_empty() {
                        browser::set_setting("tam-email", value.trim());
                    }
                    tam_email.set(value);
                }
            />
            <p class="hint" id="tam-email-hint">"Kept in this browser; only the customer link carries it, so that the customer's answers come back to you."</p>
            <p class="field-error" id="tam-email-error" role=move || email_error.with(Option::is_some).then_some("alert")>{move || email_error.get()}</p>
        </div>
    }
}

/// The plan files, print, and the customer link.
#[component]
fn FilesAndLink(
    engagement: Memo<Option<Engagement>>,
    on_print: Callback<()>,
    message: RwSignal<Option<String>>,
    include_notes: RwSignal<bool>,
    tam_email: RwSignal<String>,
) -> impl IntoView {
    let link = RwSignal::new(None::<String>);
    let state = use_app_state();
    let with_engagement = move |f: &dyn Fn(&Engagement)| {
        engagement.with_untracked(|e| {
            if let Some(e) = e {
                f(e)
            }
        })
    };
    let download = move |kind: FileKind| {
        with_engagement(&|e| {
            let now = browser::now();
            let today = browser::today();
            let result = if kind == FileKind::Markdown {
                let done = browser::download(
                    &file_name(e, today, "md"),
                    "text/markdown",
                    &markdown(e, now, packet_audience(include_notes)),
                );
                if done.is_ok() {
                    keep_hand_off(
                        state,
                        e.id,
                        Kept::SupportPacket,
                        include_notes.get_untracked(),
                    );
                }
                done
            } else {
                match plan_json(e, now) {
                    Ok(json) => {
                        browser::download(&file_name(e, today, "json"), "application/json", &json)
                    }
                    Err(err) => Err(err.to_string()),
                }
            };
            message.set(Some(match result {
                Ok(()) => format!(
                    "Downloaded the {} file.",
                    match kind {
                        FileKind::Markdown => "Markdown",
                        FileKind::Json => "JSON",
                    }
                ),
                Err(err) => format!("The download did not start: {err}."),
            }));
        })
    };
    let copy_link = move |_| {
        let reply_to = tam_email.with_untracked(|t| share::TamEmail::try_from(t.as_str()).ok());
        // A link field stored before links were checked, holding something else: the customer's
        // view would refuse the link, so it is not made; the field is named.
        let bad_link =
            engagement.with_untracked(|e| e.as_ref().and_then(|e| fields::check_links(e).err()));
        if let Some(bad) = bad_link {
            link.set(None);
            message.set(Some(format!(
                "The link could not be made: {bad}. Correct it first."
            )));
            return;
        }
        // The link is made from the engagement as kept with its snapshot, so that the
        // customer's reply names the revision of that snapshot.
        let Some(id) = engagement.with_untracked(|e| e.as_ref().map(|e| e.id)) else {
            return;
        };
        keep_hand_off(state, id, Kept::CustomerLink, false);
        let Some(current) = state.find(id) else {
            return;
        };
        match share::encode_for(&current, reply_to.as_ref()) {
            Ok(fragment) => {
                let url = format!("{}#{fragment}", browser::app_home_url());
                let length = format_number(url.len() as f64);
                link.set(Some(url.clone()));
                leptos::task::spawn_local(async move {
                    message.set(Some(match browser::copy_text(&url).await {
                        Ok(()) => format!("Copied the customer link ({length} characters). It holds the plan without the internal notes."),
                        Err(err) => format!("Copy the customer link from the field below ({length} characters): {err}."),
                    }));
                });
            }
            Err(err) => message.set(Some(format!("The link could not be made: {err}."))),
        }
    };
    view! {
        <div class="button-row">
            <button type="button" on:click=move |_| download(FileKind::Markdown)>"Download Markdown"</button>
            <button type="button" on:click=move |_| download(FileKind::Json)>"Download JSON"</button>
            <button type="button" on:click=move |_| on_print.run(())>"Print"</button>
            <button type="button" class="primary" on:click=copy_link>"Copy customer link"</button>
        </div>
        <p class="notice-line" role=move || message.with(Option::is_some).then_some("status")>
            {move || message.get()}
        </p>
        {move || link.get().map(|url| view! {
            <div class="field">
                <label for="customer-link">"Customer link"</label>
                <input id="customer-link" type="text" readonly=true prop:value=url.clone()/>
                <a href=url target="_blank" rel="noopener noreferrer">"See it as the customer will"</a>
            </div>
        })}
    }
}

/// The Support hand-off: the project for review issues, the notes choice, the issue and the
/// email, and recording the plan as shared once it is handed over.
#[component]
fn SupportHandOff(
    engagement: Memo<Option<Engagement>>,
    message: RwSignal<Option<String>>,
    include_notes: RwSignal<bool>,
) -> impl IntoView {
    let with_engagement = move |f: &dyn Fn(&Engagement)| {
        engagement.with_untracked(|e| {
            if let Some(e) = e {
                f(e)
            }
        })
    };
    let project = RwSignal::new(browser::setting("gitlab-project").unwrap_or_default());
    let project_error = RwSignal::new(None::<String>);
    // After the packet is handed over: whether to record the plan as shared with Support today.
    let ask_record = RwSignal::new(false);
    let state = use_app_state();
    let record_shared = move |_| {
        ask_record.set(false);
        let Some((id, ticket)) = engagement.with_untracked(|e| {
            e.as_ref()
                .map(|e| (e.id, e.coordination.review.ticket.clone()))
        }) else {
            return;
        };
        let result = state.apply(
            id,
            Action::ShareWithSupport {
                on: Some(browser::today()),
                ticket,
                confirmed: true,
            },
        );
        message.set(Some(match result {
            Ok(()) => "Recorded as shared with Support today.".into(),
            Err(refusal) => refusal.to_string(),
        }));
        browser::focus_soon("#shared-on".into());
    };
    // Copies the Markdown packet to the clipboard first, then opens `address(title, body)` with
    // it as the body; a packet too long for an address stays on the clipboard only, and the
    // address says where it is. A blocked tab is noticed and explained.
    let hand_off = move |title: String,
                         address: fn(&str, &str, &str) -> String,
                         base: String,
                         done: &'static str| {
        with_engagement(&|e| {
            let md = markdown(e, browser::now(), packet_audience(include_notes));
            let full = address(&base, &title, &md);
            let short = address(
                &base,
                &title,
                "The packet is on the clipboard: paste it here.",
            );
            let kept = (e.id, include_notes.get_untracked());
            leptos::task::spawn_local(async move {
                let copied = browser::copy_text(&md).await.is_ok();
                let fits = full.len() <= MAX_HANDOFF_URL;
                let opened = browser::open_in_new_tab(if fits { &full } else { &short });
                let outcome = HandOff {
                    opened,
                    fits,
                    copied,
                };
                let handed = outcome.handed();
                if handed {
                    keep_hand_off(state, kept.0, Kept::SupportPacket, kept.1);
                }
                let unshared = engagement.with_untracked(|e| {
                    e.as_ref()
                        .is_some_and(|e| e.coordination.review.shared_on.is_none())
                });
                if handed && unshared {
                    ask_record.set(true);
                    browser::focus_soon("#record-shared".into());
                }
                message.set(Some(outcome.message(done)));
            });
        })
    };
    let open_issue = move |_| {
        let Some(base) =
            safe_href(&project.get_untracked()).filter(|u| gl::Instance::parse(u).is_ok())
        else {
            // Said at the field it is about, which takes the focus.
            project_error.set(Some(
                "Enter the https:// address of the GitLab project for Support reviews first."
                    .into(),
            ));
            browser::focus_soon("#gitlab-project".into());
            return;
        };
        project_error.set(None);
        let title = engagement
            .with_untracked(|e| e.as_ref().map(|e| e.customer_name.to_string()))
            .unwrap_or_default();
        hand_off(
            format!("Support review: infrastructure upgrade plan for {title}"),
            |base, title, body| {
                format!(
                    "{}/-/issues/new?issue[confidential]=true&issue[title]={}&issue[description]={}",
                    base.trim_end_matches('/'),
                    query_value(title),
                    query_value(body)
                )
            },
            base,
            "Opened a new confidential Support review issue with the packet filled in (also on the clipboard).",
        );
    };
    // Through GitLab's API when connected and the Support project is on the same instance.
    let gitlab = use_gitlab();
    let api_project = move || {
        let session = gitlab.session.get()?;
        gl::project_on(&project.get(), &session.instance())
    };
    let issue = Memo::new(move |_| {
        let id = engagement.with(|e| e.as_ref().map(|e| e.id))?;
        let address = project.get();
        gitlab
            .remembered_for(id)?
            .issue
            .filter(|i| i.project == address.trim())
    });
    let issue_busy = RwSignal::new(false);
    let send_issue = move |_| {
        let Some(session) = gitlab.session.get_untracked() else {
            return;
        };
        let address = project.get_untracked().trim().to_string();
        let Some(target) = gl::project_on(&address, &session.instance()) else {
            return;
        };
        let Some((id, name, md, unshared)) = engagement.with_untracked(|e| {
            e.as_ref().map(|e| {
                (
                    e.id,
                    e.customer_name.to_string(),
                    markdown(e, browser::now(), packet_audience(include_notes)),
                    e.coordination.review.shared_on.is_none(),
                )
            })
        }) else {
            return;
        };
        let with_notes = include_notes.get_untracked();
        let existing = issue.get_untracked();
        let title = gl::issue_title(&name);
        let request = match &existing {
            Some(i) => gl::update_issue(&target, i.iid, &title, &md),
            None => gl::create_issue(&target, &title, &md),
        };
        issue_busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::ui::platform::gitlab::call(
                &session.instance(),
                &target,
                &session.token,
                &request,
            )
            .await
            .and_then(|a| gl::read_issue(&a.body).map_err(Into::into));
            issue_busy.set(false);
            match answer {
                Ok(created) => {
                    gitlab.remember(id, |r| {
                        r.issue = Some(gl::SupportIssue {
                            instance: session.address.clone(),
                            project: address.clone(),
                            iid: created.iid,
                            web_url: created.web_url.clone(),
                        })
                    });
                    keep_hand_off(state, id, Kept::SupportPacket, with_notes);
                    message.set(Some(format!(
                        "{} Support review issue #{} in GitLab (confidential), with the packet as its description.",
                        if existing.is_some() { "Updated" } else { "Created" },
                        created.iid
                    )));
                    if unshared {
                        ask_record.set(true);
                        browser::focus_soon("#record-shared".into());
                    }
                }
                Err(e) => message.set(Some(e.to_string())),
            }
        });
    };
    let email = move |_| {
        let name = engagement
            .with_untracked(|e| e.as_ref().map(|e| e.customer_name.to_string()))
            .unwrap_or_default();
        hand_off(
            format!("Infrastructure upgrade plan for {name} (Support review)"),
            |_, subject, body| {
                format!(
                    "mailto:?subject={}&body={}",
                    js_sys::encode_uri_component(subject),
                    js_sys::encode_uri_component(body)
                )
            },
            String::new(),
            "Opened an email with the packet (also on the clipboard).",
        );
    };
    view! {
        <h3>"Hand the plan to Support"</h3>
        <ProjectField project=project project_error=project_error/>
        <div class="check">
            <input type="checkbox" id="include-internal-notes"
                prop:checked=move || include_notes.get()
                on:change=move |ev| include_notes.set(event_target_checked(&ev))/>
            <label for="include-internal-notes">"Include internal notes"</label>
        </div>
        <p class="hint">"For this hand-off only: the Markdown download, the issue, the email and the packet saved to GitLab leave the internal notes out unless this is ticked."</p>
        <div class="button-row">
            {move || match api_project() {
                Some(_) => view! {
                    <button type="button" on:click=send_issue disabled=move || issue_busy.get()>
                        {move || if issue.with(Option::is_some) { "Update Support review issue" } else { "Create Support review issue" }}
                    </button>
                }.into_any(),
                None => view! { <button type="button" on:click=open_issue>"Open Support review issue"</button> }.into_any(),
            }}
            <button type="button" on:click=email>"Email the plan"</button>
        </div>
        {move || issue.get().map(|i| view! {
            <p><a href=i.web_url target="_blank" rel="noopener noreferrer">{format!("Support review issue #{}", i.iid)}</a></p>
        })}
        {move || ask_record.get().then(|| view! {
            <div class="confirm" role="alertdialog" aria-labelledby="record-shared-text">
                <p id="record-shared-text">"Record it as shared with Support today?"</p>
                <button type="button" class="primary" id="record-shared" on:click=record_shared>"Record as shared"</button>
                " "
                <button type="button" on:click=move |_| ask_record.set(false)>"Not now"</button>
            </div>
        })}
        <p class="hint">
            "The issue is created confidential. GitLab Support's Upgrade Assistance request covers version upgrades only: "
            "moving to a larger reference architecture, between installation methods, moving data between installations "
            "and adding Geo are outside it, so such a move goes to Support as a review of the plan through a normal ticket."
        </p>
    }
}

/// "GitLab project for Support reviews": kept in this browser when it is an https:// address;
/// other text stays on screen with the message, and the address kept before stays stored.
#[component]
fn ProjectField(
    project: RwSignal<String>,
    project_error: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field-row">
            <div class="field">
                <label for="gitlab-project">"GitLab project for Support reviews"</label>
                <input
                    id="gitlab-project"
                    type="url"
                    placeholder="https://gitlab.example.com/group/project"
                    prop:value=move || project.get()
                    aria-invalid=move || project_error.with(Option::is_some).to_string()
                    aria-describedby="gitlab-project-error"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        project.set(value.clone());
                        // Only a web address is kept; other text stays on screen with the
                        // message, and the address kept before stays stored.
                        if links::is_web_address(&value) && gl::Instance::parse(&value).is_ok() {
                            browser::set_setting("gitlab-project", value.trim());
                            project_error.set(None);
                        } else {
                            project_error.set(Some(
                                "Enter the https:// address of the GitLab project for Support reviews (http:// only on this machine); until then, what you typed here is not saved.".into(),
                            ));
                        }
                    }
                />
                <p class="field-error" id="gitlab-project-error" role=move || project_error.with(Option::is_some).then_some("alert")>{move || project_error.get()}</p>
            </div>
        </div>
    }
}
