//! Browser test: the one renderer of the outline to the page (no UI framework) draws what the
//! Markdown says, never a link to a script, and the diagram's full-size button works.
#![cfg(target_arch = "wasm32")]

use upgrade_planner::domain::documents::blocks::{Column, Table};
use upgrade_planner::domain::documents::outline::{self, Block, Inline};
use upgrade_planner::domain::documents::plan::{markdown, Audience};
use upgrade_planner::domain::engagement::Engagement;
use upgrade_planner::ui::widgets::dom::{self, Dom};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fixture() -> Engagement {
    Engagement::from_json(include_str!("fixtures/engagement-v2-full.json")).unwrap()
}

fn host() -> web_sys::Element {
    let d = Dom::new().unwrap();
    let host = d.el("div");
    d.document().body().unwrap().append_child(&host).unwrap();
    host
}

#[wasm_bindgen_test]
fn a_link_to_anything_but_the_web_or_mail_is_shown_as_text() {
    let d = Dom::new().unwrap();
    let host = host();
    dom::block_into(
        &d,
        &host,
        &Block::Para(vec![
            Inline::link("runbook", "javascript:alert(1)"),
            Inline::text(" and "),
            Inline::link("diagram", "https://example.com/d"),
        ]),
        3,
    );
    let links = host.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 1);
    let a: web_sys::Element = links.get(0).unwrap().unchecked_into();
    assert_eq!(
        a.get_attribute("href").as_deref(),
        Some("https://example.com/d")
    );
    assert_eq!(
        a.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(
        host.text_content().unwrap(),
        "javascript:alert(1) and diagram"
    );
}

#[wasm_bindgen_test]
fn a_table_names_its_rows_and_right_aligns_its_figures() {
    let d = Dom::new().unwrap();
    let host = host();
    let table = Table {
        label: "Components".into(),
        titled: true,
        columns: vec![Column::text("Component"), Column::figures("Nodes")],
        rows: vec![vec!["<b>Gitaly</b>".into(), "3".into()]],
    };
    dom::block_into(&d, &host, &Block::Table(table), 3);
    assert_eq!(
        host.query_selector("h3")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Components"
    );
    let region = host.query_selector("[role=region]").unwrap().unwrap();
    assert_eq!(
        region.get_attribute("aria-label").as_deref(),
        Some("Components")
    );
    let name = host.query_selector("tbody th[scope=row]").unwrap().unwrap();
    // Text stays text: no element is made from it.
    assert_eq!(name.text_content().unwrap(), "<b>Gitaly</b>");
    assert!(name.query_selector("b").unwrap().is_none());
    let cell = host.query_selector("tbody td.num").unwrap().unwrap();
    assert_eq!(cell.text_content().unwrap(), "3");
}

#[wasm_bindgen_test]
fn the_customers_page_and_the_print_view_have_the_markdowns_sections_and_no_internal_notes() {
    let d = Dom::new().unwrap();
    let mut e = fixture();
    e.internal_notes = "walk-away price 40k".into();
    let today = time::macros::date!(2026 - 12 - 02);
    for (audience, top) in [(Audience::Customer, 1), (Audience::Support, 2)] {
        let host = host();
        let outline = outline::build(&e, today, audience);
        host.append_child(&dom::article(&d, &outline, top)).unwrap();
        let level = format!("article > section > h{}", top + 1);
        let shown = host.query_selector_all(&level).unwrap();
        let headings: Vec<String> = (0..shown.length())
            .map(|i| shown.get(i).unwrap().text_content().unwrap())
            .collect();
        let md = markdown(
            &e,
            time::OffsetDateTime::new_utc(today, time::Time::MIDNIGHT),
            audience,
        );
        let md_headings: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
        assert_eq!(headings, md_headings, "{audience:?}");
        assert!(!host.text_content().unwrap().contains("walk-away"));
    }
}

#[wasm_bindgen_test]
fn the_diagram_opens_full_size_and_closes_again() {
    let d = Dom::new().unwrap();
    let host = host();
    let rec = outline::build(
        &fixture(),
        time::macros::date!(2026 - 12 - 02),
        Audience::Customer,
    )
    .sections
    .into_iter()
    .flat_map(|s| s.blocks)
    .find_map(|b| match b {
        Block::Diagram(rec) => Some(rec),
        _ => None,
    })
    .unwrap();
    dom::block_into(&d, &host, &Block::Diagram(rec), 3);
    let figure = host
        .query_selector("figure.architecture-diagram")
        .unwrap()
        .unwrap();
    assert!(
        figure
            .query_selector("svg title")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
            == "Architecture diagram"
    );
    let button: web_sys::HtmlElement = figure
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    assert!(figure.class_list().contains("full-size"));
    assert_eq!(button.text_content().unwrap(), "Close full size");
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    button.click();
    assert!(!figure.class_list().contains("full-size"));
    assert_eq!(button.text_content().unwrap(), "Open full size");
}
