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
