//! The engagement's timeline, from the Professional Services decision to done, drawn as an SVG
//! with the same milestones as a list; and the cut-over's files: the calendar entry and the
//! runbook.

use leptos::prelude::*;

use crate::domain::documents::cutover::{self, Milestone, State, ASSUMPTIONS};
use crate::domain::documents::plan::file_name;
use crate::domain::documents::runbook;
use crate::domain::engagement::Engagement;
use crate::ui::platform::browser;

/// Each milestone has a row of its own, its name above its dot, so no two names ever meet;
/// across, a date is placed as a share of the room there is (the names are never scaled, so
/// they stay at the style sheet's size at any width).
const ROW: f64 = 32.0;
/// The top row, for "today".
const TOP: f64 = 18.0;
/// The line runs between these shares of the width, which keeps the dots whole at its ends.
const START: f64 = 2.5;
const END: f64 = 97.5;

/// How a placed milestone's date came about; nothing for one not placed ("not known yet").
fn state_text(m: &Milestone) -> Option<&'static str> {
    match m.state {
        State::Done => Some(" (done)"),
        State::Set => Some(" (set)"),
        State::Latest => Some(" (latest date, counted back)"),
        State::Unknown => None,
    }
}

/// The milestones placed on a line from today (or the first of them) to the last, one row each.
fn chart(list: &[Milestone], today: time::Date) -> impl IntoView {
    let dated: Vec<&Milestone> = list.iter().filter(|m| m.date.is_some()).collect();
    let dates = || {
        dated
            .iter()
            .filter_map(|m| m.date)
            .chain(std::iter::once(today))
    };
    let (first, last) = (
        dates().min().unwrap_or(today),
        dates().max().unwrap_or(today),
    );
    let span = ((last - first).whole_days().max(1)) as f64;
    let share = move |d: time::Date| START + (d - first).whole_days() as f64 / span * (END - START);
    let pc = |v: f64| format!("{v:.2}%");
    let today_x = share(today);
    let height = TOP + dated.len() as f64 * ROW + 4.0;
    // "today" reads from its mark into the chart, never past an edge.
    let (today_anchor, today_text_x) = if today_x < 50.0 {
        ("start", pc(today_x - 1.0))
    } else {
        ("end", pc(today_x + 1.0))
    };
    view! {
        <svg
            class="timeline-chart"
            height=height
            role="img"
            aria-label="The timeline as a chart; the list below says the same"
        >
            <text x=today_text_x y=TOP - 5.0 text-anchor=today_anchor class="today-label">"today"</text>
            {dated.into_iter().enumerate().map(|(n, m)| {
                let at = share(m.date.unwrap_or(today));
                let top = TOP + n as f64 * ROW;
                let class = if !m.marks.is_empty() {
                    "milestone milestone-marked"
                } else if m.state == State::Done {
                    "milestone milestone-done"
                } else {
                    "milestone"
                };
                // The name at the row's start, whole at any width; today marked on each line,
                // so no mark crosses a name.
                view! {
                    <g class=class>
                        <line x1=pc(START) y1=top + 22.0 x2=pc(END) y2=top + 22.0 class="axis"/>
                        <line x1=pc(today_x) y1=top + 15.0 x2=pc(today_x) y2=top + 29.0 class="today"/>
                        <circle cx=pc(at) cy=top + 22.0 r=5.0/>
                        <text x="0" y=top + 12.0>{m.label}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// The "Timeline" section of the engagement page.
#[component]
pub fn TimelineSection(engagement: Memo<Option<Engagement>>) -> impl IntoView {
    let today = browser::today();
    let message = RwSignal::new(None::<String>);
    let milestones = Memo::new(move |_| {
        engagement.with(|e| {
            e.as_ref()
                .map(|e| cutover::timeline(e, today))
                .unwrap_or_default()
        })
    });
    let download_calendar = move |_| {
        let Some(e) = engagement.get_untracked() else {
            return;
        };
        message.set(Some(match cutover::calendar(&e, browser::now()) {
            Ok(ics) => match browser::download(&file_name(&e, today, "ics"), "text/calendar", &ics)
            {
                Ok(()) => "Downloaded the calendar entry for the maintenance window.".into(),
                Err(err) => format!("The download did not start: {err}."),
            },
            Err(err) => err.to_string(),
        }));
    };
    let download_runbook = move |_| {
        let Some(e) = engagement.get_untracked() else {
            return;
        };
        let name = file_name(&e, today, "md").replace("-upgrade-plan-", "-cut-over-runbook-");
        message.set(Some(
            match browser::download(
                &name,
                "text/markdown",
                &runbook::runbook(&e, browser::today()),
            ) {
                Ok(()) => {
                    "Downloaded the runbook: paste it into a GitLab issue to tick the steps off."
                        .into()
                }
                Err(err) => format!("The download did not start: {err}."),
            },
        ));
    };
    view! {
        <section class="card timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            {move || chart(&milestones.get(), today)}
            {move || milestones.with(|list| list.iter().all(|m| m.date.is_none())).then(|| view! {
                <p class="hint">"Set the maintenance window or the desired completion to place the milestones."</p>
            })}
            <ol class="timeline-list">
                {move || milestones.get().into_iter().map(|m| {
                    let marks: Vec<String> = m.marks.iter().map(|k| k.text()).collect();
                    let marked = !marks.is_empty();
                    view! {
                        <li class:marked=marked data-key=m.key>
                            <strong>{m.label}</strong>
                            ": " {m.when()} {state_text(&m)}
                            {marked.then(|| view! { <span class="mark">" — " {marks.join("; ")}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <p class="hint">{ASSUMPTIONS}</p>
            <div class="button-row">
                <button type="button" on:click=download_calendar>"Download calendar entry"</button>
                <button type="button" on:click=download_runbook>"Download runbook"</button>
            </div>
            <p class="notice-line" role=move || message.with(Option::is_some).then_some("status")>{move || message.get()}</p>
        </section>
    }
}
