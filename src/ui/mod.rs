//! Leptos components and pages. The UI shows and edits domain values; it decides no rule.

mod app;
mod browser;
mod chart;
mod engagement_page;
mod home;
mod recommendation;
mod sizing;
mod state;

pub use app::App;
pub use sizing::SizingSection;
pub use state::AppState;
