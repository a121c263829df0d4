//! Issue 26, point 1: what was handed over is kept at each hand-off, bounded, in the stored
//! document and the plan file, never in the customer link.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{reference_engagement, NOW};
use time::Duration;
use upgrade_planner::domain::documents::compare::{
    since_customer_link, since_support, Change, RECOMMENDATION,
};
use upgrade_planner::domain::documents::plan::{parse_import, plan_json, Import};
use upgrade_planner::domain::documents::share;
use upgrade_planner::domain::engagement::limits::{check_fields, stored_bytes, LONG_TEXT_CHARS};
use upgrade_planner::domain::engagement::snapshots::{
    HandOff, MAX_SNAPSHOTS, SNAPSHOTS_FILL_BYTES,
};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::workflow::{
    apply, Action, Migration, MigrationStatus, PlanRecord,
};

fn change(field: &str, before: &str, after: &str) -> Change {
    Change {
        field: field.into(),
        before: before.into(),
        after: after.into(),
    }
}

/// The reference engagement before anything was handed over: not shared, not reviewed, no
/// migration, no snapshots, with `users` current users.
fn sized(users: &str) -> Engagement {
    let mut e = reference_engagement();
    e.snapshots.clear();
    e.coordination.review = Default::default();
    e.coordination.migration = Default::default();
    let mut sizing = e.sizing.clone();
    sizing.current_users = users.into();
    e.set_sizing(sizing, NOW);
    e
}

fn share(e: &mut Engagement, day: u8) {
    apply(
        e,
        Action::ShareWithSupport {
            on: Some(time::Date::from_calendar_date(2026, time::Month::November, day).unwrap()),
            ticket: String::new(),
            confirmed: true,
        },
        NOW + Duration::days(i64::from(day)),
    )
    .unwrap();
}

fn kinds(e: &Engagement) -> Vec<HandOff> {
    e.snapshots.iter().map(|s| s.kind).collect()
}

#[test]
fn the_process_keeps_what_support_saw_at_each_hand_off() {
    let e = reference_engagement();
    assert_eq!(
        kinds(&e),
        vec![
            HandOff::PlanRecorded,
            HandOff::SharedWithSupport,
            HandOff::MigrationScheduled
        ]
    );
    let shared = e.support_last_saw().unwrap();
    assert_eq!(shared.kind, HandOff::SharedWithSupport);
    // Support's view: the internal notes of the moment are in it, the log and snapshots never.
    assert!(shared.content.log.is_empty());
    assert!(shared.content.snapshots.is_empty());
    assert_eq!(
        shared.content.coordination.migration.status,
        MigrationStatus::NotScheduled
    );
    // Each snapshot carries the revision the engagement reached when it was kept.
    assert!(e
        .snapshots
        .windows(2)
        .all(|w| w[0].revision < w[1].revision));
    // Recording the same day shared again is no new hand-off.
    let mut again = e.clone();
    let ticket = again.coordination.review.ticket.clone();
    let on = again.coordination.review.shared_on;
    apply(
        &mut again,
        Action::ShareWithSupport {
            on,
            ticket,
            confirmed: true,
        },
        NOW,
    )
    .unwrap();
    assert_eq!(again.snapshots.len(), 3);
}

#[test]
fn a_customer_link_snapshot_is_the_customers_view() {
    let mut e = reference_engagement();
    let content = e.snapshot_content(share::customer_copy);
    assert!(e.hand_off(HandOff::CustomerLink, content, NOW));
    let link = e.customer_link_at(e.revision).unwrap();
    assert_eq!(link.content.internal_notes, "");
    assert!(link.content.coordination.consultations.is_empty());
    assert_eq!(since_customer_link(&e, e.revision), Some(vec![]));
    // A second link with nothing changed since is the same hand-off: nothing new is kept.
    let (revision, count) = (e.revision, e.snapshots.len());
    let content = e.snapshot_content(share::customer_copy);
    assert!(e.hand_off(HandOff::CustomerLink, content, NOW));
    assert_eq!((e.revision, e.snapshots.len()), (revision, count));
    // The TAM changes the contact's email after the link was made: the reply made from that
    // link learns it; a link whose snapshot is not kept learns nothing.
    let revision = e.revision;
    let mut intake = e.coordination.intake.clone();
    intake.contact_email = "ops-lead@acme.example".into();
    apply(&mut e, Action::SetIntake(Box::new(intake)), NOW).unwrap();
    let changed = since_customer_link(&e, revision).unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].field.contains("email"), "{changed:?}");
    assert_eq!(changed[0].after, "ops-lead@acme.example");
    assert_eq!(since_customer_link(&e, revision - 1), None);
}

#[test]
fn support_sees_what_changed_since_they_last_saw_the_plan() {
    let mut e = sized("6000");
    apply(
        &mut e,
        Action::RecordPlan(PlanRecord {
            link: "https://gitlab.example.com/initech/plan".into(),
            summary: String::new(),
            date: time::macros::date!(2026 - 11 - 20),
        }),
        NOW,
    )
    .unwrap();
    // A first review has nothing to compare with.
    assert_eq!(since_support(&e, true), vec![]);
    share(&mut e, 21);
    assert_eq!(since_support(&e, true), vec![]);
    let mut sizing = e.sizing.clone();
    sizing.current_users = "9000".into();
    e.set_sizing(sizing.clone(), NOW);
    assert_eq!(
        since_support(&e, true),
        vec![change("Current users", "6,000", "9,000")]
    );
    // A change that moves the recommendation names it too (the peak RPS decides it here).
    sizing.peak_rps.api = "900".into();
    e.set_sizing(sizing, NOW);
    let changed = since_support(&e, true);
    assert_eq!(changed.len(), 3, "{changed:?}");
    assert_eq!(changed[0], change("Current users", "6,000", "9,000"));
    assert_eq!(changed[2].field, RECOMMENDATION);
    assert!(
        changed[2].before.contains("(25k)") && changed[2].after.contains("(50k)"),
        "{changed:?}"
    );
    // Internal notes are a change only to a reader of the notes.
    e.set_internal_notes("Budget approved.".into(), NOW);
    assert_eq!(since_support(&e, true).len(), 4);
    assert_eq!(since_support(&e, false).len(), 3);
}

#[test]
fn at_most_ten_are_kept_the_oldest_going_first_but_never_the_latest_of_a_kind_or_supports() {
    let mut e = sized("3000");
    share(&mut e, 1);
    for round in 0..25u32 {
        let kind = [
            HandOff::CustomerLink,
            HandOff::PlanRecorded,
            HandOff::SupportPacket,
        ][round as usize % 3];
        let content = e.snapshot_content(Engagement::clone);
        assert!(e.hand_off(
            kind,
            content,
            NOW + Duration::days(2) + Duration::minutes(i64::from(round))
        ));
        assert!(e.snapshots.len() <= MAX_SNAPSHOTS);
    }
    assert_eq!(e.snapshots.len(), MAX_SNAPSHOTS);
    // Oldest first, still; the latest of each kind is there, and the first share too (the
    // latest of its kind), though older than every other.
    assert!(e.snapshots.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(e.snapshots[0].kind, HandOff::SharedWithSupport);
    // Rounds 22, 23 and 24 were the last plan recorded, packet and customer link.
    for (kind, round) in [
        (HandOff::PlanRecorded, 22),
        (HandOff::SupportPacket, 23),
        (HandOff::CustomerLink, 24),
    ] {
        let latest = e.snapshots.iter().rev().find(|s| s.kind == kind).unwrap();
        assert_eq!(
            latest.at,
            NOW + Duration::days(2) + Duration::minutes(round)
        );
    }
    assert!(check_fields(&e).is_ok());
}

#[test]
fn a_large_engagement_keeps_what_fits_and_never_what_support_last_saw() {
    let mut e = sized("3000");
    // Internal notes at their limit, different at each hand-off: each snapshot differs from the
    // engagement by 100 KB, so that only a few fit.
    e.set_internal_notes("n".repeat(LONG_TEXT_CHARS), NOW);
    share(&mut e, 1);
    let support = e.support_last_saw().unwrap().at;
    for round in 0..10u8 {
        e.set_internal_notes(
            char::from(b'a' + round).to_string().repeat(LONG_TEXT_CHARS),
            NOW,
        );
        let content = e.snapshot_content(Engagement::clone);
        let at = NOW + Duration::days(2) + Duration::hours(i64::from(round));
        assert!(e.hand_off(HandOff::PlanRecorded, content, at));
        assert!(
            stored_bytes(&e) <= SNAPSHOTS_FILL_BYTES,
            "{}",
            stored_bytes(&e)
        );
        assert_eq!(e.support_last_saw().unwrap().at, support);
        assert_eq!(e.snapshots.last().unwrap().at, at);
    }
    assert!(e.snapshots.len() < MAX_SNAPSHOTS);
    assert!(Engagement::from_json(&e.to_json().unwrap()).is_ok());
}

#[test]
fn snapshots_travel_in_the_stored_document_and_the_plan_file_never_in_the_customer_link() {
    let e = reference_engagement();
    let read = Engagement::from_json(&e.to_json().unwrap()).unwrap();
    assert_eq!(read.snapshots, e.snapshots);
    let file = plan_json(&e, NOW).unwrap();
    let Ok(Import::Plan(imported)) = parse_import(file.as_bytes()) else {
        panic!("the plan file did not read back");
    };
    assert_eq!(imported.snapshots, e.snapshots);
    // The link is the same with or without them, and what it opens has none.
    let without = Engagement {
        snapshots: Vec::new(),
        ..e.clone()
    };
    assert_eq!(share::encode(&e).unwrap(), share::encode(&without).unwrap());
    assert!(share::decode(&share::encode(&e).unwrap())
        .unwrap()
        .snapshots
        .is_empty());
}

#[test]
fn a_stored_snapshot_that_cannot_be_read_is_refused_and_a_copy_keeps_its_history() {
    let e = reference_engagement();
    // A copy kept under a new id keeps its history, as the copy's.
    let mut other = e.clone();
    other.set_id(EngagementId::from_random_bytes([1; 16]));
    let read = Engagement::from_json(&other.to_json().unwrap()).unwrap();
    assert_eq!(read, other);
    // A stored snapshot that does not read as an engagement is refused, and so is one that
    // holds snapshots of its own.
    let mut broken: serde_json::Value = serde_json::from_str(&e.to_json().unwrap()).unwrap();
    broken["snapshots"][0]["differs"]["revision"] = "many".into();
    let err = Engagement::from_json(&broken.to_string()).unwrap_err();
    assert!(
        err.to_string().contains("a snapshot cannot be read"),
        "{err}"
    );
    let mut nested = e.clone();
    let inner = nested.snapshots[0].clone();
    nested.snapshots[1].content.snapshots.push(inner);
    let err = Engagement::from_json(&nested.to_json().unwrap()).unwrap_err();
    assert!(
        err.to_string().contains("holds snapshots of its own"),
        "{err}"
    );
    let mut many = e.clone();
    while many.snapshots.len() <= MAX_SNAPSHOTS {
        let s = many.snapshots[0].clone();
        many.snapshots.push(s);
    }
    assert!(Engagement::from_json(&many.to_json().unwrap()).is_err());
    let mut long = e.clone();
    long.snapshots[0].content.internal_notes = "x".repeat(LONG_TEXT_CHARS + 1);
    assert!(Engagement::from_json(&long.to_json().unwrap()).is_err());
}

#[test]
fn a_version_2_document_reads_with_no_snapshots() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/engagement-v2-full.json"
    ))
    .unwrap();
    let e = Engagement::from_json(&text).unwrap();
    assert!(e.snapshots.is_empty());
    assert_eq!(e.schema_version, 3);
}

#[test]
fn scheduling_the_migration_is_a_hand_off_once() {
    let mut e = sized("3000");
    share(&mut e, 1);
    let schedule = |e: &mut Engagement, status| {
        apply(
            e,
            Action::SetMigration(Migration {
                start: Some(time::macros::date!(2027 - 03 - 06)),
                end: Some(time::macros::date!(2027 - 03 - 07)),
                status,
            }),
            NOW,
        )
        .unwrap()
    };
    schedule(&mut e, MigrationStatus::Scheduled);
    schedule(&mut e, MigrationStatus::Scheduled);
    schedule(&mut e, MigrationStatus::InProgress);
    assert_eq!(
        kinds(&e),
        vec![HandOff::SharedWithSupport, HandOff::MigrationScheduled]
    );
}
