//! What leaves the app, for each audience: the outline and its Markdown, plan files and
//! backups, customer links and return links, the cut-over (timeline, calendar entry, runbook),
//! the risks, the TAM's day, the requests that keep an engagement in a GitLab project, and the
//! GitLab Environment Toolkit starting configuration with its zip. The top layer: it may import
//! every other.

pub mod architecture;
pub mod attention;
pub mod blocks;
pub mod compare;
pub mod cutover;
pub mod gitlab;
pub mod handoff;
pub mod outline;
pub mod plan;
pub mod reply;
pub mod request;
pub mod risks;
pub mod runbook;
pub mod schedule;
pub mod share;
pub mod toolkit;
pub mod zip;
