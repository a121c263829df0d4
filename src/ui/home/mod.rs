//! The home page: the engagements, what needs attention, import and backups.

pub mod gitlab;
pub mod import;
pub mod page;
