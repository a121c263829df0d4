//! The cut-over runbook: the window's schedule (`documents::schedule`, GitLab's procedure for the
//! method with the upgrade placed and every step timed) written as a GitLab task list, each step
//! with its owner, its time on the window's clock and in UTC, its length and where that length
//! comes from, and the GitLab page and heading it follows. It is documentation the TAM hands
//! over, for the customer (or Professional Services) to adapt into their plan, and says so.

use std::fmt::Write as _;

use time::{Date, Duration};

use crate::domain::documents::cutover::{self, State};
use crate::domain::documents::request;
use crate::domain::documents::schedule::{
    self, DeadlineWhy, Length, Part, Schedule, Scheduled, UpgradePlace, When,
};
use crate::domain::engagement::Engagement;
use crate::domain::process::intake;
use crate::domain::process::procedures::{Phase, Source, UPGRADE};
use crate::domain::process::workflow::PsDecision;
use crate::domain::text::escape_md;
use crate::domain::text::time_fmt::duration_text;

pub use crate::domain::documents::schedule::Owner;

/// Every step of the runbook, in its order, with no step dated before `today`.
pub fn runbook_steps(e: &Engagement, today: Date) -> Vec<Scheduled> {
    planned(e, today).steps
}

/// The schedule with the coordination around the move (the app's own steps, dated from the
/// timeline) leading the days before the window.
fn planned(e: &Engagement, today: Date) -> Schedule {
    let mut s = schedule::schedule(e, today);
    let c = &e.coordination;
    let i = &c.intake;
    let hands = match c.ps_decision {
        PsDecision::Engaged => Owner::ProfessionalServices,
        _ => Owner::Customer,
    };
    let milestones = cutover::timeline(e, today);
    let day_of = |key: &str| -> When {
        match milestones.iter().find(|m| m.key == key) {
            Some(m) => match (m.state, m.date) {
                (State::Done, Some(d)) => When::Done(d),
                (_, Some(d)) if d < today => {
                    When::Day(today, Some(format!("its latest date, {d}, has passed")))
                }
                (_, Some(d)) => When::Day(d, None),
                (_, None) => When::NotKnown,
            },
            None => When::NotKnown,
        }
    };
    let own = |owner, when, text| Scheduled::own(Phase::DaysBefore, owner, when, text);
    let request = request::support_request(e, today);
    let steps = [
        own(Owner::Tam, day_of("shared"), "Share the plan with Support for review, and coordinate the customer, Support and (where engaged) Professional Services".into()),
        own(Owner::Customer, day_of("shared"), request.ticket_text()),
        own(hands, day_of("rehearsal"), rehearsal_text(i)),
        own(Owner::Customer, day_of("go-no-go"), "Go/no-go: the rehearsal passed, the backups are verified, Support's feedback is addressed, and the contacts on both sides are confirmed".into()),
    ];
    s.steps.extend(steps);
    // The upgrade's own window first, then the days before the window in the order of their
    // dates: GitLab's own steps keep their order (their lead times never grow down a table),
    // the app's fall in between; the window's steps keep theirs.
    s.steps.sort_by_key(|st| match (st.part, &st.when) {
        (Part::UpgradeWindow, _) => (0, st.phase, None),
        (_, When::Day(day, _) | When::Done(day)) if st.phase <= Phase::DaysBefore => {
            (1, st.phase, Some(*day))
        }
        _ => (1, st.phase, None),
    });
    s
}

/// The rehearsal step, saying what is recorded of it.
fn rehearsal_text(i: &crate::domain::engagement::intake::Intake) -> String {
    if i.method == intake::MigrationMethod::GeoFailover {
        return match i.rehearsal_on {
            Some(on) => format!("Rehearse the failover on a staging environment with smoke tests, and time each step (recorded: a rehearsal on {on})"),
            None => "Rehearse the failover on a staging environment with smoke tests, and time each step".into(),
        };
    }
    let restore = intake::hours(&i.restore_hours).ok().flatten();
    let result = i.rehearsal_result.trim();
    let recorded = match (i.rehearsal_on, restore) {
        (Some(on), Some(d)) => format!("recorded: a rehearsal on {on}, the restore took {}", duration_text(d)),
        (Some(on), None) => format!("recorded: a rehearsal on {on}; record how long its restore took"),
        (None, Some(d)) => format!("recorded: the restore took {}; record the rehearsal's date", duration_text(d)),
        (None, None) if result.is_empty() => return "Rehearse the migration on a test environment and time each step, the restore above all".into(),
        (None, None) => "recorded: a result; record the rehearsal's date and how long its restore took".into(),
    };
    format!("Rehearse the migration on a test environment and time each step ({recorded})")
}

fn when_text(s: &Schedule, when: &When) -> String {
    match when {
        When::At(at) => s.wall(*at),
        When::Day(day, None) => day.to_string(),
        When::Day(day, Some(why)) => format!("{day} ({why})"),
        When::ToBeAgreed => "to be agreed".into(),
        When::NotKnown => "—".into(),
        When::IfNeeded(what) => (*what).to_string(),
        When::Done(day) => format!("done on {day}"),
    }
}

fn source_text(source: &Source) -> String {
    let (title, url) = source.page;
    if source.heading == title {
        format!("[{title}](<{url}>)")
    } else {
        format!("[{title}](<{url}>), “{}”", source.heading)
    }
}

fn length_text(length: &Length) -> String {
    match length {
        Length::Figure(m) => format!(
            " (about {}, as in the rehearsal)",
            duration_text(Duration::minutes(*m))
        ),
        Length::Assumed(m, why) => format!(
            " (about {}: {})",
            duration_text(Duration::minutes(*m)),
            escape_md(why)
        ),
        Length::Allowance(m) if *m > 0 => {
            format!(" (about {})", duration_text(Duration::minutes(*m)))
        }
        Length::Allowance(_) => String::new(),
    }
}

fn step_line(s: &Schedule, step: &Scheduled) -> String {
    let mut line = format!(
        "- [ ] **{}** · {} — {}",
        step.owner.label(),
        escape_md(&when_text(s, &step.when)),
        escape_md(&step.text)
    );
    if let Some(length) = &step.length {
        line.push_str(&length_text(length));
    }
    if let Some(source) = &step.source {
        let _ = write!(line, " · source: {}", source_text(source));
    }
    line
}

/// The section a step is listed under.
fn section(step: &Scheduled) -> &'static str {
    match step.part {
        Part::UpgradeWindow => "Upgrade window (to be agreed, before the move)",
        Part::Move => step.phase.heading(),
    }
}

/// The runbook as Markdown made for a GitLab issue.
pub fn runbook(e: &Engagement, today: Date) -> String {
    let i = &e.coordination.intake;
    let s = planned(e, today);
    let mut md = format!(
        "# Cut-over runbook: {}\n\n",
        escape_md(e.customer_name.as_str())
    );
    let author = match e.coordination.ps_decision {
        PsDecision::Engaged => "Professional Services",
        _ => "the customer",
    };
    let _ = writeln!(
        md,
        "GitLab's documented procedure for the chosen method, step by step in GitLab's order, timed from the customer's figures: documentation for {author} to adapt into the plan, not the plan itself. Times in the window are on its own clock, in the offset in force at that moment, with UTC beside them.\n"
    );
    let _ = writeln!(
        md,
        "- **Migration method:** {}",
        escape_md(i.method.label())
    );
    let _ = writeln!(
        md,
        "- **Maintenance window:** {}",
        escape_md(&intake::window_text(i).unwrap_or_else(|| "not set yet".into()))
    );
    if let Some(p) = s.procedure {
        let _ = writeln!(
            md,
            "- **Point of no return:** {}, when {}",
            s.point_of_no_return
                .map(|at| s.wall(at))
                .unwrap_or_else(|| "its time is not known until the window is set".into()),
            p.why_no_return
        );
    }
    let _ = writeln!(
        md,
        "- **Rollback deadline:** {}",
        match s.deadline {
            Some((at, DeadlineWhy::Rollback(d))) => format!(
                "{} (the window's end less the rollback's {}, before the point of no return)",
                s.wall(at),
                duration_text(d)
            ),
            Some((at, DeadlineWhy::Midpoint)) => format!(
                "{} (the window's midpoint: the rollback's duration is not recorded yet)",
                s.wall(at)
            ),
            Some((at, DeadlineWhy::PointOfNoReturn)) => format!(
                "{} (the point of no return: after it, rolling back loses data)",
                s.wall(at)
            ),
            None => "—".into(),
        }
    );
    let _ = writeln!(md, "- **Upgrade:** {}", escape_md(&upgrade_text(e, &s)));
    let contact = match (i.contact_name.trim(), i.contact_email.trim()) {
        ("", "") => "—".to_string(),
        (name, email) => escape_md(format!("{name} {email}").trim()),
    };
    let _ = writeln!(md, "- **Customer's contact:** {contact}");
    if !i.rollback_summary.trim().is_empty() {
        let _ = writeln!(
            md,
            "- **Rollback plan:** {}",
            escape_md(i.rollback_summary.trim())
        );
    }
    let _ = writeln!(
        md,
        "- **Work in the window:** {}{}",
        duration_text(Duration::minutes(s.total)),
        match s.window {
            Some((start, end)) => format!(" of the window's {}", duration_text(end - start)),
            None => String::new(),
        }
    );
    md.push('\n');
    for warning in warnings(&s) {
        let _ = writeln!(md, "> **Warning:** {}\n", escape_md(&warning));
    }
    let mut current = "";
    for step in &s.steps {
        let heading = section(step);
        if heading != current {
            if !current.is_empty() {
                md.push('\n');
            }
            let _ = writeln!(md, "## {heading}\n");
            current = heading;
        }
        let _ = writeln!(md, "{}", step_line(&s, step));
    }
    md.push('\n');
    if matches!(
        s.upgrade,
        UpgradePlace::InWindow | UpgradePlace::OwnWindow { .. }
    ) {
        let _ = writeln!(
            md,
            "## Each upgrade stop, step by step\n\nFor every stop above, in turn ({}; the point of no return of each stop is the deploy node's database migrations):\n",
            UPGRADE.name
        );
        for t in UPGRADE.steps {
            let mut line = format!(
                "- [ ] **{}** — {}",
                match t.phase {
                    Phase::WeeksBefore | Phase::DaysBefore => "Before the stop",
                    Phase::PointOfNoReturn => "Point of no return",
                    Phase::AfterWindow => "Before the next stop",
                    _ => "During the stop",
                },
                escape_md(t.text)
            );
            let _ = write!(line, " · source: {}", source_text(&t.source));
            let _ = writeln!(md, "{line}");
        }
        md.push('\n');
    }
    if !s.not_covered.is_empty() {
        let _ = writeln!(md, "## Not covered here\n");
        for n in &s.not_covered {
            let _ = writeln!(
                md,
                "- {}: not covered here, see {}",
                escape_md(n.text),
                source_text(&n.source)
            );
        }
        md.push('\n');
    }
    let _ = writeln!(
        md,
        "---\n{}",
        escape_md(crate::domain::documents::cutover::ASSUMPTIONS)
    );
    md
}

/// Where the upgrade goes, in one sentence.
pub fn upgrade_text(e: &Engagement, s: &Schedule) -> String {
    let c = &e.coordination;
    match &s.upgrade {
        UpgradePlace::None => "none: the move keeps the current version".into(),
        UpgradePlace::Unreadable(err) => format!(
            "{} The upgrade is not scheduled until the versions can be read.",
            err
        ),
        UpgradePlace::InWindow => format!(
            "from {} to {}, in the window after the restore and before the cut-over: the new environment is restored on {} first, since a backup restores only onto the same version",
            c.gitlab_version.trim(),
            c.intake.target_version.trim(),
            s.move_version
        ),
        UpgradePlace::OwnWindow { minutes, why } => format!(
            "from {} to {}, in a window of its own before the move (about {}, to be agreed): {why}; the move then runs on {} on both sides",
            c.gitlab_version.trim(),
            c.intake.target_version.trim(),
            duration_text(Duration::minutes(*minutes)),
            s.move_version
        ),
    }
}

/// What does not fit, in the runbook's own words.
pub fn warnings(s: &Schedule) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some(short), Some(safe)) = (s.short_by(), s.latest_safe()) {
        out.push(format!(
            "the steps before the point of no return end {} after {}, the latest moment that leaves the rollback its time: shorten them (a rehearsed, faster restore), start earlier, or lengthen the window",
            duration_text(short),
            s.wall(safe)
        ));
    }
    if let Some(over) = s.overrun() {
        out.push(format!(
            "the steps overrun the window by {}: shorten them or lengthen the window",
            duration_text(over)
        ));
    }
    out
}
