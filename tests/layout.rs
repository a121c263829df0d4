//! Issue 25: decisions the UI used to make itself, now pure functions of the domain: what an
//! import would do before anything is stored, and what a hand-off tells the TAM.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::reference_engagement;
use time::Duration;
use upgrade_planner::domain::documents::compare::Change;
use upgrade_planner::domain::documents::handoff::HandOff;
use upgrade_planner::domain::documents::plan::{ImportPreview, Replacing};
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
        (preview.conflicts, preview.newer_here, preview.differ),
        (1, 1, 1)
    );
    // What replacing would change, field by field, before the choice (issue 26, point 3).
    assert_eq!(
        preview.replacing,
        vec![Replacing {
            name: "Acme Corporation (EMEA)".into(),
            changes: vec![Change {
                field: "Internal notes".into(),
                before: here.internal_notes.clone(),
                after: "From the file".into(),
            }],
        }]
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
            differ: 0,
            replacing: vec![],
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

/// The recommended architecture is one list of blocks: the outline carries exactly those blocks
/// (so the page, the print view and the customer's view draw them), and the Markdown renders
/// each one (issue 25, point 3).
#[test]
fn the_recommendation_is_one_set_of_blocks_that_every_rendering_shows() {
    use upgrade_planner::domain::documents::architecture;
    use upgrade_planner::domain::documents::blocks::{Block, Inline};
    use upgrade_planner::domain::documents::outline;
    use upgrade_planner::domain::documents::plan::{markdown, Audience};
    use upgrade_planner::domain::process::workflow::sizing_of;

    let e = reference_engagement();
    let (req, rec) = sizing_of(&e).expect("the reference engagement is sized");
    let blocks = architecture::blocks(&rec, Some((req.current_users, req.growth)));
    let text = |runs: &[Inline]| -> String {
        runs.iter()
            .map(|r| match r {
                Inline::Text(t) | Inline::Strong(t) | Inline::Tag(t) => t.clone(),
                Inline::Link { label, .. } => label.clone(),
            })
            .collect()
    };
    for audience in [Audience::Customer, Audience::Support, Audience::Tam] {
        let outline = outline::build(&e, common::NOW.date(), audience);
        let section = outline
            .sections
            .iter()
            .find(|s| s.heading == "Recommended reference architecture")
            .expect("every reader's outline has the architecture");
        assert_eq!(section.blocks[..blocks.len()], blocks[..], "{audience:?}");

        // The Markdown without its escapes and emphasis holds every sentence, row and reason.
        let md = markdown(&e, common::NOW, audience)
            .replace('\\', "")
            .replace("**", "");
        let mut seen = 0;
        let mut check = |needle: String| {
            assert!(md.contains(&needle), "{audience:?}: {needle:?} missing");
            seen += 1;
        };
        fn walk(blocks: &[Block], f: &mut dyn FnMut(&Block)) {
            for b in blocks {
                f(b);
                if let Block::Sub { blocks, .. } = b {
                    walk(blocks, f);
                }
            }
        }
        walk(&blocks, &mut |b| match b {
            Block::Para(runs) => check(text(runs)),
            Block::Marked(_, runs) => check(text(&runs[..1])),
            Block::Table(t) => {
                if t.titled {
                    check(format!("### {}", t.label));
                }
                t.rows
                    .iter()
                    .for_each(|row| check(format!("| {} |", row.join(" | "))));
            }
            Block::Findings { findings, .. } => findings.iter().for_each(|f| check(f.text.clone())),
            Block::Items(items) => items.iter().for_each(|i| check(text(i))),
            Block::Sub { heading, .. } => check(format!("### {heading}")),
            _ => {}
        });
        assert!(seen > 30, "{seen} parts checked");
    }
}

/// The intake's fields are one table: every field has one label and one code, an id on each
/// form that the other form never uses, and reads back what it writes (issue 25, point 3).
#[test]
fn the_intake_fields_are_one_table_for_both_forms() {
    use std::collections::HashSet;
    use upgrade_planner::domain::engagement::fields::{Field, Form, Input, Problem};
    use upgrade_planner::domain::engagement::intake::Intake;

    let labels: HashSet<&str> = Field::ALL.iter().map(|f| f.label()).collect();
    let codes: HashSet<&str> = Field::ALL.iter().map(|f| f.code()).collect();
    let ids: HashSet<&str> = Field::ALL
        .iter()
        .flat_map(|f| [f.id(Form::Tam), f.id(Form::Customer)])
        .collect();
    assert_eq!(labels.len(), Field::ALL.len());
    assert_eq!(codes.len(), Field::ALL.len());
    assert_eq!(ids.len(), 2 * Field::ALL.len(), "no id on both forms");

    let e = reference_engagement();
    let full = &e.coordination.intake;
    for field in Field::ALL {
        let value = field.read(full);
        assert_eq!(
            field.check(&value),
            Ok(()),
            "{field:?} accepts its stored value"
        );
        let mut blank = Intake::default();
        field.write(&mut blank, &value);
        assert_eq!(
            field.read(&blank),
            value,
            "{field:?} reads back what it writes"
        );
        let refused = match field.input() {
            Input::Link => Some(Problem::NotWebAddress),
            // Issue 36: a duration that does not read as hours says so.
            Input::Hours => Some(Problem::NotHours),
            Input::Date | Input::WallTime | Input::Installation => Some(Problem::BadValue),
            Input::Line | Input::Long | Input::Zone => None,
        };
        if let Some(problem) = refused {
            assert_eq!(field.check("soon"), Err(problem), "{field:?}");
        }
        assert_eq!(
            field.check(&"x".repeat(field.max_chars() + 1)),
            Err(Problem::TooLong)
        );
    }
}
