//! Issue 15: the timeline's rules, the calendar entry read back by an iCalendar parser, the
//! runbook per migration method, and the customer's reply with its merge rules.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::io::BufReader;

use common::{reference_engagement, NOW};
use proptest::prelude::*;
use time::macros::{date, datetime};
use time::Duration;
use upgrade_planner::domain::documents::cutover::{
    calendar, timeline, CalendarError, Mark, Milestone, State,
};
use upgrade_planner::domain::documents::reply::{
    self, accept, answers, standing, Field, Reply, Standing,
};
use upgrade_planner::domain::documents::runbook::{runbook, runbook_steps, Owner};
use upgrade_planner::domain::engagement::Engagement;
use upgrade_planner::domain::process::intake::MigrationMethod;
use upgrade_planner::domain::process::workflow::{Feedback, MigrationStatus, PsDecision};

fn milestone<'a>(list: &'a [Milestone], key: &str) -> &'a Milestone {
    list.iter().find(|m| m.key == key).expect(key)
}

/// An engagement with 6,000 users and nothing decided yet.
fn fresh() -> Engagement {
    let mut e = reference_engagement();
    let c = &mut e.coordination;
    c.ps_decision = PsDecision::Undecided;
    c.ps_decided_on = None;
    c.plan = None;
    c.review = Default::default();
    c.migration = Default::default();
    c.intake.rehearsal_on = None;
    e
}

// Issue 15, point 1: the milestones in order, counted back from the window.
#[test]
fn the_timeline_counts_back_from_the_window_in_order() {
    let e = reference_engagement();
    let list = timeline(&e, NOW.date());
    let keys: Vec<&str> = list.iter().map(|m| m.key).collect();
    assert_eq!(
        keys,
        [
            "ps-decision",
            "plan-ready",
            "shared",
            "review",
            "rehearsal",
            "go-no-go",
            "window",
            "rollback-deadline",
            "done"
        ]
    );
    assert_eq!(milestone(&list, "ps-decision").state, State::Done);
    assert_eq!(
        milestone(&list, "go-no-go").date,
        Some(date!(2027 - 03 - 05))
    );
    assert_eq!(
        milestone(&list, "window").when(),
        "2027-03-06 22:00 (UTC+01:00)"
    );
    // Issue 35: the midpoint (02:00) would come after Geo's promotion, the point of no return,
    // 75 minutes in: the deadline is the promotion.
    assert_eq!(
        milestone(&list, "rollback-deadline").when(),
        "2027-03-06 23:15 (UTC+01:00)"
    );
    assert!(list.iter().all(|m| m.marks.is_empty()), "{list:#?}");
}

#[test]
fn a_milestone_whose_latest_date_passed_is_late() {
    let mut e = fresh();
    e.coordination.intake.window_start = Some(datetime!(2027-01-10 22:00 +1));
    e.coordination.intake.window_end = Some(datetime!(2027-01-11 06:00 +1));
    let list = timeline(&e, NOW.date());
    // Counted back: shared by 2026-12-31, so the plan by then, and the decision 4 weeks before.
    assert_eq!(
        milestone(&list, "ps-decision").date,
        Some(date!(2026 - 12 - 03))
    );
    assert!(milestone(&list, "ps-decision").marks.is_empty());
    let later = timeline(&e, date!(2026 - 12 - 10));
    assert_eq!(milestone(&later, "ps-decision").marks, vec![Mark::Late]);
}

#[test]
fn less_than_three_months_for_5000_users_is_too_tight() {
    let mut e = fresh();
    e.coordination.desired_completion = Some(NOW.date() + Duration::days(60));
    let list = timeline(&e, NOW.date());
    assert!(matches!(
        milestone(&list, "done").marks[..],
        [Mark::TooTight(_)]
    ));
    e.sizing.current_users = "1,000".into();
    e.sizing.annual_growth_pct = "0".into();
    let small = timeline(&e, NOW.date());
    assert!(milestone(&small, "done").marks.is_empty());
}

#[test]
fn a_window_before_the_review_could_finish_is_too_tight() {
    let mut e = fresh();
    e.coordination.intake.window_start = Some(datetime!(2026-11-28 22:00 +1));
    e.coordination.intake.window_end = Some(datetime!(2026-11-29 06:00 +1));
    let list = timeline(&e, NOW.date());
    let marks = &milestone(&list, "window").marks;
    assert!(
        marks
            .iter()
            .any(|m| m.text().contains("before Support's review could finish")),
        "{marks:?}"
    );
}

#[test]
fn a_rehearsal_after_the_window_is_out_of_order() {
    let mut e = reference_engagement();
    e.coordination.intake.rehearsal_on = Some(date!(2027 - 03 - 10));
    let list = timeline(&e, NOW.date());
    assert!(matches!(
        milestone(&list, "rehearsal").marks[..],
        [Mark::OutOfOrder(_)]
    ));
}

fn parse_ics(text: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    parser
        .next()
        .expect("one calendar")
        .expect("a valid calendar")
}

fn property(event: &ical::parser::ical::component::IcalEvent, name: &str) -> String {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
        .unwrap_or_default()
}

// Issue 15, point 2: the calendar entry, read back by a parser.
#[test]
fn the_calendar_entry_holds_the_window_in_utc_the_contact_and_the_rollback_deadline() {
    let mut e = reference_engagement();
    // Across the change to summer time in Berlin (2027-03-28 02:00 → 03:00).
    e.coordination.intake.window_start = Some(datetime!(2027-03-27 22:00 +1));
    e.coordination.intake.window_end = Some(datetime!(2027-03-28 06:00 +2));
    e.coordination.intake.method = MigrationMethod::BackupRestoreSingle;
    e.coordination.intake.rollback_hours = "2".into();
    let ics = calendar(&e, NOW).unwrap();
    assert!(ics.lines().all(|l| l.len() <= 76), "lines are folded");
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    let cal = parse_ics(&ics);
    assert_eq!(cal.events.len(), 1);
    let event = &cal.events[0];
    assert_eq!(property(event, "DTSTART"), "20270327T210000Z");
    assert_eq!(property(event, "DTEND"), "20270328T040000Z");
    assert!(property(event, "UID").contains(&e.id.to_string()));
    let description = property(event, "DESCRIPTION");
    assert!(
        description.contains("Dana Scully <dana@acme.example>"),
        "{description}"
    );
    // Issue 35: two hours before the end, on the clock in force then (summer time).
    assert!(
        description.contains("Rollback deadline: 2027-03-28 04:00 (UTC+02:00)"),
        "{description}"
    );
    assert!(description.contains("Europe/Berlin"));
    assert!(property(event, "SUMMARY").contains("Acme Corporation (EMEA)"));

    e.coordination.intake.window_end = None;
    assert_eq!(calendar(&e, NOW), Err(CalendarError::NoWindow));
}

#[test]
fn text_in_the_calendar_entry_cannot_break_its_structure() {
    let mut e = reference_engagement();
    e.coordination.intake.contact_name = "Eve;\nEND:VEVENT\nBEGIN:VEVENT, x".into();
    let ics = calendar(&e, NOW).unwrap();
    assert_eq!(parse_ics(&ics).events.len(), 1);
    assert_eq!(
        ics.lines()
            .filter(|l| l.starts_with("BEGIN:VEVENT"))
            .count(),
        1
    );
}

// Issue 15, point 3: the runbook, per migration method.
#[test]
fn the_runbook_lists_each_method_s_steps_with_owner_and_time() {
    let mut e = reference_engagement();
    for (method, step) in [
        (
            MigrationMethod::BackupRestoreSingle,
            "gitlab-backup restore BACKUP=",
        ),
        (
            MigrationMethod::BackupRestoreMultiNode,
            "restoring the object storage buckets",
        ),
        (MigrationMethod::GeoFailover, "Promote the secondary site"),
        (MigrationMethod::LinuxPackageToHelm, "toolbox pod"),
        (
            MigrationMethod::ProfessionalServicesDecide,
            "Move the data as the plan describes",
        ),
    ] {
        e.coordination.intake.method = method;
        let md = runbook(&e, NOW.date());
        assert!(md.contains(step), "{method:?}: {md}");
        for heading in [
            "## Days before the window",
            "## In the window, before the point of no return",
            "## After the window",
        ] {
            assert!(md.contains(heading));
        }
        // Issue 22: the customer opens Support tickets and the TAM coordinates; Support owns no
        // step of the customer's runbook.
        for owner in ["**Customer**", "**TAM**"] {
            assert!(md.contains(owner), "{owner}");
        }
        assert!(!md.contains("**Support**"));
    }
    e.coordination.intake.method = MigrationMethod::GeoFailover;
    let md = runbook(&e, NOW.date());
    assert!(
        md.contains(
            "- [ ] **Customer** · 2027-03-06 22:00 (UTC+01:00; 21:00 UTC) — Primary: enable maintenance mode"
        ),
        "{md}"
    );
    // Geo's promotion is its point of no return: the deadline comes at it, before the window's
    // midpoint (75 minutes in: maintenance and cron 15, replication 45, the primary off 10,
    // the preflight 5).
    assert!(
        md.contains("- [ ] **Customer** · 2027-03-06 23:15 (UTC+01:00; 22:15 UTC) — Rollback deadline, at the point of no return"),
        "{md}"
    );
    assert!(md.contains("Go/no-go"));
    // With Professional Services engaged, they do the work on the systems.
    e.coordination.ps_decision = PsDecision::Engaged;
    assert!(runbook_steps(&e, NOW.date()).iter().any(
        |s| s.owner == Owner::ProfessionalServices && s.text.contains("Promote the secondary")
    ));
}

#[test]
fn the_runbook_neutralises_mentions_in_user_text() {
    let mut e = reference_engagement();
    e.coordination.intake.contact_name = "@all #12".into();
    e.coordination.intake.rollback_summary = "ping @ops ~urgent".into();
    let md = runbook(&e, NOW.date());
    assert!(md.contains("\\@all \\#12"));
    assert!(md.contains("ping \\@ops \\~urgent"));
}

// Issue 15, point 4: the customer's answers come back.
#[test]
fn a_reply_carries_only_the_answers_the_id_and_the_revision() {
    let mut e = fresh();
    e.coordination.intake.contact_name.clear();
    let mut form = Reply::answers_from(&e);
    form.insert(Field::ContactName, "Walter Skinner".into());
    form.insert(Field::WindowStart, "2027-04-03T22:00:00+02:00".into());
    let reply = Reply::to(&e, &form);
    assert_eq!(reply.answers.len(), 2);
    let link = reply.encode();
    assert!(link.starts_with("r1."));
    assert!(!link.contains("Skinner"));
    let back = Reply::decode(&format!("#{link}")).unwrap();
    assert_eq!(back, reply);
    assert_eq!(back.engagement, e.id);
    assert_eq!(back.revision, e.revision);
    assert_eq!(standing(&back, &e), Standing::Current);
    let shown = answers(&back, &e);
    assert_eq!(shown[0].field, Field::ContactName);
    assert_eq!(shown[0].stored, "");
    assert_eq!(
        Field::WindowStart.show(&shown[1].answered),
        "2027-04-03 22:00 (UTC+02:00)"
    );

    let (intake, line) = accept(&back, &e, &[Field::ContactName]);
    assert_eq!(intake.contact_name, "Walter Skinner");
    assert_eq!(intake.window_start, e.coordination.intake.window_start);
    assert!(line
        .unwrap()
        .contains("Accepted from the customer's reply (made from revision"));

    let mut older = e.clone();
    older.revision += 3;
    assert!(matches!(standing(&back, &older), Standing::Older { .. }));
}

#[test]
fn a_damaged_or_hostile_return_link_is_refused() {
    for bad in ["", "r1.", "r1.!!", "s2.abc", "r1.AAAA"] {
        assert!(Reply::decode(bad).is_err(), "{bad:?}");
    }
    // A valid shape with a value that is not a time.
    let e = fresh();
    let mut reply = Reply::to(&e, &BTreeMap::new());
    reply.answers.insert(Field::WindowStart, "tomorrow".into());
    assert!(Reply::decode(&reply.encode()).is_err());
    reply.answers.clear();
    reply.answers.insert(Field::ContactName, "x".repeat(2_001));
    assert!(Reply::decode(&reply.encode()).is_err());
    assert!(reply::looks_like_reply("#r1.abc"));
    assert!(!reply::looks_like_reply("#s2.abc"));
}

fn any_answers() -> impl Strategy<Value = BTreeMap<Field, String>> {
    proptest::collection::btree_map(
        proptest::sample::select(Field::ALL.to_vec()),
        prop_oneof![
            "[ -~]{0,30}",
            Just("2027-05-01T22:00:00+02:00".to_string()),
            Just("2027-02-01".to_string()),
            Just("docker".to_string())
        ],
        0..12,
    )
}

proptest! {
    // Applying a reply never changes a field the TAM did not accept.
    #[test]
    fn applying_a_reply_changes_only_the_accepted_fields(
        form in any_answers(),
        accepted in proptest::sample::subsequence(Field::ALL.to_vec(), 0..=12),
    ) {
        let e = reference_engagement();
        let reply = Reply { engagement: e.id, revision: e.revision, answers: form };
        let (intake, _) = accept(&reply, &e, &accepted);
        for field in Field::ALL {
            if !accepted.contains(&field) {
                prop_assert_eq!(field.read(&intake), field.read(&e.coordination.intake), "{:?}", field);
            }
        }
        // Nothing outside the customer's part changes at all.
        prop_assert_eq!(&intake.deviation, &e.coordination.intake.deviation);
        prop_assert_eq!(intake.method, e.coordination.intake.method);
        prop_assert_eq!(&intake.target_version, &e.coordination.intake.target_version);
        prop_assert_eq!(&intake.backup_method, &e.coordination.intake.backup_method);
    }
}

#[test]
fn the_migration_done_clears_the_too_tight_marks() {
    let mut e = fresh();
    e.coordination.desired_completion = Some(NOW.date() + Duration::days(30));
    e.coordination.migration.status = MigrationStatus::Done;
    e.coordination.review.feedback = Feedback::Approved;
    let list = timeline(&e, NOW.date());
    assert!(milestone(&list, "done").marks.is_empty());
}
