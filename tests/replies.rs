//! Issue 37, point 3: the customer's answers reviewed one by one: each accepted or declined, and a
//! second reply from the same link that changes the customer's own earlier answer is no conflict.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use time::Duration;

use common::{reference_engagement, NOW};
use upgrade_planner::domain::documents::attention::reply_waiting;
use upgrade_planner::domain::documents::reply::{
    accept, answers, changed_here, decline, standing, standing_note, Field, Reply,
};
use upgrade_planner::domain::documents::share;
use upgrade_planner::domain::engagement::snapshots::HandOff;
use upgrade_planner::domain::engagement::Engagement;
use upgrade_planner::domain::process::workflow::{apply, Action};

/// The reference engagement with a customer link just made; returns the link's copy too.
fn with_link() -> (Engagement, Engagement) {
    let mut e = reference_engagement();
    let content = e.snapshot_content(share::customer_copy);
    assert!(e.hand_off(HandOff::CustomerLink, content, NOW));
    let link = e
        .customer_link_at(e.revision)
        .unwrap()
        .content
        .as_ref()
        .clone();
    (e, link)
}

fn reply(from: &Engagement, pairs: &[(Field, &str)]) -> Reply {
    let answers: BTreeMap<Field, String> = pairs.iter().map(|(f, v)| (*f, v.to_string())).collect();
    Reply::to(from, &answers)
}

#[test]
fn a_declined_answer_is_logged_and_leaves_the_recorded_value() {
    let (mut e, link) = with_link();
    let before = e.coordination.intake.clone();
    let r = reply(
        &link,
        &[
            (Field::ContactName, "Walter Skinner"),
            (Field::RollbackHours, "7"),
        ],
    );
    assert_eq!(answers(&r, &e).len(), 2);
    let line = decline(&r, &e, Field::ContactName).expect("an answer waits");
    assert_eq!(
        line,
        "Declined the customer's answer to Customer contact during the window (name): Walter Skinner."
    );
    apply(&mut e, Action::DeclineAnswer(line.clone()), NOW).unwrap();
    assert_eq!(e.coordination.intake, before, "the recorded value stays");
    assert_eq!(e.log.last().map(|l| l.text.as_str()), Some(line.as_str()));
    // Declined, it no longer waits; the other still does.
    let open: Vec<Field> = answers(&r, &e).iter().map(|a| a.field).collect();
    assert_eq!(open, vec![Field::RollbackHours]);
    assert_eq!(
        reply_waiting(&r, &e, NOW.date()).unwrap().text,
        "The customer's answers are waiting: 1 not accepted yet."
    );
    // Nothing to decline for an answer that is not waiting.
    assert_eq!(decline(&r, &e, Field::ContactName), None);
    // The customer's next, different answer to the same field waits again.
    let again = reply(&link, &[(Field::ContactName, "Fox Mulder")]);
    assert_eq!(answers(&again, &e).len(), 1);
}

#[test]
fn a_long_declined_answer_is_quoted_on_one_short_line() {
    let (e, link) = with_link();
    let long = format!(
        "Restore from backup.\nThen {}",
        "check every node. ".repeat(40)
    );
    let r = reply(&link, &[(Field::RollbackSummary, &long)]);
    let line = decline(&r, &e, Field::RollbackSummary).unwrap();
    assert!(!line.contains('\n'), "{line}");
    assert!(line.chars().count() < 300, "{line}");
    assert!(line.starts_with(
        "Declined the customer's answer to Rollback plan: Restore from backup. Then check"
    ));
    assert!(line.ends_with("…."), "{line}");
}

// Story: the customer sent a second reply from the same link, changing their own earlier answer;
// the review said "Changed here since the link was made", as if the TAM had changed it.
#[test]
fn a_second_reply_from_the_same_link_replaces_the_customer_s_own_answer_without_a_conflict() {
    let (mut e, link) = with_link();
    let first = reply(&link, &[(Field::RollbackHours, "7")]);
    let later = NOW + Duration::minutes(5);
    let (intake, line) = accept(&first, &e, &[Field::RollbackHours]);
    apply(
        &mut e,
        Action::AcceptAnswers(Box::new(intake), line.unwrap()),
        later,
    )
    .unwrap();
    // With only their own earlier answers changed here, the note says so, not "changed here".
    let only_own = reply(&link, &[(Field::RollbackHours, "9")]);
    let changed = changed_here(&only_own, &e).unwrap();
    assert!(changed.answered.is_empty());
    assert!(changed.their_earlier.contains_key(&Field::RollbackHours));
    assert_eq!(
        standing_note(standing(&only_own, &e), Some(&changed)),
        Some(format!(
            "The customer answered again from the link made at revision {}: their answers replace their own earlier ones, accepted here. Nothing else the customer sees has changed here since.",
            link.revision
        ))
    );

    // Meanwhile the TAM records another contact email.
    let mut intake = e.coordination.intake.clone();
    intake.contact_email = "ops-lead@acme.example".into();
    apply(&mut e, Action::SetIntake(Box::new(intake)), later).unwrap();

    let second = reply(
        &link,
        &[
            (Field::RollbackHours, "9"),
            (Field::ContactEmail, "fox@acme.example"),
        ],
    );
    let changed = changed_here(&second, &e).expect("the link's snapshot is kept");
    // The email is a conflict: the TAM changed it since the link was made.
    assert!(changed.answered.contains_key(&Field::ContactEmail));
    // The rollback duration holds the customer's own earlier answer: not a conflict.
    assert!(!changed.answered.contains_key(&Field::RollbackHours));
    assert!(changed.their_earlier.contains_key(&Field::RollbackHours));
    assert!(changed.other.is_empty(), "{:?}", changed.other);
}

#[test]
fn an_answer_accepted_from_another_link_is_still_a_change_here() {
    let (mut e, old_link) = with_link();
    // A newer link, answered and accepted.
    let mut intake = e.coordination.intake.clone();
    intake.contact_email = "ops-lead@acme.example".into();
    apply(&mut e, Action::SetIntake(Box::new(intake)), NOW).unwrap();
    let content = e.snapshot_content(share::customer_copy);
    assert!(e.hand_off(HandOff::CustomerLink, content, NOW));
    let new_link = e
        .customer_link_at(e.revision)
        .unwrap()
        .content
        .as_ref()
        .clone();
    let from_new = reply(&new_link, &[(Field::RollbackHours, "7")]);
    let (intake, line) = accept(&from_new, &e, &[Field::RollbackHours]);
    apply(
        &mut e,
        Action::AcceptAnswers(Box::new(intake), line.unwrap()),
        NOW,
    )
    .unwrap();
    // A reply from the old link answering the same field conflicts with that answer.
    let from_old = reply(&old_link, &[(Field::RollbackHours, "9")]);
    let changed = changed_here(&from_old, &e).unwrap();
    assert!(changed.answered.contains_key(&Field::RollbackHours));
    assert!(changed.their_earlier.is_empty());
}
