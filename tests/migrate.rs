//! Every schema version ever written loads into the current one; the migration chain runs in
//! order. Fixtures: `tests/fixtures/engagement-v<version>-<name>.json`, never edited once added.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::{json, Value};
use upgrade_planner::domain::engagement::migrate::{migrate_with, Step, STEPS};
use upgrade_planner::domain::engagement::{Engagement, ReadError, SCHEMA_VERSION};

/// The reference engagement with its log as the fixtures hold it: they were written before
/// issue 35 named today's and the projected users in the decline line ("at 7,935 users" then,
/// "at 6,000 users today, 7,935 projected" now). A log line is history: stored ones keep their
/// words.
fn reference_as_logged_then() -> Engagement {
    let mut e = common::reference_engagement();
    for entry in &mut e.log {
        entry.text = entry
            .text
            .replace("at 6,000 users today, 7,935 projected", "at 7,935 users");
    }
    e
}

fn fixtures() -> Vec<(u64, String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(rest) = name.strip_prefix("engagement-v") {
            let version: u64 = rest.split('-').next().unwrap().parse().unwrap();
            let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
            found.push((version, name, text));
        }
    }
    found.sort();
    found
}

#[test]
fn the_full_fixture_of_the_current_version_is_the_reference_engagement() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/engagement-v3-full.json"
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() && !std::path::Path::new(path).exists() {
        std::fs::write(path, common::reference_engagement().to_json().unwrap()).unwrap();
    }
    let loaded = Engagement::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(loaded, reference_as_logged_then());
    assert_eq!(loaded.snapshots.len(), 3);
}

#[test]
fn the_version_2_fixture_is_the_reference_engagement_before_snapshots() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/engagement-v2-full.json"
    ))
    .unwrap();
    let loaded = Engagement::from_json(&text).unwrap();
    // Written before log lines carried the day their event happened (issue 22) and before
    // snapshots (issue 26): it reads with neither, and otherwise as the reference engagement.
    let reference = reference_as_logged_then();
    assert!(loaded.snapshots.is_empty());
    assert_eq!(loaded.sizing, reference.sizing);
    assert_eq!(loaded.coordination, reference.coordination);
    assert_eq!(loaded.internal_notes, reference.internal_notes);
    let texts = |e: &Engagement| e.log.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&loaded), texts(&reference));
}

#[test]
fn every_version_ever_written_has_a_fixture_and_loads() {
    let fixtures = fixtures();
    for version in 1..=u64::from(SCHEMA_VERSION) {
        assert!(
            fixtures.iter().any(|(v, _, _)| *v == version),
            "no fixture for version {version}"
        );
    }
    for (version, name, text) in fixtures {
        let raw: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(raw["schema_version"], json!(version), "{name}");
        let engagement = Engagement::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(engagement.schema_version, SCHEMA_VERSION, "{name}");
        assert!(!engagement.customer_name.as_str().is_empty(), "{name}");
    }
}

#[test]
fn the_first_layout_loads_with_empty_sizing_and_coordination() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/engagement-v1-minimal.json"
    ))
    .unwrap();
    let e = Engagement::from_json(&text).unwrap();
    assert_eq!(e.customer_name.as_str(), "Acme Corp");
    assert_eq!(e.revision, 2);
    assert!(e.sizing.is_blank());
    assert!(e.coordination.is_blank());
    assert!(e.log.is_empty());
}

#[test]
fn the_chain_runs_each_step_once_in_order_from_the_documents_version() {
    let rename: Step = |mut v| {
        let name = v["name"].take();
        v["customer_name"] = name;
        Ok(v)
    };
    let add: Step = |mut v| {
        v["log"] = json!([]);
        Ok(v)
    };
    let steps = [rename, add];
    let from_one = migrate_with(&steps, json!({"schema_version": 1, "name": "Acme"}), 1).unwrap();
    assert_eq!(
        from_one,
        json!({"schema_version": 3, "customer_name": "Acme", "name": null, "log": []})
    );
    let from_two = migrate_with(
        &steps,
        json!({"schema_version": 2, "customer_name": "Acme"}),
        2,
    )
    .unwrap();
    assert_eq!(
        from_two,
        json!({"schema_version": 3, "customer_name": "Acme", "log": []})
    );
    assert!(migrate_with(&steps, json!({}), 0).is_err());
    assert!(migrate_with(&steps, json!({}), 4).is_err());
    let failing: Step = |_| Err("field x missing".into());
    let error = migrate_with(&[failing], json!({}), 1).unwrap_err();
    assert!(
        error.contains("migrating to version 2: field x missing"),
        "{error}"
    );
}

#[test]
fn the_chain_reaches_the_current_version_and_newer_documents_are_refused() {
    assert_eq!(1 + STEPS.len() as u64, u64::from(SCHEMA_VERSION));
    let newer = json!({"schema_version": SCHEMA_VERSION + 1, "customer_name": "Future"});
    assert_eq!(
        Engagement::from_json(&newer.to_string()),
        Err(ReadError::NewerVersion {
            found: u64::from(SCHEMA_VERSION) + 1
        })
    );
}

#[test]
fn at_least_500_fully_filled_engagements_fit_in_5_mb_of_local_storage() {
    let e = common::reference_engagement();
    let json = e.to_json().unwrap();
    let key = upgrade_planner::storage::key_for(e.id);
    // Browsers count local storage in UTF-16 code units of keys and values: 5 MiB of them.
    let units = key.encode_utf16().count() + json.encode_utf16().count();
    let fit = 5 * 1024 * 1024 / units;
    println!("one fully filled engagement: {units} characters stored; {fit} fit in 5 MB");
    assert!(fit >= 500, "only {fit} fit");
}
