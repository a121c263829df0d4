//! The bottom layer: text every other layer writes. Numbers, times, Markdown escaping, safe
//! links and the small words documents share; it imports nothing of the domain.

pub mod coded;
pub mod links;
pub mod markdown;
pub mod numbers;
pub mod time_fmt;
pub mod words;
pub mod zones;

pub(crate) use coded::coded;
pub use markdown::escape_md;
