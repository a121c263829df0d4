//! A reference engagement with every field filled and 20 log entries, shared by native tests.
#![allow(dead_code)]

use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::intake::{Deviation, Installation, Intake, MigrationMethod};
use upgrade_planner::domain::process::workflow::{
    apply, handover_documents, sizing_of, Action, Consultation, Feedback, LogEntry, Migration,
    MigrationStatus, MoveReasons, PlanRecord, PsDecision, Team,
};
use upgrade_planner::domain::sizing::reference::Rps;
use upgrade_planner::domain::sizing::SizingInputs;

pub const NOW: OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

/// Every field filled, the process run to the end, and the log topped up to 20 entries.
pub fn reference_engagement() -> Engagement {
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([0x42; 16]),
        "Acme Corporation (EMEA)".parse().unwrap(),
        datetime!(2026-09-01 08:30 UTC),
    );
    e.set_sizing(
        SizingInputs {
            current_users: "6,000".into(),
            annual_growth_pct: "15".into(),
            horizon_months: "24".into(),
            target_users: String::new(),
            peak_rps: Rps {
                api: "120".into(),
                web: "12".into(),
                git_pull: "11".into(),
                git_push: "2".into(),
            },
            sustained_rps: Rps {
                api: "80".into(),
                web: "8".into(),
                git_pull: "7".into(),
                git_push: "1".into(),
            },
            platform: "aws".into(),
            ha_required: true,
            zero_downtime: false,
            geo: true,
            kubernetes_expertise: false,
            monorepos: "2-10gb".into(),
            heavy_automation: true,
            size_on_load: false,
            hybrid_at_2k: false,
        },
        NOW,
    );
    let act = |e: &mut Engagement, a| apply(e, a, NOW).unwrap();
    act(
        &mut e,
        Action::SetMoveReasons(MoveReasons {
            cloud_provider: true,
            kubernetes: false,
            growth: true,
            other: "Data centre lease ends in 2027".into(),
        }),
    );
    act(
        &mut e,
        Action::SetCurrentEnvironment("Two bare-metal servers, Omnibus, 64 vCPU".into()),
    );
    act(&mut e, Action::SetGitlabVersion("17.11.3".into()));
    act(
        &mut e,
        Action::SetDesiredCompletion(Some(date!(2027 - 06 - 30))),
    );
    act(
        &mut e,
        Action::SetIntake(Box::new(Intake {
            rollback_link: "https://gitlab.example.com/acme/infra/-/wikis/rollback".into(),
            rollback_summary: "Roll back if login or Git push fails after 2 hours; DNS back to the old site within 30 minutes.".into(),
            window_start: Some(datetime!(2027-03-06 22:00 +1)),
            window_end: Some(datetime!(2027-03-07 06:00 +1)),
            time_zone: "Europe/Berlin".into(),
            contact_name: "Dana Scully".into(),
            contact_email: "dana@acme.example".into(),
            target_version: "17.11.3".into(),
            installation: Installation::LinuxPackage,
            operating_system: "Ubuntu 22.04".into(),
            diagram_link: "https://gitlab.example.com/acme/infra/-/blob/main/diagram.png".into(),
            backup_method: "Snapshots of the data disks, then gitlab-backup".into(),
            data_size_gb: "1,800".into(),
            rehearsal_on: Some(date!(2027 - 02 - 20)),
            rehearsal_result: "Restored in 5 hours on staging".into(),
            restore_hours: String::new(),
            rollback_hours: String::new(),
            method: MigrationMethod::GeoFailover,
            deviation: Deviation::default(),
        })),
    );
    act(&mut e, Action::RecommendPs(Some(date!(2026 - 11 - 02))));
    act(
        &mut e,
        Action::DecidePs {
            decision: PsDecision::Declined,
            on: date!(2026 - 11 - 09),
            confirmed: true,
        },
    );
    let rec = sizing_of(&e).map(|(_, rec)| rec);
    for doc in handover_documents(rec.as_ref(), Default::default()) {
        act(
            &mut e,
            Action::HandOver {
                url: doc.url,
                title: doc.title,
                on: Some(date!(2026 - 11 - 10)),
            },
        );
    }
    act(
        &mut e,
        Action::AddConsultation(Consultation {
            team: Team::Quality,
            question: "Is Geo tested with the 10k architecture on AWS?".into(),
            answer: "Yes, weekly.".into(),
        }),
    );
    act(
        &mut e,
        Action::AddConsultation(Consultation {
            team: Team::Support,
            question: "Preferred backup method above 1 TB?".into(),
            answer: "Volume snapshots.".into(),
        }),
    );
    act(&mut e, Action::RecordPlan(PlanRecord {
        link: "https://gitlab.example.com/acme/infra/-/issues/12".into(),
        summary: "10k Linux package on AWS in eu-west-1, Geo secondary in eu-central-1.\nCut-over over one weekend.".into(),
        date: date!(2026-11-20),
    }));
    act(
        &mut e,
        Action::ShareWithSupport {
            on: Some(date!(2026 - 11 - 21)),
            ticket: "https://support.gitlab.com/hc/requests/123456".into(),
            confirmed: true,
        },
    );
    act(
        &mut e,
        Action::SetFeedback {
            feedback: Feedback::Approved,
            notes: "Looks sound; add a rollback rehearsal.".into(),
        },
    );
    act(
        &mut e,
        Action::SetMigration(Migration {
            start: Some(date!(2027 - 03 - 06)),
            end: Some(date!(2027 - 03 - 07)),
            status: MigrationStatus::Scheduled,
        }),
    );
    e.set_internal_notes(
        "Champion: Dana (platform lead). Budget approved in Q4.".into(),
        NOW,
    );
    let mut i = 0;
    while e.log.len() < 20 {
        i += 1;
        e.log.push(LogEntry {
            at: NOW + Duration::minutes(i),
            on: None,
            text: format!("Call with the customer's platform team ({i})."),
        });
    }
    e
}

/// Everything Support asks for, recorded, for a multi-node move on the night Chicago's clocks go
/// forward (the packet tests' scenario).
pub fn prairie_intake() -> Intake {
    Intake {
        rollback_summary: "DNS back to the old site.".into(),
        window_start: Some(datetime!(2027-03-13 22:00 -6)),
        window_end: Some(datetime!(2027-03-14 06:00 -5)),
        time_zone: "America/Chicago".into(),
        contact_name: "Ana Ruiz".into(),
        contact_email: "ana@prairie.example".into(),
        target_version: "18.5.1".into(),
        installation: Installation::LinuxPackage,
        operating_system: "Ubuntu 22.04".into(),
        diagram_link: "https://prairie.example/diagram.png".into(),
        backup_method: "gitlab-backup and snapshots".into(),
        data_size_gb: "850".into(),
        rehearsal_on: Some(date!(2026 - 11 - 20)),
        rehearsal_result: "Restored on staging".into(),
        restore_hours: "5:10".into(),
        method: MigrationMethod::BackupRestoreMultiNode,
        ..Intake::default()
    }
}
