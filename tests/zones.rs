//! Every zone that changes its clocks gives the offset Python's zoneinfo gives, a second before
//! and at each of its 2027 and 2028 clock changes, and a month after.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use upgrade_planner::domain::text::zones::{changes_clocks, offset_at};

#[test]
fn offsets_match_the_time_zone_database_around_every_clock_change() {
    let rows = include_str!("fixtures/zone-offsets.tsv");
    let mut checked = 0;
    for line in rows.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let at = OffsetDateTime::parse(cols[1], &Rfc3339).unwrap();
        let want: i32 = cols[2].parse().unwrap();
        let got = offset_at(cols[0], at).map(|o| o.whole_seconds());
        assert_eq!(got, Some(want), "{} at {}", cols[0], cols[1]);
        checked += 1;
    }
    assert!(checked > 2000, "{checked}");
}

#[test]
fn zones_without_a_clock_change_keep_the_offset_they_have() {
    assert!(!changes_clocks("Asia/Tokyo"));
    assert!(!changes_clocks("UTC"));
    assert!(offset_at("Asia/Kolkata", OffsetDateTime::UNIX_EPOCH).is_none());
    assert!(changes_clocks("America/Chicago"));
}
