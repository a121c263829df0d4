//! Text typed but not yet committed: the drafts of the forms that wait for a button (the plan,
//! a consultation, the customer's name), and what a closing tab had not saved. Neither is ever
//! part of the engagement: a draft never changes its revision or its stage, and never travels
//! in a file, a link or the Markdown.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::engagement::limits::{
    self, TooLong, LINE_CHARS, LONG_TEXT_CHARS, MAX_DOCUMENT_BYTES, SHORT_CHARS,
};
use crate::domain::engagement::{Engagement, EngagementId, ReadError};

/// A field whose text waits for a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DraftField {
    CustomerName,
    PlanLink,
    PlanSummary,
    PlanDate,
    ConsultTeam,
    ConsultQuestion,
    ConsultAnswer,
}

impl DraftField {
    pub const ALL: [DraftField; 7] = [
        DraftField::CustomerName,
        DraftField::PlanLink,
        DraftField::PlanSummary,
        DraftField::PlanDate,
        DraftField::ConsultTeam,
        DraftField::ConsultQuestion,
        DraftField::ConsultAnswer,
    ];
    /// The plan form's fields, committed together by "Record plan".
    pub const PLAN: [DraftField; 3] = [
        DraftField::PlanLink,
        DraftField::PlanSummary,
        DraftField::PlanDate,
    ];
    /// The consultation form's fields, committed together by "Add consultation".
    pub const CONSULTATION: [DraftField; 3] = [
        DraftField::ConsultTeam,
        DraftField::ConsultQuestion,
        DraftField::ConsultAnswer,
    ];

    /// The field's key in a stored draft (the id of its input).
    pub fn code(self) -> &'static str {
        match self {
            DraftField::CustomerName => "customer-name",
            DraftField::PlanLink => "plan-link",
            DraftField::PlanSummary => "plan-summary",
            DraftField::PlanDate => "plan-date",
            DraftField::ConsultTeam => "consult-team",
            DraftField::ConsultQuestion => "consult-question",
            DraftField::ConsultAnswer => "consult-answer",
        }
    }

    fn from_code(code: &str) -> Option<DraftField> {
        DraftField::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The most characters the field holds: the same limit as the value it becomes.
    pub fn max_chars(self) -> usize {
        match self {
            DraftField::PlanSummary | DraftField::ConsultAnswer => LONG_TEXT_CHARS,
            DraftField::PlanDate | DraftField::ConsultTeam => SHORT_CHARS,
            _ => LINE_CHARS,
        }
    }
}

/// One field's draft: what was typed, and the committed value it was typed over (to tell when
/// another tab committed something else meanwhile).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drafted {
    pub text: String,
    pub base: String,
}

/// The drafts of one engagement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drafts(BTreeMap<DraftField, Drafted>);

/// The largest stored draft of one engagement, in bytes: two long texts and a few lines.
pub const MAX_DRAFT_BYTES: usize = 4 * LONG_TEXT_CHARS * 4 + 64 * 1024;

#[derive(Serialize, Deserialize)]
struct DraftWire {
    v: u64,
    fields: BTreeMap<String, Drafted>,
}

/// Why a stored draft cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftError {
    TooLarge { bytes: usize },
    NotADraft,
    TooLong { field: &'static str },
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::TooLarge { bytes } => write!(
                f,
                "the draft is {bytes} bytes long, over the {MAX_DRAFT_BYTES}-byte limit"
            ),
            DraftError::NotADraft => f.write_str("it is not a draft of this app"),
            DraftError::TooLong { field } => {
                write!(f, "the draft of “{field}” is longer than the field holds")
            }
        }
    }
}

impl std::error::Error for DraftError {}

impl Drafts {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: DraftField) -> Option<&Drafted> {
        self.0.get(&field)
    }

    /// What the field shows: its draft, or the committed value.
    pub fn text(&self, field: DraftField, committed: &str) -> String {
        self.get(field)
            .map(|d| d.text.clone())
            .unwrap_or_else(|| committed.to_string())
    }

    /// True when any of `fields` holds a draft.
    pub fn any(&self, fields: &[DraftField]) -> bool {
        fields.iter().any(|f| self.0.contains_key(f))
    }

    /// Keeps what was typed into `field` over `committed`: a draft while it differs, nothing
    /// once it is the committed value again. Text over the field's limit is refused (the field
    /// shows it with the message; the draft keeps what it held).
    pub fn typed(&mut self, field: DraftField, text: &str, committed: &str) -> Result<(), TooLong> {
        limits::check_text(text, field.max_chars())?;
        if text == committed {
            self.0.remove(&field);
        } else {
            let base = self
                .0
                .get(&field)
                .map(|d| d.base.clone())
                .unwrap_or_else(|| committed.to_string());
            self.0.insert(
                field,
                Drafted {
                    text: text.to_string(),
                    base,
                },
            );
        }
        Ok(())
    }

    /// Throws away the drafts of `fields` (committed by their button, or discarded).
    pub fn clear(&mut self, fields: &[DraftField]) {
        for field in fields {
            self.0.remove(field);
        }
    }

    /// The value another tab committed to `field` after this draft began, when it is neither
    /// the draft's starting point nor the draft itself: the field says so instead of choosing.
    pub fn changed_elsewhere(&self, field: DraftField, committed: &str) -> Option<String> {
        self.get(field)
            .filter(|d| d.base != committed && d.text != committed)
            .map(|_| committed.to_string())
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        let wire = DraftWire {
            v: 1,
            fields: self
                .0
                .iter()
                .map(|(f, d)| (f.code().to_string(), d.clone()))
                .collect(),
        };
        serde_json::to_string(&wire).unwrap_or_default()
    }

    /// Reads a stored draft: bounded, each field within its limit; fields this version does not
    /// know are left out.
    pub fn from_json(raw: &str) -> Result<Drafts, DraftError> {
        if raw.len() > MAX_DRAFT_BYTES {
            return Err(DraftError::TooLarge { bytes: raw.len() });
        }
        let wire: DraftWire = serde_json::from_str(raw).map_err(|_| DraftError::NotADraft)?;
        if wire.v != 1 {
            return Err(DraftError::NotADraft);
        }
        let mut drafts = BTreeMap::new();
        for (code, drafted) in wire.fields {
            let Some(field) = DraftField::from_code(&code) else {
                continue;
            };
            if limits::check_text(&drafted.text, field.max_chars()).is_err()
                || limits::check_text(&drafted.base, field.max_chars()).is_err()
            {
                return Err(DraftError::TooLong {
                    field: field.code(),
                });
            }
            drafts.insert(field, drafted);
        }
        Ok(Drafts(drafts))
    }
}

/// What a closing tab had not saved of one engagement: its version, and the stored revision it
/// was built on (none for an engagement never saved).
#[derive(Clone, Debug, PartialEq)]
pub struct Unsaved {
    pub base: Option<u64>,
    pub engagement: Engagement,
}

/// What to do with a closing tab's unsaved version, against what storage holds now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recovery {
    /// Storage holds exactly this version: nothing to do.
    Stored,
    /// Storage holds the version it was built on (or nothing): it is written.
    Write,
    /// Storage moved on meanwhile (another tab saved, perhaps closing at the same moment): it is
    /// kept beside, as a copy, so neither version is lost.
    KeepAsCopy,
}

impl Unsaved {
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(&serde_json::json!({
            "base": self.base,
            "engagement": crate::domain::engagement::stored::json_value(&self.engagement)?,
        }))
    }

    /// Reads a closing tab's record: the engagement with every check a stored one gets.
    pub fn from_json(raw: &str) -> Result<Unsaved, ReadError> {
        if raw.len() > MAX_DOCUMENT_BYTES + 1024 {
            return Err(ReadError::TooLarge { bytes: raw.len() });
        }
        let mut value: Value =
            serde_json::from_str(raw).map_err(|e| ReadError::NotJson(e.to_string()))?;
        let Some(object) = value.as_object_mut() else {
            return Err(ReadError::NotADocument);
        };
        let base = match object.get("base") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.as_u64().ok_or(ReadError::NotADocument)?),
        };
        let engagement =
            Engagement::from_value(object.remove("engagement").unwrap_or(Value::Null))?;
        Ok(Unsaved { base, engagement })
    }

    /// A closing tab's record that it deleted `id`, stored at revision `base`, before saving.
    pub fn deletion_json(id: EngagementId, base: u64) -> String {
        serde_json::json!({ "deleted": id.to_string(), "base": base }).to_string()
    }

    /// The engagement and revision a deletion record names, if `raw` is one.
    pub fn read_deletion(raw: &str) -> Option<(EngagementId, u64)> {
        if raw.len() > 1024 {
            return None;
        }
        let value: Value = serde_json::from_str(raw).ok()?;
        let id = value.get("deleted")?.as_str()?.parse().ok()?;
        Some((id, value.get("base")?.as_u64()?))
    }

    /// Whether a deletion still applies: storage holds the revision that was deleted. An
    /// engagement changed elsewhere since is kept, as a deletion here never removes unseen work.
    pub fn deletion_applies(base: u64, stored: Option<&Engagement>) -> bool {
        stored.is_some_and(|stored| stored.revision == base)
    }

    /// Whether this version is already stored, can be written, or must be kept as a copy.
    pub fn recovery(&self, stored: Option<&Engagement>) -> Recovery {
        match stored {
            Some(stored) if *stored == self.engagement => Recovery::Stored,
            Some(stored) if Some(stored.revision) == self.base => Recovery::Write,
            Some(_) => Recovery::KeepAsCopy,
            None => Recovery::Write,
        }
    }
}
