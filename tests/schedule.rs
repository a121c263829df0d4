//! Issue 35, points 2 and 3: a schedule that holds. Each method names its point of no return; the
//! rollback deadline leaves the recorded rollback its time and never comes after that point;
//! upgrade stops never follow the cut-over (before it when they fit, else in a window of their
//! own before the move); PostgreSQL 16 comes before the first 18.x stop; and every time is on the
//! clock in force at that instant, with UTC beside it. Three cases like the ones Support sent
//! back, then properties over any window, zone and durations.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime, UtcOffset};
use upgrade_planner::domain::documents::risks::{risks, Risk};
use upgrade_planner::domain::documents::runbook::runbook;
use upgrade_planner::domain::documents::schedule::{
    schedule, DeadlineWhy, Part, Schedule, UpgradePlace, When,
};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::intake::{Installation, Intake, MigrationMethod};
use upgrade_planner::domain::process::procedures::Phase;
use upgrade_planner::domain::process::workflow::PsDecision;
use upgrade_planner::domain::sizing::SizingInputs;
use upgrade_planner::domain::text::zones;

const TODAY: Date = date!(2026 - 12 - 07);
const NOW: OffsetDateTime = datetime!(2026-12-07 09:00 UTC);

fn engagement(
    name: &str,
    users: &str,
    platform: &str,
    intake: Intake,
    versions: (&str, &str),
) -> Engagement {
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([9; 16]),
        name.parse().unwrap(),
        NOW,
    );
    e.set_sizing(
        SizingInputs {
            current_users: users.into(),
            annual_growth_pct: "10".into(),
            horizon_months: "12".into(),
            platform: platform.into(),
            ..SizingInputs::default()
        },
        NOW,
    );
    e.coordination.gitlab_version = versions.0.into();
    e.coordination.ps_decision = PsDecision::Declined;
    e.coordination.intake = Intake {
        target_version: versions.1.into(),
        ..intake
    };
    e
}

/// The multi-node restore across the night the clocks go forward in Chicago, with an upgrade.
fn chicago() -> Engagement {
    engagement(
        "Prairie Freight",
        "6500",
        "aws",
        Intake {
            window_start: Some(datetime!(2027-03-13 22:00 -6)),
            window_end: Some(datetime!(2027-03-14 06:00 -5)),
            time_zone: "America/Chicago".into(),
            data_size_gb: "850".into(),
            restore_hours: "5:10".into(),
            rollback_hours: "2".into(),
            rehearsal_on: Some(date!(2027 - 02 - 20)),
            rehearsal_result: "Restored on staging".into(),
            installation: Installation::LinuxPackage,
            method: MigrationMethod::BackupRestoreMultiNode,
            ..Intake::default()
        },
        ("17.8.2", "18.5.1"),
    )
}

/// A Geo planned failover, no upgrade, 01:00 to 05:00.
fn geo() -> Engagement {
    engagement(
        "Northwind Maps",
        "12000",
        "gcp",
        Intake {
            window_start: Some(datetime!(2027-02-06 01:00 +1)),
            window_end: Some(datetime!(2027-02-06 05:00 +1)),
            time_zone: "Europe/Berlin".into(),
            method: MigrationMethod::GeoFailover,
            ..Intake::default()
        },
        ("18.5.1", "18.5.1"),
    )
}

fn index(s: &Schedule, needle: &str) -> usize {
    s.steps
        .iter()
        .position(|st| st.text.contains(needle))
        .unwrap_or_else(|| panic!("no step “{needle}”"))
}

#[test]
fn a_restore_s_upgrade_never_runs_after_the_cut_over() {
    let e = chicago();
    let s = schedule(&e, TODAY);
    // 850 GB and a 5 h 10 min restore do not leave room for four upgrades before the cut-over.
    assert!(
        matches!(s.upgrade, UpgradePlace::OwnWindow { .. }),
        "{:?}",
        s.upgrade
    );
    let cut_over = index(&s, "Cut over");
    for (n, step) in s.steps.iter().enumerate().filter(|(_, st)| st.upgrade) {
        assert!(n < cut_over, "{}", step.text);
        assert_eq!(step.part, Part::UpgradeWindow);
        assert_eq!(step.when, When::ToBeAgreed);
    }
    // PostgreSQL 16 by hand (a multi-node database) before the first 18.x stop.
    let pg = index(&s, "PostgreSQL 16");
    assert!(pg < index(&s, "18.2"));
    assert!(index(&s, "17.11.7") < pg);
    assert!(s.steps[pg].text.contains("patroni"), "{}", s.steps[pg].text);
    let md = runbook(&e, TODAY);
    assert!(
        md.contains("## Upgrade window (to be agreed, before the move)"),
        "{md}"
    );
    assert!(md.find("## Upgrade window").unwrap() < md.find("## Weeks before the window").unwrap());
    assert!(md.contains("## Each upgrade stop, step by step"), "{md}");
    let found = risks(&e, TODAY);
    let upgrade = found
        .iter()
        .find(|f| f.risk == Risk::MoveAndUpgrade)
        .unwrap();
    assert!(
        upgrade.text.contains("window of its own"),
        "{}",
        upgrade.text
    );
}

#[test]
fn a_restore_s_upgrade_fits_before_the_cut_over_when_there_is_room() {
    let mut e = chicago();
    e.coordination.intake.data_size_gb = "40".into();
    e.coordination.intake.restore_hours = "0:30".into();
    e.coordination.intake.rollback_hours = "1".into();
    e.coordination.gitlab_version = "18.3.1".into();
    e.coordination.intake.target_version = "18.5.2".into();
    let s = schedule(&e, TODAY);
    assert_eq!(s.upgrade, UpgradePlace::InWindow);
    let cut_over = index(&s, "Cut over");
    let restore = index(&s, "gitlab-backup restore");
    for (n, step) in s.steps.iter().enumerate().filter(|(_, st)| st.upgrade) {
        assert!(restore < n && n < cut_over, "{}", step.text);
        assert_eq!(step.phase, Phase::InWindow);
    }
}

#[test]
fn times_carry_the_offset_in_force_across_the_clock_change() {
    let e = chicago();
    let md = runbook(&e, TODAY);
    // 06:00 CDT less two hours: 04:00, after 03:00, so UTC-05:00.
    assert!(
        md.contains("- **Rollback deadline:** 2027-03-14 04:00 (UTC-05:00; 09:00 UTC)"),
        "{md}"
    );
    // The window opens at 22:00 CST.
    assert!(
        md.contains("2027-03-13 22:00 (UTC-06:00; 04:00 UTC on 2027-03-14)"),
        "{md}"
    );
    // No wall time between 02:00 and 03:00 that night: it does not exist.
    assert!(!md.contains("2027-03-14 02:"), "{md}");
    // Every time written carries Chicago's offset at that instant, and the UTC beside it agrees.
    let mut seen = 0;
    for (n, _) in md.match_indices(" (UTC-0") {
        let Some(wall) = md.get(n - 16..n) else {
            continue;
        };
        let Ok(wall) = time::PrimitiveDateTime::parse(
            wall,
            time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]"),
        ) else {
            continue;
        };
        // Only the runbook's own stamps: "(UTC-05:00; 09:00 UTC".
        if md.get(n + 18..n + 22) != Some(" UTC") {
            continue;
        }
        let hours: i8 = md[n + 6..n + 8].parse().unwrap();
        let at = wall.assume_offset(UtcOffset::from_hms(-hours, 0, 0).unwrap());
        let chicago = zones::offset_at("America/Chicago", at).unwrap();
        assert_eq!(at.offset(), chicago, "{}", &md[n - 16..n + 30]);
        let utc = at.to_offset(UtcOffset::UTC);
        assert_eq!(
            &md[n + 13..n + 18],
            format!("{:02}:{:02}", utc.hour(), utc.minute())
        );
        seen += 1;
    }
    assert!(seen > 5, "{md}");
}

#[test]
fn geo_s_rollback_deadline_is_before_the_promotion() {
    let e = geo();
    let s = schedule(&e, TODAY);
    let promote = s.point_of_no_return.unwrap();
    let (deadline, why) = s.deadline.unwrap();
    assert!(deadline <= promote);
    assert_eq!(why, DeadlineWhy::PointOfNoReturn);
    // Four to six weeks before: dated six weeks before the window, not three days.
    let weeks = index(&s, "four to six weeks");
    assert_eq!(s.steps[weeks].when, When::Day(date!(2026 - 12 - 26), None));
    let md = runbook(&e, TODAY);
    assert!(md.contains("**Point of no return:**"), "{md}");
    assert!(
        md.contains("not covered here, see [Bring a demoted primary site back online]"),
        "{md}"
    );
}

#[test]
fn a_step_whose_lead_has_passed_is_dated_today_and_says_so() {
    let mut e = geo();
    e.coordination.intake.window_start = Some(datetime!(2026-12-20 01:00 +1));
    e.coordination.intake.window_end = Some(datetime!(2026-12-20 05:00 +1));
    let s = schedule(&e, TODAY);
    let weeks = &s.steps[index(&s, "four to six weeks")];
    match &weeks.when {
        When::Day(day, Some(why)) => {
            assert_eq!(*day, TODAY);
            assert!(why.contains("has passed"), "{why}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn zones_give_chicago_s_two_offsets_that_night() {
    let before = zones::offset_at("America/Chicago", datetime!(2027-03-14 07:59 UTC)).unwrap();
    let after = zones::offset_at("America/Chicago", datetime!(2027-03-14 08:00 UTC)).unwrap();
    assert_eq!(before, UtcOffset::from_hms(-6, 0, 0).unwrap());
    assert_eq!(after, UtcOffset::from_hms(-5, 0, 0).unwrap());
}

const ZONES: [&str; 6] = [
    "America/Chicago",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Tokyo",
    "America/Sao_Paulo",
    "Pacific/Auckland",
];
const METHODS: [MigrationMethod; 5] = [
    MigrationMethod::BackupRestoreSingle,
    MigrationMethod::BackupRestoreMultiNode,
    MigrationMethod::GeoFailover,
    MigrationMethod::LinuxPackageToHelm,
    MigrationMethod::Undecided,
];
const VERSIONS: [(&str, &str); 4] = [
    ("17.8.2", "18.5.1"),
    ("18.2.1", "18.2.1"),
    ("16.11.10", "18.6.1"),
    ("18.4.0", "18.5.2"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_schedule_holds_for_any_window_zone_and_durations(
        start_minutes in 0i64..(2 * 365 * 24 * 60),
        length_minutes in 30i64..(24 * 60),
        rollback in proptest::option::of(0u32..12),
        restore in proptest::option::of(0u32..20),
        data in proptest::option::of(1u32..5000),
        zone in 0usize..ZONES.len(),
        method in 0usize..METHODS.len(),
        versions in 0usize..VERSIONS.len(),
    ) {
        let zone = ZONES[zone];
        let utc = datetime!(2027-01-01 00:00 UTC) + Duration::minutes(start_minutes);
        let end_utc = utc + Duration::minutes(length_minutes);
        let local = |at: OffsetDateTime| zones::local(zone, at, UtcOffset::from_hms(9, 0, 0).unwrap());
        let mut e = chicago();
        e.coordination.gitlab_version = VERSIONS[versions].0.into();
        let i = &mut e.coordination.intake;
        i.target_version = VERSIONS[versions].1.into();
        i.time_zone = zone.into();
        i.window_start = Some(local(utc));
        i.window_end = Some(local(end_utc));
        i.rollback_hours = rollback.map(|h| h.to_string()).unwrap_or_default();
        i.restore_hours = restore.map(|h| h.to_string()).unwrap_or_default();
        i.data_size_gb = data.map(|g| g.to_string()).unwrap_or_default();
        i.method = METHODS[method];
        let s = schedule(&e, TODAY);
        let found = risks(&e, TODAY);
        let has = |r: Risk| found.iter().any(|f| f.risk == r);

        // No upgrade step after the cut-over.
        if let Some(ponr) = s.steps.iter().position(|st| st.phase == Phase::PointOfNoReturn) {
            prop_assert!(s.steps.iter().enumerate().all(|(n, st)| !st.upgrade || n < ponr));
        }
        prop_assert!(s.steps.iter().all(|st| !st.upgrade || st.phase < Phase::PointOfNoReturn));
        // The deadline never after the point of no return.
        let (deadline, _) = s.deadline.unwrap();
        if let Some(ponr) = s.point_of_no_return {
            prop_assert!(deadline <= ponr);
        }
        prop_assert!(deadline >= utc);
        // Deadline plus rollback within the window, or a risk says it is not.
        if let Some(h) = rollback {
            if deadline + Duration::hours(h.into()) > end_utc {
                prop_assert!(has(Risk::NoTimeToRollBack), "{:?}", found);
            }
        }
        // Every step in the window inside it, or a risk says the steps overrun it.
        for st in s.steps.iter().filter(|st| st.phase.in_window()) {
            if let When::At(at) = st.when {
                prop_assert!(at >= utc);
                if at > end_utc {
                    prop_assert!(has(Risk::LongerThanWindow) || has(Risk::NoTimeToRollBack));
                }
            }
        }
        // Nothing after the window is dated before the window's work ends.
        let last_in_window = s.steps.iter().filter(|st| st.phase.in_window()).filter_map(|st| match st.when {
            When::At(at) => Some(at),
            _ => None,
        }).max();
        for st in s.steps.iter().filter(|st| st.phase == Phase::AfterWindow) {
            if let (When::At(at), Some(last)) = (&st.when, last_in_window) {
                prop_assert!(*at >= last, "{}", st.text);
            }
        }
        // No step dated before today.
        for st in &s.steps {
            if let When::Day(day, _) = st.when {
                prop_assert!(day >= TODAY);
            }
        }
    }
}
