//! The offset from UTC in force at an instant in a named time zone, so that every time of a
//! window is written on the clock that holds at that instant (a window across a clock change
//! reads UTC-06:00 before 02:00 and UTC-05:00 after 03:00 in Chicago). The browser gives the
//! window's two ends; the steps between them come from each zone's current rule, copied from
//! the IANA database into `zone_rules.rs`. A zone that never changes its clocks is not listed:
//! its offset is the one the window's start already carries.

use time::{Date, Month, OffsetDateTime, UtcOffset, Weekday};

#[path = "zone_rules.rs"]
mod zone_rules;

/// A day of a month as POSIX TZ writes it (`Mm.w.d`): weekday `d` of week `w`, 5 being the last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Day {
    month: u8,
    week: u8,
    weekday: u8,
}

/// One clock change: the day and the local time (seconds, on the clock in force before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Change {
    day: Day,
    seconds: i64,
}

/// A zone's rule: its standard and daylight offsets (seconds east of UTC) and the two changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rule {
    standard: i64,
    daylight: i64,
    start: Change,
    end: Change,
}

/// Reads a POSIX TZ string with a daylight-saving rule ("CST6CDT,M3.2.0,M11.1.0").
fn parse(text: &str) -> Option<Rule> {
    let (names, changes) = text.split_once(',')?;
    let (start, end) = changes.split_once(',')?;
    let mut rest = names;
    skip_name(&mut rest)?;
    let standard = -hms(&mut rest)?;
    skip_name(&mut rest)?;
    let daylight = if rest.is_empty() {
        standard + 3600
    } else {
        -hms(&mut rest)?
    };
    Some(Rule {
        standard,
        daylight,
        start: change(start)?,
        end: change(end)?,
    })
}

fn skip_name(text: &mut &str) -> Option<()> {
    if let Some(quoted) = text.strip_prefix('<') {
        let close = quoted.find('>')?;
        *text = &quoted[close + 1..];
    } else {
        let len = text
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(text.len());
        *text = &text[len..];
    }
    Some(())
}

/// "[+-]hh[:mm[:ss]]" in seconds, consumed from the front of `text`.
fn hms(text: &mut &str) -> Option<i64> {
    let len = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '+' | '-')))
        .unwrap_or(text.len());
    let (part, rest) = text.split_at(len);
    *text = rest;
    let (sign, digits) = match part.strip_prefix('-') {
        Some(d) => (-1, d),
        None => (1, part.trim_start_matches('+')),
    };
    let mut seconds = 0;
    for (i, field) in digits.split(':').enumerate() {
        let n: i64 = field.parse().ok()?;
        seconds += n * [3600, 60, 1].get(i)?;
    }
    Some(sign * seconds)
}

fn change(text: &str) -> Option<Change> {
    let (day, time) = match text.split_once('/') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut fields = day.strip_prefix('M')?.split('.');
    let mut next = || fields.next()?.parse::<u8>().ok();
    let day = Day {
        month: next()?,
        week: next()?,
        weekday: next()?,
    };
    let seconds = match time {
        Some(mut t) => hms(&mut t)?,
        None => 7200,
    };
    Some(Change { day, seconds })
}

impl Day {
    fn date(self, year: i32) -> Option<Date> {
        let month = Month::try_from(self.month).ok()?;
        let first = Date::from_calendar_date(year, month, 1).ok()?;
        let weekday = [
            Weekday::Sunday,
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
        ][usize::from(self.weekday % 7)];
        let mut date = first;
        while date.weekday() != weekday {
            date = date.next_day()?;
        }
        for _ in 1..self.week {
            match date.checked_add(time::Duration::weeks(1)) {
                Some(later) if later.month() == month => date = later,
                _ => break,
            }
        }
        Some(date)
    }
}

impl Change {
    /// The change's instant in `year`, on the clock `offset` seconds east of UTC.
    fn instant(self, year: i32, offset: i64) -> Option<i64> {
        let midnight = self
            .day
            .date(year)?
            .midnight()
            .assume_utc()
            .unix_timestamp();
        Some(midnight + self.seconds - offset)
    }
}

impl Rule {
    fn offset_at(&self, at: OffsetDateTime) -> Option<i64> {
        let year = at.to_offset(UtcOffset::UTC).year();
        let t = at.unix_timestamp();
        let start = self.start.instant(year, self.standard)?;
        let end = self.end.instant(year, self.daylight)?;
        let daylight = if start < end {
            (start..end).contains(&t)
        } else {
            !(end..start).contains(&t)
        };
        Some(if daylight {
            self.daylight
        } else {
            self.standard
        })
    }
}

/// True when the zone changes its clocks (and the app knows its rule).
pub fn changes_clocks(zone: &str) -> bool {
    rule(zone).is_some()
}

fn rule(zone: &str) -> Option<Rule> {
    let zones = &zone_rules::ZONES;
    let index = zones.binary_search_by(|(name, _)| name.cmp(&zone)).ok()?;
    parse(zone_rules::RULES.get(usize::from(zones[index].1))?)
}

/// The offset in force at `at` in `zone` by its current rule; `None` for a zone that does not
/// change its clocks or that the app does not know (the caller keeps the offset it has).
pub fn offset_at(zone: &str, at: OffsetDateTime) -> Option<UtcOffset> {
    let seconds = rule(zone.trim())?.offset_at(at)?;
    UtcOffset::from_whole_seconds(i32::try_from(seconds).ok()?).ok()
}

/// `at` on the clock in force at that instant in `zone`; where the zone's rule is not known,
/// on `fallback`'s clock (the window's start carries the offset the browser gave it).
pub fn local(zone: &str, at: OffsetDateTime, fallback: UtcOffset) -> OffsetDateTime {
    let offset = offset_at(zone, at).unwrap_or(fallback);
    at.checked_to_offset(offset).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_reads() {
        for text in zone_rules::RULES {
            assert!(parse(text).is_some(), "{text}");
        }
    }

    #[test]
    fn zones_are_sorted_for_the_search() {
        assert!(zone_rules::ZONES.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
