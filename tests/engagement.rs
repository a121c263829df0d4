//! Native tests of the engagement document, name validation and reading stored entries.
#![cfg(not(target_arch = "wasm32"))]

use time::macros::datetime;
use upgrade_planner::domain::engagement::{
    CustomerName, Engagement, EngagementId, NameError, ReadError, MAX_NAME_CHARS, SCHEMA_VERSION,
};
use upgrade_planner::domain::text::time_fmt::{format_local, from_unix_millis};
use upgrade_planner::storage::{key_for, read_entries, KEY_PREFIX};

fn id(n: u8) -> EngagementId {
    EngagementId::from_random_bytes([n; 16])
}

fn sample(n: u8, name: &str) -> Engagement {
    Engagement::new(
        id(n),
        name.parse().unwrap(),
        datetime!(2026-11-20 09:30 UTC),
    )
}

#[test]
fn a_document_survives_a_round_trip_through_json() {
    let mut engagement = sample(1, "Acme Corp");
    engagement.rename(
        "Acme Corporation".parse().unwrap(),
        datetime!(2026-11-21 10:00 UTC),
    );
    let json = engagement.to_json().unwrap();
    assert_eq!(Engagement::from_json(&json), Ok(engagement));
}

#[test]
fn the_stored_form_names_its_schema_version_and_rfc3339_times() {
    let json = sample(2, "Initech").to_json().unwrap();
    assert!(json.contains(&format!("\"schema_version\":{SCHEMA_VERSION}")));
    assert!(json.contains("\"created\":\"2026-11-20T09:30:00Z\""));
    assert!(!json.contains('\n'), "stored JSON is compact");
}

#[test]
fn fields_this_build_does_not_know_are_kept_on_save() {
    let mut value: serde_json::Value =
        serde_json::from_str(&sample(3, "Globex").to_json().unwrap()).unwrap();
    value["future_field"] = serde_json::json!({"kept": [1, 2, 3]});
    let engagement = Engagement::from_json(&value.to_string()).unwrap();
    let again: serde_json::Value = serde_json::from_str(&engagement.to_json().unwrap()).unwrap();
    assert_eq!(
        again["future_field"],
        serde_json::json!({"kept": [1, 2, 3]})
    );
}

#[test]
fn unknown_fields_are_written_after_the_known_ones_as_they_were_read() {
    let mut value: serde_json::Value =
        serde_json::from_str(&sample(15, "Globex").to_json().unwrap()).unwrap();
    value["z_later"] = serde_json::Value::Null;
    value["a_later"] = serde_json::json!([1, {"b": "c"}]);
    let engagement = Engagement::from_json(&value.to_string()).unwrap();
    assert_eq!(engagement.extra.len(), 2);
    assert_eq!(Engagement::from_value(value), Ok(engagement.clone()));
    let json = engagement.to_json().unwrap();
    assert_eq!(
        json,
        format!(
            "{{\"schema_version\":{SCHEMA_VERSION},\"id\":\"{}\",\"customer_name\":\"Globex\",\
             \"created\":\"2026-11-20T09:30:00Z\",\"updated\":\"2026-11-20T09:30:00Z\",\
             \"revision\":1,\"a_later\":[1,{{\"b\":\"c\"}}],\"z_later\":null}}",
            id(15)
        )
    );
    assert_eq!(Engagement::from_json(&json), Ok(engagement));
}

#[test]
fn a_current_document_with_a_field_missing_or_of_the_wrong_kind_names_what_is_wrong() {
    let mut value: serde_json::Value =
        serde_json::from_str(&sample(16, "Globex").to_json().unwrap()).unwrap();
    value.as_object_mut().unwrap().remove("created");
    let error = Engagement::from_json(&value.to_string()).unwrap_err();
    assert_eq!(error, ReadError::Invalid("missing field `created`".into()));
    assert_eq!(Engagement::from_value(value), Err(error));

    let mut value: serde_json::Value =
        serde_json::from_str(&sample(16, "Globex").to_json().unwrap()).unwrap();
    value["revision"] = serde_json::json!("seven");
    let error = Engagement::from_json(&value.to_string()).unwrap_err();
    assert_eq!(
        error,
        ReadError::Invalid("invalid type: string \"seven\", expected u64".into())
    );
    assert_eq!(Engagement::from_value(value), Err(error));
}

#[test]
fn a_whole_document_of_another_version_is_migrated_or_refused_not_read_as_the_current_one() {
    let json = sample(17, "Globex").to_json().unwrap();
    let current = format!("\"schema_version\":{SCHEMA_VERSION}");
    let newer = json.replace(
        &current,
        &format!("\"schema_version\":{}", SCHEMA_VERSION + 1),
    );
    assert_eq!(
        Engagement::from_json(&newer),
        Err(ReadError::NewerVersion {
            found: u64::from(SCHEMA_VERSION) + 1
        })
    );
    let older = json.replace(&current, "\"schema_version\":1");
    assert_eq!(Engagement::from_json(&older), Ok(sample(17, "Globex")));
    let unnumbered = json.replace(&current, &format!("\"schema_version\":{SCHEMA_VERSION}.0"));
    assert_eq!(
        Engagement::from_json(&unnumbered),
        Err(ReadError::NoVersion)
    );
}

#[test]
fn an_id_is_a_version_4_uuid_and_parses_back() {
    let id = EngagementId::from_random_bytes([0xab; 16]);
    let text = id.to_string();
    assert_eq!(text.len(), 36);
    assert_eq!(&text[14..15], "4");
    assert_eq!(text.parse::<EngagementId>().unwrap(), id);
    assert!("not-an-id".parse::<EngagementId>().is_err());
}

#[test]
fn an_empty_or_blank_name_is_refused_with_a_message() {
    for blank in ["", " ", "   \t\n "] {
        let error = blank.parse::<CustomerName>().unwrap_err();
        assert_eq!(error, NameError::Empty);
        assert_eq!(error.to_string(), "Enter the customer's name.");
    }
}

#[test]
fn a_name_is_trimmed_and_limited_in_length() {
    assert_eq!("  Acme  ".parse::<CustomerName>().unwrap().as_str(), "Acme");
    let longest = "x".repeat(MAX_NAME_CHARS);
    assert!(longest.parse::<CustomerName>().is_ok());
    let too_long = "é".repeat(MAX_NAME_CHARS + 1);
    let error = too_long.parse::<CustomerName>().unwrap_err();
    assert_eq!(
        error,
        NameError::TooLong {
            chars: MAX_NAME_CHARS + 1
        }
    );
    assert!(error.to_string().contains("120 or fewer"));
}

#[test]
fn a_stored_blank_name_is_an_invalid_document() {
    let json = sample(4, "Acme")
        .to_json()
        .unwrap()
        .replace("\"Acme\"", "\"  \"");
    assert!(matches!(
        Engagement::from_json(&json),
        Err(ReadError::Invalid(_))
    ));
}

#[test]
fn renaming_moves_the_revision_and_the_change_time_only_when_the_name_changes() {
    let mut engagement = sample(5, "Acme");
    engagement.rename("Acme".parse().unwrap(), datetime!(2026-11-22 08:00 UTC));
    assert_eq!(engagement.revision, 1);
    assert_eq!(engagement.updated, datetime!(2026-11-20 09:30 UTC));
    engagement.rename("Acme Ltd".parse().unwrap(), datetime!(2026-11-22 08:00 UTC));
    assert_eq!(engagement.revision, 2);
    assert_eq!(engagement.updated, datetime!(2026-11-22 08:00 UTC));
    assert_eq!(engagement.created, datetime!(2026-11-20 09:30 UTC));
}

#[test]
fn a_duplicate_has_a_new_id_a_copy_name_and_its_own_dates() {
    let original = sample(6, "Acme");
    let copy = original.duplicate(id(7), datetime!(2026-11-23 12:00 UTC));
    assert_eq!(copy.id, id(7));
    assert_eq!(copy.customer_name.as_str(), "Acme (copy)");
    assert_eq!(copy.created, datetime!(2026-11-23 12:00 UTC));
    assert_eq!(copy.revision, 1);
    let long = sample(8, &"n".repeat(MAX_NAME_CHARS));
    let long_copy = long.duplicate(id(9), datetime!(2026-11-23 12:00 UTC));
    assert_eq!(
        long_copy.customer_name.as_str().chars().count(),
        MAX_NAME_CHARS
    );
    assert!(long_copy.customer_name.as_str().ends_with(" (copy)"));
}

#[test]
fn unreadable_documents_name_what_is_wrong() {
    type Expect = fn(&ReadError) -> bool;
    let cases: [(String, Expect); 6] = [
        ("{not json".into(), |e| matches!(e, ReadError::NotJson(_))),
        ("[1,2]".into(), |e| matches!(e, ReadError::NotADocument)),
        ("{\"id\":1}".into(), |e| matches!(e, ReadError::NoVersion)),
        ("{\"schema_version\":99}".into(), |e| {
            matches!(e, ReadError::NewerVersion { found: 99 })
        }),
        ("{\"schema_version\":1}".into(), |e| {
            matches!(e, ReadError::Invalid(_))
        }),
        (format!("\"{}\"", "a".repeat(2 * 1024 * 1024)), |e| {
            matches!(e, ReadError::TooLarge { .. })
        }),
    ];
    for (raw, expected) in cases {
        let error = Engagement::from_json(&raw).unwrap_err();
        assert!(expected(&error), "{error:?}");
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn an_unreadable_entry_is_reported_and_the_readable_ones_still_load() {
    let older = sample(10, "Older");
    let mut newer = sample(11, "Newer");
    newer.rename("Newest".parse().unwrap(), datetime!(2026-11-24 09:00 UTC));
    let broken_key = format!("{KEY_PREFIX}00000000-0000-4000-8000-000000000000");
    let loaded = read_entries([
        (key_for(older.id), older.to_json().unwrap()),
        (broken_key.clone(), "{\"schema_version\":1,\"id\":".into()),
        ("some-other-app".into(), "whatever".into()),
        (key_for(newer.id), newer.to_json().unwrap()),
    ]);
    assert_eq!(
        loaded.engagements,
        vec![newer, older],
        "newest change first"
    );
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].key, broken_key);
    assert!(loaded.unreadable[0].reason.contains("not valid JSON"));
}

#[test]
fn an_entry_under_another_engagements_key_is_not_loaded_as_it() {
    let engagement = sample(12, "Acme");
    let loaded = read_entries([(key_for(id(13)), engagement.to_json().unwrap())]);
    assert!(loaded.engagements.is_empty());
    assert!(loaded.unreadable[0].reason.contains("another id"));
}

#[test]
fn browser_clock_readings_become_timestamps_and_local_text() {
    let at = from_unix_millis(1_795_600_000_123.0).unwrap();
    assert_eq!(at.unix_timestamp(), 1_795_600_000);
    assert_eq!(from_unix_millis(f64::NAN), None);
    assert_eq!(from_unix_millis(1e300), None);
    let noon = datetime!(2026-11-25 12:00 UTC);
    assert_eq!(format_local(noon, 0), "2026-11-25 12:00");
    assert_eq!(format_local(noon, 60), "2026-11-25 13:00");
    assert_eq!(format_local(noon, -300), "2026-11-25 07:00");
    assert_eq!(format_local(noon, i32::MAX), "2026-11-25 12:00");
}

#[test]
fn the_sizing_form_is_stored_as_typed_and_old_documents_without_it_still_load() {
    use upgrade_planner::domain::sizing::SizingInputs;
    let mut engagement = sample(14, "Acme");
    let before = engagement.to_json().unwrap();
    assert!(!before.contains("sizing"), "a blank form is not written");
    assert_eq!(
        Engagement::from_json(&before).unwrap().sizing,
        SizingInputs::default()
    );

    let typed = SizingInputs {
        current_users: "4,200".into(),
        annual_growth_pct: "not yet".into(),
        platform: "aws".into(),
        ha_required: true,
        ..SizingInputs::default()
    };
    engagement.set_sizing(typed.clone(), datetime!(2026-11-22 08:00 UTC));
    assert_eq!(engagement.revision, 2);
    engagement.set_sizing(typed.clone(), datetime!(2026-11-23 08:00 UTC));
    assert_eq!(engagement.revision, 2, "the same text is no change");
    let back = Engagement::from_json(&engagement.to_json().unwrap()).unwrap();
    assert_eq!(back.sizing, typed);
}

#[test]
fn only_web_and_mail_addresses_become_links() {
    use upgrade_planner::domain::text::links::safe_href;
    assert_eq!(
        safe_href(" https://gitlab.example/issues/1 ").as_deref(),
        Some("https://gitlab.example/issues/1")
    );
    assert!(safe_href("http://x.example").is_some());
    assert!(safe_href("mailto:support@example.com").is_some());
    for bad in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,x",
        "https://",
        "ftp://x",
        "https://a b",
        "vbscript:x",
        " java\tscript:x",
    ] {
        assert_eq!(safe_href(bad), None, "{bad}");
    }
}

#[test]
fn date_inputs_read_and_write_iso_dates() {
    use upgrade_planner::domain::text::time_fmt::{date_input_value, parse_date};
    assert_eq!(
        parse_date("2027-02-01"),
        Some(time::macros::date!(2027 - 02 - 01))
    );
    assert_eq!(parse_date(""), None);
    assert_eq!(parse_date("2027-02-30"), None);
    assert_eq!(
        date_input_value(Some(time::macros::date!(2027 - 02 - 01))),
        "2027-02-01"
    );
    assert_eq!(date_input_value(None), "");
}
