//! The engagement's timeline, from the Professional Services decision to done, drawn as an SVG
//! with the same milestones as a list; and the cut-over's files: the calendar entry and the
//! runbook.

use leptos::prelude::*;

use crate::domain::documents::cutover::{self, Milestone, State, ASSUMPTIONS};
use crate::domain::documents::plan::file_name;
use crate::domain::documents::runbook;
use crate::domain::engagement::Engagement;
use crate::ui::platform::browser;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 150.0;
const LEFT: f64 = 24.0;
const RIGHT: f64 = 24.0;
const AXIS: f64 = 80.0;

/// How a placed milestone's date came about; nothing for one not placed ("not known yet").
fn state_text(m: &Milestone) -> Option<&'static str> {
    match m.state {
        State::Done => Some(" (done)"),
        State::Set => Some(" (set)"),
        State::Latest => Some(" (latest date, counted back)"),
        State::Unknown => None,
    }
}

/// The milestones placed on a line from today (or the first of them) to the last.
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
    let x =
        move |d: time::Date| LEFT + (d - first).whole_days() as f64 / span * (WIDTH - LEFT - RIGHT);
    let today_x = x(today);
    view! {
        <svg
            class="timeline-chart"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="img"
            aria-label="The timeline as a chart; the list below says the same"
        >
            <line x1=LEFT y1=AXIS x2=WIDTH - RIGHT y2=AXIS class="axis"/>
            <line x1=today_x y1=AXIS - 30.0 x2=today_x y2=AXIS + 30.0 class="today"/>
            <text x=today_x y=AXIS + 44.0 text-anchor="middle" class="today-label">"today"</text>
            {dated.into_iter().enumerate().map(|(n, m)| {
                let cx = x(m.date.unwrap_or(today));
                let above = n % 2 == 0;
                let y = if above { AXIS - 14.0 - (n % 4) as f64 * 7.0 } else { AXIS + 20.0 + (n % 4) as f64 * 7.0 };
                let class = if !m.marks.is_empty() {
                    "milestone milestone-marked"
                } else if m.state == State::Done {
                    "milestone milestone-done"
                } else {
                    "milestone"
                };
                view! {
                    <g class=class>
                        <circle cx=cx cy=AXIS r=5.0/>
                        <text x=cx y=y text-anchor="middle">{m.label}</text>
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
