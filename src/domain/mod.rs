//! Pure rules and documents: no browser, no clock, no storage.
//!
//! Time and randomness come in as arguments, so every function here is tested natively.

pub mod attention;
pub mod cutover;
pub mod diagram;
pub mod draft;
pub mod engagement;
pub mod intake;
pub mod limits;
pub mod links;
pub mod migrate;
pub mod outline;
pub mod plan;
pub mod reference;
pub mod reply;
pub mod risks;
pub mod runbook;
pub mod share;
pub mod sizing;
pub mod text;
pub mod time_fmt;
pub mod upgrade;
pub mod workflow;
