//! Issue 26, point 2: one comparison of two versions of an engagement, field by field.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{reference_engagement, NOW};
use serde_json::Value;
use time::Duration;
use upgrade_planner::domain::documents::compare::{compare, Change, RECOMMENDATION};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::workflow::LogEntry;

fn change(field: &str, before: &str, after: &str) -> Change {
    Change {
        field: field.into(),
        before: before.into(),
        after: after.into(),
    }
}

fn fresh(users: &str) -> Engagement {
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([7; 16]),
        "Initech".parse().unwrap(),
        NOW,
    );
    let mut sizing = e.sizing.clone();
    sizing.current_users = users.into();
    e.set_sizing(sizing, NOW);
    e
}

#[test]
fn an_engagement_compared_with_itself_has_no_changes() {
    let e = reference_engagement();
    assert_eq!(compare(&e, &e), vec![]);
    // Saving again moves the record keeping only.
    let mut saved = e.clone();
    saved.revision += 3;
    saved.updated += Duration::hours(2);
    assert_eq!(compare(&e, &saved), vec![]);
}

#[test]
fn more_users_name_the_users_then_the_recommendation_they_change() {
    let (before, after) = (fresh("800"), fresh("4200"));
    assert_eq!(
        compare(&before, &after),
        vec![
            change("Current users", "800", "4,200"),
            change(
                RECOMMENDATION,
                "Up to 20 RPS or 1,000 users (1k), Linux package on virtual machines",
                "Up to 100 RPS or 5,000 users (5k), Linux package on virtual machines",
            ),
        ]
    );
    // A sizing change within the same architecture names the field alone.
    assert_eq!(
        compare(&fresh("800"), &fresh("900")),
        vec![change("Current users", "800", "900")]
    );
    // Typed differently, read alike: shown as typed.
    assert_eq!(
        compare(&fresh("6000"), &fresh("6,000")),
        vec![change("Current users", "6000", "6,000")]
    );
}

#[test]
fn changes_come_in_the_order_of_the_engagement_page() {
    let before = reference_engagement();
    let mut after = before.clone();
    after.internal_notes = "Renewal in March".into();
    after.customer_name = "Acme Corporation".parse().unwrap();
    after.coordination.intake.contact_email = "ops@acme.example".into();
    after.sizing.ha_required = false;
    let fields: Vec<String> = compare(&before, &after)
        .into_iter()
        .map(|c| c.field)
        .collect();
    assert_eq!(
        fields,
        [
            "Customer name",
            "High availability required",
            "Customer contact during the window (email)",
            "Internal notes"
        ]
    );
}

#[test]
fn lists_compare_item_by_item() {
    let before = reference_engagement();
    let mut after = before.clone();
    after.log.push(LogEntry {
        at: NOW + Duration::days(1),
        on: None,
        text: "Plan recorded.".into(),
    });
    let gone = after
        .coordination
        .handed_over
        .keys()
        .next()
        .cloned()
        .expect("the reference engagement lists documents handed over");
    after.coordination.handed_over.remove(&gone);
    let changes = compare(&before, &after);
    assert_eq!(changes.len(), 2, "{changes:#?}");
    assert_eq!(changes[0].field, "Activity log");
    assert_eq!(changes[0].before, "—");
    assert!(changes[0]
        .after
        .starts_with("Plan recorded. (recorded 2026-11-26T10:00:00Z)"));
    assert_eq!(changes[1].field, "Document handed over");
    assert!(changes[1].before.starts_with(&gone));
    assert_eq!(changes[1].after, "—");
}

/// Every value the stored document holds, changed one at a time, is reported: no field is left
/// out of the comparison (the record keeping aside).
#[test]
fn every_stored_field_changed_alone_is_reported() {
    let text = std::fs::read_to_string("tests/fixtures/engagement-v2-full.json").unwrap();
    let original = Engagement::from_json(&text).expect("the full fixture reads");
    let json: Value = serde_json::from_str(&original.to_json().unwrap()).unwrap();
    let mut paths = Vec::new();
    leaves(&json, String::new(), &mut paths);
    let mut checked = 0;
    let mut unchanged = Vec::new();
    for path in paths {
        let before = checked;
        if [
            "/id",
            "/created",
            "/updated",
            "/revision",
            "/schema_version",
        ]
        .contains(&path.as_str())
        {
            continue;
        }
        for changed in variants(json.pointer(&path).unwrap()) {
            let mut doc = json.clone();
            *doc.pointer_mut(&path).unwrap() = changed;
            let Ok(other) = Engagement::from_json(&doc.to_string()) else {
                continue;
            };
            if serde_json::to_value(&other).unwrap() == json {
                continue; // read back as it was
            }
            assert!(
                !compare(&original, &other).is_empty(),
                "{path} changed unreported"
            );
            checked += 1;
            break;
        }
        if checked == before {
            unchanged.push(path);
        }
    }
    assert_eq!(
        unchanged,
        Vec::<String>::new(),
        "no other value of these reads back"
    );
    assert!(checked > 60, "{checked} fields checked");
}

fn leaves(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                leaves(
                    v,
                    format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{path}/{i}"), out);
            }
        }
        _ => out.push(path),
    }
}

/// Other values a stored leaf could hold, the likeliest to read first.
fn variants(value: &Value) -> Vec<Value> {
    match value {
        Value::Bool(b) => vec![Value::Bool(!b)],
        Value::Number(n) => vec![Value::from(n.as_u64().unwrap_or(0) + 1)],
        Value::String(s) => {
            let mut out = vec![];
            // A date or a time, a day later; an enum's other names; then other text.
            if let Ok(at) =
                time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
            {
                let later = at + Duration::seconds(1);
                out.push(Value::from(
                    later
                        .format(&time::format_description::well_known::Rfc3339)
                        .unwrap(),
                ));
            }
            if let Ok(d) =
                time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
            {
                out.push(Value::from((d + Duration::days(1)).to_string()));
            }
            for name in [
                "engaged",
                "declined",
                "undecided",
                "approved",
                "pending",
                "changes_requested",
                "scheduled",
                "done",
                "in_progress",
                "docker",
                "source",
                "geo_failover",
                "backup_restore_single",
                "quality",
                "support",
                "product",
            ] {
                out.push(Value::from(name));
            }
            out.push(Value::from(format!("{s}x")));
            out.push(Value::from("https://example.com/other"));
            out.push(Value::from(""));
            out
        }
        Value::Null => vec![Value::from("2027-01-01"), Value::from(true)],
        _ => vec![],
    }
}

/// Issue 26, point 3: an approval out of date names what changed since, on the page and in the
/// Support packet; a first review has no such section, and the customer's page never.
#[test]
fn an_approval_out_of_date_names_what_changed_since() {
    use upgrade_planner::domain::documents::compare::since_approval;
    use upgrade_planner::domain::documents::plan::{markdown, Audience};
    use upgrade_planner::domain::process::workflow::Feedback;

    let mut e = fresh("6000");
    let mut sizing = e.sizing.clone();
    sizing.annual_growth_pct = "20".into();
    sizing.horizon_months = "24".into();
    e.set_sizing(sizing.clone(), NOW);
    e.coordination.review.shared_on = Some(NOW.date());
    e.coordination.review.feedback = Feedback::Approved;
    e.coordination.review.approved_sizing = Some(sizing.clone());
    assert_eq!(since_approval(&e), vec![]);
    assert!(!markdown(&e, NOW, Audience::Support).contains("Changed since Support's last review"));

    sizing.current_users = "9000".into();
    e.set_sizing(sizing, NOW);
    let changes = since_approval(&e);
    assert_eq!(changes[0], change("Current users", "6,000", "9,000"));
    assert_eq!(changes[1].field, RECOMMENDATION);
    assert!(changes[1].before.contains("(10k)") && changes[1].after.contains("(25k)"));
    assert_eq!(changes.len(), 2);
    let packet = markdown(&e, NOW, Audience::Support);
    assert!(packet.contains("## Changed since Support's last review"));
    assert!(packet.contains("| Current users | 6,000 | 9,000 |"));
    assert!(!markdown(&e, NOW, Audience::Customer).contains("Changed since"));
}
