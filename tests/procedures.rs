//! Issue 35, point 1: GitLab's procedures as data. Each table is held to GitLab's own pages: the
//! documented steps below are GitLab's, in GitLab's order (copied from the page and heading named
//! with each group, 2026-12), each with a phrase the app's step for it must carry. A table that
//! drops a step, or lists it out of order, fails here; a step the app leaves out must be named
//! as not covered. README reports the counts ("N of N documented steps").
#![cfg(not(target_arch = "wasm32"))]

use upgrade_planner::domain::process::procedures::{
    Phase, Procedure, ALL, GEO_FAILOVER, MULTI_NODE, PACKAGE_TO_HELM, SINGLE_NODE, UPGRADE,
};

/// GitLab's steps for a method: (the page and heading, the step as GitLab gives it, a phrase
/// the app's step must hold).
type Documented = &'static [(&'static str, &'static str, &'static str)];

const MIGRATE: &str = "administration/backup_restore/migrate_to_new_server.md";
const RESTORE: &str = "administration/backup_restore/restore_gitlab.md";
const LARGE: &str = "administration/backup_restore/backup_large_reference_architectures.md";
const FAILOVER: &str = "administration/geo/disaster_recovery/planned_failover.md";
const DR: &str = "administration/geo/disaster_recovery/_index.md";
const BRING_BACK: &str = "administration/geo/disaster_recovery/bring_primary_back.md";
const TO_HELM: &str = "charts: installation/migration/package_to_helm.md";
const HELM_RESTORE: &str = "charts: backup-restore/restore.md";
const DOWNTIME: &str = "update/with_downtime.md";
const UPGRADE_MD: &str = "update/upgrade.md";
const PATHS: &str = "update/upgrade_paths.md";

const SINGLE_DOCUMENTED: Documented = &[
    (
        MIGRATE,
        "Prerequisites: notify users with a broadcast message banner",
        "broadcast message",
    ),
    (
        MIGRATE,
        "Prerequisites: a complete system-level backup or a snapshot of all servers",
        "snapshot",
    ),
    (
        MIGRATE,
        "Prepare the new server: copy the SSH host keys",
        "SSH host keys",
    ),
    (
        RESTORE,
        "Restore prerequisites: the same version and edition",
        "same GitLab version and edition",
    ),
    (
        MIGRATE,
        "Prepare the new server: copy /etc/gitlab",
        "/etc/gitlab",
    ),
    (
        RESTORE,
        "Restore prerequisites: restore gitlab-secrets.json",
        "gitlab-secrets.json",
    ),
    (
        MIGRATE,
        "Prepare the new server: disable incoming email",
        "incoming email off",
    ),
    (
        MIGRATE,
        "Prepare the new server: block new CI/CD jobs",
        "/api/v4/jobs/request",
    ),
    (
        MIGRATE,
        "Prepare the new server: reconfigure",
        "gitlab-ctl reconfigure",
    ),
    (
        MIGRATE,
        "Prepare the new server: stop GitLab",
        "sudo gitlab-ctl stop",
    ),
    (
        MIGRATE,
        "Prepare the new server: remove dump.rdb, own the redis and backups folders",
        "dump.rdb",
    ),
    (
        MIGRATE,
        "Old server: an up-to-date system-level backup or snapshot",
        "check the system-level backup",
    ),
    (
        MIGRATE,
        "Old server: enable maintenance mode",
        "maintenance mode",
    ),
    (
        MIGRATE,
        "Old server: block new CI/CD jobs and reconfigure",
        "block new CI jobs the same way",
    ),
    (
        MIGRATE,
        "Old server: disable periodic background jobs (Cron > Disable All)",
        "Disable All",
    ),
    (
        MIGRATE,
        "Old server: wait for running CI/CD jobs to finish",
        "running CI jobs",
    ),
    (
        MIGRATE,
        "Old server: wait for Sidekiq Busy and Enqueued to reach 0, note the numbers",
        "Busy and Enqueued",
    ),
    (
        MIGRATE,
        "Old server: flush Redis and stop all but PostgreSQL and Gitaly",
        "redis-cli",
    ),
    (
        MIGRATE,
        "Old server: create a GitLab backup",
        "gitlab-backup create",
    ),
    (
        MIGRATE,
        "Old server: disable the services in gitlab.rb",
        "['enable'] = false",
    ),
    (
        MIGRATE,
        "Old server: reconfigure and check nothing runs",
        "gitlab-ctl status",
    ),
    (
        MIGRATE,
        "New server: stop Redis before the transfer",
        "gitlab-ctl stop redis",
    ),
    (
        MIGRATE,
        "Transfer dump.rdb and the backup (large instances: move the volumes)",
        "dump.rdb and the backup archive",
    ),
    (
        MIGRATE,
        "Restore data on the new server: file permissions",
        "back to their owners",
    ),
    (
        MIGRATE,
        "Restore data on the new server: start Redis",
        "gitlab-ctl start redis",
    ),
    (
        RESTORE,
        "Restore for Linux package installations: stop Puma and Sidekiq",
        "gitlab-ctl stop puma",
    ),
    (
        RESTORE,
        "Restore for Linux package installations: gitlab-backup restore",
        "gitlab-backup restore BACKUP=",
    ),
    (
        RESTORE,
        "Restore for Linux package installations: reconfigure and start",
        "sudo gitlab-ctl start",
    ),
    (
        RESTORE,
        "Restore for Linux package installations: gitlab:check SANITIZE=true",
        "gitlab:check SANITIZE=true",
    ),
    (
        RESTORE,
        "Restore for Linux package installations: gitlab:doctor:secrets",
        "gitlab:doctor:secrets",
    ),
    (
        RESTORE,
        "Restore for Linux package installations: integrity checks",
        "gitlab:uploads:check",
    ),
    (
        MIGRATE,
        "Restore data on the new server: compare the Sidekiq numbers",
        "compare the Sidekiq dashboard",
    ),
    (
        MIGRATE,
        "Restore data on the new server: Cron > Enable All",
        "Enable All",
    ),
    (
        MIGRATE,
        "Restore data on the new server: test read-only operations",
        "read-only",
    ),
    (
        MIGRATE,
        "Restore data on the new server: disable maintenance mode",
        "disable maintenance mode",
    ),
    (
        MIGRATE,
        "Restore data on the new server: test that GitLab works",
        "test as a user would",
    ),
    (
        MIGRATE,
        "Restore data on the new server: re-enable incoming email",
        "re-enable incoming email",
    ),
    (
        MIGRATE,
        "Restore data on the new server: update DNS or the load balancer",
        "point DNS or the load balancer",
    ),
    (
        MIGRATE,
        "Restore data on the new server: unblock new CI/CD jobs and reconfigure",
        "remove the CI block",
    ),
    (
        MIGRATE,
        "Restore data on the new server: remove the broadcast message",
        "Remove the maintenance broadcast message",
    ),
];

const MULTI_DOCUMENTED: Documented = &[
    (
        LARGE,
        "Configure daily backups: PostgreSQL with the cloud service (pg_dump not over 100 GB)",
        "pg_dump",
    ),
    (
        LARGE,
        "Configure daily backups: object storage",
        "object storage buckets",
    ),
    (
        LARGE,
        "Configure daily backups: Git repositories, server-side",
        "REPOSITORIES_SERVER_SIDE=true",
    ),
    (
        LARGE,
        "Configure daily backups: configuration and secrets",
        "configuration and secrets",
    ),
    (
        MIGRATE,
        "Prerequisites: broadcast message banner",
        "broadcast message",
    ),
    (
        MIGRATE,
        "Prerequisites: system-level backup or snapshot",
        "snapshot",
    ),
    (
        LARGE,
        "Restore a backup, prerequisites: same version and edition",
        "same GitLab version and edition",
    ),
    (
        LARGE,
        "Restore a backup, prerequisites: secrets restored",
        "gitlab-secrets.json",
    ),
    (
        LARGE,
        "Restore a backup, prerequisites: the same repository storages",
        "same repository storages",
    ),
    (MIGRATE, "Old server: maintenance mode", "maintenance mode"),
    (
        MIGRATE,
        "Old server: block new CI/CD jobs",
        "/api/v4/jobs/request",
    ),
    (MIGRATE, "Old server: Cron > Disable All", "Disable All"),
    (
        MIGRATE,
        "Old server: wait for running CI/CD jobs",
        "running CI jobs",
    ),
    (
        MIGRATE,
        "Old server: Sidekiq Busy and Enqueued at 0",
        "Busy and Enqueued",
    ),
    (
        LARGE,
        "Back up each component (Gitaly server-side, SKIP=db)",
        "REPOSITORIES_SERVER_SIDE=true SKIP=db",
    ),
    (
        MIGRATE,
        "Old server: disable the services",
        "['enable'] = false",
    ),
    (
        LARGE,
        "Restore a backup: stop Puma and Sidekiq on every node",
        "gitlab-ctl stop on every Puma and Sidekiq node",
    ),
    (
        LARGE,
        "Restore object storage data (first)",
        "restoring the object storage buckets",
    ),
    (
        LARGE,
        "Restore PostgreSQL data: restore the snapshot",
        "restore the database from its snapshot",
    ),
    (
        LARGE,
        "Restore PostgreSQL data: point GitLab at the new database",
        "point GitLab at it",
    ),
    (
        LARGE,
        "Restore Git repositories: the matching backup in /var/opt/gitlab/backups",
        "/var/opt/gitlab/backups/",
    ),
    (
        LARGE,
        "Restore Git repositories: gitlab-backup restore with SKIP=db",
        "gitlab-backup restore BACKUP=<backup ID> SKIP=db",
    ),
    (
        LARGE,
        "Restore Git repositories: reconfigure PostgreSQL nodes, start Puma and Sidekiq",
        "reconfigure on the PostgreSQL nodes",
    ),
    (
        LARGE,
        "Restore Git repositories: gitlab:check SANITIZE=true",
        "gitlab:check SANITIZE=true",
    ),
    (
        LARGE,
        "Restore Git repositories: gitlab:doctor:secrets",
        "gitlab:doctor:secrets",
    ),
    (
        LARGE,
        "Restore Git repositories: integrity checks against the source",
        "integrity checks",
    ),
    (
        MIGRATE,
        "Restore data on the new server: compare the Sidekiq numbers",
        "compare the Sidekiq dashboard",
    ),
    (
        MIGRATE,
        "Restore data on the new server: Cron > Enable All",
        "Enable All",
    ),
    (
        MIGRATE,
        "Restore data on the new server: test read-only operations",
        "read-only",
    ),
    (
        MIGRATE,
        "Restore data on the new server: disable maintenance mode",
        "disable maintenance mode",
    ),
    (
        MIGRATE,
        "Restore data on the new server: re-enable incoming email",
        "re-enable incoming email",
    ),
    (
        MIGRATE,
        "Restore data on the new server: update DNS or the load balancer",
        "point DNS or the load balancer",
    ),
    (
        MIGRATE,
        "Restore data on the new server: unblock new CI/CD jobs",
        "remove the CI block",
    ),
    (
        MIGRATE,
        "Restore data on the new server: remove the broadcast message",
        "Remove the maintenance broadcast message",
    ),
];

const GEO_DOCUMENTED: Documented = &[
    (
        FAILOVER,
        "Recommendations for failover: four to six weeks to resolve sync and verification failures",
        "four to six weeks",
    ),
    (
        FAILOVER,
        "Recommendations for failover: abort criteria and rollback points before promotion",
        "abort criteria",
    ),
    (
        FAILOVER,
        "Recommendations for failover: rehearse",
        "rehearse the failover",
    ),
    (
        FAILOVER,
        "Not all data is automatically replicated: copy it by other means",
        "does not replicate",
    ),
    (
        FAILOVER,
        "Not all data is automatically replicated: the container registry",
        "container registry",
    ),
    (FAILOVER, "Preflight checks: lower the DNS TTL", "DNS TTL"),
    (
        FAILOVER,
        "Preflight checks: review gitlab.rb on both sites",
        "gitlab.rb on both sites",
    ),
    (
        FAILOVER,
        "Preflight checks: gitlab:check and gitlab:geo:check on both",
        "gitlab:geo:check",
    ),
    (
        FAILOVER,
        "Preflight checks: identical secrets and SSH host keys",
        "sha256sum",
    ),
    (FAILOVER, "Preflight checks: certificates", "certificates"),
    (
        FAILOVER,
        "Notify users of scheduled maintenance: broadcast message",
        "broadcast message",
    ),
    (FAILOVER, "Runner connectivity during failover", "runners"),
    (
        FAILOVER,
        "Prevent updates to the primary site: maintenance mode",
        "maintenance mode",
    ),
    (
        FAILOVER,
        "Prevent updates to the primary site: Cron > Disable All",
        "Disable All",
    ),
    (
        FAILOVER,
        "Prevent updates to the primary site: enable the Geo cron jobs again",
        "geo_metrics_update_worker",
    ),
    (
        FAILOVER,
        "Finish replicating and verifying all data: final copy of non-Geo data",
        "Final copy",
    ),
    (
        FAILOVER,
        "Finish replicating and verifying all data: non-geo queues at 0",
        "non-geo Sidekiq queue",
    ),
    (
        FAILOVER,
        "Finish replicating and verifying all data: 100 % replicated and verified",
        "100 % replicated and verified",
    ),
    (
        FAILOVER,
        "Finish replicating and verifying all data: replication lag 0",
        "replication lag of 0 ms",
    ),
    (
        FAILOVER,
        "Finish replicating and verifying all data: log cursor",
        "log cursor",
    ),
    (
        FAILOVER,
        "Finish replicating and verifying all data: geo queues at 0 on the secondary",
        "geo queues",
    ),
    (
        FAILOVER,
        "Finish replicating and verifying all data: integrity check",
        "integrity check",
    ),
    (
        DR,
        "Step 2. Permanently disable the primary site",
        "systemctl disable gitlab-runsvdir",
    ),
    (
        FAILOVER,
        "Preflight checks: promotion-preflight-checks with the primary down",
        "promotion-preflight-checks",
    ),
    (
        DR,
        "Step 3. Promoting a secondary site: geo promote",
        "geo promote",
    ),
    (
        DR,
        "Step 3. Promoting a secondary site: Sidekiq, PostgreSQL and Gitaly nodes before Rails",
        "every Sidekiq, PostgreSQL and Gitaly node first",
    ),
    (
        DR,
        "Step 4. Updating the primary domain DNS record",
        "DNS at the promoted site",
    ),
    (DR, "Step 4: external_url", "external_url"),
    (
        DR,
        "Step 4: geo:update_primary_node_url",
        "geo:update_primary_node_url",
    ),
    (
        DR,
        "Step 3: re-register runners where the address changed",
        "register the runners again",
    ),
    (
        FAILOVER,
        "Recover data for advanced search: reindex",
        "Reindex advanced search",
    ),
    (
        FAILOVER,
        "Promote the secondary site: remove the broadcast message",
        "broadcast message",
    ),
    (
        DR,
        "Step 6. Removing the former secondary's tracking database",
        "geo-postgresql",
    ),
    (
        BRING_BACK,
        "Configure the former primary site to be a secondary site",
        "gitlab-cluster.json",
    ),
];

const HELM_DOCUMENTED: Documented = &[
    (
        TO_HELM,
        "Prerequisites: the source is up and its repositories checked",
        "repositories are sound",
    ),
    (
        TO_HELM,
        "Prerequisites: the chart runs the same GitLab version",
        "same GitLab version",
    ),
    (
        TO_HELM,
        "Version mappings: the chart's version is not GitLab's",
        "chart's version is not GitLab's",
    ),
    (
        TO_HELM,
        "Migration steps: migrate existing data to object storage",
        "object storage",
    ),
    (
        TO_HELM,
        "Migration steps: artifacts, LFS and uploads (older copy)",
        "gitlab:uploads:migrate:all",
    ),
    (
        TO_HELM,
        "Migration steps: check that uploads load",
        "uploads still load",
    ),
    (
        TO_HELM,
        "Migration steps: back up without the migrated data",
        "SKIP=artifacts,lfs,uploads",
    ),
    (
        HELM_RESTORE,
        "Restore the rails secrets: convert gitlab-secrets.json",
        "yq -P",
    ),
    (
        HELM_RESTORE,
        "Restore the rails secrets: delete and recreate the secret",
        "kubectl create secret generic",
    ),
    (
        HELM_RESTORE,
        "Restart the pods: sidekiq, webservice and toolbox",
        "delete the sidekiq, webservice and toolbox pods",
    ),
    (
        HELM_RESTORE,
        "Restoring the backup file: scale to 0",
        "scale sidekiq, webservice and prometheus to 0",
    ),
    (
        HELM_RESTORE,
        "Restoring the backup file: backup-utility --restore",
        "backup-utility --restore",
    ),
    (
        HELM_RESTORE,
        "Restoring the backup file: scale back up",
        "scale them back up",
    ),
    (
        HELM_RESTORE,
        "Enable Kubernetes related settings: the runner token",
        "runner registration token",
    ),
    (
        TO_HELM,
        "Migration steps: custom instance setup",
        "/scripts/custom-instance-setup",
    ),
    (
        TO_HELM,
        "Migration steps: restart all pods",
        "restart all pods",
    ),
    (
        TO_HELM,
        "Migration steps: verify the data",
        "check the data",
    ),
];

const UPGRADE_DOCUMENTED: Documented = &[
    (
        PATHS,
        "Required upgrade stops: every stop, its latest patch",
        "required stop",
    ),
    (
        UPGRADE_MD,
        "Rollback plan: a backup or snapshots of every node",
        "snapshots of every node",
    ),
    (
        PATHS,
        "Background migrations finished before upgrading",
        "batched_background_migrations",
    ),
    (
        UPGRADE_MD,
        "Upgrade GitLab: maintenance mode (optional)",
        "maintenance mode",
    ),
    (
        UPGRADE_MD,
        "Upgrade GitLab: pre-upgrade checks",
        "gitlab:check",
    ),
    (
        UPGRADE_MD,
        "CI/CD pipelines and jobs during upgrades: pause runners or block jobs",
        "pause the runners",
    ),
    (
        DOWNTIME,
        "Shut down the GitLab application",
        "gitlab-ctl stop sidekiq",
    ),
    (DOWNTIME, "Upgrade the Consul nodes", "Consul"),
    (
        DOWNTIME,
        "Upgrade Gitaly and Gitaly Cluster (Praefect)",
        "Praefect",
    ),
    (
        DOWNTIME,
        "Upgrade the PostgreSQL nodes",
        "PostgreSQL: upgrade",
    ),
    (
        DOWNTIME,
        "Upgrade Patroni nodes: replicas first, then the leader",
        "replicas first, then the leader",
    ),
    (
        DOWNTIME,
        "Upgrade the PgBouncer nodes and the Redis node",
        "PgBouncer and Redis",
    ),
    (
        DOWNTIME,
        "Upgrade the GitLab application components: the deploy node's settings",
        "skip-auto-reconfigure",
    ),
    (
        DOWNTIME,
        "Upgrade the GitLab application components: the deploy node runs the migrations",
        "Upgrade the deploy node",
    ),
    (
        DOWNTIME,
        "Upgrade the GitLab application components: restore PgBouncer settings, other nodes",
        "Restore the PgBouncer settings",
    ),
    (DOWNTIME, "Upgrade the monitor node", "monitor node"),
    (
        UPGRADE_MD,
        "Upgrade GitLab: runners, maintenance mode off, post-upgrade checks",
        "post-upgrade checks",
    ),
    (
        PATHS,
        "Required upgrade stops: background migrations before the next stop",
        "background migrations finish",
    ),
];

/// The documented steps found in order; the first missing or out-of-order one is the error.
fn conformance(p: &Procedure, documented: Documented) -> Result<usize, String> {
    let mut cursor = 0;
    let mut found = 0;
    for (page, step, phrase) in documented {
        if let Some(at) = p.steps[cursor..]
            .iter()
            .position(|s| s.text.contains(phrase))
        {
            cursor += at;
            found += 1;
        } else if p.not_covered.iter().any(|n| n.text.contains(phrase)) {
            found += 1;
        } else {
            return Err(format!(
                "{}: “{step}” ({page}) is missing, or out of GitLab's order (looked for “{phrase}” from step {})",
                p.name,
                cursor + 1
            ));
        }
    }
    Ok(found)
}

const TABLES: [(&Procedure, Documented); 5] = [
    (&SINGLE_NODE, SINGLE_DOCUMENTED),
    (&MULTI_NODE, MULTI_DOCUMENTED),
    (&GEO_FAILOVER, GEO_DOCUMENTED),
    (&PACKAGE_TO_HELM, HELM_DOCUMENTED),
    (&UPGRADE, UPGRADE_DOCUMENTED),
];

#[test]
fn every_table_holds_gitlab_s_documented_steps_in_order() {
    for (p, documented) in TABLES {
        assert_eq!(conformance(p, documented), Ok(documented.len()));
    }
}

#[test]
fn the_check_fails_on_a_dropped_or_reordered_step() {
    let mut steps = SINGLE_NODE.steps.to_vec();
    let cron = steps
        .iter()
        .position(|s| s.text.contains("Disable All"))
        .unwrap();
    let dropped = steps.remove(cron);
    let leaked: &'static [_] = Box::leak(steps.clone().into_boxed_slice());
    let without = Procedure {
        steps: leaked,
        ..SINGLE_NODE
    };
    assert!(conformance(&without, SINGLE_DOCUMENTED)
        .unwrap_err()
        .contains("Disable All"));
    // The cron jobs moved after the backup: out of order.
    let backup = steps
        .iter()
        .position(|s| s.text.contains("gitlab-backup create"))
        .unwrap();
    steps.insert(backup + 1, dropped);
    let leaked: &'static [_] = Box::leak(steps.into_boxed_slice());
    let reordered = Procedure {
        steps: leaked,
        ..SINGLE_NODE
    };
    assert!(conformance(&reordered, SINGLE_DOCUMENTED).is_err());
}

#[test]
fn each_table_has_one_point_of_no_return_its_phases_in_order_and_a_source_for_every_step() {
    for p in ALL {
        let marks = p
            .steps
            .iter()
            .filter(|s| s.phase == Phase::PointOfNoReturn)
            .count();
        assert_eq!(marks, 1, "{}", p.name);
        assert!(
            p.steps.windows(2).all(|w| w[0].phase <= w[1].phase),
            "{}",
            p.name
        );
        for s in p.steps {
            assert!(
                s.source.page.1.starts_with("https://docs.gitlab.com/"),
                "{}",
                s.text
            );
            assert!(!s.source.heading.is_empty(), "{}", s.text);
            let before = matches!(s.phase, Phase::WeeksBefore | Phase::DaysBefore);
            assert_eq!(before, s.lead_days > 0, "{}: {}", p.name, s.text);
        }
        assert!(!p.why_no_return.is_empty());
    }
}

#[test]
fn readme_reports_each_table_s_documented_steps() {
    let readme = include_str!("../README.md");
    for (p, documented) in TABLES {
        let n = documented.len();
        let line = format!("{}: {n} of {n} documented steps", p.name);
        assert!(readme.contains(&line), "README lacks “{line}”");
    }
}
