//! The customer share link: the engagement without internal notes, deflated and base64url-coded
//! into the URL fragment, so it never reaches a server.
//!
//! The decoder treats the fragment as hostile: it checks the version prefix, length and
//! characters before decoding, caps decompression, and validates the result like any stored
//! document.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Map;

use super::engagement::{Engagement, ReadError};

/// The fragment prefix of this link version.
pub const PREFIX: &str = "s1.";
/// The longest encoded payload accepted.
pub const MAX_PAYLOAD_CHARS: usize = 64 * 1024;
/// The most a payload may inflate to (a deflate bomb stops here).
pub const MAX_INFLATED_BYTES: usize = 1024 * 1024;

/// What a customer may see of an engagement: everything but the internal notes (and any field
/// this build does not know, which could hold anything).
pub fn customer_copy(engagement: &Engagement) -> Engagement {
    Engagement {
        internal_notes: String::new(),
        extra: Map::new(),
        ..engagement.clone()
    }
}

/// What to store when a shared copy replaces the engagement saved here: the link's content,
/// with the internal notes kept from the saved one, since a link never carries them.
pub fn replacing(saved: &Engagement, shared: Engagement) -> Engagement {
    Engagement {
        internal_notes: saved.internal_notes.clone(),
        ..shared
    }
}

/// The fragment for a share link (without the `#`).
pub fn encode(engagement: &Engagement) -> Result<String, serde_json::Error> {
    let json = serde_json::to_vec(&customer_copy(engagement))?;
    let deflated = miniz_oxide::deflate::compress_to_vec(&json, 10);
    Ok(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated)))
}

/// Why a share link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    Empty,
    UnknownVersion,
    TooLong { chars: usize },
    BadCharacters,
    NotBase64,
    Corrupt,
    TooLargeInflated,
    Document(ReadError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => f.write_str("The link holds no plan."),
            ShareError::UnknownVersion => f.write_str(
                "The link was made by another version of this app, or it is not a plan link.",
            ),
            ShareError::TooLong { chars } => write!(
                f,
                "The link is {chars} characters long, over the limit of {MAX_PAYLOAD_CHARS}."
            ),
            ShareError::BadCharacters | ShareError::NotBase64 => {
                f.write_str("The link is damaged: it contains characters a plan link never has.")
            }
            ShareError::Corrupt => {
                f.write_str("The link is damaged or cut short: copy the whole link again.")
            }
            ShareError::TooLargeInflated => {
                f.write_str("The link unpacks to more than 1 MB and was not opened.")
            }
            ShareError::Document(e) => write!(f, "The plan in the link cannot be read: {e}."),
        }
    }
}

impl std::error::Error for ShareError {}

/// True for a fragment shaped like a share link of any version ("s1.…", "s2.…"), which the app
/// opens as a shared plan (a version it does not know gets a message); other fragments are not
/// share links at all.
pub fn looks_like_share_link(fragment: &str) -> bool {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .strip_prefix('s')
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(version, _)| {
            !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Reads a fragment (with or without its `#`) into an engagement, or says what is wrong.
pub fn decode(fragment: &str) -> Result<Engagement, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    if fragment.len() > MAX_PAYLOAD_CHARS + PREFIX.len() {
        return Err(ShareError::TooLong {
            chars: fragment.len(),
        });
    }
    let payload = fragment
        .strip_prefix(PREFIX)
        .ok_or(ShareError::UnknownVersion)?;
    if !payload
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(ShareError::BadCharacters);
    }
    let deflated = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| ShareError::NotBase64)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLargeInflated,
            _ => ShareError::Corrupt,
        })?;
    let text = std::str::from_utf8(&json).map_err(|_| ShareError::Corrupt)?;
    let engagement = Engagement::from_json(text).map_err(ShareError::Document)?;
    Ok(customer_copy(&engagement))
}
