//! The bottom layer: text every other layer writes. Numbers, times, Markdown escaping and safe
//! links; it imports nothing of the domain.

pub mod coded;
pub mod links;
pub mod markdown;
pub mod numbers;
pub mod time_fmt;

pub(crate) use coded::coded;
pub use markdown::escape_md;
