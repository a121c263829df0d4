//! The planner's read-only documents (the print view, the recommendation, the upgrade path),
//! drawn by the one outline renderer (`widgets::dom`) into an element of a view: the same
//! elements the customer's first screen draws, mounted from Leptos.

use leptos::prelude::*;

use crate::domain::documents::outline::{self, Block, Outline};
use crate::domain::documents::plan::Audience;
use crate::domain::engagement::Engagement;
use crate::ui::widgets::dom::{self, Dom};

/// Draws `blocks` into `el` (a directive: it runs as the element is made, and again, with new
/// blocks, when the view around it is drawn again over the same element).
fn draw_blocks(el: web_sys::Element, (blocks, level): (Vec<Block>, u8)) {
    el.set_text_content(None);
    if let Some(d) = Dom::new() {
        dom::blocks_into(&d, &el, &blocks, level);
    }
}

/// Draws the whole document into `el`.
fn draw_article(el: web_sys::Element, (outline, top): (Outline, u8)) {
    el.set_text_content(None);
    if let Some(d) = Dom::new() {
        dom::add(&el, &dom::article(&d, &outline, top));
    }
}

/// Blocks of a document, subsections at `level`, in a wrapper that takes no part in the layout.
#[component]
pub fn Blocks(blocks: Vec<Block>, level: u8) -> impl IntoView {
    view! { <div class="blocks" use:draw_blocks=(blocks, level)></div> }
}

/// Every part of the plan, read-only, for one reader, in the order of that reader's outline: a
/// part of the engagement page (the print view), one heading level down.
#[component]
pub fn PlanDocument(
    engagement: Engagement,
    today: time::Date,
    audience: Audience,
) -> impl IntoView {
    let outline = outline::build(&engagement, today, audience);
    view! { <div class="blocks" use:draw_article=(outline, 2u8)></div> }
}
