//! "Changes since": what was handed over at each hand-off, compared with another hand-off or
//! with the engagement now, as one table.

use leptos::prelude::*;

use crate::domain::documents::compare;
use crate::domain::engagement::snapshots::Snapshot;
use crate::domain::engagement::Engagement;
use crate::domain::text::time_fmt;
use crate::ui::widgets::changes::ChangesTable;

/// The value of the "now" option.
const NOW: &str = "now";

/// "Shared with Support, 2026-11-25 10:00 UTC" (the kind names the reader).
fn option_label(s: &Snapshot) -> String {
    format!(
        "{}, {} UTC",
        s.kind.label(),
        time_fmt::clock(time_fmt::to_utc(s.at))
    )
}

/// The snapshot an option's value names (its revision), or `None` for now.
fn pick(e: &Engagement, value: &str) -> Option<Snapshot> {
    let revision: u64 = value.parse().ok()?;
    e.snapshots.iter().find(|s| s.revision == revision).cloned()
}

/// Two pickers ("From", "To") over the snapshots and now, and the table between them, in a
/// section closed until the TAM opens it (nothing is compared until then); it opens on the
/// latest hand-off against now.
#[component]
pub fn ChangesSince(engagement: Memo<Option<Engagement>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let from = RwSignal::new(None::<String>);
    let to = RwSignal::new(NOW.to_string());
    let options = move |selected: String| {
        engagement.with(|e| {
            let mut list: Vec<(String, String)> = e
                .iter()
                .flat_map(|e| e.snapshots.iter().rev())
                .map(|s| (s.revision.to_string(), option_label(s)))
                .collect();
            list.insert(0, (NOW.to_string(), "Now".to_string()));
            list.into_iter()
                .map(|(value, label)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{label}</option> }
                })
                .collect_view()
        })
    };
    // The latest hand-off, until the TAM picks another.
    let from_value = move || {
        from.get().unwrap_or_else(|| {
            engagement
                .with(|e| {
                    e.as_ref()
                        .and_then(|e| e.snapshots.last())
                        .map(|s| s.revision.to_string())
                })
                .unwrap_or_else(|| NOW.to_string())
        })
    };
    let table = move || {
        let (from, to) = (from_value(), to.get());
        engagement.with(|e| {
            let e = e.as_ref()?;
            let (a, b) = (pick(e, &from), pick(e, &to));
            let changes = compare::between(e, a.as_ref(), b.as_ref());
            Some(if changes.is_empty() {
                view! { <p role="status">"Nothing differs between these two."</p> }.into_any()
            } else {
                view! { <ChangesTable caption="Changes between the two".to_string() changes=changes/> }
                    .into_any()
            })
        })
    };
    let any = move || engagement.with(|e| e.as_ref().is_some_and(|e| !e.snapshots.is_empty()));
    view! {
        <section class="card" aria-labelledby="changes-since-heading">
            // Closed until wanted: the page stays short, the heading still names the section,
            // and nothing is compared while a change is typed elsewhere on the page.
            <details class="changes-since" prop:open=move || open.get()>
            <summary on:click=move |ev| {
                ev.prevent_default();
                open.update(|o| *o = !*o);
            }><h2 id="changes-since-heading">"Changes since"</h2></summary>
            <Show
                when=any
                fallback=|| view! {
                    <p>"Nothing was handed over yet. What a reader saw is kept each time the plan is shared with Support, the Support packet is downloaded or its issue opened, a customer link is made, a plan is recorded or the migration is scheduled."</p>
                }
            >
                <Show when=move || open.get()>
                <p class="hint">"What each reader saw is kept at each hand-off (up to ten, the oldest going first). Compared as the customer sees it when either side is the customer's link."</p>
                <div class="field-row">
                    <div class="field">
                        <label for="changes-from">"From"</label>
                        <select id="changes-from" on:change=move |ev| from.set(Some(event_target_value(&ev)))>
                            {move || options(from_value())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="changes-to">"To"</label>
                        <select id="changes-to" on:change=move |ev| to.set(event_target_value(&ev))>
                            {move || options(to.get())}
                        </select>
                    </div>
                </div>
                {table}
                </Show>
            </Show>
            </details>
        </section>
    }
}
