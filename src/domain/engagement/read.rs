//! Reading a stored or imported engagement: its size, its version (migrating older ones) and
//! every limit, before anything else sees it.

use std::fmt;

use serde::de::MapAccess;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use time::OffsetDateTime;

use crate::domain::engagement::document::{CustomerName, Engagement, EngagementId, SCHEMA_VERSION};
use crate::domain::engagement::limits::{self, LimitError};
use crate::domain::engagement::migrate;
use crate::domain::engagement::records::Coordination;
use crate::domain::sizing::SizingInputs;

/// The largest stored document accepted, in bytes: a larger one is not parsed at all, and
/// a change that would make one larger is refused before it is written.
pub use crate::domain::engagement::limits::MAX_DOCUMENT_BYTES;

impl Engagement {
    /// Reads a stored document, checking its size and version before its fields, and its
    /// fields against the limits a change must keep to.
    pub fn from_json(raw: &str) -> Result<Self, ReadError> {
        if raw.len() > MAX_DOCUMENT_BYTES {
            return Err(ReadError::TooLarge { bytes: raw.len() });
        }
        let engagement = match Self::read_current(raw) {
            Some(engagement) => engagement,
            None => {
                let value: Value =
                    serde_json::from_str(raw).map_err(|e| ReadError::NotJson(e.to_string()))?;
                Self::parse_value(value)?
            }
        };
        limits::check_fields(&engagement).map_err(ReadError::Limit)?;
        Ok(engagement)
    }

    /// Reads a document already parsed as JSON (from a file), checking its version before its
    /// fields, and then every limit, the size it would take in storage included.
    pub fn from_value(value: Value) -> Result<Self, ReadError> {
        let engagement = Self::parse_value(value)?;
        limits::check(&engagement).map_err(ReadError::Limit)?;
        Ok(engagement)
    }

    /// Reads a document of the current version (nearly every stored one) straight from its
    /// text, without building it as JSON values first. `None` when it is of another version, or
    /// cannot be read so: it is then read again through JSON values, which migrate an older
    /// document and name what is wrong with a broken one, as they always did.
    fn read_current(raw: &str) -> Option<Self> {
        serde_json::from_str::<Self>(raw)
            .ok()
            .filter(|engagement| engagement.schema_version == SCHEMA_VERSION)
    }

    fn parse_value(value: Value) -> Result<Self, ReadError> {
        let Value::Object(ref object) = value else {
            return Err(ReadError::NotADocument);
        };
        match object.get("schema_version").and_then(Value::as_u64) {
            None => Err(ReadError::NoVersion),
            Some(v) if v > u64::from(SCHEMA_VERSION) => Err(ReadError::NewerVersion { found: v }),
            Some(0) => Err(ReadError::NoVersion),
            Some(v) if v < u64::from(SCHEMA_VERSION) => {
                let current = migrate::migrate(value, v).map_err(ReadError::Migration)?;
                Self::read_values(&current).map_err(ReadError::Invalid)
            }
            Some(_) => Self::read_values(&value).map_err(ReadError::Invalid),
        }
    }
}

/// Characters of a customer's name read from a document that cannot be read otherwise.
const RAW_NAME_CHARS: usize = 200;

/// The customer's name in a document's raw JSON, for naming a document that cannot be read:
/// trimmed and cut short; `None` when there is no name as text.
pub fn customer_name_in(value: &Value) -> Option<String> {
    let name = value.get("customer_name")?.as_str()?.trim();
    (!name.is_empty()).then(|| name.chars().take(RAW_NAME_CHARS).collect())
}

/// Why a stored or imported document could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    TooLarge {
        bytes: usize,
    },
    NotJson(String),
    NotADocument,
    NoVersion,
    NewerVersion {
        found: u64,
    },
    Migration(String),
    Invalid(String),
    /// Over a limit a change could never have passed: refused rather than half-read.
    Limit(LimitError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge { bytes } => write!(
                f,
                "it is {bytes} bytes long, over the {MAX_DOCUMENT_BYTES}-byte limit for one engagement"
            ),
            ReadError::NotJson(e) => write!(f, "it is not valid JSON ({e})"),
            ReadError::NotADocument => f.write_str("it is not an engagement document"),
            ReadError::NoVersion => f.write_str("it has no valid schema_version"),
            ReadError::NewerVersion { found } => write!(
                f,
                "it was written by a newer version of this app (schema version {found}; this one reads up to {SCHEMA_VERSION})"
            ),
            ReadError::Migration(e) => write!(f, "it could not be brought up to date ({e})"),
            ReadError::Invalid(e) => write!(f, "a field is invalid ({e})"),
            ReadError::Limit(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// A time as RFC 3339 text, as every time in the document is written.
pub(crate) struct Rfc3339(pub(crate) OffsetDateTime);

impl Serialize for Rfc3339 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        time::serde::rfc3339::serialize(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for Rfc3339 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        time::serde::rfc3339::deserialize(deserializer).map(Rfc3339)
    }
}

/// The fields every engagement document starts with, read under their stored names by both
/// hand-written readers: the stored document's and a customer link's.
#[derive(Default)]
pub(crate) struct Head {
    schema_version: Option<u64>,
    id: Option<EngagementId>,
    customer_name: Option<CustomerName>,
    created: Option<OffsetDateTime>,
    updated: Option<OffsetDateTime>,
    revision: Option<u64>,
    sizing: Option<SizingInputs>,
    coordination: Option<Coordination>,
}

/// [`Head`] once read whole: the required fields there, the others empty when absent.
pub(crate) struct HeadFields {
    pub schema_version: u64,
    pub id: EngagementId,
    pub customer_name: CustomerName,
    pub created: OffsetDateTime,
    pub updated: OffsetDateTime,
    pub revision: u64,
    pub sizing: SizingInputs,
    pub coordination: Coordination,
}

impl Head {
    /// Reads the value of `key` when it is one of these fields; `false` for any other key, its
    /// value left for the caller. A field given twice keeps its last value.
    pub(crate) fn take<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "schema_version" => self.schema_version = Some(map.next_value()?),
            "id" => self.id = Some(map.next_value()?),
            "customer_name" => self.customer_name = Some(map.next_value()?),
            "created" => self.created = Some(map.next_value::<Rfc3339>()?.0),
            "updated" => self.updated = Some(map.next_value::<Rfc3339>()?.0),
            "revision" => self.revision = Some(map.next_value()?),
            "sizing" => self.sizing = Some(map.next_value()?),
            "coordination" => self.coordination = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The fields read, or the first required one missing in the order they are written.
    pub(crate) fn finish<E: serde::de::Error>(self) -> Result<HeadFields, E> {
        Ok(HeadFields {
            schema_version: required(self.schema_version, "schema_version")?,
            id: required(self.id, "id")?,
            customer_name: required(self.customer_name, "customer_name")?,
            created: required(self.created, "created")?,
            updated: required(self.updated, "updated")?,
            revision: required(self.revision, "revision")?,
            sizing: self.sizing.unwrap_or_default(),
            coordination: self.coordination.unwrap_or_default(),
        })
    }
}

/// A required field's value, or the error naming it.
fn required<T, E: serde::de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}
