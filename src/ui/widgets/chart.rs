//! The projection chart: users over the planning horizon against each size's user capacity.

use leptos::prelude::*;

use crate::domain::sizing::reference::SizeKey;
use crate::domain::sizing::{format_number, projection_points, Growth, Recommendation};

const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 40.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 32.0;

/// An SVG line chart drawn by the app; its caption says the same in words.
#[component]
pub fn ProjectionChart(current_users: u64, growth: Growth, rec: Recommendation) -> impl IntoView {
    let points = projection_points(current_users, growth);
    let months = points.last().map(|p| p.0).unwrap_or(12).max(1);
    let peak = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let ceiling = SizeKey::ALL
        .into_iter()
        .map(|k| f64::from(k.size().users))
        .find(|users| *users >= peak)
        .unwrap_or(peak);
    let y_max = ceiling * 1.15;
    let x = move |m: f64| LEFT + m / f64::from(months) * (WIDTH - LEFT - RIGHT);
    let y = move |users: f64| TOP + (1.0 - users / y_max) * (HEIGHT - TOP - BOTTOM);

    let mut last_label_y = f64::INFINITY;
    let lines = SizeKey::ALL
        .into_iter()
        .filter(|k| f64::from(k.size().users) <= y_max)
        .map(|k| {
            let ly = y(f64::from(k.size().users));
            let labelled = last_label_y - ly >= 12.0;
            if labelled {
                last_label_y = ly;
            }
            let chosen = k == rec.size;
            view! {
                <g class=if chosen { "capacity chosen" } else { "capacity" }>
                    <line x1=LEFT x2=WIDTH - RIGHT y1=ly y2=ly/>
                    {labelled.then(|| view! {
                        <text x=WIDTH - RIGHT + 4.0 y=ly + 4.0>{k.short()}</text>
                    })}
                </g>
            }
        })
        .collect_view();
    let path = points
        .iter()
        .map(|(m, users)| format!("{:.1},{:.1}", x(f64::from(*m)), y(*users)))
        .collect::<Vec<_>>()
        .join(" ");
    let caption = format!(
        "Projected users: {} today, {} after {months} months. The {} architecture covers up to {} users.",
        format_number(current_users as f64),
        format_number(rec.projected_users as f64),
        rec.size.short(),
        format_number(f64::from(rec.architecture().users))
    );
    let axis_labels = [0.0, y_max / 2.0, y_max]
        .into_iter()
        .map(|v| {
            view! {
                <text class="axis" x=LEFT - 6.0 y=y(v) + 4.0 text-anchor="end">
                    {format_number((v / 100.0).round() * 100.0)}
                </text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-label="Projected users over the planning horizon against the user capacity of each reference architecture"
            >
                {lines}
                {axis_labels}
                <line class="axis-line" x1=LEFT x2=LEFT y1=TOP y2=HEIGHT - BOTTOM/>
                <line class="axis-line" x1=LEFT x2=WIDTH - RIGHT y1=HEIGHT - BOTTOM y2=HEIGHT - BOTTOM/>
                <text class="axis" x=LEFT y=HEIGHT - 10.0>"today"</text>
                <text class="axis" x=WIDTH - RIGHT y=HEIGHT - 10.0 text-anchor="end">
                    {format!("{months} months")}
                </text>
                <polyline class="projection" points=path/>
            </svg>
            <figcaption>{caption}</figcaption>
        </figure>
    }
}
