//! What leaves the app from an engagement: plan files, print, the customer link, Support handoff.

use leptos::prelude::*;

use crate::domain::documents::plan::{file_name, markdown, plan_json, Audience};
use crate::domain::documents::share;
use crate::domain::engagement::fields;
use crate::domain::engagement::snapshots::HandOff as Kept;
use crate::domain::engagement::{Engagement, EngagementId};
use crate::domain::sizing::format_number;
use crate::ui::engagement::gitlab::GitLabCopy;
use crate::ui::engagement::support_handoff::SupportHandOff;
use crate::ui::platform::browser;
use crate::ui::platform::state::{use_app_state, AppState};
use crate::ui::widgets::fields::TextField;

/// The longest new-issue or mail address the app opens; past it the plan goes via the clipboard.
pub(super) const MAX_HANDOFF_URL: usize = 8_000;

/// A value for a query string, with spaces as `+` (a form-encoded query, which GitLab reads as
/// spaces): a packet's many spaces then take one character each instead of three, so a longer
/// packet still fits the address.
pub(super) fn query_value(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text)).replace("%20", "+")
}

/// Keeps what was just handed over (`kind`) as its reader sees it: the customer's view, or the
/// packet with or without the internal notes.
pub(super) fn keep_hand_off(state: AppState, id: EngagementId, kind: Kept, with_notes: bool) {
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
pub(super) fn packet_audience(include_notes: RwSignal<bool>) -> Audience {
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
