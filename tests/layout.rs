//! Issue 25: decisions the UI used to make itself, now pure functions of the domain: what an
//! import would do before anything is stored, and what a hand-off tells the TAM.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::reference_engagement;
use time::Duration;
use upgrade_planner::domain::documents::handoff::HandOff;
use upgrade_planner::domain::documents::plan::ImportPreview;
use upgrade_planner::domain::engagement::EngagementId;

#[test]
fn an_import_preview_counts_what_it_would_change_and_defaults_to_keeping_both() {
    let here = reference_engagement();
    // The file's copy: made before a change here, holding other work.
    let mut file = here.clone();
    file.updated = here.updated - Duration::days(1);
    file.internal_notes = "From the file".into();
    let mut other = reference_engagement();
    other.id = EngagementId::from_random_bytes([7; 16]);
    let preview = ImportPreview::of(&[file.clone(), other], std::slice::from_ref(&here));
    assert_eq!(
        preview,
        ImportPreview {
            conflicts: 1,
            newer_here: 1,
            differ: 1
        }
    );
    assert!(preview.keep_both_by_default());
    // The same work, saved more often elsewhere (only the revision differs): replacing is safe.
    let mut same = here.clone();
    same.revision += 3;
    let preview = ImportPreview::of(&[same], &[here]);
    assert_eq!(
        preview,
        ImportPreview {
            conflicts: 1,
            newer_here: 0,
            differ: 0
        }
    );
    assert!(!preview.keep_both_by_default());
}

#[test]
fn a_hand_off_says_what_the_browser_allowed() {
    let done = "Opened a new confidential Support review issue.";
    let said = |opened, fits, copied| {
        HandOff {
            opened,
            fits,
            copied,
        }
        .message(done)
    };
    assert_eq!(said(true, true, true), done);
    assert_eq!(said(true, true, false), done);
    assert!(said(false, true, true).contains("paste the packet from the clipboard"));
    assert!(said(false, false, false).contains("attach the downloaded Markdown file"));
    assert!(said(true, false, true).contains("it was copied to the clipboard"));
    assert!(said(true, false, false).contains("attach the downloaded Markdown file instead"));
    assert!(!HandOff {
        opened: false,
        fits: true,
        copied: false
    }
    .handed());
    assert!(HandOff {
        opened: false,
        fits: false,
        copied: true
    }
    .handed());
}

// Point 3: every guardrail of the process is a named value with its line, as each sizing rule is.
#[test]
fn every_guardrail_has_its_name_and_its_line() {
    use std::collections::HashSet;
    use upgrade_planner::domain::process::workflow::Guardrail;
    let ids: HashSet<&str> = Guardrail::ALL.iter().map(|g| g.id()).collect();
    assert_eq!(ids.len(), Guardrail::ALL.len(), "names are unique");
    for g in Guardrail::ALL {
        assert!(!g.line().is_empty() && g.line().ends_with('.'), "{g:?}");
        assert!(g.id().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
    }
}
