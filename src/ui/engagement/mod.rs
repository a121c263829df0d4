//! The engagement page and its sections (sizing, coordination, what Support asks for, the
//! timeline, sharing and export, the changes since a hand-off, the GitLab Environment Toolkit
//! download), and the TAM's review of a customer's reply.

pub mod changes_since;
pub mod coordination;
pub mod export;
pub mod gitlab;
pub mod intake;
pub mod page;
pub mod reply_page;
pub mod sizing;
pub mod support_handoff;
pub mod timeline;
pub mod toolkit;
