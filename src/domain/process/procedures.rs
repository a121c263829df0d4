//! GitLab's documented procedures, one table per way of moving or upgrading an instance: each
//! step with what is done, who does it, its phase against the maintenance window, how long it
//! takes, and the GitLab page and heading it comes from. The steps are GitLab's, in GitLab's
//! order, in the app's words; `tests/procedures.rs` holds each page's steps and fails when a
//! table drops one or changes their order. Where a page names no point of no return, the mark
//! and its reason are the app's, and the table says so.

use crate::domain::engagement::intake::{
    MigrationMethod, GEO_FAILOVER_PAGE, MULTI_NODE_PAGE, SINGLE_NODE_PAGE,
};

/// A GitLab page (title, address).
pub type Page = (&'static str, &'static str);

pub const MIGRATE_PAGE: Page = SINGLE_NODE_PAGE;
pub const RESTORE_PAGE: Page = (
    "Restore GitLab",
    "https://docs.gitlab.com/administration/backup_restore/restore_gitlab/",
);
pub const LARGE_BACKUP_PAGE: Page = MULTI_NODE_PAGE;
pub const PLANNED_FAILOVER_PAGE: Page = GEO_FAILOVER_PAGE;
pub const DISASTER_RECOVERY_PAGE: Page = (
    "Disaster recovery (Geo)",
    "https://docs.gitlab.com/administration/geo/disaster_recovery/",
);
pub const BRING_PRIMARY_BACK_PAGE: Page = (
    "Bring a demoted primary site back online",
    "https://docs.gitlab.com/administration/geo/disaster_recovery/bring_primary_back/",
);
pub const PACKAGE_TO_HELM_PAGE: Page = (
    "Migrate from the Linux package to the Helm chart",
    "https://docs.gitlab.com/charts/installation/migration/package_to_helm/",
);
pub const HELM_RESTORE_PAGE: Page = (
    "Restoring a GitLab installation (Helm chart)",
    "https://docs.gitlab.com/charts/backup-restore/restore/",
);
pub const CHART_VERSIONS_PAGE: Page = (
    "GitLab chart versions",
    "https://docs.gitlab.com/charts/installation/version_mappings/",
);
pub const WITH_DOWNTIME_PAGE: Page = (
    "Upgrade a multi-node instance with downtime",
    "https://docs.gitlab.com/update/with_downtime/",
);
pub const UPGRADE_PAGE: Page = ("Upgrade GitLab", "https://docs.gitlab.com/update/upgrade/");
pub const PLAN_UPGRADE_PAGE: Page = (
    "Plan your upgrade",
    "https://docs.gitlab.com/update/plan_your_upgrade/",
);
pub const UPGRADE_PATHS_PAGE: Page = (
    "Upgrade paths",
    "https://docs.gitlab.com/update/upgrade_paths/",
);
pub const BACKGROUND_MIGRATIONS_PAGE: Page = (
    "Check for background migrations before upgrading",
    "https://docs.gitlab.com/update/background_migrations/",
);
pub const GITLAB_18_PAGE: Page = (
    "GitLab 18 upgrade notes",
    "https://docs.gitlab.com/update/versions/gitlab_18_changes/",
);
pub const PG_UPGRADE_PAGE: Page = (
    "Upgrade packaged PostgreSQL server",
    "https://docs.gitlab.com/omnibus/settings/database/#upgrade-packaged-postgresql-server",
);
pub const PATRONI_UPGRADE_PAGE: Page = (
    "Upgrading PostgreSQL major version in a Patroni cluster",
    "https://docs.gitlab.com/administration/postgresql/replication_and_failover/#upgrading-postgresql-major-version-in-a-patroni-cluster",
);

/// Where a step comes from: a GitLab page and the heading on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub page: Page,
    pub heading: &'static str,
}

const fn at(page: Page, heading: &'static str) -> Source {
    Source { page, heading }
}

/// Who does a step. `Hands` is whoever does the move: Professional Services when engaged, the
/// customer's administrators otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Hands,
    Customer,
    Tam,
    Support,
}

/// When a step is done, against the maintenance window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    WeeksBefore,
    DaysBefore,
    /// In the window, while rolling back is still possible.
    InWindow,
    /// The step after which going back loses what users did since.
    PointOfNoReturn,
    /// In the window, after the point of no return.
    AfterPointOfNoReturn,
    AfterWindow,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::WeeksBefore,
        Phase::DaysBefore,
        Phase::InWindow,
        Phase::PointOfNoReturn,
        Phase::AfterPointOfNoReturn,
        Phase::AfterWindow,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Phase::WeeksBefore => "Weeks before the window",
            Phase::DaysBefore => "Days before the window",
            Phase::InWindow => "In the window, before the point of no return",
            Phase::PointOfNoReturn => "The point of no return",
            Phase::AfterPointOfNoReturn => "In the window, after the point of no return",
            Phase::AfterWindow => "After the window",
        }
    }

    /// True for the phases that run on the window's clock.
    pub fn in_window(self) -> bool {
        matches!(
            self,
            Phase::InWindow | Phase::PointOfNoReturn | Phase::AfterPointOfNoReturn
        )
    }
}

/// Which of the app's assumed rates times a step from the data size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rate {
    Backup,
    Transfer,
}

/// How long a step takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Takes {
    /// A step of no length on the window's clock (before or after the window, or a decision).
    Nothing,
    /// The app's fixed allowance, in minutes.
    Minutes(i64),
    /// From the data size at one of the app's assumed rates.
    Data(Rate),
    /// The restore: the rehearsal's recorded duration, else the data size at an assumed rate.
    Restore,
    /// One upgrade and its background migrations.
    UpgradeStop,
}

/// One documented step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub text: &'static str,
    pub who: Who,
    pub phase: Phase,
    pub takes: Takes,
    /// For the steps before the window: how many days before its start GitLab (or the app)
    /// places them.
    pub lead_days: i64,
    pub source: Source,
}

const fn step(phase: Phase, takes: Takes, text: &'static str, source: Source) -> Step {
    Step {
        text,
        who: Who::Hands,
        phase,
        takes,
        lead_days: 0,
        source,
    }
}

const fn before(lead_days: i64, text: &'static str, source: Source) -> Step {
    Step {
        text,
        who: Who::Hands,
        phase: if lead_days >= 14 {
            Phase::WeeksBefore
        } else {
            Phase::DaysBefore
        },
        takes: Takes::Nothing,
        lead_days,
        source,
    }
}

/// A documented step the app does not schedule, named in the runbook with where to read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotCovered {
    pub text: &'static str,
    pub source: Source,
}

/// One method's procedure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Procedure {
    pub name: &'static str,
    pub steps: &'static [Step],
    pub not_covered: &'static [NotCovered],
    /// Why the point of no return is where it is (GitLab's pages name none: this is the app's).
    pub why_no_return: &'static str,
}

use Phase::{AfterPointOfNoReturn as After, AfterWindow as Post, InWindow as In};
use Takes::{Minutes, Nothing};

/// Backup and restore to one new Linux package server.
pub const SINGLE_NODE: Procedure = Procedure {
    name: "Backup and restore to a new server",
    why_no_return: "users are let in on the new server: from then on they write only there, and the old server stays at the backup, so going back would lose their work",
    steps: &[
        before(7, "Post a broadcast message announcing the maintenance, and take a system-level backup or a snapshot of every server involved", at(MIGRATE_PAGE, "Prerequisites")),
        before(7, "New server: copy the old server's SSH host keys; install the same GitLab version and edition (CE or EE) as the old server; copy /etc/gitlab from the old server (gitlab.rb, gitlab-secrets.json: without the secrets, CI variables, two-factor authentication and runner tokens are lost); leave incoming email off", at(MIGRATE_PAGE, "Prepare the new server")),
        before(7, "New server: block new CI jobs (nginx['custom_gitlab_server_config'] returns 503 for /api/v4/jobs/request), sudo gitlab-ctl reconfigure, then sudo gitlab-ctl stop; sudo rm -f /var/opt/gitlab/redis/dump.rdb and give /var/opt/gitlab/redis and /var/opt/gitlab/backups to the user who copies the files", at(MIGRATE_PAGE, "Prepare the new server")),
        step(In, Minutes(15), "Old server: check the system-level backup or snapshot is current, enable maintenance mode (where the edition has it), block new CI jobs the same way and run sudo gitlab-ctl reconfigure", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Minutes(5), "Old server: Admin > Monitoring > Background jobs > Cron > Disable All (the periodic Sidekiq jobs)", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Minutes(20), "Old server: let running CI jobs finish (or accept that unfinished ones are lost), then wait for Sidekiq's Busy and Enqueued to reach 0 and note the dashboard's numbers", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Takes::Data(Rate::Backup), "Old server: flush Redis and stop all but the database and Gitaly (sudo /opt/gitlab/embedded/bin/redis-cli -s /var/opt/gitlab/redis/redis.socket save && sudo gitlab-ctl stop && sudo gitlab-ctl start postgresql && sudo gitlab-ctl start gitaly), then take the final backup: sudo gitlab-backup create", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Minutes(10), "Old server: disable every service for good (puma['enable'] = false, sidekiq, postgresql, redis, gitaly, nginx, registry and the others, gitlab_rails['incoming_email_enabled'] = false), sudo gitlab-ctl reconfigure, and check sudo gitlab-ctl status shows nothing running: read-only is not enough, both servers must never process the same data", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Takes::Data(Rate::Transfer), "New server: sudo gitlab-ctl stop redis, then copy dump.rdb and the backup archive across (scp; above about 1 TB, move the data volumes with rsync or snapshots instead)", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Takes::Restore, "New server: give the files back to their owners, sudo gitlab-ctl start redis, stop Puma and Sidekiq (sudo gitlab-ctl stop puma, sudo gitlab-ctl stop sidekiq), then sudo gitlab-backup restore BACKUP=<backup ID> (it overwrites the database)", at(RESTORE_PAGE, "Restore for Linux package installations")),
        step(In, Minutes(30), "New server: sudo gitlab-ctl reconfigure and sudo gitlab-ctl start, then check: sudo gitlab-rake gitlab:check SANITIZE=true, sudo gitlab-rake gitlab:doctor:secrets, and the integrity checks gitlab:artifacts:check, gitlab:lfs:check and gitlab:uploads:check", at(RESTORE_PAGE, "Restore for Linux package installations")),
        step(In, Minutes(10), "New server: compare the Sidekiq dashboard with the numbers noted on the old server, then Cron > Enable All", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(In, Minutes(20), "New server: test read-only use (browse repositories, merge requests, issues), disable maintenance mode, test as a user would (sign in, clone, push; pipelines once CI is unblocked), then re-enable incoming email and test it", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(Phase::PointOfNoReturn, Minutes(10), "Cut over: point DNS or the load balancer at the new server", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(After, Minutes(10), "New server: remove the CI block (nginx['custom_gitlab_server_config']) and run sudo gitlab-ctl reconfigure", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(Post, Nothing, "Remove the maintenance broadcast message", at(MIGRATE_PAGE, "Restore data on the new server")),
    ],
    not_covered: &[],
};

/// Backup and restore of a multi-node reference architecture, with the freeze and the cut-over
/// of the single-server move (the large-architecture page ends at the restore).
pub const MULTI_NODE: Procedure = Procedure {
    name: "Backup and restore of a multi-node reference architecture",
    why_no_return: "users are let in on the new environment: from then on the old one falls behind, and going back would lose their work (GitLab's page ends at the restore; the freeze and the cut-over are those of the single-server move)",
    steps: &[
        before(28, "Set up daily backups of each component: the database with the cloud service's own backups (pg_dump does not suit databases over 100 GB), the object storage buckets, Gitaly with server-side backups (sudo gitlab-backup create REPOSITORIES_SERVER_SIDE=true SKIP=db, then INCREMENTAL=yes), and the configuration and secrets of every node", at(LARGE_BACKUP_PAGE, "Configure daily backups")),
        before(7, "Post a broadcast message announcing the maintenance, and take a system-level backup or a snapshot of every server involved", at(MIGRATE_PAGE, "Prerequisites")),
        before(7, "New environment: a working instance with the same GitLab version and edition, gitlab-secrets.json and the SSH host keys restored on every node, the same repository storages and object storage; incoming email left off and new CI jobs blocked there too (/api/v4/jobs/request answered with 503); reconfigure, restart and check it", at(LARGE_BACKUP_PAGE, "Restore a backup")),
        step(In, Minutes(15), "Old environment: check the system-level backup or snapshot is current, enable maintenance mode, block new CI jobs (/api/v4/jobs/request answered with 503 at the load balancer or in nginx['custom_gitlab_server_config']) and reconfigure", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Minutes(5), "Old environment: Admin > Monitoring > Background jobs > Cron > Disable All", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Minutes(20), "Old environment: let running CI jobs finish (or accept that unfinished ones are lost), then wait for Sidekiq's Busy and Enqueued to reach 0 and note the numbers", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Takes::Data(Rate::Backup), "Old environment: take the final backups: the database snapshot, the object storage buckets, and Gitaly's server-side backup (sudo gitlab-backup create REPOSITORIES_SERVER_SIDE=true SKIP=db)", at(LARGE_BACKUP_PAGE, "Configure daily backups")),
        step(In, Minutes(15), "Old environment: disable every service and incoming email for good (… ['enable'] = false on every node, gitlab_rails['incoming_email_enabled'] = false, sudo gitlab-ctl reconfigure, sudo gitlab-ctl status shows nothing running): read-only is not enough", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Minutes(10), "New environment: sudo gitlab-ctl stop on every Puma and Sidekiq node", at(LARGE_BACKUP_PAGE, "Restore a backup")),
        step(In, Minutes(10), "New environment, first: start restoring the object storage buckets (the restore job runs on while the database and Git data are restored; the rehearsal's restore time covers all three)", at(LARGE_BACKUP_PAGE, "Restore object storage data")),
        step(In, Minutes(45), "New environment, second: restore the database from its snapshot (a new endpoint), point GitLab at it, and wait until it is ready", at(LARGE_BACKUP_PAGE, "Restore PostgreSQL data")),
        step(In, Takes::Restore, "New environment, third: on a Rails node, put the *_gitlab_backup.tar that matches the database and object storage timestamps in /var/opt/gitlab/backups/ and run sudo gitlab-backup restore BACKUP=<backup ID> SKIP=db", at(LARGE_BACKUP_PAGE, "Restore Git repositories")),
        step(In, Minutes(30), "New environment: sudo gitlab-ctl reconfigure on the PostgreSQL nodes and sudo gitlab-ctl start on the Puma and Sidekiq nodes; on one node, sudo gitlab-rake gitlab:check SANITIZE=true, gitlab:doctor:secrets and the integrity checks, compared with the source", at(LARGE_BACKUP_PAGE, "Restore Git repositories")),
        step(In, Minutes(10), "New environment: compare the Sidekiq dashboard with the numbers noted, then Cron > Enable All", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(In, Minutes(20), "New environment: test read-only use, disable maintenance mode, test as a user would (sign in, clone, push; pipelines once CI is unblocked), re-enable incoming email", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(Phase::PointOfNoReturn, Minutes(10), "Cut over: point DNS or the load balancer at the new environment", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(After, Minutes(10), "New environment: remove the CI block and reconfigure", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(Post, Nothing, "Remove the maintenance broadcast message", at(MIGRATE_PAGE, "Restore data on the new server")),
    ],
    not_covered: &[],
};

/// Geo planned failover.
pub const GEO_FAILOVER: Procedure = Procedure {
    name: "Geo planned failover",
    why_no_return: "the secondary site is promoted: from then on it diverges from the old primary, and failing back is likely to lose data",
    steps: &[
        before(42, "Start four to six weeks ahead: resolve every synchronisation and verification failure, set the abort criteria and the rollback points for before the promotion, and rehearse the failover", at(PLANNED_FAILOVER_PAGE, "Recommendations for failover")),
        before(14, "Copy what Geo does not replicate by other means, early (rsync), with a final pass in the window: the container registry unless its replication is on; advanced search needs a reindex afterwards", at(PLANNED_FAILOVER_PAGE, "Not all data is automatically replicated")),
        before(2, "Preflight, with the primary up: lower the DNS TTL; review gitlab.rb on both sites (it is not replicated); gitlab-rake gitlab:check and gitlab-rake gitlab:geo:check on both; identical gitlab-secrets.json and SSH host keys on every node (sudo sha256sum /etc/ssh/ssh_host* /etc/gitlab/gitlab-secrets.json); certificates; replication and verification close to 100 %", at(PLANNED_FAILOVER_PAGE, "Preflight checks")),
        before(2, "Post a broadcast message, and plan for runners (they back off for up to an hour while GitLab is away)", at(PLANNED_FAILOVER_PAGE, "Notify users of scheduled maintenance")),
        step(In, Minutes(15), "Primary: enable maintenance mode, then Admin > Monitoring > Background jobs > Cron > Disable All, then Enable again geo_metrics_update_worker, geo_prune_event_log_worker, geo_verification_cron_worker and repository_check_worker (the failover does not finish without them)", at(PLANNED_FAILOVER_PAGE, "Prevent updates to the primary site")),
        step(In, Minutes(45), "Final copy of what Geo does not replicate; on the primary, wait for every non-geo Sidekiq queue to reach 0; under Geo > Sites, wait for 100 % replicated and verified, 0 failures, a replication lag of 0 ms and the log cursor 0 events behind; on the secondary, wait for the geo queues to reach 0, then run the integrity check", at(PLANNED_FAILOVER_PAGE, "Finish replicating and verifying all data")),
        step(In, Minutes(10), "Disable the primary for good: sudo gitlab-ctl stop and sudo systemctl disable gitlab-runsvdir on every node (without SSH: the load balancer or DNS, the virtual machines, or a firewall); keep its gitlab.rb", at(DISASTER_RECOVERY_PAGE, "Step 2. Permanently disable the primary site")),
        step(In, Minutes(5), "Secondary: gitlab-ctl promotion-preflight-checks (the primary must be down)", at(PLANNED_FAILOVER_PAGE, "Preflight checks")),
        step(Phase::PointOfNoReturn, Minutes(30), "Promote the secondary site (a cloud database such as Cloud SQL: promote its replica first): sudo gitlab-ctl geo promote on a single node; on a multi-node site, on every Sidekiq, PostgreSQL and Gitaly node first, then on each Rails node", at(DISASTER_RECOVERY_PAGE, "Step 3. Promoting a secondary site")),
        step(After, Minutes(20), "Check that the promoted site answers, then point the primary domain's DNS at the promoted site, set external_url and the certificates, sudo gitlab-ctl reconfigure, then gitlab-rake geo:update_primary_node_url", at(DISASTER_RECOVERY_PAGE, "Step 4. (Optional) Updating the primary domain DNS record")),
        step(After, Minutes(15), "Runners: where the sites had separate addresses and DNS did not move, register the runners again and update the remotes; remove runners that no longer answer", at(DISASTER_RECOVERY_PAGE, "Step 3. Promoting a secondary site")),
        step(Post, Nothing, "Reindex advanced search where it is used, and remove the maintenance broadcast message", at(PLANNED_FAILOVER_PAGE, "Promote the secondary site")),
        step(Post, Nothing, "Remove the former secondary's tracking database: sudo rm -rf /var/opt/gitlab/geo-postgresql, remove the geo_secondary[] settings, sudo gitlab-ctl reconfigure", at(DISASTER_RECOVERY_PAGE, "Step 6. Removing the former secondary's tracking database")),
    ],
    not_covered: &[NotCovered {
        text: "Bringing the old primary back as a secondary site (delete /etc/gitlab/gitlab-cluster.json, sudo systemctl enable gitlab-runsvdir, sudo gitlab-ctl start, then set up Geo again)",
        source: at(BRING_PRIMARY_BACK_PAGE, "Configure the former primary site to be a secondary site"),
    }],
};

/// A Linux package instance moved to the Helm chart (Cloud Native Hybrid), with the freeze and
/// the cut-over of the single-server move (the chart's page has neither).
pub const PACKAGE_TO_HELM: Procedure = Procedure {
    name: "Linux package to the Helm chart",
    why_no_return: "users and runners are sent to the chart's installation: object storage is shared, so from then on the Linux package's database falls behind (GitLab's page names no cut-over; this is the single-server move's)",
    steps: &[
        before(28, "Check the source is up and its repositories are sound, and install the chart release that runs the same GitLab version: the chart's version is not GitLab's (chart 9.9.1 is GitLab 18.9.1; helm search repo -l gitlab/gitlab lists them)", at(PACKAGE_TO_HELM_PAGE, "Prerequisites")),
        before(14, "Migrate all of the source's data to object storage, every kind the instance uses (artifacts, LFS, uploads, packages, merge request diffs, Terraform state, Pages, CI secure files, the registry; an older copy: gitlab-rake gitlab:artifacts:migrate, gitlab:lfs:migrate, gitlab:uploads:migrate:all) and check that uploads still load", at(PACKAGE_TO_HELM_PAGE, "Migration steps")),
        before(7, "Post a broadcast message announcing the maintenance", at(MIGRATE_PAGE, "Prerequisites")),
        step(In, Minutes(20), "Source: check the system-level backup or snapshot is current, enable maintenance mode, block new CI jobs, Cron > Disable All, wait for running jobs and Sidekiq's queues to finish, and note the Sidekiq numbers", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Takes::Data(Rate::Backup), "Source: take the final backup without the data already in object storage: sudo gitlab-backup create SKIP=artifacts,lfs,uploads", at(PACKAGE_TO_HELM_PAGE, "Migration steps")),
        step(In, Minutes(10), "Source: disable every service for good (… ['enable'] = false, sudo gitlab-ctl reconfigure): read-only is not enough", at(MIGRATE_PAGE, "Prepare and transfer content from the old server")),
        step(In, Minutes(15), "Chart: restore the secrets first: yq -P '{\"production\": .gitlab_rails}' gitlab-secrets.json -o yaml >> gitlab-secrets.yaml, delete the rails secret, kubectl create secret generic <rails-secret-name> --from-file=secrets.yml=gitlab-secrets.yaml, then delete the sidekiq, webservice and toolbox pods", at(HELM_RESTORE_PAGE, "Restore the rails secrets")),
        step(In, Takes::Restore, "Chart: with incoming email off and new CI jobs blocked at the ingress or load balancer, and room on the Toolbox pod's disk to extract the backup, scale sidekiq, webservice and prometheus to 0, upload the backup to the backup bucket, run kubectl exec <toolbox pod> -it -- backup-utility --restore -t <backup ID> (it erases the chart's database), then scale them back up", at(HELM_RESTORE_PAGE, "Restoring the backup file")),
        step(In, Minutes(30), "Chart: fix the runner registration token, run /scripts/custom-instance-setup with gitlab-rails runner, restart all pods (kubectl delete pods -lrelease=<release name>), and check the data as users would", at(HELM_RESTORE_PAGE, "Enable Kubernetes related settings")),
        step(In, Minutes(10), "Chart: compare the Sidekiq dashboard with the numbers noted on the source, then Cron > Enable All", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(In, Minutes(20), "Chart: test read-only use, disable maintenance mode (it came over with the data), test as a user would (sign in, clone, push), and re-enable incoming email", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(Phase::PointOfNoReturn, Minutes(10), "Cut over: point DNS or the load balancer, and the runners, at the chart's installation", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(After, Minutes(10), "Chart: remove the CI block at the ingress or load balancer", at(MIGRATE_PAGE, "Restore data on the new server")),
        step(Post, Nothing, "Remove the maintenance broadcast message", at(MIGRATE_PAGE, "Restore data on the new server")),
    ],
    not_covered: &[],
};

/// An upgrade in place of a multi-node Linux package instance, with downtime: done once for
/// each stop of the upgrade path.
pub const UPGRADE: Procedure = Procedure {
    name: "Upgrade in place, with downtime",
    why_no_return: "the deploy node runs the database migrations: the schema changes, and going back means restoring the backup on the old version",
    steps: &[
        before(14, "Plan the path through every required stop (the latest patch of each) and the rollback: a backup with its secrets and configuration, or snapshots of every node", at(UPGRADE_PATHS_PAGE, "Required upgrade stops")),
        before(1, "Check that the background migrations are finished: the batched_background_migrations query with status NOT IN (3, 6) returns no rows", at(BACKGROUND_MIGRATIONS_PAGE, "Check the status of batched background migrations")),
        step(In, Minutes(10), "Enable maintenance mode (optional), run the pre-checks (sudo gitlab-rake gitlab:check, the background migrations, gitlab:doctor:secrets), and pause the runners or block new jobs", at(UPGRADE_PAGE, "Upgrade GitLab")),
        step(In, Minutes(5), "sudo gitlab-ctl stop sidekiq and sudo gitlab-ctl stop puma on every node", at(WITH_DOWNTIME_PAGE, "Shut down the GitLab application")),
        step(In, Minutes(5), "Consul: upgrade the package, then sudo gitlab-ctl restart one node at a time", at(WITH_DOWNTIME_PAGE, "Upgrade the Consul nodes")),
        step(In, Minutes(5), "Gitaly: upgrade each node, in any order (Gitaly Cluster (Praefect) with its zero-downtime steps)", at(WITH_DOWNTIME_PAGE, "Upgrade Gitaly and Gitaly Cluster (Praefect)")),
        step(In, Minutes(10), "PostgreSQL: upgrade and sudo gitlab-ctl restart (Patroni: the replicas first, then the leader); then PgBouncer and Redis", at(WITH_DOWNTIME_PAGE, "Upgrade the PostgreSQL nodes")),
        step(In, Minutes(5), "Deploy node (one Puma node): no /etc/gitlab/skip-auto-reconfigure, auto_migrate not false; behind PgBouncer, point db_host and db_port at PostgreSQL or the leader and reconfigure", at(WITH_DOWNTIME_PAGE, "Upgrade the GitLab application components")),
        step(Phase::PointOfNoReturn, Minutes(10), "Upgrade the deploy node: it runs the database migrations", at(WITH_DOWNTIME_PAGE, "Upgrade the GitLab application components")),
        step(After, Minutes(5), "Restore the PgBouncer settings and sudo gitlab-ctl restart; upgrade and restart the other Puma and Sidekiq nodes, then the monitor node", at(WITH_DOWNTIME_PAGE, "Upgrade the GitLab application components")),
        step(After, Minutes(5), "Upgrade the runners, disable maintenance mode, unblock jobs, and run the post-upgrade checks", at(UPGRADE_PAGE, "Upgrade GitLab")),
        step(Post, Nothing, "Let the background migrations finish before the next stop", at(UPGRADE_PATHS_PAGE, "Required upgrade stops")),
    ],
    not_covered: &[],
};

/// The procedure GitLab documents for a migration method, when there is one.
pub fn procedure(method: MigrationMethod) -> Option<&'static Procedure> {
    match method {
        MigrationMethod::BackupRestoreSingle => Some(&SINGLE_NODE),
        MigrationMethod::BackupRestoreMultiNode => Some(&MULTI_NODE),
        MigrationMethod::GeoFailover => Some(&GEO_FAILOVER),
        MigrationMethod::LinuxPackageToHelm => Some(&PACKAGE_TO_HELM),
        MigrationMethod::Undecided | MigrationMethod::ProfessionalServicesDecide => None,
    }
}

/// Every table, for the checks that hold them to GitLab's pages.
pub const ALL: [&Procedure; 5] = [
    &SINGLE_NODE,
    &MULTI_NODE,
    &GEO_FAILOVER,
    &PACKAGE_TO_HELM,
    &UPGRADE,
];

impl Procedure {
    /// The step marked as the point of no return (every table has exactly one).
    pub fn point_of_no_return(&self) -> Option<&'static Step> {
        self.steps
            .iter()
            .find(|s| s.phase == Phase::PointOfNoReturn)
    }
}
