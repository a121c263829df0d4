//! Handing the plan to Support, in parts by job: the project for review issues, the choice of
//! internal notes, the review issue (through GitLab's API when connected to the project's
//! instance, or GitLab's new-issue page), the email, and the question that records the plan as
//! shared once it is handed over.

use leptos::prelude::*;

use crate::domain::documents::gitlab as gl;
use crate::domain::documents::handoff::HandOff;
use crate::domain::documents::plan::markdown;
use crate::domain::engagement::snapshots::HandOff as Kept;
use crate::domain::engagement::Engagement;
use crate::domain::process::workflow::Action;
use crate::domain::text::links::{self, safe_href};
use crate::ui::engagement::export::{keep_hand_off, packet_audience, query_value, MAX_HANDOFF_URL};
use crate::ui::platform::browser;
use crate::ui::platform::gitlab::use_gitlab;
use crate::ui::platform::state::{use_app_state, AppState};

/// What every part of the hand-off shares.
#[derive(Clone, Copy)]
struct Ctx {
    engagement: Memo<Option<Engagement>>,
    message: RwSignal<Option<String>>,
    include_notes: RwSignal<bool>,
    project: RwSignal<String>,
    project_error: RwSignal<Option<String>>,
    /// After the packet is handed over: whether to ask to record the plan as shared today.
    ask_record: RwSignal<bool>,
    state: AppState,
}

impl Ctx {
    /// The packet for Support, as the notes choice has it.
    fn packet(self, e: &Engagement) -> String {
        markdown(e, browser::now(), packet_audience(self.include_notes))
    }

    fn customer_name(self) -> String {
        self.engagement
            .with_untracked(|e| e.as_ref().map(|e| e.customer_name.to_string()))
            .unwrap_or_default()
    }

    /// After a hand-off: what was handed over is kept, and, when the plan is not yet recorded as
    /// shared, the question takes the focus.
    fn handed(self, with_notes: bool) {
        let Some((id, unshared)) = self.engagement.with_untracked(|e| {
            e.as_ref()
                .map(|e| (e.id, e.coordination.review.shared_on.is_none()))
        }) else {
            return;
        };
        keep_hand_off(self.state, id, Kept::SupportPacket, with_notes);
        if unshared {
            self.ask_record.set(true);
            browser::focus_soon("#record-shared".into());
        }
    }
}

/// The Support hand-off, its parts laid out.
#[component]
pub fn SupportHandOff(
    engagement: Memo<Option<Engagement>>,
    message: RwSignal<Option<String>>,
    include_notes: RwSignal<bool>,
) -> impl IntoView {
    let ctx = Ctx {
        engagement,
        message,
        include_notes,
        project: RwSignal::new(browser::setting("gitlab-project").unwrap_or_default()),
        project_error: RwSignal::new(None),
        ask_record: RwSignal::new(false),
        state: use_app_state(),
    };
    // Through GitLab's API when connected and the Support project is on the same instance.
    let gitlab = use_gitlab();
    let api_project = move || {
        let session = gitlab.session.get()?;
        gl::project_on(&ctx.project.get(), &session.instance())
    };
    let issue = Memo::new(move |_| {
        let id = engagement.with(|e| e.as_ref().map(|e| e.id))?;
        let address = ctx.project.get();
        gitlab
            .remembered_for(id)?
            .issue
            .filter(|i| i.project == address.trim())
    });
    view! {
        <h3>"Hand the plan to Support"</h3>
        <ProjectField project=ctx.project project_error=ctx.project_error/>
        <div class="check">
            <input type="checkbox" id="include-internal-notes"
                prop:checked=move || include_notes.get()
                on:change=move |ev| include_notes.set(event_target_checked(&ev))/>
            <label for="include-internal-notes">"Include internal notes"</label>
        </div>
        <p class="hint">"For this hand-off only: the Markdown download, the issue, the email and the packet saved to GitLab leave the internal notes out unless this is ticked."</p>
        <div class="button-row">
            {move || match api_project() {
                Some(_) => view! { <IssueThroughApi ctx=ctx issue=issue/> }.into_any(),
                None => view! { <IssueThroughPage ctx=ctx/> }.into_any(),
            }}
            <EmailButton ctx=ctx/>
        </div>
        {move || issue.get().map(|i| view! {
            <p><a href=i.web_url target="_blank" rel="noopener noreferrer">{format!("Support review issue #{}", i.iid)}</a></p>
        })}
        <RecordShared ctx=ctx/>
        <p class="hint">
            "The issue is created confidential. GitLab Support's Upgrade Assistance request covers version upgrades only: "
            "moving to a larger reference architecture, between installation methods, moving data between installations "
            "and adding Geo are outside it, so such a move goes to Support as a review of the plan through a normal ticket."
        </p>
    }
}

/// Hands the packet over in the browser: copies it to the clipboard first, then opens
/// `address(base, title, body)` with it as the body; a packet too long for an address stays on
/// the clipboard only, and the address says where it is. A blocked tab is noticed and explained.
fn hand_off_in_browser(
    ctx: Ctx,
    title: String,
    address: fn(&str, &str, &str) -> String,
    base: String,
    done: &'static str,
) {
    let Some(md) = ctx
        .engagement
        .with_untracked(|e| e.as_ref().map(|e| ctx.packet(e)))
    else {
        return;
    };
    let full = address(&base, &title, &md);
    let short = address(
        &base,
        &title,
        "The packet is on the clipboard: paste it here.",
    );
    let with_notes = ctx.include_notes.get_untracked();
    leptos::task::spawn_local(async move {
        let copied = browser::copy_text(&md).await.is_ok();
        let fits = full.len() <= MAX_HANDOFF_URL;
        let opened = browser::open_in_new_tab(if fits { &full } else { &short });
        let outcome = HandOff {
            opened,
            fits,
            copied,
        };
        if outcome.handed() {
            ctx.handed(with_notes);
        }
        ctx.message.set(Some(outcome.message(done)));
    });
}

/// "Open Support review issue": GitLab's new-issue page in the project, the packet filled in.
#[component]
fn IssueThroughPage(ctx: Ctx) -> impl IntoView {
    let open_issue = move |_| {
        let Some(base) =
            safe_href(&ctx.project.get_untracked()).filter(|u| gl::Instance::parse(u).is_ok())
        else {
            // Said at the field it is about, which takes the focus.
            ctx.project_error.set(Some(
                "Enter the https:// address of the GitLab project for Support reviews first."
                    .into(),
            ));
            browser::focus_soon("#gitlab-project".into());
            return;
        };
        ctx.project_error.set(None);
        hand_off_in_browser(
            ctx,
            format!(
                "Support review: infrastructure upgrade plan for {}",
                ctx.customer_name()
            ),
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
    view! { <button type="button" on:click=open_issue>"Open Support review issue"</button> }
}

/// "Email the plan": a new email with the packet as its body.
#[component]
fn EmailButton(ctx: Ctx) -> impl IntoView {
    let email = move |_| {
        hand_off_in_browser(
            ctx,
            format!(
                "Infrastructure upgrade plan for {} (Support review)",
                ctx.customer_name()
            ),
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
    view! { <button type="button" on:click=email>"Email the plan"</button> }
}

/// "Create Support review issue" (or "Update" once one was made for this engagement) through
/// GitLab's API, with the packet as its description.
#[component]
fn IssueThroughApi(ctx: Ctx, issue: Memo<Option<gl::SupportIssue>>) -> impl IntoView {
    let gitlab = use_gitlab();
    let busy = RwSignal::new(false);
    let send_issue = move |_| {
        let Some(session) = gitlab.session.get_untracked() else {
            return;
        };
        let address = ctx.project.get_untracked().trim().to_string();
        let Some(target) = gl::project_on(&address, &session.instance()) else {
            return;
        };
        let Some((id, name, md)) = ctx.engagement.with_untracked(|e| {
            e.as_ref()
                .map(|e| (e.id, e.customer_name.to_string(), ctx.packet(e)))
        }) else {
            return;
        };
        let with_notes = ctx.include_notes.get_untracked();
        let existing = issue.get_untracked();
        let title = gl::issue_title(&name);
        let request = match &existing {
            Some(i) => gl::update_issue(&target, i.iid, &title, &md),
            None => gl::create_issue(&target, &title, &md),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::ui::platform::gitlab::call(
                &session.instance(),
                &target,
                &session.token,
                &request,
            )
            .await
            .and_then(|a| gl::read_issue(&a.body).map_err(Into::into));
            busy.set(false);
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
                    ctx.message.set(Some(format!(
                        "{} Support review issue #{} in GitLab (confidential), with the packet as its description.",
                        if existing.is_some() { "Updated" } else { "Created" },
                        created.iid
                    )));
                    ctx.handed(with_notes);
                }
                Err(e) => ctx.message.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <button type="button" on:click=send_issue disabled=move || busy.get()>
            {move || if issue.with(Option::is_some) { "Update Support review issue" } else { "Create Support review issue" }}
        </button>
    }
}

/// After a hand-off, while the plan is not recorded as shared: "Record it as shared with
/// Support today?", which records it with the ticket already entered.
#[component]
fn RecordShared(ctx: Ctx) -> impl IntoView {
    let record_shared = move |_| {
        ctx.ask_record.set(false);
        let Some((id, ticket)) = ctx.engagement.with_untracked(|e| {
            e.as_ref()
                .map(|e| (e.id, e.coordination.review.ticket.clone()))
        }) else {
            return;
        };
        let result = ctx.state.apply(
            id,
            Action::ShareWithSupport {
                on: Some(browser::today()),
                ticket,
                confirmed: true,
            },
        );
        ctx.message.set(Some(match result {
            Ok(()) => "Recorded as shared with Support today.".into(),
            Err(refusal) => refusal.to_string(),
        }));
        browser::focus_soon("#shared-on".into());
    };
    move || {
        ctx.ask_record.get().then(|| view! {
            <div class="confirm" role="alertdialog" aria-labelledby="record-shared-text">
                <p id="record-shared-text">"Record it as shared with Support today?"</p>
                <button type="button" class="primary" id="record-shared" on:click=record_shared>"Record as shared"</button>
                " "
                <button type="button" on:click=move |_| ctx.ask_record.set(false)>"Not now"</button>
            </div>
        })
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
