//! Leptos components and pages. The UI shows and edits domain values; it decides no rule.

mod app;
mod browser;
mod engagement_page;
mod home;
mod state;

pub use app::App;
pub use state::AppState;
