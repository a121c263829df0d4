//! Infrastructure Upgrade Planner: the module tree.
//!
//! `domain` decides everything that needs no browser, `storage` keeps engagements in the
//! browser's local storage, and `ui` shows them with Leptos.

pub mod domain;
pub mod storage;
pub mod ui;
