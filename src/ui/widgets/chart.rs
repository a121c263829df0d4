//! The projection chart: users over the planning horizon against each size's user capacity.

use web_sys::Element;

use crate::ui::widgets::dom::{add, Dom};

use crate::domain::sizing::reference::SizeKey;
use crate::domain::sizing::{format_number, projection_points, Growth, Recommendation};

/// The widths it is drawn at, each at its own size so that its text is 12 px: the style sheet
/// shows the wider where it fits, the narrower on a phone.
const LAYOUTS: [(f64, &str); 2] = [(480.0, "wide"), (300.0, "narrow")];
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 40.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 32.0;

/// An SVG line chart drawn by the app, in each of its layouts; its caption says the same in words.
pub fn projection_chart(
    dom: &Dom,
    current_users: u64,
    growth: Growth,
    rec: &Recommendation,
) -> Element {
    let points = projection_points(current_users, growth);
    let months = points.last().map(|p| p.0).unwrap_or(12).max(1);
    let caption = format!(
        "Projected users: {} today, {} after {months} months. The {} architecture covers up to {} users.",
        format_number(current_users as f64),
        format_number(rec.projected_users as f64),
        rec.size.short(),
        format_number(f64::from(rec.architecture().users))
    );
    let figure = dom.el_with("figure", &[("class", "chart")]);
    for (width, class) in LAYOUTS {
        add(&figure, &drawing(dom, &points, months, width, class, rec));
    }
    add(&figure, &dom.el_text("figcaption", &[], &caption));
    figure
}

/// The chart of `points`, over `months`, drawn at `width`.
fn drawing(
    dom: &Dom,
    points: &[(u32, f64)],
    months: u32,
    width: f64,
    class: &str,
    rec: &Recommendation,
) -> Element {
    let peak = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let ceiling = SizeKey::ALL
        .into_iter()
        .map(|k| f64::from(k.size().users))
        .find(|users| *users >= peak)
        .unwrap_or(peak);
    let y_max = ceiling * 1.15;
    let x = move |m: f64| LEFT + m / f64::from(months) * (width - LEFT - RIGHT);
    let y = move |users: f64| TOP + (1.0 - users / y_max) * (HEIGHT - TOP - BOTTOM);
    let n = |v: f64| v.to_string();
    let svg = dom.svg(
        "svg",
        &[
            ("viewBox", &format!("0 0 {width} {HEIGHT}")),
            ("width", &width.to_string()),
            ("height", &HEIGHT.to_string()),
            ("class", &format!("layout-{class}")),
            ("role", "img"),
            (
                "aria-label",
                "Projected users over the planning horizon against the user capacity of each reference architecture",
            ),
        ],
    );
    let text = |parent: &Element, attrs: &[(&str, &str)], t: &str| {
        let e = dom.svg("text", attrs);
        e.set_text_content(Some(t));
        add(parent, &e);
    };
    let mut last_label_y = f64::INFINITY;
    for k in SizeKey::ALL
        .into_iter()
        .filter(|k| f64::from(k.size().users) <= y_max)
    {
        let ly = y(f64::from(k.size().users));
        let g = dom.svg(
            "g",
            &[(
                "class",
                if k == rec.size {
                    "capacity chosen"
                } else {
                    "capacity"
                },
            )],
        );
        add(
            &g,
            &dom.svg(
                "line",
                &[
                    ("x1", &n(LEFT)),
                    ("x2", &n(width - RIGHT)),
                    ("y1", &n(ly)),
                    ("y2", &n(ly)),
                ],
            ),
        );
        if last_label_y - ly >= 14.0 {
            last_label_y = ly;
            text(
                &g,
                &[("x", &n(width - RIGHT + 4.0)), ("y", &n(ly + 4.0))],
                k.short(),
            );
        }
        add(&svg, &g);
    }
    for v in [0.0, y_max / 2.0, y_max] {
        text(
            &svg,
            &[
                ("class", "axis"),
                ("x", &n(LEFT - 6.0)),
                ("y", &n(y(v) + 4.0)),
                ("text-anchor", "end"),
            ],
            &format_number((v / 100.0).round() * 100.0),
        );
    }
    for (x1, x2, y1, y2) in [
        (LEFT, LEFT, TOP, HEIGHT - BOTTOM),
        (LEFT, width - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM),
    ] {
        add(
            &svg,
            &dom.svg(
                "line",
                &[
                    ("class", "axis-line"),
                    ("x1", &n(x1)),
                    ("x2", &n(x2)),
                    ("y1", &n(y1)),
                    ("y2", &n(y2)),
                ],
            ),
        );
    }
    text(
        &svg,
        &[("class", "axis"), ("x", &n(LEFT)), ("y", &n(HEIGHT - 10.0))],
        "today",
    );
    text(
        &svg,
        &[
            ("class", "axis"),
            ("x", &n(width - RIGHT)),
            ("y", &n(HEIGHT - 10.0)),
            ("text-anchor", "end"),
        ],
        &format!("{months} months"),
    );
    let path = points
        .iter()
        .map(|(m, users)| format!("{:.1},{:.1}", x(f64::from(*m)), y(*users)))
        .collect::<Vec<_>>()
        .join(" ");
    add(
        &svg,
        &dom.svg("polyline", &[("class", "projection"), ("points", &path)]),
    );
    svg
}
