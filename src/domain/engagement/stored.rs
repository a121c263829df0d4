//! The engagement's stored form, as JSON: in local storage, plan files, backups and (without
//! what the customer never sees) customer links. Its fields are written as they are, empty ones
//! left out; each snapshot is written as what its content holds that differs from the
//! engagement itself, which is small, as a snapshot is mostly what the engagement still holds.

use std::fmt;

use serde::de::{Error as _, MapAccess, Unexpected, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::domain::engagement::document::{CustomerName, Engagement, EngagementId, Snapshot};
use crate::domain::engagement::read::{Head, Rfc3339};
use crate::domain::engagement::records::{Coordination, HandOff, LogEntry};
use crate::domain::sizing::SizingInputs;

impl Serialize for Engagement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Stored::from(self.clone()).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Engagement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Engagement::try_from(Stored::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}

impl Engagement {
    /// Reads an engagement held as JSON values (a file's, a migrated document's, a snapshot's)
    /// by writing them out as text and reading that. The document then has a single reader, the
    /// one from text that every stored document goes through: a second reader from values
    /// would repeat the code of every field's reader in the app, for reads far less frequent.
    /// The error names what is wrong, without a place in text the reader never saw.
    pub(crate) fn read_values(value: &Value) -> Result<Engagement, String> {
        serde_json::from_str(&value.to_string()).map_err(|e| {
            let text = e.to_string();
            let place = format!(" at line {} column {}", e.line(), e.column());
            match text.strip_suffix(&place) {
                Some(message) => message.to_owned(),
                None => text,
            }
        })
    }
}

/// `x` as JSON values, through its JSON text. The document then has one writer, to text, that
/// serves values as well: a writer to values (and a third that counts bytes) would repeat the
/// code of every field's writer in the app, for writes far less frequent.
pub fn json_value<T: Serialize + ?Sized>(x: &T) -> Result<Value, serde_json::Error> {
    serde_json::from_str(&serde_json::to_string(x)?)
}

/// The engagement as written. Its reader and writer are written out below rather than derived:
/// keeping the fields this build does not know with a derived reader would buffer the whole
/// document before reading it, and build a second reader of every field for that buffer.
struct Stored {
    schema_version: u32,
    id: EngagementId,
    customer_name: CustomerName,
    created: OffsetDateTime,
    updated: OffsetDateTime,
    revision: u64,
    sizing: SizingInputs,
    coordination: Coordination,
    internal_notes: String,
    log: Vec<LogEntry>,
    snapshots: Vec<StoredSnapshot>,
    /// Every field not named above, as it was read.
    extra: Map<String, Value>,
}

impl Serialize for Stored {
    /// The fields in a fixed order, empty ones left out, then the fields this build does not
    /// know, so that a save keeps what a newer build wrote.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("schema_version", &self.schema_version)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("customer_name", &self.customer_name)?;
        map.serialize_entry("created", &Rfc3339(self.created))?;
        map.serialize_entry("updated", &Rfc3339(self.updated))?;
        map.serialize_entry("revision", &self.revision)?;
        if !self.sizing.is_blank() {
            map.serialize_entry("sizing", &self.sizing)?;
        }
        if !self.coordination.is_blank() {
            map.serialize_entry("coordination", &self.coordination)?;
        }
        if !self.internal_notes.is_empty() {
            map.serialize_entry("internal_notes", &self.internal_notes)?;
        }
        if !self.log.is_empty() {
            map.serialize_entry("log", &self.log)?;
        }
        if !self.snapshots.is_empty() {
            map.serialize_entry("snapshots", &self.snapshots)?;
        }
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Stored {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(StoredVisitor)
    }
}

/// Reads the document's fields in one pass: each known one into its type, any other kept as
/// it is. A field given twice keeps its last value, as a JSON object read on its own would.
struct StoredVisitor;

impl<'de> Visitor<'de> for StoredVisitor {
    type Value = Stored;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an engagement document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Stored, A::Error> {
        let mut head = Head::default();
        let mut internal_notes = None;
        let mut log = None;
        let mut snapshots = None;
        let mut extra = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if head.take(&key, &mut map)? {
                continue;
            }
            match key.as_str() {
                "internal_notes" => internal_notes = Some(map.next_value()?),
                "log" => log = Some(map.next_value()?),
                "snapshots" => snapshots = Some(map.next_value()?),
                _ => {
                    let value = map.next_value()?;
                    extra.insert(key, value);
                }
            }
        }
        let head = head.finish()?;
        let schema_version = u32::try_from(head.schema_version).map_err(|_| {
            A::Error::invalid_value(Unexpected::Unsigned(head.schema_version), &"u32")
        })?;
        Ok(Stored {
            schema_version,
            id: head.id,
            customer_name: head.customer_name,
            created: head.created,
            updated: head.updated,
            revision: head.revision,
            sizing: head.sizing,
            coordination: head.coordination,
            internal_notes: internal_notes.unwrap_or_default(),
            log: log.unwrap_or_default(),
            snapshots: snapshots.unwrap_or_default(),
            extra,
        })
    }
}

impl From<Engagement> for Stored {
    fn from(mut e: Engagement) -> Self {
        let snapshots = std::mem::take(&mut e.snapshots);
        let stored = store(&e, &snapshots);
        Stored {
            schema_version: e.schema_version,
            id: e.id,
            customer_name: e.customer_name,
            created: e.created,
            updated: e.updated,
            revision: e.revision,
            sizing: e.sizing,
            coordination: e.coordination,
            internal_notes: e.internal_notes,
            log: e.log,
            snapshots: stored,
            extra: e.extra,
        }
    }
}

impl TryFrom<Stored> for Engagement {
    type Error = String;

    fn try_from(s: Stored) -> Result<Self, String> {
        let mut e = Engagement {
            schema_version: s.schema_version,
            id: s.id,
            customer_name: s.customer_name,
            created: s.created,
            updated: s.updated,
            revision: s.revision,
            sizing: s.sizing,
            coordination: s.coordination,
            internal_notes: s.internal_notes,
            log: s.log,
            snapshots: Vec::new(),
            extra: s.extra,
        };
        e.snapshots = restore(&e, s.snapshots)?;
        Ok(e)
    }
}

/// A snapshot as stored: its kind, time and revision, and what its content holds that differs
/// from the engagement it is kept in (its own fields, without log and snapshots): each field
/// that differs with its value then, a field the content did not have as `null`, and an object
/// that differs in a few fields as those fields alone.
#[derive(Serialize, Deserialize)]
struct StoredSnapshot {
    kind: HandOff,
    #[serde(with = "time::serde::rfc3339")]
    at: OffsetDateTime,
    revision: u64,
    differs: Map<String, Value>,
}

/// What every snapshot of `e` is stored against: its content as a snapshot keeps it.
fn base(e: &Engagement) -> Value {
    let content = Engagement {
        log: Vec::new(),
        snapshots: Vec::new(),
        extra: Map::new(),
        ..e.clone()
    };
    json_value(&content).unwrap_or(Value::Null)
}

/// `snapshots` as stored in `e`'s document (`e` without them).
fn store(e: &Engagement, snapshots: &[Snapshot]) -> Vec<StoredSnapshot> {
    if snapshots.is_empty() {
        return Vec::new();
    }
    let base = base(e);
    let empty = Map::new();
    let base = base.as_object().unwrap_or(&empty);
    snapshots
        .iter()
        .map(|s| StoredSnapshot {
            kind: s.kind,
            at: s.at,
            revision: s.revision,
            differs: match json_value(&*s.content) {
                Ok(Value::Object(mut content)) => {
                    // A snapshot is always of the engagement it is kept in, whatever id it has
                    // now (a copy kept under a new id keeps its history).
                    content.remove("id");
                    let mut d = differs(base, &content);
                    d.remove("id");
                    d
                }
                _ => Map::new(),
            },
        })
        .collect()
}

/// The snapshots stored in `e`'s document, read back against `e` (read without them).
fn restore(e: &Engagement, stored: Vec<StoredSnapshot>) -> Result<Vec<Snapshot>, String> {
    if stored.is_empty() {
        return Ok(Vec::new());
    }
    let base = base(e);
    stored
        .into_iter()
        .map(|s| {
            let mut content = base.clone();
            apply(&mut content, s.differs);
            let content = Engagement::read_values(&content)
                .map_err(|err| format!("a snapshot cannot be read: {err}"))?;
            Ok(Snapshot {
                kind: s.kind,
                at: s.at,
                revision: s.revision,
                content: Box::new(content),
            })
        })
        .collect()
}

/// What `target` holds that differs from `base`: changed and added fields with their value in
/// `target` (objects as their own differences), and fields `target` lacks as `null`.
fn differs(base: &Map<String, Value>, target: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in target {
        match (base.get(key), value) {
            (Some(then), _) if then == value => {}
            (Some(Value::Object(then)), Value::Object(now)) => {
                out.insert(key.clone(), Value::Object(differs(then, now)));
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    for key in base.keys() {
        if !target.contains_key(key) {
            out.insert(key.clone(), Value::Null);
        }
    }
    out
}

/// Applies what [`differs`] gave: `null` removes a field, an object is applied to the object
/// there, and any other value replaces it.
fn apply(value: &mut Value, differs: Map<String, Value>) {
    if !value.is_object() {
        *value = Value::Object(Map::new());
    }
    let Value::Object(map) = value else { return };
    for (key, change) in differs {
        match change {
            Value::Null => {
                map.remove(&key);
            }
            Value::Object(inner) if map.get(&key).is_some_and(Value::is_object) => {
                if let Some(there) = map.get_mut(&key) {
                    apply(there, inner);
                }
            }
            Value::Object(inner) => {
                let mut fresh = Value::Object(Map::new());
                apply(&mut fresh, inner);
                map.insert(key, fresh);
            }
            other => {
                map.insert(key, other);
            }
        }
    }
}
