//! The recommended architecture drawn as an SVG from `domain::sizing::diagram`: groups as boxes with
//! their components, node counts and machine types, tiers from the users down, arrows between
//! the groups that talk to each other. The component table beside it says the same in text.

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::ui::widgets::dom::{add, listen, set, Dom};

use crate::domain::sizing::diagram::{diagram, Diagram, Group};
use crate::domain::sizing::Recommendation;

/// The widths the diagram is drawn at, each at its own size (one unit a pixel), so that its
/// smallest text is 12 px wherever it is shown: the widest for a wide column and "Open full
/// size", one for the engagement page's column, one for a phone. The page shows the widest that
/// fits its room (a container query in the style sheet), so it never needs sideways scrolling.
const LAYOUTS: [(f64, &str); 3] = [(1060.0, "wide"), (520.0, "mid"), (310.0, "narrow")];
/// The narrowest a box is drawn before its tier wraps onto another row.
const MIN_BOX: f64 = 180.0;
/// Room right of the boxes, in the wrapped layouts, for the arrows that go around them.
const MARGIN: f64 = 22.0;
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

/// Where each group goes at `width`: tiers from the top, a tier wider than the room wrapping onto
/// rows of its own (stacked one a row on a phone).
fn place(d: &Diagram, top: f64, width: f64) -> (Vec<Placed<'_>>, f64) {
    let usable = width - margin(width);
    let fits = (((usable - GAP) / (MIN_BOX + GAP)).floor() as usize).max(1);
    let mut placed = Vec::new();
    let mut y = top;
    let mut row = 0;
    for tier in &d.tiers {
        let rows = tier.len().div_ceil(fits).max(1);
        let per_row = tier.len().div_ceil(rows).max(1);
        for chunk in tier.chunks(per_row) {
            let n = chunk.len() as f64;
            let w = ((usable - GAP * (n + 1.0)) / n).min(300.0);
            let total = w * n + GAP * (n - 1.0);
            let mut x = (usable - total) / 2.0;
            let h = chunk.iter().map(group_height).fold(0.0, f64::max);
            for group in chunk {
                placed.push(Placed {
                    group,
                    row,
                    x,
                    y,
                    w,
                    h: group_height(group),
                });
                x += w + GAP;
            }
            y += h + ROW_GAP;
            row += 1;
        }
    }
    (placed, y - ROW_GAP)
}

/// The room kept right of the boxes: none in the widest layout, whose arrows find their way
/// between boxes of one row.
fn margin(width: f64) -> f64 {
    if width >= LAYOUTS[0].0 {
        0.0
    } else {
        MARGIN
    }
}

/// An arrow's points from `a` to `b`; `lane` numbers its source among those whose arrows go
/// around other boxes.
fn route(a: &Placed, b: &Placed, width: f64, lane: usize) -> Vec<(f64, f64)> {
    // In the wrapped layouts, arrows that pass other boxes go down the margin, in a lane of
    // their source's own, and enter their target from the side: no two sources' lines join.
    let lane = width - margin(width) + 4.0 + (lane % 3) as f64 * 7.0;
    let wrapped = margin(width) > 0.0;
    if b.row == a.row + 1 {
        // The next row: straight down.
        vec![(a.x + a.w / 2.0, a.y + a.h), (b.x + b.w / 2.0, b.y)]
    } else if b.row > a.row && wrapped {
        vec![
            (a.x + a.w, a.y + a.h * 0.6),
            (lane, a.y + a.h * 0.6),
            (lane, b.y + b.h * 0.4),
            (b.x + b.w, b.y + b.h * 0.4),
        ]
    } else if b.row > a.row {
        // Past a row: out of the source's side and around the row between.
        let side = a.x + a.w + 14.0;
        vec![
            (a.x + a.w, a.y + a.h * 0.7),
            (side, a.y + a.h * 0.7),
            (side, b.y - 10.0),
            (b.x + b.w / 2.0, b.y - 10.0),
            (b.x + b.w / 2.0, b.y),
        ]
    } else if wrapped {
        // Upward (monitoring reaches the application): up the margin, into the side.
        vec![
            (a.x + a.w, a.y + a.h * 0.3),
            (lane, a.y + a.h * 0.3),
            (lane, b.y + b.h * 0.3),
            (b.x + b.w, b.y + b.h * 0.3),
        ]
    } else {
        // Upward in the widest layout: up its own column, into the side.
        vec![
            (a.x + a.w / 2.0, a.y),
            (a.x + a.w / 2.0, b.y + b.h * 0.3),
            (b.x + b.w, b.y + b.h * 0.3),
        ]
    }
}

/// Draws one site at `width` from `top`, under its title (cut after its colon onto a second line
/// when the room is narrow); returns where it ends.
fn site(
    dom: &Dom,
    svg: &Element,
    d: &Diagram,
    top: f64,
    width: f64,
    title: Option<&'static str>,
) -> f64 {
    let lines: Vec<&str> = match title {
        Some(t) if width < 600.0 => t.splitn(2, ": ").collect(),
        Some(t) => vec![t],
        None => Vec::new(),
    };
    let start = top + lines.len() as f64 * SITE_TITLE;
    let (placed, bottom) = place(d, start, width);
    for (i, line) in lines.iter().enumerate() {
        let text = dom.svg(
            "text",
            &[
                ("x", "0"),
                ("y", &num(top + 15.0 + i as f64 * SITE_TITLE)),
                ("class", if i == 0 { "site-label" } else { "node-detail" }),
            ],
        );
        text.set_text_content(Some(line));
        add(svg, &text);
    }
    let find = |id: &str| placed.iter().find(|p| p.group.id == id);
    // The sources whose arrows go around other boxes, in order: each one's lane.
    let mut around: Vec<&str> = Vec::new();
    for (a, b) in d
        .edges
        .iter()
        .filter_map(|(from, to)| Some((find(from)?, find(to)?)))
    {
        let upward = b.row < a.row;
        if b.row != a.row + 1 && !around.contains(&a.group.id) {
            around.push(a.group.id);
        }
        let lane = around.iter().position(|id| *id == a.group.id).unwrap_or(0);
        let points = route(a, b, width, lane)
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
                    ("data-from", a.group.id),
                    ("data-to", b.group.id),
                    ("class", if upward { "edge edge-side" } else { "edge" }),
                    ("marker-end", &format!("url(#arrow-{})", width as u32)),
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

/// The diagram of `d` drawn at `width`, named "Architecture diagram" for assistive technology;
/// `class` says which of the layouts it is, for the style sheet to choose.
fn drawing(dom: &Dom, d: &Diagram, width: f64, class: &str) -> Element {
    let svg = dom.svg(
        "svg",
        &[("role", "img"), ("class", &format!("layout-{class}"))],
    );
    // SVG's own <title>: named by its title, not aria-label, since the intake's "Architecture
    // diagram" field (the customer's own diagram) keeps that label to itself.
    let title = dom.svg("title", &[]);
    title.set_text_content(Some("Architecture diagram"));
    add(&svg, &title);
    let defs = dom.svg("defs", &[]);
    // One marker a layout: a hidden layout's marker would not draw the shown one's arrows.
    let marker = dom.svg(
        "marker",
        &[
            ("id", &format!("arrow-{}", width as u32)),
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
    let mut height = site(
        dom,
        &svg,
        d,
        0.0,
        width,
        (d.sites > 1).then_some("Primary site"),
    );
    if d.sites > 1 {
        let top = height + ROW_GAP;
        let mid = num(width / 2.0);
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
                    ("marker-end", &format!("url(#arrow-{})", width as u32)),
                ],
            ),
        );
        let geo = dom.svg(
            "text",
            &[
                ("x", &num(width / 2.0 + 8.0)),
                ("y", &num(top + 8.0)),
                ("class", "node-detail"),
            ],
        );
        geo.set_text_content(Some("Geo replication"));
        add(&svg, &geo);
        height = site(
            dom,
            &svg,
            d,
            top + 20.0,
            width,
            Some("Secondary site (Geo): sized on its own, may be smaller"),
        );
    }
    set(&svg, "viewBox", &format!("0 0 {width} {}", height + 4.0));
    set(&svg, "width", &num(width));
    set(&svg, "height", &num(height + 4.0));
    svg
}

/// The diagram of a recommendation in each of its layouts, with its "Open full size" button,
/// which shows the widest.
pub fn architecture_diagram(dom: &Dom, rec: &Recommendation) -> Element {
    let d = diagram(rec);
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
            (
                "aria-label",
                "Architecture diagram, drawn to fit; full size scrolls sideways",
            ),
        ],
    );
    for (width, class) in LAYOUTS {
        add(&scroll, &drawing(dom, &d, width, class));
    }
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
    // Wider than the screen, the drawing opens at its middle, where the users come in.
    if full {
        if let Ok(Some(scroll)) = figure.query_selector(".diagram-scroll") {
            let extra = scroll.scroll_width() - scroll.client_width();
            scroll.set_scroll_left(extra / 2);
        }
        figure.set_scroll_left((figure.scroll_width() - figure.client_width()) / 2);
    }
    if let Ok(Some(button)) = figure.query_selector(":scope > button") {
        set(&button, "aria-pressed", if full { "true" } else { "false" });
        button.set_text_content(Some(if full {
            "Close full size"
        } else {
            "Open full size"
        }));
    }
}
