//! Browser test: the sizing form validates as the TAM types, keeping the last valid result.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use upgrade_planner::storage::key_for;
use upgrade_planner::ui::{AppState, SizingSection};
use wasm_bindgen_test::*;

mod web_common;

use web_common::wait;

wasm_bindgen_test_configure!(run_in_browser);

async fn tick() {
    wait(50).await;
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Types into a field the way a browser reports it: new value, then a bubbling input event.
fn type_into(id: &str, text: &str) {
    let input: web_sys::HtmlInputElement =
        document().get_element_by_id(id).unwrap().unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn text_of(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_form_explains_bad_values_by_their_field_and_keeps_the_last_result_marked_stale() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let id = StoredValue::new(None);
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        let state = AppState::start();
        provide_context(state);
        let engagement = state.create("Acme".parse().unwrap());
        id.set_value(Some(engagement));
        view! { <SizingSection id=engagement/> }
    });
    tick().await;
    let result = || text_of("recommendation-heading") + &host.text_content().unwrap_or_default();
    assert!(result().contains("Enter the current users to see the recommendation."));

    type_into("sizing-current-users", "2500");
    tick().await;
    assert!(
        result().contains("Up to 60 RPS or 3,000 users"),
        "{}",
        result()
    );
    assert!(!result().contains("Out of date"));

    type_into("sizing-growth", "900");
    tick().await;
    assert_eq!(
        text_of("sizing-growth-error"),
        "Enter a number from 0 to 500."
    );
    let growth = document().get_element_by_id("sizing-growth").unwrap();
    assert_eq!(
        growth.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert!(result().contains("Out of date"), "{}", result());
    assert!(result().contains("Up to 60 RPS or 3,000 users"));

    type_into("sizing-current-users", "12.5");
    tick().await;
    assert_eq!(
        text_of("sizing-current-users-error"),
        "Enter a whole number."
    );

    // What was typed is stored with the engagement, even while it is invalid (after the
    // short save delay).
    wait(400).await;
    let key = key_for(id.get_value().unwrap());
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(&key)
        .unwrap()
        .unwrap();
    assert!(stored.contains("\"annual_growth_pct\":\"900\""), "{stored}");

    type_into("sizing-growth", "");
    type_into("sizing-current-users", "2500");
    tick().await;
    assert_eq!(text_of("sizing-growth-error"), "");
    assert!(!result().contains("Out of date"));
    drop(handle);
    host.remove();
}
