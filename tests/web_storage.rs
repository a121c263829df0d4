//! Browser tests of storage: real local storage in headless Chromium, quarantine, newer
//! versions, a full quota, and another tab's writes.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use time::macros::datetime;
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::storage::{key_for, Store, KEY_PREFIX, QUARANTINE_PREFIX};
use upgrade_planner::ui::platform::state::SameId;
use upgrade_planner::ui::platform::sync::Keep;
use upgrade_planner::ui::AppState;
use wasm_bindgen_test::*;

mod web_common;

use web_common::wait;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: &str = "2026-11-25T10:00:00Z";

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn keys() -> Vec<String> {
    let s = local_storage();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .collect()
}

fn sample(n: u8, name: &str) -> Engagement {
    Engagement::new(
        EngagementId::from_random_bytes([n; 16]),
        name.parse().unwrap(),
        datetime!(2026-11-20 09:30 UTC),
    )
}

/// An app state with its effects running, as the mounted app has it. Dropping the handle
/// unmounts it, so no state outlives its test.
fn start_state() -> (Box<dyn std::any::Any>, AppState) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let cell = std::rc::Rc::new(std::cell::Cell::new(None));
    let inner = cell.clone();
    let handle = leptos::mount::mount_to(host.unchecked_into(), move || {
        inner.set(Some(AppState::start()));
        view! { <span></span> }
    });
    (Box::new(handle), cell.get().unwrap())
}

/// Storage holding one engagement, and the app state started on it.
fn start_with_stored(n: u8, name: &str) -> (Box<dyn std::any::Any>, AppState, Engagement) {
    local_storage().clear().unwrap();
    let original = sample(n, name);
    Store::open().unwrap().save(&original).unwrap();
    let (owner, state) = start_state();
    (owner, state, original)
}

/// What another tab does: writes the key, and this tab hears a `storage` event.
fn other_tab_writes(key: &str, value: Option<&str>) {
    match value {
        Some(v) => local_storage().set_item(key, v).unwrap(),
        None => local_storage().remove_item(key).unwrap(),
    }
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    init.set_new_value(value);
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
fn an_engagement_saved_to_local_storage_loads_back_equal() {
    local_storage().clear().unwrap();
    let store = Store::open().unwrap();
    let first = sample(1, "Acme Corp");
    let second = sample(2, "Globex");
    store.save(&first).unwrap();
    store.save(&second).unwrap();
    let raw = local_storage()
        .get_item(&key_for(first.id))
        .unwrap()
        .unwrap();
    assert!(raw.contains(&format!(
        "\"schema_version\":{}",
        upgrade_planner::domain::engagement::SCHEMA_VERSION
    )));
    let loaded = store.load(NOW).unwrap();
    assert_eq!(loaded.engagements.len(), 2);
    assert!(loaded.engagements.contains(&first));
    assert!(loaded.engagements.contains(&second));
    store.remove(first.id).unwrap();
    assert_eq!(store.load(NOW).unwrap().engagements, vec![second]);
}

#[wasm_bindgen_test]
fn a_corrupt_entry_is_moved_aside_with_its_error_and_raw_text() {
    local_storage().clear().unwrap();
    let store = Store::open().unwrap();
    let bad_key = format!("{KEY_PREFIX}22222222-2222-4222-8222-222222222222");
    let bad_raw = "{\"schema_version\":1,\"customer_name\":";
    local_storage().set_item(&bad_key, bad_raw).unwrap();
    local_storage()
        .set_item("another-app", "left alone")
        .unwrap();
    store.save(&sample(3, "Initech")).unwrap();

    let loaded = store.load(NOW).unwrap();
    assert_eq!(loaded.engagements.len(), 1);
    assert!(loaded.unreadable.is_empty());
    assert_eq!(loaded.quarantined.len(), 1);
    let record = &loaded.quarantined[0];
    assert_eq!(record.original_key, bad_key);
    assert_eq!(record.raw, bad_raw);
    assert!(
        record.reason.contains("not valid JSON"),
        "{}",
        record.reason
    );
    assert_eq!(
        local_storage().get_item(&bad_key).unwrap(),
        None,
        "moved, not copied"
    );
    assert!(keys().iter().any(|k| k.starts_with(QUARANTINE_PREFIX)));
    assert_eq!(
        local_storage().get_item("another-app").unwrap().as_deref(),
        Some("left alone")
    );

    // Loading again finds the record and nothing new to move.
    let again = store.load("2026-11-26T10:00:00Z").unwrap();
    assert_eq!(again.quarantined.len(), 1);
    assert_eq!(again.quarantined[0].raw, bad_raw);
}

#[wasm_bindgen_test]
fn an_entry_from_a_newer_version_is_left_exactly_as_it_is() {
    local_storage().clear().unwrap();
    let key = format!("{KEY_PREFIX}44444444-4444-4444-8444-444444444444");
    let raw = r#"{"schema_version":7,"customer_name":"Future Corp","new_field":[1,2,3]}"#;
    local_storage().set_item(&key, raw).unwrap();
    let loaded = Store::open().unwrap().load(NOW).unwrap();
    assert_eq!(loaded.newer.len(), 1);
    assert_eq!(loaded.newer[0].version, 7);
    assert_eq!(
        loaded.newer[0].customer_name.as_deref(),
        Some("Future Corp")
    );
    assert!(loaded.quarantined.is_empty());
    assert_eq!(
        local_storage().get_item(&key).unwrap().as_deref(),
        Some(raw)
    );
}

#[wasm_bindgen_test]
async fn a_full_quota_is_reported_until_the_next_good_save() {
    local_storage().clear().unwrap();
    let (_owner, state) = start_state();
    // Fill storage to the brim, with ever smaller pieces.
    let mut filled = 0;
    for size in [256 * 1024, 4096, 256, 16, 1] {
        let chunk = "x".repeat(size);
        while local_storage()
            .set_item(&format!("f{filled}"), &chunk)
            .is_ok()
        {
            filled += 1;
        }
    }
    let id = state.create("Stark Industries".parse().unwrap());
    wait(500).await;
    let problem = state.storage_problem.get_untracked().unwrap_or_default();
    assert!(problem.contains("full"), "{problem}");
    assert_eq!(
        state.engagements.get_untracked().len(),
        1,
        "the change stays on screen"
    );
    assert_eq!(local_storage().get_item(&key_for(id)).unwrap(), None);

    for i in 0..filled {
        local_storage().remove_item(&format!("f{i}")).unwrap();
    }
    state.rename(id, "Stark Industries EMEA".parse().unwrap());
    wait(500).await;
    assert_eq!(state.storage_problem.get_untracked(), None);
    let stored = local_storage().get_item(&key_for(id)).unwrap().unwrap();
    assert!(stored.contains("Stark Industries EMEA"));
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn another_tabs_change_is_adopted_and_a_concurrent_one_becomes_a_choice() {
    let (_owner, state, original) = start_with_stored(5, "Wayne Enterprises");
    let id = original.id;

    // The other tab renames it: this tab follows.
    let mut theirs = original.clone();
    theirs.rename(
        "Wayne Enterprises Ltd".parse().unwrap(),
        datetime!(2026-11-21 09:00 UTC),
    );
    other_tab_writes(&key_for(id), Some(&theirs.to_json().unwrap()));
    wait(50).await;
    assert_eq!(
        state.find(id).unwrap().customer_name.as_str(),
        "Wayne Enterprises Ltd"
    );
    wait(400).await;
    assert_eq!(
        local_storage().get_item(&key_for(id)).unwrap().unwrap(),
        theirs.to_json().unwrap(),
        "adopting is not a write"
    );

    // Both change it at once: this tab's save would overwrite, so the TAM is asked instead.
    state.rename(id, "Wayne (this tab)".parse().unwrap());
    let mut other = theirs.clone();
    other.rename(
        "Wayne (other tab)".parse().unwrap(),
        datetime!(2026-11-22 09:00 UTC),
    );
    other_tab_writes(&key_for(id), Some(&other.to_json().unwrap()));
    wait(500).await;
    assert_eq!(state.conflicts.get_untracked().len(), 1);
    let stored = local_storage().get_item(&key_for(id)).unwrap().unwrap();
    assert!(
        stored.contains("Wayne (other tab)"),
        "not overwritten: {stored}"
    );

    state.resolve_conflict(id, Keep::ThisTab);
    wait(500).await;
    assert!(state.conflicts.get_untracked().is_empty());
    let stored = local_storage().get_item(&key_for(id)).unwrap().unwrap();
    assert!(stored.contains("Wayne (this tab)"), "{stored}");
    let names: Vec<String> = state
        .engagements
        .get_untracked()
        .iter()
        .map(|e| e.customer_name.to_string())
        .collect();
    assert!(
        names.contains(&"Wayne (other tab) (copy)".to_string()),
        "{names:?}"
    );
    let copies = keys().iter().filter(|k| k.starts_with(KEY_PREFIX)).count();
    assert_eq!(copies, 2, "the other version is stored as a copy");

    // The other tab deletes it: this tab lets it go.
    other_tab_writes(&key_for(id), None);
    wait(50).await;
    assert!(state.find(id).is_none());
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_write_over_this_tabs_save_that_never_saw_it_becomes_a_choice() {
    let (_owner, state, original) = start_with_stored(6, "Stark Industries");
    let id = original.id;

    // This tab's change is saved...
    state.rename(id, "Stark (this tab)".parse().unwrap());
    wait(500).await;
    let ours = local_storage().get_item(&key_for(id)).unwrap().unwrap();
    assert!(ours.contains("Stark (this tab)"), "{ours}");

    // ...then the other tab, which had not yet seen it, writes its own change to the original.
    let mut other = original.clone();
    other.rename(
        "Stark (other tab)".parse().unwrap(),
        datetime!(2026-11-22 09:00 UTC),
    );
    other_tab_writes(&key_for(id), Some(&other.to_json().unwrap()));
    wait(50).await;
    assert_eq!(
        state.find(id).unwrap().customer_name.as_str(),
        "Stark (this tab)",
        "this tab's saved change is not silently replaced"
    );
    assert_eq!(state.conflicts.get_untracked().len(), 1);

    // Keeping the other tab's version keeps this one as a copy.
    state.resolve_conflict(id, Keep::OtherTab);
    wait(500).await;
    assert_eq!(
        state.find(id).unwrap().customer_name.as_str(),
        "Stark (other tab)"
    );
    let stored: Vec<String> = keys()
        .iter()
        .filter(|k| k.starts_with(KEY_PREFIX))
        .map(|k| local_storage().get_item(k).unwrap().unwrap())
        .collect();
    assert_eq!(stored.len(), 2, "{stored:?}");
    assert!(
        stored.iter().any(|s| s.contains("Stark (this tab) (copy)")),
        "{stored:?}"
    );
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn the_app_lists_stored_engagements_and_reports_the_unreadable_one() {
    local_storage().clear().unwrap();
    let store = Store::open().unwrap();
    store.save(&sample(6, "Tyrell")).unwrap();
    let bad_key = format!("{KEY_PREFIX}33333333-3333-4333-8333-333333333333");
    local_storage()
        .set_item(&bad_key, "not json at all")
        .unwrap();

    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), upgrade_planner::ui::App);
    wait(50).await;

    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Tyrell"), "{text}");
    assert!(
        text.contains("1 stored engagement could not be read."),
        "{text}"
    );
    let record = keys()
        .into_iter()
        .find(|k| k.starts_with(QUARANTINE_PREFIX))
        .unwrap();
    assert!(local_storage()
        .get_item(&record)
        .unwrap()
        .unwrap()
        .contains("not json at all"));
    drop(handle);
    host.remove();
    local_storage().clear().unwrap();
}

// Story: the conflict banner resolved with a snapshot from when it appeared, so notes typed
// while it showed were in neither version, and the indicator said "Saved".
#[wasm_bindgen_test]
async fn edits_made_while_the_conflict_banner_shows_are_kept_with_the_chosen_version() {
    for keep in [Keep::ThisTab, Keep::OtherTab] {
        let keep_ours = keep == Keep::ThisTab;
        let (_owner, state, original) = start_with_stored(7, "Cyberdyne");
        let id = original.id;
        state.rename(id, "Cyberdyne (this tab)".parse().unwrap());
        let mut other = original.clone();
        other.rename(
            "Cyberdyne (other tab)".parse().unwrap(),
            datetime!(2026-11-22 09:00 UTC),
        );
        other_tab_writes(&key_for(id), Some(&other.to_json().unwrap()));
        wait(50).await;
        assert_eq!(state.conflicts.get_untracked().len(), 1);
        // Typed while the banner shows.
        state.update(id, |e, now| {
            e.set_internal_notes("Typed while the banner showed".into(), now)
        });
        state.resolve_conflict(id, keep);
        wait(500).await;
        let stored: Vec<Engagement> = keys()
            .iter()
            .filter(|k| k.starts_with(KEY_PREFIX))
            .map(|k| Engagement::from_json(&local_storage().get_item(k).unwrap().unwrap()).unwrap())
            .collect();
        let with_notes: Vec<&Engagement> = stored
            .iter()
            .filter(|e| e.internal_notes == "Typed while the banner showed")
            .collect();
        assert_eq!(with_notes.len(), 1, "keep ours: {keep_ours}; {stored:?}");
        let expected_name = if keep_ours {
            "Cyberdyne (this tab)"
        } else {
            "Cyberdyne (this tab) (copy)"
        };
        assert_eq!(with_notes[0].customer_name.as_str(), expected_name);
        local_storage().clear().unwrap();
    }
}

#[wasm_bindgen_test]
async fn deleting_an_engagement_another_tab_changed_unseen_keeps_their_work() {
    let (_owner, state, original) = start_with_stored(8, "Initech");
    let id = original.id;
    // The other tab's change is stored, but its event has not reached this tab yet.
    let mut other = original.clone();
    other.set_internal_notes(
        "Written in the other tab".into(),
        datetime!(2026-11-22 09:00 UTC),
    );
    local_storage()
        .set_item(&key_for(id), &other.to_json().unwrap())
        .unwrap();
    state.delete(id);
    wait(500).await;
    let stored = local_storage().get_item(&key_for(id)).unwrap();
    assert_eq!(stored, Some(other.to_json().unwrap()), "not deleted unseen");
    assert_eq!(
        state.find(id).map(|e| e.internal_notes),
        Some("Written in the other tab".to_string())
    );
    assert!(state
        .refused
        .get_untracked()
        .is_some_and(|m| m.contains("changed in another tab after you deleted it here")));
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn storage_cleared_elsewhere_offers_to_save_everything_again() {
    let (_owner, state, original) = start_with_stored(9, "Hooli");
    local_storage().clear().unwrap();
    let init = web_sys::StorageEventInit::new();
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    wait(50).await;
    assert!(
        state.cleared.get_untracked(),
        "the tab says it holds the only copy"
    );
    assert!(state.find(original.id).is_some());
    state.save_all_again();
    wait(50).await;
    assert!(!state.cleared.get_untracked());
    assert_eq!(
        local_storage().get_item(&key_for(original.id)).unwrap(),
        Some(original.to_json().unwrap())
    );
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn back_from_the_back_forward_cache_the_tab_reads_storage_again() {
    let (_owner, state, original) = start_with_stored(10, "Vandelay");
    let mut other = original.clone();
    other.rename(
        "Vandelay Industries".parse().unwrap(),
        datetime!(2026-11-22 09:00 UTC),
    );
    // Written while this page sat in the back-forward cache: no event reached it.
    local_storage()
        .set_item(&key_for(original.id), &other.to_json().unwrap())
        .unwrap();
    let init = web_sys::EventInit::new();
    let event = web_sys::Event::new_with_event_init_dict("pageshow", &init).unwrap();
    js_sys::Reflect::set(&event, &"persisted".into(), &true.into()).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    wait(50).await;
    assert_eq!(
        state.find(original.id).unwrap().customer_name.as_str(),
        "Vandelay Industries"
    );
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_save_waits_while_another_tab_holds_the_save_lock() {
    let (_owner, state, original) = start_with_stored(11, "Oscorp");
    // Another tab holds the lock for 900 ms.
    let hold = js_sys::Function::new_no_args(
        "navigator.locks.request('upgrade-planner.save', () => new Promise(r => setTimeout(r, 900)));",
    );
    hold.call0(&wasm_bindgen::JsValue::UNDEFINED).unwrap();
    wait(20).await;
    state.rename(original.id, "Oscorp Industries".parse().unwrap());
    wait(600).await;
    let stored = local_storage()
        .get_item(&key_for(original.id))
        .unwrap()
        .unwrap();
    assert!(
        stored.contains("\"Oscorp\""),
        "not written while the lock is held: {stored}"
    );
    wait(700).await;
    let stored = local_storage()
        .get_item(&key_for(original.id))
        .unwrap()
        .unwrap();
    assert!(stored.contains("Oscorp Industries"), "{stored}");
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn an_import_whose_id_is_stored_in_a_form_this_version_cannot_read_comes_in_as_a_copy() {
    local_storage().clear().unwrap();
    let incoming = sample(12, "Umbrella");
    let newer = format!(
        r#"{{"schema_version":99,"id":"{}","customer_name":"Umbrella (newer)"}}"#,
        incoming.id
    );
    local_storage()
        .set_item(&key_for(incoming.id), &newer)
        .unwrap();
    let (_owner, state) = start_state();
    let ids = state.import(vec![incoming.clone()], SameId::Replace);
    wait(500).await;
    assert_eq!(ids.len(), 1);
    assert_ne!(ids[0], incoming.id, "a new id");
    assert_eq!(
        local_storage().get_item(&key_for(incoming.id)).unwrap(),
        Some(newer),
        "the newer entry is untouched"
    );
    assert!(local_storage()
        .get_item(&key_for(ids[0]))
        .unwrap()
        .is_some());
    local_storage().clear().unwrap();
}

// Issue 24, point 1: a draft is kept under its own key, never in the engagement, and the next
// tab to open shows it back; a draft that cannot be read is moved aside, not overwritten.
#[wasm_bindgen_test]
async fn a_draft_is_stored_beside_the_engagement_and_read_back_by_the_next_tab() {
    use upgrade_planner::domain::engagement::draft::DraftField;
    use upgrade_planner::storage::draft_key;
    let (owner, state, original) = start_with_stored(12, "Initech");
    state
        .type_draft(
            original.id,
            DraftField::CustomerName,
            "Initech Typed",
            "Initech",
        )
        .unwrap();
    wait(400).await;
    let stored = Engagement::from_json(
        &local_storage()
            .get_item(&key_for(original.id))
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(stored, original, "the engagement is untouched");
    let draft = local_storage()
        .get_item(&draft_key(original.id))
        .unwrap()
        .unwrap();
    assert!(draft.contains("Initech Typed"), "{draft}");
    drop(owner);
    let (_next, next) = start_state();
    assert_eq!(
        next.draft_text(original.id, DraftField::CustomerName, "Initech"),
        "Initech Typed"
    );
    // Committed by its button: the key goes.
    next.clear_drafts(original.id, &[DraftField::CustomerName]);
    wait(400).await;
    assert_eq!(
        local_storage().get_item(&draft_key(original.id)).unwrap(),
        None
    );
    // A draft this version cannot read is moved aside with its text.
    local_storage()
        .set_item(&draft_key(original.id), "{not a draft")
        .unwrap();
    let (_third, third) = start_state();
    assert_eq!(
        local_storage().get_item(&draft_key(original.id)).unwrap(),
        None
    );
    assert!(third
        .quarantined
        .get_untracked()
        .iter()
        .any(|q| q.raw == "{not a draft"));
    local_storage().clear().unwrap();
}

// Issue 24, point 4: what a closing tab left under its own key is written when storage still
// holds what it was built on, and kept as a copy when storage moved on.
#[wasm_bindgen_test]
async fn what_a_closing_tab_left_is_written_or_kept_as_a_copy() {
    use upgrade_planner::domain::engagement::draft::Unsaved;
    use upgrade_planner::storage::{unsaved_key, UNSAVED_PREFIX};
    let (_owner, state, original) = start_with_stored(13, "Hooli");
    let mut closed = original.clone();
    closed.rename(
        "Hooli XYZ".parse().unwrap(),
        datetime!(2026-11-22 09:00 UTC),
    );
    let record = Unsaved {
        base: Some(original.revision),
        engagement: closed.clone(),
    };
    other_tab_writes(
        &unsaved_key("tab-a", original.id),
        Some(&record.to_json().unwrap()),
    );
    // The other tab's write is handled when its event arrives: on a busy machine that can take
    // longer than a fixed pause, so the state is asked until it holds it (up to 2 s).
    for _ in 0..40 {
        if state.find(original.id).as_ref() == Some(&closed) {
            break;
        }
        wait(50).await;
    }
    assert_eq!(state.find(original.id).unwrap(), closed);
    assert!(local_storage()
        .get_item(&key_for(original.id))
        .unwrap()
        .unwrap()
        .contains("Hooli XYZ"));
    // A second tab closed with its own change built on the same revision: kept as a copy.
    let mut also = original.clone();
    also.rename(
        "Hooli Nucleus".parse().unwrap(),
        datetime!(2026-11-22 09:01 UTC),
    );
    let record = Unsaved {
        base: Some(original.revision),
        engagement: also,
    };
    other_tab_writes(
        &unsaved_key("tab-b", original.id),
        Some(&record.to_json().unwrap()),
    );
    let copied = || {
        state
            .engagements
            .get_untracked()
            .iter()
            .any(|e| e.customer_name.as_str() == "Hooli Nucleus (copy)")
    };
    for _ in 0..40 {
        if copied() {
            break;
        }
        wait(50).await;
    }
    let names: Vec<String> = state
        .engagements
        .get_untracked()
        .iter()
        .map(|e| e.customer_name.to_string())
        .collect();
    assert!(names.contains(&"Hooli XYZ".to_string()), "{names:?}");
    assert!(
        names.contains(&"Hooli Nucleus (copy)".to_string()),
        "{names:?}"
    );
    assert!(
        keys().iter().all(|k| !k.starts_with(UNSAVED_PREFIX)),
        "{:?}",
        keys()
    );
    local_storage().clear().unwrap();
}
