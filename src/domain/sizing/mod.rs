//! GitLab's reference architectures and the sizing rules: the published tables, the
//! requirements read from the form, the rules with their steps, the recommendation and its
//! projection, and the diagram. Imports only `text`.

pub mod diagram;
pub mod recommend;
pub mod reference;

pub use recommend::*;
