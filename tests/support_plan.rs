//! Issue 22: a plan Support would accept. The upgrade path computed from GitLab's stops, the risks
//! for the window, a window timed from the customer's own figures, the runbook as GitLab's
//! procedure, a packet that says each thing once, and a requirements guard that names its field.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::reference_engagement;
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use upgrade_planner::domain::documents::cutover::calendar;
use upgrade_planner::domain::documents::plan::{markdown, Audience};
use upgrade_planner::domain::documents::risks::{risks, Risk};
use upgrade_planner::domain::documents::runbook::runbook;
use upgrade_planner::domain::documents::schedule::{timing, DeadlineWhy};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::intake::{self, Intake, MigrationMethod};
use upgrade_planner::domain::process::upgrade::{path, PathError, Step};
use upgrade_planner::domain::process::workflow::{
    apply, missing_for, Action, Feedback, Migration, MigrationStatus, PlanRecord, PsDecision, Stage,
};
use upgrade_planner::domain::sizing::SizingInputs;

const TODAY: Date = date!(2026 - 12 - 01);
const NOW: OffsetDateTime = datetime!(2026-12-01 14:03 UTC);

/// "17.11.7", "18.2", "18.5.1": the versions a path goes through, in order.
fn versions(current: &str, target: &str) -> Vec<String> {
    path(current, target)
        .unwrap()
        .steps
        .iter()
        .map(|s| match s {
            Step::LatestPatchOfCurrent(s) | Step::Stop(s) => match s.latest_patch {
                Some(p) => format!("{}.{}.{p}", s.major, s.minor),
                None => format!("{}.{}", s.major, s.minor),
            },
            Step::Target(v) => v.to_string(),
        })
        .collect()
}

// Point 1: the upgrade path from GitLab's table and its rule, as the docs' examples read.
#[test]
fn upgrade_paths_follow_gitlab_s_required_stops() {
    for (current, target, expected) in [
        // The scenario: on 17.8 below its latest patch, 17.11, then 18.2 by the rule.
        (
            "17.8.2",
            "18.5.1",
            &["17.8.7", "17.11.7", "18.2", "18.5.1"][..],
        ),
        // Across 15 and 16, with 16's conditional stops.
        (
            "15.4.6",
            "16.11.10",
            &[
                "15.11.13", "16.0.10", "16.1.8", "16.2.11", "16.3.9", "16.7.10", "16.11.10",
            ],
        ),
        (
            "16.3.9",
            "17.3.7",
            &["16.7.10", "16.11.10", "17.1.8", "17.3.7"],
        ),
        // A target below a stop: 16.7 is not on the way to 16.5.
        ("16.3.9", "16.5.0", &["16.5.0"]),
        // From the last 17 to the first 18: nothing between.
        ("17.11.7", "18.0.1", &["18.0.1"]),
        // The rule alone from 17.5 on.
        (
            "18.0.0",
            "19.1.0",
            &["18.2", "18.5", "18.8", "18.11", "19.1.0"],
        ),
        ("15.0.5", "15.11.13", &["15.1.6", "15.4.6", "15.11.13"]),
    ] {
        assert_eq!(versions(current, target), expected, "{current} → {target}");
    }
    // Conditional stops are marked with their condition, never counted as required.
    let p = path("15.4.6", "16.11.10").unwrap();
    let conditional: Vec<String> = p
        .steps
        .iter()
        .filter(|s| s.is_conditional())
        .map(|s| s.text())
        .collect();
    assert_eq!(conditional.len(), 3);
    assert!(
        conditional[0].starts_with("Required if the instance has lots of users"),
        "{conditional:?}"
    );
    assert!(p
        .steps
        .iter()
        .all(|s| s.text().contains("background migrations")));
    // The same version: nothing to do; a lower target: refused with a reason.
    assert!(path("17.8.2", "17.8.2").unwrap().is_empty());
    assert!(path("17.8.7", "17.8").unwrap().is_empty());
    assert!(matches!(
        path("18.5.1", "17.11.0"),
        Err(PathError::Downgrade { .. })
    ));
    assert!(matches!(
        path("seventeen", "18.0"),
        Err(PathError::Unreadable(_))
    ));
    assert_eq!(path("", "18.0"), Err(PathError::Missing));
    // "v17.8.2-ee" names 17.8.2.
    assert_eq!(versions("v17.8.2-ee", "17.11.7"), ["17.8.7", "17.11.7"]);
}

#[test]
fn the_path_knows_postgresql_minimums_and_zero_downtime() {
    let p = path("17.8.2", "18.5.1").unwrap();
    assert_eq!(p.postgres.len(), 1);
    assert_eq!((p.postgres[0].gitlab_major, p.postgres[0].needs), (18, 16));
    assert!(!p.zero_downtime_possible());
    let one = path("17.10.3", "17.11.7").unwrap();
    assert!(one.zero_downtime_possible());
    assert!(one.postgres.is_empty());
    assert!(path("17.11.7", "18.0.1").unwrap().zero_downtime_possible());
    let long = path("15.11.13", "18.0.0").unwrap();
    let needs: Vec<u32> = long.postgres.iter().map(|p| p.needs).collect();
    assert_eq!(needs, [13, 14, 16]);
    let text = upgrade_planner::domain::process::upgrade::postgres_text(&p.postgres[0], true);
    assert!(
        text.contains("Patroni") && text.contains("by hand"),
        "{text}"
    );
    let text = upgrade_planner::domain::process::upgrade::postgres_text(&p.postgres[0], false);
    assert!(
        text.contains("17.11") && text.contains("automatically") || text.contains("by itself"),
        "{text}"
    );
}

/// The scenario: 6,500 users on AWS asking for zero-downtime upgrades, Professional
/// Services declined, a multi-node backup and restore from 17.8.2 to 18.5.1 in a Chicago window
/// across the change to summer time, a rehearsal whose restore took 5 h 10 min, 850 GB.
fn scenario() -> Engagement {
    let start = datetime!(2026-11-16 09:00 UTC);
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([7; 16]),
        "Prairie Freight".parse().unwrap(),
        start,
    );
    e.set_sizing(
        SizingInputs {
            current_users: "6500".into(),
            annual_growth_pct: "10".into(),
            horizon_months: "12".into(),
            platform: "aws".into(),
            zero_downtime: true,
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
    act(
        &mut e,
        Action::SetIntake(Box::new(common::prairie_intake())),
    );
    act(
        &mut e,
        Action::RecordPlan(PlanRecord {
            link: "https://prairie.example/plan".into(),
            summary: "Move to AWS.".into(),
            date: date!(2026 - 11 - 26),
        }),
    );
    act(
        &mut e,
        Action::ShareWithSupport {
            on: Some(date!(2026 - 11 - 28)),
            ticket: String::new(),
            confirmed: true,
        },
    );
    e
}

fn found(e: &Engagement) -> Vec<Risk> {
    risks(e, TODAY).into_iter().map(|f| f.risk).collect()
}

// Point 2: each risk's rule, one line each; a loop makes sure no rule goes untested.
#[test]
fn each_risk_has_its_rule() {
    let e = scenario();
    let all = found(&e);
    let mut tested = vec![];
    let mut check = |risk: Risk, e: &Engagement, expected: bool| {
        assert_eq!(
            found(e).contains(&risk),
            expected,
            "{risk:?}: {:?}",
            risks(e, TODAY)
        );
        tested.push(risk);
    };
    // The scenario holds these.
    for risk in [
        Risk::MoveAndUpgrade,
        Risk::ZeroDowntimeImpossible,
        Risk::LongerThanWindow,
        Risk::NoTimeToRollBack,
        Risk::ProfessionalServicesDeclined,
        Risk::RehearsedBeforeReview,
        Risk::ClockChange,
        Risk::PostgresUpgrade,
    ] {
        assert!(all.contains(&risk), "{risk:?}: {all:?}");
    }
    // The move and an upgrade: gone when the versions are the same.
    let mut same = scenario();
    same.coordination.intake.target_version = "17.8.2".into();
    check(Risk::MoveAndUpgrade, &same, false);
    check(Risk::MoveAndUpgrade, &e, true);
    check(Risk::PostgresUpgrade, &same, false);
    check(Risk::PostgresUpgrade, &e, true);
    // Zero-downtime: not asked for, no risk; one minor version, possible.
    let mut no_zd = scenario();
    no_zd.sizing.zero_downtime = false;
    check(Risk::ZeroDowntimeImpossible, &no_zd, false);
    let mut one_minor = scenario();
    one_minor.coordination.intake.target_version = "17.9.1".into();
    check(Risk::ZeroDowntimeImpossible, &one_minor, false);
    check(Risk::ZeroDowntimeImpossible, &e, true);
    // The window: 7 hours; the same version and a 1-hour restore of 50 GB fits.
    let mut fits = same.clone();
    fits.coordination.intake.restore_hours = "1".into();
    fits.coordination.intake.data_size_gb = "50".into();
    // Issue 35: with no rollback duration the point of no return must come by the window's
    // midpoint; an hour's rollback leaves room for the cut-over.
    check(Risk::NoTimeToRollBack, &fits, true);
    fits.coordination.intake.rollback_hours = "1".into();
    check(Risk::LongerThanWindow, &fits, false);
    check(Risk::NoTimeToRollBack, &fits, false);
    check(Risk::LongerThanWindow, &e, true);
    // A rollback of 6 hours leaves no time for the cut-over in a 7-hour window.
    let mut slow_rollback = fits.clone();
    slow_rollback.coordination.intake.rollback_hours = "6".into();
    check(Risk::NoTimeToRollBack, &slow_rollback, true);
    // Professional Services engaged: no risk.
    let mut ps = scenario();
    ps.coordination.ps_decision = PsDecision::Engaged;
    check(Risk::ProfessionalServicesDeclined, &ps, false);
    check(Risk::ProfessionalServicesDeclined, &e, true);
    // Not rehearsed; rehearsed without the restore's duration.
    // Issue 35: a rehearsal's restore duration or result is a rehearsal done, dated or not.
    let mut undated = scenario();
    undated.coordination.intake.rehearsal_on = None;
    check(Risk::NotRehearsed, &undated, false);
    let mut unrehearsed = undated.clone();
    unrehearsed.coordination.intake.rehearsal_result.clear();
    unrehearsed.coordination.intake.restore_hours.clear();
    check(Risk::NotRehearsed, &unrehearsed, true);
    let mut untimed = scenario();
    untimed.coordination.intake.restore_hours.clear();
    check(Risk::NotRehearsed, &untimed, true);
    check(Risk::NotRehearsed, &e, false);
    // Rehearsed after the plan went to Support: fine.
    let mut after = scenario();
    after.coordination.intake.rehearsal_on = Some(date!(2026 - 12 - 20));
    check(Risk::RehearsedBeforeReview, &after, false);
    check(Risk::RehearsedBeforeReview, &e, true);
    // No clock change in a window in January.
    let mut winter = scenario();
    winter.coordination.intake.window_start = Some(datetime!(2027-01-16 22:00 -6));
    winter.coordination.intake.window_end = Some(datetime!(2027-01-17 06:00 -6));
    check(Risk::ClockChange, &winter, false);
    check(Risk::ClockChange, &e, true);
    // Inside the notice: a window five days after sharing; approved plans carry no such risk.
    let mut soon = scenario();
    soon.coordination.intake.window_start = Some(datetime!(2026-12-03 22:00 -6));
    soon.coordination.intake.window_end = Some(datetime!(2026-12-04 06:00 -6));
    check(Risk::InsideNoticePeriod, &soon, true);
    check(Risk::InsideNoticePeriod, &e, false);
    apply(
        &mut soon,
        Action::SetFeedback {
            feedback: Feedback::Approved,
            notes: String::new(),
        },
        NOW,
    )
    .unwrap();
    check(Risk::InsideNoticePeriod, &soon, false);
    // Issue 35: a packet that argues against its own method says so.
    check(Risk::MethodAgainstSizing, &e, false);
    let mut geo = scenario();
    geo.coordination.intake.method = MigrationMethod::GeoFailover;
    check(Risk::MethodAgainstSizing, &geo, true);
    geo.sizing.geo = true;
    check(Risk::MethodAgainstSizing, &geo, false);
    let mut helm = scenario();
    helm.coordination.intake.method = MigrationMethod::LinuxPackageToHelm;
    check(Risk::MethodAgainstSizing, &helm, true);
    helm.sizing.kubernetes_expertise = true;
    check(Risk::MethodAgainstSizing, &helm, false);
    for risk in Risk::ALL {
        assert!(tested.contains(&risk), "{risk:?} has no test");
    }
    // A migration done carries no risk for its window.
    let mut done = scenario();
    done.coordination.migration = Migration {
        start: Some(date!(2027 - 03 - 13)),
        end: Some(date!(2027 - 03 - 14)),
        status: MigrationStatus::Done,
    };
    assert!(risks(&done, TODAY).is_empty());
}

// Point 3: the window's real length across both clock changes, in two zones.
#[test]
fn window_lengths_count_real_hours_across_clock_changes() {
    for (start, end, length, utc) in [
        // Chicago, spring forward (2027-03-14 02:00 → 03:00): 7 hours.
        (
            datetime!(2027-03-13 22:00 -6),
            datetime!(2027-03-14 06:00 -5),
            "7 hours",
            "in UTC 2027-03-14 04:00 to 2027-03-14 11:00",
        ),
        // Chicago, fall back (2027-11-07 02:00 → 01:00): 9 hours.
        (
            datetime!(2027-11-06 22:00 -5),
            datetime!(2027-11-07 06:00 -6),
            "9 hours",
            "in UTC 2027-11-07 03:00 to 2027-11-07 12:00",
        ),
        // Berlin, spring forward (2027-03-28): 7 hours.
        (
            datetime!(2027-03-27 22:00 +1),
            datetime!(2027-03-28 06:00 +2),
            "7 hours",
            "in UTC 2027-03-27 21:00 to 2027-03-28 04:00",
        ),
        // Berlin, fall back (2027-10-31): 9 hours.
        (
            datetime!(2027-10-30 22:00 +2),
            datetime!(2027-10-31 06:00 +1),
            "9 hours",
            "in UTC 2027-10-30 20:00 to 2027-10-31 05:00",
        ),
    ] {
        let i = Intake {
            window_start: Some(start),
            window_end: Some(end),
            ..Intake::default()
        };
        let text = intake::window_text(&i).unwrap();
        assert!(
            text.contains(&format!("; {length}, the clocks change during it; {utc}")),
            "{text}"
        );
    }
    // The calendar entry says both ends plainly, each with its offset and its UTC time.
    let e = scenario();
    let ics = calendar(&e, NOW).unwrap().replace("\r\n ", "");
    assert!(ics.contains("Starts: 2027-03-13 22:00 America/Chicago time (UTC-06:00)\\, which is 2027-03-14 04:00 UTC."), "{ics}");
    assert!(ics.contains("Ends: 2027-03-14 06:00 America/Chicago time (UTC-05:00)\\, which is 2027-03-14 11:00 UTC."), "{ics}");
    assert!(
        ics.contains("Length: 7 hours (the clocks change during the window)."),
        "{ics}"
    );
}

// Point 3: the runbook timed from the customer's figures, with the rollback deadline from the
// rollback's duration.
#[test]
fn the_runbook_is_timed_from_the_rehearsal_and_flags_an_overrun() {
    let mut e = scenario();
    let t = timing(&e);
    // Issue 35: up to the cut-over, GitLab's multi-node steps: the freeze (15 + 5 + 20), the
    // final backup of 850 GB at 200 GB an hour (255), the old side switched off (15), Puma and
    // Sidekiq stopped (10), the buckets' restore started (10: it runs on beside the rest), the
    // database (45), the rehearsal's 5 h 10 min
    // restore (310), the checks (30), the cron jobs back (10) and the tests (20). The four
    // upgrades do not fit before the cut-over: they go to a window of their own.
    assert_eq!(
        t.to_point_of_no_return,
        15 + 5 + 20 + 255 + 15 + 10 + 10 + 45 + 310 + 30 + 10 + 20
    );
    assert_eq!(t.total, t.to_point_of_no_return + 10 + 10);
    assert!(matches!(t.deadline, Some((_, DeadlineWhy::Midpoint))));
    assert!(t.overrun().is_some());
    let md = runbook(&e, TODAY);
    assert!(md.contains("about 5 h 10 min, as in the rehearsal"), "{md}");
    assert!(md.contains("850 GB at an assumed 200 GB an hour"), "{md}");
    assert!(
        md.contains("**Warning:** the steps overrun the window by"),
        "{md}"
    );
    assert!(
        md.contains("(the window's midpoint: the rollback's duration is not recorded yet)"),
        "{md}"
    );
    e.coordination.intake.rollback_hours = "2".into();
    let md = runbook(&e, TODAY);
    // 06:00 CDT less two hours is 04:00 CDT, on the clock in force then (UTC-05:00).
    assert!(md.contains("- **Rollback deadline:** 2027-03-14 04:00 (UTC-05:00; 09:00 UTC) (the window's end less the rollback's 2 hours, before the point of no return)"), "{md}");
    assert!(matches!(
        timing(&e).deadline,
        Some((_, DeadlineWhy::Rollback(_)))
    ));
}

// Point 4: GitLab's procedure for the method, checks before the cut-over, owners, no past dates.
#[test]
fn the_runbook_follows_gitlab_s_procedure() {
    let e = scenario();
    let md = runbook(&e, TODAY);
    for needle in [
        "gitlab-secrets.json",
        "same GitLab version and edition",
        "sudo gitlab-ctl stop on every Puma and Sidekiq node",
        "gitlab-ctl reconfigure",
        "gitlab:doctor:secrets",
        "integrity checks",
        "maintenance mode",
        "Disable All",
        "Enable All",
        "running CI jobs",
        "Busy and Enqueued",
        "disable every service and incoming email for good",
        "SSH host keys",
        "check the background migrations under Admin",
        "source: [Back up and restore large reference architectures]",
        "not the plan itself",
    ] {
        assert!(md.contains(needle), "{needle}: {md}");
    }
    // The checks come before the cut-over; the upgrade's stops, which do not fit before it, in
    // a window of their own before the move: never after the cut-over.
    let at = |needle: &str| md.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("gitlab:doctor:secrets") < at("Cut over:"));
    assert!(at("17.11.7") < at("18.2"));
    assert!(at("18.2") < at("## In the window"));
    // No step dated before the day the runbook is made.
    for line in md.lines().filter(|l| l.starts_with("- [ ]")) {
        if let Some(day) = line.split(" · ").nth(1).and_then(|w| w.get(0..10)) {
            if let Ok(d) = Date::parse(
                day,
                time::macros::format_description!("[year]-[month]-[day]"),
            ) {
                assert!(d >= TODAY, "{line}");
            }
        }
    }
    // The customer opens Support tickets; the TAM coordinates.
    assert!(
        md.contains("**Customer** · if problems arise — Open a Support ticket"),
        "{md}"
    );
    assert!(!md.contains("**Support** ·"), "{md}");
    // Each method names its own page.
    let mut other = e.clone();
    for (method, needle) in [
        (
            MigrationMethod::BackupRestoreSingle,
            "gitlab:doctor:secrets",
        ),
        (
            MigrationMethod::GeoFailover,
            "gitlab-ctl promotion-preflight-checks",
        ),
        (
            MigrationMethod::LinuxPackageToHelm,
            "backup-utility --restore",
        ),
    ] {
        other.coordination.intake.method = method;
        let md = runbook(&other, TODAY);
        assert!(md.contains(needle), "{method:?}: {md}");
        // Issue 35: the checks come before the method's point of no return.
        assert!(
            md.find(needle).unwrap() < md.find("## The point of no return").unwrap(),
            "{method:?}"
        );
    }
}

// Points 2 and 5: Support's packet opens with the risks and says each thing once.
#[test]
fn the_packet_opens_with_the_risks_and_says_each_thing_once() {
    let e = scenario();
    let md = markdown(&e, NOW, Audience::Support);
    // Issue 35, point 5: what Support is asked to do comes first, the risks right after it.
    let opening = md.find("\n## ").unwrap();
    assert!(md[opening + 1..].starts_with("## What Support is asked to do\n"));
    let first = md.find("\n## Risks for this window\n\n").unwrap();
    assert_eq!(
        md[opening + 1..].find("\n## ").map(|n| n + opening + 1),
        Some(first)
    );
    let risks_section = &md[first..md[first + 1..].find("\n## ").unwrap() + first];
    for needle in [
        "needs a window of its own before the move",
        "Zero-downtime upgrades were asked for",
        "longer than the window",
        "Professional Services were declined at 6,500 users",
    ] {
        assert!(risks_section.contains(needle), "{needle}: {risks_section}");
    }
    // A risk shown, and the checklist does not say nothing is missing.
    assert!(!md.contains("Nothing: the packet holds everything"), "{md}");
    // The upgrade path with its stops and PostgreSQL 16.
    assert!(md.contains("## Upgrade path"));
    assert!(
        md.contains("17.11.7")
            && md.contains("the latest patch of 18.2")
            && md.contains("PostgreSQL 16"),
        "{md}"
    );
    // Each warning once; the same-version warning is a risk, not a second warning.
    let warnings: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("> **Warning:**"))
        .collect();
    let mut unique = warnings.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), warnings.len(), "{warnings:#?}");
    assert!(
        !md.contains("A backup restores only into the same GitLab version"),
        "{md}"
    );
    // The stages in one line, the documents not handed over in one line.
    assert_eq!(md.matches("Stages: ").count(), 1);
    assert_eq!(
        md.matches("not handed over yet").count() + md.matches("Not handed over yet").count(),
        1,
        "{md}"
    );
    // Log lines dated by the day the event happened.
    assert!(
        md.contains("- 2026-11-28 — Plan shared with Support for review"),
        "{md}"
    );
    assert!(md.contains("(recorded 2026-12-01 14:03 UTC)"), "{md}");
    // High availability worded for a customer who did not ask for it.
    assert!(
        md.contains(
            "not required by the customer (the recommended architecture is highly available)"
        ),
        "{md}"
    );
    // Tables with real header rows.
    assert!(!md.contains("| | |"));
    assert!(md.contains("| Item | Detail |"));
    // The window with its length and UTC times.
    assert!(
        md.contains(
            "7 hours, the clocks change during it; in UTC 2027-03-14 04:00 to 2027-03-14 11:00"
        ),
        "{md}"
    );
    // The customer's rendering keeps its own first section and the upgrade path.
    let customer = markdown(&e, NOW, Audience::Customer);
    assert!(customer.contains("## Your next step"));
    assert!(customer.contains("## Upgrade path"));
    assert!(!customer.contains("## Risks for this window"));
}

#[test]
fn the_reference_engagement_s_packet_keeps_its_figures() {
    let e = reference_engagement();
    let md = markdown(&e, NOW, Audience::Tam);
    assert!(md.contains("## Risks for this window"));
    assert!(
        md.contains("No upgrade: the target is the current version (17.11.3)."),
        "{md}"
    );
}

// Point 6: the guard on the Professional Services decision names the field still empty.
#[test]
fn the_requirements_guard_names_the_empty_field() {
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([9; 16]),
        "Horizon Co".parse().unwrap(),
        NOW,
    );
    e.set_sizing(
        SizingInputs {
            current_users: "6500".into(),
            annual_growth_pct: "ten".into(),
            ..SizingInputs::default()
        },
        NOW,
    );
    let refusal = missing_for(&e, Stage::ProfessionalServices)
        .unwrap()
        .to_string();
    assert_eq!(
        refusal,
        "Complete the requirements first: correct “Annual growth (%)” in the sizing form."
    );
    // A growth rate without a horizon is complete (issue 23: 12 months unless changed).
    e.sizing.annual_growth_pct = "10".into();
    assert_eq!(missing_for(&e, Stage::ProfessionalServices), None);
    // Issue 35: growth is optional; today's users alone complete the requirements.
    e.sizing.annual_growth_pct.clear();
    assert_eq!(missing_for(&e, Stage::ProfessionalServices), None);
    e.sizing.current_users.clear();
    let refusal = missing_for(&e, Stage::ProfessionalServices)
        .unwrap()
        .to_string();
    assert!(refusal.contains("“Current users”"), "{refusal}");
}

// Point 3: hours as a TAM types them.
#[test]
fn hours_read_as_typed() {
    assert_eq!(intake::hours("5:10").unwrap().unwrap().whole_minutes(), 310);
    assert_eq!(intake::hours("5.5").unwrap().unwrap().whole_minutes(), 330);
    assert_eq!(intake::hours("5,5").unwrap().unwrap().whole_minutes(), 330);
    assert_eq!(intake::hours(" ").unwrap(), None);
    for bad in ["0", "-1", "five", "5:75", "241", "NaN", "inf"] {
        assert!(intake::hours(bad).is_err(), "{bad}");
    }
    assert_eq!(intake::data_size_gb("1,800"), Some(1800.0));
    assert_eq!(intake::data_size_gb("850 GB"), Some(850.0));
    assert_eq!(intake::data_size_gb("lots"), None);
}
