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

use crate::domain::documents::compare::{self, Change};
use crate::domain::documents::share::{self, MAX_PAYLOAD_CHARS};
pub use crate::domain::engagement::fields::Field;
use crate::domain::engagement::fields::Problem;
use crate::domain::engagement::intake::Intake;
use crate::domain::engagement::{Engagement, EngagementId};

/// The fragment prefix of a return link.
pub const PREFIX: &str = "r1.";

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
            .map(|f| (f, f.read(&e.coordination.intake)))
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
                .filter(|(f, v)| f.read(i).trim() != v.trim())
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
            field
                .check(value)
                .map_err(|problem| ReplyError::of(*field, problem))?;
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

impl ReplyError {
    /// The refusal of an answer, naming its field.
    pub fn of(field: Field, problem: Problem) -> Self {
        match problem {
            Problem::TooLong => ReplyError::TooLong(field.label()),
            Problem::BadValue => ReplyError::BadValue(field.label()),
            Problem::NotWebAddress => ReplyError::NotWebAddress(field.label()),
        }
    }
}

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
        .filter(|(f, v)| f.read(i) != **v)
        .map(|(f, v)| Answer {
            field: *f,
            stored: f.read(i),
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

/// What changed here since the customer's link the reply was made from, as the customer sees
/// the engagement: the changes to fields the customer answered (by field), and the others.
/// `None` when that link's snapshot is not kept (a link made before snapshots, or long ago).
pub struct ChangedHere {
    pub answered: BTreeMap<Field, Change>,
    pub other: Vec<Change>,
}

pub fn changed_here(reply: &Reply, e: &Engagement) -> Option<ChangedHere> {
    let changes = compare::since_customer_link(e, reply.revision)?;
    let mut answered = BTreeMap::new();
    let mut other = Vec::new();
    for change in changes {
        match reply.answers.keys().find(|f| f.label() == change.field) {
            Some(field) => {
                answered.insert(*field, change);
            }
            None => other.push(change),
        }
    }
    Some(ChangedHere { answered, other })
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
            if field.check(value).is_ok() && field.read(&next) != *value {
                field.write(&mut next, value);
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
