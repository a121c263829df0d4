//! The stored document: the engagement and its ids, the process records and the intake data it
//! holds, the limits it keeps to, its migrations and reading, drafts beside it. Imports only
//! `text` and `sizing`; no rule of the process lives here.

pub mod document;
pub mod draft;
pub mod fields;
pub mod intake;
pub mod limits;
pub mod migrate;
pub mod read;
pub mod records;
pub mod snapshots;
pub mod stored;

pub use document::*;
pub use read::{ReadError, MAX_DOCUMENT_BYTES};
