//! Engagements in the browser's local storage: one key per engagement, never overwritten unread.
//!
//! Each engagement is stored under `KEY_PREFIX` + its id as compact JSON. An entry that cannot
//! be read is moved aside under `QUARANTINE_PREFIX` with the error and its raw text, and listed
//! for the TAM; an entry written by a newer version of the app is left where it is. A save first
//! checks that the stored entry is still the one this tab last saw, so two tabs never silently
//! overwrite each other.

use std::fmt;

use gloo_storage::{LocalStorage, Storage as _};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::documents::plan::UnreadableInBackup;
use crate::domain::engagement::read::customer_name_in;
use crate::domain::engagement::{Engagement, EngagementId, ReadError};

/// Every engagement key starts with this; other keys in the origin are not ours and are ignored.
pub const KEY_PREFIX: &str = "upgrade-planner.engagement.";
/// Entries moved aside because they could not be read.
pub const QUARANTINE_PREFIX: &str = "upgrade-planner.quarantine.";

/// The drafts of one engagement: text typed into a form that waits for its button.
pub const DRAFT_PREFIX: &str = "upgrade-planner.draft.";
/// What a closing tab had not saved, under a key of that tab's own, so that two tabs closing
/// at once never write the same key.
pub const UNSAVED_PREFIX: &str = "upgrade-planner.unsaved.";

/// The key an engagement's drafts are stored under.
pub fn draft_key(id: EngagementId) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// The key a closing tab keeps its unsaved version of an engagement under.
pub fn unsaved_key(tab: &str, id: EngagementId) -> String {
    format!("{UNSAVED_PREFIX}{tab}.{id}")
}

/// The engagement an unsaved record's key names.
pub fn unsaved_id(key: &str) -> Option<EngagementId> {
    key.strip_prefix(UNSAVED_PREFIX)?
        .rsplit_once('.')?
        .1
        .parse()
        .ok()
}

/// The key an engagement is stored under.
pub fn key_for(id: EngagementId) -> String {
    format!("{KEY_PREFIX}{id}")
}

/// A stored entry that could not be read, with its raw text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    pub reason: String,
    pub raw: String,
}

/// An entry written by a newer version of the app: left untouched, shown read-only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewerEntry {
    pub key: String,
    pub version: u64,
    /// The customer name, when the entry has a readable one.
    pub customer_name: Option<String>,
    pub raw: String,
}

/// An entry moved aside: where it was, why, when, and exactly what it held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quarantined {
    /// The key of the quarantine record itself.
    #[serde(skip)]
    pub record_key: String,
    pub original_key: String,
    pub reason: String,
    pub moved_at: String,
    pub raw: String,
    /// The customer's name, when the raw text holds one: read again at each load, never stored.
    #[serde(skip)]
    pub customer_name: Option<String>,
}

/// What reading storage found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// Readable engagements, newest change first.
    pub engagements: Vec<Engagement>,
    /// Entries that could not be read (and not yet moved aside).
    pub unreadable: Vec<Unreadable>,
    /// Entries from a newer version of the app.
    pub newer: Vec<NewerEntry>,
    /// Entries moved aside earlier.
    pub quarantined: Vec<Quarantined>,
}

/// Sorts raw `(key, text)` entries into engagements, newer-version entries, unreadable entries
/// and quarantine records. Keys that are not the app's are skipped.
pub fn read_entries(entries: impl IntoIterator<Item = (String, String)>) -> Loaded {
    let mut loaded = Loaded::default();
    for (key, raw) in entries {
        if key.starts_with(QUARANTINE_PREFIX) {
            let record =
                serde_json::from_str::<Quarantined>(&raw).unwrap_or_else(|e| Quarantined {
                    record_key: String::new(),
                    original_key: key.clone(),
                    reason: format!("the quarantine record itself cannot be read ({e})"),
                    moved_at: String::new(),
                    raw: raw.clone(),
                    customer_name: None,
                });
            loaded.quarantined.push(Quarantined {
                record_key: key,
                customer_name: name_in(&record.raw),
                ..record
            });
            continue;
        }
        let Some(id_text) = key.strip_prefix(KEY_PREFIX) else {
            continue;
        };
        match Engagement::from_json(&raw) {
            Ok(engagement) if engagement.id.to_string() == id_text => {
                loaded.engagements.push(engagement)
            }
            Ok(engagement) => loaded.unreadable.push(Unreadable {
                reason: format!(
                    "it holds engagement {} but is stored under another id",
                    engagement.id
                ),
                key,
                raw,
            }),
            Err(ReadError::NewerVersion { found }) => {
                let customer_name = serde_json::from_str::<Value>(&raw).ok().and_then(|v| {
                    v.get("customer_name")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                });
                loaded.newer.push(NewerEntry {
                    key,
                    version: found,
                    customer_name,
                    raw,
                });
            }
            Err(error) => loaded.unreadable.push(Unreadable {
                key,
                reason: error.to_string(),
                raw,
            }),
        }
    }
    loaded
        .engagements
        .sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
    loaded.unreadable.sort_by(|a, b| a.key.cmp(&b.key));
    loaded.newer.sort_by(|a, b| a.key.cmp(&b.key));
    loaded
        .quarantined
        .sort_by(|a, b| a.record_key.cmp(&b.record_key));
    loaded
}

/// The quarantine record for an unreadable entry, moved aside at `moved_at` (RFC 3339).
pub fn quarantine_record(entry: &Unreadable, moved_at: &str) -> (String, Quarantined) {
    let suffix = entry.key.strip_prefix(KEY_PREFIX).unwrap_or(&entry.key);
    let record_key = format!("{QUARANTINE_PREFIX}{suffix}.{moved_at}");
    let record = Quarantined {
        record_key: record_key.clone(),
        original_key: entry.key.clone(),
        reason: entry.reason.clone(),
        moved_at: moved_at.to_owned(),
        raw: entry.raw.clone(),
        customer_name: name_in(&entry.raw),
    };
    (record_key, record)
}

/// The customer's name in an entry's raw text, if it is JSON with one.
fn name_in(raw: &str) -> Option<String> {
    serde_json::from_str::<Value>(raw)
        .ok()
        .and_then(|v| customer_name_in(&v))
}

/// An engagement of the backup `file` that cannot be read, as an entry to keep aside: under its
/// engagement's key when its id reads, else under one naming its place in the backup.
pub fn set_aside_from_backup(entry: &UnreadableInBackup, file: &str) -> Unreadable {
    let key = match entry.id {
        Some(id) => key_for(id),
        None => format!("{KEY_PREFIX}backup-{}", entry.position + 1),
    };
    Unreadable {
        key,
        reason: format!("in the backup “{file}”: {}", entry.reason),
        raw: entry.raw.clone(),
    }
}

/// Why storage could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// Storage is switched off, denied (private mode, site settings) or missing.
    Unavailable(String),
    /// The browser's storage quota for this site is full.
    QuotaExceeded,
    /// Any other failure, with the browser's words.
    Failed(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable(why) => {
                write!(
                    f,
                    "this browser does not let the app use local storage ({why})"
                )
            }
            StorageError::QuotaExceeded => {
                f.write_str("the browser's storage for this site is full")
            }
            StorageError::Failed(why) => write!(f, "the browser refused to save ({why})"),
        }
    }
}

impl std::error::Error for StorageError {}

/// What the stored entry of an engagement holds now.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    Missing,
    Readable(Box<Engagement>),
    /// There, but not readable by this build (corrupt, or from a newer version).
    Other,
}

/// Local storage, once it has been found usable.
pub struct Store {
    raw: web_sys::Storage,
}

impl Store {
    /// Probes local storage; it fails when storage is denied or missing instead of throwing.
    pub fn open() -> Result<Self, StorageError> {
        let window =
            web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(raw)) => Ok(Self { raw }),
            Ok(None) => Err(StorageError::Unavailable("no local storage".into())),
            Err(e) => Err(StorageError::Unavailable(js_error_text(&e))),
        }
    }

    /// Every key of the app, with its text.
    pub fn entries(&self) -> Result<Vec<(String, String)>, StorageError> {
        let count = self.raw.length().map_err(failed)?;
        let mut entries = Vec::new();
        for index in 0..count {
            let key = match self.raw.key(index) {
                Ok(Some(key))
                    if key.starts_with(KEY_PREFIX) || key.starts_with(QUARANTINE_PREFIX) =>
                {
                    key
                }
                Ok(_) => continue,
                Err(e) => return Err(failed(e)),
            };
            if let Some(raw) = self.raw.get_item(&key).map_err(failed)? {
                entries.push((key, raw));
            }
        }
        Ok(entries)
    }

    /// Reads every entry, moving unreadable ones aside first (at `now`, RFC 3339). An entry
    /// that cannot be moved (storage full) stays where it is and is reported as unreadable.
    pub fn load(&self, now: &str) -> Result<Loaded, StorageError> {
        let mut loaded = read_entries(self.entries()?);
        let mut still_unreadable = Vec::new();
        for entry in std::mem::take(&mut loaded.unreadable) {
            match self.quarantine(&entry, now) {
                Ok(record) => loaded.quarantined.push(record),
                Err(_) => still_unreadable.push(entry),
            }
        }
        loaded.unreadable = still_unreadable;
        Ok(loaded)
    }

    /// Moves one unreadable entry aside: the record is written before the original is removed.
    fn quarantine(&self, entry: &Unreadable, now: &str) -> Result<Quarantined, StorageError> {
        let (record_key, record) = quarantine_record(entry, now);
        let text =
            serde_json::to_string(&record).map_err(|e| StorageError::Failed(e.to_string()))?;
        self.raw.set_item(&record_key, &text).map_err(from_js)?;
        self.raw.remove_item(&entry.key).map_err(failed)?;
        Ok(record)
    }

    /// Keeps an entry that was never stored (an engagement of a backup that cannot be read)
    /// aside as a quarantine record, removing nothing.
    pub fn set_aside(&self, entry: &Unreadable, now: &str) -> Result<Quarantined, StorageError> {
        let (record_key, record) = quarantine_record(entry, now);
        let text =
            serde_json::to_string(&record).map_err(|e| StorageError::Failed(e.to_string()))?;
        self.raw.set_item(&record_key, &text).map_err(from_js)?;
        Ok(record)
    }

    /// What is stored for an engagement now.
    pub fn stored(&self, id: EngagementId) -> Result<Stored, StorageError> {
        Ok(match self.raw.get_item(&key_for(id)).map_err(failed)? {
            None => Stored::Missing,
            Some(raw) => match Engagement::from_json(&raw) {
                Ok(e) => Stored::Readable(Box::new(e)),
                Err(_) => Stored::Other,
            },
        })
    }

    /// Writes one engagement under its key.
    pub fn save(&self, engagement: &Engagement) -> Result<(), StorageError> {
        LocalStorage::set(key_for(engagement.id), engagement).map_err(from_gloo)
    }

    /// Removes one engagement's entry.
    pub fn remove(&self, id: EngagementId) -> Result<(), StorageError> {
        self.raw.remove_item(&key_for(id)).map_err(failed)
    }

    /// Every key starting with `prefix` (drafts, or what closing tabs left), with its text.
    pub fn entries_with(&self, prefix: &str) -> Result<Vec<(String, String)>, StorageError> {
        let count = self.raw.length().map_err(failed)?;
        let mut keys = Vec::new();
        for index in 0..count {
            if let Some(key) = self.raw.key(index).map_err(failed)? {
                if key.starts_with(prefix) {
                    keys.push(key);
                }
            }
        }
        let mut entries = Vec::new();
        for key in keys {
            if let Some(raw) = self.raw.get_item(&key).map_err(failed)? {
                entries.push((key, raw));
            }
        }
        Ok(entries)
    }

    /// Writes a draft, or what a closing tab had not saved, under its key.
    pub fn write(&self, key: &str, text: &str) -> Result<(), StorageError> {
        if key.starts_with(DRAFT_PREFIX) || key.starts_with(UNSAVED_PREFIX) {
            self.raw.set_item(key, text).map_err(from_js)
        } else {
            Ok(())
        }
    }

    /// Moves an entry that cannot be read aside, as at load: it is listed, never overwritten.
    pub fn keep_aside(
        &self,
        key: &str,
        reason: String,
        raw: String,
        now: &str,
    ) -> Result<Quarantined, StorageError> {
        self.quarantine(
            &Unreadable {
                key: key.to_string(),
                reason,
                raw,
            },
            now,
        )
    }

    /// Removes any key of the app (a quarantine record the TAM deleted, a draft committed).
    pub fn remove_key(&self, key: &str) -> Result<(), StorageError> {
        if [QUARANTINE_PREFIX, KEY_PREFIX, DRAFT_PREFIX, UNSAVED_PREFIX]
            .iter()
            .any(|prefix| key.starts_with(prefix))
        {
            self.raw.remove_item(key).map_err(failed)
        } else {
            Ok(())
        }
    }
}

fn from_gloo(error: gloo_storage::errors::StorageError) -> StorageError {
    match error {
        gloo_storage::errors::StorageError::JsError(e) if e.name == "QuotaExceededError" => {
            StorageError::QuotaExceeded
        }
        other => StorageError::Failed(other.to_string()),
    }
}

fn from_js(value: wasm_bindgen::JsValue) -> StorageError {
    use wasm_bindgen::JsCast;
    match value.dyn_ref::<js_sys::Error>() {
        Some(e) if e.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
        _ => failed(value),
    }
}

fn failed(value: wasm_bindgen::JsValue) -> StorageError {
    StorageError::Failed(js_error_text(&value))
}

/// The browser's words for a thrown value: "Name: message" for an Error, the text for a string.
fn js_error_text(value: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        format!("{}: {}", error.name(), error.message())
    } else {
        value.as_string().unwrap_or_else(|| "unknown error".into())
    }
}
