//! The recommended architecture drawn as an SVG from `domain::sizing::diagram`: groups as boxes with
//! their components, node counts and machine types, tiers from the users down, arrows between
//! the groups that talk to each other. The component table beside it says the same in text.

use leptos::prelude::*;

use crate::domain::sizing::diagram::{diagram, Diagram, Group};
use crate::domain::sizing::Recommendation;

/// Drawn at its own size (one unit a pixel), so its smallest text is 12 px wherever it is shown;
/// wide enough for five boxes of the longest names side by side. A narrow screen scrolls it.
const WIDTH: f64 = 1060.0;
const GAP: f64 = 12.0;
const LINE: f64 = 16.0;
const ROW_GAP: f64 = 34.0;
const SITE_TITLE: f64 = 22.0;

fn group_height(g: &Group) -> f64 {
    26.0 + g.nodes.len() as f64 * 2.0 * LINE + 6.0
}

struct Placed<'a> {
    group: &'a Group,
    row: usize,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

fn place(d: &Diagram, top: f64) -> (Vec<Placed<'_>>, f64) {
    let mut placed = Vec::new();
    let mut y = top;
    for (index, row) in d.tiers.iter().enumerate() {
        let n = row.len() as f64;
        let w = ((WIDTH - GAP * (n + 1.0)) / n).min(300.0);
        let total = w * n + GAP * (n - 1.0);
        let mut x = (WIDTH - total) / 2.0;
        let h = row.iter().map(group_height).fold(0.0, f64::max);
        for group in row {
            placed.push(Placed {
                group,
                row: index,
                x,
                y,
                w,
                h: group_height(group),
            });
            x += w + GAP;
        }
        y += h + ROW_GAP;
    }
    (placed, y - ROW_GAP)
}

fn site(d: &Diagram, top: f64, title: Option<&'static str>) -> (AnyView, f64) {
    let start = top + if title.is_some() { SITE_TITLE } else { 0.0 };
    let (placed, bottom) = place(d, start);
    let find = |id: &str| placed.iter().find(|p| p.group.id == id);
    let edges = d
        .edges
        .iter()
        .filter_map(|(from, to)| Some((find(from)?, find(to)?)))
        .map(|(a, b)| {
            let points = if b.row == a.row + 1 {
                // The next tier: straight down.
                vec![(a.x + a.w / 2.0, a.y + a.h), (b.x + b.w / 2.0, b.y)]
            } else if b.row > a.row {
                // Past a tier: out of the source's side and around the tier between.
                let side = a.x + a.w + 14.0;
                vec![
                    (a.x + a.w, a.y + a.h * 0.7),
                    (side, a.y + a.h * 0.7),
                    (side, b.y - 10.0),
                    (b.x + b.w / 2.0, b.y - 10.0),
                    (b.x + b.w / 2.0, b.y),
                ]
            } else {
                // Upward (monitoring reaches the application): up its own column, into the side.
                vec![
                    (a.x + a.w / 2.0, a.y),
                    (a.x + a.w / 2.0, b.y + b.h * 0.3),
                    (b.x + b.w, b.y + b.h * 0.3),
                ]
            };
            let upward = b.row < a.row;
            let points = points
                .iter()
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect::<Vec<_>>()
                .join(" ");
            view! { <polyline points=points class=if upward { "edge edge-side" } else { "edge" } marker-end="url(#arrow)"/> }
        })
        .collect_view();
    let boxes = placed
        .iter()
        .map(|p| {
            let (x, y, w, h) = (p.x, p.y, p.w, p.h);
            view! {
                <g class=format!("group group-{}", p.group.id)>
                    <rect x=x y=y width=w height=h rx=6.0/>
                    <text x=x + 8.0 y=y + 17.0 class="group-label">{p.group.label}</text>
                    {p.group.nodes.iter().enumerate().map(|(i, n)| {
                        let ny = y + 26.0 + i as f64 * 2.0 * LINE + 12.0;
                        view! {
                            <text x=x + 10.0 y=ny class="node-label">{n.label.clone()}</text>
                            <text x=x + 10.0 y=ny + LINE class="node-detail">{n.detail.clone()}</text>
                        }
                    }).collect_view()}
                </g>
            }
        })
        .collect_view();
    let title = title.map(|t| view! { <text x=0.0 y=top + 15.0 class="site-label">{t}</text> });
    (view! { {title} {edges} {boxes} }.into_any(), bottom)
}

/// The diagram of a recommendation, named "Architecture diagram" for assistive technology.
#[component]
pub fn ArchitectureDiagram(rec: Recommendation) -> impl IntoView {
    let d = diagram(&rec);
    let (first, mut height) = site(&d, 0.0, (d.sites > 1).then_some("Primary site"));
    let second = (d.sites > 1).then(|| {
        let top = height + ROW_GAP;
        let (view, bottom) = site(&d, top + 20.0, Some("Secondary site (Geo): sized on its own, may be smaller"));
        let arrow = view! {
            <line x1=WIDTH / 2.0 y1=height + 4.0 x2=WIDTH / 2.0 y2=top + 18.0 class="edge edge-geo" marker-end="url(#arrow)"/>
            <text x=WIDTH / 2.0 + 8.0 y=top + 8.0 class="node-detail">"Geo replication"</text>
        };
        height = bottom;
        view! { {arrow} {view} }
    });
    let full = RwSignal::new(false);
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            full.set(false);
        }
    };
    view! {
        <figure
            class=move || if full.get() { "architecture-diagram full-size" } else { "architecture-diagram" }
            on:keydown=close_on_escape
        >
            <button type="button" class="small no-print" aria-pressed=move || full.get().to_string() on:click=move |_| full.update(|f| *f = !*f)>
                {move || if full.get() { "Close full size" } else { "Open full size" }}
            </button>
            <div class="diagram-scroll" tabindex="0" role="region" aria-label="Architecture diagram, scrolls sideways">
            // Named by its title, not aria-label: the intake's "Architecture diagram" field (the
            // customer's own diagram) keeps that label to itself.
            <svg viewBox=format!("0 0 {WIDTH} {}", height + 4.0) width=WIDTH height=height + 4.0 role="img">
                // SVG's own <title> (the view macro would make an HTML one).
                {leptos::tachys::svg::title().child("Architecture diagram")}
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z"/>
                    </marker>
                </defs>
                {first}
                {second}
            </svg>
            </div>
            <figcaption>"The architecture as GitLab's diagrams group it; the table below lists every component."</figcaption>
        </figure>
    }
}
