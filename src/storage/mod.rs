//! Engagements in the browser's local storage: one key per engagement, never overwritten unread.
//!
//! Each engagement is stored under `KEY_PREFIX` + its id as compact JSON. An entry that cannot be
//! read is reported and left exactly as it is: nothing here writes to a key it could not read.

use std::fmt;

use gloo_storage::{LocalStorage, Storage as _};

use crate::domain::engagement::{Engagement, EngagementId};

/// Every engagement key starts with this; other keys in the origin are not ours and are ignored.
pub const KEY_PREFIX: &str = "upgrade-planner.engagement.";

/// The key an engagement is stored under.
pub fn key_for(id: EngagementId) -> String {
    format!("{KEY_PREFIX}{id}")
}

/// A stored entry that could not be read, kept as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    pub reason: String,
}

/// What a load found: the readable engagements, newest change first, and the rest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub engagements: Vec<Engagement>,
    pub unreadable: Vec<Unreadable>,
}

/// Sorts raw `(key, text)` entries into engagements and unreadable entries. Keys without
/// [`KEY_PREFIX`] are skipped.
pub fn read_entries(entries: impl IntoIterator<Item = (String, String)>) -> Loaded {
    let mut loaded = Loaded::default();
    for (key, raw) in entries {
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
            }),
            Err(error) => loaded.unreadable.push(Unreadable {
                key,
                reason: error.to_string(),
            }),
        }
    }
    loaded
        .engagements
        .sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
    loaded.unreadable.sort_by(|a, b| a.key.cmp(&b.key));
    loaded
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

    /// Reads every engagement entry.
    pub fn load(&self) -> Result<Loaded, StorageError> {
        let count = self
            .raw
            .length()
            .map_err(|e| StorageError::Failed(js_error_text(&e)))?;
        let mut entries = Vec::new();
        for index in 0..count {
            let key = match self.raw.key(index) {
                Ok(Some(key)) if key.starts_with(KEY_PREFIX) => key,
                Ok(_) => continue,
                Err(e) => return Err(StorageError::Failed(js_error_text(&e))),
            };
            match self.raw.get_item(&key) {
                Ok(Some(raw)) => entries.push((key, raw)),
                Ok(None) => {}
                Err(e) => return Err(StorageError::Failed(js_error_text(&e))),
            }
        }
        Ok(read_entries(entries))
    }

    /// Writes one engagement under its key.
    pub fn save(&self, engagement: &Engagement) -> Result<(), StorageError> {
        LocalStorage::set(key_for(engagement.id), engagement).map_err(from_gloo)
    }

    /// Removes one engagement's entry.
    pub fn remove(&self, id: EngagementId) -> Result<(), StorageError> {
        self.raw
            .remove_item(&key_for(id))
            .map_err(|e| StorageError::Failed(js_error_text(&e)))
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

/// The browser's words for a thrown value: "Name: message" for an Error, the text for a string.
fn js_error_text(value: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        format!("{}: {}", error.name(), error.message())
    } else {
        value.as_string().unwrap_or_else(|| "unknown error".into())
    }
}
