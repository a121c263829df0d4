//! Leptos components and pages. The UI shows and edits domain values; it decides no rule.

//!
//! `platform/` holds the app-wide state, the sync between state, storage and other tabs, and
//! every call to the browser; `widgets/` the pieces several pages share (fields, the chart, the
//! diagram, the outline's renderer); then one folder per page: `home/`, `engagement/` (with the
//! TAM's review of a customer's reply), and `customer/`, which is what the customer's two modules
//! (`src/bin/customer-view.rs`, without the UI framework, then `src/bin/customer-part.rs`) draw.

mod app;
pub mod customer;
pub mod engagement;
pub mod home;
pub mod platform;
pub mod widgets;

pub use app::App;
pub use engagement::sizing::SizingSection;

/// Registers `sw.js` (beside the app's files) so that the app opens offline once loaded. A
/// browser without service workers, or a refusal, leaves the app working online as before.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let promise = container.register(&format!("{}/sw.js", platform::browser::base_path()));
    // Awaited only so that a refusal is handled, not reported as an uncaught error.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
pub use platform::state::AppState;

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
