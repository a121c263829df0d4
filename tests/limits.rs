//! The limits one engagement keeps to: checked where text enters, before a write, and on read,
//! so that nothing written is refused later; and no stored, imported or shared value reaches a
//! panic in any rendering.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{reference_engagement, NOW};
use proptest::prelude::*;
use serde_json::{json, Value};
use time::{Date, Duration, OffsetDateTime, UtcOffset};
use upgrade_planner::domain::documents::plan::{
    backup_json, markdown, parse_import, plan_json, Audience,
};
use upgrade_planner::domain::documents::share;
use upgrade_planner::domain::engagement::fields;
use upgrade_planner::domain::engagement::limits::{
    self, check_text, LimitError, LINE_CHARS, LONG_TEXT_CHARS, MAX_CONSULTATIONS,
    MAX_DOCUMENT_BYTES, MAX_REVISION,
};
use upgrade_planner::domain::engagement::{CustomerName, Engagement, NameError, ReadError};
use upgrade_planner::domain::process::workflow::{
    self, Consultation, Feedback, LogEntry, Migration, MigrationStatus, MoveReasons, PlanRecord,
    PsDecision, Team,
};
use upgrade_planner::domain::sizing::reference::Rps;
use upgrade_planner::domain::sizing::SizingInputs;

fn stored_value(e: &Engagement) -> Value {
    serde_json::from_str(&e.to_json().unwrap()).unwrap()
}

// Story: a 1 MB paste into the internal notes was saved, then refused on the next read, and the
// engagement vanished from the list.
#[test]
fn a_text_over_its_fields_limit_is_refused_where_it_is_typed() {
    assert_eq!(
        check_text(&"é".repeat(LONG_TEXT_CHARS), LONG_TEXT_CHARS),
        Ok(())
    );
    let over = check_text(&"é".repeat(LONG_TEXT_CHARS + 1), LONG_TEXT_CHARS).unwrap_err();
    assert_eq!(over.chars, LONG_TEXT_CHARS + 1);
    assert_eq!(
        over.to_string(),
        "This field holds up to 100,000 characters; this text has 100,001. Shorten it: until then, what you typed here is not saved."
    );
}

#[test]
fn a_change_that_would_make_the_document_too_large_is_refused_before_writing() {
    let mut e = reference_engagement();
    assert_eq!(limits::check(&e), Ok(()));
    // Each field within its own limit, the document over its limit.
    let long = "€".repeat(LONG_TEXT_CHARS);
    e.internal_notes = long.clone();
    e.coordination.review.notes = long.clone();
    if let Some(plan) = e.coordination.plan.as_mut() {
        plan.summary = long.clone();
    }
    e.coordination.consultations[0].answer = long;
    assert_eq!(limits::check_fields(&e), Ok(()));
    let error = limits::check(&e).unwrap_err();
    let LimitError::TooLarge { bytes } = error else {
        panic!("{error:?}")
    };
    assert!(bytes > MAX_DOCUMENT_BYTES);
    // What the write side accepts, the read side reads.
    let mut fits = reference_engagement();
    fits.internal_notes = "n".repeat(LONG_TEXT_CHARS);
    assert_eq!(limits::check(&fits), Ok(()));
    assert!(Engagement::from_json(&fits.to_json().unwrap()).is_ok());
}

#[test]
fn a_stored_field_over_its_limit_is_refused_on_read_with_a_message() {
    let mut value = stored_value(&reference_engagement());
    value["internal_notes"] = json!("x".repeat(LONG_TEXT_CHARS + 1));
    let error = Engagement::from_json(&value.to_string()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "The internal notes has 100,001 characters, over its limit of 100,000"
    );
}

// Story: a 1.5 KB link inflated to hundreds of thousands of empty consultations and froze the tab.
#[test]
fn a_link_that_inflates_to_a_huge_list_is_refused() {
    let mut value = stored_value(&reference_engagement());
    value["coordination"]["consultations"] = Value::Array(vec![json!({}); 200_000]);
    let json = value.to_string();
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
    use base64::Engine as _;
    let fragment = format!(
        "s1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(deflated)
    );
    assert!(fragment.len() < 5_000, "{}", fragment.len());
    let error = share::decode(&fragment).unwrap_err();
    assert_eq!(
        error,
        share::ShareError::Document(ReadError::Limit(LimitError::TooMany {
            what: "consultations",
            count: 200_000,
            limit: MAX_CONSULTATIONS,
        }))
    );
}

#[test]
fn revision_counters_out_of_range_are_refused_on_read() {
    let mut value = stored_value(&reference_engagement());
    value["revision"] = json!(u64::MAX);
    assert_eq!(
        Engagement::from_json(&value.to_string()),
        Err(ReadError::Limit(LimitError::Counter { what: "revision" }))
    );
    value["revision"] = json!(MAX_REVISION);
    let mut e = Engagement::from_json(&value.to_string()).unwrap();
    e.set_internal_notes("one more change".into(), NOW);
    assert!(
        limits::check(&e).is_err(),
        "a change past the bound is refused, not wrapped"
    );
    let mut value = stored_value(&reference_engagement());
    value["coordination"]["plan_revision"] = json!(u32::MAX);
    assert!(matches!(
        Engagement::from_json(&value.to_string()),
        Err(ReadError::Limit(LimitError::Counter { .. }))
    ));
}

// Story: a plan file whose log entry was 9999-12-31T23:00:00-05:00 imported fine, then every
// Markdown export of it aborted.
#[test]
fn a_far_future_date_in_a_file_is_refused_on_import_not_at_export() {
    let mut value = stored_value(&reference_engagement());
    value["log"][0]["at"] = json!("9999-12-31T23:00:00-05:00");
    let file = json!({
        "format": "gitlab-upgrade-planner/plan",
        "format_version": 1,
        "engagement": value,
    });
    let error = parse_import(file.to_string().as_bytes()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("a log entry's time is outside the years 1900 to 9998"),
        "{error}"
    );
    // And were one to reach the Markdown anyway, it is written, not a panic.
    let mut e = reference_engagement();
    e.log[0].at = time::macros::datetime!(9999-12-31 23:00 -5);
    let md = markdown(&e, NOW, Audience::Support);
    assert!(md.contains("9999-12-31 23:00"), "{md}");
}

#[test]
fn names_refuse_control_characters_and_direction_overrides() {
    for name in [
        "Acme\u{202E}evil",
        "Acme\u{2066}x",
        "Acme\u{0007}",
        "Acme\nCorp",
    ] {
        assert_eq!(
            name.parse::<CustomerName>(),
            Err(NameError::Characters),
            "{name:?}"
        );
    }
    assert_eq!(
        NameError::Characters.to_string(),
        "The customer name holds an invisible control or text-direction character; type it again without it."
    );
    assert!("Åcme 株式会社 (EMEA) — ✓".parse::<CustomerName>().is_ok());
}

// --- Property: every builder of what leaves the app takes any engagement that reads ---------

fn any_text(max: usize) -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[ -~]{0,40}",
        any::<String>().prop_map(move |s| s.chars().take(max).collect()),
        Just(
            "@all #123 !12 ~label %milestone <script>alert(1)</script> [x](javascript:alert(1))"
                .to_string()
        ),
        Just("\u{202E}\u{2066}\u{0000}\u{0007}\r\n\t\u{FEFF}".to_string()),
        Just("9".repeat(50)),
    ]
    .boxed()
}

fn any_number_text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[0-9]{1,18}",
        "[0-9]{1,3}(,[0-9]{3}){0,5}",
        "-?[0-9]{0,5}\\.?[0-9]{0,5}",
        Just("1e308".to_string()),
        Just("NaN".to_string()),
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
    .boxed()
}

fn any_date() -> impl Strategy<Value = Date> {
    prop_oneof![
        (1900i32..=9998, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| {
            Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
        }),
        Just(Date::from_calendar_date(1900, time::Month::January, 1).unwrap()),
        Just(Date::from_calendar_date(9998, time::Month::December, 31).unwrap()),
    ]
}

fn any_instant() -> impl Strategy<Value = OffsetDateTime> {
    // RFC 3339, the stored form, has offsets in whole minutes.
    (any_date(), 0i64..86_400, -1_439i32..=1_439).prop_map(|(day, seconds, minutes)| {
        let utc = day.midnight().assume_utc() + Duration::seconds(seconds);
        let offset = UtcOffset::from_whole_seconds(minutes * 60).unwrap();
        utc.checked_to_offset(offset).unwrap_or(utc)
    })
}

fn any_rps() -> BoxedStrategy<Rps<String>> {
    (
        any_number_text(),
        any_number_text(),
        any_number_text(),
        any_number_text(),
    )
        .prop_map(|(api, web, git_pull, git_push)| Rps {
            api,
            web,
            git_pull,
            git_push,
        })
        .boxed()
}

fn any_sizing() -> BoxedStrategy<SizingInputs> {
    (
        (
            any_number_text(),
            any_number_text(),
            any_number_text(),
            any_number_text(),
        ),
        (any_rps(), any_rps()),
        prop_oneof![
            Just(""),
            Just("aws"),
            Just("gcp"),
            Just("azure"),
            Just("bare-metal"),
            Just("x")
        ],
        any::<[bool; 5]>(),
        prop_oneof![
            Just(""),
            Just("none"),
            Just("2-10gb"),
            Just("over-10gb"),
            Just("?")
        ],
    )
        .prop_map(
            |((users, growth, horizon, target), (peak, sustained), platform, flags, monorepos)| {
                SizingInputs {
                    current_users: users,
                    annual_growth_pct: growth,
                    horizon_months: horizon,
                    target_users: target,
                    peak_rps: peak,
                    sustained_rps: sustained,
                    platform: platform.into(),
                    ha_required: flags[0],
                    zero_downtime: flags[1],
                    geo: flags[2],
                    kubernetes_expertise: flags[3],
                    monorepos: monorepos.into(),
                    heavy_automation: flags[4],
                    size_on_load: flags[0] && flags[4],
                    hybrid_at_2k: flags[3],
                }
            },
        )
        .boxed()
}

fn any_engagement() -> impl Strategy<Value = Engagement> {
    (
        (
            any_sizing(),
            any_text(200),
            any_text(LINE_CHARS),
            any_text(200),
        ),
        (
            proptest::option::of(any_date()),
            proptest::option::of(any_date()),
            prop_oneof![
                Just(PsDecision::Undecided),
                Just(PsDecision::Engaged),
                Just(PsDecision::Declined)
            ],
            proptest::collection::vec((any_text(100), any_text(100)), 0..3),
            proptest::option::of((any_text(100), any_text(300), any_date())),
        ),
        (
            proptest::option::of(any_date()),
            any_text(100),
            prop_oneof![
                Just(Feedback::Pending),
                Just(Feedback::ChangesRequested),
                Just(Feedback::Approved)
            ],
            0u32..5,
            proptest::option::of(any_date()),
            proptest::option::of(any_date()),
        ),
        (
            proptest::collection::vec((any_instant(), any_text(100)), 0..4),
            any_instant(),
            any_instant(),
            0u64..=MAX_REVISION,
        ),
    )
        .prop_map(|(basics, process, review, history)| {
            let (sizing, notes, environment, version) = basics;
            let (completion, decided, decision, consultations, plan) = process;
            let (shared, ticket, feedback, plan_revision, start, end) = review;
            let (log, created, updated, revision) = history;
            let mut e = reference_engagement();
            e.sizing = sizing;
            e.internal_notes = notes;
            let c = &mut e.coordination;
            c.move_reasons = MoveReasons {
                other: version.clone(),
                ..MoveReasons::default()
            };
            c.current_environment = environment;
            c.gitlab_version = version.chars().take(60).collect();
            c.desired_completion = completion;
            c.ps_decided_on = decided;
            c.ps_decision = decision;
            c.consultations = consultations
                .into_iter()
                .map(|(question, answer)| Consultation {
                    team: Team::Other,
                    question,
                    answer,
                })
                .collect();
            c.plan = plan.map(|(link, summary, date)| PlanRecord {
                link,
                summary,
                date,
            });
            c.plan_revision = plan_revision;
            c.review.shared_on = shared;
            c.review.ticket = ticket;
            c.review.feedback = feedback;
            c.migration = Migration {
                start,
                end,
                status: MigrationStatus::InProgress,
            };
            e.log = log
                .into_iter()
                .map(|(at, text)| LogEntry { at, on: None, text })
                .collect();
            e.created = created;
            e.updated = updated;
            e.revision = revision;
            // The window and the rehearsal at any instants the limits allow, in any order.
            e.coordination.intake.window_start = Some(created);
            e.coordination.intake.window_end = Some(updated);
            e.coordination.intake.rehearsal_on = completion;
            e
        })
}

proptest! {
    // Story (issue 24): a Support ticket of "!" read back, but its customer link would no
    // longer open once link fields had to hold web addresses; the case is kept to try first.
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
            "tests/proptest-regressions/limits.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_rendering_takes_any_engagement_that_reads(e in any_engagement(), now in any_instant()) {
        prop_assume!(limits::check(&e).is_ok());
        // What reads back from storage is what the builders get.
        let e = Engagement::from_json(&e.to_json().unwrap()).unwrap();
        for audience in [Audience::Support, Audience::Customer] {
            let md = markdown(&e, now, audience);
            prop_assert!(!md.is_empty());
        }
        prop_assert!(plan_json(&e, now).is_ok());
        prop_assert!(backup_json(std::slice::from_ref(&e), &[], now).is_ok());
        let status = workflow::status(&e, now.date());
        let _ = workflow::customer_next_step(&e, &status);
        let _ = workflow::sizing_of(&e);
        // The cut-over's files and the timeline, for any stored engagement.
        let _ = upgrade_planner::domain::documents::cutover::timeline(&e, now.date());
        let _ = upgrade_planner::domain::documents::cutover::calendar(&e, now);
        prop_assert!(!upgrade_planner::domain::documents::runbook::runbook(&e, now.date()).is_empty());
        let fragment = share::encode(&e).unwrap();
        prop_assert!(fragment.len() < 200_000);
        // A link field holding something other than a web address keeps the plan closed (and
        // the TAM is told before a link is made); any other engagement opens as it was sent.
        match fields::check_links(&e) {
            Ok(()) => prop_assert_eq!(share::decode(&fragment).unwrap(), share::customer_copy(&e)),
            Err(bad) => prop_assert_eq!(share::decode(&fragment), Err(share::ShareError::Link(bad))),
        }
    }

    /// Issue 26, point 2: between any two engagements that pass the limits, every field reported
    /// differs, and every difference is reported: nothing is reported exactly when the stored
    /// documents are the same but for their record keeping.
    #[test]
    fn the_comparison_reports_exactly_the_fields_that_differ(
        a in any_engagement(),
        b in any_engagement(),
        same_sizing in any::<bool>(),
    ) {
        use upgrade_planner::domain::documents::compare::compare;
        prop_assume!(limits::check(&a).is_ok() && limits::check(&b).is_ok());
        let mut b = b;
        if same_sizing {
            // Often only a part differs: the sizing alike, or everything.
            b.sizing = a.sizing.clone();
        }
        b.id = a.id;
        b.created = a.created;
        b.updated = a.updated;
        b.revision = a.revision;
        for (x, y) in [(&a, &b), (&b, &a)] {
            let changes = compare(x, y);
            for c in &changes {
                prop_assert_ne!(&c.before, &c.after, "{} reported unchanged", c.field);
            }
            let same = serde_json::to_value(x).unwrap() == serde_json::to_value(y).unwrap();
            prop_assert_eq!(changes.is_empty(), same, "{:#?}", changes);
        }
        prop_assert!(compare(&a, &a).is_empty());
        // One part of b at a time in a: reported exactly when that part differs.
        let parts: [&dyn Fn(&mut Engagement); 5] = [
            &|e| e.sizing = b.sizing.clone(),
            &|e| e.coordination.intake = b.coordination.intake.clone(),
            &|e| e.coordination = b.coordination.clone(),
            &|e| e.internal_notes = b.internal_notes.clone(),
            &|e| e.log = b.log.clone(),
        ];
        for part in parts {
            let mut c = a.clone();
            part(&mut c);
            let same = serde_json::to_value(&a).unwrap() == serde_json::to_value(&c).unwrap();
            prop_assert_eq!(compare(&a, &c).is_empty(), same);
        }
    }
}

// Story: "Export all" left out entries from a newer version and entries moved aside, so the
// backup a TAM trusted was not whole.
#[test]
fn a_backup_carries_the_entries_this_version_cannot_read_and_gives_them_back() {
    use upgrade_planner::domain::documents::plan::{Import, KeptAside};
    let readable = reference_engagement();
    let newer = KeptAside {
        key: "upgrade-planner.engagement.6f1c".into(),
        reason: "it was written by a newer version of this app".into(),
        raw: r#"{"schema_version":99,"customer_name":"From the future"}"#.into(),
    };
    let fixed = KeptAside {
        key: "upgrade-planner.quarantine.x".into(),
        reason: "it was moved aside".into(),
        raw: readable.to_json().unwrap(),
    };
    let mut other = reference_engagement();
    other.set_id(upgrade_planner::domain::engagement::EngagementId::from_random_bytes([7; 16]));
    let file = backup_json(std::slice::from_ref(&other), &[newer.clone(), fixed], NOW).unwrap();
    assert!(file.contains("From the future"));
    let Ok(Import::Backup(engagements, kept, _)) = parse_import(file.as_bytes()) else {
        panic!("not read back")
    };
    assert_eq!(
        engagements,
        vec![other, readable],
        "what reads now comes back"
    );
    assert_eq!(kept, vec![newer], "what does not stays, as it was");
}
