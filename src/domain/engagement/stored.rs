//! The engagement's stored form, as JSON: in local storage, plan files, backups and (without
//! what the customer never sees) customer links. Its fields are written as they are, empty ones
//! left out; each snapshot is written as what its content holds that differs from the
//! engagement itself, which is small, as a snapshot is mostly what the engagement still holds.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::domain::engagement::document::{CustomerName, Engagement, EngagementId, Snapshot};
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

/// The engagement as written.
#[derive(Serialize, Deserialize)]
struct Stored {
    schema_version: u32,
    id: EngagementId,
    customer_name: CustomerName,
    #[serde(with = "time::serde::rfc3339")]
    created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    updated: OffsetDateTime,
    revision: u64,
    #[serde(default, skip_serializing_if = "SizingInputs::is_blank")]
    sizing: SizingInputs,
    #[serde(default, skip_serializing_if = "Coordination::is_blank")]
    coordination: Coordination,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    internal_notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    log: Vec<LogEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    snapshots: Vec<StoredSnapshot>,
    #[serde(flatten)]
    extra: Map<String, Value>,
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
    serde_json::to_value(content).unwrap_or(Value::Null)
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
            differs: match serde_json::to_value(&*s.content) {
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
            let content: Engagement = serde_json::from_value(content)
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
