//! Native tests of the coordination process: every transition and guardrail.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use upgrade_planner::domain::process::workflow::Guardrail;

use time::macros::{date, datetime};
use time::OffsetDateTime;
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::workflow::{
    add_months, apply, customer_next_step, effective_feedback, handover_documents, plan_author,
    review_out_of_date, sizing_of, stage, status, support_is_primary_contact, Action, ActionAt,
    Consultation, Feedback, Migration, MigrationStatus, PlanAuthor, PlanRecord, PsDecision,
    Refusal, Stage, Team,
};
use upgrade_planner::domain::sizing::SizingInputs;

const NOW: OffsetDateTime = datetime!(2026-11-25 10:00 UTC);
const TODAY: time::Date = date!(2026 - 11 - 25);

fn engagement_with(users: &str, growth: &str, horizon: &str) -> Engagement {
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([7; 16]),
        "Acme".parse().unwrap(),
        datetime!(2026-11-01 09:00 UTC),
    );
    e.set_sizing(
        SizingInputs {
            current_users: users.into(),
            annual_growth_pct: growth.into(),
            horizon_months: horizon.into(),
            ..SizingInputs::default()
        },
        NOW,
    );
    e
}

fn decide(e: &mut Engagement, decision: PsDecision, confirmed: bool) -> Result<(), Refusal> {
    apply(
        e,
        Action::DecidePs {
            decision,
            on: TODAY,
            confirmed,
        },
        NOW,
    )
}

fn record_plan(e: &mut Engagement, summary: &str) -> Result<(), Refusal> {
    apply(
        e,
        Action::RecordPlan(PlanRecord {
            link: String::new(),
            summary: summary.into(),
            date: TODAY,
        }),
        NOW,
    )
}

fn share(e: &mut Engagement) {
    apply(
        e,
        Action::ShareWithSupport {
            on: Some(TODAY),
            ticket: "https://support.example/1".into(),
            confirmed: true,
        },
        NOW,
    )
    .unwrap();
}

fn feedback(e: &mut Engagement, f: Feedback) {
    apply(
        e,
        Action::SetFeedback {
            feedback: f,
            notes: String::new(),
        },
        NOW,
    )
    .unwrap();
}

/// Moves the migration in `window` to `status`.
fn set_migration_status(e: &mut Engagement, window: &Migration, status: MigrationStatus) {
    let migration = Migration {
        status,
        ..window.clone()
    };
    apply(e, Action::SetMigration(migration), NOW).unwrap();
}

fn log_texts(e: &Engagement) -> Vec<&str> {
    e.log.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn requirements_are_complete_once_the_users_are_known() {
    let mut e = engagement_with("", "", "");
    assert_eq!(stage(&e), Stage::Requirements);
    // Issue 35: growth is optional; the sizing is then on today's users.
    e = engagement_with("1200", "", "");
    assert_eq!(
        stage(&e),
        Stage::ProfessionalServices,
        "today's users are enough"
    );
    e = engagement_with("1200", "0", "");
    assert_eq!(
        stage(&e),
        Stage::ProfessionalServices,
        "no growth is an answer"
    );
    let mut target = engagement_with("1200", "", "");
    target.set_sizing(
        SizingInputs {
            target_users: "2000".into(),
            ..target.sizing.clone()
        },
        NOW,
    );
    assert_eq!(stage(&target), Stage::ProfessionalServices);
    assert!(log_texts(&target).contains(&"Stage: Requirements → Professional Services."));
    assert!(status(&e, TODAY)
        .next_action
        .contains("Recommend Professional Services"));
}

#[test]
fn a_stage_cannot_be_completed_before_the_one_it_depends_on() {
    let mut e = engagement_with("", "", "");
    let refused = decide(&mut e, PsDecision::Engaged, false).unwrap_err();
    assert!(matches!(
        refused,
        Refusal::Blocked {
            needs: Stage::Requirements,
            ..
        }
    ));
    assert!(refused
        .to_string()
        .contains("Complete the requirements first"));

    let mut e = engagement_with("1200", "10", "12");
    let plan = record_plan(&mut e, "Move to AWS").unwrap_err();
    assert!(matches!(
        plan,
        Refusal::Blocked {
            needs: Stage::ProfessionalServices,
            ..
        }
    ));
    assert_eq!(
        plan.to_string(),
        "Record the customer's decision on Professional Services first."
    );

    decide(&mut e, PsDecision::Engaged, false).unwrap();
    let review = apply(
        &mut e,
        Action::ShareWithSupport {
            on: Some(TODAY),
            ticket: String::new(),
            confirmed: true,
        },
        NOW,
    );
    assert!(matches!(
        review,
        Err(Refusal::Blocked {
            needs: Stage::Plan,
            ..
        })
    ));
    let migration = apply(&mut e, Action::SetMigration(Migration::default()), NOW);
    assert!(matches!(
        migration,
        Err(Refusal::Blocked {
            needs: Stage::Plan,
            ..
        })
    ));
    assert_eq!(stage(&e), Stage::Plan);
}

#[test]
fn five_thousand_users_exactly_make_professional_services_highly_recommended() {
    let e = engagement_with("5000", "0", "");
    let s = status(&e, TODAY);
    assert!(s.large_upgrade);
    assert!(s
        .next_action
        .contains("highly recommended at 5,000 users or more"));
    assert!(!status(&engagement_with("4999", "0", ""), TODAY).large_upgrade);
}

#[test]
fn projected_users_crossing_5000_count_while_current_users_are_below() {
    let e = engagement_with("4600", "10", "12");
    let s = status(&e, TODAY);
    assert_eq!(s.peak_users, Some(5060));
    assert!(s.large_upgrade);
}

#[test]
fn declining_at_5000_or_more_needs_confirmation_and_is_logged() {
    let mut e = engagement_with("6000", "0", "");
    let asked = decide(&mut e, PsDecision::Declined, false).unwrap_err();
    assert!(matches!(asked, Refusal::NeedsConfirmation(ref q) if q.contains("6,000 users")));
    assert_eq!(
        e.coordination.ps_decision,
        PsDecision::Undecided,
        "nothing changed"
    );
    decide(&mut e, PsDecision::Declined, true).unwrap();
    assert_eq!(e.coordination.ps_decision, PsDecision::Declined);
    assert_eq!(e.coordination.ps_decided_on, Some(TODAY));
    assert!(log_texts(&e)
        .iter()
        .any(|t| t.contains("declined Professional Services at 6,000 users (confirmed")));
    assert_eq!(plan_author(&e.coordination), Some(PlanAuthor::Customer));

    let mut small = engagement_with("800", "0", "");
    decide(&mut small, PsDecision::Declined, false).unwrap();
}

#[test]
fn declined_then_engaged_hands_the_plan_to_professional_services() {
    let mut e = engagement_with("2000", "0", "");
    decide(&mut e, PsDecision::Declined, false).unwrap();
    assert_eq!(plan_author(&e.coordination), Some(PlanAuthor::Customer));
    assert!(status(&e, TODAY)
        .next_action
        .contains("Hand the reference-architecture documents over"));
    decide(&mut e, PsDecision::Engaged, false).unwrap();
    assert_eq!(
        plan_author(&e.coordination),
        Some(PlanAuthor::ProfessionalServices)
    );
    assert!(status(&e, TODAY)
        .next_action
        .contains("Professional Services' upgrade plan"));
    let texts = log_texts(&e);
    assert!(texts.iter().any(|t| t.contains("declined")));
    assert!(texts.iter().any(|t| t.contains("engaged")));
}

#[test]
fn a_declined_customer_gets_the_documents_and_consultations_are_kept() {
    let mut e = engagement_with("2500", "0", "");
    decide(&mut e, PsDecision::Declined, false).unwrap();
    let rec = sizing_of(&e).map(|(_, rec)| rec);
    let docs = handover_documents(rec.as_ref(), Default::default());
    assert_eq!(
        docs[0].url,
        "https://docs.gitlab.com/administration/reference_architectures/3k_users/"
    );
    assert!(docs.iter().any(|d| d.url.ends_with("/sizing/")));
    for d in &docs {
        apply(
            &mut e,
            Action::HandOver {
                url: d.url.clone(),
                title: d.title.clone(),
                on: Some(TODAY),
            },
            NOW,
        )
        .unwrap();
    }
    assert_eq!(e.coordination.handed_over.len(), docs.len());
    assert!(status(&e, TODAY)
        .next_action
        .contains("Record the customer's upgrade plan"));
    let empty = apply(
        &mut e,
        Action::AddConsultation(Consultation::default()),
        NOW,
    );
    assert!(matches!(empty, Err(Refusal::Invalid(_))));
    apply(
        &mut e,
        Action::AddConsultation(Consultation {
            team: Team::Quality,
            question: "Is Gitaly Cluster tested at 3k?".into(),
            answer: "Yes".into(),
        }),
        NOW,
    )
    .unwrap();
    assert!(log_texts(&e)
        .iter()
        .any(|t| t.starts_with("Consulted Quality")));
    let no_plan = record_plan(&mut e, "  ");
    assert!(matches!(no_plan, Err(Refusal::Invalid(_))));
    record_plan(&mut e, "Customer plan: 3k on AWS").unwrap();
    assert_eq!(stage(&e), Stage::SupportReview);
    assert!(log_texts(&e).contains(&"Upgrade plan recorded; written by the customer."));
}

#[test]
fn a_plan_revised_after_changes_requested_goes_back_to_review() {
    let mut e = engagement_with("3000", "5", "12");
    decide(&mut e, PsDecision::Engaged, false).unwrap();
    record_plan(&mut e, "v1").unwrap();
    assert!(status(&e, TODAY)
        .next_action
        .contains("share the plan with Support for review"));
    let early = apply(
        &mut e,
        Action::SetFeedback {
            feedback: Feedback::Approved,
            notes: String::new(),
        },
        NOW,
    );
    assert!(matches!(early, Err(Refusal::Invalid(_))), "not shared yet");
    share(&mut e);
    feedback(&mut e, Feedback::ChangesRequested);
    assert_eq!(stage(&e), Stage::SupportReview);
    assert!(status(&e, TODAY)
        .next_action
        .contains("Support requested changes"));
    record_plan(&mut e, "v2").unwrap();
    assert_eq!(effective_feedback(&e.coordination), Feedback::Pending);
    assert!(status(&e, TODAY).next_action.contains("revised plan"));
    feedback(&mut e, Feedback::Approved);
    assert_eq!(stage(&e), Stage::Migration);
    assert!(log_texts(&e).contains(&"Stage: Support review → Migration."));
}

#[test]
fn changing_the_sizing_after_approval_makes_the_review_out_of_date() {
    let mut e = engagement_with("3000", "5", "12");
    decide(&mut e, PsDecision::Engaged, false).unwrap();
    record_plan(&mut e, "v1").unwrap();
    share(&mut e);
    feedback(&mut e, Feedback::Approved);
    assert!(!review_out_of_date(&e));
    e.set_sizing(
        SizingInputs {
            current_users: "3500".into(),
            ..e.sizing.clone()
        },
        NOW,
    );
    assert!(review_out_of_date(&e));
    assert_eq!(stage(&e), Stage::SupportReview);
    let s = status(&e, TODAY);
    assert!(s
        .warnings
        .iter()
        .any(|w| w.rule == Guardrail::ReviewOutOfDate));
    assert!(s
        .next_action
        .contains("share the updated plan with Support again"));
    assert!(log_texts(&e)
        .iter()
        .any(|t| t.contains("review is out of date")));
    feedback(&mut e, Feedback::Approved);
    assert!(!review_out_of_date(&e));
}

#[test]
fn the_migration_completes_the_process() {
    let mut e = engagement_with("6000", "0", "");
    decide(&mut e, PsDecision::Declined, true).unwrap();
    record_plan(&mut e, "plan").unwrap();
    share(&mut e);
    feedback(&mut e, Feedback::Approved);
    let backwards = Migration {
        start: Some(date!(2027 - 02 - 10)),
        end: Some(date!(2027 - 02 - 01)),
        status: MigrationStatus::Scheduled,
    };
    assert!(matches!(
        apply(&mut e, Action::SetMigration(backwards), NOW),
        Err(Refusal::Invalid(_))
    ));
    let window = Migration {
        start: Some(date!(2027 - 02 - 01)),
        end: Some(date!(2027 - 02 - 03)),
        status: MigrationStatus::Scheduled,
    };
    apply(&mut e, Action::SetMigration(window.clone()), NOW).unwrap();
    assert!(status(&e, TODAY).next_action.contains("2027-02-01"));
    assert!(
        support_is_primary_contact(&e.coordination),
        "declined: Support, until done"
    );
    set_migration_status(&mut e, &window, MigrationStatus::RolledBack);
    assert!(status(&e, TODAY).next_action.contains("rolled back"));
    set_migration_status(&mut e, &window, MigrationStatus::Done);
    assert!(!support_is_primary_contact(&e.coordination));
    assert_eq!(stage(&e), Stage::Done);
    assert!(status(&e, TODAY).next_action.contains("Nothing left"));
    assert!(log_texts(&e).contains(&"Migration status: done."));
    assert!(log_texts(&e).contains(&"Stage: Migration → Done."));
}

#[test]
fn a_large_upgrade_due_in_under_three_months_is_warned_about() {
    let mut e = engagement_with("5200", "0", "");
    apply(
        &mut e,
        Action::SetDesiredCompletion(Some(date!(2027 - 02 - 24))),
        NOW,
    )
    .unwrap();
    let w = status(&e, TODAY).warnings;
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].rule, Guardrail::ShortTimeline);
    apply(
        &mut e,
        Action::SetDesiredCompletion(Some(date!(2027 - 02 - 25))),
        NOW,
    )
    .unwrap();
    assert!(
        status(&e, TODAY).warnings.is_empty(),
        "three months exactly is enough"
    );
    let mut small = engagement_with("4000", "0", "");
    apply(
        &mut small,
        Action::SetDesiredCompletion(Some(date!(2026 - 12 - 01))),
        NOW,
    )
    .unwrap();
    assert!(status(&small, TODAY).warnings.is_empty());
}

#[test]
fn three_months_on_is_a_calendar_date() {
    assert_eq!(add_months(date!(2026 - 11 - 25), 3), date!(2027 - 02 - 25));
    assert_eq!(add_months(date!(2026 - 11 - 30), 3), date!(2027 - 02 - 28));
    assert_eq!(add_months(date!(2027 - 11 - 30), 3), date!(2028 - 02 - 29));
    assert_eq!(add_months(date!(2026 - 01 - 31), 1), date!(2026 - 02 - 28));
}

#[test]
fn a_change_that_changes_nothing_logs_nothing_and_keeps_the_revision() {
    let mut e = engagement_with("1000", "0", "");
    let revision = e.revision;
    let lines = e.log.len();
    apply(&mut e, Action::SetGitlabVersion(String::new()), NOW).unwrap();
    assert_eq!((e.revision, e.log.len()), (revision, lines));
    apply(&mut e, Action::SetGitlabVersion("17.11.2".into()), NOW).unwrap();
    assert_eq!(e.revision, revision + 1);
    assert_eq!(e.log.len(), lines, "a context field is not a decision");
}

#[test]
fn coordination_survives_a_round_trip_through_json() {
    let mut e = engagement_with("6000", "0", "");
    decide(&mut e, PsDecision::Declined, true).unwrap();
    record_plan(&mut e, "plan").unwrap();
    let back = Engagement::from_json(&e.to_json().unwrap()).unwrap();
    assert_eq!(back, e);
    assert!(e
        .to_json()
        .unwrap()
        .contains("\"ps_decided_on\":\"2026-11-25\""));
}

/// Everything the customer can answer, answered.
fn reference_engagement_intake() -> upgrade_planner::domain::process::intake::Intake {
    common::reference_engagement().coordination.intake
}

/// The customer's next step at each point of a declined engagement, which they help carry out.
fn customer_step(e: &Engagement) -> String {
    customer_next_step(e, &status(e, TODAY))
}

#[test]
fn the_customer_is_told_what_happens_next_and_whose_move_it_is() {
    let mut e = engagement_with("", "", "");
    assert!(customer_step(&e).starts_with("Your Technical Account Manager is gathering"));
    e = engagement_with("5400", "0", "");
    assert!(customer_step(&e).contains("will propose Professional Services"));
    assert!(customer_step(&e).contains("highly recommended at 5,000 users or more"));
    apply(&mut e, Action::RecommendPs(Some(TODAY)), NOW).unwrap();
    assert!(customer_step(&e).starts_with("Decide whether Professional Services"));
    decide(&mut e, PsDecision::Declined, true).unwrap();
    // Issue 23: what only the customer can answer comes first from the plan on.
    assert!(customer_step(&e).starts_with("GitLab Support needs 7 answers from you"));
    let mut intake = reference_engagement_intake();
    intake.target_version.clear();
    apply(&mut e, Action::SetIntake(Box::new(intake)), NOW).unwrap();
    assert!(customer_step(&e).contains("will send you GitLab's reference-architecture documents"));
    let docs = handover_documents(
        sizing_of(&e).map(|(_, rec)| rec).as_ref(),
        Default::default(),
    );
    apply(
        &mut e,
        Action::HandOver {
            url: docs[0].url.clone(),
            title: docs[0].title.clone(),
            on: Some(TODAY),
        },
        NOW,
    )
    .unwrap();
    assert!(customer_step(&e).starts_with("Write the upgrade plan"));
    record_plan(&mut e, "v1").unwrap();
    assert!(customer_step(&e).contains("will share the plan with GitLab Support"));
    share(&mut e);
    assert_eq!(customer_step(&e), "GitLab Support is reviewing the plan.");
    feedback(&mut e, Feedback::ChangesRequested);
    assert!(customer_step(&e).contains("revise the plan and send it"));
    record_plan(&mut e, "v2").unwrap();
    assert_eq!(customer_step(&e), "GitLab Support is reviewing the plan.");
    feedback(&mut e, Feedback::Approved);
    assert!(customer_step(&e).starts_with("Agree the migration window"));
    let window = Migration {
        start: Some(date!(2027 - 02 - 01)),
        end: Some(date!(2027 - 02 - 03)),
        status: MigrationStatus::Scheduled,
    };
    apply(&mut e, Action::SetMigration(window.clone()), NOW).unwrap();
    assert_eq!(
        customer_step(&e),
        "The migration is scheduled to start on 2027-02-01."
    );
    set_migration_status(&mut e, &window, MigrationStatus::Done);
    assert!(customer_step(&e).contains("the migration is done"));

    let mut engaged = engagement_with("1200", "0", "");
    apply(
        &mut engaged,
        Action::SetIntake(Box::new(reference_engagement_intake())),
        NOW,
    )
    .unwrap();
    decide(&mut engaged, PsDecision::Engaged, false).unwrap();
    assert_eq!(
        customer_step(&engaged),
        "Professional Services are writing the upgrade plan."
    );
    record_plan(&mut engaged, "v1").unwrap();
    share(&mut engaged);
    feedback(&mut engaged, Feedback::ChangesRequested);
    assert!(customer_step(&engaged).contains("Professional Services are revising the plan"));
}

// Issue 14: the app refused to record a migration until Support had approved the plan; their
// review is feedback, not a gate.
#[test]
fn a_migration_is_recordable_with_supports_feedback_pending_and_is_warned_and_logged() {
    let mut e = engagement_with("6000", "0", "");
    decide(&mut e, PsDecision::Declined, true).unwrap();
    record_plan(&mut e, "plan").unwrap();
    let window = Migration {
        start: Some(date!(2027 - 02 - 01)),
        end: Some(date!(2027 - 02 - 03)),
        status: MigrationStatus::Scheduled,
    };
    // Not shared with Support yet: that still comes first.
    assert!(matches!(
        apply(&mut e, Action::SetMigration(window.clone()), NOW),
        Err(Refusal::Blocked {
            needs: Stage::SupportReview,
            ..
        })
    ));
    assert!(
        !support_is_primary_contact(&e.coordination),
        "not before the migration"
    );
    share(&mut e);
    apply(&mut e, Action::SetMigration(window.clone()), NOW).unwrap();
    assert!(log_texts(&e).contains(
        &"Migration status: scheduled, without Support's approval of the current plan (Support's feedback: pending)."
    ));
    let s = status(&e, TODAY);
    assert_eq!(s.stage, Stage::Migration);
    assert!(s
        .warnings
        .iter()
        .any(|w| w.rule == Guardrail::MigrationWithoutApproval
            && w.text.contains("feedback: pending")));
    assert!(
        support_is_primary_contact(&e.coordination),
        "during the migration"
    );
    let md = upgrade_planner::domain::documents::plan::markdown(
        &e,
        NOW,
        upgrade_planner::domain::documents::plan::Audience::Support,
    );
    assert!(
        md.contains("without Support's approval of the current plan"),
        "{md}"
    );
    // Changes requested: the same.
    feedback(&mut e, Feedback::ChangesRequested);
    assert!(status(&e, TODAY)
        .warnings
        .iter()
        .any(|w| w.text.contains("feedback: changes requested")));
    set_migration_status(&mut e, &window, MigrationStatus::Done);
    assert_eq!(stage(&e), Stage::Done);
    assert!(!support_is_primary_contact(&e.coordination), "not after it");
}

/// Issue 37, point 6: the next action names where it is done, for the page to link to it, at
/// every stage, and nothing once all is done.
#[test]
fn the_next_action_names_where_it_is_done() {
    let at = |e: &Engagement| status(e, TODAY).action_at;
    let mut e = engagement_with("", "", "");
    assert_eq!(at(&e), Some(ActionAt::CurrentUsers));
    e = engagement_with("1200", "0", "");
    assert_eq!(at(&e), Some(ActionAt::PsRecommendedOn));
    apply(&mut e, Action::RecommendPs(Some(TODAY)), NOW).unwrap();
    assert_eq!(at(&e), Some(ActionAt::PsDecision));
    decide(&mut e, PsDecision::Declined, false).unwrap();
    assert_eq!(at(&e), Some(ActionAt::HandOver));
    let mut engaged = engagement_with("1200", "0", "");
    decide(&mut engaged, PsDecision::Engaged, false).unwrap();
    assert_eq!(at(&engaged), Some(ActionAt::PlanLink));
    record_plan(&mut engaged, "The plan").unwrap();
    assert_eq!(stage(&engaged), Stage::SupportReview);
    assert!(matches!(
        at(&engaged),
        Some(ActionAt::Missing | ActionAt::Share)
    ));
    share(&mut engaged);
    assert_eq!(at(&engaged), Some(ActionAt::SupportFeedback));
    feedback(&mut engaged, Feedback::ChangesRequested);
    assert_eq!(at(&engaged), Some(ActionAt::PlanLink));
}
