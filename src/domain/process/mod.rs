//! The coordination process: stages, status and the next action, actions with their guardrails
//! and log lines, Support readiness, the upgrade path, hand-over documents, and the one door
//! every change goes through. Imports `text`, `sizing` and `engagement`.

pub mod changes;
pub mod intake;
pub mod procedures;
pub mod upgrade;
pub mod workflow;
