//! One engagement's page, or "not found" for an id this browser does not hold.

use std::time::Duration;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::domain::documents::plan::Audience;
use crate::domain::documents::risks;
use crate::domain::engagement::draft::DraftField;
use crate::domain::engagement::{CustomerName, Engagement, EngagementId};
use crate::domain::process::workflow::{self, Stage};
use crate::domain::text::time_fmt;
use crate::ui::engagement::changes_since::ChangesSince;
use crate::ui::engagement::coordination::{CoordinationSection, StatusSummary};
use crate::ui::engagement::export::{InternalNotes, ShareAndExport};
use crate::ui::engagement::sizing::SizingSection;
use crate::ui::engagement::timeline::TimelineSection;
use crate::ui::platform::browser;
use crate::ui::platform::state::use_app_state;
use crate::ui::widgets::fields::{DraftNote, DraftTextField};
use crate::ui::widgets::plan_view::PlanDocument;

/// The page at `/engagements/:id`.
#[component]
pub fn EngagementPage() -> impl IntoView {
    let state = use_app_state();
    let params = use_params_map();
    // The id of the engagement shown, while it exists; changes only with the address or when
    // the engagement appears or goes, so the page below is built once per engagement.
    let shown = Memo::new(move |_| {
        let id = params
            .read()
            .get("id")
            .and_then(|raw| raw.parse::<EngagementId>().ok())?;
        state
            .engagements
            .with(|list| list.iter().any(|e| e.id == id))
            .then_some(id)
    });
    move || match shown.get() {
        Some(id) => view! { <EngagementDetails id=id/> }.into_any(),
        None => view! { <EngagementNotFound/> }.into_any(),
    }
}

/// The engagement's heading, dates, customer details and sizing.
#[component]
fn EngagementDetails(id: EngagementId) -> impl IntoView {
    let state = use_app_state();
    let engagement = state.watch(id);
    let name = Memo::new(move |_| {
        engagement.with(|e| {
            e.as_ref()
                .map(|e| e.customer_name.to_string())
                .unwrap_or_default()
        })
    });
    // The tab's title follows a rename.
    Effect::new(move |_| browser::set_page_title(&name.get()));
    let offset = browser::local_offset_minutes();
    let dates = move || {
        engagement.with(|e| {
            e.as_ref().map(|e| {
                format!(
                    "Created {} · last changed {}",
                    time_fmt::format_local(e.created, offset),
                    time_fmt::format_local(e.updated, offset)
                )
            })
        })
    };
    let today = browser::today();
    let status =
        Memo::new(move |_| engagement.with(|e| e.as_ref().map(|e| workflow::status(e, today))));
    // The print view exists only while printing, so that the page holds each text once; the
    // Print button and the browser's own print command (beforeprint) both bring it in.
    let printing = RwSignal::new(false);
    let before = window_event_listener_untyped("beforeprint", move |_| printing.set(true));
    let after = window_event_listener_untyped("afterprint", move |_| printing.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let on_print = Callback::new(move |()| {
        printing.set(true);
        set_timeout(browser::print, Duration::from_millis(100));
    });
    // Where the page opens: the first figure of a new engagement, or, for one under way, the
    // stage in progress (the heading of the page for one still at its requirements).
    let stage_at_open = status.with_untracked(|s| s.as_ref().map(|s| s.stage));
    match browser::take_landing() {
        // Asked for its top (from the customer's answers): the page's own focus on its heading.
        Some(top) if top == browser::PAGE_TOP => {}
        Some(selector) => browser::land_on(selector),
        None => match stage_at_open {
            Some(Stage::Requirements) | None => {}
            Some(Stage::Done) => browser::land_on("#status-heading".into()),
            Some(stage) => browser::land_on(format!("#stage-{}-heading", stage.code())),
        },
    }
    let current = Memo::new(move |_| status.with(|s| s.as_ref().map(|s| s.stage)));
    let risks = Memo::new(move |_| {
        engagement.with(|e| {
            e.as_ref()
                .map(|e| risks::risks(e, today))
                .unwrap_or_default()
        })
    });
    view! {
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <A href=browser::href("/")>"All engagements"</A>
        </nav>
        <h1>{move || name.get()}</h1>
        <p class="meta">{dates} " · " <SaveIndicator id=id engagement=engagement/></p>
        <div class="engagement-layout">
            <SectionNav current=current/>
            <div class="engagement-body">
                <StatusSummary engagement=engagement status=status risks=risks/>
                <RenameForm id=id name=name/>
                <SizingSection id=id/>
                <CoordinationSection id=id engagement=engagement risks=risks/>
                <TimelineSection engagement=engagement/>
                <InternalNotes id=id engagement=engagement/>
                <ShareAndExport engagement=engagement on_print=on_print/>
                <ChangesSince engagement=engagement/>
            </div>
        </div>
        <div class="print-only">
            {move || {
                printing
                    .get()
                    .then(|| engagement.get())
                    .flatten()
                    .map(|e| view! { <PlanDocument engagement=e today=today audience=Audience::Tam/> })
            }}
        </div>
    }
}

/// Links to each section of the engagement page, the stage in progress marked; sticky beside
/// the page on wide screens. A link moves focus to its section's heading.
#[component]
fn SectionNav(current: Memo<Option<Stage>>) -> impl IntoView {
    let mut links: Vec<(String, &'static str, Option<Stage>)> = vec![
        ("status-heading".into(), "Where it stands", None),
        ("customer-heading".into(), "Customer", None),
        ("sizing-heading".into(), "Sizing", None),
    ];
    for stage in Stage::ALL.into_iter().filter(|s| *s != Stage::Done) {
        links.push((
            format!("stage-{}-heading", stage.code()),
            stage.label(),
            Some(stage),
        ));
        if stage == Stage::Plan {
            links.push(("intake-heading".into(), "What Support will ask for", None));
        }
    }
    links.extend([
        ("log-heading".to_string(), "Activity log", None),
        ("timeline-heading".into(), "Timeline", None),
        ("notes-heading".into(), "Internal notes", None),
        ("export-heading".into(), "Share and export", None),
    ]);
    view! {
        <nav class="section-nav no-print" aria-label="Engagement sections">
            <ul>
                {links.into_iter().map(|(target, label, stage)| {
                    let href = format!("#{target}");
                    let selector = href.clone();
                    let is_current = move || stage.is_some() && current.get() == stage;
                    view! {
                        <li class:stage-link=stage.is_some()>
                            <a
                                href=href
                                aria-current=move || is_current().then_some("step")
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    browser::land_on(selector.clone());
                                }
                            >
                                {label}
                                {move || is_current().then_some(" (in progress)")}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// "Saved at 14:03" once this engagement's latest change is in storage, "Not saved" while it
/// is not.
#[component]
fn SaveIndicator(id: EngagementId, engagement: Memo<Option<Engagement>>) -> impl IntoView {
    let state = use_app_state();
    let offset = browser::local_offset_minutes();
    let text = move || {
        let revision = engagement.with(|e| e.as_ref().map(|e| (e.revision, e.updated)));
        let saved = state.saved.with(|s| s.get(&id).copied());
        let problem = state.storage_problem.with(Option::is_some)
            || state.conflicts.with(|c| c.iter().any(|c| c.ours.id == id));
        match (revision, saved) {
            (Some((rev, updated)), Some(s)) if s.revision == rev => {
                let at = s.at.unwrap_or(updated);
                (
                    true,
                    format!("Saved {}", time_fmt::format_local(at, offset)),
                )
            }
            _ if problem => (false, "Not saved".to_string()),
            _ => (false, "Saving…".to_string()),
        }
    };
    view! {
        <span class=move || if text().0 { "save-state saved" } else { "save-state unsaved" }>
            {move || text().1}
        </span>
    }
}

/// Lets the TAM correct the customer's name; an empty name is refused next to the field. What
/// is typed is a draft until "Rename" or leaving the field commits it.
#[component]
fn RenameForm(id: EngagementId, name: Memo<String>) -> impl IntoView {
    let state = use_app_state();
    let error = RwSignal::new(None::<String>);
    let commit = move || {
        let typed = name.with_untracked(|n| state.draft_text(id, DraftField::CustomerName, n));
        match typed.parse::<CustomerName>() {
            Ok(new_name) => {
                error.set(None);
                if new_name.as_str() != name.get_untracked() {
                    state.rename(id, new_name);
                }
                state.clear_drafts(id, &[DraftField::CustomerName]);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        commit();
    };
    view! {
        <section class="card" aria-labelledby="customer-heading">
            <h2 id="customer-heading">"Customer"</h2>
            <form class="inline-form" on:submit=on_submit novalidate=true>
                <DraftTextField
                    engagement=id
                    field=DraftField::CustomerName
                    label="Customer name"
                    committed=name
                    autocomplete="organization"
                    message=error
                    on_leave=Callback::new(move |()| commit())
                />
                <button type="submit">"Rename"</button>
            </form>
            <DraftNote engagement=id fields=&[DraftField::CustomerName] button="Rename" focus="customer-name"/>
        </section>
    }
}

/// An engagement id this browser does not hold.
#[component]
fn EngagementNotFound() -> impl IntoView {
    browser::set_page_title("Engagement not found");
    view! {
        <section class="not-found" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading">"Engagement not found"</h1>
            <p>
                "No engagement with this address is stored in this browser. It may have been "
                "deleted, or the address may come from another browser."
            </p>
            <p><A href=browser::href("/")>"Back to all engagements"</A></p>
        </section>
    }
}
