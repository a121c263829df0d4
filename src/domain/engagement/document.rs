//! The engagement document: one customer's move to new infrastructure, as stored and exported.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::domain::engagement::records::{Coordination, HandOff, LogEntry};
use crate::domain::sizing::SizingInputs;

/// The schema version this build writes. Older versions are migrated on read; newer ones are
/// refused with `ReadError::NewerVersion` and left as they are.
pub const SCHEMA_VERSION: u32 = 3;

/// The longest customer name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// An engagement's identity: a random (version 4) UUID.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EngagementId(Uuid);

impl EngagementId {
    /// Builds a version 4 id from 16 random bytes supplied by the caller.
    pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
        Self(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }
}

impl fmt::Display for EngagementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl FromStr for EngagementId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self)
    }
}

/// Why a customer name was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameError {
    /// Nothing but white space was given.
    Empty,
    /// More than [`MAX_NAME_CHARS`] characters.
    TooLong { chars: usize },
    /// A control character or a text-direction override, which could disguise the name.
    Characters,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty => f.write_str("Enter the customer's name."),
            NameError::TooLong { chars } => write!(
                f,
                "The customer name is {chars} characters long; shorten it to {MAX_NAME_CHARS} or fewer."
            ),
            NameError::Characters => f.write_str(
                "The customer name holds an invisible control or text-direction character; type it again without it.",
            ),
        }
    }
}

impl std::error::Error for NameError {}

/// A customer's name: trimmed, not empty, at most [`MAX_NAME_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CustomerName(String);

impl CustomerName {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name for a copy of an engagement: "<name> (copy)", shortened to fit the limit.
    pub fn for_copy(&self) -> CustomerName {
        self.with_suffix(" (copy)")
    }

    /// The name with `suffix` added ("<name> (replaced)"), the name shortened to fit the limit.
    pub fn with_suffix(&self, suffix: &str) -> CustomerName {
        let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
        let base: String = self.0.chars().take(room).collect();
        CustomerName(format!("{}{suffix}", base.trim_end()))
    }
}

impl TryFrom<String> for CustomerName {
    type Error = NameError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        let trimmed = value.trim();
        let chars = trimmed.chars().count();
        if chars == 0 {
            Err(NameError::Empty)
        } else if chars > MAX_NAME_CHARS {
            Err(NameError::TooLong { chars })
        } else if trimmed.chars().any(hidden_character) {
            Err(NameError::Characters)
        } else if trimmed.len() == value.len() {
            Ok(Self(value))
        } else {
            Ok(Self(trimmed.to_owned()))
        }
    }
}

/// Characters that do not show, or that turn the text's direction around: in a name they can
/// make one customer's engagement look like another's.
fn hidden_character(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

impl FromStr for CustomerName {
    type Err = NameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::try_from(s.to_owned())
    }
}

impl From<CustomerName> for String {
    fn from(name: CustomerName) -> Self {
        name.0
    }
}

impl fmt::Display for CustomerName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One customer engagement: what the TAM records, and the snapshots kept at hand-offs. Its
/// stored form (JSON) is in [`super::stored`].
#[derive(Clone, Debug, PartialEq)]
pub struct Engagement {
    /// The version of this document's layout; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    pub id: EngagementId,
    pub customer_name: CustomerName,
    pub created: OffsetDateTime,
    pub updated: OffsetDateTime,
    /// Counts the changes made to this engagement; a save is due when it moves.
    pub revision: u64,
    /// The sizing form as typed.
    pub sizing: SizingInputs,
    /// What the TAM recorded of the coordination process.
    pub coordination: Coordination,
    /// The TAM's own notes: in the file for Support, never in a customer link.
    pub internal_notes: String,
    /// Decisions and stage changes, oldest first.
    pub log: Vec<LogEntry>,
    /// What was handed over at each hand-off, oldest first (see [`super::snapshots`]).
    pub snapshots: Vec<Snapshot>,
    /// Fields this build does not know (written by a newer build), kept so that a save does not
    /// drop them.
    pub extra: Map<String, Value>,
}

/// The engagement as one reader saw it at one hand-off.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub kind: HandOff,
    pub at: OffsetDateTime,
    /// The engagement's revision once the snapshot was kept (a customer link made then carries
    /// it, so a reply finds the snapshot it was made from).
    pub revision: u64,
    /// What the reader saw: their view, without the log and without snapshots.
    pub content: Box<Engagement>,
}

impl Engagement {
    /// True when both hold the same work: everything but the revision counter, which only
    /// says how often each copy was saved.
    pub fn same_content(&self, other: &Engagement) -> bool {
        Engagement {
            revision: other.revision,
            ..self.clone()
        } == *other
    }

    /// True when this copy was changed after `other` (a file's or a link's copy of the same
    /// engagement) was made: replacing it with `other` would roll back that later work.
    pub fn changed_after(&self, other: &Engagement) -> bool {
        self.updated > other.updated
    }

    /// A new engagement for `customer_name`, created at `now`.
    pub fn new(id: EngagementId, customer_name: CustomerName, now: OffsetDateTime) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            id,
            customer_name,
            created: now,
            updated: now,
            revision: 1,
            sizing: SizingInputs::default(),
            coordination: Coordination::default(),
            internal_notes: String::new(),
            log: Vec::new(),
            snapshots: Vec::new(),
            extra: Map::new(),
        }
    }

    /// A copy under a new id, named "<name> (copy)", created at `now`, with a fresh log and no
    /// snapshots (nothing was handed over from it yet).
    pub fn duplicate(&self, id: EngagementId, now: OffsetDateTime) -> Self {
        Self {
            id,
            customer_name: self.customer_name.for_copy(),
            created: now,
            updated: now,
            revision: 1,
            log: Vec::new(),
            snapshots: Vec::new(),
            ..self.clone()
        }
    }

    /// Marks a change made at `now`.
    pub(crate) fn touch(&mut self, now: OffsetDateTime) {
        self.updated = now;
        self.revision = self.revision.saturating_add(1);
    }

    /// The stored form: compact JSON.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}
