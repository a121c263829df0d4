//! The app shell: header, storage banner, and the router.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use super::engagement_page::EngagementPage;
use super::home::HomePage;
use super::shared_plan::SharedPlanPage;
use super::state::AppState;
use leptos_router::hooks::use_location;

/// The whole app: loads storage once, provides the state, and routes.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::start();
    provide_context(state);
    view! {
        <Router>
            <header class="site-header no-print">
                <A href="/" attr:class="brand">"Infrastructure Upgrade Planner"</A>
            </header>
            <StorageBanner/>
            <main id="main" class="page">
                <Routes fallback=PageNotFound>
                    <Route path=path!("/") view=Root/>
                    <Route path=path!("/engagements/:id") view=EngagementPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The home page, or the customer's view when the address carries a shared plan.
#[component]
fn Root() -> impl IntoView {
    let location = use_location();
    move || {
        let hash = location.hash.get();
        let fragment = hash.trim_start_matches('#');
        if fragment.is_empty() {
            view! { <HomePage/> }.into_any()
        } else {
            view! { <SharedPlanPage fragment=fragment.to_string()/> }.into_any()
        }
    }
}

/// Says, for as long as it is true, that changes are not being saved.
#[component]
fn StorageBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.storage_problem.get().map(|message| {
            view! { <div class="banner banner-error" role="alert">{message}</div> }
        })
    }
}

/// Any address the app does not know.
#[component]
fn PageNotFound() -> impl IntoView {
    view! {
        <section class="not-found" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading">"Page not found"</h1>
            <p>"This address is not part of the planner."</p>
            <p><A href="/">"Back to all engagements"</A></p>
        </section>
    }
}
