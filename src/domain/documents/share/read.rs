//! Reading a link's payload in one pass, straight into the engagement: the short keys of `s2.`
//! links are taken by the field readers themselves (each field's short form is its serde
//! alias), and the compact log entries are read against the document's creation time once it
//! is known. Nothing is built as JSON values on the way, and nothing a link never carries
//! (internal notes, snapshots, fields this build does not know) is kept.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Map;
use time::{Date, Duration};

use crate::domain::documents::share::{TamEmail, REPLY_TO_KEY};
use crate::domain::engagement::read::Head;
use crate::domain::engagement::records::LogEntry;
use crate::domain::engagement::{migrate, Engagement, ReadError, SCHEMA_VERSION};

/// The engagement in `text` (an `s1.` or `s2.` payload) and the TAM's email address when it
/// carries a valid one.
pub(super) fn read(text: &str) -> Result<(Engagement, Option<TamEmail>), ReadError> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let link = reader
        .deserialize_map(LinkVisitor)
        .and_then(|link| reader.end().map(|()| link))
        .map_err(|e| match e.classify() {
            serde_json::error::Category::Data => ReadError::Invalid(e.to_string()),
            _ => ReadError::NotJson(e.to_string()),
        })?;
    link.check_version()?;
    let reply_to = link
        .reply_to
        .as_deref()
        .and_then(|s| TamEmail::try_from(s).ok());
    Ok((link.engagement, reply_to))
}

/// What a link holds, once read.
struct Link {
    version: u64,
    engagement: Engagement,
    reply_to: Option<String>,
}

impl Link {
    /// Links of every version whose layout is today's are read as they are; a newer one is
    /// refused, as a stored document would be.
    fn check_version(&self) -> Result<(), ReadError> {
        match self.version {
            0 => Err(ReadError::NoVersion),
            v if v > u64::from(SCHEMA_VERSION) => Err(ReadError::NewerVersion { found: v }),
            v if v < migrate::LAYOUT_UNCHANGED_SINCE => Err(ReadError::Migration(format!(
                "links of schema version {v} are no longer read"
            ))),
            _ => Ok(()),
        }
    }
}

/// A log line as a link carries it: `[seconds after the creation, text]` or `[…, text, day]`
/// in `s2.` links, the stored form in `s1.` links.
enum LinkLogEntry {
    Compact {
        after: i64,
        text: String,
        on: Option<Date>,
    },
    Stored(LogEntry),
}

impl<'de> Deserialize<'de> for LinkLogEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LogEntryVisitor)
    }
}

struct LogEntryVisitor;

impl<'de> Visitor<'de> for LogEntryVisitor {
    type Value = LinkLogEntry;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a log entry")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LinkLogEntry, A::Error> {
        let after = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let text = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        let on = seq.next_element()?;
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(4, &self));
        }
        Ok(LinkLogEntry::Compact { after, text, on })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<LinkLogEntry, A::Error> {
        LogEntry::deserialize(de::value::MapAccessDeserializer::new(map)).map(LinkLogEntry::Stored)
    }
}

/// Reads the link's fields, under their long or short names, in one pass.
struct LinkVisitor;

impl<'de> Visitor<'de> for LinkVisitor {
    type Value = Link;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an engagement document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Link, A::Error> {
        let mut head = Head::default();
        let mut log: Option<Vec<LinkLogEntry>> = None;
        let mut reply_to = None;
        while let Some(key) = map.next_key::<String>()? {
            // The short names of `s2.` links, read as the stored names they stand for.
            let key = match key.as_str() {
                "v" => "schema_version",
                "n" => "customer_name",
                "c" => "created",
                "u" => "updated",
                "r" => "revision",
                "s" => "sizing",
                "o" => "coordination",
                "l" => "log",
                long => long,
            };
            if head.take(key, &mut map)? {
                continue;
            }
            match key {
                "log" => log = Some(map.next_value()?),
                // The TAM's address: kept only when it is text; a bad one is left out.
                REPLY_TO_KEY => reply_to = map.next_value::<MaybeText>()?.0,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let head = head.finish()?;
        let created = head.created;
        let log = log
            .unwrap_or_default()
            .into_iter()
            .map(|entry| match entry {
                LinkLogEntry::Stored(entry) => Ok(entry),
                LinkLogEntry::Compact { after, text, on } => created
                    .checked_add(Duration::seconds(after))
                    .map(|at| LogEntry { at, on, text })
                    .ok_or_else(|| de::Error::custom("a log entry's time is out of range")),
            })
            .collect::<Result<_, A::Error>>()?;
        Ok(Link {
            version: head.schema_version,
            reply_to,
            engagement: Engagement {
                schema_version: SCHEMA_VERSION,
                id: head.id,
                customer_name: head.customer_name,
                created,
                updated: head.updated,
                revision: head.revision,
                sizing: head.sizing,
                coordination: head.coordination,
                internal_notes: String::new(),
                log,
                snapshots: Vec::new(),
                extra: Map::new(),
            },
        })
    }
}

/// Text, or nothing when the value is anything else (read and passed over).
struct MaybeText(Option<String>);

impl<'de> Deserialize<'de> for MaybeText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MaybeTextVisitor)
    }
}

struct MaybeTextVisitor;

impl<'de> Visitor<'de> for MaybeTextVisitor {
    type Value = MaybeText;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<MaybeText, E> {
        Ok(MaybeText(Some(text.to_owned())))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<MaybeText, E> {
        Ok(MaybeText(None))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<MaybeText, E> {
        Ok(MaybeText(None))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<MaybeText, E> {
        Ok(MaybeText(None))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<MaybeText, E> {
        Ok(MaybeText(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<MaybeText, E> {
        Ok(MaybeText(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MaybeText, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(MaybeText(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MaybeText, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(MaybeText(None))
    }
}
