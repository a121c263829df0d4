//! What Support asks for: the checklist of what is missing, the upgrade path, the window in its
//! time zone, the same-version rule, the deviation record, and sharing an incomplete packet.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use upgrade_planner::domain::process::workflow::Guardrail;

use common::{reference_engagement, NOW};
use time::macros::{date, datetime};
use upgrade_planner::domain::documents::plan::{markdown, Audience};
use upgrade_planner::domain::engagement::Engagement;
use upgrade_planner::domain::process::intake::{
    self, Deviation, Installation, Intake, MigrationMethod, Missing,
};
use upgrade_planner::domain::process::workflow::{apply, Action, Refusal};

fn with_intake(edit: impl FnOnce(&mut Intake)) -> Engagement {
    let mut e = reference_engagement();
    edit(&mut e.coordination.intake);
    e
}

#[test]
fn the_checklist_lists_what_is_missing_and_empties_when_all_is_there() {
    assert_eq!(intake::missing(&reference_engagement()), vec![]);
    let e = with_intake(|i| *i = Intake::default());
    assert_eq!(
        intake::missing(&e),
        vec![
            Missing::RollbackPlan,
            Missing::Window,
            Missing::TimeZone,
            Missing::Contact,
            Missing::Versions,
            Missing::Installation,
            Missing::Diagram,
            Missing::Backup,
            Missing::Rehearsal,
            Missing::Method,
        ]
    );
    let md = markdown(&e, NOW, Audience::Support);
    assert!(md.contains("### Missing for Support review\n\n- [ ] The rollback plan: what triggers it and how long it takes\n"), "{md}");
    let deviating = with_intake(|i| {
        i.deviation = Deviation {
            planned: "10k".into(),
            budget: true,
            ..Deviation::default()
        }
    });
    assert_eq!(intake::missing(&deviating), vec![Missing::DeviationRecord]);
}

#[test]
fn the_upgrade_path_link_carries_both_versions_the_distribution_and_the_edition() {
    assert_eq!(
        intake::upgrade_path_link("v16.11.2", "17.11.3", intake::distro(Installation::LinuxPackage, "Ubuntu 22.04")),
        Some("https://gitlab-com.gitlab.io/support/toolbox/upgrade-path/?current=16.11.2&target=17.11.3&distro=ubuntu&edition=ee".into())
    );
    assert_eq!(intake::upgrade_path_link("", "17.11.3", None), None);
    let md = markdown(&reference_engagement(), NOW, Audience::Support);
    assert!(
        md.contains("upgrade-path/?current=17.11.3&target=17.11.3&distro=ubuntu&edition=ee"),
        "{md}"
    );
}

#[test]
fn the_window_shows_in_its_time_zone_with_its_offset_across_a_daylight_saving_change() {
    let e = reference_engagement();
    assert_eq!(
        intake::window_text(&e.coordination.intake).as_deref(),
        Some("2027-03-06 22:00 to 2027-03-07 06:00 (Europe/Berlin, UTC+01:00); 8 hours; in UTC 2027-03-06 21:00 to 2027-03-07 05:00")
    );
    let across = with_intake(|i| {
        i.window_start = Some(datetime!(2027-03-27 22:00 +1));
        i.window_end = Some(datetime!(2027-03-28 06:00 +2));
    });
    assert_eq!(
        intake::window_text(&across.coordination.intake).as_deref(),
        Some("2027-03-27 22:00 (Europe/Berlin, UTC+01:00) to 2027-03-28 06:00 (UTC+02:00); 7 hours, the clocks change during it; in UTC 2027-03-27 21:00 to 2027-03-28 04:00")
    );
    let md = markdown(&e, NOW, Audience::Customer);
    assert!(md.contains("| Maintenance window | 2027-03-06 22:00 to 2027-03-07 06:00 (Europe/Berlin, UTC+01:00); 8 hours; in UTC 2027-03-06 21:00 to 2027-03-07 05:00 |"), "{md}");
}

#[test]
fn a_window_sooner_than_the_review_lead_time_is_flagged() {
    let e = reference_engagement();
    assert_eq!(
        intake::window_warning(&e.coordination.intake, date!(2027 - 02 - 20)),
        None
    );
    let soon = intake::window_warning(&e.coordination.intake, date!(2027 - 03 - 03)).unwrap();
    assert_eq!(soon, "The maintenance window starts in 3 days, sooner than the 7 days the app assumes Support needs to review the plan.");
}

#[test]
fn backup_and_restore_needs_the_same_version_on_both_sides() {
    let e = with_intake(|i| {
        i.method = MigrationMethod::BackupRestoreSingle;
        i.target_version = "18.0.1".into();
    });
    assert!(intake::version_warning(&e)
        .unwrap()
        .contains("the current version (17.11.3) and the target (18.0.1) differ"));
    let geo = with_intake(|i| i.target_version = "18.0.1".into());
    assert_eq!(
        intake::version_warning(&geo),
        None,
        "Geo's failover is not a restore"
    );
}

#[test]
fn the_documents_follow_the_migration_method() {
    use upgrade_planner::domain::process::workflow::{handover_documents, sizing_of};
    let e = reference_engagement();
    let rec = sizing_of(&e).map(|(_, r)| r);
    let titles = |m| {
        handover_documents(rec.as_ref(), m)
            .into_iter()
            .map(|d| d.title)
            .collect::<Vec<_>>()
    };
    assert!(titles(MigrationMethod::GeoFailover)
        .contains(&"Disaster recovery for planned failover (Geo)".to_string()));
    assert!(titles(MigrationMethod::BackupRestoreMultiNode)
        .contains(&"Back up and restore large reference architectures".to_string()));
    assert!(
        !titles(MigrationMethod::Undecided).contains(&"Migrating to a new server".to_string()),
        "not for a 25k move with Geo"
    );
}

#[test]
fn the_deviation_record_is_in_the_packet_for_support_not_the_customer() {
    let e = with_intake(|i| {
        i.deviation = Deviation {
            planned: "10k".into(),
            budget: true,
            customer_informed: true,
            gpt_results_link: "https://gitlab.example.com/acme/gpt/-/jobs/1".into(),
            senior_review: "Accepted with monitoring".into(),
            ..Deviation::default()
        }
    });
    let md = markdown(&e, NOW, Audience::Support);
    assert!(md.contains("Deviation: the customer plans 10k where 25k is recommended (reasons: budget). The customer was told that performance and supportability may be affected."), "{md}");
    assert!(md.contains("| Senior Support Engineer review | Accepted with monitoring |"));
    assert!(!markdown(&e, NOW, Audience::Customer).contains("Deviation:"));
}

#[test]
fn sharing_an_incomplete_packet_asks_first_and_logs_what_was_missing() {
    let mut e = reference_engagement();
    e.coordination.review = Default::default();
    e.coordination.intake.contact_email = String::new();
    let share = |confirmed| Action::ShareWithSupport {
        on: Some(date!(2026 - 11 - 21)),
        ticket: String::new(),
        confirmed,
    };
    let question = apply(&mut e, share(false), NOW).unwrap_err();
    assert_eq!(
        question,
        Refusal::NeedsConfirmation("Support will still ask for 1 item: the email address of the customer's contact for the window. Share the plan with Support anyway?".into())
    );
    apply(&mut e, share(true), NOW).unwrap();
    assert!(e.log.iter().any(|l| l.text
        == "Plan shared with Support for review, with 1 item still missing: the email address of the customer's contact for the window."));
}

// Issue 14, point 6: one outline per reader; each reader first sees what they need.
#[test]
fn each_reader_s_outline_opens_with_what_that_reader_needs_first() {
    use upgrade_planner::domain::documents::outline::{build, Block};
    let e = reference_engagement();
    let customer = build(&e, NOW.date(), Audience::Customer);
    assert_eq!(
        customer.headings()[..2],
        ["Your next step", "Recommended reference architecture"]
    );
    let support = build(&e, NOW.date(), Audience::Support);
    // Issue 35: what Support is asked to do, then (issue 22) the risks, then (issue 26) what
    // changed since Support last saw the plan (the migration was scheduled after they approved
    // it), then the plan under review.
    assert_eq!(
        support.headings()[..4],
        [
            "What Support is asked to do",
            "Risks for this window",
            "Changed since Support's last review",
            "The plan under review"
        ]
    );
    let first = format!("{:?}", support.sections[3].blocks);
    for part in [
        "\"Plan\"",
        "\"Maintenance window\"",
        "Missing for Support review",
    ] {
        assert!(
            first.contains(part),
            "{part} is not in Support's first section"
        );
    }
    // The deviation sits beside the recommendation, for Support only.
    let mut e = e;
    e.coordination.intake.deviation.planned = "10k".into();
    let arch = |audience| {
        build(&e, NOW.date(), audience)
            .sections
            .into_iter()
            .find(|s| s.heading == "Recommended reference architecture")
            .unwrap()
            .blocks
    };
    assert!(arch(Audience::Support).iter().any(|b| matches!(b, Block::Sub { heading, .. } if heading == "Deviation from the recommendation")));
    assert!(!format!("{:?}", arch(Audience::Customer)).contains("Deviation"));
}

// Issue 14, point 6: the Markdown is a rendering of the outline: every section, in order, for
// every reader, and nothing the outline leaves out.
#[test]
fn the_markdown_renders_every_section_of_its_reader_s_outline_in_order() {
    use upgrade_planner::domain::documents::outline::build;
    let e = reference_engagement();
    for audience in [Audience::Tam, Audience::Support, Audience::Customer] {
        let outline = build(&e, NOW.date(), audience);
        let md = markdown(&e, NOW, audience);
        let md_headings: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
        assert_eq!(md_headings, outline.headings(), "{audience:?}");
        assert!(md.starts_with(&format!("# {}", outline.title)));
    }
}

// Issue 14, point 4: the next action's warnings show the deviation; the customer's do not.
#[test]
fn a_recorded_deviation_is_a_warning_for_the_tam_but_not_the_customer() {
    use upgrade_planner::domain::documents::outline::build;
    use upgrade_planner::domain::process::workflow::status;
    let mut e = reference_engagement();
    assert!(!status(&e, NOW.date())
        .warnings
        .iter()
        .any(|w| w.rule == Guardrail::Deviation));
    e.coordination.intake.deviation.planned = "10k".into();
    let warning = status(&e, NOW.date())
        .warnings
        .into_iter()
        .find(|w| w.rule == Guardrail::Deviation)
        .expect("a deviation warning");
    assert!(warning.text.contains("plans 10k where 25k is recommended"));
    assert!(!format!("{:?}", build(&e, NOW.date(), Audience::Customer)).contains("plans 10k"));
}
