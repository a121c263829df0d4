//! Native tests of the plan files, imports and the customer share link, hostile input included.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{reference_engagement, NOW};
use proptest::prelude::*;
use upgrade_planner::domain::documents::plan::{
    backup_json, escape_md, file_name, markdown, parse_import, plan_json, Audience, Import,
    ImportError, MAX_IMPORT_BYTES,
};
use upgrade_planner::domain::documents::share::{self, ShareError};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};

#[test]
fn the_markdown_plan_of_the_reference_engagement_matches_its_snapshot() {
    // The TAM's own file: everything.
    let md = markdown(&reference_engagement(), NOW, Audience::Tam);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reference-plan.md"
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &md).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        md, expected,
        "run with UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

#[test]
fn the_markdown_plan_carries_every_part_the_support_review_needs() {
    let md = markdown(&reference_engagement(), NOW, Audience::Tam);
    for part in [
        "# Planning summary and Support review packet: Acme Corporation (EMEA)",
        "The plan itself is the customer's or Professional Services' document",
        "Machine types are the reference architecture's examples, not prescriptions",
        "## Customer and context",
        "## Requirements",
        "**Up to 500 RPS or 25,000 users** (25k)",
        "Heavy automation or CI: a start-large choice.",
        "Started large: the load alone gives 10k.",
        "| GitLab Rails | 5 | 32 | 28.8 | c5.9xlarge |",
        "Totals per site: 34 nodes, 390 vCPU, 875.4 GB memory",
        "### Why this architecture",
        "(<https://docs.gitlab.com/administration/reference_architectures/sizing/>)",
        "| Plan written by | The customer |",
        "handed over on 2026-11-10",
        "| Support review | Approved, shared on 2026-11-21",
        "## Internal notes",
        "## Activity log",
        "Figures from GitLab's reference architectures: GitLab documentation",
    ] {
        assert!(md.contains(part), "missing {part:?}");
    }
    let customer = markdown(&reference_engagement(), NOW, Audience::Customer);
    assert!(!customer.contains("Internal notes"));
    assert!(!customer.contains("Champion: Dana"));
    // The reference engagement's migration is scheduled: the TAM prepares, the customer is told.
    assert!(md.contains("| Next action | Prepare for the migration starting on 2027-03-06. |"));
    assert!(customer
        .contains("## Your next step\n\nThe migration is scheduled to start on 2027-03-06."));
}

#[test]
fn user_text_cannot_break_the_markdown_structure() {
    let mut e = reference_engagement();
    e.rename(
        // A line break in a name is refused where it enters (tests/limits.rs).
        "Evil | Corp # <script>alert(1)</script> [x](javascript:alert(1))"
            .parse()
            .unwrap(),
        NOW,
    );
    e.coordination.gitlab_version = "17 | 18\n\n## Injected heading".into();
    e.coordination.plan.as_mut().unwrap().link = "javascript:alert(document.cookie)".into();
    let md = markdown(&e, NOW, Audience::Support);
    assert!(!md.contains("<script>"));
    assert!(
        !md.replace("\\]", "").contains("](javascript:"),
        "only escaped brackets"
    );
    assert!(!md.contains("\n## Injected heading"));
    assert!(md.contains("\\<script\\>"));
    for line in md
        .lines()
        .filter(|l| l.starts_with("| Current GitLab version"))
    {
        let unescaped = line
            .match_indices('|')
            .filter(|(i, _)| !line[..*i].ends_with('\\'))
            .count();
        // Two columns, or three in the table of what changed since Support last saw the plan.
        let columns = if line.contains("17.11.3") { 3 } else { 2 };
        assert_eq!(unescaped, columns + 1, "{line}");
    }
    assert_eq!(escape_md("a_b*c`d"), "a\\_b\\*c\\`d");
}

#[test]
fn download_names_follow_the_customer_and_the_date() {
    let e = reference_engagement();
    assert_eq!(
        file_name(&e, NOW.date(), "md"),
        "acme-corporation-emea-upgrade-plan-2026-11-25.md"
    );
    let mut odd = e.clone();
    odd.rename("///".parse().unwrap(), NOW);
    assert_eq!(
        file_name(&odd, NOW.date(), "json"),
        "customer-upgrade-plan-2026-11-25.json"
    );
}

#[test]
fn the_json_plan_file_loads_back_losslessly() {
    let e = reference_engagement();
    let file = plan_json(&e, NOW).unwrap();
    assert!(file.contains("\"format\": \"gitlab-upgrade-planner/plan\""));
    assert!(file.contains("\"snapshot\""));
    assert_eq!(
        parse_import(file.as_bytes()),
        Ok(Import::Plan(Box::new(e.clone())))
    );
    // A bare engagement document is accepted too.
    assert_eq!(
        parse_import(e.to_json().unwrap().as_bytes()),
        Ok(Import::Plan(Box::new(e)))
    );
}

#[test]
fn a_backup_restores_every_engagement() {
    let a = reference_engagement();
    let b = Engagement::new(
        EngagementId::from_random_bytes([1; 16]),
        "Globex".parse().unwrap(),
        NOW,
    );
    let file = backup_json(&[a.clone(), b.clone()], &[], NOW).unwrap();
    assert_eq!(
        parse_import(file.as_bytes()),
        Ok(Import::Backup(vec![a, b], vec![], vec![]))
    );
}

#[test]
fn a_bad_import_file_says_what_is_wrong() {
    let big = vec![b' '; MAX_IMPORT_BYTES + 1];
    assert!(matches!(
        parse_import(&big),
        Err(ImportError::TooLarge { .. })
    ));
    assert_eq!(parse_import(&[0xff, 0xfe, 0x00]), Err(ImportError::NotText));
    assert!(matches!(
        parse_import(b"{ not json"),
        Err(ImportError::NotJson(_))
    ));
    assert_eq!(parse_import(b"[1, 2]"), Err(ImportError::UnknownFormat));
    assert_eq!(
        parse_import(br#"{"format":"something-else"}"#),
        Err(ImportError::UnknownFormat)
    );
    let newer = br#"{"format":"gitlab-upgrade-planner/plan","format_version":2,"engagement":{}}"#;
    assert_eq!(
        parse_import(newer),
        Err(ImportError::UnknownVersion { found: "2".into() })
    );
    let file = plan_json(&reference_engagement(), NOW).unwrap();
    let broken = file.replace(
        "\"customer_name\": \"Acme Corporation (EMEA)\"",
        "\"customer_name\": \"  \"",
    );
    let error = parse_import(broken.as_bytes()).unwrap_err();
    assert!(matches!(error, ImportError::Engagement { index: None, .. }));
    assert!(error.to_string().contains("customer"), "{error}");
    let backup = format!(
        r#"{{"format":"gitlab-upgrade-planner/backup","format_version":1,"engagements":[{},{{"schema_version":1}}]}}"#,
        reference_engagement().to_json().unwrap()
    );
    // One engagement of a backup that cannot be read no longer refuses the file (issue 37): it
    // is named by its place and kept aside, and the others come in (tests/restore.rs).
    let Ok(Import::Backup(engagements, _, unreadable)) = parse_import(backup.as_bytes()) else {
        panic!("the backup was refused whole")
    };
    assert_eq!(engagements.len(), 1);
    assert_eq!(unreadable[0].name(), "engagement 2 in the backup");
    for e in [
        ImportError::TooLarge {
            bytes: 6 * 1024 * 1024,
        },
        ImportError::NotText,
    ] {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn a_share_link_round_trips_without_the_internal_notes() {
    let e = reference_engagement();
    let fragment = share::encode(&e).unwrap();
    assert!(fragment.starts_with("s2."));
    let opened = share::decode(&format!("#{fragment}")).unwrap();
    assert_eq!(opened.internal_notes, "");
    assert_eq!(opened, share::customer_copy(&e));
    assert_eq!(
        opened.log.len(),
        18,
        "20, less the two about internal consultations"
    );
    assert!(opened.coordination.consultations.is_empty());
}

// Issue 14.7: `s1.` links made before the compact format keep opening.
#[test]
fn a_link_of_the_first_version_still_opens() {
    use base64::Engine as _;
    let e = reference_engagement();
    let json = serde_json::to_vec(&share::customer_copy(&e)).unwrap();
    let v1 = format!(
        "s1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(miniz_oxide::deflate::compress_to_vec(&json, 10))
    );
    assert_eq!(share::decode(&v1), Ok(share::customer_copy(&e)));
}

#[test]
fn a_shared_copy_replacing_the_saved_one_keeps_its_internal_notes() {
    let saved = reference_engagement();
    let fragment = share::encode(&saved).unwrap();
    let mut shared = share::decode(&fragment).unwrap();
    shared.sizing.current_users = "7000".into();
    let stored = share::replacing(&saved, shared.clone());
    assert_eq!(stored.internal_notes, saved.internal_notes);
    assert!(!stored.internal_notes.is_empty());
    assert_eq!(stored.sizing, shared.sizing);
    assert_eq!(stored.updated, shared.updated);
}

#[test]
fn a_copy_changed_after_a_file_or_link_was_made_says_so() {
    let link_copy = share::decode(&share::encode(&reference_engagement()).unwrap()).unwrap();
    let mut here = reference_engagement();
    assert!(!here.changed_after(&link_copy), "the same moment");
    here.rename(
        "Acme Corporation".parse().unwrap(),
        NOW + time::Duration::minutes(5),
    );
    assert!(here.changed_after(&link_copy));
    assert!(!link_copy.changed_after(&here));
}

#[test]
fn the_fully_filled_reference_engagement_fits_in_2000_characters() {
    let fragment = share::encode(&reference_engagement()).unwrap();
    let link = format!("https://planner.example.com/#{fragment}");
    println!(
        "share link: {} characters (fragment {})",
        link.len(),
        fragment.len()
    );
    assert!(link.len() <= 2000, "link is {} characters", link.len());
}

#[test]
fn hostile_share_links_are_refused_with_a_message() {
    let good = share::encode(&reference_engagement()).unwrap();
    assert_eq!(share::decode(""), Err(ShareError::Empty));
    assert_eq!(share::decode("#s3.AAAA"), Err(ShareError::UnknownVersion));
    assert_eq!(share::decode("#s2.AAAA"), Err(ShareError::Corrupt));
    assert_eq!(share::decode("#hello"), Err(ShareError::UnknownVersion));
    let long = format!("s1.{}", "A".repeat(70_000));
    assert!(matches!(
        share::decode(&long),
        Err(ShareError::TooLong { .. })
    ));
    assert_eq!(
        share::decode("s1.abc<script>"),
        Err(ShareError::BadCharacters)
    );
    assert_eq!(
        share::decode("s1.abc%20def"),
        Err(ShareError::BadCharacters)
    );
    assert_eq!(share::decode("s1.A"), Err(ShareError::NotBase64));
    let truncated = &good[..good.len() / 2];
    assert!(matches!(
        share::decode(truncated),
        Err(ShareError::Corrupt | ShareError::NotBase64)
    ));
    let mut altered = good.clone().into_bytes();
    let middle = altered.len() / 2;
    altered[middle] = if altered[middle] == b'A' { b'B' } else { b'A' };
    assert!(share::decode(std::str::from_utf8(&altered).unwrap()).is_err());

    // A deflate bomb: 4 MB of zeros compress to a few KB; in the compact format too.
    use base64::Engine as _;
    let zeros = vec![b'0'; 4 * 1024 * 1024];
    let mut compressor = miniz_oxide::deflate::core::CompressorOxide::new(
        miniz_oxide::deflate::core::create_comp_flags_from_zip_params(10, 0, 0),
    );
    let mut bomb2 = Vec::new();
    miniz_oxide::deflate::core::compress_to_output(
        &mut compressor,
        &zeros,
        miniz_oxide::deflate::core::TDEFLFlush::Finish,
        |out| {
            bomb2.extend_from_slice(out);
            true
        },
    );
    let bomb2 = format!(
        "s2.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bomb2)
    );
    // Refused by the size cap itself, not as damaged data.
    assert_eq!(share::decode(&bomb2), Err(ShareError::TooLargeInflated));
    // The same bomb written with the compact format's own compression: refused by the cap too.
    let bomb2 = format!(
        "s2.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(share::deflate_with_dictionary(&zeros))
    );
    assert!(bomb2.len() < 64 * 1024);
    assert_eq!(share::decode(&bomb2), Err(ShareError::TooLargeInflated));
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'0'; 4 * 1024 * 1024], 10);
    let bomb = format!(
        "s1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bomb)
    );
    assert!(bomb.len() < 64 * 1024);
    assert_eq!(share::decode(&bomb), Err(ShareError::TooLargeInflated));

    let not_a_plan = miniz_oxide::deflate::compress_to_vec(br#"{"schema_version":1}"#, 10);
    let not_a_plan = format!(
        "s1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(not_a_plan)
    );
    assert!(matches!(
        share::decode(&not_a_plan),
        Err(ShareError::Document(_))
    ));
    for e in [
        ShareError::Corrupt,
        ShareError::TooLargeInflated,
        ShareError::BadCharacters,
    ] {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn only_fragments_shaped_like_share_links_are_taken_for_one() {
    assert!(share::looks_like_share_link("#s1.abc"));
    assert!(share::looks_like_share_link("s12.x"));
    assert!(!share::looks_like_share_link("#main"));
    assert!(!share::looks_like_share_link("s.abc"));
    assert!(!share::looks_like_share_link("sx1.abc"));
    assert!(!share::looks_like_share_link(""));
}

#[test]
fn html_and_script_in_a_shared_plan_stay_plain_text() {
    let mut e = reference_engagement();
    e.rename("<img src=x onerror=alert(1)>".parse().unwrap(), NOW);
    let opened = share::decode(&share::encode(&e).unwrap()).unwrap();
    assert_eq!(
        opened.customer_name.as_str(),
        "<img src=x onerror=alert(1)>"
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
            "tests/proptest-regressions/plan_share.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_name_and_notes_round_trip_and_the_notes_never_travel(
        name in "[^\\s].{0,80}", notes in ".{0,200}", other in ".{0,100}"
    ) {
        let mut e = reference_engagement();
        if let Ok(name) = name.parse() {
            e.rename(name, NOW);
        }
        e.set_internal_notes(notes, NOW);
        e.coordination.move_reasons.other = other;
        let opened = share::decode(&share::encode(&e).unwrap()).unwrap();
        prop_assert_eq!(opened, share::customer_copy(&e));
    }

    #[test]
    fn arbitrary_fragments_never_panic(text in ".{0,300}", bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = share::decode(&text);
        use base64::Engine as _;
        let _ = share::decode(&format!("s1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes)));
        let deflated = miniz_oxide::deflate::compress_to_vec(&bytes, 6);
        let _ = share::decode(&format!("s1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(deflated)));
        // Valid compact (`s2.`) payloads of any bytes, and of any text, reach the JSON reader.
        for payload in [&bytes[..], text.as_bytes()] {
            let packed = share::deflate_with_dictionary(payload);
            let fragment = format!("s2.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed));
            prop_assert!(share::decode(&fragment).is_err());
        }
    }

    #[test]
    fn compact_payloads_of_any_engagement_json_never_panic(name in ".{0,60}", key in "[a-z]{1,3}", value in ".{0,40}") {
        // An engagement's compact JSON with one field changed to anything: read or refused.
        use base64::Engine as _;
        let e = reference_engagement();
        let mut json: serde_json::Value = serde_json::from_str(&e.to_json().unwrap()).unwrap();
        json["customer_name"] = serde_json::Value::String(name);
        json[key] = serde_json::Value::String(value);
        let packed = share::deflate_with_dictionary(json.to_string().as_bytes());
        let fragment = format!("s2.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed));
        let _ = share::decode(&fragment);
    }

    #[test]
    fn arbitrary_import_files_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), text in ".{0,300}") {
        let _ = parse_import(&bytes);
        let _ = parse_import(text.as_bytes());
        let wrapped = format!(r#"{{"format":"gitlab-upgrade-planner/plan","format_version":1,"engagement":{text}}}"#);
        let _ = parse_import(wrapped.as_bytes());
    }
}

#[test]
fn the_backup_status_says_what_a_new_backup_would_add() {
    use time::macros::datetime;
    use upgrade_planner::domain::documents::plan::{backup_status, BackupRecord};
    let first = reference_engagement();
    let mut second = Engagement::new(
        EngagementId::from_random_bytes([9; 16]),
        "Initech".parse().unwrap(),
        datetime!(2026-11-20 09:00 UTC),
    );
    assert_eq!(backup_status(&[], None, 0), None, "nothing to back up");
    assert_eq!(
        backup_status(std::slice::from_ref(&second), None, 0).unwrap(),
        "No backup downloaded from this browser yet: these engagements are stored only here."
    );
    let both = [first.clone(), second.clone()];
    let record = BackupRecord::new(datetime!(2026-11-30 12:00 UTC), &both);
    assert_eq!(
        BackupRecord::from_text(&record.to_text()),
        Some(record.clone())
    );
    assert_eq!(BackupRecord::from_text("yesterday"), None);
    assert_eq!(
        backup_status(&both, Some(&record), 60).unwrap(),
        "Last backup 2026-11-30 13:00: it holds every engagement as it is now."
    );

    // Changed after the backup, or not in it (imported later, however old): both count.
    second.rename(
        "Initech Ltd".parse().unwrap(),
        datetime!(2026-11-30 12:05 UTC),
    );
    let imported = Engagement::new(
        EngagementId::from_random_bytes([10; 16]),
        "Hooli".parse().unwrap(),
        datetime!(2026-01-05 09:00 UTC),
    );
    assert_eq!(
        backup_status(&[first.clone(), second], Some(&record), 0).unwrap(),
        "Last backup 2026-11-30 12:00; 1 engagement changed or was added since."
    );
    assert_eq!(
        backup_status(&[first, imported], Some(&record), 0).unwrap(),
        "Last backup 2026-11-30 12:00; 1 engagement changed or was added since."
    );
}

// Issue 14: the Support issue and email carried the internal notes, and the customer's link the
// internal consultations and the log lines about them.
#[test]
fn each_audience_gets_its_part_and_nothing_it_must_not_see() {
    let e = reference_engagement();
    let tam = markdown(&e, NOW, Audience::Tam);
    let support = markdown(&e, NOW, Audience::Support);
    let customer = markdown(&e, NOW, Audience::Customer);
    assert!(tam.contains("Champion: Dana"));
    assert!(
        !support.contains("Champion: Dana"),
        "no internal notes for Support"
    );
    assert!(!support.contains("## Internal notes"));
    assert!(
        support.contains("Is Geo tested with the 10k architecture on AWS?"),
        "Support sees consultations"
    );
    for hidden in [
        "Champion: Dana",
        "Internal teams consulted",
        "Is Geo tested",
        "Consulted Quality",
        "Volume snapshots",
    ] {
        assert!(!customer.contains(hidden), "the customer sees {hidden:?}");
    }
    assert!(customer.starts_with("# Planning summary for Acme Corporation (EMEA)"));
}

// Issue 14: creating the prefilled issue pinged people and linked unrelated issues.
#[test]
fn references_and_mentions_in_user_text_are_neutralised() {
    let mut e = reference_engagement();
    e.coordination.current_environment =
        "@all ping @group #123 !12 ~label %milestone $77 &5".into();
    for audience in [Audience::Tam, Audience::Support, Audience::Customer] {
        let md = markdown(&e, NOW, audience);
        assert!(
            md.contains("\\@all ping \\@group \\#123 \\!12 \\~label \\%milestone \\$77 \\&5"),
            "{audience:?}"
        );
        for live in [" @all", " #123", " !12", " %milestone"] {
            assert!(!md.contains(live), "{audience:?}: {live}");
        }
    }
}

/// Every sentence on the customer's page is true of them: the plan is "linked below" only when
/// a link is recorded, and the upgrade path does not ask the customer for versions only the
/// TAM records.
#[test]
fn the_customer_summary_says_only_what_is_true_of_its_plan_and_versions() {
    let e = Engagement::new(
        EngagementId::from_random_bytes([9; 16]),
        "Blank Co".parse().unwrap(),
        NOW,
    );
    let customer = markdown(&e, NOW, Audience::Customer);
    assert!(!customer.contains("linked below"), "{customer}");
    assert!(!customer.contains("Enter the current"), "{customer}");
    assert!(customer.contains(
        "The upgrade path shows here once your Technical Account Manager records the current and target GitLab versions."
    ));
    // The TAM is still asked to enter them.
    assert!(markdown(&e, NOW, Audience::Tam)
        .contains("Enter the current and the target GitLab versions"));
    let with_plan = reference_engagement();
    assert!(with_plan
        .coordination
        .plan
        .as_ref()
        .is_some_and(|p| !p.link.is_empty()));
    assert!(markdown(&with_plan, NOW, Audience::Customer).contains("linked below"));
}

/// The reference engagement with every field of its document filled (no empty text, no
/// `false`, no missing day), so that a field a link's reader misses cannot go unseen.
fn every_field_filled() -> Engagement {
    use upgrade_planner::domain::engagement::intake::Deviation;
    let mut e = reference_engagement();
    e.sizing.ha_required = true;
    e.sizing.zero_downtime = true;
    e.sizing.geo = true;
    e.sizing.kubernetes_expertise = true;
    e.sizing.heavy_automation = true;
    e.sizing.size_on_load = true;
    e.sizing.hybrid_at_2k = true;
    e.sizing.monorepos = "over-10gb".into();
    e.sizing.target_users = "9000".into();
    let c = &mut e.coordination;
    c.move_reasons.cloud_provider = true;
    c.move_reasons.kubernetes = true;
    c.move_reasons.growth = true;
    c.move_reasons.other = "A data centre lease ends".into();
    c.review.shared_on = Some(time::macros::date!(2026 - 11 - 12));
    c.review.ticket = "https://support.gitlab.com/hc/requests/123456".into();
    c.review.notes = "Looks complete".into();
    c.review.feedback_on_revision = 2;
    c.review.approved_sizing = Some(e.sizing.clone());
    c.migration.start = Some(time::macros::date!(2027 - 03 - 06));
    c.migration.end = Some(time::macros::date!(2027 - 03 - 07));
    c.intake.restore_hours = "5".into();
    c.intake.rollback_hours = "2".into();
    c.intake.deviation = Deviation {
        planned: "3k".into(),
        policy: true,
        budget: true,
        other_reason: "A hardware refresh".into(),
        customer_informed: true,
        gpt_results_link: "https://gitlab.example.com/perf/results".into(),
        senior_review: "Accepted by a Senior Support Engineer".into(),
    };
    e
}

/// Every key path in `value` (`coordination.intake.method`, …), each list's items under `[]`.
fn key_paths(value: &serde_json::Value, at: &str, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = format!("{at}.{key}");
                // The documents handed over are keyed by address: data, not fields.
                if key != "handed_over" {
                    key_paths(inner, &path, out);
                }
                out.insert(path);
            }
        }
        serde_json::Value::Array(items) => items
            .iter()
            .for_each(|i| key_paths(i, &format!("{at}[]"), out)),
        _ => {}
    }
}

// Issue 36.2: the link's payload is read in one pass, its short keys by the fields' own readers.
// A field whose short form the readers did not know would come back empty.
#[test]
fn a_link_with_every_field_filled_reads_back_whole() {
    let e = every_field_filled();
    let stored: serde_json::Value = serde_json::from_str(&e.to_json().unwrap()).unwrap();
    let mut filled = Default::default();
    key_paths(&stored, "", &mut filled);
    // Every field the document can hold, as an engagement with each part present writes it.
    let mut blank = e.clone();
    blank.sizing = Default::default();
    blank.coordination = Default::default();
    let mut every = serde_json::to_value(&blank).unwrap();
    every["sizing"] =
        serde_json::to_value(upgrade_planner::domain::sizing::SizingInputs::default()).unwrap();
    every["coordination"] = serde_json::to_value(&blank.coordination).unwrap();
    every["coordination"]["intake"] = serde_json::to_value(&e.coordination.intake).unwrap();
    let mut all = Default::default();
    key_paths(&every, "", &mut all);
    let missing: Vec<_> = all
        .difference(&filled)
        .filter(|p| {
            !p.contains("snapshots")
                && !p.contains("internal_notes")
                && !p.contains("consultations")
        })
        .collect();
    assert!(missing.is_empty(), "the fixture leaves empty: {missing:?}");
    let empty: Vec<_> = filled
        .iter()
        .filter(|p| {
            let pointer = p.replace('.', "/");
            matches!(
                stored.pointer(&pointer),
                Some(serde_json::Value::Null | serde_json::Value::Bool(false))
            ) || stored.pointer(&pointer).and_then(serde_json::Value::as_str) == Some("")
        })
        .collect();
    assert!(empty.is_empty(), "the fixture leaves empty: {empty:?}");

    let opened = share::decode(&share::encode(&e).unwrap()).unwrap();
    assert_eq!(opened, share::customer_copy(&e));
    assert_eq!(
        opened.coordination.intake.deviation.senior_review,
        "Accepted by a Senior Support Engineer"
    );
    assert_eq!(
        opened.coordination.review.approved_sizing,
        Some(e.sizing.clone())
    );
}

// Issue 36.2: a link made by an older build (schema version 2, its fields in any order, the log
// before the creation time it counts from) opens as it did.
#[test]
fn a_compact_link_of_an_older_version_opens_whatever_the_order_of_its_fields() {
    use base64::Engine as _;
    let payload = r#"{"l":[[0,"Stage: Requirements → Professional Services."],[90061,"Handed over to the customer: Reference architecture sizing.","2026-09-03"]],
        "rt":"tam@example.com","s":{"cu":"4000","pr":{"a":"80","w":"8","gl":"12","gp":"2"},"pf":"aws","ha":true},
        "o":{"pd":"engaged","hd":{"https://docs.gitlab.com/administration/reference_architectures/sizing/":"2026-09-03"},
        "i":{"ws":"2027-03-06T22:00:00+01:00","tz":"Europe/Berlin","cn":"Dana Ortiz","me":"geo_failover","dv":{"pl":"3k","bu":true}}},
        "v":2,"id":"42424242-4242-4242-4242-424242424242","n":"Acme","c":"2026-09-01T08:30:00Z","u":"2026-09-02T10:00:00Z","r":7,
        "x_newer_field":{"kept":"nowhere"}}"#;
    let packed = share::deflate_with_dictionary(payload.as_bytes());
    let fragment = format!(
        "s2.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    );
    let (e, reply_to) = share::decode_with_reply_to(&fragment).unwrap();
    assert_eq!(
        reply_to.map(|a| a.to_string()),
        Some("tam@example.com".to_string())
    );
    assert_eq!(
        e.schema_version,
        upgrade_planner::domain::engagement::SCHEMA_VERSION
    );
    assert_eq!(e.customer_name.to_string(), "Acme");
    assert_eq!(e.revision, 7);
    assert_eq!(e.sizing.current_users, "4000");
    assert_eq!(e.sizing.peak_rps.git_pull, "12");
    assert!(e.sizing.ha_required);
    let c = &e.coordination;
    assert_eq!(c.handed_over.len(), 1);
    assert_eq!(c.intake.contact_name, "Dana Ortiz");
    assert_eq!(c.intake.time_zone, "Europe/Berlin");
    assert_eq!(c.intake.deviation.planned, "3k");
    assert!(c.intake.deviation.budget);
    assert_eq!(e.log.len(), 2);
    assert_eq!(e.log[0].at, time::macros::datetime!(2026-09-01 08:30 UTC));
    assert_eq!(
        e.log[1].at,
        time::macros::datetime!(2026-09-02 09:31:01 UTC)
    );
    assert_eq!(e.log[1].on, Some(time::macros::date!(2026 - 09 - 03)));
    assert!(
        e.extra.is_empty(),
        "a field this build does not know is not carried on"
    );
}

// Issue 36.2: a field a newer build added, nested deeper than a JSON value reader goes (128
// levels), is passed over in the one pass instead of refusing the whole link.
#[test]
fn a_link_with_a_deeply_nested_newer_field_still_opens() {
    use base64::Engine as _;
    let e = reference_engagement();
    let mut json: serde_json::Value = serde_json::from_str(&e.to_json().unwrap()).unwrap();
    json["internal_notes"] = serde_json::Value::String(String::new());
    let text = json.to_string();
    let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
    let text = format!(
        "{},\"x_newer_field\":{deep}}}",
        text.strip_suffix('}').unwrap()
    );
    let v1 = format!(
        "s1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10))
    );
    assert_eq!(share::decode(&v1), Ok(share::customer_copy(&e)));
}

// Issue 36.2: every migration step from the version links are read as current from leaves the
// layout alone; a step that changes it must move `LAYOUT_UNCHANGED_SINCE`.
#[test]
fn links_are_read_as_current_only_from_versions_whose_layout_is_today_s() {
    use upgrade_planner::domain::engagement::{migrate, SCHEMA_VERSION};
    let current: serde_json::Value =
        serde_json::from_str(&every_field_filled().to_json().unwrap()).unwrap();
    for version in migrate::LAYOUT_UNCHANGED_SINCE..u64::from(SCHEMA_VERSION) {
        let mut old = current.clone();
        old["schema_version"] = version.into();
        assert_eq!(
            migrate::migrate(old, version),
            Ok(current.clone()),
            "from version {version}"
        );
    }
}
