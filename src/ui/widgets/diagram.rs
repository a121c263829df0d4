//! The recommended architecture drawn as an SVG from `domain::sizing::diagram`: groups as boxes with
//! their components, node counts and machine types, tiers from the users down, arrows between
//! the groups that talk to each other. The component table beside it says the same in text.

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::ui::widgets::dom::{add, listen, set, Dom};

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

fn site(dom: &Dom, svg: &Element, d: &Diagram, top: f64, title: Option<&'static str>) -> f64 {
    let start = top + if title.is_some() { SITE_TITLE } else { 0.0 };
    let (placed, bottom) = place(d, start);
    if let Some(t) = title {
        let text = dom.svg(
            "text",
            &[("x", "0"), ("y", &num(top + 15.0)), ("class", "site-label")],
        );
        text.set_text_content(Some(t));
        add(svg, &text);
    }
    let find = |id: &str| placed.iter().find(|p| p.group.id == id);
    for (a, b) in d
        .edges
        .iter()
        .filter_map(|(from, to)| Some((find(from)?, find(to)?)))
    {
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
        add(
            svg,
            &dom.svg(
                "polyline",
                &[
                    ("points", &points),
                    ("class", if upward { "edge edge-side" } else { "edge" }),
                    ("marker-end", "url(#arrow)"),
                ],
            ),
        );
    }
    for p in &placed {
        let (x, y, w, h) = (p.x, p.y, p.w, p.h);
        let g = dom.svg("g", &[("class", &format!("group group-{}", p.group.id))]);
        add(
            &g,
            &dom.svg(
                "rect",
                &[
                    ("x", &num(x)),
                    ("y", &num(y)),
                    ("width", &num(w)),
                    ("height", &num(h)),
                    ("rx", "6"),
                ],
            ),
        );
        let label = |gx: f64, gy: f64, class: &str, text: &str| {
            let t = dom.svg(
                "text",
                &[("x", &num(gx)), ("y", &num(gy)), ("class", class)],
            );
            t.set_text_content(Some(text));
            add(&g, &t);
        };
        label(x + 8.0, y + 17.0, "group-label", p.group.label);
        for (i, n) in p.group.nodes.iter().enumerate() {
            let ny = y + 26.0 + i as f64 * 2.0 * LINE + 12.0;
            label(x + 10.0, ny, "node-label", &n.label);
            label(x + 10.0, ny + LINE, "node-detail", &n.detail);
        }
        add(svg, &g);
    }
    bottom
}

/// A coordinate as SVG takes it.
fn num(v: f64) -> String {
    v.to_string()
}

/// The diagram of a recommendation, named "Architecture diagram" for assistive technology, with
/// its "Open full size" button.
pub fn architecture_diagram(dom: &Dom, rec: &Recommendation) -> Element {
    let d = diagram(rec);
    let svg = dom.svg("svg", &[("role", "img")]);
    // SVG's own <title>: named by its title, not aria-label, since the intake's "Architecture
    // diagram" field (the customer's own diagram) keeps that label to itself.
    let title = dom.svg("title", &[]);
    title.set_text_content(Some("Architecture diagram"));
    add(&svg, &title);
    let defs = dom.svg("defs", &[]);
    let marker = dom.svg(
        "marker",
        &[
            ("id", "arrow"),
            ("viewBox", "0 0 10 10"),
            ("refX", "9"),
            ("refY", "5"),
            ("markerWidth", "7"),
            ("markerHeight", "7"),
            ("orient", "auto-start-reverse"),
        ],
    );
    add(&marker, &dom.svg("path", &[("d", "M 0 0 L 10 5 L 0 10 z")]));
    add(&defs, &marker);
    add(&svg, &defs);
    let mut height = site(dom, &svg, &d, 0.0, (d.sites > 1).then_some("Primary site"));
    if d.sites > 1 {
        let top = height + ROW_GAP;
        let mid = num(WIDTH / 2.0);
        add(
            &svg,
            &dom.svg(
                "line",
                &[
                    ("x1", &mid),
                    ("y1", &num(height + 4.0)),
                    ("x2", &mid),
                    ("y2", &num(top + 18.0)),
                    ("class", "edge edge-geo"),
                    ("marker-end", "url(#arrow)"),
                ],
            ),
        );
        let geo = dom.svg(
            "text",
            &[
                ("x", &num(WIDTH / 2.0 + 8.0)),
                ("y", &num(top + 8.0)),
                ("class", "node-detail"),
            ],
        );
        geo.set_text_content(Some("Geo replication"));
        add(&svg, &geo);
        height = site(
            dom,
            &svg,
            &d,
            top + 20.0,
            Some("Secondary site (Geo): sized on its own, may be smaller"),
        );
    }
    set(&svg, "viewBox", &format!("0 0 {WIDTH} {}", height + 4.0));
    set(&svg, "width", &num(WIDTH));
    set(&svg, "height", &num(height + 4.0));
    let figure = dom.el_with("figure", &[("class", "architecture-diagram")]);
    let button = dom.el_text(
        "button",
        &[
            ("type", "button"),
            ("class", "small no-print"),
            ("aria-pressed", "false"),
        ],
        "Open full size",
    );
    listen(&button, "click", "diagram-full-size", |ev| {
        if let Some(figure) = target_figure(&ev) {
            show_full_size(&figure, !figure.class_list().contains("full-size"));
        }
    });
    listen(&figure, "keydown", "diagram-escape", |ev| {
        let escape = ev
            .dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|k| k.key() == "Escape");
        if let Some(figure) = escape.then(|| target_figure(&ev)).flatten() {
            show_full_size(&figure, false);
        }
    });
    add(&figure, &button);
    let scroll = dom.el_with(
        "div",
        &[
            ("class", "diagram-scroll"),
            ("tabindex", "0"),
            ("role", "region"),
            ("aria-label", "Architecture diagram, scrolls sideways"),
        ],
    );
    add(&scroll, &svg);
    add(&figure, &scroll);
    add(
        &figure,
        &dom.el_text(
            "figcaption",
            &[],
            "The architecture as GitLab's diagrams group it; the table below lists every component.",
        ),
    );
    figure
}

/// The diagram's figure an event happened in.
fn target_figure(ev: &web_sys::Event) -> Option<Element> {
    ev.current_target()?
        .dyn_into::<Element>()
        .ok()?
        .closest("figure.architecture-diagram")
        .ok()
        .flatten()
}

fn show_full_size(figure: &Element, full: bool) {
    let _ = figure.class_list().toggle_with_force("full-size", full);
    if let Ok(Some(button)) = figure.query_selector(":scope > button") {
        set(&button, "aria-pressed", if full { "true" } else { "false" });
        button.set_text_content(Some(if full {
            "Close full size"
        } else {
            "Open full size"
        }));
    }
}
