//! The app shell: header, storage banner, and the router.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::domain::documents::{reply, share};
use crate::ui::engagement::page::EngagementPage;
use crate::ui::engagement::reply_page::ReplyPage;
use crate::ui::home::page::HomePage;
use crate::ui::platform::browser;
use crate::ui::platform::state::AppState;
use crate::ui::platform::sync::Keep;
use leptos_router::hooks::use_location;

/// The whole app: loads storage once, provides the state, and routes.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::start();
    provide_context(state);
    crate::ui::platform::gitlab::GitLab::provide();
    let base = browser::base_path();
    view! {
        <Router base=base>
            <header class="site-header no-print">
                <A href=browser::href("/") attr:class="brand">"Infrastructure Upgrade Planner"</A>
            </header>
            <FocusOnNavigation/>
            <StorageBanner/>
            <RefusedBanner/>
            <ClearedBanner/>
            <ConflictBanner/>
            <main id="main" class="page">
                <Routes fallback=PageNotFound>
                    <Route path=path!("/") view=Root/>
                    <Route path=path!("/engagements/:id") view=EngagementPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// Moves focus to the new page's heading whenever the address changes after the first page.
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            browser::focus_page_heading();
        }
        path
    });
}

/// The home page, or the customer's view when the address carries a shared plan.
#[component]
fn Root() -> impl IntoView {
    let location = use_location();
    move || {
        let hash = location.hash.get();
        let fragment = hash.trim_start_matches('#');
        if share::looks_like_share_link(fragment) {
            // A shared plan is the customer's own modules' page: index.html loads them for it.
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
            view! { <p class="loading" role="status">"Opening the shared plan…"</p> }.into_any()
        } else if reply::looks_like_reply(fragment) {
            view! { <ReplyPage fragment=fragment.to_string()/> }.into_any()
        } else {
            view! { <HomePage/> }.into_any()
        }
    }
}

/// Says, for as long as it is true, that changes are not being saved, and offers a backup.
#[component]
fn StorageBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let backup = move |_| {
        if let Err(err) = state.download_backup() {
            state
                .storage_problem
                .set(Some(format!("The backup did not download either: {err}.")));
        }
    };
    move || {
        state.storage_problem.get().map(|message| {
            view! {
                <div class="banner banner-error" role="alert">
                    <span>{message}</span>
                    " "
                    <button type="button" on:click=backup>"Download backup"</button>
                </div>
            }
        })
    }
}

/// Says why the last change was not taken (it would pass a limit), until one is taken again.
#[component]
fn RefusedBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.refused.get().map(|message| {
            view! { <div class="banner banner-error" role="alert">{message}</div> }
        })
    }
}

/// Storage was cleared elsewhere while this tab held engagements: this tab may hold the only
/// copy, so it offers to write them again, or a backup.
#[component]
fn ClearedBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let backup = move |_| {
        let result = state.download_backup();
        if let Err(err) = result {
            state
                .refused
                .set(Some(format!("The backup did not download: {err}.")));
        }
    };
    move || {
        state.cleared.get().then(|| {
            let count = state.engagements.with_untracked(Vec::len);
            view! {
                <div class="banner banner-warning" role="alert">
                    <span>
                        {format!(
                            "This app's storage was cleared in another tab or by the browser. This tab still holds {count} engagement{}: save {} again, or download a backup.",
                            if count == 1 { "" } else { "s" },
                            if count == 1 { "it" } else { "them" },
                        )}
                    </span>
                    " "
                    <button type="button" on:click=move |_| state.save_all_again()>"Save them again"</button>
                    " "
                    <button type="button" on:click=backup>"Download backup"</button>
                </div>
            }
        })
    }
}

/// An engagement changed in this tab and another at once: the TAM keeps one, the other
/// becomes a copy.
#[component]
fn ConflictBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state
            .conflicts
            .get()
            .into_iter()
            .map(|conflict| {
                let id = conflict.ours.id;
                view! {
                    <div class="banner banner-warning" role="alert">
                        <span>
                            "“" {conflict.ours.customer_name.to_string()} "” was changed in another tab while you edited it here. "
                            "Keep which version? The other one is kept as a copy."
                        </span>
                        " "
                        <button type="button" on:click=move |_| {
                            state.resolve_conflict(id, Keep::ThisTab);
                            browser::focus_page_heading();
                        }>
                            "Keep this tab's version"
                        </button>
                        " "
                        <button type="button" on:click=move |_| {
                            state.resolve_conflict(id, Keep::OtherTab);
                            browser::focus_page_heading();
                        }>
                            "Keep the other tab's version"
                        </button>
                    </div>
                }
            })
            .collect_view()
    }
}

/// Any address the app does not know.
#[component]
fn PageNotFound() -> impl IntoView {
    browser::set_page_title("Page not found");
    view! {
        <section class="not-found" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading">"Page not found"</h1>
            <p>"This address is not part of the planner."</p>
            <p><A href=browser::href("/")>"Back to all engagements"</A></p>
        </section>
    }
}
