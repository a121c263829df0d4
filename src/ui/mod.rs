//! Leptos components and pages. The UI shows and edits domain values; it decides no rule.

mod app;
mod browser;
mod chart;
mod coordination;
mod engagement_page;
mod export;
mod fields;
mod home;
mod import;
mod plan_view;
mod recommendation;
mod shared_plan;
mod sizing;
mod state;
mod sync;

pub use app::App;
pub use sizing::SizingSection;
pub use state::AppState;
