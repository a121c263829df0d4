//! How much one engagement may hold: each text field's length, each list's length, the
//! counters, the dates and the whole stored document. The same limits guard a field as the TAM
//! types, a change before it is written, and a document read from storage, a file or a link, so
//! nothing can be written that is later refused on read.

use std::fmt;

use time::{Date, OffsetDateTime, UtcOffset};

use crate::domain::engagement::Engagement;
use crate::domain::sizing::format_number;

/// The largest stored document, in bytes of its compact JSON: checked before a write and on read.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// The snapshots one engagement keeps at most.
pub const MAX_SNAPSHOTS: usize = 10;

/// A new snapshot is kept only while the whole document stays within this many bytes (three
/// quarters of [`MAX_DOCUMENT_BYTES`]), so the engagement keeps room to grow: older ones go
/// first to make room.
pub const SNAPSHOTS_FILL_BYTES: usize = MAX_DOCUMENT_BYTES / 4 * 3;

/// Notes, summaries and other free text of any length a TAM writes.
pub const LONG_TEXT_CHARS: usize = 100_000;
/// One-line fields: the current environment, a link, a ticket, a reason, a question.
pub const LINE_CHARS: usize = 2_000;
/// Versions and sizing numbers.
pub const SHORT_CHARS: usize = 60;

/// Activity log entries kept in one engagement.
pub const MAX_LOG_ENTRIES: usize = 5_000;
/// Internal consultations recorded on one engagement.
pub const MAX_CONSULTATIONS: usize = 500;
/// Documents marked as handed over (GitLab's documents, one line each).
pub const MAX_HANDED_OVER: usize = 500;
/// Revision counters stay below JavaScript's largest exact integer, so they never overflow.
pub const MAX_REVISION: u64 = (1 << 53) - 1;
/// Plan revisions: far more than any engagement records.
pub const MAX_PLAN_REVISION: u32 = 1_000_000;
/// Dates and times are kept within these years (in UTC), where every formatting path works.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=9998;

/// A text over its field's limit: shown next to the field, and the text is not saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLong {
    pub chars: usize,
    pub limit: usize,
}

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "This field holds up to {} characters; this text has {}. Shorten it: until then, what you typed here is not saved.",
            format_number(self.limit as f64),
            format_number(self.chars as f64)
        )
    }
}

impl std::error::Error for TooLong {}

/// Checks a field's text against its limit, counting characters as a person would.
pub fn check_text(text: &str, limit: usize) -> Result<(), TooLong> {
    // Bytes bound characters from above: most texts never need counting.
    if text.len() <= limit {
        return Ok(());
    }
    let chars = text.chars().count();
    if chars <= limit {
        Ok(())
    } else {
        Err(TooLong { chars, limit })
    }
}

/// Why an engagement is over a limit: a change is refused with it before anything is written,
/// and a document that holds it is refused on read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitError {
    /// The whole document, as stored, is over [`MAX_DOCUMENT_BYTES`].
    TooLarge { bytes: usize },
    /// A text field is over its limit.
    TooLong { field: &'static str, over: TooLong },
    /// A list holds more items than it may.
    TooMany {
        what: &'static str,
        count: usize,
        limit: usize,
    },
    /// A counter is past its bound.
    Counter { what: &'static str },
    /// A date or time outside [`YEARS`].
    Date { what: &'static str },
    /// A snapshot that holds snapshots itself.
    Snapshot { why: &'static str },
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitError::TooLarge { bytes } => write!(
                f,
                "the engagement would take {} bytes, over the {} bytes one engagement may hold",
                format_number(*bytes as f64),
                format_number(MAX_DOCUMENT_BYTES as f64)
            ),
            LimitError::TooLong { field, over } => write!(
                f,
                "{field} has {} characters, over its limit of {}",
                format_number(over.chars as f64),
                format_number(over.limit as f64)
            ),
            LimitError::TooMany { what, count, limit } => write!(
                f,
                "it holds {} {what}, over the limit of {}",
                format_number(*count as f64),
                format_number(*limit as f64)
            ),
            LimitError::Counter { what } => write!(f, "its {what} is out of range"),
            LimitError::Snapshot { why } => write!(f, "a snapshot {why}"),
            LimitError::Date { what } => write!(
                f,
                "{what} is outside the years {} to {}",
                YEARS.start(),
                YEARS.end()
            ),
        }
    }
}

impl std::error::Error for LimitError {}

fn text(field: &'static str, value: &str, limit: usize) -> Result<(), LimitError> {
    check_text(value, limit).map_err(|over| LimitError::TooLong { field, over })
}

fn count(what: &'static str, count: usize, limit: usize) -> Result<(), LimitError> {
    if count > limit {
        Err(LimitError::TooMany { what, count, limit })
    } else {
        Ok(())
    }
}

fn date(what: &'static str, date: Option<Date>) -> Result<(), LimitError> {
    match date {
        Some(d) if !YEARS.contains(&d.year()) => Err(LimitError::Date { what }),
        _ => Ok(()),
    }
}

fn instant(what: &'static str, at: OffsetDateTime) -> Result<(), LimitError> {
    match at.checked_to_offset(UtcOffset::UTC) {
        Some(utc) if YEARS.contains(&utc.year()) => Ok(()),
        _ => Err(LimitError::Date { what }),
    }
}

/// Checks every limit but the document's size: each text, list, counter and date.
pub fn check_fields(e: &Engagement) -> Result<(), LimitError> {
    let c = &e.coordination;
    if e.revision > MAX_REVISION {
        return Err(LimitError::Counter { what: "revision" });
    }
    if c.plan_revision > MAX_PLAN_REVISION || c.review.feedback_on_revision > MAX_PLAN_REVISION {
        return Err(LimitError::Counter {
            what: "plan revision",
        });
    }
    instant("the creation time", e.created)?;
    instant("the time of the last change", e.updated)?;
    count("log entries", e.log.len(), MAX_LOG_ENTRIES)?;
    for entry in &e.log {
        instant("a log entry's time", entry.at)?;
        // A log line quotes at most one line of the TAM's text, with a few words around it.
        text("A log entry", &entry.text, 2 * LINE_CHARS)?;
    }
    text("The internal notes", &e.internal_notes, LONG_TEXT_CHARS)?;
    let sizing = &e.sizing;
    for (field, value) in [
        ("Current users", &sizing.current_users),
        ("Annual growth", &sizing.annual_growth_pct),
        ("Planning horizon", &sizing.horizon_months),
        ("Target users", &sizing.target_users),
        ("Platform", &sizing.platform),
        ("Monorepos", &sizing.monorepos),
    ] {
        text(field, value, SHORT_CHARS)?;
    }
    for rps in [&sizing.peak_rps, &sizing.sustained_rps] {
        for value in [&rps.api, &rps.web, &rps.git_pull, &rps.git_push] {
            text("An RPS figure", value, SHORT_CHARS)?;
        }
    }
    text("The other reason", &c.move_reasons.other, LINE_CHARS)?;
    text(
        "The current environment",
        &c.current_environment,
        LINE_CHARS,
    )?;
    text("The GitLab version", &c.gitlab_version, SHORT_CHARS)?;
    date("The desired completion date", c.desired_completion)?;
    date("The recommendation date", c.ps_recommended_on)?;
    date("The decision date", c.ps_decided_on)?;
    count(
        "documents handed over",
        c.handed_over.len(),
        MAX_HANDED_OVER,
    )?;
    for (url, on) in &c.handed_over {
        text("A handed-over document's address", url, LINE_CHARS)?;
        date("A hand-over date", Some(*on))?;
    }
    count("consultations", c.consultations.len(), MAX_CONSULTATIONS)?;
    for consultation in &c.consultations {
        text(
            "A consultation's question",
            &consultation.question,
            LINE_CHARS,
        )?;
        text(
            "A consultation's answer",
            &consultation.answer,
            LONG_TEXT_CHARS,
        )?;
    }
    if let Some(plan) = &c.plan {
        text("The plan link", &plan.link, LINE_CHARS)?;
        text("The plan summary", &plan.summary, LONG_TEXT_CHARS)?;
        date("The plan date", Some(plan.date))?;
    }
    date("The date shared with Support", c.review.shared_on)?;
    text("The Support ticket link", &c.review.ticket, LINE_CHARS)?;
    text("The feedback notes", &c.review.notes, LONG_TEXT_CHARS)?;
    date("The migration start", c.migration.start)?;
    date("The migration end", c.migration.end)?;
    let i = &c.intake;
    for (field, value, limit) in [
        ("The rollback plan", &i.rollback_summary, LONG_TEXT_CHARS),
        ("The rollback document", &i.rollback_link, LINE_CHARS),
        ("The time zone", &i.time_zone, SHORT_CHARS),
        (
            "The Customer contact during the window (name)",
            &i.contact_name,
            LINE_CHARS,
        ),
        (
            "The Customer contact during the window (email)",
            &i.contact_email,
            LINE_CHARS,
        ),
        ("The target GitLab version", &i.target_version, SHORT_CHARS),
        ("The operating system", &i.operating_system, LINE_CHARS),
        ("The architecture diagram", &i.diagram_link, LINE_CHARS),
        ("The backup method", &i.backup_method, LINE_CHARS),
        ("The data size", &i.data_size_gb, SHORT_CHARS),
        ("The rehearsal", &i.rehearsal_result, LINE_CHARS),
        ("The restore duration", &i.restore_hours, SHORT_CHARS),
        ("The rollback duration", &i.rollback_hours, SHORT_CHARS),
        (
            "The planned architecture",
            &i.deviation.planned,
            SHORT_CHARS,
        ),
        (
            "The deviation reason",
            &i.deviation.other_reason,
            LINE_CHARS,
        ),
        (
            "The GitLab Performance Tool results",
            &i.deviation.gpt_results_link,
            LINE_CHARS,
        ),
        (
            "The Senior Support Engineer review",
            &i.deviation.senior_review,
            LINE_CHARS,
        ),
    ] {
        text(field, value, limit)?;
    }
    if let Some(at) = i.window_start {
        instant("the maintenance window start", at)?;
    }
    if let Some(at) = i.window_end {
        instant("the maintenance window end", at)?;
    }
    date("The rehearsal date", i.rehearsal_on)?;
    count("snapshots", e.snapshots.len(), MAX_SNAPSHOTS)?;
    for snapshot in &e.snapshots {
        instant("a snapshot's time", snapshot.at)?;
        if snapshot.revision > MAX_REVISION {
            return Err(LimitError::Counter {
                what: "snapshot's revision",
            });
        }
        if !snapshot.content.snapshots.is_empty() {
            return Err(LimitError::Snapshot {
                why: "holds snapshots of its own",
            });
        }
        check_fields(&snapshot.content)?;
    }
    Ok(())
}

/// The size of the engagement's stored form (compact JSON), written by the one writer of the
/// document (a writer that only counts would be a second copy of every field's writer).
pub fn stored_bytes(e: &Engagement) -> usize {
    serde_json::to_vec(e).map_or(usize::MAX, |text| text.len())
}

/// Checks every limit, the stored size last: what passes can be written and read back.
pub fn check(e: &Engagement) -> Result<(), LimitError> {
    check_fields(e)?;
    let bytes = stored_bytes(e);
    if bytes > MAX_DOCUMENT_BYTES {
        return Err(LimitError::TooLarge { bytes });
    }
    Ok(())
}
