//! Converting the browser's clock readings to timestamps, and timestamps to readable text.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// The timestamp for a count of milliseconds since the Unix epoch (as `Date.now()` gives),
/// or `None` when the count is not a representable instant.
pub fn from_unix_millis(millis: f64) -> Option<OffsetDateTime> {
    if !millis.is_finite() {
        return None;
    }
    let nanos = (millis.trunc() as i128).checked_mul(1_000_000)?;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
}

/// The timestamp as RFC 3339 ("2026-11-25T14:03:00Z"), as stored and as `<time datetime>`
/// takes it; empty for the few instants RFC 3339 cannot express (years beyond 9999).
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// "2026-11-25 14:03", in the zone `offset_minutes` east of UTC (as the browser reports it).
pub fn format_local(at: OffsetDateTime, offset_minutes: i32) -> String {
    let offset = i32::try_from(i64::from(offset_minutes) * 60)
        .ok()
        .and_then(|seconds| UtcOffset::from_whole_seconds(seconds).ok())
        .unwrap_or(UtcOffset::UTC);
    let local = at.checked_to_offset(offset).unwrap_or(at);
    local
        .format(format_description!("[year]-[month]-[day] [hour]:[minute]"))
        .unwrap_or_else(|_| local.to_string())
}

/// A date as a date input gives it ("2026-11-25"); `None` for empty or malformed text.
pub fn parse_date(text: &str) -> Option<time::Date> {
    time::Date::parse(text.trim(), format_description!("[year]-[month]-[day]")).ok()
}

/// A date as a date input takes it ("2026-11-25").
pub fn date_input_value(date: Option<time::Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A duration as a person says it: "5 h 10 min", "45 min", "7 hours".
pub fn duration_text(d: time::Duration) -> String {
    let minutes = d.whole_minutes().max(0);
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (1, 0) => "1 hour".into(),
        (h, 0) => format!("{h} hours"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// "UTC+01:00", "UTC-05:00": an offset as the app writes it everywhere.
pub fn offset_text(offset: UtcOffset) -> String {
    let minutes = offset.whole_minutes();
    format!(
        "UTC{}{:02}:{:02}",
        if minutes < 0 { '-' } else { '+' },
        minutes.abs() / 60,
        minutes.abs() % 60
    )
}

/// "2027-03-06 22:00", on the time's own clock.
pub fn clock(at: OffsetDateTime) -> String {
    format!("{} {:02}:{:02}", at.date(), at.hour(), at.minute())
}

/// The same instant in UTC (or as it is, where UTC cannot show it).
pub fn to_utc(at: OffsetDateTime) -> OffsetDateTime {
    at.checked_to_offset(UtcOffset::UTC).unwrap_or(at)
}

/// A time on its own zone's clock with the offset: "2027-03-06 22:00 (UTC+01:00)".
pub fn wall(at: OffsetDateTime) -> String {
    format!(
        "{} {:02}:{:02} ({})",
        at.date(),
        at.hour(),
        at.minute(),
        offset_text(at.offset())
    )
}
