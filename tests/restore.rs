//! Issue 37, point 5: a backup restores what it can. One engagement that cannot be read is named
//! (by the customer's name in its raw JSON when there is one) with the reason, the others come
//! in, and the unreadable one is kept aside like a stored entry that cannot be read.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::Value;

use common::{reference_engagement, NOW};
use upgrade_planner::domain::documents::plan::{
    backup_json, parse_import, unreadable_summary, Import,
};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::storage::{read_entries, set_aside_from_backup, KEY_PREFIX};

fn globex() -> Engagement {
    Engagement::new(
        EngagementId::from_random_bytes([1; 16]),
        "Globex".parse().unwrap(),
        NOW,
    )
}

/// A backup of Globex and Acme whose Acme has lost its plan's `date`.
fn backup_missing_a_date() -> (Value, Engagement, Engagement) {
    let (a, b) = (globex(), reference_engagement());
    let file = backup_json(&[a.clone(), b.clone()], &[], NOW).unwrap();
    let mut value: Value = serde_json::from_str(&file).unwrap();
    let plan = value["engagements"][1]["coordination"]["plan"]
        .as_object_mut()
        .expect("the reference engagement has a plan");
    plan.remove("date");
    (value, a, b)
}

// Story: "Engagement 8 in the backup cannot be read: a field is invalid (missing field `date`)"
// named neither the customer nor what happened to the other 29, and nothing was imported.
#[test]
fn one_unreadable_engagement_is_named_and_the_others_come_in() {
    let (value, globex, acme) = backup_missing_a_date();
    let Ok(Import::Backup(engagements, kept, unreadable)) =
        parse_import(value.to_string().as_bytes())
    else {
        panic!("the backup was refused whole")
    };
    assert_eq!(engagements, vec![globex]);
    assert!(kept.is_empty());
    assert_eq!(unreadable.len(), 1);
    let bad = &unreadable[0];
    assert_eq!(bad.position, 1);
    assert_eq!(
        bad.customer_name.as_deref(),
        Some("Acme Corporation (EMEA)")
    );
    assert_eq!(bad.id, Some(acme.id));
    assert!(
        bad.reason.contains("missing field `date`"),
        "{}",
        bad.reason
    );
    // Its text is kept as the backup held it.
    let raw: Value = serde_json::from_str(&bad.raw).unwrap();
    assert_eq!(raw, value["engagements"][1]);
    assert_eq!(
        unreadable_summary(&unreadable),
        Some("1 engagement in the backup cannot be read and is not imported: “Acme Corporation (EMEA)”: a field is invalid (missing field `date`). It is kept aside here with its text unchanged, under “Stored entries that could not be read”.".to_string())
    );
}

#[test]
fn an_unreadable_engagement_without_a_readable_name_is_named_by_its_place() {
    let (mut value, _, _) = backup_missing_a_date();
    value["engagements"][1]["customer_name"] = Value::from(42);
    value["engagements"][0]["schema_version"] = Value::from(99);
    let Ok(Import::Backup(engagements, _, unreadable)) = parse_import(value.to_string().as_bytes())
    else {
        panic!("the backup was refused whole")
    };
    assert!(engagements.is_empty());
    assert_eq!(unreadable.len(), 2);
    assert_eq!(unreadable[1].customer_name, None);
    let summary = unreadable_summary(&unreadable).unwrap();
    assert!(
        summary.starts_with("2 engagements in the backup cannot be read and are not imported: “Globex”: it was written by a newer version of this app"),
        "{summary}"
    );
    assert!(
        summary.contains("; engagement 2 in the backup: a field is invalid"),
        "{summary}"
    );
    assert!(summary.ends_with("They are kept aside here with their text unchanged, under “Stored entries that could not be read”."), "{summary}");
    assert_eq!(unreadable_summary(&[]), None);
}

#[test]
fn an_unreadable_engagement_from_a_backup_is_kept_aside_like_a_stored_one() {
    let (value, _, acme) = backup_missing_a_date();
    let Ok(Import::Backup(_, _, unreadable)) = parse_import(value.to_string().as_bytes()) else {
        panic!("the backup was refused whole")
    };
    let entry = set_aside_from_backup(&unreadable[0], "backup.json");
    assert_eq!(entry.key, format!("{KEY_PREFIX}{}", acme.id));
    assert!(
        entry
            .reason
            .starts_with("in the backup “backup.json”: a field is invalid"),
        "{}",
        entry.reason
    );
    assert_eq!(entry.raw, unreadable[0].raw);
    // Moved aside and read back at the next load, it is listed by the customer's name.
    let (key, record) = upgrade_planner::storage::quarantine_record(&entry, "2026-11-25T10:00:00Z");
    let loaded = read_entries([(key, serde_json::to_string(&record).unwrap())]);
    assert_eq!(loaded.quarantined.len(), 1);
    assert_eq!(
        loaded.quarantined[0].customer_name.as_deref(),
        Some("Acme Corporation (EMEA)")
    );
    assert!(loaded.engagements.is_empty());
}
