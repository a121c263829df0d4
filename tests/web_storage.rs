//! Browser tests: engagements through real local storage, and the app shown from it.
#![cfg(target_arch = "wasm32")]

use leptos::wasm_bindgen::JsCast;
use time::macros::datetime;
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::storage::{key_for, Store, KEY_PREFIX};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Starts every test from an empty storage (the tests share one page).
fn clear() {
    local_storage().clear().unwrap();
}

fn sample(n: u8, name: &str) -> Engagement {
    Engagement::new(
        EngagementId::from_random_bytes([n; 16]),
        name.parse().unwrap(),
        datetime!(2026-11-20 09:30 UTC),
    )
}

/// Lets queued effects and renders run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn an_engagement_saved_to_local_storage_loads_back_equal() {
    clear();
    let store = Store::open().unwrap();
    let first = sample(1, "Acme Corp");
    let second = sample(2, "Globex");
    store.save(&first).unwrap();
    store.save(&second).unwrap();
    let raw = local_storage()
        .get_item(&key_for(first.id))
        .unwrap()
        .unwrap();
    assert!(raw.contains("\"schema_version\":1"));

    let loaded = store.load().unwrap();
    assert_eq!(loaded.engagements.len(), 2);
    assert!(loaded.engagements.contains(&first));
    assert!(loaded.engagements.contains(&second));
    assert!(loaded.unreadable.is_empty());

    store.remove(first.id).unwrap();
    assert_eq!(store.load().unwrap().engagements, vec![second]);
}

#[wasm_bindgen_test]
fn an_unreadable_entry_survives_loads_and_saves() {
    clear();
    let store = Store::open().unwrap();
    let bad_key = format!("{KEY_PREFIX}22222222-2222-4222-8222-222222222222");
    let bad_raw = "{\"schema_version\":1,\"customer_name\":";
    local_storage().set_item(&bad_key, bad_raw).unwrap();
    local_storage()
        .set_item("another-app", "left alone")
        .unwrap();
    store.save(&sample(3, "Initech")).unwrap();

    let loaded = store.load().unwrap();
    assert_eq!(loaded.engagements.len(), 1);
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].key, bad_key);

    store.save(&sample(4, "Umbrella")).unwrap();
    assert_eq!(
        local_storage().get_item(&bad_key).unwrap().as_deref(),
        Some(bad_raw)
    );
    assert_eq!(
        local_storage().get_item("another-app").unwrap().as_deref(),
        Some("left alone")
    );
}

#[wasm_bindgen_test]
async fn the_app_lists_stored_engagements_and_reports_the_unreadable_one_untouched() {
    clear();
    let store = Store::open().unwrap();
    store.save(&sample(5, "Stark Industries")).unwrap();
    let bad_key = format!("{KEY_PREFIX}33333333-3333-4333-8333-333333333333");
    local_storage()
        .set_item(&bad_key, "not json at all")
        .unwrap();

    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), upgrade_planner::ui::App);
    tick().await;

    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Stark Industries"), "{text}");
    assert!(
        text.contains("1 stored engagement could not be read."),
        "{text}"
    );
    assert_eq!(
        local_storage().get_item(&bad_key).unwrap().as_deref(),
        Some("not json at all")
    );
    drop(handle);
    host.remove();
}
