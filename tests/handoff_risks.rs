//! Issue 37, point 1: the risks a hand-off opens are named where it happens. Which risks accepted
//! answers opened, and the question asked before the plan first goes to Support.
#![cfg(not(target_arch = "wasm32"))]

use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use upgrade_planner::domain::documents::handoff::share_question;
use upgrade_planner::domain::documents::risks::{
    opened, opened_heading, risks, standing_sentence, Found, Risk,
};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::workflow::{
    apply, missing_sentence, Action, PlanRecord, PsDecision,
};
use upgrade_planner::domain::sizing::SizingInputs;

const TODAY: Date = date!(2026 - 12 - 01);

const NOW: OffsetDateTime = datetime!(2026-12-01 09:00 UTC);

/// 900 users, Professional Services engaged and their plan recorded: ready for Support.
fn engagement() -> Engagement {
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([0x37; 16]),
        "Hand-off Co".parse().unwrap(),
        datetime!(2026-11-20 09:00 UTC),
    );
    e.set_sizing(
        SizingInputs {
            current_users: "900".into(),
            annual_growth_pct: "0".into(),
            ..Default::default()
        },
        NOW,
    );
    let steps = [
        Action::DecidePs {
            decision: PsDecision::Engaged,
            on: TODAY,
            confirmed: false,
        },
        Action::RecordPlan(PlanRecord {
            link: "https://gitlab.example.com/handoff/plan".into(),
            summary: String::new(),
            date: TODAY,
        }),
    ];
    for step in steps {
        apply(&mut e, step, NOW).unwrap();
    }
    e
}

/// The engagement once the customer's window, two days away, is accepted.
fn with_window() -> Engagement {
    let mut e = engagement();
    e.coordination.intake.window_start = Some(datetime!(2026-12-03 22:00 -6));
    e.coordination.intake.window_end = Some(datetime!(2026-12-03 23:00 -6));
    e
}

fn kinds(found: &[Found]) -> Vec<Risk> {
    found.iter().map(|f| f.risk).collect()
}

// Story: a customer's window added risks, and the page only said "Share the plan with Support".
#[test]
fn the_risks_a_window_opens_are_the_ones_it_adds() {
    let before = risks(&engagement(), TODAY);
    assert_eq!(kinds(&before), vec![Risk::NotRehearsed]);
    let after = risks(&with_window(), TODAY);
    let new = opened(&before, &after);
    assert_eq!(new.len(), after.len() - 1, "{new:?}");
    assert!(
        !kinds(&new).contains(&Risk::NotRehearsed),
        "not new: it stood before"
    );
    assert!(kinds(&new).contains(&Risk::InsideNoticePeriod));
    // Nothing new when nothing changed.
    assert_eq!(opened(&after, &after), vec![]);
}

#[test]
fn a_risk_whose_figures_changed_is_not_new() {
    let earlier = Found {
        risk: Risk::LongerThanWindow,
        text: "The steps take about 9 h, longer than the window's 8 hours by 1 h.".into(),
    };
    let later = Found {
        risk: Risk::LongerThanWindow,
        text: "The steps take about 19 h, longer than the window's 8 hours by 11 h.".into(),
    };
    let clock = Found {
        risk: Risk::ClockChange,
        text: "The clocks change during the window.".into(),
    };
    assert_eq!(
        opened(&[earlier], &[later.clone(), clock.clone()]),
        vec![clock]
    );
}

#[test]
fn new_risks_are_counted_in_words() {
    assert_eq!(opened_heading(1), "1 new risk for this window");
    assert_eq!(opened_heading(2), "2 new risks for this window");
    assert_eq!(standing_sentence(&[]), None);
}

#[test]
fn sharing_while_risks_stand_asks_first_and_names_them() {
    let e = with_window();
    let found = risks(&e, TODAY);
    let question = share_question(&e, Some(TODAY), TODAY).unwrap();
    assert!(
        question.starts_with("Support will still ask for "),
        "{question}"
    );
    assert!(
        question.contains(&format!("{} risks stand for this window: ", found.len())),
        "{question}"
    );
    for f in &found {
        assert!(question.contains(&f.text), "{question} names {:?}", f.risk);
    }
    assert!(question.ends_with(" Share the plan with Support anyway?"));
    // Asked once, before the first share; not when no date is given.
    assert_eq!(share_question(&e, None, TODAY), None);
    let mut shared = e.clone();
    shared.coordination.review.shared_on = Some(TODAY);
    assert_eq!(share_question(&shared, Some(TODAY), TODAY), None);
}

#[test]
fn the_question_puts_what_is_missing_before_the_risks() {
    let e = engagement();
    let question = share_question(&e, Some(TODAY), TODAY).unwrap();
    assert_eq!(
        question,
        format!(
            "{} {} Share the plan with Support anyway?",
            missing_sentence(&e).unwrap(),
            standing_sentence(&risks(&e, TODAY)).unwrap()
        )
    );
    assert!(question.contains("1 risk stands for this window: Nothing is rehearsed yet"));
}

#[test]
fn nothing_is_asked_before_there_is_a_plan_to_share() {
    let mut e = engagement();
    e.coordination.plan = None;
    assert_eq!(share_question(&e, Some(TODAY), TODAY), None);
}
