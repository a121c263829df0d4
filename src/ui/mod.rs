//! Leptos components and pages. The UI shows and edits domain values; it decides no rule.

mod app;
mod browser;
mod chart;
mod coordination;
mod diagram;
mod engagement_page;
mod export;
mod fields;
mod home;
mod import;
mod intake;
mod plan_view;
mod recommendation;
mod reply_page;
mod shared_plan;
mod sizing;
mod state;
mod sync;
mod timeline;
mod viewer;
mod your_part;

pub use app::App;
pub use sizing::SizingSection;
pub use viewer::CustomerViewer;

/// Registers `sw.js` (beside the app's files) so that the app opens offline once loaded. A
/// browser without service workers, or a refusal, leaves the app working online as before.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let promise = container.register(&format!("{}/sw.js", browser::base_path()));
    // Awaited only so that a refusal is handled, not reported as an uncaught error.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
pub use state::AppState;

/// Takes away the static shell `index.html` paints while the module loads (the header and
/// "Loading the planner…"), just before the app mounts in its place: both happen in one task, so
/// the browser never paints the page without either.
pub fn remove_static_shell() {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("static-shell"))
    {
        shell.remove();
    }
}
