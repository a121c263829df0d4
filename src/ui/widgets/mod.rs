//! Pieces several pages share: labelled fields, the growth chart, the architecture diagram and
//! the renderer of document blocks (the outline and the recommended architecture).

pub mod changes;
pub mod chart;
pub mod diagram;
pub mod fields;
pub mod intake_input;
pub mod plan_view;
pub mod said;
