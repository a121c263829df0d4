//! The intake's fields as data: each field the customer and the TAM both fill (the contact, the
//! window, the rollback plan, the diagram, the installation, the rehearsal) with its label, the
//! input it takes, how it is read from and written to the intake, and how a value is checked.
//! The TAM's intake panel, the customer's "Your part", the return link and the TAM's review of
//! an answer all use this one table, so a label or a rule cannot differ between them.
//!
//! Also the engagement's link fields, checked wherever an engagement comes in from outside.

use std::collections::BTreeMap;
use std::fmt;

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::domain::engagement::intake::{hours, HoursError, Installation, Intake};
use crate::domain::engagement::limits::{LINE_CHARS, LONG_TEXT_CHARS, SHORT_CHARS, YEARS};
use crate::domain::engagement::records::Coordination;
use crate::domain::engagement::Engagement;
use crate::domain::text::coded;
use crate::domain::text::links::{check_link, is_email_address, is_web_address, NotWebAddress};
use crate::domain::text::time_fmt;

/// A field of the intake that the customer can answer and the TAM records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    ContactName,
    ContactEmail,
    WindowStart,
    WindowEnd,
    TimeZone,
    RollbackSummary,
    RollbackLink,
    DiagramLink,
    Installation,
    OperatingSystem,
    RehearsalOn,
    RehearsalResult,
    RestoreHours,
    RollbackHours,
}

// The code is the field's key in a return link: never change one.
coded! {
    Field:
    ContactName => "cn", "Customer contact during the window (name)";
    ContactEmail => "cm", "Customer contact during the window (email)";
    WindowStart => "ws", "Maintenance window start";
    WindowEnd => "we", "Maintenance window end";
    TimeZone => "tz", "Time zone";
    RollbackSummary => "rs", "Rollback plan";
    RollbackLink => "rl", "Rollback document (link)";
    DiagramLink => "dl", "Architecture diagram (link)";
    Installation => "in", "Installation method";
    OperatingSystem => "os", "Operating system";
    RehearsalOn => "ro", "Date rehearsed";
    RehearsalResult => "rr", "Rehearsal result";
    RestoreHours => "rh", "Restore duration in rehearsal (hours)";
    RollbackHours => "bh", "Rollback duration (hours)";
}

/// The two forms that hold these fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The TAM's intake panel on the engagement page.
    Tam,
    /// "Your part", on the customer's shared plan.
    Customer,
}

/// The input a field takes, which each form draws the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Line,
    /// Several lines.
    Long,
    /// A web address.
    Link,
    /// A duration in hours, checked as it is typed.
    Hours,
    /// A time on the window's clock.
    WallTime,
    /// A time zone.
    Zone,
    /// A day.
    Date,
    /// One of the installation methods.
    Installation,
}

/// Why a value cannot be taken for a field. Its `Display` is the sentence shown at the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    TooLong,
    BadValue,
    NotWebAddress,
    /// An email field holding something that is not one email address.
    NotEmail,
    /// A duration that does not read as hours.
    NotHours,
    /// The window's end at or before its start.
    EndsBeforeStart,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::TooLong => f.write_str("This is longer than this app accepts: shorten it."),
            Problem::BadValue => f.write_str("This cannot be read: enter it again."),
            Problem::NotWebAddress => {
                f.write_str("Enter a web address starting with https:// (or http://).")
            }
            Problem::NotEmail => f.write_str("Enter one email address, such as name@example.com."),
            Problem::NotHours => HoursError.fmt(f),
            Problem::EndsBeforeStart => {
                f.write_str("The window must end after it starts: check both times.")
            }
        }
    }
}

/// Every problem of a form's values (`values` by field; a field left out is empty), in the
/// form's order: each field's own check, then the window's end after its start, said at the
/// end. Both forms show each at its field, and "Your part" lists them before sending.
pub fn problems(values: &BTreeMap<Field, String>) -> Vec<(Field, Problem)> {
    let value = |f: Field| values.get(&f).map(String::as_str).unwrap_or("");
    let mut found: Vec<(Field, Problem)> = Field::ALL
        .into_iter()
        .filter_map(|f| f.check(value(f)).err().map(|p| (f, p)))
        .collect();
    let at = |f: Field| OffsetDateTime::parse(value(f).trim(), &Rfc3339).ok();
    if let (Some(start), Some(end)) = (at(Field::WindowStart), at(Field::WindowEnd)) {
        if end <= start && !found.iter().any(|(f, _)| *f == Field::WindowEnd) {
            found.push((Field::WindowEnd, Problem::EndsBeforeStart));
            found.sort_by_key(|(f, _)| *f);
        }
    }
    found
}

/// The values of every field as `i` holds them, as [`problems`] takes them.
pub fn values(i: &Intake) -> BTreeMap<Field, String> {
    Field::ALL.into_iter().map(|f| (f, f.read(i))).collect()
}

impl Field {
    /// The id of this field's input on a form: the TAM's intake panel and the customer's
    /// "Your part" never share one.
    pub fn id(self, form: Form) -> &'static str {
        let (tam, customer) = match self {
            Field::ContactName => ("contact-name", "reply-contact-name"),
            Field::ContactEmail => ("contact-email", "reply-contact-email"),
            Field::WindowStart => ("window-start", "reply-window-start"),
            Field::WindowEnd => ("window-end", "reply-window-end"),
            Field::TimeZone => ("time-zone", "reply-time-zone"),
            Field::RollbackSummary => ("rollback-summary", "reply-rollback-summary"),
            Field::RollbackLink => ("rollback-link", "reply-rollback-link"),
            Field::DiagramLink => ("architecture-diagram", "reply-architecture-diagram"),
            Field::Installation => ("installation-method", "reply-installation-method"),
            Field::OperatingSystem => ("operating-system", "reply-operating-system"),
            Field::RehearsalOn => ("rehearsed-on", "reply-rehearsed-on"),
            Field::RehearsalResult => ("rehearsal", "reply-rehearsal"),
            Field::RestoreHours => ("restore-hours", "reply-restore-hours"),
            Field::RollbackHours => ("rollback-hours", "reply-rollback-hours"),
        };
        match form {
            Form::Tam => tam,
            Form::Customer => customer,
        }
    }

    /// The input this field takes.
    pub fn input(self) -> Input {
        match self {
            Field::RollbackSummary => Input::Long,
            Field::RollbackLink | Field::DiagramLink => Input::Link,
            Field::RestoreHours | Field::RollbackHours => Input::Hours,
            Field::WindowStart | Field::WindowEnd => Input::WallTime,
            Field::TimeZone => Input::Zone,
            Field::RehearsalOn => Input::Date,
            Field::Installation => Input::Installation,
            _ => Input::Line,
        }
    }

    /// The most characters a value may have.
    pub fn max_chars(self) -> usize {
        match self.input() {
            Input::Long => LONG_TEXT_CHARS,
            _ if self == Field::RehearsalResult => LONG_TEXT_CHARS,
            Input::Hours => SHORT_CHARS,
            _ => LINE_CHARS,
        }
    }

    /// The stored value of this field, as a form and a return link carry it ("" when empty):
    /// times in RFC 3339, days as yyyy-mm-dd, the installation by its code.
    pub fn read(self, i: &Intake) -> String {
        match self {
            Field::ContactName => i.contact_name.clone(),
            Field::ContactEmail => i.contact_email.clone(),
            Field::WindowStart => i.window_start.map(time_fmt::rfc3339).unwrap_or_default(),
            Field::WindowEnd => i.window_end.map(time_fmt::rfc3339).unwrap_or_default(),
            Field::TimeZone => i.time_zone.clone(),
            Field::RollbackSummary => i.rollback_summary.clone(),
            Field::RollbackLink => i.rollback_link.clone(),
            Field::DiagramLink => i.diagram_link.clone(),
            Field::Installation => i.installation.code().to_string(),
            Field::OperatingSystem => i.operating_system.clone(),
            Field::RehearsalOn => i.rehearsal_on.map(|d| d.to_string()).unwrap_or_default(),
            Field::RehearsalResult => i.rehearsal_result.clone(),
            Field::RestoreHours => i.restore_hours.clone(),
            Field::RollbackHours => i.rollback_hours.clone(),
        }
    }

    /// A value of this field as a person reads it: times with their offset, the installation
    /// by its label, "—" for nothing.
    pub fn show(self, value: &str) -> String {
        if value.trim().is_empty() {
            return "—".into();
        }
        match self {
            Field::WindowStart | Field::WindowEnd => OffsetDateTime::parse(value, &Rfc3339)
                .map(time_fmt::wall)
                .unwrap_or_else(|_| value.to_string()),
            Field::Installation => Installation::from_code(value)
                .map(|i| i.label().to_string())
                .unwrap_or_else(|| value.to_string()),
            _ => value.to_string(),
        }
    }

    /// Checks a value of this field.
    pub fn check(self, value: &str) -> Result<(), Problem> {
        if value.chars().count() > self.max_chars() {
            return Err(Problem::TooLong);
        }
        let ok = match self.input() {
            Input::WallTime => {
                value.is_empty()
                    || OffsetDateTime::parse(value, &Rfc3339)
                        .is_ok_and(|at| YEARS.contains(&at.year()))
            }
            Input::Date => value.is_empty() || parse_date(value).is_some(),
            Input::Installation => Installation::from_code(value).is_some(),
            Input::Hours if hours(value).is_err() => return Err(Problem::NotHours),
            Input::Link if !is_web_address(value) => return Err(Problem::NotWebAddress),
            Input::Line
                if self == Field::ContactEmail
                    && !value.trim().is_empty()
                    && !is_email_address(value) =>
            {
                return Err(Problem::NotEmail)
            }
            Input::Hours | Input::Link | Input::Line | Input::Long | Input::Zone => true,
        };
        if ok {
            Ok(())
        } else {
            Err(Problem::BadValue)
        }
    }

    /// Writes a value (already checked) into the intake.
    pub fn write(self, i: &mut Intake, value: &str) {
        let text = value.to_string();
        match self {
            Field::ContactName => i.contact_name = text,
            Field::ContactEmail => i.contact_email = text,
            Field::WindowStart => i.window_start = OffsetDateTime::parse(value, &Rfc3339).ok(),
            Field::WindowEnd => i.window_end = OffsetDateTime::parse(value, &Rfc3339).ok(),
            Field::TimeZone => i.time_zone = text,
            Field::RollbackSummary => i.rollback_summary = text,
            Field::RollbackLink => i.rollback_link = text,
            Field::DiagramLink => i.diagram_link = text,
            Field::Installation => {
                i.installation = Installation::from_code(value).unwrap_or_default()
            }
            Field::OperatingSystem => i.operating_system = text,
            Field::RehearsalOn => i.rehearsal_on = parse_date(value),
            Field::RehearsalResult => i.rehearsal_result = text,
            Field::RestoreHours => i.restore_hours = text,
            Field::RollbackHours => i.rollback_hours = text,
        }
    }
}

/// A day written yyyy-mm-dd, within the years this app accepts.
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
    .filter(|d| YEARS.contains(&d.year()))
}

/// The engagement's link fields, each with the label the TAM sees beside it.
pub fn link_fields(c: &Coordination) -> [(&'static str, &str); 5] {
    let i = &c.intake;
    [
        (Field::RollbackLink.label(), &i.rollback_link),
        (Field::DiagramLink.label(), &i.diagram_link),
        (
            "GitLab Performance Tool results (link), against GitLab's benchmarks",
            &i.deviation.gpt_results_link,
        ),
        (
            "Plan link",
            c.plan.as_ref().map(|p| p.link.as_str()).unwrap_or(""),
        ),
        ("Support ticket link", &c.review.ticket),
    ]
}

/// Checks that every link field of a document from outside (a plan file, a backup, a customer
/// link) holds a web address or nothing; the first that does not is named.
pub fn check_links(e: &Engagement) -> Result<(), NotWebAddress> {
    for (field, text) in link_fields(&e.coordination) {
        check_link(field, text)?;
    }
    Ok(())
}

/// Checks the link fields a change sets to a new value: one stored before the rule existed is
/// left alone until it is changed.
pub fn check_changed_links(
    before: &Coordination,
    after: &Coordination,
) -> Result<(), NotWebAddress> {
    for ((field, old), (_, new)) in link_fields(before).into_iter().zip(link_fields(after)) {
        if old != new {
            check_link(field, new)?;
        }
    }
    Ok(())
}
