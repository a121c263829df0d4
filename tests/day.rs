//! Issue 23: the customer's part first, and their answers coming back to the TAM who sent the
//! link.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use upgrade_planner::domain::process::workflow::Guardrail;

use common::{reference_engagement, NOW};
use upgrade_planner::domain::documents::outline::build;
use upgrade_planner::domain::documents::plan::{markdown, plan_json, Audience};
use upgrade_planner::domain::documents::share::{self, TamEmail};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::workflow::{
    apply, customer_next_step, status, Action, Feedback, MigrationStatus, PsDecision,
};
use upgrade_planner::domain::sizing::SizingInputs;

fn fresh() -> Engagement {
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([3; 16]),
        "Owed Co".parse().unwrap(),
        NOW,
    );
    e.set_sizing(
        SizingInputs {
            current_users: "900".into(),
            annual_growth_pct: "0".into(),
            ..SizingInputs::default()
        },
        NOW,
    );
    apply(
        &mut e,
        Action::DecidePs {
            decision: PsDecision::Engaged,
            on: NOW.date(),
            confirmed: false,
        },
        NOW,
    )
    .unwrap();
    e
}

// Point 1: the customer's next step names what only they can answer.
#[test]
fn the_customer_s_next_step_names_their_open_items() {
    let e = fresh();
    let next = customer_next_step(&e, &status(&e, NOW.date()));
    assert_eq!(
        next,
        "GitLab Support needs 7 answers from you before the review: your rollback plan; the maintenance window; its time zone; your contact during the window; how GitLab is installed, and on which operating system; a link to your architecture diagram; your rehearsal: when, and its result. Fill them in under “Your part”."
    );
    // Their rows in "For Support's review" say where to answer.
    let outline = build(&e, NOW.date(), Audience::Customer);
    let intake = format!("{:?}", outline.sections);
    assert!(intake.contains("Missing: you can answer it in Your part"));
    // Once everything is answered, or Support approved, the next step is the process's again.
    let done = reference_engagement();
    assert_eq!(done.coordination.review.feedback, Feedback::Approved);
    let next = customer_next_step(&done, &status(&done, NOW.date()));
    assert!(!next.contains("answers from you"), "{next}");
    let support = build(&e, NOW.date(), Audience::Support);
    assert!(!format!("{:?}", support.sections).contains("you can answer it in Your part"));
}

// Point 2: the TAM's email travels in the customer link, and nowhere else.
#[test]
fn the_tam_s_email_travels_in_the_customer_link_only() {
    for good in ["tam@gitlab.com", " a.b+c@example.co.uk "] {
        assert!(TamEmail::try_from(good).is_ok(), "{good}");
    }
    for bad in [
        "",
        "tam",
        "tam@",
        "@x.com",
        "a b@x.com",
        "tam@x",
        "x@y.com?cc=evil@z.com",
        "a@b.com,c@d.com",
        "<a@b.com>",
        "javascript:alert(1)@x.com",
        "x@y.com?cc=z",
    ] {
        assert!(TamEmail::try_from(bad).is_err(), "{bad}");
    }
    let e = reference_engagement();
    let email = TamEmail::try_from("tam@gitlab.com").unwrap();
    let fragment = share::encode_for(&e, Some(&email)).unwrap();
    let (opened, reply_to) = share::decode_with_reply_to(&fragment).unwrap();
    assert_eq!(reply_to, Some(email));
    assert!(opened.extra.is_empty());
    assert_eq!(share::decode(&fragment).unwrap(), opened);
    // Not in the engagement, its files or its Markdown.
    assert!(!opened.to_json().unwrap().contains("tam@gitlab.com"));
    assert!(!plan_json(&opened, NOW).unwrap().contains("tam@gitlab.com"));
    assert!(!markdown(&opened, NOW, Audience::Customer).contains("tam@gitlab.com"));
    // A link without one opens as before.
    let (_, none) = share::decode_with_reply_to(&share::encode(&e).unwrap()).unwrap();
    assert_eq!(none, None);
}

fn with_window(name: &str, days_ahead: i64) -> Engagement {
    let mut e = fresh();
    e.customer_name = name.parse().unwrap();
    let start = NOW + time::Duration::days(days_ahead);
    e.coordination.intake.window_start = Some(start);
    e.coordination.intake.window_end = Some(start + time::Duration::hours(8));
    e
}

// Point 4: the TAM's day, and warnings that are true of the engagement's state.
#[test]
fn the_day_lists_what_needs_attention_soonest_first() {
    use upgrade_planner::domain::documents::attention::{next_window, reasons};
    let today = NOW.date();
    let soon = with_window("Soon", 3);
    let r = reasons(&soon, today);
    assert_eq!(r[0].by, today + time::Duration::days(3));
    assert!(
        r[0].text
            .starts_with("The maintenance window starts in 3 days"),
        "{r:?}"
    );
    assert!(r[0].text.contains("not shared with Support"), "{r:?}");
    let now = with_window("Now", 0);
    assert!(reasons(&now, today)[0]
        .text
        .starts_with("The maintenance window starts today"));
    // Far away, nothing; a window done or rolled back, nothing about it.
    assert!(reasons(&with_window("Later", 40), today).is_empty());
    let mut rolled = with_window("Rolled", -3);
    rolled.coordination.migration.status = MigrationStatus::RolledBack;
    assert!(reasons(&rolled, today)
        .iter()
        .all(|r| !r.text.contains("maintenance window starts")));
    assert_eq!(next_window(&rolled, today), None);
    assert_eq!(
        next_window(&soon, today),
        Some(today + time::Duration::days(3))
    );
    let s = status(&rolled, today);
    assert!(
        !s.warnings
            .iter()
            .any(|w| w.rule == Guardrail::WindowLeadTime),
        "{s:?}"
    );
    // Approved by Support: no warning about the review's lead time.
    let mut approved = reference_engagement();
    approved.coordination.intake.window_start = Some(NOW + time::Duration::days(2));
    approved.coordination.intake.window_end = Some(NOW + time::Duration::days(3));
    let s = status(&approved, today);
    assert!(
        !s.warnings
            .iter()
            .any(|w| w.rule == Guardrail::WindowLeadTime),
        "{s:?}"
    );
    // Feedback pending longer than the review takes.
    let mut waiting = reference_engagement();
    waiting.coordination.review.feedback = Feedback::Pending;
    waiting.coordination.review.shared_on = Some(today - time::Duration::days(10));
    let r = reasons(&waiting, today);
    assert!(
        r.iter()
            .any(|r| r.text.starts_with("Support's feedback is pending 10 days")),
        "{r:?}"
    );
    // A Professional Services decision two weeks after the recommendation.
    let mut undecided = Engagement::new(
        EngagementId::from_random_bytes([4; 16]),
        "Undecided".parse().unwrap(),
        NOW,
    );
    undecided.set_sizing(
        SizingInputs {
            current_users: "900".into(),
            annual_growth_pct: "0".into(),
            ..SizingInputs::default()
        },
        NOW,
    );
    undecided.coordination.ps_recommended_on = Some(today - time::Duration::days(15));
    let r = reasons(&undecided, today);
    assert!(
        r.iter().any(|r| r
            .text
            .starts_with("The Professional Services decision is due")),
        "{r:?}"
    );
}

#[test]
fn a_reply_not_all_accepted_waits() {
    use std::collections::BTreeMap;
    use upgrade_planner::domain::documents::attention::reply_waiting;
    use upgrade_planner::domain::documents::reply::{accept, Field, Reply};
    let e = fresh();
    let mut answers = BTreeMap::new();
    answers.insert(Field::ContactName, "Walter".to_string());
    answers.insert(Field::RollbackHours, "2".to_string());
    let reply = Reply::to(&e, &answers);
    let r = reply_waiting(&reply, &e, NOW.date()).unwrap();
    assert_eq!(
        r.text,
        "The customer's answers are waiting: 2 not accepted yet."
    );
    // Accepted, nothing waits; a reply for another engagement never counts here.
    let mut done = e.clone();
    done.coordination.intake = accept(&reply, &e, &Field::ALL).0;
    assert_eq!(reply_waiting(&reply, &done, NOW.date()), None);
    assert_eq!(
        reply_waiting(&reply, &reference_engagement(), NOW.date()),
        None
    );
}

// Issue 37, point 4: Needs attention gives the window's time and zone, and a migration rolled
// back without a new window asks for one.
#[test]
fn a_close_window_is_given_with_its_time_and_zone_and_a_rollback_asks_for_a_new_window() {
    use time::macros::datetime;
    use upgrade_planner::domain::documents::attention::reasons;
    let today = NOW.date();
    let mut now = with_window("Now", 0);
    now.coordination.intake.window_start = Some(datetime!(2026-11-25 22:00 +1));
    now.coordination.intake.time_zone = "Europe/Berlin".into();
    let r = reasons(&now, today);
    assert!(
        r[0].text.starts_with(
            "The maintenance window starts today (2026-11-25 22:00 UTC+01:00, Europe/Berlin)"
        ),
        "{r:?}"
    );
    // Rolled back nine days ago, its window behind it: a new one is to be agreed.
    let mut rolled = with_window("Rolled", -9);
    rolled.coordination.migration.status = MigrationStatus::RolledBack;
    rolled.coordination.migration.start = Some(today - time::Duration::days(9));
    let r = reasons(&rolled, today);
    assert!(
        r.iter().any(|r| r.text
            == "Agree a new window: the migration was rolled back on 2026-11-16, and no window is set after it."),
        "{r:?}"
    );
    // With a new window ahead, nothing to agree.
    rolled.coordination.intake.window_start = Some(NOW + time::Duration::days(30));
    rolled.coordination.intake.window_end =
        Some(NOW + time::Duration::days(30) + time::Duration::hours(8));
    assert!(
        reasons(&rolled, today)
            .iter()
            .all(|r| !r.text.starts_with("Agree a new window")),
        "{:?}",
        reasons(&rolled, today)
    );
    // Done: nothing about windows.
    let mut done = with_window("Done", -9);
    done.coordination.migration.status = MigrationStatus::Done;
    assert!(reasons(&done, today).is_empty());
}
