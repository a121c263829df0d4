//! What changed between two versions of an engagement, as a table ("Field", "Then", "Now"),
//! from the domain's one comparison (`domain::documents::compare`).

use leptos::prelude::*;

use crate::domain::documents::compare::Change;

/// The changes as a table named by `caption`; a wide table scrolls on its own.
#[component]
pub fn ChangesTable(
    caption: String,
    changes: Vec<Change>,
    /// The two value columns' headings: "Then" and "Now" unless named.
    #[prop(optional)]
    heads: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    let (then, now) = heads.unwrap_or(("Then", "Now"));
    let rows = changes
        .into_iter()
        .map(|c| {
            view! {
                <tr>
                    <th scope="row">{c.field}</th>
                    <td data-label=then>{c.before}</td>
                    <td data-label=now>{c.after}</td>
                </tr>
            }
        })
        .collect_view();
    let label = caption.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            <table class="components changes">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Field"</th>
                        <th scope="col">{then}</th>
                        <th scope="col">{now}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
