//! Pieces several pages share: labelled fields, the growth chart, the architecture diagram, the
//! recommendation and the outline's renderer.

pub mod chart;
pub mod diagram;
pub mod fields;
pub mod plan_view;
pub mod recommendation;
