//! Pieces several pages share: labelled fields, and the one renderer of documents to the page
//! (`dom`, with the growth chart and the architecture diagram), which needs no UI framework, and
//! its mounting in the planner's views (`plan_view`).

pub mod changes;
pub mod chart;
pub mod diagram;
pub mod dom;
pub mod fields;
pub mod intake_input;
pub mod plan_view;
pub mod said;
