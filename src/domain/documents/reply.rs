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
use time::Date;

use crate::domain::documents::compare::{self, Change};
use crate::domain::documents::share::{self, MAX_PAYLOAD_CHARS};
use crate::domain::engagement::fields::parse_date;
pub use crate::domain::engagement::fields::Field;
use crate::domain::engagement::fields::Problem;
use crate::domain::engagement::intake::Intake;
use crate::domain::engagement::{Engagement, EngagementId};
use crate::domain::process::intake::missing_from_customer;

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

/// What the customer's browser remembers of the answers it sent for one customer link: the day,
/// and which answers. A newer link from the TAM (another revision) starts afresh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    pub on: Date,
    pub answers: BTreeMap<Field, String>,
}

#[derive(Serialize, Deserialize)]
struct SentWire {
    on: String,
    a: BTreeMap<String, String>,
}

/// The most a remembered sending may hold before it is ignored (the customer's own browser, but
/// still read as untrusted).
const MAX_SENT_CHARS: usize = 256 * 1024;

impl Sent {
    /// The key it is kept under: the engagement and the revision its link was made from.
    pub fn key(e: &Engagement) -> String {
        format!("reply-sent.{}.{}", e.id, e.revision)
    }

    /// What a reply made on `on` leaves to remember.
    pub fn of(reply: &Reply, on: Date) -> Sent {
        Sent {
            on,
            answers: reply.answers.clone(),
        }
    }

    /// As kept in the browser.
    pub fn to_text(&self) -> String {
        let wire = SentWire {
            on: self.on.to_string(),
            a: self
                .answers
                .iter()
                .map(|(f, v)| (f.code().to_string(), v.clone()))
                .collect(),
        };
        serde_json::to_string(&wire).unwrap_or_default()
    }

    /// Reads what was kept; anything unreadable is as if nothing was sent.
    pub fn from_text(text: &str) -> Option<Sent> {
        if text.len() > MAX_SENT_CHARS {
            return None;
        }
        let wire: SentWire = serde_json::from_str(text).ok()?;
        Some(Sent {
            on: parse_date(&wire.on)?,
            answers: wire
                .a
                .into_iter()
                .filter_map(|(code, v)| Field::from_code(&code).map(|f| (f, v)))
                .collect(),
        })
    }

    /// The customer's next step once sent: the day, which answers, and to send again if
    /// anything changed.
    pub fn next_step(&self) -> String {
        let labels: Vec<&str> = self.answers.keys().map(|f| f.label()).collect();
        format!(
            "You sent your answers on {} ({}) to your Technical Account Manager, who takes them from here: send again if anything changed.",
            self.on,
            labels.join("; ")
        )
    }
}

/// Whether "Fill in your part" leads the customer's page: an item the customer owns is missing,
/// at any stage, and no answers were sent from this link yet.
pub fn fill_in_first(e: &Engagement, sent: Option<&Sent>) -> bool {
    sent.is_none() && !missing_from_customer(e).is_empty()
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
            Problem::BadValue
            | Problem::NotEmail
            | Problem::NotHours
            | Problem::EndsBeforeStart => ReplyError::BadValue(field.label()),
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

/// The answers that differ from what `e` holds and that the TAM has not declined, in the form's
/// order.
pub fn answers(reply: &Reply, e: &Engagement) -> Vec<Answer> {
    let i = &e.coordination.intake;
    reply
        .answers
        .iter()
        .filter(|(f, v)| f.read(i) != **v && !declined(e, **f, v))
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
    /// Answered fields changed here since the link: accepting the answer replaces that change.
    pub answered: BTreeMap<Field, Change>,
    /// Answered fields that hold the same customer's earlier answer, accepted from a reply made
    /// from the same link: the new answer replaces their own, so it is no conflict.
    pub their_earlier: BTreeMap<Field, Change>,
    pub other: Vec<Change>,
}

pub fn changed_here(reply: &Reply, e: &Engagement) -> Option<ChangedHere> {
    let changes = compare::since_customer_link(e, reply.revision)?;
    let link_made = e.customer_link_at(reply.revision)?.at;
    let mut answered = BTreeMap::new();
    let mut their_earlier = BTreeMap::new();
    let mut other = Vec::new();
    for change in changes {
        match reply.answers.keys().find(|f| f.label() == change.field) {
            Some(field) if last_accepted_from(e, *field, link_made) == Some(reply.revision) => {
                their_earlier.insert(*field, change);
            }
            Some(field) => {
                answered.insert(*field, change);
            }
            None => other.push(change),
        }
    }
    Some(ChangedHere {
        answered,
        their_earlier,
        other,
    })
}

/// The revision of the link whose reply gave `field` the answer accepted last since `since`
/// (by the activity log's acceptance lines), if one did.
fn last_accepted_from(e: &Engagement, field: Field, since: time::OffsetDateTime) -> Option<u64> {
    e.log
        .iter()
        .filter(|entry| entry.at >= since)
        .filter_map(|entry| accepted_line(&entry.text))
        .filter(|(_, labels)| labels.split(", ").any(|l| l == field.label()))
        .map(|(revision, _)| revision)
        .next_back()
}

/// The revision and the labels of an acceptance line written by [`accept`].
fn accepted_line(text: &str) -> Option<(u64, &str)> {
    let rest = text.strip_prefix(ACCEPTED)?;
    let (revision, labels) = rest.split_once("): ")?;
    Some((revision.parse().ok()?, labels.strip_suffix('.')?))
}

const ACCEPTED: &str = "Accepted from the customer's reply (made from revision ";

/// What the TAM is told about the revision a reply was made from, beside what changed here
/// since; `None` when the reply was made from the engagement as it is now.
pub fn standing_note(standing: Standing, changed: Option<&ChangedHere>) -> Option<String> {
    match (standing, changed) {
        (Standing::Current, _) => None,
        (Standing::Older { seen, .. }, Some(c)) if c.answered.is_empty() && c.other.is_empty() => {
            Some(if c.their_earlier.is_empty() {
                format!(
                    "The customer answered from the link made at revision {seen}; nothing the customer sees has changed here since."
                )
            } else {
                format!(
                    "The customer answered again from the link made at revision {seen}: their answers replace their own earlier ones, accepted here. Nothing else the customer sees has changed here since."
                )
            })
        }
        (Standing::Older { seen, .. }, Some(_)) => Some(format!(
            "The customer answered from the link made at revision {seen}, and the engagement changed here since: answers to fields changed here too are marked, and the other changes are listed below. Accepting an answer replaces what you recorded later."
        )),
        (Standing::Older { seen, now }, None) => Some(format!(
            "The customer answered from an older version of the engagement (revision {seen}; it is at revision {now} here): compare each answer with what is recorded now before accepting it."
        )),
        (Standing::Newer { seen, now }, _) => Some(format!(
            "The customer answered from a newer version of the engagement (revision {seen}) than the one saved here (revision {now}): another browser may hold later changes."
        )),
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
            if field.check(value).is_ok() && field.read(&next) != *value {
                field.write(&mut next, value);
                labels.push(field.label());
            }
        }
    }
    let line = (!labels.is_empty())
        .then(|| format!("{ACCEPTED}{}): {}.", reply.revision, labels.join(", ")));
    (next, line)
}

/// The log line declining the customer's answer to `field`, which leaves the recorded value as
/// it is; `None` when that answer does not wait (recorded already, declined, or not given).
pub fn decline(reply: &Reply, e: &Engagement, field: Field) -> Option<String> {
    answers(reply, e)
        .into_iter()
        .find(|a| a.field == field)
        .map(|a| decline_line(field, &a.answered))
}

/// Characters of a declined answer quoted in its log line.
const DECLINED_QUOTE_CHARS: usize = 120;

/// "Declined the customer's answer to <field>: <value>.", the value on one line and cut short.
fn decline_line(field: Field, value: &str) -> String {
    let shown = field.show(value);
    let one_line = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    let quoted = if one_line.chars().count() > DECLINED_QUOTE_CHARS {
        let cut: String = one_line.chars().take(DECLINED_QUOTE_CHARS).collect();
        format!("{}…", cut.trim_end())
    } else {
        one_line
    };
    format!(
        "Declined the customer's answer to {}: {quoted}.",
        field.label()
    )
}

/// Whether the activity log says the TAM declined this very answer.
fn declined(e: &Engagement, field: Field, value: &str) -> bool {
    let line = decline_line(field, value);
    e.log.iter().any(|entry| entry.text == line)
}
