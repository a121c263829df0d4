//! The customer's answers coming back: what the customer owns (their contact, the window they
//! want, the rollback plan, the diagram, the installation, the rehearsal) travels back to the TAM
//! in a return link, and the TAM accepts it field by field.
//!
//! A return link is `r1.` and the answers as compact JSON, deflated and base64url-coded, with
//! the same limits as a customer link. It carries only the answered fields, the engagement's id
//! and the revision the customer saw. Nothing is applied without the TAM accepting it.

use std::collections::BTreeMap;
use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::domain::documents::share::{self, MAX_PAYLOAD_CHARS};
use crate::domain::engagement::limits::{LINE_CHARS, LONG_TEXT_CHARS, SHORT_CHARS, YEARS};
use crate::domain::engagement::{Engagement, EngagementId};
use crate::domain::process::intake::{Installation, Intake};
use crate::domain::text::time_fmt;

/// The fragment prefix of a return link.
pub const PREFIX: &str = "r1.";

/// A field the customer can answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    ContactName,
    ContactEmail,
    WindowStart,
    WindowEnd,
    TimeZone,
    RollbackSummary,
    RollbackLink,
    DiagramLink,
    Installation,
    OperatingSystem,
    RehearsalOn,
    RehearsalResult,
    RestoreHours,
    RollbackHours,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::ContactName,
        Field::ContactEmail,
        Field::WindowStart,
        Field::WindowEnd,
        Field::TimeZone,
        Field::RollbackSummary,
        Field::RollbackLink,
        Field::DiagramLink,
        Field::Installation,
        Field::OperatingSystem,
        Field::RehearsalOn,
        Field::RehearsalResult,
        Field::RestoreHours,
        Field::RollbackHours,
    ];

    /// The field's key in a return link.
    pub fn code(self) -> &'static str {
        match self {
            Field::ContactName => "cn",
            Field::ContactEmail => "cm",
            Field::WindowStart => "ws",
            Field::WindowEnd => "we",
            Field::TimeZone => "tz",
            Field::RollbackSummary => "rs",
            Field::RollbackLink => "rl",
            Field::DiagramLink => "dl",
            Field::Installation => "in",
            Field::OperatingSystem => "os",
            Field::RehearsalOn => "ro",
            Field::RehearsalResult => "rr",
            Field::RestoreHours => "rh",
            Field::RollbackHours => "bh",
        }
    }

    /// The field's label, the same as on the TAM's intake form.
    pub fn label(self) -> &'static str {
        match self {
            Field::ContactName => "Customer contact during the window (name)",
            Field::ContactEmail => "Customer contact during the window (email)",
            Field::WindowStart => "Maintenance window start",
            Field::WindowEnd => "Maintenance window end",
            Field::TimeZone => "Time zone",
            Field::RollbackSummary => "Rollback plan",
            Field::RollbackLink => "Rollback document (link)",
            Field::DiagramLink => "Architecture diagram (link)",
            Field::Installation => "Installation method",
            Field::OperatingSystem => "Operating system",
            Field::RehearsalOn => "Date rehearsed",
            Field::RehearsalResult => "Rehearsal result",
            Field::RestoreHours => "Restore duration in rehearsal (hours)",
            Field::RollbackHours => "Rollback duration (hours)",
        }
    }

    fn max_chars(self) -> usize {
        match self {
            Field::RollbackSummary | Field::RehearsalResult => LONG_TEXT_CHARS,
            _ => LINE_CHARS,
        }
    }

    /// The stored value of this field, as the link carries it ("" when empty).
    pub fn stored(self, i: &Intake) -> String {
        match self {
            Field::ContactName => i.contact_name.clone(),
            Field::ContactEmail => i.contact_email.clone(),
            Field::WindowStart => i.window_start.map(time_fmt::rfc3339).unwrap_or_default(),
            Field::WindowEnd => i.window_end.map(time_fmt::rfc3339).unwrap_or_default(),
            Field::TimeZone => i.time_zone.clone(),
            Field::RollbackSummary => i.rollback_summary.clone(),
            Field::RollbackLink => i.rollback_link.clone(),
            Field::DiagramLink => i.diagram_link.clone(),
            Field::Installation => i.installation.code().to_string(),
            Field::OperatingSystem => i.operating_system.clone(),
            Field::RehearsalOn => i.rehearsal_on.map(|d| d.to_string()).unwrap_or_default(),
            Field::RehearsalResult => i.rehearsal_result.clone(),
            Field::RestoreHours => i.restore_hours.clone(),
            Field::RollbackHours => i.rollback_hours.clone(),
        }
    }

    /// A value of this field as a person reads it: times with their offset, the installation
    /// by its label, "—" for nothing.
    pub fn show(self, value: &str) -> String {
        if value.trim().is_empty() {
            return "—".into();
        }
        match self {
            Field::WindowStart | Field::WindowEnd => OffsetDateTime::parse(value, &Rfc3339)
                .map(crate::domain::documents::cutover::wall)
                .unwrap_or_else(|_| value.to_string()),
            Field::Installation => Installation::from_code(value)
                .map(|i| i.label().to_string())
                .unwrap_or_else(|| value.to_string()),
            _ => value.to_string(),
        }
    }

    /// Checks a value of this field; the error says why it cannot be taken.
    pub fn check(self, value: &str) -> Result<(), ReplyError> {
        let chars = value.chars().count();
        if chars > self.max_chars() {
            return Err(ReplyError::TooLong(self.label()));
        }
        let ok = match self {
            Field::WindowStart | Field::WindowEnd => {
                value.is_empty()
                    || OffsetDateTime::parse(value, &Rfc3339)
                        .is_ok_and(|at| YEARS.contains(&at.year()))
            }
            Field::RehearsalOn => value.is_empty() || parse_date(value).is_some(),
            Field::Installation => Installation::from_code(value).is_some(),
            Field::RestoreHours | Field::RollbackHours => {
                value.chars().count() <= SHORT_CHARS
                    && crate::domain::process::intake::hours(value).is_ok()
            }
            Field::RollbackLink | Field::DiagramLink => {
                if !crate::domain::text::links::is_web_address(value) {
                    return Err(ReplyError::NotWebAddress(self.label()));
                }
                true
            }
            _ => true,
        };
        if ok {
            Ok(())
        } else {
            Err(ReplyError::BadValue(self.label()))
        }
    }

    /// Writes a value (already checked) into the intake.
    fn put(self, i: &mut Intake, value: &str) {
        let text = value.to_string();
        match self {
            Field::ContactName => i.contact_name = text,
            Field::ContactEmail => i.contact_email = text,
            Field::WindowStart => i.window_start = OffsetDateTime::parse(value, &Rfc3339).ok(),
            Field::WindowEnd => i.window_end = OffsetDateTime::parse(value, &Rfc3339).ok(),
            Field::TimeZone => i.time_zone = text,
            Field::RollbackSummary => i.rollback_summary = text,
            Field::RollbackLink => i.rollback_link = text,
            Field::DiagramLink => i.diagram_link = text,
            Field::Installation => {
                i.installation = Installation::from_code(value).unwrap_or_default()
            }
            Field::OperatingSystem => i.operating_system = text,
            Field::RehearsalOn => i.rehearsal_on = parse_date(value),
            Field::RehearsalResult => i.rehearsal_result = text,
            Field::RestoreHours => i.restore_hours = text,
            Field::RollbackHours => i.rollback_hours = text,
        }
    }

    fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }
}

fn parse_date(text: &str) -> Option<Date> {
    Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
    .filter(|d| YEARS.contains(&d.year()))
}

/// The customer's answers to one engagement, as of the revision they saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub engagement: EngagementId,
    pub revision: u64,
    pub answers: BTreeMap<Field, String>,
}

#[derive(Serialize, Deserialize)]
struct Wire {
    v: u64,
    id: String,
    r: u64,
    a: BTreeMap<String, String>,
}

impl Reply {
    /// Answers prefilled from what the customer's copy holds: the customer sends back what
    /// they change.
    pub fn answers_from(e: &Engagement) -> BTreeMap<Field, String> {
        Field::ALL
            .into_iter()
            .map(|f| (f, f.stored(&e.coordination.intake)))
            .collect()
    }

    /// The reply to `e`, carrying only the answers that differ from what `e` holds.
    pub fn to(e: &Engagement, answers: &BTreeMap<Field, String>) -> Reply {
        let i = &e.coordination.intake;
        Reply {
            engagement: e.id,
            revision: e.revision,
            answers: answers
                .iter()
                .filter(|(f, v)| f.stored(i).trim() != v.trim())
                .map(|(f, v)| (*f, v.trim().to_string()))
                .collect(),
        }
    }

    /// The fragment of a return link (without the `#`).
    pub fn encode(&self) -> String {
        let wire = Wire {
            v: 1,
            id: self.engagement.to_string(),
            r: self.revision,
            a: self
                .answers
                .iter()
                .map(|(f, v)| (f.code().to_string(), v.clone()))
                .collect(),
        };
        let json = serde_json::to_vec(&wire).unwrap_or_default();
        let deflated = miniz_oxide::deflate::compress_to_vec(&json, 10);
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated))
    }

    /// Reads a return link's fragment (with or without `#`), refusing anything malformed.
    pub fn decode(fragment: &str) -> Result<Reply, ReplyError> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
        let payload = fragment.strip_prefix(PREFIX).ok_or(ReplyError::NotAReply)?;
        if payload.len() > MAX_PAYLOAD_CHARS {
            return Err(ReplyError::TooLong("the link"));
        }
        // The same checks as a customer link's payload; any failure is a damaged reply.
        let json = share::unbase64(payload)
            .and_then(|deflated| share::inflate(&deflated))
            .map_err(|_| ReplyError::Damaged)?;
        let wire: Wire = serde_json::from_slice(&json).map_err(|_| ReplyError::Damaged)?;
        if wire.v != 1 {
            return Err(ReplyError::NotAReply);
        }
        let engagement = wire.id.parse().map_err(|_| ReplyError::Damaged)?;
        let mut answers = BTreeMap::new();
        for (code, value) in wire.a {
            let field = Field::from_code(&code).ok_or(ReplyError::Damaged)?;
            answers.insert(field, value);
        }
        // Checked in the form's order, so a refusal names the first field the TAM would see.
        for (field, value) in &answers {
            field.check(value)?;
        }
        Ok(Reply {
            engagement,
            revision: wire.r,
            answers,
        })
    }
}

/// True for a fragment shaped like a return link.
pub fn looks_like_reply(fragment: &str) -> bool {
    fragment
        .strip_prefix('#')
        .unwrap_or(fragment)
        .starts_with(PREFIX)
}

/// Why a return link cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyError {
    NotAReply,
    Damaged,
    TooLong(&'static str),
    BadValue(&'static str),
    /// A link answer that is not a web address: the whole reply is refused.
    NotWebAddress(&'static str),
}

impl fmt::Display for ReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplyError::NotAReply => f.write_str("This is not a return link from this app."),
            ReplyError::Damaged => {
                f.write_str("The return link is damaged or cut short: ask for it again.")
            }
            ReplyError::TooLong(what) => write!(f, "{what} is longer than this app accepts."),
            ReplyError::BadValue(what) => write!(f, "The answer for “{what}” cannot be read."),
            ReplyError::NotWebAddress(what) => write!(
                f,
                "The answer for “{what}” is not a web address (https://…), so nothing from this return link was taken. Ask the customer for the link again."
            ),
        }
    }
}

impl std::error::Error for ReplyError {}

/// One answer beside what the engagement holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub field: Field,
    pub stored: String,
    pub answered: String,
}

/// How a reply stands against the engagement here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Made from the engagement as it is now.
    Current,
    /// Made from an older revision: the TAM changed the engagement since.
    Older { seen: u64, now: u64 },
    /// Made from a revision newer than the one here (another browser's copy).
    Newer { seen: u64, now: u64 },
}

/// The answers that differ from what `e` holds, in the form's order.
pub fn answers(reply: &Reply, e: &Engagement) -> Vec<Answer> {
    let i = &e.coordination.intake;
    reply
        .answers
        .iter()
        .filter(|(f, v)| f.stored(i) != **v)
        .map(|(f, v)| Answer {
            field: *f,
            stored: f.stored(i),
            answered: v.clone(),
        })
        .collect()
}

pub fn standing(reply: &Reply, e: &Engagement) -> Standing {
    match reply.revision.cmp(&e.revision) {
        std::cmp::Ordering::Equal => Standing::Current,
        std::cmp::Ordering::Less => Standing::Older {
            seen: reply.revision,
            now: e.revision,
        },
        std::cmp::Ordering::Greater => Standing::Newer {
            seen: reply.revision,
            now: e.revision,
        },
    }
}

/// The intake with the accepted answers applied, and the log line naming them and their source.
/// Fields not in `accepted` are left exactly as they are.
pub fn accept(reply: &Reply, e: &Engagement, accepted: &[Field]) -> (Intake, Option<String>) {
    let mut next = e.coordination.intake.clone();
    let mut labels = Vec::new();
    for field in Field::ALL {
        if !accepted.contains(&field) {
            continue;
        }
        if let Some(value) = reply.answers.get(&field) {
            if field.check(value).is_ok() && field.stored(&next) != *value {
                field.put(&mut next, value);
                labels.push(field.label());
            }
        }
    }
    let line = (!labels.is_empty()).then(|| {
        format!(
            "Accepted from the customer's reply (made from revision {}): {}.",
            reply.revision,
            labels.join(", ")
        )
    });
    (next, line)
}
