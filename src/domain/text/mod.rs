//! The bottom layer: text every other layer writes. Numbers, times, Markdown escaping and safe
//! links; it imports nothing of the domain.

pub mod links;
pub mod markdown;
pub mod numbers;
pub mod time_fmt;

pub use markdown::escape_md;
