//! The home page: create an engagement, list them all, open, duplicate or delete one.

use std::collections::HashMap;

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::documents::attention;
use crate::domain::documents::reply::Reply;
use crate::domain::engagement::{CustomerName, Engagement, EngagementId};
use crate::domain::process::workflow::{self, Stage, Status};
use crate::domain::text::time_fmt;
use crate::ui::home::gitlab::GitLabPanel;
use crate::ui::home::import::ImportPanel;
use crate::ui::platform::browser;
use crate::ui::platform::state::{use_app_state, Notice};

/// The list of engagements with the form that starts a new one.
#[component]
pub fn HomePage() -> impl IntoView {
    browser::set_page_title("Engagements");
    // Any click may leave the page (a link, creating): the scroll position is kept first, in
    // this page's history entry, for Back to return to. Handled here, before the router's own
    // handler on the window moves to the next entry.
    view! {
        <div class="home" on:click=|_| browser::remember_scroll()>
            <h1>"Engagements"</h1>
            <NewEngagementForm/>
            <PageLinks/>
            <ListNotice/>
            <TodayList/>
            <UnreadableEntries/>
            <EngagementList/>
            <ImportPanel/>
            <GitLabPanel/>
        </div>
    }
}

/// Links near the top of the page (after the new-engagement form, which keeps the first Tab
/// stops) to what lies below the day's list: the list's search, and the GitLab region. They
/// move the focus there (the address's fragment is left as it is).
#[component]
fn PageLinks() -> impl IntoView {
    let go = |target: &'static str, heading: &'static str| {
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            // The region's heading at the top of the screen, so that the target's label and its
            // focus ring are in view under it; then the focus, which need not scroll again.
            if let Some(h) = browser::find_element(heading) {
                h.scroll_into_view();
            }
            let found = browser::find_element(target).or_else(|| browser::find_element(heading));
            if let Some(element) = found {
                let _ = element.focus();
            }
        }
    };
    view! {
        <nav class="page-links no-print" aria-label="On this page">
            <a href="#list-heading" on:click=go("#search-customers", "#list-heading")>"Skip to all engagements"</a>
            <a href="#gitlab-heading" on:click=go("#gitlab-heading", "#gitlab-heading")>"Keep engagements in GitLab"</a>
        </nav>
    }
}

/// Asks for the customer's name and creates the engagement.
#[component]
fn NewEngagementForm() -> impl IntoView {
    let state = use_app_state();
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<html::Input>::new();
    let navigate = leptos_router::hooks::use_navigate();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match draft.get_untracked().parse::<CustomerName>() {
            Ok(name) => {
                let id = state.create(name);
                draft.set(String::new());
                // The new engagement opens, ready for its first figure.
                browser::land_next_page_on("#sizing-current-users");
                // The router adds the path the app is served under.
                navigate(&format!("/engagements/{id}"), Default::default());
                error.set(None);
            }
            Err(e) => {
                error.set(Some(e.to_string()));
                if let Some(input) = input.get_untracked() {
                    let _ = input.focus();
                }
            }
        }
    };
    view! {
        <section class="card" aria-labelledby="new-engagement-heading">
            <h2 id="new-engagement-heading">"New engagement"</h2>
            <form class="inline-form" on:submit=on_submit novalidate=true>
                <div class="field">
                    <label for="new-customer-name">"Customer name"</label>
                    <input
                        id="new-customer-name"
                        type="text"
                        autocomplete="organization"
                        node_ref=input
                        prop:value=move || draft.get()
                        on:input=move |ev| {
                            draft.set(event_target_value(&ev));
                            error.set(None);
                        }
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        aria-describedby="new-customer-name-error"
                    />
                    <p
                        id="new-customer-name-error"
                        class="field-error"
                        role=move || error.with(Option::is_some).then_some("alert")
                    >
                        {move || error.get()}
                    </p>
                </div>
                <button type="submit" class="primary">"Create new engagement"</button>
            </form>
        </section>
    }
}

/// What the last action on the list did, with "Undo" after a delete.
#[component]
fn ListNotice() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="notice" role=move || state.notice.with(Option::is_some).then_some("status")>
            {move || {
                state
                    .notice
                    .get()
                    .map(|notice| match notice {
                        Notice::Created(name) => {
                            view! { <p>"Created “" {name} "”."</p> }.into_any()
                        }
                        Notice::Duplicated(name) => {
                            view! { <p>"Created the copy “" {name} "”."</p> }.into_any()
                        }
                        Notice::Restored(name) => {
                            view! { <p>"Restored “" {name} "”."</p> }.into_any()
                        }
                        Notice::Deleted(engagement) => {
                            view! {
                                <p>
                                    "Deleted “" {engagement.customer_name.to_string()} "”. "
                                    <button type="button" id="undo-delete" on:click=move |_| {
                                        if let Some(id) = state.undo_delete() {
                                            let href = browser::href(&format!("/engagements/{id}"));
                                            browser::focus_soon(format!("a[href=\"{href}\"]"));
                                        }
                                    }>
                                        "Undo"
                                    </button>
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </div>
    }
}

/// Stored entries the app could not use: moved aside, from a newer version, or left in place.
/// Each can be downloaded as it is; moved-aside ones can be deleted.
#[component]
fn UnreadableEntries() -> impl IntoView {
    let state = use_app_state();
    let count = move || {
        state.quarantined.with(Vec::len)
            + state.newer.with(Vec::len)
            + state.unreadable.with(Vec::len)
    };
    // The moved-aside entry the TAM asked to delete, while asking whether to, for good.
    let confirming = RwSignal::new(None::<String>);
    let raw_download = |name: String, raw: String| {
        move |_| {
            let _ = browser::download(&name, "text/plain", &raw);
        }
    };
    move || {
        (count() > 0).then(|| {
            let summary = if count() == 1 {
                "1 stored engagement could not be read.".to_string()
            } else {
                format!("{} stored engagements could not be read.", count())
            };
            view! {
                <section class="card card-warning" aria-labelledby="unreadable-heading">
                    <h2 id="unreadable-heading">"Stored entries that could not be read"</h2>
                    <p>{summary} " Nothing was overwritten: each is kept exactly as it was."</p>
                    <ul class="attention">
                        {state.quarantined.get().into_iter().map(|q| {
                            let key = q.record_key.clone();
                            let asked = key.clone();
                            let is_asked = move || confirming.with(|c| c.as_deref() == Some(asked.as_str()));
                            let file = format!("{}.txt", q.original_key.replace(['/', ':'], "-"));
                            view! {
                                <li>
                                    {match q.customer_name.clone() {
                                        Some(name) => view! { <strong>{name}</strong> " (" <code>{q.original_key.clone()}</code> ")" }.into_any(),
                                        None => view! { <code>{q.original_key.clone()}</code> }.into_any(),
                                    }}
                                    ": " {q.reason.clone()} ". Moved aside " {q.moved_at.clone()} "."
                                    <span class="button-row">
                                        <button type="button" on:click=raw_download(file, q.raw.clone())>"Download raw text"</button>
                                        {
                                            let key = key.clone();
                                            let is_asked = is_asked.clone();
                                            move || (!is_asked()).then(|| {
                                                let key = key.clone();
                                                view! {
                                                    <button type="button" class="danger" on:click=move |_| confirming.set(Some(key.clone()))>"Delete"</button>
                                                }
                                            })
                                        }
                                    </span>
                                    {
                                        move || is_asked().then(|| {
                                            let key = key.clone();
                                            view! {
                                                <span class="confirm-inline" role="group" aria-label="Delete for good?">
                                                    "Delete this entry for good? It is in no backup unless you exported one since it was moved aside. "
                                                    <button type="button" class="danger" on:click=move |_| {
                                                        confirming.set(None);
                                                        state.delete_quarantined(&key);
                                                    }>"Delete for good"</button>
                                                    " "
                                                    <button type="button" on:click=move |_| confirming.set(None)>"Keep it"</button>
                                                </span>
                                            }
                                        })
                                    }
                                </li>
                            }
                        }).collect_view()}
                        {state.newer.get().into_iter().map(|n| {
                            let file = format!("{}.txt", n.key);
                            view! {
                                <li>
                                    <strong>{n.customer_name.clone().unwrap_or_else(|| n.key.clone())}</strong>
                                    {format!(": written by a newer version of this app (schema version {}). It is left untouched here; open it with that version.", n.version)}
                                    <span class="button-row">
                                        <button type="button" on:click=raw_download(file, n.raw.clone())>"Download raw text"</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                        {state.unreadable.get().into_iter().map(|u| {
                            let file = format!("{}.txt", u.key);
                            view! {
                                <li>
                                    <code>{u.key.clone()}</code> ": " {u.reason.clone()} ". It could not be moved aside and stays where it is."
                                    <span class="button-row">
                                        <button type="button" on:click=raw_download(file, u.raw.clone())>"Download raw text"</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// The TAM's day: the engagements that need attention today, each with its reasons, the most
/// urgent first (`domain::documents::attention` decides).
#[component]
fn TodayList() -> impl IntoView {
    let state = use_app_state();
    let today = browser::today();
    let items = Memo::new(move |_| {
        state.engagements.with(|list| {
            let mut items: Vec<_> = list
                .iter()
                .filter_map(|e| {
                    let mut reasons = attention::reasons(e, today);
                    // A reply opened here and not all accepted: its link comes with the reason.
                    let waiting =
                        browser::setting(&format!("pending-reply.{}", e.id)).and_then(|fragment| {
                            let reply = Reply::decode(&fragment).ok()?;
                            attention::reply_waiting(&reply, e, today).map(|r| (r, fragment))
                        });
                    let reply_link = waiting.map(|(reason, fragment)| {
                        reasons.push(reason);
                        format!("{}#{fragment}", browser::href("/"))
                    });
                    (!reasons.is_empty())
                        .then(|| (e.id, e.customer_name.to_string(), reasons, reply_link))
                })
                .collect();
            items.sort_by_key(|(_, _, reasons, _)| reasons.iter().map(|r| r.by).min());
            items
        })
    });
    move || {
        items.with(|i| !i.is_empty()).then(|| view! {
            <section class="card card-attention" aria-labelledby="attention-heading">
                <h2 id="attention-heading">"Needs attention"</h2>
                <ul class="attention-list">
                    {items.get().into_iter().map(|(id, name, reasons, reply_link)| view! {
                        <li>
                            <A href=browser::href(&format!("/engagements/{id}"))>{name}</A>
                            <ul>
                                {reasons.into_iter().map(|r| view! { <li>{r.text}</li> }).collect_view()}
                            </ul>
                            {reply_link.map(|href| view! { <a href=href>"Review the customer's answers"</a> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}

/// The list's order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    LastChange,
    NextWindow,
}

impl Order {
    fn code(self) -> &'static str {
        match self {
            Order::LastChange => "",
            Order::NextWindow => "window",
        }
    }

    fn from_code(code: &str) -> Self {
        if code == "window" {
            Order::NextWindow
        } else {
            Order::LastChange
        }
    }
}

/// Every engagement, most recently changed first or by the next maintenance window, with a
/// search and a stage filter. The three live in the address, so that going back keeps them.
#[component]
fn EngagementList() -> impl IntoView {
    let state = use_app_state();
    let offset = browser::local_offset_minutes();
    let today = browser::today();
    let params = leptos_router::hooks::use_query_map();
    let navigate = leptos_router::hooks::use_navigate();
    let param = move |key: &'static str| {
        Memo::new(move |_| params.with(|p| p.get(key).unwrap_or_default()))
    };
    let query = param("q");
    let stage_filter = param("stage");
    let order =
        Memo::new(move |_| params.with(|p| Order::from_code(&p.get("sort").unwrap_or_default())));
    let set_param = Callback::new(move |(key, value): (&'static str, String)| {
        let mut next: Vec<(String, String)> = params.with_untracked(|p| {
            ["q", "stage", "sort"]
                .into_iter()
                .filter(|k| *k != key)
                .filter_map(|k| p.get(k).map(|v| (k.to_string(), v)))
                .collect()
        });
        if !value.is_empty() {
            next.push((key.to_string(), value));
        }
        next.sort();
        let search: Vec<String> = next
            .into_iter()
            .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(&v)))
            .collect();
        let path = if search.is_empty() {
            "/".to_string()
        } else {
            format!("/?{}", search.join("&"))
        };
        navigate(
            &path,
            leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    // Each engagement's row is derived once per revision: typing in the search or another
    // tab's save does not derive a thousand statuses again.
    let derived = StoredValue::new(HashMap::<EngagementId, Row>::new());
    let rows = Memo::new(move |_| {
        let needle = query.with(|q| q.trim().to_lowercase());
        let wanted = stage_filter.with(|code| Stage::from_code(code));
        let mut rows = state.engagements.with(|list| {
            derived
                .try_update_value(|cache| {
                    list.iter()
                        .filter(|e| {
                            needle.is_empty()
                                || e.customer_name.as_str().to_lowercase().contains(&needle)
                        })
                        .map(|e| match cache.get(&e.id) {
                            Some(row) if row.revision == e.revision => row.clone(),
                            _ => {
                                let row = Row::of(e, today);
                                cache.insert(e.id, row.clone());
                                row
                            }
                        })
                        .filter(|row| wanted.is_none_or(|w| row.status.stage == w))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        });
        if order.get() == Order::NextWindow {
            // Stable: the open ones by their window, then those without a window ahead by last
            // change, then the finished ones (done or rolled back).
            rows.sort_by_key(|row| match (row.finished, row.next_window) {
                (true, _) => (2, None),
                (false, Some(d)) => (0, Some(d)),
                (false, None) => (1, None),
            });
        }
        rows
    });
    let is_empty = move || state.engagements.with(Vec::is_empty);
    view! {
        <section class="card" aria-labelledby="list-heading">
            <h2 id="list-heading" tabindex="-1">"All engagements"</h2>
            <Show
                when=move || !is_empty()
                fallback=|| {
                    view! {
                        <p class="empty-state">
                            "No engagements yet. Enter a customer's name above and choose "
                            "“Create new engagement” to start planning their move."
                        </p>
                    }
                }
            >
                <ListTools query=query stage_filter=stage_filter order=order set_param=set_param/>
                <Show
                    when=move || rows.with(|r| !r.is_empty())
                    fallback=|| view! { <p class="empty-state">"No engagement matches the search and filter."</p> }
                >
                    <ListTable rows=rows order=order offset=offset/>
                </Show>
            </Show>
        </section>
    }
}

/// The list's search, stage filter and order, each kept in the address.
#[component]
fn ListTools(
    query: Memo<String>,
    stage_filter: Memo<String>,
    order: Memo<Order>,
    set_param: Callback<(&'static str, String)>,
) -> impl IntoView {
    view! {
        <div class="list-tools" role="search">
            <div class="field">
                <label for="search-customers">"Search customers"</label>
                <input
                    id="search-customers"
                    type="search"
                    prop:value=move || query.get()
                    on:input=move |ev| set_param.run(("q", event_target_value(&ev)))
                />
            </div>
            <div class="field">
                <label for="filter-stage">"Filter by stage"</label>
                <select id="filter-stage" prop:value=move || stage_filter.get() on:change=move |ev| set_param.run(("stage", event_target_value(&ev)))>
                    <option value="" selected=move || stage_filter.with(String::is_empty)>"All stages"</option>
                    {Stage::ALL
                        .iter()
                        .map(|s| {
                            let code = s.code();
                            view! { <option value=code selected=move || stage_filter.with(|f| f == code)>{s.label()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="sort-list">"Sort by"</label>
                <select id="sort-list" prop:value=move || order.get().code() on:change=move |ev| set_param.run(("sort", event_target_value(&ev)))>
                    <option value="" selected=move || order.get() == Order::LastChange>"Last change"</option>
                    <option value="window" selected=move || order.get() == Order::NextWindow>"Next maintenance window"</option>
                </select>
            </div>
        </div>
    }
}

/// The engagements as a table; ordered by the next window, with a "Next window" column.
#[component]
fn ListTable(rows: Memo<Vec<Row>>, order: Memo<Order>, offset: i32) -> impl IntoView {
    let by_window = move || order.get() == Order::NextWindow;
    view! {
        <div class="table-scroll">
            <table class="engagement-list">
                <thead>
                    <tr>
                        <th scope="col">"Customer"</th>
                        <th scope="col">"Stage"</th>
                        {move || by_window().then(|| view! { <th scope="col">"Next window"</th> })}
                        <th scope="col">"Next action"</th>
                        <th scope="col">"Last changed"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.get().into_iter().map(move |row| (by_window(), row))
                        key=|(by_window, row)| (row.id, row.revision, *by_window)
                        children=move |(by_window, row)| view! { <EngagementRow row=row offset=offset by_window=by_window/> }
                    />
                </tbody>
            </table>
        </div>
    }
}

/// What one engagement's row shows, derived from one revision.
#[derive(Clone, PartialEq)]
struct Row {
    id: EngagementId,
    revision: u64,
    name: String,
    updated: time::OffsetDateTime,
    status: Status,
    next_window: Option<time::Date>,
    /// When the window starts, with its zone ("—" without one).
    window: String,
    /// Done or rolled back: after the open ones in the window order.
    finished: bool,
}

impl Row {
    fn of(e: &Engagement, today: time::Date) -> Self {
        Row {
            id: e.id,
            revision: e.revision,
            name: e.customer_name.to_string(),
            updated: e.updated,
            status: workflow::status(e, today),
            next_window: attention::next_window(e, today),
            window: attention::when(e),
            finished: attention::is_finished(e),
        }
    }
}

/// One engagement in the list.
#[component]
fn EngagementRow(row: Row, offset: i32, by_window: bool) -> impl IntoView {
    let state = use_app_state();
    let Row {
        id,
        name,
        updated,
        status,
        next_window,
        window,
        ..
    } = row;
    // The window's start while it is ahead; a finished one's is history.
    let window = next_window.map(|_| window).unwrap_or_else(|| "—".into());
    let href = browser::href(&format!("/engagements/{id}"));
    let updated_iso = time_fmt::rfc3339(updated);
    view! {
        <tr>
            <th scope="row">
                <a href=href.clone()>{name}</a>
            </th>
            // Each cell names its column, which a phone shows where the rows stack.
            <td data-label="Stage">{status.stage.label()}</td>
            {by_window.then(|| view! { <td data-label="Next window">{window}</td> })}
            <td data-label="Next action">
                {status.next_action}
                {status
                    .warnings
                    .into_iter()
                    .map(|w| view! { <p class="row-warning" data-rule=w.rule.id()>"Warning: " {w.text}</p> })
                    .collect_view()}
            </td>
            <td data-label="Last changed">
                <time datetime=updated_iso>
                    {time_fmt::format_local(updated, offset)}
                </time>
            </td>
            <td class="actions">
                <a href=href class="button">"Open"</a>
                <button type="button" on:click=move |_| state.duplicate(id)>"Duplicate"</button>
                <button type="button" class="danger" on:click=move |_| {
                    state.delete(id);
                    browser::focus_soon("#undo-delete".into());
                }>
                    "Delete"
                </button>
            </td>
        </tr>
    }
}
