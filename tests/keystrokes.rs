//! Issue 24: every keystroke kept. Drafts of the fields that wait for a button, a change from
//! another tab merged around them, and link fields that hold a web address or nothing, from
//! wherever the value comes.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use common::{reference_engagement, NOW};
use upgrade_planner::domain::documents::plan::{backup_json, parse_import, plan_json, ImportError};
use upgrade_planner::domain::documents::reply::{Field, Reply, ReplyError};
use upgrade_planner::domain::documents::share::{self, ShareError};
use upgrade_planner::domain::process::workflow::{apply, Action, PlanRecord, Refusal};
use upgrade_planner::domain::text::links::{check_link, is_web_address};

const HOSTILE: &str = "javascript:alert(document.domain)";

// Point 3: what a link field accepts.
#[test]
fn a_link_is_an_https_address_or_nothing() {
    for good in [
        "",
        "  ",
        "https://gitlab.example.com/acme/infra/-/wikis/rollback",
        "HTTPS://Example.com",
        "https://[2001:db8::1]/plan",
        // Every link field drew http:// links before the check: they stay accepted.
        "http://wiki.internal/rollback",
    ] {
        assert!(is_web_address(good), "{good:?} is refused");
    }
    for bad in [
        HOSTILE,
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://files.example.com/plan",
        "https://",
        "https:///path",
        "https://exa mple.com",
        "https://example.com/\u{0}",
        "gitlab.example.com/plan",
        "mailto:ops@example.com",
    ] {
        assert!(!is_web_address(bad), "{bad:?} is accepted");
    }
    assert_eq!(
        check_link("Rollback document (link)", HOSTILE)
            .unwrap_err()
            .to_string(),
        "“Rollback document (link)” must be a web address starting with https:// or http://"
    );
}

// Point 3, typed: the actions that set a link refuse anything else, naming the field; a link
// stored before the rule is left alone while other fields change.
#[test]
fn a_typed_link_that_is_not_a_web_address_is_refused_with_its_field() {
    let e = reference_engagement();
    let mut intake = e.coordination.intake.clone();
    intake.diagram_link = HOSTILE.into();
    let mut changed = e.clone();
    let refusal = apply(&mut changed, Action::SetIntake(Box::new(intake)), NOW).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::Invalid(
            "“Architecture diagram (link)” must be a web address starting with https:// or http://.".into()
        )
    );
    assert_eq!(changed, e, "nothing changed");

    let plan = PlanRecord {
        link: "plans.example.com/1".into(),
        summary: "The plan".into(),
        date: NOW.date(),
    };
    let refusal = apply(&mut changed, Action::RecordPlan(plan), NOW).unwrap_err();
    assert!(refusal.to_string().contains("“Plan link”"), "{refusal}");
    let share = Action::ShareWithSupport {
        on: Some(NOW.date()),
        ticket: HOSTILE.into(),
        confirmed: true,
    };
    let refusal = apply(&mut changed, share, NOW).unwrap_err();
    assert!(
        refusal.to_string().contains("“Support ticket link”"),
        "{refusal}"
    );

    let mut old = e.clone();
    old.coordination.intake.rollback_link = "see the wiki".into();
    let mut intake = old.coordination.intake.clone();
    intake.contact_name = "Walter".into();
    apply(&mut old, Action::SetIntake(Box::new(intake)), NOW).unwrap();
    assert_eq!(old.coordination.intake.contact_name, "Walter");
}

// Point 3, from a plan file or a backup: refused whole, with the field named.
#[test]
fn a_plan_file_or_backup_with_a_hostile_link_is_refused() {
    let mut e = reference_engagement();
    e.coordination.intake.rollback_link = HOSTILE.into();
    let file = plan_json(&e, NOW).unwrap();
    let error = parse_import(file.as_bytes()).unwrap_err();
    assert!(matches!(error, ImportError::Link { index: None, .. }));
    assert_eq!(
        error.to_string(),
        "The file was not imported: “Rollback document (link)” must be a web address starting with https:// or http://."
    );
    let good = reference_engagement();
    let mut bad = reference_engagement();
    bad.coordination.plan.as_mut().unwrap().link = HOSTILE.into();
    let backup = backup_json(&[good.clone(), bad], &[], NOW).unwrap();
    let error = parse_import(backup.as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "The backup was not imported: in engagement 2, “Plan link” must be a web address starting with https:// or http://."
    );
    // The same files with web addresses are read.
    assert!(parse_import(plan_json(&good, NOW).unwrap().as_bytes()).is_ok());
}

// Point 3, from a customer link: the plan is not opened, the field is named.
#[test]
fn a_customer_link_with_a_hostile_link_is_refused() {
    let mut e = reference_engagement();
    e.coordination.intake.diagram_link = HOSTILE.into();
    let fragment = share::encode(&e).unwrap();
    let error = share::decode(&fragment).unwrap_err();
    assert!(matches!(error, ShareError::Link(_)));
    assert_eq!(
        error.to_string(),
        "“Architecture diagram (link)” must be a web address starting with https:// or http://, so the plan was not opened."
    );
    assert!(share::decode(&share::encode(&reference_engagement()).unwrap()).is_ok());
}

// Point 3, from a return link: refused whole, as other bad answers are.
#[test]
fn a_return_link_with_a_hostile_link_is_refused_whole() {
    let e = reference_engagement();
    let mut answers = BTreeMap::new();
    answers.insert(Field::RollbackLink, HOSTILE.to_string());
    answers.insert(Field::DiagramLink, HOSTILE.to_string());
    answers.insert(Field::ContactName, "Walter".to_string());
    let fragment = Reply::to(&e, &answers).encode();
    let error = Reply::decode(&fragment).unwrap_err();
    assert_eq!(error, ReplyError::NotWebAddress("Rollback document (link)"));
    assert!(error
        .to_string()
        .contains("nothing from this return link was taken"));
    // A web address comes through.
    answers.insert(
        Field::RollbackLink,
        "https://wiki.example.com/rollback".to_string(),
    );
    answers.insert(
        Field::DiagramLink,
        "https://wiki.example.com/diagram".to_string(),
    );
    assert!(Reply::decode(&Reply::to(&e, &answers).encode()).is_ok());
    // Accepting answers can never store one either.
    let mut intake = e.coordination.intake.clone();
    intake.rollback_link = HOSTILE.into();
    let mut accepted = e.clone();
    assert!(apply(
        &mut accepted,
        Action::AcceptAnswers(Box::new(intake), "x".into()),
        NOW
    )
    .is_err());
}

// Point 1: a draft keeps what was typed over the committed value, ends when the text is the
// committed value again or its button commits it, and reads back bounded.
#[test]
fn a_draft_keeps_typing_until_committed_and_reads_back_bounded() {
    use upgrade_planner::domain::engagement::draft::{DraftField, Drafts};
    let mut drafts = Drafts::default();
    drafts
        .typed(DraftField::CustomerName, "Acme Typed", "Acme")
        .unwrap();
    drafts
        .typed(DraftField::PlanSummary, "Two nodes", "")
        .unwrap();
    assert_eq!(drafts.text(DraftField::CustomerName, "Acme"), "Acme Typed");
    assert_eq!(
        drafts.text(DraftField::PlanLink, "https://x.example"),
        "https://x.example"
    );
    // Read back as it was written; unknown fields from a later version are left out.
    let json = drafts.to_json();
    assert_eq!(Drafts::from_json(&json).unwrap(), drafts);
    let later = json.replace(
        "\"fields\":{",
        "\"fields\":{\"someday\":{\"text\":\"x\",\"base\":\"\"},",
    );
    assert_eq!(Drafts::from_json(&later).unwrap(), drafts);
    // Over a field's limit: refused as typed, and refused on read.
    let long = "x".repeat(2_001);
    assert!(drafts.typed(DraftField::PlanLink, &long, "").is_err());
    assert_eq!(drafts.get(DraftField::PlanLink), None);
    let over = json.replace("Acme Typed", &long);
    assert!(Drafts::from_json(&over).is_err());
    assert!(Drafts::from_json("not json").is_err());
    assert!(Drafts::from_json(&"x".repeat(2_000_000)).is_err());
    // Typed back to the committed value: no draft; committed by its button: gone.
    drafts
        .typed(DraftField::CustomerName, "Acme", "Acme")
        .unwrap();
    assert_eq!(drafts.get(DraftField::CustomerName), None);
    drafts.clear(&DraftField::PLAN);
    assert!(drafts.is_empty());
}

// Point 2: where another tab committed a different value to the same field, the draft says so.
#[test]
fn a_draft_names_a_value_another_tab_committed_meanwhile() {
    use upgrade_planner::domain::engagement::draft::{DraftField, Drafts};
    let mut drafts = Drafts::default();
    drafts
        .typed(DraftField::CustomerName, "Typed here", "Acme")
        .unwrap();
    assert_eq!(
        drafts.changed_elsewhere(DraftField::CustomerName, "Acme"),
        None
    );
    assert_eq!(
        drafts.changed_elsewhere(DraftField::CustomerName, "Renamed there"),
        Some("Renamed there".to_string())
    );
    // The other tab committed the very text typed here: nothing to choose.
    assert_eq!(
        drafts.changed_elsewhere(DraftField::CustomerName, "Typed here"),
        None
    );
    // Typing on keeps the value it started from.
    drafts
        .typed(
            DraftField::CustomerName,
            "Typed here, more",
            "Renamed there",
        )
        .unwrap();
    assert_eq!(drafts.get(DraftField::CustomerName).unwrap().base, "Acme");
}

// Point 4: what a closing tab left is dropped when stored, written when storage still holds
// what it was built on, and kept as a copy when another tab's save came first.
#[test]
fn what_a_closing_tab_left_is_never_lost() {
    use upgrade_planner::domain::engagement::draft::{Recovery, Unsaved};
    let stored = reference_engagement();
    let mut ours = stored.clone();
    ours.set_sizing(
        upgrade_planner::domain::sizing::SizingInputs {
            current_users: "600".into(),
            ..stored.sizing.clone()
        },
        NOW,
    );
    let mut theirs = stored.clone();
    theirs.set_sizing(
        upgrade_planner::domain::sizing::SizingInputs {
            current_users: "700".into(),
            ..stored.sizing.clone()
        },
        NOW,
    );
    let unsaved = Unsaved {
        base: Some(stored.revision),
        engagement: ours.clone(),
    };
    let read = Unsaved::from_json(&unsaved.to_json().unwrap()).unwrap();
    assert_eq!(read, unsaved);
    assert_eq!(read.recovery(Some(&ours)), Recovery::Stored);
    assert_eq!(read.recovery(Some(&stored)), Recovery::Write);
    assert_eq!(read.recovery(Some(&theirs)), Recovery::KeepAsCopy);
    assert_eq!(read.recovery(None), Recovery::Write);
    // A record that is not one, or holds a document past a limit, is refused (and moved aside).
    assert!(Unsaved::from_json("{\"base\":\"x\",\"engagement\":{}}").is_err());
    assert!(Unsaved::from_json("[]").is_err());
}

// Point 4, a deletion not yet saved when its tab closed: applied while storage holds what was
// deleted, never over work changed elsewhere since.
#[test]
fn a_closing_tab_s_deletion_never_removes_unseen_work() {
    use upgrade_planner::domain::engagement::draft::Unsaved;
    let stored = reference_engagement();
    let json = Unsaved::deletion_json(stored.id, stored.revision);
    assert_eq!(
        Unsaved::read_deletion(&json),
        Some((stored.id, stored.revision))
    );
    assert!(Unsaved::deletion_applies(stored.revision, Some(&stored)));
    let mut changed = stored.clone();
    changed.set_internal_notes("Changed in another tab".into(), NOW);
    assert!(!Unsaved::deletion_applies(stored.revision, Some(&changed)));
    assert!(!Unsaved::deletion_applies(stored.revision, None));
    // A changed-engagement record is not a deletion.
    let record = Unsaved {
        base: Some(1),
        engagement: stored,
    };
    assert_eq!(Unsaved::read_deletion(&record.to_json().unwrap()), None);
}
