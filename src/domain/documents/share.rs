//! The customer share link: the engagement without internal notes, deflated and base64url-coded
//! into the URL fragment, so it never reaches a server.
//!
//! The decoder treats the fragment as hostile: it checks the version prefix, length and
//! characters before decoding, caps decompression, and validates the result like any stored
//! document.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Map, Value};

use crate::domain::engagement::{fields, limits, stored};
use crate::domain::engagement::{Engagement, ReadError, MAX_DOCUMENT_BYTES};
use crate::domain::text::links::NotWebAddress;

mod read;

/// The fragment prefix of the links this version makes: compact JSON (short keys, the log as
/// offsets from the creation time), deflated, base64url.
pub const PREFIX: &str = "s2.";
/// The first link version, plain JSON deflated: still opened.
pub const PREFIX_V1: &str = "s1.";

/// The document's keys and their short forms in `s2.` links. Every short form is unique and is
/// no long key itself, so the mapping reads back one to one.
const SHORT_KEYS: &[(&str, &str)] = &[
    ("schema_version", "v"),
    ("customer_name", "n"),
    ("created", "c"),
    ("updated", "u"),
    ("revision", "r"),
    ("sizing", "s"),
    ("coordination", "o"),
    ("log", "l"),
    ("current_users", "cu"),
    ("annual_growth_pct", "ag"),
    ("horizon_months", "hm"),
    ("target_users", "tu"),
    ("peak_rps", "pr"),
    ("sustained_rps", "sr"),
    ("api", "a"),
    ("web", "w"),
    ("git_pull", "gl"),
    ("git_push", "gp"),
    ("platform", "pf"),
    ("ha_required", "ha"),
    ("zero_downtime", "zd"),
    ("geo", "g"),
    ("kubernetes_expertise", "k"),
    ("monorepos", "mr"),
    ("heavy_automation", "au"),
    ("size_on_load", "sl"),
    ("hybrid_at_2k", "h2"),
    ("move_reasons", "mv"),
    ("cloud_provider", "cp"),
    ("kubernetes", "ku"),
    ("growth", "gr"),
    ("other", "ot"),
    ("current_environment", "ce"),
    ("gitlab_version", "gv"),
    ("desired_completion", "dc"),
    ("ps_recommended_on", "pro"),
    ("ps_decision", "pd"),
    ("ps_decided_on", "pdo"),
    ("handed_over", "hd"),
    ("consultations", "cs"),
    ("plan", "p"),
    ("plan_revision", "prv"),
    ("review", "rv"),
    ("migration", "m"),
    ("intake", "i"),
    ("link", "lk"),
    ("summary", "sm"),
    ("date", "d"),
    ("shared_on", "so"),
    ("ticket", "t"),
    ("feedback", "f"),
    ("feedback_on_revision", "fr"),
    ("notes", "nt"),
    ("approved_sizing", "as"),
    ("start", "st"),
    ("end", "en"),
    ("status", "ss"),
    ("rollback_link", "rl"),
    ("rollback_summary", "rs"),
    ("window_start", "ws"),
    ("window_end", "we"),
    ("time_zone", "tz"),
    ("contact_name", "cn"),
    ("contact_email", "cm"),
    ("target_version", "tv"),
    ("installation", "in"),
    ("operating_system", "os"),
    ("diagram_link", "dl"),
    ("backup_method", "bm"),
    ("data_size_gb", "ds"),
    ("rehearsal_on", "ro"),
    ("rehearsal_result", "rr"),
    ("restore_hours", "rh"),
    ("rollback_hours", "bh"),
    ("method", "me"),
    ("deviation", "dv"),
    ("planned", "pl"),
    ("policy", "po"),
    ("budget", "bu"),
    ("other_reason", "or"),
    ("customer_informed", "ci"),
    ("gpt_results_link", "gt"),
    ("senior_review", "se"),
];

/// Text that `s2.` links are compressed against, as if it came before every link: the phrases
/// of a plan that deflate could not otherwise refer back to. Part of the `s2.` format: never
/// changed once shipped (a new dictionary is a new link version).
const DICTIONARY: &str = concat!(
    "{\"v\":2,\"n\":\"\",\"c\":\"2026-01-01T00:00:00Z\",\"u\":\"\",\"r\":1,\"s\":{\"cu\":\"\",\"ag\":\"\",\"hm\":\"\",\"tu\":\"\",",
    "\"pr\":{\"a\":\"\",\"w\":\"\",\"gl\":\"\",\"gp\":\"\"},\"sr\":{\"a\":\"\",\"w\":\"\",\"gl\":\"\",\"gp\":\"\"},\"pf\":\"aws\",\"gcp\",\"azure\",\"bare-metal\",",
    "\"ha\":false,\"zd\":false,\"g\":false,\"k\":false,\"mr\":\"none\",\"2-10gb\",\"over-10gb\",\"au\":false,\"sl\":false,\"h2\":false},",
    "\"o\":{\"mv\":{\"cp\":true,\"ku\":false,\"gr\":true,\"ot\":\"\"},\"ce\":\"\",\"gv\":\"\",\"dc\":\"\",\"pro\":\"\",\"pd\":\"undecided\",\"engaged\",\"declined\",\"pdo\":\"\",",
    "\"hd\":{\"https://docs.gitlab.com/administration/reference_architectures/\":\"\",\"https://docs.gitlab.com/administration/reference_architectures/sizing/\":\"\",",
    "\"https://docs.gitlab.com/administration/backup_restore/migrate_to_new_server/\",\"https://docs.gitlab.com/administration/backup_restore/backup_large_reference_architectures/\",",
    "\"https://docs.gitlab.com/administration/geo/disaster_recovery/planned_failover/\",\"https://docs.gitlab.com/charts/installation/migration/package_to_helm/\"},",
    "\"p\":{\"lk\":\"https://\",\"sm\":\"\",\"d\":\"\"},\"prv\":1,\"rv\":{\"so\":\"\",\"t\":\"https://\",\"f\":\"pending\",\"changes_requested\",\"approved\",\"fr\":1,\"nt\":\"\",\"as\":",
    "\"m\":{\"st\":\"\",\"en\":\"\",\"ss\":\"not_scheduled\",\"scheduled\",\"in_progress\",\"done\",\"rolled_back\"},",
    "\"i\":{\"rl\":\"https://\",\"rs\":\"\",\"ws\":\"\",\"we\":\"\",\"tz\":\"Europe/\",\"America/\",\"Asia/\",\"cn\":\"\",\"cm\":\"\",\"tv\":\"\",\"in\":\"linux_package\",\"helm_chart\",\"docker\",\"source\",",
    "\"os\":\"Ubuntu \",\"Red Hat Enterprise Linux \",\"dl\":\"https://\",\"bm\":\"\",\"ds\":\"\",\"ro\":\"\",\"rr\":\"\",",
    "\"me\":\"backup_restore_single\",\"backup_restore_multi_node\",\"geo_failover\",\"linux_package_to_helm\",\"professional_services_decide\"}},",
    "\"l\":[[0,\"Stage: Requirements → Professional Services.\"],[0,\"Stage: Professional Services → Plan.\"],[0,\"Stage: Plan → Support review.\"],",
    "[0,\"Stage: Support review → Migration.\"],[0,\"Stage: Migration → Done.\"],[0,\"Professional Services recommended to the customer on \"],",
    "[0,\"The customer engaged Professional Services; they write the plan.\"],[0,\"The customer declined Professional Services at \"],",
    "[0,\" users (confirmed by the TAM); the customer writes the plan.\"],[0,\"The customer declined Professional Services; the customer writes the plan.\"],",
    "[0,\"Handed over to the customer: Reference architecture: Up to \"],[0,\" RPS or \"],[0,\"Handed over to the customer: Reference architectures: overview and how to choose.\"],",
    "[0,\"Handed over to the customer: Reference architecture sizing.\"],[0,\"Handed over to the customer: Migrating to a new server.\"],",
    "[0,\"Handed over to the customer: Disaster recovery for planned failover (Geo).\"],[0,\"Handed over to the customer: Back up and restore large reference architectures.\"],",
    "[0,\"Upgrade plan recorded; written by the customer.\"],[0,\"Upgrade plan recorded; written by Professional Services.\"],",
    "[0,\"Revised plan recorded (revision \"],[0,\"); it goes back to Support review.\"],[0,\"Plan shared with Support for review.\"],",
    "[0,\"Support feedback: approved.\"],[0,\"Support feedback: changes requested.\"],[0,\"Migration status: scheduled.\"],[0,\"Migration status: done.\"],",
    "[0,\"The sizing changed after Support approved the plan: the review is out of date.\"]]}"
);

/// Deflates `data` as if [`DICTIONARY`] came first: back-references may reach into it, and its
/// own compressed bytes are left out (the reader knows them). Public so that tests can build
/// compact payloads of any content, valid or hostile.
pub fn deflate_with_dictionary(data: &[u8]) -> Vec<u8> {
    use miniz_oxide::deflate::core::{
        compress_to_output, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush,
    };
    let mut compressor = CompressorOxide::new(create_comp_flags_from_zip_params(10, 0, 0));
    let mut prefix = Vec::new();
    compress_to_output(
        &mut compressor,
        DICTIONARY.as_bytes(),
        TDEFLFlush::Sync,
        |out| {
            prefix.extend_from_slice(out);
            true
        },
    );
    let mut out = Vec::new();
    compress_to_output(&mut compressor, data, TDEFLFlush::Finish, |bytes| {
        out.extend_from_slice(bytes);
        true
    });
    out
}

/// Inflates what [`deflate_with_dictionary`] wrote: the dictionary goes first as a stored block,
/// which the reader then drops.
fn inflate_with_dictionary(data: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    let dictionary = DICTIONARY.as_bytes();
    let len = dictionary.len() as u16;
    let mut stream = Vec::with_capacity(5 + dictionary.len() + data.len());
    // A stored, non-final block: header bits 000, then LEN and its complement.
    stream.push(0);
    stream.extend_from_slice(&len.to_le_bytes());
    stream.extend_from_slice(&(!len).to_le_bytes());
    stream.extend_from_slice(dictionary);
    stream.extend_from_slice(data);
    let mut out =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&stream, limit + dictionary.len())
            .map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLargeInflated,
                _ => ShareError::Corrupt,
            })?;
    if !out.starts_with(dictionary) {
        return Err(ShareError::Corrupt);
    }
    Ok(out.split_off(dictionary.len()))
}

/// Renames every object key found in `SHORT_KEYS` to its short form, everywhere in the value;
/// a map keyed by data (the documents handed over, by address) keeps its keys. The readers take
/// the short forms back as the fields' serde aliases ([`read`]).
fn shorten_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, inner)| {
                    let inner = if key == "handed_over" {
                        inner
                    } else {
                        shorten_keys(inner)
                    };
                    let key = SHORT_KEYS
                        .iter()
                        .find(|(long, _)| *long == key)
                        .map_or(key, |(_, short)| (*short).to_owned());
                    (key, inner)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(shorten_keys).collect()),
        other => other,
    }
}
/// The longest encoded payload accepted.
pub const MAX_PAYLOAD_CHARS: usize = 64 * 1024;
/// The most a payload may inflate to (a deflate bomb stops here).
pub const MAX_INFLATED_BYTES: usize = 1024 * 1024;

/// What a customer may see of an engagement: everything but the internal notes, the internal
/// consultations and the log lines about them (and any field this build does not know, which
/// could hold anything).
pub fn customer_copy(engagement: &Engagement) -> Engagement {
    let mut copy = Engagement {
        internal_notes: String::new(),
        snapshots: Vec::new(),
        extra: Map::new(),
        ..engagement.clone()
    };
    copy.coordination.consultations.clear();
    copy.log.retain(|entry| !entry.is_about_consultation());
    copy
}

/// The compact form of a customer copy: short keys, and each log entry as `[seconds after the
/// creation, text]`.
fn compact(engagement: &Engagement) -> Result<Value, serde_json::Error> {
    let mut value = stored::json_value(engagement)?;
    let created = engagement.created.unix_timestamp();
    if let Some(log) = value.get_mut("log") {
        *log = Value::Array(
            engagement
                .log
                .iter()
                .map(|entry| match entry.on {
                    Some(day) => json!([
                        entry.at.unix_timestamp() - created,
                        entry.text,
                        day.to_string()
                    ]),
                    None => json!([entry.at.unix_timestamp() - created, entry.text]),
                })
                .collect(),
        );
    }
    Ok(shorten_keys(value))
}

/// What to store when a shared copy replaces the engagement saved here: the link's content,
/// with the internal notes and the snapshots kept from the saved one, since a link never
/// carries them.
pub fn replacing(saved: &Engagement, shared: Engagement) -> Engagement {
    Engagement {
        internal_notes: saved.internal_notes.clone(),
        snapshots: saved.snapshots.clone(),
        ..shared
    }
}

/// The TAM's email address for the customer's answers: carried in the customer link only (a
/// setting of the TAM's browser, never in an engagement, a file or the Markdown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TamEmail(String);

/// Why an email address was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailError;

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Enter one email address, such as name@example.com.")
    }
}

impl TryFrom<&str> for TamEmail {
    type Error = EmailError;

    fn try_from(text: &str) -> Result<Self, Self::Error> {
        let text = text.trim();
        let ok = crate::domain::text::links::is_email_address(text);
        if ok {
            Ok(TamEmail(text.to_string()))
        } else {
            Err(EmailError)
        }
    }
}

impl TamEmail {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TamEmail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The key of the TAM's email address in an `s2.` link (beside the document's own keys).
const REPLY_TO_KEY: &str = "rt";

/// The fragment for a share link (without the `#`).
pub fn encode(engagement: &Engagement) -> Result<String, serde_json::Error> {
    encode_for(engagement, None)
}

/// The fragment for a share link that also tells the customer where to send their answers.
pub fn encode_for(
    engagement: &Engagement,
    reply_to: Option<&TamEmail>,
) -> Result<String, serde_json::Error> {
    let mut value = compact(&customer_copy(engagement))?;
    if let (Some(email), Value::Object(map)) = (reply_to, &mut value) {
        map.insert(REPLY_TO_KEY.into(), Value::String(email.as_str().into()));
    }
    let json = serde_json::to_vec(&value)?;
    let deflated = deflate_with_dictionary(&json);
    Ok(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated)))
}

/// Why a share link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    Empty,
    UnknownVersion,
    TooLong {
        chars: usize,
    },
    BadCharacters,
    NotBase64,
    Corrupt,
    TooLargeInflated,
    Document(ReadError),
    /// A link field holds something other than a web address: the plan is not opened.
    Link(NotWebAddress),
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
            ShareError::Link(e) => write!(f, "{e}, so the plan was not opened."),
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

/// The bytes of a link's payload: base64url characters only, decoded. Shared by customer links
/// and return links.
pub(crate) fn unbase64(payload: &str) -> Result<Vec<u8>, ShareError> {
    if !payload
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(ShareError::BadCharacters);
    }
    URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| ShareError::NotBase64)
}

/// A plain deflate stream inflated, stopping at [`MAX_INFLATED_BYTES`]. Shared by `s1.` links
/// and return links.
pub(crate) fn inflate(deflated: &[u8]) -> Result<Vec<u8>, ShareError> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_INFLATED_BYTES).map_err(|e| {
        match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLargeInflated,
            _ => ShareError::Corrupt,
        }
    })
}

/// Reads a fragment (with or without its `#`) into an engagement, or says what is wrong.
pub fn decode(fragment: &str) -> Result<Engagement, ShareError> {
    decode_with_reply_to(fragment).map(|(engagement, _)| engagement)
}

/// [`decode`], and the TAM's email address when the link carries a valid one (an address that
/// cannot be read is left out; the plan still opens).
pub fn decode_with_reply_to(fragment: &str) -> Result<(Engagement, Option<TamEmail>), ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    if fragment.len() > MAX_PAYLOAD_CHARS + PREFIX.len() {
        return Err(ShareError::TooLong {
            chars: fragment.len(),
        });
    }
    let (payload, compact_form) = match fragment.strip_prefix(PREFIX) {
        Some(payload) => (payload, true),
        None => (
            fragment
                .strip_prefix(PREFIX_V1)
                .ok_or(ShareError::UnknownVersion)?,
            false,
        ),
    };
    let deflated = unbase64(payload)?;
    let json = if compact_form {
        inflate_with_dictionary(&deflated, MAX_INFLATED_BYTES)?
    } else {
        inflate(&deflated)?
    };
    let text = std::str::from_utf8(&json).map_err(|_| ShareError::Corrupt)?;
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(ShareError::Document(ReadError::TooLarge {
            bytes: text.len(),
        }));
    }
    let (engagement, reply_to) = read::read(text).map_err(ShareError::Document)?;
    limits::check_fields(&engagement).map_err(|e| ShareError::Document(ReadError::Limit(e)))?;
    fields::check_links(&engagement).map_err(ShareError::Link)?;
    Ok((customer_copy(&engagement), reply_to))
}
