//! The customer's link on its own: a smaller module that holds only what the customer's view
//! needs (decoding the link, the plan's outline and its rendering, the customer's part, saving a
//! copy). `index.html` loads it instead of the whole app when the address carries a shared plan.

use leptos::prelude::*;

use crate::ui::customer::shared_plan::SharedPlanPage;
use crate::ui::platform::browser;
use crate::ui::platform::state::AppState;

/// The page a shared link opens: the same header and page as the app, and the customer's view.
#[component]
pub fn CustomerViewer() -> impl IntoView {
    let state = AppState::start();
    provide_context(state);
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let fragment = hash.trim_start_matches('#').to_string();
    // Another address (another link pasted, or the fragment taken away) may need the planner:
    // the page loads again, and index.html picks the module for it.
    let reload = window_event_listener(leptos::ev::hashchange, |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    on_cleanup(move || reload.remove());
    view! {
        <header class="site-header no-print">
            <a href=browser::href("/") class="brand">"Infrastructure Upgrade Planner"</a>
        </header>
        <main id="main" class="page">
            <SharedPlanPage fragment=fragment/>
        </main>
    }
}
