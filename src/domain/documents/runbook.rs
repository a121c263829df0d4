//! The cut-over runbook: GitLab's documented procedure for the chosen migration method, each step
//! naming the page it comes from, timed from the customer's own figures (the restore's duration in
//! the rehearsal, the rollback's duration, the data size) and checked against the window.
//!
//! Where the customer gave no figure, a step's length comes from the assumptions in
//! [`ASSUMED_RATES`], and the runbook says so. It is documentation the TAM hands over, for the
//! customer (or Professional Services) to adapt into their plan: it says so in its first lines.

use std::fmt::Write as _;

use time::{Date, Duration, OffsetDateTime};

use crate::domain::documents::cutover::{deadline, timeline, wall};
use crate::domain::engagement::Engagement;
use crate::domain::process::intake::{
    self, MigrationMethod, GEO_FAILOVER_PAGE, MULTI_NODE_PAGE, SINGLE_NODE_PAGE,
};
use crate::domain::process::upgrade::{self, STOPS_PAGE};
use crate::domain::process::workflow::PsDecision;
use crate::domain::text::escape_md;
use crate::domain::text::time_fmt::duration_text;

/// GitLab's page on restoring a backup.
pub const RESTORE_PAGE: (&str, &str) = (
    "Restore GitLab",
    "https://docs.gitlab.com/administration/backup_restore/restore_gitlab/",
);
/// GitLab's page on restoring a Helm chart installation.
pub const HELM_RESTORE_PAGE: (&str, &str) = (
    "Restoring a GitLab installation (Helm chart)",
    "https://docs.gitlab.com/charts/backup-restore/restore/",
);
/// GitLab's page on moving a Linux package installation to the Helm chart.
pub const HELM_MIGRATION_PAGE: (&str, &str) = (
    "Migrate from the Linux package to the Helm chart",
    "https://docs.gitlab.com/charts/installation/migration/package_to_helm/",
);
/// GitLab's page on background migrations, checked after every upgrade.
pub const BACKGROUND_MIGRATIONS_PAGE: (&str, &str) = (
    "Check for background migrations before upgrading",
    "https://docs.gitlab.com/update/background_migrations/",
);
/// GitLab Support's page on upgrade assistance: the customer opens the ticket.
pub const UPGRADE_ASSISTANCE_PAGE: (&str, &str) = (
    "Scheduling upgrade assistance",
    "https://about.gitlab.com/support/scheduling-upgrade-assistance/",
);

/// The rates the app assumes where the customer gave no figure: GitLab publishes none.
pub const BACKUP_GB_PER_HOUR: f64 = 200.0;
pub const TRANSFER_GB_PER_HOUR: f64 = 200.0;
pub const RESTORE_GB_PER_HOUR: f64 = 100.0;
/// The app's allowance for one upgrade stop and its background migrations.
pub const UPGRADE_STOP_MINUTES: i64 = 60;
/// The assumptions, in words, as the runbook states them.
pub const ASSUMED_RATES: &str = "Where the customer gave no figure, the app assumes: the final backup at 200 GB an hour, the transfer at 200 GB an hour, the restore at 100 GB an hour, one hour for each upgrade stop and its background migrations (large instances can take far longer), and the rollback deadline at the window's midpoint while the rollback's duration is not known.";

/// Who does a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Customer,
    Tam,
    ProfessionalServices,
    Support,
}

impl Owner {
    pub fn label(self) -> &'static str {
        match self {
            Owner::Customer => "Customer",
            Owner::Tam => "TAM",
            Owner::ProfessionalServices => "Professional Services",
            Owner::Support => "Support",
        }
    }
}

/// When a step is done, relative to the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Before,
    During,
    After,
}

impl Phase {
    pub fn heading(self) -> &'static str {
        match self {
            Phase::Before => "Before the window",
            Phase::During => "During the window",
            Phase::After => "After the window",
        }
    }
}

/// Where a step's length comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Length {
    /// A step of the app's own fixed allowance.
    Allowance(i64),
    /// From the customer's figure (the rehearsal's restore).
    Figure(i64),
    /// From the data size and an assumed rate, or an allowance standing in for a missing figure.
    Assumed(i64, String),
}

impl Length {
    pub fn minutes(&self) -> i64 {
        match self {
            Length::Allowance(m) | Length::Figure(m) | Length::Assumed(m, _) => *m,
        }
    }
}

/// One step of the cut-over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub phase: Phase,
    pub owner: Owner,
    /// "2027-03-06 22:00 (UTC+01:00)", a date, or "—".
    pub when: String,
    pub text: String,
    /// GitLab's page the step comes from (title, address).
    pub source: Option<(&'static str, &'static str)>,
    /// How long it takes, for the steps in the window.
    pub length: Option<Length>,
}

fn minutes_for(gb: f64, per_hour: f64) -> i64 {
    ((gb / per_hour) * 60.0).ceil().max(5.0) as i64
}

/// The plan timed against the window: when the work in the window ends, the rollback deadline,
/// and by how much the steps overrun.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timing {
    pub window: Option<(OffsetDateTime, OffsetDateTime)>,
    /// The minutes of work in the window up to the cut-over and its checks.
    pub to_cutover: i64,
    /// The minutes of work in the window, the upgrade stops included.
    pub total: i64,
    pub deadline: Option<OffsetDateTime>,
    /// True while the deadline is the window's midpoint (the rollback's duration not known).
    pub deadline_is_midpoint: bool,
}

impl Timing {
    /// By how much the work overruns the window (`None` when it fits or the window is not set).
    pub fn overrun(&self) -> Option<Duration> {
        let (start, end) = self.window?;
        let over = Duration::minutes(self.total) - (end - start);
        (over > Duration::ZERO).then_some(over)
    }

    /// By how much the cut-over comes after the rollback deadline.
    pub fn past_deadline(&self) -> Option<Duration> {
        let (start, _) = self.window?;
        let over = start + Duration::minutes(self.to_cutover) - self.deadline?;
        (over > Duration::ZERO).then_some(over)
    }
}

struct Plan {
    during: Vec<Step>,
    before: Vec<Step>,
    after: Vec<Step>,
    deadline: Option<(OffsetDateTime, bool)>,
}

impl Plan {
    /// Every step, before, during and after the window.
    fn steps(self) -> Vec<Step> {
        let mut steps = self.before;
        steps.extend(self.during);
        steps.extend(self.after);
        steps
    }
}

/// The steps before, during and after the window for the engagement's migration method, with
/// no step dated before `today`.
pub fn runbook_steps(e: &Engagement, today: Date) -> Vec<Step> {
    plan(e, today).steps()
}

/// The work in the window timed against it.
pub fn timing(e: &Engagement) -> Timing {
    timing_of(e, &during_steps(e), deadline(e))
}

/// The timing of steps already built, with the deadline already found: the runbook builds both
/// once for its steps and its header.
fn timing_of(e: &Engagement, during: &[Step], deadline: Option<(OffsetDateTime, bool)>) -> Timing {
    let i = &e.coordination.intake;
    let window = match (i.window_start, i.window_end) {
        (Some(s), Some(end)) if end > s => Some((s, end)),
        _ => None,
    };
    let total = during
        .iter()
        .filter_map(|s| s.length.as_ref().map(Length::minutes))
        .sum();
    let to_cutover = during
        .iter()
        .take_while(|s| s.source != Some(BACKGROUND_MIGRATIONS_PAGE))
        .filter_map(|s| s.length.as_ref().map(Length::minutes))
        .sum();
    let (deadline, midpoint) = match deadline {
        Some((d, m)) => (Some(d), m),
        None => (None, true),
    };
    Timing {
        window,
        to_cutover,
        total,
        deadline,
        deadline_is_midpoint: midpoint,
    }
}

fn hands(e: &Engagement) -> Owner {
    if e.coordination.ps_decision == PsDecision::Engaged {
        Owner::ProfessionalServices
    } else {
        Owner::Customer
    }
}

/// The steps in the window, untimed on the clock but each with its length.
fn during_steps(e: &Engagement) -> Vec<Step> {
    let c = &e.coordination;
    let i = &c.intake;
    let hands = hands(e);
    let data = intake::data_size_gb(&i.data_size_gb);
    let by_data = |per_hour: f64, what: &str| match data {
        Some(gb) => Length::Assumed(
            minutes_for(gb, per_hour),
            format!(
                "from the data size ({} GB) at an assumed {} GB an hour",
                crate::domain::sizing::format_number(gb),
                per_hour
            ),
        ),
        None => Length::Assumed(
            60,
            format!("one hour assumed: the data size is not known, so the {what} cannot be timed"),
        ),
    };
    let restore = match intake::hours(&i.restore_hours).ok().flatten() {
        Some(d) => Length::Figure(d.whole_minutes()),
        None => match data {
            Some(_) => by_data(RESTORE_GB_PER_HOUR, "restore"),
            None => Length::Assumed(
                60,
                "one hour assumed: neither the rehearsal's restore nor the data size is known"
                    .into(),
            ),
        },
    };
    let step = |text: &str, source, length| Step {
        phase: Phase::During,
        owner: hands,
        when: String::new(),
        text: text.to_string(),
        source: Some(source),
        length: Some(length),
    };
    let same = format!(
        "same GitLab version ({}) and edition as the old one",
        match c.gitlab_version.trim() {
            "" => "the current version",
            v => v,
        }
    );
    let freeze = step(
        "Start: broadcast the maintenance, block new CI jobs (block /api/v4/jobs/request at the load balancer), stop the Sidekiq cron jobs and wait for the Sidekiq queues to drain, disable incoming email",
        SINGLE_NODE_PAGE,
        Length::Allowance(30),
    );
    let checks = |source| {
        step(
            "Checks before the cut-over: gitlab-rake gitlab:check SANITIZE=true, gitlab-rake gitlab:doctor:secrets, and the integrity checks gitlab-rake gitlab:artifacts:check, gitlab:lfs:check and gitlab:uploads:check",
            source,
            Length::Allowance(30),
        )
    };
    let verify = step(
        "Verify as a user would: sign in, clone, push, run a pipeline, open a sample of projects",
        SINGLE_NODE_PAGE,
        Length::Allowance(15),
    );
    let cutover = step(
        "Cut over: point DNS or the load balancer to the new infrastructure, re-enable incoming email there, and unblock CI jobs",
        SINGLE_NODE_PAGE,
        Length::Allowance(15),
    );
    let mut steps = match i.method {
        MigrationMethod::BackupRestoreSingle => vec![
            freeze,
            step(
                "Take the final backup (sudo gitlab-backup create) and copy /etc/gitlab/gitlab-secrets.json, /etc/gitlab/gitlab.rb and the SSH host keys (/etc/ssh/ssh_host_*)",
                SINGLE_NODE_PAGE,
                by_data(BACKUP_GB_PER_HOUR, "final backup"),
            ),
            step(
                "Transfer the backup and the configuration files to the new server",
                SINGLE_NODE_PAGE,
                by_data(TRANSFER_GB_PER_HOUR, "transfer"),
            ),
            step(
                &format!("Restore on the new server, which runs the {same}: put back gitlab-secrets.json and gitlab.rb, stop Puma and Sidekiq (gitlab-ctl stop puma, gitlab-ctl stop sidekiq), then sudo gitlab-backup restore BACKUP=<timestamp>"),
                RESTORE_PAGE,
                restore,
            ),
            step(
                "Reconfigure and restart: sudo gitlab-ctl reconfigure, sudo gitlab-ctl restart; put the old server's SSH host keys in place",
                RESTORE_PAGE,
                Length::Allowance(15),
            ),
            checks(RESTORE_PAGE),
            verify,
            cutover,
        ],
        MigrationMethod::BackupRestoreMultiNode => vec![
            freeze,
            step(
                "Take the final backup of each component on its own: PostgreSQL (the cloud service's snapshot or backup; pg_dump does not suit databases over 100 GB), Gitaly with server-side backups, object storage, and gitlab-secrets.json, gitlab.rb and the SSH host keys of every node",
                MULTI_NODE_PAGE,
                by_data(BACKUP_GB_PER_HOUR, "final backup"),
            ),
            step(
                "Transfer the backups and the configuration to the new environment",
                MULTI_NODE_PAGE,
                by_data(TRANSFER_GB_PER_HOUR, "transfer"),
            ),
            step(
                &format!("Restore each component on the new environment, which runs the {same}: put back gitlab-secrets.json and gitlab.rb on every node, stop Puma and Sidekiq on every Rails node, restore PostgreSQL, Gitaly (server-side) and object storage"),
                MULTI_NODE_PAGE,
                restore,
            ),
            step(
                "Reconfigure and restart every node (gitlab-ctl reconfigure, gitlab-ctl restart); put the old SSH host keys in place",
                RESTORE_PAGE,
                Length::Allowance(15),
            ),
            checks(RESTORE_PAGE),
            verify,
            cutover,
        ],
        MigrationMethod::GeoFailover => vec![
            step(
                "Start: broadcast the maintenance and block updates to the primary site (maintenance mode)",
                GEO_FAILOVER_PAGE,
                Length::Allowance(15),
            ),
            step(
                "Wait until replication and verification on the secondary site are complete (gitlab-rake gitlab:geo:check, the Geo admin page)",
                GEO_FAILOVER_PAGE,
                Length::Allowance(30),
            ),
            step(
                "Shut the primary site down, run gitlab-ctl promotion-preflight-checks, then promote the secondary site (planned failover)",
                GEO_FAILOVER_PAGE,
                Length::Allowance(45),
            ),
            checks(GEO_FAILOVER_PAGE),
            verify,
            step(
                "Cut over: update DNS to the promoted site",
                GEO_FAILOVER_PAGE,
                Length::Allowance(15),
            ),
        ],
        MigrationMethod::LinuxPackageToHelm => vec![
            freeze,
            step(
                "Take the final backup on the Linux package installation (sudo gitlab-backup create) and copy gitlab-secrets.json",
                HELM_MIGRATION_PAGE,
                by_data(BACKUP_GB_PER_HOUR, "final backup"),
            ),
            step(
                "Upload the backup to the cluster's backup bucket, and store the secrets from gitlab-secrets.json as the chart's rails secret",
                HELM_MIGRATION_PAGE,
                by_data(TRANSFER_GB_PER_HOUR, "transfer"),
            ),
            step(
                &format!("Restore with the toolbox pod (backup-utility --restore -t <timestamp>) on the Helm chart installation, which runs the {same}; then restart the webservice and Sidekiq pods"),
                HELM_RESTORE_PAGE,
                restore,
            ),
            checks(HELM_RESTORE_PAGE),
            verify,
            cutover,
        ],
        MigrationMethod::ProfessionalServicesDecide | MigrationMethod::Undecided => vec![
            step(
                "Move the data as the plan describes (the migration method is not chosen yet, so no GitLab procedure applies)",
                SINGLE_NODE_PAGE,
                Length::Assumed(
                    60,
                    "one hour assumed: no method is chosen".into(),
                ),
            ),
            checks(RESTORE_PAGE),
            verify,
            cutover,
        ],
    };
    // An upgrade planned in the same window: its stops after the move, each its own step.
    if let Ok(path) = upgrade::path(&c.gitlab_version, &i.target_version) {
        for s in &path.steps {
            steps.push(Step {
                text: format!(
                    "{} Check them under Admin area > Monitoring > Background migrations before the next step.",
                    s.text()
                ),
                source: Some(BACKGROUND_MIGRATIONS_PAGE),
                length: Some(Length::Assumed(
                    UPGRADE_STOP_MINUTES,
                    "one hour assumed for an upgrade and its background migrations".into(),
                )),
                ..step("", STOPS_PAGE, Length::Allowance(0))
            });
        }
    }
    steps
}

fn plan(e: &Engagement, today: Date) -> Plan {
    let c = &e.coordination;
    let i = &c.intake;
    let hands = hands(e);
    let start = i.window_start;
    let milestones = timeline(e, today);
    // A step's day: its milestone's, never before today.
    let date_of = |key: &str| {
        milestones
            .iter()
            .find(|m| m.key == key)
            .and_then(|m| m.date)
            .map(|d| d.max(today).to_string())
            .unwrap_or_else(|| "—".into())
    };
    let step = |phase, owner, when: String, text: &str, source| Step {
        phase,
        owner,
        when,
        text: text.to_string(),
        source,
        length: None,
    };
    let mut before = vec![
        step(
            Phase::Before,
            Owner::Tam,
            date_of("shared"),
            "Share the plan with Support for review; coordinate between the customer, Support and (where engaged) Professional Services",
            None,
        ),
        step(
            Phase::Before,
            Owner::Customer,
            date_of("shared"),
            "Open a Support ticket for upgrade assistance, naming the window and the contact for it",
            Some(UPGRADE_ASSISTANCE_PAGE),
        ),
    ];
    let method_before: &[(&str, (&str, &str))] = match i.method {
        MigrationMethod::GeoFailover => &[
            ("Four to six weeks before: set up the secondary site and resolve every synchronisation and verification problem", GEO_FAILOVER_PAGE),
            ("Preflight: gitlab-rake gitlab:check and gitlab:geo:check on both sites; the same gitlab-secrets.json and SSH host keys on every node; certificates; gitlab.rb reviewed on both sites (it is not replicated); data Geo does not replicate (such as the container registry by default) copied by other means", GEO_FAILOVER_PAGE),
            ("Decide the abort criteria before the promotion: falling back after it can lose data", GEO_FAILOVER_PAGE),
        ],
        MigrationMethod::LinuxPackageToHelm => &[
            ("Install the Helm chart release with the same GitLab version and edition as the Linux package installation", HELM_MIGRATION_PAGE),
        ],
        MigrationMethod::BackupRestoreSingle | MigrationMethod::BackupRestoreMultiNode => &[
            ("Install the new environment with the same GitLab version and edition (CE or EE) as the old one", RESTORE_PAGE),
            ("Lower the DNS TTL ahead of the cut-over, and note the old server's SSH host keys", SINGLE_NODE_PAGE),
        ],
        MigrationMethod::ProfessionalServicesDecide | MigrationMethod::Undecided => &[],
    };
    for (text, source) in method_before {
        before.push(step(
            Phase::Before,
            hands,
            date_of("rehearsal"),
            text,
            Some(*source),
        ));
    }
    before.push(step(
        Phase::Before,
        hands,
        date_of("rehearsal"),
        "Rehearse the migration on a test environment and time each step, the restore above all",
        None,
    ));
    before.push(step(
        Phase::Before,
        Owner::Customer,
        date_of("go-no-go"),
        "Tell users about the maintenance window and the freeze",
        None,
    ));
    before.push(step(
        Phase::Before,
        Owner::Customer,
        date_of("go-no-go"),
        "Go/no-go: rehearsal passed, backups verified, Support's feedback addressed, contacts on both sides confirmed",
        None,
    ));
    // The window's steps on the clock.
    let mut during = during_steps(e);
    let mut offset = 0;
    for s in &mut during {
        s.when = start
            .map(|st| wall(st + Duration::minutes(offset)))
            .unwrap_or_else(|| "—".into());
        offset += s.length.as_ref().map(Length::minutes).unwrap_or(0);
    }
    let deadline = deadline(e);
    during.push(Step {
        phase: Phase::During,
        owner: Owner::Customer,
        when: deadline
            .map(|(d, _)| wall(d))
            .unwrap_or_else(|| "—".into()),
        text: match deadline {
            Some((_, true)) => "Rollback deadline (the window's midpoint, until the rollback's duration is known): if the checks have not passed, trigger the rollback plan".into(),
            _ => "Rollback deadline (the window's end less the rollback's duration): if the checks have not passed, trigger the rollback plan".into(),
        },
        source: None,
        length: None,
    });
    during.push(step(
        Phase::During,
        Owner::Customer,
        "if problems arise".into(),
        "Open a Support ticket (emergency if production is down); the TAM coordinates, GitLab Support answers",
        Some(UPGRADE_ASSISTANCE_PAGE),
    ));
    let after_when = i.window_end.map(wall).unwrap_or_else(|| "—".into());
    let mut after = Vec::new();
    for (owner, text) in [
        (
            hands,
            "Watch monitoring and logs, the background migrations, and Geo's status where used",
        ),
        (
            Owner::Customer,
            "Lift the freeze and tell users the maintenance is over",
        ),
        (
            Owner::Customer,
            "Keep the old environment read-only until the new one has run for an agreed time",
        ),
        (
            Owner::Tam,
            "Record the migration as done; the customer closes the Support ticket",
        ),
    ] {
        after.push(step(Phase::After, owner, after_when.clone(), text, None));
    }
    Plan {
        during,
        before,
        after,
        deadline,
    }
}

/// The runbook as Markdown made for a GitLab issue: a task list per phase, each step with its
/// owner, time and source, user text escaped as in the packet.
pub fn runbook(e: &Engagement, today: Date) -> String {
    let i = &e.coordination.intake;
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
        "GitLab's documented procedure for the chosen method, timed from the customer's figures: documentation for {author} to adapt into the upgrade plan, not the plan itself.\n"
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
    let plan = plan(e, today);
    let timing = timing_of(e, &plan.during, plan.deadline);
    let _ = writeln!(
        md,
        "- **Rollback deadline:** {}",
        match plan.deadline {
            Some((d, true)) => format!(
                "{} (the window's midpoint: the rollback's duration is not known yet)",
                wall(d)
            ),
            Some((d, false)) => format!(
                "{} (the window's end less the rollback's {})",
                wall(d),
                duration_text(
                    intake::hours(&i.rollback_hours)
                        .ok()
                        .flatten()
                        .unwrap_or_default()
                )
            ),
            None => "—".into(),
        }
    );
    let contact = match (i.contact_name.trim(), i.contact_email.trim()) {
        ("", "") => "—".to_string(),
        (name, email) => escape_md(&format!("{name} {email}").replace("  ", " ")),
    };
    let _ = writeln!(md, "- **Customer's contact:** {}", contact.trim());
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
        duration_text(Duration::minutes(timing.total)),
        match timing.window {
            Some((s, end)) => format!(" of the window's {}", duration_text(end - s)),
            None => String::new(),
        }
    );
    md.push('\n');
    if let Some(over) = timing.overrun() {
        let _ = writeln!(
            md,
            "> **Warning:** the steps overrun the window by {}: shorten them (a rehearsed, faster restore; the upgrade in a window of its own) or lengthen the window.\n",
            duration_text(over)
        );
    }
    if let Some(late) = timing.past_deadline() {
        let _ = writeln!(
            md,
            "> **Warning:** the cut-over comes {} after the rollback deadline: there would be no time left to roll back.\n",
            duration_text(late)
        );
    }
    let steps = plan.steps();
    for phase in [Phase::Before, Phase::During, Phase::After] {
        let _ = writeln!(md, "## {}\n", phase.heading());
        for s in steps.iter().filter(|s| s.phase == phase) {
            let mut line = format!(
                "- [ ] **{}** · {} — {}",
                s.owner.label(),
                escape_md(&s.when),
                escape_md(&s.text)
            );
            match &s.length {
                Some(Length::Figure(m)) => {
                    let _ = write!(
                        line,
                        " (about {}, as in the rehearsal)",
                        duration_text(Duration::minutes(*m))
                    );
                }
                Some(Length::Assumed(m, why)) => {
                    let _ = write!(
                        line,
                        " (about {}: {})",
                        duration_text(Duration::minutes(*m)),
                        escape_md(why)
                    );
                }
                Some(Length::Allowance(m)) if *m > 0 => {
                    let _ = write!(line, " (about {})", duration_text(Duration::minutes(*m)));
                }
                _ => {}
            }
            if let Some((title, url)) = s.source {
                let _ = write!(line, " · source: [{title}](<{url}>)");
            }
            let _ = writeln!(md, "{line}");
        }
        md.push('\n');
    }
    let _ = writeln!(
        md,
        "---\n{}\n\n{}",
        escape_md(crate::domain::documents::cutover::ASSUMPTIONS),
        escape_md(ASSUMED_RATES)
    );
    md
}
