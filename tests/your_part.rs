//! The customer's "Your part" (issue 36, points 4 and 5): mistakes named at their fields by the
//! intake table's checks, and what the customer's browser remembers once the answers are sent.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use common::{reference_engagement, NOW};
use time::macros::{date, datetime};
use upgrade_planner::domain::documents::outline::{build, build_with, Block, Inline};
use upgrade_planner::domain::documents::plan::Audience;
use upgrade_planner::domain::documents::reply::{fill_in_first, Reply, Sent};
use upgrade_planner::domain::engagement::fields::{problems, values, Field, Problem};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::intake::Intake;

fn check(field: Field, value: &str, expected: Result<(), Problem>) {
    assert_eq!(field.check(value), expected, "{field:?} {value:?}");
}

// Issue 36: "dana.ortiz@" was taken as an email on a phone.
#[test]
fn an_email_must_look_like_one() {
    check(Field::ContactEmail, "dana.ortiz@", Err(Problem::NotEmail));
    check(Field::ContactEmail, "dana.ortiz", Err(Problem::NotEmail));
    check(
        Field::ContactEmail,
        "dana@localhost",
        Err(Problem::NotEmail),
    );
    check(
        Field::ContactEmail,
        "dana ortiz@acme.example",
        Err(Problem::NotEmail),
    );
    check(Field::ContactEmail, "dana.ortiz@acme.example", Ok(()));
    check(Field::ContactEmail, "", Ok(()));
    assert_eq!(
        Problem::NotEmail.to_string(),
        "Enter one email address, such as name@example.com."
    );
}

#[test]
fn durations_read_as_hours_and_links_as_web_addresses() {
    check(Field::RestoreHours, "soon", Err(Problem::NotHours));
    check(Field::RollbackHours, "0", Err(Problem::NotHours));
    check(Field::RestoreHours, "5:30", Ok(()));
    check(Field::RollbackHours, "2,5", Ok(()));
    assert!(Problem::NotHours
        .to_string()
        .starts_with("Enter hours as a number"));
    check(
        Field::RollbackLink,
        "sharepoint/rollback",
        Err(Problem::NotWebAddress),
    );
    check(
        Field::DiagramLink,
        "https://wiki.acme.example/diagram",
        Ok(()),
    );
}

fn answers(pairs: &[(Field, &str)]) -> BTreeMap<Field, String> {
    pairs.iter().map(|(f, v)| (*f, v.to_string())).collect()
}

// Issue 36: a window ending before it started was accepted.
#[test]
fn the_window_must_end_after_it_starts_said_at_its_end() {
    let reversed = answers(&[
        (Field::WindowStart, "2027-03-06T22:00:00-06:00"),
        (Field::WindowEnd, "2027-03-06T21:00:00-06:00"),
    ]);
    assert_eq!(
        problems(&reversed),
        vec![(Field::WindowEnd, Problem::EndsBeforeStart)]
    );
    let equal = answers(&[
        (Field::WindowStart, "2027-03-06T22:00:00-06:00"),
        (Field::WindowEnd, "2027-03-07T04:00:00Z"),
    ]);
    assert_eq!(
        problems(&equal),
        vec![(Field::WindowEnd, Problem::EndsBeforeStart)]
    );
    let ok = answers(&[
        (Field::WindowStart, "2027-03-06T22:00:00-06:00"),
        (Field::WindowEnd, "2027-03-07T02:00:00-06:00"),
    ]);
    assert_eq!(problems(&ok), vec![]);
    // Only one end given: nothing to compare yet.
    assert_eq!(
        problems(&answers(&[(Field::WindowEnd, "2027-03-07T02:00:00-06:00")])),
        vec![]
    );
}

#[test]
fn every_problem_is_listed_in_the_form_s_order() {
    let typed = answers(&[
        (Field::RestoreHours, "soon"),
        (Field::RollbackLink, "sharepoint/rollback"),
        (Field::ContactEmail, "dana.ortiz@"),
        (Field::WindowStart, "2027-03-06T22:00:00-06:00"),
        (Field::WindowEnd, "2027-03-06T20:00:00-06:00"),
        (Field::ContactName, "Dana Ortiz"),
    ]);
    assert_eq!(
        problems(&typed),
        vec![
            (Field::ContactEmail, Problem::NotEmail),
            (Field::WindowEnd, Problem::EndsBeforeStart),
            (Field::RollbackLink, Problem::NotWebAddress),
            (Field::RestoreHours, Problem::NotHours),
        ]
    );
    // The TAM's intake draws the same fields and runs the same checks on what it holds.
    let intake = Intake {
        contact_email: "dana.ortiz@".into(),
        window_start: Some(datetime!(2027-03-06 22:00 -6)),
        window_end: Some(datetime!(2027-03-06 21:00 -6)),
        ..Intake::default()
    };
    assert_eq!(
        problems(&values(&intake)),
        vec![
            (Field::ContactEmail, Problem::NotEmail),
            (Field::WindowEnd, Problem::EndsBeforeStart),
        ]
    );
    assert_eq!(
        problems(&values(&reference_engagement().coordination.intake)),
        vec![]
    );
}

fn owing() -> Engagement {
    let mut e = reference_engagement();
    e.coordination.intake = Intake::default();
    e
}

fn next_step(e: &Engagement, sent: Option<&Sent>) -> String {
    let outline = build_with(e, NOW.date(), Audience::Customer, sent);
    let first = &outline.sections[0];
    assert_eq!(first.heading, "Your next step");
    match &first.blocks[0] {
        Block::Para(inlines) => inlines
            .iter()
            .map(|i| match i {
                Inline::Text(t) => t.clone(),
                other => format!("{other:?}"),
            })
            .collect(),
        other => panic!("{other:?}"),
    }
}

// Issue 36: a customer opening the link again after sending was still told what they owed.
#[test]
fn coming_back_after_sending_says_when_and_which_instead_of_what_is_owed() {
    let e = owing();
    let before = next_step(&e, None);
    let reply = Reply::to(
        &e,
        &answers(&[
            (Field::ContactName, "Dana Ortiz"),
            (Field::RestoreHours, "2.5"),
        ]),
    );
    let sent = Sent::of(&reply, date!(2026 - 12 - 07));
    let said = next_step(&e, Some(&sent));
    assert!(
        said.starts_with("You sent your answers on 2026-12-07"),
        "{said}"
    );
    assert!(said.contains("Customer contact during the window (name)"));
    assert!(said.contains("Restore duration in rehearsal (hours)"));
    assert!(said.contains("send again if anything changed"));
    assert!(said.ends_with(&before), "{said}");
    // The TAM's and Support's outlines never change with what a customer's browser holds.
    assert_eq!(
        format!(
            "{:?}",
            build_with(&e, NOW.date(), Audience::Tam, Some(&sent))
        ),
        format!("{:?}", build(&e, NOW.date(), Audience::Tam))
    );
}

#[test]
fn what_was_sent_is_kept_for_that_link_only_and_read_as_untrusted() {
    let e = owing();
    let reply = Reply::to(&e, &answers(&[(Field::ContactName, "Dana Ortiz")]));
    let sent = Sent::of(&reply, date!(2026 - 12 - 07));
    assert_eq!(Sent::from_text(&sent.to_text()), Some(sent.clone()));
    let mut newer = e.clone();
    newer.revision += 1;
    assert_ne!(Sent::key(&e), Sent::key(&newer));
    assert!(Sent::key(&e).contains(&e.id.to_string()));
    let mut other = e.clone();
    other.id = EngagementId::from_random_bytes([9; 16]);
    assert_ne!(Sent::key(&e), Sent::key(&other));
    for bad in [
        "",
        "{",
        "[]",
        r#"{"on":"someday","a":{}}"#,
        &"x".repeat(300_000),
    ] {
        assert_eq!(Sent::from_text(bad), None, "{bad:.20}");
    }
}

// Issue 36: before Support's stage "Save a copy to this browser" led, though answers were owed.
#[test]
fn fill_in_your_part_leads_whenever_the_customer_owes_an_item_until_sent() {
    let e = owing();
    assert!(fill_in_first(&e, None));
    // At the very first stage too, before any plan.
    let fresh = Engagement::new(
        EngagementId::from_random_bytes([5; 16]),
        "Fresh Co".parse().unwrap(),
        NOW,
    );
    assert!(fill_in_first(&fresh, None));
    let sent = Sent::of(
        &Reply::to(&e, &answers(&[(Field::ContactName, "Dana")])),
        date!(2026 - 12 - 07),
    );
    assert!(!fill_in_first(&e, Some(&sent)));
    assert!(!fill_in_first(&reference_engagement(), None));
}
