//! Issue 35, points 4, 6 and 7: the packet reads versions as people write them, says only what
//! is true of the record, and goes on without a growth figure.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use upgrade_planner::domain::documents::architecture;
use upgrade_planner::domain::documents::outline::build;
use upgrade_planner::domain::documents::plan::{markdown, Audience};
use upgrade_planner::domain::documents::risks::{risks, Risk};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::intake::{self, Installation, Intake, Missing};
use upgrade_planner::domain::process::upgrade::{self, path};
use upgrade_planner::domain::process::workflow::{
    apply, customer_next_step, missing_for, sizing_of, stage, status, Action, PlanRecord,
    PsDecision, Stage,
};
use upgrade_planner::domain::sizing::SizingInputs;

const TODAY: Date = date!(2026 - 12 - 01);
const NOW: OffsetDateTime = datetime!(2026-12-01 14:03 UTC);

/// A multi-node backup and restore of 6,500 users growing 20% a year (7,800 in a year), Support
/// not asked yet: the plan recorded, Professional Services declined.
fn scenario(intake: Intake) -> Engagement {
    let start = datetime!(2026-11-16 09:00 UTC);
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([35; 16]),
        "Prairie Freight".parse().unwrap(),
        start,
    );
    e.set_sizing(
        SizingInputs {
            current_users: "6500".into(),
            annual_growth_pct: "20".into(),
            horizon_months: "12".into(),
            platform: "aws".into(),
            ..SizingInputs::default()
        },
        start,
    );
    let act = |e: &mut Engagement, a| apply(e, a, NOW).unwrap();
    act(&mut e, Action::SetGitlabVersion("17.8.2".into()));
    act(&mut e, Action::RecommendPs(Some(date!(2026 - 11 - 18))));
    act(
        &mut e,
        Action::DecidePs {
            decision: PsDecision::Declined,
            on: date!(2026 - 11 - 25),
            confirmed: true,
        },
    );
    act(&mut e, Action::SetIntake(Box::new(intake)));
    act(
        &mut e,
        Action::RecordPlan(PlanRecord {
            link: "https://prairie.example/plan".into(),
            summary: "Move to AWS.".into(),
            date: date!(2026 - 11 - 26),
        }),
    );
    e
}

/// The text of one `## ` section of a Markdown document.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading}: {md}"));
    let rest = &md[start + 1..];
    match rest[3..].find("\n## ") {
        Some(end) => &rest[..end + 3],
        None => rest,
    }
}

// Point 4: "18.6", "18.6.x", "18.6.X" and "v18.6.x" are the latest patch of 18.6; the packet
// draws the path to it and says how it read the version.
#[test]
fn a_version_without_its_patch_reads_as_the_latest_patch_and_says_so() {
    let read = path("16.11.10", "18.6.x").unwrap();
    for written in ["18.6", "18.6.X", "v18.6.x", " 18.6.x "] {
        assert_eq!(path("16.11.10", written).unwrap(), read, "{written}");
    }
    assert_eq!(read.target.to_string(), "the latest patch of 18.6");
    let e = scenario(Intake {
        target_version: "18.6.x".into(),
        ..common::prairie_intake()
    });
    let md = markdown(&e, NOW, Audience::Support);
    let upgrade = section(&md, "Upgrade path");
    assert!(
        upgrade.contains("“18.6.x” is read as the latest patch of 18.6"),
        "{upgrade}"
    );
    assert!(
        upgrade.contains("Upgrade to the target, the latest patch of 18.6"),
        "{upgrade}"
    );
    assert!(upgrade.contains("PostgreSQL 16"), "{upgrade}");
    assert!(!md.contains("is not a GitLab version"), "{md}");
    // A minor whose latest patch the app knows is read as that patch, and says where from.
    assert_eq!(
        upgrade::reading("17.8").unwrap().as_deref(),
        Some("“17.8” is read as 17.8.7, the latest patch of 17.8 the app knows (from GitLab's table, copied on 2026-12-01).")
    );
    let to_latest = path("17.8.2", "17.8.x").unwrap();
    assert_eq!(to_latest.target.to_string(), "17.8.7");
    assert!(!to_latest.is_empty());
    assert!(path("17.8.7", "17.8").unwrap().is_empty());
    assert_eq!(upgrade::reading("17.8.2"), Ok(None));
    assert_eq!(upgrade::reading(""), Ok(None));
    // The Upgrade Path tool gets a version it can read, not "18.6.".
    let link = intake::upgrade_path_link("16.11.10", "18.6.x", None).unwrap();
    assert!(link.contains("current=16.11.10&target=18.6&"), "{link}");
    // "18.6" and "18.6.x" are the same release: no warning that a backup cannot bridge them.
    let same = scenario(Intake {
        target_version: "18.6.x".into(),
        ..common::prairie_intake()
    });
    let mut same = same;
    apply(&mut same, Action::SetGitlabVersion("18.6".into()), NOW).unwrap();
    assert_eq!(intake::version_warning(&same), None);
    assert!(!risks(&same, TODAY)
        .iter()
        .any(|f| f.risk == Risk::MoveAndUpgrade));
}

// Point 4: a version the app cannot read names the expected form at the field, and the rest of
// the packet is drawn, its upgrade path section saying what is wrong.
#[test]
fn an_unreadable_version_names_the_form_and_the_packet_is_still_drawn() {
    let error = upgrade::reading("18.six").unwrap_err().to_string();
    assert_eq!(
        error,
        "“18.six” is not a GitLab version: write it as major.minor.patch (17.8.2), or as major.minor (18.6 or 18.6.x) for its latest patch."
    );
    let e = scenario(Intake {
        target_version: "18.six".into(),
        ..common::prairie_intake()
    });
    let md = markdown(&e, NOW, Audience::Support);
    let upgrade = section(&md, "Upgrade path");
    assert!(upgrade.contains(&error), "{upgrade}");
    assert!(upgrade.contains("Plan your upgrade path"), "{upgrade}");
    for later in ["For Support's review", "Requirements", "Activity log"] {
        assert!(md.contains(&format!("\n## {later}\n")), "{later}: {md}");
    }
}

// Point 6 (a): "Nothing is rehearsed yet" only when nothing of a rehearsal is recorded; a
// rehearsal without its restore's duration is named as such.
#[test]
fn the_rehearsal_risk_says_what_is_recorded() {
    let not_rehearsed = |e: &Engagement| -> Option<String> {
        risks(e, TODAY)
            .into_iter()
            .find(|f| f.risk == Risk::NotRehearsed)
            .map(|f| f.text)
    };
    // The restore's duration alone is a rehearsal done: nothing here says otherwise.
    let timed = scenario(Intake {
        rehearsal_on: None,
        rehearsal_result: String::new(),
        ..common::prairie_intake()
    });
    assert_eq!(not_rehearsed(&timed), None);
    // Nothing recorded at all.
    let nothing = scenario(Intake {
        rehearsal_on: None,
        rehearsal_result: String::new(),
        restore_hours: String::new(),
        ..common::prairie_intake()
    });
    assert!(not_rehearsed(&nothing)
        .unwrap()
        .starts_with("Nothing is rehearsed yet"));
    // A result recorded, not its date nor the restore's duration.
    let result_only = scenario(Intake {
        rehearsal_on: None,
        restore_hours: String::new(),
        ..common::prairie_intake()
    });
    assert_eq!(
        not_rehearsed(&result_only).as_deref(),
        Some("A rehearsal is recorded, but not how long its restore took: without it the window's timing rests on assumptions. Record it under “Restore duration in rehearsal (hours)”.")
    );
    let dated = scenario(Intake {
        restore_hours: String::new(),
        ..common::prairie_intake()
    });
    assert_eq!(
        not_rehearsed(&dated).as_deref(),
        Some("A rehearsal is recorded (on 2026-11-20), but not how long its restore took: without it the window's timing rests on assumptions. Record it under “Restore duration in rehearsal (hours)”.")
    );
}

// Point 6 (b): a missing item names only the part that is missing.
#[test]
fn a_missing_item_names_only_its_missing_part() {
    let e = scenario(Intake {
        backup_method: String::new(),
        contact_email: String::new(),
        operating_system: String::new(),
        rehearsal_on: None,
        window_end: None,
        ..common::prairie_intake()
    });
    let words: Vec<String> = intake::missing(&e)
        .into_iter()
        .map(|m| m.wording(&e))
        .collect();
    assert_eq!(
        words,
        [
            "The maintenance window's end: date and time",
            "The email address of the customer's contact for the window",
            "The operating system GitLab runs on",
            "The backup method",
            "The date of the rehearsal on a test environment",
        ]
    );
    let md = markdown(&e, NOW, Audience::Support);
    let missing = section(&md, "The plan under review");
    assert!(missing.contains("- [ ] The backup method\n"), "{missing}");
    assert!(!missing.contains("the data size"), "{missing}");
    // The customer's words follow the same parts.
    let theirs: Vec<&str> = intake::missing_from_customer(&e)
        .into_iter()
        .map(|m| m.for_customer(&e))
        .collect();
    assert_eq!(
        theirs,
        [
            "the window's end",
            "your contact's email address",
            "the operating system GitLab runs on",
            "the date of your rehearsal",
        ]
    );
    // The other parts each alone, and both together as before.
    let other = scenario(Intake {
        data_size_gb: String::new(),
        contact_name: String::new(),
        installation: Installation::Unknown,
        rehearsal_result: String::new(),
        window_start: None,
        target_version: String::new(),
        ..common::prairie_intake()
    });
    let words: Vec<String> = intake::missing(&other)
        .into_iter()
        .map(|m| m.wording(&other))
        .collect();
    assert_eq!(
        words,
        [
            "The maintenance window's start: date and time",
            "The name of the customer's contact for the window",
            "The target GitLab version",
            "How GitLab is installed",
            "The data size",
            "The result of the rehearsal on a test environment",
        ]
    );
    let bare = Engagement::new(
        EngagementId::from_random_bytes([36; 16]),
        "Bare Co".parse().unwrap(),
        NOW,
    );
    assert!(intake::missing(&bare)
        .into_iter()
        .map(|m| m.wording(&bare))
        .any(|w| w == "The backup method and the data size"));
}

// Point 6 (c): the customer's "N answers" and the packet's list of what the customer is asked
// for are one list.
#[test]
fn the_customer_s_count_and_the_packet_s_list_agree() {
    let e = scenario(Intake {
        backup_method: String::new(),
        contact_email: String::new(),
        rehearsal_on: None,
        ..common::prairie_intake()
    });
    let next = customer_next_step(&e, &status(&e, TODAY));
    assert!(
        next.starts_with("GitLab Support needs 2 answers from you before the review"),
        "{next}"
    );
    let md = markdown(&e, NOW, Audience::Support);
    let missing = section(&md, "The plan under review");
    assert!(
        missing.contains("Asked of the customer in their link's “Your part” (2):"),
        "{missing}"
    );
    assert!(missing.contains("For the TAM to record (1):"), "{missing}");
    assert_eq!(intake::missing(&e).len(), 3);
    assert!(intake::missing(&e).contains(&Missing::Backup));
}

// Point 6 (d): the log and the risks name today's users and the projected users alike.
#[test]
fn the_log_and_the_risks_give_the_same_user_figures() {
    let e = scenario(common::prairie_intake());
    let both = "6,500 users today, 7,800 projected";
    let log = e
        .log
        .iter()
        .find(|l| l.text.contains("declined Professional Services"))
        .unwrap();
    assert!(log.text.contains(both), "{}", log.text);
    let risk = risks(&e, TODAY)
        .into_iter()
        .find(|f| f.risk == Risk::ProfessionalServicesDeclined)
        .unwrap();
    assert!(risk.text.contains(both), "{}", risk.text);
}

// Point 7: today's users alone complete the requirements; the sizing and the packet say growth
// was not given.
#[test]
fn growth_is_optional_and_its_absence_is_said() {
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([37; 16]),
        "Lone Co".parse().unwrap(),
        NOW,
    );
    e.set_sizing(
        SizingInputs {
            current_users: "6500".into(),
            ..SizingInputs::default()
        },
        NOW,
    );
    assert_eq!(stage(&e), Stage::ProfessionalServices);
    assert_eq!(missing_for(&e, Stage::ProfessionalServices), None);
    apply(
        &mut e,
        Action::DecidePs {
            decision: PsDecision::Engaged,
            on: TODAY,
            confirmed: false,
        },
        NOW,
    )
    .unwrap();
    assert_eq!(missing_for(&e, Stage::Plan), None);
    let said = "Sized on today's 6,500 users: no growth was given.";
    let (req, rec) = sizing_of(&e).unwrap();
    let result = format!(
        "{:?}",
        architecture::blocks(&rec, Some((req.current_users, req.growth)))
    );
    assert!(result.contains(said), "{result}");
    let md = markdown(&e, NOW, Audience::Support);
    assert!(md.contains(said), "{md}");
    // A growth of 0% is an answer: nothing says it was not given.
    e.sizing.annual_growth_pct = "0".into();
    let (_, rec) = sizing_of(&e).unwrap();
    let result = format!("{:?}", architecture::blocks(&rec, None));
    assert!(!result.contains("no growth was given"), "{result}");
    let outline = build(&e, TODAY, Audience::Support);
    assert!(!format!("{outline:?}").contains("no growth was given"));
}
