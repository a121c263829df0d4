//! The one renderer of a document's outline to the page: elements and text nodes made with
//! `web-sys` (never HTML strings), no UI framework. The customer's first screen draws the plan
//! with it before any framework is loaded, and the planner mounts the same elements from its
//! views (the print view, the recommendation, the upgrade path), so the page has one rendering
//! of the outline as the Markdown has one.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

use crate::domain::documents::blocks::{Role, Table};
use crate::domain::documents::outline::{Block, Inline, Outline, Section};
use crate::domain::process::workflow::Stage;
use crate::domain::sizing::Finding;
use crate::domain::text::links::safe_href;

/// Makes elements in one document.
#[derive(Clone)]
pub struct Dom {
    doc: Document,
}

const SVG: &str = "http://www.w3.org/2000/svg";

impl Dom {
    /// The page's document; `None` only outside a browser window.
    pub fn new() -> Option<Self> {
        web_sys::window()
            .and_then(|w| w.document())
            .map(|doc| Self { doc })
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// An HTML element (tag names here are constants: a bad one is a programmer's error).
    pub fn el(&self, tag: &str) -> Element {
        self.doc.create_element(tag).unwrap_throw()
    }

    /// An HTML element with attributes.
    pub fn el_with(&self, tag: &str, attrs: &[(&str, &str)]) -> Element {
        let e = self.el(tag);
        for (name, value) in attrs {
            set(&e, name, value);
        }
        e
    }

    /// An HTML element holding one text.
    pub fn el_text(&self, tag: &str, attrs: &[(&str, &str)], text: &str) -> Element {
        let e = self.el_with(tag, attrs);
        e.set_text_content(Some(text));
        e
    }

    /// An SVG element with attributes.
    pub fn svg(&self, tag: &str, attrs: &[(&str, &str)]) -> Element {
        let e = self.doc.create_element_ns(Some(SVG), tag).unwrap_throw();
        for (name, value) in attrs {
            set(&e, name, value);
        }
        e
    }

    /// Appends a text node.
    pub fn text(&self, parent: &Node, text: &str) {
        add(parent, &self.doc.create_text_node(text));
    }
}

/// Sets an attribute (a failure means a bad attribute name, a constant here).
pub fn set(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

/// Appends `child` to `parent`.
pub fn add(parent: &Node, child: &Node) {
    let _ = parent.append_child(child);
}

/// A heading at `level` (1 to 4) of the document's outline; a table's title has no id.
pub fn heading(dom: &Dom, level: u8, id: Option<&str>, text: &str) -> Element {
    let tag = match level {
        1 => "h1",
        2 => "h2",
        3 => "h3",
        _ => "h4",
    };
    let h = dom.el_text(tag, &[], text);
    if let Some(id) = id {
        set(&h, "id", id);
    }
    h
}

fn inlines(dom: &Dom, parent: &Node, runs: &[Inline]) {
    for run in runs {
        match run {
            Inline::Text(text) => dom.text(parent, text),
            Inline::Strong(text) => add(parent, &dom.el_text("strong", &[], text)),
            Inline::Tag(text) => {
                dom.text(parent, " ");
                add(parent, &dom.el_text("span", &[("class", "badge")], text));
            }
            Inline::Link { label, url } => match safe_href(url) {
                Some(href) => add(
                    parent,
                    &dom.el_text(
                        "a",
                        &[
                            ("href", &href),
                            ("rel", "noopener noreferrer"),
                            ("target", "_blank"),
                        ],
                        label,
                    ),
                ),
                // Not a web or mail address: shown as the text it is.
                None => dom.text(parent, url),
            },
        }
    }
}

fn with_runs(dom: &Dom, tag: &str, attrs: &[(&str, &str)], runs: &[Inline]) -> Element {
    let e = dom.el_with(tag, attrs);
    inlines(dom, &e, runs);
    e
}

fn list<T>(
    dom: &Dom,
    tag: &str,
    attrs: &[(&str, &str)],
    items: &[T],
    item: impl Fn(&Element, &T),
) -> Element {
    let l = dom.el_with(tag, attrs);
    for i in items {
        let li = dom.el("li");
        item(&li, i);
        add(&l, &li);
    }
    l
}

/// Appends every block, subsections getting headings of `level`.
pub fn blocks_into(dom: &Dom, parent: &Node, blocks: &[Block], level: u8) {
    for b in blocks {
        block_into(dom, parent, b, level);
    }
}

/// Appends one block of an outline; subsections get headings of `level`.
pub fn block_into(dom: &Dom, parent: &Node, b: &Block, level: u8) {
    let node: Element = match b {
        Block::Para(runs) => with_runs(dom, "p", &[], runs),
        Block::Facts(facts) => {
            let dl = dom.el_with("dl", &[("class", "facts")]);
            for (label, value) in facts {
                add(&dl, &dom.el_text("dt", &[], label));
                add(&dl, &with_runs(dom, "dd", &[], value));
            }
            dl
        }
        Block::Items(items) => list(dom, "ul", &[("class", "plain-list")], items, |li, runs| {
            inlines(dom, li, runs)
        }),
        Block::Checklist(items) => list(dom, "ul", &[("class", "checklist")], items, |li, t| {
            dom.text(li, t)
        }),
        Block::Warnings(items) => list(
            dom,
            "ul",
            &[("class", "warnings"), ("aria-label", "Warnings")],
            items,
            |li, t| dom.text(li, t),
        ),
        Block::Quote(text) => dom.el_text("p", &[("class", "pre")], text),
        Block::Stages(current) => {
            let ol = dom.el_with("ol", &[("class", "stages")]);
            for (i, s) in Stage::ALL.iter().enumerate() {
                let class = match i.cmp(current) {
                    std::cmp::Ordering::Less => "stage stage-done",
                    std::cmp::Ordering::Equal => "stage stage-current",
                    std::cmp::Ordering::Greater => "stage stage-todo",
                };
                let li = dom.el_text("li", &[("class", class)], s.label());
                if i == *current {
                    set(&li, "aria-current", "step");
                }
                add(&ol, &li);
            }
            ol
        }
        Block::Marked(role, runs) => {
            let class = match role {
                Role::Headline => "rec-name",
                Role::Total => "totals",
                Role::Note => "hint",
                Role::Footnote => "data-version",
            };
            with_runs(dom, "p", &[("class", class)], runs)
        }
        Block::Table(t) => return table(dom, parent, t, level),
        Block::Findings {
            numbered,
            warnings,
            findings,
        } => {
            let l = dom.el(if *numbered { "ol" } else { "ul" });
            if *warnings {
                set(&l, "class", "warnings");
            }
            for f in findings {
                add(&l, &finding(dom, f));
            }
            l
        }
        Block::Diagram(rec) => super::diagram::architecture_diagram(dom, rec),
        Block::Chart(rec, users, growth) => {
            super::chart::projection_chart(dom, *users, *growth, rec)
        }
        Block::Log(entries) => list(
            dom,
            "ol",
            &[("class", "log")],
            entries,
            |li, (at, on, text)| dom.text(li, &format!("{} {text}", on.unwrap_or(at.date()))),
        ),
        Block::Sub {
            id,
            heading: text,
            blocks,
        } => {
            let s = dom.el_with("section", &[("aria-labelledby", id)]);
            add(&s, &heading(dom, level, Some(id), text));
            blocks_into(dom, &s, blocks, level + 1);
            s
        }
    };
    add(parent, &node);
}

/// A reason, warning or piece of advice, with its GitLab source.
fn finding(dom: &Dom, f: &Finding) -> Element {
    let li = dom.el_with("li", &[("data-rule", f.rule.id())]);
    dom.text(&li, &f.text);
    dom.text(&li, " ");
    let a = dom.el_with(
        "a",
        &[
            ("href", &f.source.url()),
            ("target", "_blank"),
            ("rel", "noopener noreferrer"),
            ("class", "source"),
        ],
    );
    dom.text(&a, "Source: ");
    dom.text(&a, &f.source.title());
    add(&li, &a);
    li
}

/// A table, its rows stacking where the room is narrow (the style sheet); its wrapper still
/// scrolls, focusable, if a value ever outgrows even that.
fn table(dom: &Dom, parent: &Node, t: &Table, level: u8) {
    if t.titled {
        add(parent, &heading(dom, level.max(2), None, &t.label));
    }
    let scroll = dom.el_with(
        "div",
        &[
            ("class", "table-scroll"),
            ("tabindex", "0"),
            ("role", "region"),
            ("aria-label", &t.label),
        ],
    );
    let table = dom.el_with("table", &[("class", "components")]);
    let head = dom.el("thead");
    let tr = dom.el("tr");
    for c in &t.columns {
        add(&tr, &dom.el_text("th", &[("scope", "col")], &c.heading));
    }
    add(&head, &tr);
    add(&table, &head);
    let body = dom.el("tbody");
    for row in &t.rows {
        let tr = dom.el("tr");
        let mut cells = row.iter();
        add(
            &tr,
            &dom.el_text(
                "th",
                &[("scope", "row")],
                cells.next().map_or("", String::as_str),
            ),
        );
        // Each cell names its column, which a narrow room shows above it when the rows stack.
        for (cell, column) in cells.zip(t.columns.iter().skip(1)) {
            let label = ("data-label", column.heading.as_str());
            let attrs: &[(&str, &str)] = if column.figures {
                &[("class", "num"), label]
            } else {
                &[label]
            };
            add(&tr, &dom.el_text("td", attrs, cell));
        }
        add(&body, &tr);
    }
    add(&table, &body);
    add(&scroll, &table);
    add(parent, &scroll);
}

/// A section of the outline, its heading at `level`.
pub fn section(dom: &Dom, s: &Section, level: u8) -> Element {
    let e = dom.el_with("section", &[("aria-labelledby", s.id)]);
    if s.id == "plan-architecture-heading" {
        set(&e, "class", "result");
    }
    add(&e, &heading(dom, level, Some(s.id), &s.heading));
    blocks_into(dom, &e, &s.blocks, level + 1);
    e
}

/// The whole document, its title at `top`: the article the print view shows.
pub fn article(dom: &Dom, outline: &Outline, top: u8) -> Element {
    let a = dom.el_with(
        "article",
        &[
            ("class", "plan-document"),
            ("aria-labelledby", "plan-title"),
        ],
    );
    add(&a, &heading(dom, top, Some("plan-title"), &outline.title));
    add(
        &a,
        &dom.el_text("p", &[("class", "plan-intro")], &outline.intro),
    );
    for s in &outline.sections {
        add(&a, &section(dom, s, top + 1));
    }
    a
}

/// A listener shared by every element that calls it, by name.
type Shared = (&'static str, Closure<dyn Fn(web_sys::Event)>);

thread_local! {
    /// Listeners shared by every element that needs one: made once, never per drawing, so that
    /// drawing a document again leaves nothing behind.
    static LISTENERS: RefCell<Vec<Shared>> =
        const { RefCell::new(Vec::new()) };
}

/// Calls `handler` for `event` on `target`; `name` identifies the handler, made on first use.
pub fn listen(target: &Element, event: &str, name: &'static str, handler: fn(web_sys::Event)) {
    LISTENERS.with(|all| {
        let mut all = all.borrow_mut();
        let index = match all.iter().position(|(n, _)| *n == name) {
            Some(i) => i,
            None => {
                all.push((name, Closure::new(handler)));
                all.len() - 1
            }
        };
        let _ =
            target.add_event_listener_with_callback(event, all[index].1.as_ref().unchecked_ref());
    });
}
