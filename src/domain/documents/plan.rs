//! Plan files: Markdown for reading anywhere, JSON for loading back, and backups of everything.
//!
//! The Markdown escapes everything a user typed, so no name or note can change the document's
//! structure. The JSON file carries the engagement losslessly plus a labelled snapshot of what
//! was derived at export; only the engagement is read back.

pub use crate::domain::documents::outline::{requirement_lines, Audience};
use std::collections::BTreeSet;
use std::fmt;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::domain::documents::blocks::Table;
use crate::domain::documents::compare::{compare, Change};
use crate::domain::documents::outline::{self, Block, Inline, Outline};
use crate::domain::engagement::{fields, stored};
use crate::domain::engagement::{Engagement, EngagementId, ReadError};
use crate::domain::process::workflow::{self, sizing_of, Stage};
use crate::domain::sizing::reference::DATA_VERSION;
use crate::domain::sizing::{diagram, format_number};
use crate::domain::text::links::{safe_href, NotWebAddress};
use crate::domain::text::time_fmt;

/// The `format` of a plan file.
pub const PLAN_FORMAT: &str = "gitlab-upgrade-planner/plan";
/// The `format` of a backup of every engagement.
pub const BACKUP_FORMAT: &str = "gitlab-upgrade-planner/backup";
/// The layout version of both file kinds that this build writes and reads.
pub const FILE_VERSION: u64 = 1;
/// The largest file accepted for import.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

pub use crate::domain::text::escape_md;

/// Multi-line text a user typed, as a quoted block that cannot escape its quote.
fn quote_md(text: &str) -> String {
    text.lines()
        .map(|line| format!("> {}", escape_md(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A link to a user-given address, or the escaped text when it is not a web or mail address.
fn link_md(label: &str, text: &str) -> String {
    match safe_href(text) {
        Some(href) => format!(
            "[{}](<{}>)",
            escape_md(label),
            href.replace(['<', '>', ' '], "")
        ),
        None => escape_md(text),
    }
}

/// The file name of a download: "<customer>-upgrade-plan-<yyyy-mm-dd>.<ext>".
pub fn file_name(engagement: &Engagement, today: time::Date, extension: &str) -> String {
    let slug: String = engagement
        .customer_name
        .as_str()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "customer".into()
    } else {
        slug
    };
    format!("{slug}-upgrade-plan-{today}.{extension}")
}

/// The plan as Markdown, for a support ticket, a GitLab issue or an email: the reader's outline
/// (see `outline`), with everything a user typed escaped.
pub fn markdown(engagement: &Engagement, now: OffsetDateTime, audience: Audience) -> String {
    markdown_of(&outline::build(engagement, now.date(), audience), now)
}

/// An outline as Markdown, exported at `now` (the customer's module builds only the customer's
/// outline: see `outline::build_customer`).
pub fn markdown_of(outline: &Outline, now: OffsetDateTime) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", escape_md(&outline.title));
    let _ = writeln!(md, "{}\n", escape_md(&outline.intro));
    let _ = writeln!(
        md,
        "Exported {} UTC · stage: **{}**\n",
        now.date(),
        outline.stage.label()
    );
    for section in &outline.sections {
        let _ = writeln!(md, "## {}\n", escape_md(&section.heading));
        for block in &section.blocks {
            block_md(&mut md, block, 3);
        }
    }
    // Where the figures come from is said under the recommended architecture, which holds them.
    md
}

fn inlines_md(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(text) => escape_md(text),
            Inline::Strong(text) => format!("**{}**", escape_md(text)),
            Inline::Tag(text) => format!(" ({})", escape_md(text)),
            Inline::Link { label, url } => link_md(label, url),
        })
        .collect()
}

/// A table; a cell is text, escaped like every other.
fn table_md(md: &mut String, table: &Table, level: usize) {
    if table.titled {
        let _ = writeln!(md, "{} {}\n", "#".repeat(level), escape_md(&table.label));
    }
    let heads: Vec<String> = table
        .columns
        .iter()
        .map(|c| escape_md(&c.heading))
        .collect();
    let rules: Vec<&str> = table
        .columns
        .iter()
        .map(|c| if c.figures { "---:" } else { "---" })
        .collect();
    let _ = writeln!(md, "| {} |\n|{}|", heads.join(" | "), rules.join("|"));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| escape_md(c)).collect();
        let _ = writeln!(md, "| {} |", cells.join(" | "));
    }
    md.push('\n');
}

/// One block of the outline; subsections get headings of `level`.
fn block_md(md: &mut String, block: &Block, level: usize) {
    match block {
        Block::Para(inlines) => {
            let _ = writeln!(md, "{}\n", inlines_md(inlines));
        }
        Block::Facts(facts) => {
            md.push_str("| Item | Detail |\n|---|---|\n");
            for (label, value) in facts {
                let _ = writeln!(md, "| {} | {} |", escape_md(label), inlines_md(value));
            }
            md.push('\n');
        }
        Block::Items(items) => {
            for item in items {
                let _ = writeln!(md, "- {}", inlines_md(item));
            }
            md.push('\n');
        }
        Block::Checklist(items) => {
            for item in items {
                let _ = writeln!(md, "- [ ] {}", escape_md(item));
            }
            md.push('\n');
        }
        Block::Warnings(warnings) => {
            for w in warnings {
                let _ = writeln!(md, "> **Warning:** {}\n", escape_md(w));
            }
        }
        Block::Quote(text) => {
            let _ = writeln!(md, "{}\n", quote_md(text));
        }
        Block::Stages(current) => {
            let stages: Vec<String> = Stage::ALL
                .iter()
                .enumerate()
                .map(|(i, stage)| match i.cmp(current) {
                    std::cmp::Ordering::Less => format!("{} (done)", stage.label()),
                    std::cmp::Ordering::Equal => format!("**{} (current)**", stage.label()),
                    std::cmp::Ordering::Greater => stage.label().to_string(),
                })
                .collect();
            let _ = writeln!(md, "Stages: {}\n", stages.join(" → "));
        }
        Block::Marked(_, inlines) => {
            let _ = writeln!(md, "{}\n", inlines_md(inlines));
        }
        Block::Table(table) => table_md(md, table, level),
        Block::Findings {
            numbered, findings, ..
        } => {
            for (i, f) in findings.iter().enumerate() {
                let bullet = if *numbered {
                    format!("{}.", i + 1)
                } else {
                    "-".into()
                };
                let _ = writeln!(
                    md,
                    "{bullet} {} ({})",
                    escape_md(&f.text),
                    link_md(&f.source.title(), &f.source.url())
                );
            }
            md.push('\n');
        }
        Block::Diagram(rec) => {
            let _ = writeln!(
                md,
                "The architecture as a diagram:\n\n```mermaid\n{}```\n",
                diagram::mermaid(&diagram::diagram(rec))
            );
        }
        // A chart needs a page to be drawn on; the figures it draws are in the tables.
        Block::Chart(..) => {}
        Block::Log(entries) => {
            for (at, on, text) in entries {
                // Checked: a time that cannot be shown in UTC is shown in its own offset.
                let at = time_fmt::to_utc(*at);
                let recorded = format!("{} UTC", time_fmt::clock(at));
                // The day it happened first, when the TAM gave one that differs.
                let _ = match on.filter(|d| *d != at.date()) {
                    Some(day) => {
                        writeln!(md, "- {day} — {} (recorded {recorded})", escape_md(text))
                    }
                    None => writeln!(md, "- {recorded} — {}", escape_md(text)),
                };
            }
            md.push('\n');
        }
        Block::Sub {
            heading, blocks, ..
        } => {
            let _ = writeln!(md, "{} {}\n", "#".repeat(level), escape_md(heading));
            for block in blocks {
                block_md(md, block, level + 1);
            }
        }
    }
}

/// The JSON plan file: the engagement, losslessly, and a labelled snapshot of derived values.
pub fn plan_json(
    engagement: &Engagement,
    now: OffsetDateTime,
) -> Result<String, serde_json::Error> {
    let status = workflow::status(engagement, now.date());
    let rec = sizing_of(engagement).map(|(_, rec)| rec);
    let file = json!({
        "format": PLAN_FORMAT,
        "format_version": FILE_VERSION,
        "exported_at": time_fmt::rfc3339(now),
        "reference_data": DATA_VERSION,
        "engagement": stored::json_value(engagement)?,
        "snapshot": {
            "note": "Derived when the file was made, for readers without the app; ignored on import.",
            "stage": status.stage.label(),
            "next_action": status.next_action,
            "warnings": status.warnings.iter().map(|w| w.text.clone()).collect::<Vec<_>>(),
            "recommended_architecture": rec.as_ref().map(|r| json!({
                "size": r.size.short(),
                "name": r.architecture().name,
                "variant": r.variant.label(),
                "projected_users": r.projected_users,
                "docs": r.architecture().doc_url(),
                "reasons": r.reasons.iter().map(|f| json!({"rule": f.rule.id(), "text": f.text, "source": f.source.url()})).collect::<Vec<_>>(),
            })),
        },
    });
    serde_json::to_string_pretty(&file)
}

/// A stored entry this version cannot read (from a newer version, or moved aside), carried in
/// a backup exactly as it is stored, so that a version that reads it can restore it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptAside {
    /// The key it was stored under.
    pub key: String,
    /// Why this version cannot read it.
    pub reason: String,
    /// Its stored text, unchanged.
    pub raw: String,
}

/// Entries kept aside that one backup file carries at most.
pub const MAX_KEPT_ASIDE: usize = 1_000;

/// A backup of every engagement, and of every entry this version cannot read, in one file.
pub fn backup_json(
    engagements: &[Engagement],
    kept_aside: &[KeptAside],
    now: OffsetDateTime,
) -> Result<String, serde_json::Error> {
    let mut file = json!({
        "format": BACKUP_FORMAT,
        "format_version": FILE_VERSION,
        "exported_at": time_fmt::rfc3339(now),
        "engagements": stored::json_value(engagements)?,
    });
    if !kept_aside.is_empty() {
        file["kept_aside"] = stored::json_value(kept_aside)?;
    }
    serde_json::to_string_pretty(&file)
}

/// What this browser remembers of its last backup: when, and which engagements it held.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupRecord {
    pub at: OffsetDateTime,
    pub ids: BTreeSet<EngagementId>,
}

impl BackupRecord {
    pub fn new(at: OffsetDateTime, engagements: &[Engagement]) -> Self {
        Self {
            at,
            ids: engagements.iter().map(|e| e.id).collect(),
        }
    }

    /// One line with the time (RFC 3339), then one id per line.
    pub fn to_text(&self) -> String {
        let mut text = time_fmt::rfc3339(self.at);
        for id in &self.ids {
            text.push('\n');
            text.push_str(&id.to_string());
        }
        text
    }

    /// The record from its text; `None` if any line is not what `to_text` writes.
    pub fn from_text(text: &str) -> Option<Self> {
        let mut lines = text.lines();
        let at = OffsetDateTime::parse(
            lines.next()?,
            &time::format_description::well_known::Rfc3339,
        )
        .ok()?;
        let ids = lines.map(|l| l.parse().ok()).collect::<Option<_>>()?;
        Some(Self { at, ids })
    }
}

/// How the engagements stand against the last backup downloaded from this browser, in words
/// for the home page; `None` when there is nothing to back up.
pub fn backup_status(
    engagements: &[Engagement],
    last_backup: Option<&BackupRecord>,
    offset_minutes: i32,
) -> Option<String> {
    if engagements.is_empty() {
        return None;
    }
    let Some(record) = last_backup else {
        return Some(
            "No backup downloaded from this browser yet: these engagements are stored only here."
                .into(),
        );
    };
    let when = time_fmt::format_local(record.at, offset_minutes);
    let changed = engagements
        .iter()
        .filter(|e| e.updated > record.at || !record.ids.contains(&e.id))
        .count();
    Some(match changed {
        0 => format!("Last backup {when}: it holds every engagement as it is now."),
        1 => format!("Last backup {when}; 1 engagement changed or was added since."),
        n => format!("Last backup {when}; {n} engagements changed or were added since."),
    })
}

/// What an imported file holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Import {
    /// One engagement, from a plan file (or a bare engagement document).
    Plan(Box<Engagement>),
    /// Every engagement of a backup that reads, the entries it carries that this version cannot
    /// read, and its engagements that cannot be read (kept aside, never dropped).
    Backup(Vec<Engagement>, Vec<KeptAside>, Vec<UnreadableInBackup>),
}

/// An engagement in a backup that cannot be read: its place, the customer's name and id when its
/// raw JSON holds them, why, and its text as the backup holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableInBackup {
    /// Its place in the backup's list, from 0.
    pub position: usize,
    pub customer_name: Option<String>,
    pub id: Option<EngagementId>,
    pub reason: String,
    pub raw: String,
}

impl UnreadableInBackup {
    fn of(position: usize, value: &Value, reason: String) -> Self {
        Self {
            position,
            customer_name: crate::domain::engagement::read::customer_name_in(value),
            id: value
                .get("id")
                .and_then(Value::as_str)
                .and_then(|id| id.parse().ok()),
            reason,
            raw: value.to_string(),
        }
    }

    /// “Acme”, or "engagement 8 in the backup" when no name can be read.
    pub fn name(&self) -> String {
        match &self.customer_name {
            Some(name) => format!("“{name}”"),
            None => format!("engagement {} in the backup", self.position + 1),
        }
    }
}

/// The import preview's line on a backup's engagements that cannot be read, each by name and
/// reason; `None` when every engagement reads.
pub fn unreadable_summary(unreadable: &[UnreadableInBackup]) -> Option<String> {
    let list = unreadable
        .iter()
        .map(|u| format!("{}: {}", u.name(), u.reason))
        .collect::<Vec<_>>()
        .join("; ");
    match unreadable.len() {
        0 => None,
        1 => Some(format!(
            "1 engagement in the backup cannot be read and is not imported: {list}. It is kept aside here with its text unchanged, under “Stored entries that could not be read”."
        )),
        n => Some(format!(
            "{n} engagements in the backup cannot be read and are not imported: {list}. They are kept aside here with their text unchanged, under “Stored entries that could not be read”."
        )),
    }
}

impl Import {
    pub fn engagements(&self) -> &[Engagement] {
        match self {
            Import::Plan(e) => std::slice::from_ref(e.as_ref()),
            Import::Backup(list, ..) => list,
        }
    }

    /// The entries carried as they were stored, which this version cannot read.
    pub fn kept_aside(&self) -> &[KeptAside] {
        match self {
            Import::Plan(_) => &[],
            Import::Backup(_, kept, _) => kept,
        }
    }

    /// The backup's engagements that cannot be read.
    pub fn unreadable(&self) -> &[UnreadableInBackup] {
        match self {
            Import::Plan(_) => &[],
            Import::Backup(_, _, unreadable) => unreadable,
        }
    }
}

/// Why a file could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
    },
    NotText,
    NotJson(String),
    UnknownFormat,
    UnknownVersion {
        found: String,
    },
    Engagement {
        index: Option<usize>,
        error: ReadError,
    },
    /// A link field holds something other than a web address: the file is refused whole.
    Link {
        index: Option<usize>,
        error: NotWebAddress,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => write!(
                f,
                "The file is {} MB; files over 5 MB are refused.",
                format_number(*bytes as f64 / (1024.0 * 1024.0))
            ),
            ImportError::NotText => f.write_str("The file is not text: choose a JSON plan or backup file."),
            ImportError::NotJson(e) => write!(f, "The file is not JSON ({e})."),
            ImportError::UnknownFormat => f.write_str(
                "The file is JSON but not a plan or backup file of this app.",
            ),
            ImportError::UnknownVersion { found } => write!(
                f,
                "The file's format version {found} is not one this app reads (it reads version {FILE_VERSION})."
            ),
            ImportError::Engagement { index: None, error } => {
                write!(f, "The engagement in the file cannot be read: {error}.")
            }
            ImportError::Engagement { index: Some(i), error } => {
                write!(f, "Engagement {} in the backup cannot be read: {error}.", i + 1)
            }
            ImportError::Link { index: None, error } => {
                write!(f, "The file was not imported: {error}.")
            }
            ImportError::Link { index: Some(i), error } => {
                write!(f, "The backup was not imported: in engagement {}, {error}.", i + 1)
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// What importing a file's engagements would do to those stored here, shown before anything is
/// stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPreview {
    /// The file's engagements whose id is already here.
    pub conflicts: usize,
    /// Of those, how many were changed here after the file was made, by the file's own clock:
    /// shown, never trusted to decide.
    pub newer_here: usize,
    /// Of those, how many hold other work than the file's copy.
    pub differ: usize,
    /// For each of those, what replacing the copy here with the file's would change.
    pub replacing: Vec<Replacing>,
}

/// What replacing an engagement stored here with another copy of it would change: its fields
/// from the copy here ("then") to the other ("now").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacing {
    pub name: String,
    pub changes: Vec<Change>,
}

impl Replacing {
    pub fn of(here: &Engagement, incoming: &Engagement) -> Self {
        Self {
            name: here.customer_name.to_string(),
            changes: compare(here, incoming),
        }
    }
}

impl ImportPreview {
    pub fn of(incoming: &[Engagement], here: &[Engagement]) -> Self {
        let mut preview = Self::default();
        for file in incoming {
            if let Some(here) = here.iter().find(|e| e.id == file.id) {
                preview.conflicts += 1;
                preview.newer_here += usize::from(here.changed_after(file));
                if !here.same_content(file) {
                    preview.differ += 1;
                    preview.replacing.push(Replacing::of(here, file));
                }
            }
        }
        preview
    }

    /// Keeping both is the default whenever replacing would change work stored here, whatever
    /// the file's dates say.
    pub fn keep_both_by_default(&self) -> bool {
        self.differ > 0
    }
}

/// Reads a plan or backup file. A plan file is refused whole at its first problem; a backup is
/// restored item by item: an engagement that cannot be read is set aside with its reason, and
/// only a link field that is not a web address refuses the whole file.
pub fn parse_import(bytes: &[u8]) -> Result<Import, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
    let Some(object) = value.as_object_mut() else {
        return Err(ImportError::UnknownFormat);
    };
    let one = |v: Value, index| {
        let engagement =
            Engagement::from_value(v).map_err(|error| ImportError::Engagement { index, error })?;
        fields::check_links(&engagement).map_err(|error| ImportError::Link { index, error })?;
        Ok(engagement)
    };
    if object.contains_key("schema_version") && !object.contains_key("format") {
        return one(value, None).map(|e| Import::Plan(Box::new(e)));
    }
    let format = object
        .get("format")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let version = object.get("format_version").cloned().unwrap_or(Value::Null);
    match format.as_deref() {
        Some(PLAN_FORMAT) | Some(BACKUP_FORMAT) => {}
        _ => return Err(ImportError::UnknownFormat),
    }
    if version.as_u64() != Some(FILE_VERSION) {
        return Err(ImportError::UnknownVersion {
            found: version.to_string(),
        });
    }
    if format.as_deref() == Some(PLAN_FORMAT) {
        let engagement = object.remove("engagement").unwrap_or(Value::Null);
        one(engagement, None).map(|e| Import::Plan(Box::new(e)))
    } else {
        let Some(Value::Array(list)) = object.remove("engagements") else {
            return Err(ImportError::UnknownFormat);
        };
        let mut engagements = Vec::new();
        let mut unreadable = Vec::new();
        for (i, v) in list.into_iter().enumerate() {
            match one(v.clone(), Some(i)) {
                Ok(engagement) => engagements.push(engagement),
                Err(ImportError::Engagement { error, .. }) => {
                    unreadable.push(UnreadableInBackup::of(i, &v, error.to_string()))
                }
                Err(refused) => return Err(refused),
            }
        }
        let kept: Vec<KeptAside> = match object.remove("kept_aside") {
            None => Vec::new(),
            Some(v) => serde_json::from_value(v).map_err(|_| ImportError::UnknownFormat)?,
        };
        if kept.len() > MAX_KEPT_ASIDE {
            return Err(ImportError::UnknownFormat);
        }
        // An entry this version can read now (it was moved aside by a bug since fixed, say)
        // comes back as an engagement; the others stay in the file for a version that reads them.
        let mut still_kept = Vec::new();
        for entry in kept {
            match Engagement::from_json(&entry.raw) {
                Ok(engagement) if fields::check_links(&engagement).is_ok() => {
                    engagements.push(engagement)
                }
                _ => still_kept.push(entry),
            }
        }
        Ok(Import::Backup(engagements, still_kept, unreadable))
    }
}
