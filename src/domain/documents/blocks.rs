//! The parts a document is made of, for every medium: runs of text, paragraphs, tables, lists
//! and subsections. The outline and the recommended architecture are built from them; the
//! Markdown (`plan.rs`) and the page (`ui::widgets::plan_view`) each render every part once.

use time::{Date, OffsetDateTime};

use crate::domain::sizing::{Finding, Growth, Recommendation};

/// A run of text: plain, emphasised, a short tag, or a link (to an address that may be the
/// user's: each rendering checks it before it becomes a link).
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(String),
    /// A short code beside a name, such as an architecture's "10k".
    Tag(String),
    Link {
        label: String,
        url: String,
    },
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }
    pub fn link(label: impl Into<String>, url: impl Into<String>) -> Self {
        Self::Link {
            label: label.into(),
            url: url.into(),
        }
    }
}

/// What a paragraph is for, which each medium shows in its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The name a section is about, shown large.
    Headline,
    /// A sum the reader checks against a table.
    Total,
    /// A hint beside the figures.
    Note,
    /// Where the figures come from.
    Footnote,
}

/// A table's column: its heading, and whether it holds figures (aligned right).
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub heading: String,
    pub figures: bool,
}

impl Column {
    pub fn text(heading: impl Into<String>) -> Self {
        Self {
            heading: heading.into(),
            figures: false,
        }
    }
    pub fn figures(heading: impl Into<String>) -> Self {
        Self {
            heading: heading.into(),
            figures: true,
        }
    }
}

/// A table whose first cell in each row names the row.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// What the table is, for a reader who meets it on its own (a screen reader's region).
    pub label: String,
    /// Whether the label is also shown as a heading above the table.
    pub titled: bool,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

/// One part of a section.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph.
    Para(Vec<Inline>),
    /// A paragraph with a role.
    Marked(Role, Vec<Inline>),
    /// Labelled values: a two-column table in Markdown, a description list on the page.
    Facts(Vec<(String, Vec<Inline>)>),
    /// A table of figures.
    Table(Table),
    /// A bulleted list.
    Items(Vec<Vec<Inline>>),
    /// Reasons (numbered), warnings or advice, each with its GitLab source.
    Findings {
        numbered: bool,
        warnings: bool,
        findings: Vec<Finding>,
    },
    /// Things still to do, as an unticked task list.
    Checklist(Vec<String>),
    /// Warnings about the engagement.
    Warnings(Vec<String>),
    /// Text a user wrote over several lines, kept as its lines.
    Quote(String),
    /// The process's stages, with the index of the current one.
    Stages(usize),
    /// The recommended architecture as a diagram.
    Diagram(Box<Recommendation>),
    /// The projected users against the recommended architecture's capacity, drawn where a
    /// medium can draw.
    Chart(Box<Recommendation>, u64, Growth),
    /// The activity log, newest first: when it was recorded, the day it happened (when the TAM
    /// gave one), and what.
    Log(Vec<(OffsetDateTime, Option<Date>, String)>),
    /// A subsection, one heading level down.
    Sub {
        id: &'static str,
        heading: String,
        blocks: Vec<Block>,
    },
}
