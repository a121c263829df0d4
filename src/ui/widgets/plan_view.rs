//! The plan as a read-only document: the customer's view of a shared link, and the print view.
//! Both render the reader's outline (`domain::documents::outline`), as the Markdown does.

use leptos::prelude::*;

use crate::domain::documents::blocks::{Role, Table};
use crate::domain::documents::outline::{self, Block, Inline};
use crate::domain::documents::plan::Audience;
use crate::domain::engagement::Engagement;
use crate::domain::process::workflow::Stage;
use crate::domain::sizing::Finding;
use crate::domain::text::links::safe_href;
use crate::ui::platform::browser;
use crate::ui::widgets::chart::ProjectionChart;
use crate::ui::widgets::diagram::ArchitectureDiagram;

/// A heading at `level` (1 to 4) of the document's outline; a table's title has no id.
fn heading(level: u8, id: Option<&'static str>, text: String) -> AnyView {
    match level {
        1 => view! { <h1 id=id>{text}</h1> }.into_any(),
        2 => view! { <h2 id=id>{text}</h2> }.into_any(),
        3 => view! { <h3 id=id>{text}</h3> }.into_any(),
        _ => view! { <h4 id=id>{text}</h4> }.into_any(),
    }
}

fn inlines(runs: Vec<Inline>) -> AnyView {
    runs.into_iter()
        .map(|run| match run {
            Inline::Text(text) => text.into_any(),
            Inline::Strong(text) => view! { <strong>{text}</strong> }.into_any(),
            Inline::Tag(text) => view! { " " <span class="badge">{text}</span> }.into_any(),
            Inline::Link { label, url } => match safe_href(&url) {
                Some(href) => view! {
                    <a href=href rel="noopener noreferrer" target="_blank">{label}</a>
                }
                .into_any(),
                // Not a web or mail address: shown as the text it is.
                None => url.into_any(),
            },
        })
        .collect_view()
        .into_any()
}

/// One block of an outline on the page; subsections get headings of `level`.
pub fn block(b: Block, level: u8) -> AnyView {
    match b {
        Block::Para(runs) => view! { <p>{inlines(runs)}</p> }.into_any(),
        Block::Facts(facts) => view! {
            <dl class="facts">
                {facts.into_iter().map(|(label, value)| view! {
                    <dt>{label}</dt><dd>{inlines(value)}</dd>
                }).collect_view()}
            </dl>
        }
        .into_any(),
        Block::Items(items) => view! {
            <ul class="plain-list">
                {items.into_iter().map(|item| view! { <li>{inlines(item)}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Block::Checklist(items) => view! {
            <ul class="checklist">
                {items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Block::Warnings(warnings) => view! {
            <ul class="warnings" aria-label="Warnings">
                {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Block::Quote(text) => view! { <p class="pre">{text}</p> }.into_any(),
        Block::Stages(current) => view! {
            <ol class="stages">
                {Stage::ALL.iter().enumerate().map(|(i, s)| {
                    let class = match i.cmp(&current) {
                        std::cmp::Ordering::Less => "stage stage-done",
                        std::cmp::Ordering::Equal => "stage stage-current",
                        std::cmp::Ordering::Greater => "stage stage-todo",
                    };
                    view! { <li class=class aria-current=(i == current).then_some("step")>{s.label()}</li> }
                }).collect_view()}
            </ol>
        }
        .into_any(),
        Block::Marked(role, runs) => {
            let class = match role {
                Role::Headline => "rec-name",
                Role::Total => "totals",
                Role::Note => "hint",
                Role::Footnote => "data-version",
            };
            view! { <p class=class>{inlines(runs)}</p> }.into_any()
        }
        Block::Table(t) => table(t, level),
        Block::Findings {
            numbered,
            warnings,
            findings,
        } => {
            let class = if warnings { "warnings" } else { "" };
            let items = findings.into_iter().map(finding).collect_view();
            if numbered {
                view! { <ol class=class>{items}</ol> }.into_any()
            } else {
                view! { <ul class=class>{items}</ul> }.into_any()
            }
        }
        Block::Diagram(rec) => view! { <ArchitectureDiagram rec=*rec/> }.into_any(),
        Block::Chart(rec, users, growth) => {
            view! { <ProjectionChart current_users=users growth=growth rec=*rec/> }.into_any()
        }
        Block::Log(entries) => view! {
            <ol class="log">
                {entries.into_iter().map(|(at, on, text)| view! {
                    <li>{on.unwrap_or(at.date()).to_string()} " " {text}</li>
                }).collect_view()}
            </ol>
        }
        .into_any(),
        Block::Sub {
            id,
            heading: text,
            blocks,
        } => view! {
            <section aria-labelledby=id>
                {heading(level, Some(id), text)}
                {blocks.into_iter().map(|b| block(b, level + 1)).collect_view()}
            </section>
        }
        .into_any(),
    }
}

/// A reason, warning or piece of advice, with its GitLab source.
fn finding(f: Finding) -> impl IntoView {
    view! {
        <li data-rule=f.rule.id()>
            {f.text}
            " "
            <a href=f.source.url() target="_blank" rel="noopener noreferrer" class="source">
                "Source: " {f.source.title()}
            </a>
        </li>
    }
}

/// A table that scrolls sideways on a narrow screen; focusable, so the keyboard scrolls it too.
fn table(t: Table, level: u8) -> AnyView {
    let title = t
        .titled
        .then(|| heading(level.max(2), None, t.label.clone()));
    let figures: Vec<bool> = t.columns.iter().map(|c| c.figures).collect();
    let header = t
        .columns
        .into_iter()
        .map(|c| view! { <th scope="col">{c.heading}</th> })
        .collect_view();
    let rows = t
        .rows
        .into_iter()
        .map(|row| {
            let mut cells = row.into_iter();
            let name = cells.next().unwrap_or_default();
            let cells = cells
                .zip(figures.iter().skip(1))
                .map(|(cell, figure)| view! { <td class=figure.then_some("num")>{cell}</td> })
                .collect_view();
            view! { <tr><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        {title}
        <p class="scroll-hint">"The table scrolls sideways: every column is there."</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=t.label>
            <table class="components">
                <thead><tr>{header}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Every part of the plan, read-only, for one audience, in the order of that reader's outline.
///
/// For the customer the plan is the whole page: its title is the page's heading, and
/// `children` (the page's own buttons) follow it. For the TAM it is a part of the engagement
/// page (the print view), one heading level down.
#[component]
pub fn PlanDocument(
    engagement: Engagement,
    today: time::Date,
    audience: Audience,
    #[prop(optional)] children: Option<Children>,
    /// Drawn as the document's second section (the customer's part, while it has open items).
    #[prop(default = None)]
    second: Option<ViewFn>,
) -> impl IntoView {
    let outline = outline::build(&engagement, today, audience);
    let top = match audience {
        Audience::Customer => 1,
        Audience::Tam | Audience::Support => 2,
    };
    let section = move |section: outline::Section| {
        let class = if section.id == "plan-architecture-heading" {
            "result"
        } else {
            ""
        };
        view! {
            <section class=class aria-labelledby=section.id>
                {heading(top + 1, Some(section.id), section.heading)}
                {section.blocks.into_iter().map(|b| block(b, top + 2)).collect_view()}
            </section>
        }
    };
    // The customer's page is the plan: its first screen (the next step and the recommended
    // architecture, which the customer's outline puts first) is drawn at once, the rest just
    // after the browser has painted it.
    let mut first = outline.sections;
    let rest = match audience {
        Audience::Customer if first.len() > FIRST_SCREEN => first.split_off(FIRST_SCREEN),
        _ => Vec::new(),
    };
    let painted = (!rest.is_empty()).then(browser::after_first_paint);
    let rest = StoredValue::new(rest);
    view! {
        <article class="plan-document" aria-labelledby="plan-title">
            {heading(top, Some("plan-title"), outline.title)}
            {children.map(|children| children())}
            <p class="plan-intro">{outline.intro}</p>
            {first.into_iter().enumerate().map(|(i, s)| {
                let extra = (i == 0).then(|| second.clone().map(|v| v.run()));
                view! { {section(s)} {extra} }
            }).collect_view()}
            {move || painted.is_some_and(|p| p.get()).then(|| rest.get_value().into_iter().map(section).collect_view())}
        </article>
    }
}

/// How many of the customer's sections make the first screen (see `PlanDocument`).
const FIRST_SCREEN: usize = 2;
