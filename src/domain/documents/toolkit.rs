//! The recommendation as a GitLab Environment Toolkit (GET) starting configuration: one
//! environment's Terraform and Ansible files with GET's names and the page's figures, and a
//! README for Professional Services.
//!
//! Names follow GET 3.x (`docs/environment_provision.md`, `docs/environment_configure.md`,
//! `docs/environment_advanced_hybrid.md`, `terraform/modules/gitlab_ref_arch_*/variables.tf`).
//! Every count and machine type comes from GitLab's tables in `sizing::reference`, never typed
//! here. Nothing secret is written: every secret is [`PLACEHOLDER`].

use std::fmt;

use time::{Date, PrimitiveDateTime};

use crate::domain::documents::zip;
use crate::domain::engagement::intake::Deviation;
use crate::domain::engagement::Engagement;
use crate::domain::process::workflow::sizing_of;
use crate::domain::sizing::reference::{Platform, PoolKind, SizeKey, DATA_VERSION};
use crate::domain::sizing::{Recommendation, Rule, Variant, HA_REDUCTIONS};
use crate::domain::text::markdown::escape_md;

/// The GET release whose names the files follow.
pub const GET_VERSION: &str = "3.x (variable names checked against 3.0.1)";

/// Every value Professional Services must supply: secrets, accounts, buckets, addresses.
pub const PLACEHOLDER: &str = "<set by Professional Services>";

/// A cloud GET's Terraform provisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cloud {
    Gcp,
    Aws,
    Azure,
}

impl Cloud {
    pub const ALL: [Cloud; 3] = [Cloud::Gcp, Cloud::Aws, Cloud::Azure];

    /// The cloud of a target platform; bare metal has none.
    pub fn of(platform: Platform) -> Option<Cloud> {
        match platform {
            Platform::Gcp => Some(Cloud::Gcp),
            Platform::Aws => Some(Cloud::Aws),
            Platform::Azure => Some(Cloud::Azure),
            Platform::BareMetal => None,
        }
    }

    /// The platform GitLab's tables give machine types for.
    pub fn platform(self) -> Platform {
        match self {
            Cloud::Gcp => Platform::Gcp,
            Cloud::Aws => Platform::Aws,
            Cloud::Azure => Platform::Azure,
        }
    }

    /// GET's code: `cloud_provider` in Ansible, and the module's suffix.
    pub fn code(self) -> &'static str {
        match self {
            Cloud::Gcp => "gcp",
            Cloud::Aws => "aws",
            Cloud::Azure => "azure",
        }
    }

    /// The suffix of a machine size variable: `gitaly_machine_type`, `gitaly_instance_type`,
    /// `gitaly_size`.
    pub fn size_suffix(self) -> &'static str {
        match self {
            Cloud::Gcp => "_machine_type",
            Cloud::Aws => "_instance_type",
            Cloud::Azure => "_size",
        }
    }

    /// `gitlab_ref_arch_gcp`, …: GET's module for this cloud.
    pub fn module(self) -> String {
        format!("gitlab_ref_arch_{}", self.code())
    }

    /// The dynamic inventory's file name, whose ending selects Ansible's plugin.
    pub fn inventory_file(self, prefix: &Prefix) -> String {
        let ending = match self {
            Cloud::Gcp => "gcp",
            Cloud::Aws => "aws_ec2",
            Cloud::Azure => "azure_rm",
        };
        format!("{prefix}.{ending}.yml")
    }

    /// A machine type of GitLab's tables as the cloud's API names it: GCP and AWS as printed;
    /// Azure's "D4s v3" is the size `Standard_D4s_v3`.
    pub fn machine(self, table: &str) -> String {
        match self {
            Cloud::Gcp | Cloud::Aws => table.to_string(),
            Cloud::Azure => format!("Standard_{}", table.replace(' ', "_")),
        }
    }

    /// GET builds Cloud Native Hybrid on GCP and AWS only.
    pub fn has_hybrid(self) -> bool {
        self != Cloud::Azure
    }
}

/// GET's name for a component of GitLab's tables (by the table's key); `None` for object
/// storage, which GET creates as buckets, not machines. The 1k single node is GET's one
/// `gitlab_rails` node.
pub fn get_name(key: &str) -> Option<&'static str> {
    Some(match key {
        "single_node" | "gitlab_rails" => "gitlab_rails",
        "external_lb" => "haproxy_external",
        "internal_lb" => "haproxy_internal",
        "consul" => "consul",
        "postgresql" => "postgres",
        "pgbouncer" => "pgbouncer",
        "redis" => "redis",
        "redis_cache" => "redis_cache",
        "redis_persistent" => "redis_persistent",
        "gitaly" => "gitaly",
        "praefect" => "praefect",
        "praefect_postgresql" => "praefect_postgres",
        "sidekiq" => "sidekiq",
        "monitoring" => "monitor",
        _ => return None,
    })
}

/// GET's name for a Kubernetes node pool of Cloud Native Hybrid.
pub fn pool_name(pool: PoolKind) -> &'static str {
    match pool {
        PoolKind::Webservice => "webservice_node_pool",
        PoolKind::Sidekiq => "sidekiq_node_pool",
        PoolKind::Supporting => "supporting_node_pool",
    }
}

/// One group of machines: a component's virtual machines or a Kubernetes node pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Machines {
    /// GET's name: `gitaly`, `webservice_node_pool`.
    pub get_name: &'static str,
    /// The component as GitLab's table names it.
    pub label: &'static str,
    pub count: u32,
    /// GitLab's table writes "1+": at least this many.
    pub at_least: bool,
    /// The machine type as the page shows it ("D4s v3").
    pub shown: &'static str,
    /// The machine type as the cloud names it ("Standard_D4s_v3").
    pub machine: String,
    /// A Kubernetes node pool rather than virtual machines.
    pub pool: bool,
}

impl Machines {
    /// The component as a person names it: "Gitaly", "Webservice node pool".
    pub fn title(&self) -> String {
        if self.pool {
            format!("{} node pool", self.label)
        } else {
            self.label.to_string()
        }
    }

    /// `gitaly_node_count`, or `webservice_node_pool_count` for a pool.
    pub fn count_variable(&self) -> String {
        if self.pool {
            format!("{}_count", self.get_name)
        } else {
            format!("{}_node_count", self.get_name)
        }
    }

    /// `gitaly_machine_type`, `gitaly_instance_type` or `gitaly_size`.
    pub fn size_variable(&self, cloud: Cloud) -> String {
        format!("{}{}", self.get_name, cloud.size_suffix())
    }
}

/// Why no starting configuration is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The sizing form is incomplete or needs correcting.
    NoSizing,
    NoPlatform,
    BareMetal,
    HybridOnAzure,
    /// The planned size has no Cloud Native Hybrid architecture (1k).
    NoHybrid(SizeKey),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NoSizing => f.write_str(
                "The sizing form needs completing or correcting before the GitLab Environment Toolkit starting configuration can be written.",
            ),
            Refusal::NoPlatform => f.write_str(
                "Choose the target platform (GCP, AWS or Azure) for a GitLab Environment Toolkit starting configuration.",
            ),
            Refusal::BareMetal => f.write_str(
                "The GitLab Environment Toolkit's Terraform provisions GCP, AWS and Azure only: on bare metal, Professional Services configure the machines with its Ansible and a static inventory, so no starting configuration is written.",
            ),
            Refusal::HybridOnAzure => f.write_str(
                "The GitLab Environment Toolkit builds Cloud Native Hybrid on GCP and AWS only; on Azure it supports the Linux package only, so no Cloud Native Hybrid configuration is written for Azure.",
            ),
            Refusal::NoHybrid(size) => write!(
                f,
                "The planned {} has no Cloud Native Hybrid architecture, so no GitLab Environment Toolkit starting configuration is written for it.",
                size.short()
            ),
        }
    }
}

/// The sentence shown by the download on Azure when Kubernetes expertise would have led to Cloud
/// Native Hybrid elsewhere: the configuration is for the Linux package.
pub fn azure_hybrid_note(rec: &Recommendation) -> Option<&'static str> {
    (rec.platform == Some(Platform::Azure)
        && rec.warnings.iter().any(|w| w.rule == Rule::HybridAzure))
    .then_some(
        "The GitLab Environment Toolkit supports Cloud Native Hybrid on GCP and AWS only: on Azure it builds the Linux package, so this configuration is for the Linux package on virtual machines, as recommended.",
    )
}

/// The planned architecture, from the deviation record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Planned {
    AsRecommended,
    /// Another of GitLab's sizes: the files follow it.
    Size(SizeKey),
    /// A custom architecture: the files keep the recommended figures, and the README says so.
    Custom,
}

impl Planned {
    /// The plan a deviation record names.
    pub fn of(deviation: &Deviation, recommended: SizeKey) -> Planned {
        let planned = deviation.planned.trim();
        if planned.is_empty() {
            return Planned::AsRecommended;
        }
        match SizeKey::ALL.into_iter().find(|k| k.short() == planned) {
            Some(k) if k == recommended => Planned::AsRecommended,
            Some(k) => Planned::Size(k),
            None => Planned::Custom,
        }
    }
}

/// What the files are written for: the size and variant built, on which cloud.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub recommended: SizeKey,
    pub planned: Planned,
    /// The size the files follow: the planned one when a deviation names a size.
    pub size: SizeKey,
    pub variant: Variant,
    pub cloud: Cloud,
}

/// The target of the files for a recommendation and the deviation recorded from it, or why
/// none is written.
pub fn target(rec: &Recommendation, deviation: &Deviation) -> Result<Target, Refusal> {
    let cloud = match rec.platform {
        None => return Err(Refusal::NoPlatform),
        Some(p) => Cloud::of(p).ok_or(Refusal::BareMetal)?,
    };
    let planned = Planned::of(deviation, rec.size);
    let size = match planned {
        Planned::Size(k) => k,
        Planned::AsRecommended | Planned::Custom => rec.size,
    };
    if rec.variant == Variant::CloudNativeHybrid {
        if !cloud.has_hybrid() {
            return Err(Refusal::HybridOnAzure);
        }
        if size.size().hybrid.is_none() {
            return Err(Refusal::NoHybrid(size));
        }
    }
    Ok(Target {
        recommended: rec.size,
        planned,
        size,
        variant: rec.variant,
        cloud,
    })
}

/// The machines GET is to build for a size and variant on a cloud, in the order of GitLab's
/// table; Cloud Native Hybrid's node pools first.
pub fn machines(size: SizeKey, variant: Variant, cloud: Cloud) -> Result<Vec<Machines>, Refusal> {
    let published = size.size();
    let (pools, vms) = match variant {
        Variant::LinuxPackage => (&[][..], published.linux_package),
        Variant::CloudNativeHybrid => {
            if !cloud.has_hybrid() {
                return Err(Refusal::HybridOnAzure);
            }
            let hybrid = published.hybrid.as_ref().ok_or(Refusal::NoHybrid(size))?;
            (hybrid.pools, hybrid.vm_components)
        }
    };
    let pools = pools.iter().filter_map(|p| {
        let nodes = p.nodes(cloud.platform())?;
        Some(Machines {
            get_name: pool_name(p.pool),
            label: p.pool.label(),
            count: nodes.count,
            at_least: false,
            shown: nodes.machine,
            machine: cloud.machine(nodes.machine),
            pool: true,
        })
    });
    let vms = vms.iter().filter_map(|c| {
        let shown = c.machine(cloud.platform())?;
        Some(Machines {
            get_name: get_name(c.key)?,
            label: c.name,
            count: c.nodes?,
            at_least: c.at_least,
            shown,
            machine: cloud.machine(shown),
            pool: false,
        })
    });
    Ok(pools.chain(vms).collect())
}

/// GET's environment prefix: lower-case letters, digits and hyphens, 3 to 30 characters
/// (`^[a-z0-9][a-z0-9-]{2,29}$`, GET's AWS `variables.tf`), starting with a letter, as GCP's
/// machine and cluster names must.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefix(String);

/// Text that is not a GET prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrefixError;

impl fmt::Display for PrefixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "A prefix is 3 to 30 lower-case letters, digits and hyphens, starting with a letter.",
        )
    }
}

impl TryFrom<&str> for Prefix {
    type Error = PrefixError;

    fn try_from(text: &str) -> Result<Self, Self::Error> {
        let ok = (3..=30).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && text.starts_with(|c: char| c.is_ascii_lowercase());
        ok.then(|| Prefix(text.to_string())).ok_or(PrefixError)
    }
}

impl Prefix {
    /// A prefix made from a customer's name: "Acme Corporation (EMEA)" gives
    /// `acme-corporation-emea`; too short a name is completed with `-gitlab`.
    pub fn from_customer(name: &str) -> Prefix {
        let mut text = String::new();
        for c in name.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                text.push(c);
            } else if !text.is_empty() && !text.ends_with('-') {
                text.push('-');
            }
        }
        // A name starting with a digit ("3M") gets a letter first.
        if text.starts_with(|c: char| c.is_ascii_digit()) {
            text.insert_str(0, "gl-");
        }
        text.truncate(30);
        let mut text = text.trim_end_matches('-').to_string();
        if text.len() < 3 {
            text = if text.is_empty() {
                "gitlab".into()
            } else {
                format!("{text}-gitlab")
            };
        }
        Prefix::try_from(text.as_str()).unwrap_or_else(|_| Prefix("gitlab".into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One file of the configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// The path inside the download, under its one folder.
    pub path: String,
    pub text: String,
}

/// The starting configuration of one environment, ready to be zipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Configuration {
    pub prefix: Prefix,
    pub target: Target,
    pub machines: Vec<Machines>,
    pub files: Vec<File>,
    pub written: Date,
}

impl Configuration {
    /// `acme-get-starting-configuration-2026-12-07.zip`.
    pub fn file_name(&self) -> String {
        format!(
            "{}-get-starting-configuration-{}.zip",
            self.prefix, self.written
        )
    }

    /// The zip archive of the files, dated `modified` (the browser's local time).
    pub fn zip(&self, modified: PrimitiveDateTime) -> Vec<u8> {
        let files: Vec<(&str, &[u8])> = self
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.text.as_bytes()))
            .collect();
        zip::archive(&files, modified)
    }
}

/// The GET starting configuration of an engagement's recommendation (or of the plan its
/// deviation record names), written on `today`; or why none is written.
pub fn starting_configuration(e: &Engagement, today: Date) -> Result<Configuration, Refusal> {
    let (_, rec) = sizing_of(e).ok_or(Refusal::NoSizing)?;
    let deviation = &e.coordination.intake.deviation;
    let target = target(&rec, deviation)?;
    let machines = machines(target.size, target.variant, target.cloud)?;
    let prefix = Prefix::from_customer(e.customer_name.as_str());
    let w = Writer {
        prefix: &prefix,
        target: &target,
        machines: &machines,
    };
    let root = format!("gitlab-environment-toolkit-{prefix}");
    let tf = format!("{root}/terraform/environments/{prefix}");
    let inventory = format!("{root}/ansible/environments/{prefix}/inventory");
    let files = vec![
        File {
            path: format!("{root}/README.md"),
            text: w.readme(e, &rec, deviation, today),
        },
        File {
            path: format!("{tf}/main.tf"),
            text: w.main_tf(),
        },
        File {
            path: format!("{tf}/variables.tf"),
            text: w.variables_tf(),
        },
        File {
            path: format!("{tf}/environment.tf"),
            text: w.environment_tf(),
        },
        File {
            path: format!("{inventory}/vars.yml"),
            text: w.vars_yml(),
        },
        File {
            path: format!("{inventory}/{}", target.cloud.inventory_file(&prefix)),
            text: w.inventory_yml(),
        },
    ];
    Ok(Configuration {
        prefix,
        target,
        machines,
        files,
        written: today,
    })
}

/// Writes the files of one configuration.
struct Writer<'a> {
    prefix: &'a Prefix,
    target: &'a Target,
    machines: &'a [Machines],
}

/// Assignments inside a block, their `=` lined up as `terraform fmt` lines them up.
fn aligned(lines: &[(String, String)]) -> String {
    let width = lines.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    lines
        .iter()
        .map(|(name, value)| format!("  {name:<width$} = {value}\n"))
        .collect()
}

/// A quoted string in HCL or YAML: the values written are names, codes and the placeholder,
/// none of which holds a quote or a backslash.
fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

impl Writer<'_> {
    fn cloud(&self) -> Cloud {
        self.target.cloud
    }

    fn hybrid(&self) -> bool {
        self.target.variant == Variant::CloudNativeHybrid
    }

    fn has(&self, get_name: &str) -> bool {
        self.machines.iter().any(|m| m.get_name == get_name)
    }

    fn header(&self, comment: &str) -> String {
        format!(
            "{comment} Starting configuration of the GitLab Environment Toolkit (GET) environment `{}`,\n\
             {comment} written by the Infrastructure Upgrade Planner from GitLab's reference architecture;\n\
             {comment} names follow GET {GET_VERSION}. A starting point for Professional\n\
             {comment} Services' review: see README.md, and replace every \"{PLACEHOLDER}\".\n\n",
            self.prefix
        )
    }

    fn main_tf(&self) -> String {
        let ph = quoted(PLACEHOLDER);
        let prefix = self.prefix;
        let (backend, provider, source, settings) = match self.cloud() {
            Cloud::Gcp => (
                format!("  backend \"gcs\" {{\n    bucket = {ph}\n    prefix = \"{prefix}\"\n  }}\n"),
                "google",
                "hashicorp/google",
                "  project = var.project\n  region  = var.region\n  zone    = var.zone\n",
            ),
            Cloud::Aws => (
                format!(
                    "  backend \"s3\" {{\n    bucket = {ph}\n    key    = \"{prefix}.tfstate\"\n    region = {ph}\n  }}\n"
                ),
                "aws",
                "hashicorp/aws",
                "  region = var.region\n",
            ),
            Cloud::Azure => (
                format!(
                    "  backend \"azurerm\" {{\n    resource_group_name  = {ph}\n    storage_account_name = {ph}\n    container_name       = {ph}\n    key                  = \"{prefix}.terraform.tfstate\"\n  }}\n"
                ),
                "azurerm",
                "hashicorp/azurerm",
                "  features {}\n",
            ),
        };
        format!(
            "{}terraform {{\n{backend}  required_providers {{\n    {provider} = {{\n      source = \"{source}\"\n    }}\n  }}\n}}\n\nprovider \"{provider}\" {{\n{settings}}}\n",
            self.header("#")
        )
    }

    fn variables_tf(&self) -> String {
        let names: &[&str] = match self.cloud() {
            // Cloud Native Hybrid has no external HAProxy: the cluster's ingress takes the
            // external IP, which GET reads from `vars.yml`.
            Cloud::Gcp if self.hybrid() => &["project", "region", "zone"],
            Cloud::Gcp => &["project", "region", "zone", "external_ip"],
            Cloud::Aws => &["region", "ssh_public_key_file", "external_ip_allocation"],
            Cloud::Azure => &[
                "resource_group_name",
                "location",
                "vm_admin_username",
                "ssh_public_key_file_path",
                "storage_account_name",
                "external_ip_name",
            ],
        };
        let mut out = self.header("#");
        out.push_str(&format!(
            "variable \"prefix\" {{\n  default = \"{}\"\n}}\n",
            self.prefix
        ));
        for name in names {
            out.push_str(&format!(
                "\nvariable \"{name}\" {{\n  default = {}\n}}\n",
                quoted(PLACEHOLDER)
            ));
        }
        out
    }

    fn environment_tf(&self) -> String {
        let cloud = self.cloud();
        let module = cloud.module();
        let mut out = self.header("#");
        out.push_str(&format!(
            "module \"{module}\" {{\n  source = \"../../modules/{module}\"\n\n"
        ));
        let mut opening = vec![("prefix".to_string(), "var.prefix".to_string())];
        let add = |lines: &mut Vec<(String, String)>, name: &str, value: &str| {
            lines.push((name.to_string(), value.to_string()))
        };
        match cloud {
            Cloud::Gcp => add(&mut opening, "project", "var.project"),
            Cloud::Aws => add(
                &mut opening,
                "ssh_public_key",
                "file(var.ssh_public_key_file)",
            ),
            Cloud::Azure => {
                add(
                    &mut opening,
                    "resource_group_name",
                    "var.resource_group_name",
                );
                add(&mut opening, "location", "var.location");
                add(&mut opening, "vm_admin_username", "var.vm_admin_username");
                add(
                    &mut opening,
                    "ssh_public_key",
                    "file(var.ssh_public_key_file_path)",
                );
                add(&mut opening, "external_ip_type", "\"Standard\"");
            }
        }
        out.push_str(&aligned(&opening));
        for m in self.machines {
            let shown = if m.at_least {
                " (GitLab: at least 1)"
            } else {
                ""
            };
            out.push_str(&format!(
                "\n  # {}: {} × {}{shown}\n",
                m.title(),
                m.count,
                m.shown
            ));
            let mut lines = vec![
                (m.count_variable(), m.count.to_string()),
                (m.size_variable(cloud), quoted(&m.machine)),
            ];
            if m.get_name == "haproxy_external" {
                lines.push(match cloud {
                    Cloud::Gcp => (
                        "haproxy_external_external_ips".into(),
                        "[var.external_ip]".into(),
                    ),
                    Cloud::Aws => (
                        "haproxy_external_elastic_ip_allocation_ids".into(),
                        "[var.external_ip_allocation]".into(),
                    ),
                    Cloud::Azure => (
                        "haproxy_external_external_ip_names".into(),
                        "[var.external_ip_name]".into(),
                    ),
                });
            }
            out.push_str(&aligned(&lines));
        }
        out.push_str(&format!(
            "}}\n\noutput \"{module}\" {{\n  value = module.{module}\n}}\n"
        ));
        out
    }

    fn vars_yml(&self) -> String {
        let ph = quoted(PLACEHOLDER);
        let cloud = self.cloud();
        let mut out = self.header("#");
        out.push_str("all:\n  vars:\n    # Ansible settings\n");
        out.push_str(&format!(
            "    ansible_user: {ph}\n    ansible_ssh_private_key_file: {ph}\n\n    # Cloud settings\n    cloud_provider: \"{}\"\n",
            cloud.code()
        ));
        match cloud {
            Cloud::Gcp => out.push_str(&format!("    gcp_project: {ph}\n")),
            Cloud::Aws => out.push_str(&format!("    aws_region: {ph}\n")),
            Cloud::Azure => out.push_str(&format!(
                "    azure_storage_account_name: {ph}\n    azure_storage_access_key: {ph}\n"
            )),
        }
        out.push_str(&format!(
            "\n    # General settings\n    prefix: \"{}\"\n    external_url: {ph}\n    gitlab_license_file: {ph}\n",
            self.prefix
        ));
        if self.hybrid() {
            out.push_str(
                "\n    # Cloud Native Hybrid: GET computes the webservice and Sidekiq replicas from the node pools\n    cloud_native_hybrid_environment: true\n    kubeconfig_setup: true\n",
            );
            match cloud {
                Cloud::Gcp => out.push_str(&format!("    gcp_zone: {ph}\n    external_ip: {ph}\n")),
                Cloud::Aws => out.push_str(&format!("    aws_allocation_ids: {ph}\n")),
                Cloud::Azure => {}
            }
        }
        out.push_str("\n    # Passwords and secrets: never written by the planner\n");
        let mut secrets = vec![
            "gitlab_root_password",
            "postgres_password",
            "patroni_password",
            "consul_database_password",
            "pgbouncer_password",
            "redis_password",
        ];
        // Gitaly Cluster (Praefect) has tokens of its own; a Gitaly without it, one shared token.
        if !self.has("praefect") {
            secrets.push("gitaly_token");
        } else {
            secrets.extend([
                "praefect_external_token",
                "praefect_internal_token",
                "praefect_postgres_password",
            ]);
        }
        for name in secrets {
            out.push_str(&format!("    {name}: {ph}\n"));
        }
        out
    }

    fn inventory_yml(&self) -> String {
        let ph = quoted(PLACEHOLDER);
        let prefix = self.prefix;
        let mut out = self.header("#");
        out.push_str(&match self.cloud() {
            Cloud::Gcp => format!(
                "plugin: gcp_compute\nprojects:\n  - {ph}\nfilters:\n  - labels.gitlab_node_prefix = {prefix}\nkeyed_groups:\n  - key: labels.gitlab_node_type\n    separator: ''\n  - key: labels.gitlab_node_level\n    separator: ''\nscopes:\n  - https://www.googleapis.com/auth/compute\nhostnames:\n  - name\ncompose:\n  ansible_host: networkInterfaces[0].accessConfigs[0].natIP\n"
            ),
            Cloud::Aws => format!(
                "plugin: aws_ec2\nregions:\n  - {ph}\nfilters:\n  tag:gitlab_node_prefix: {prefix}\nkeyed_groups:\n  - key: tags.gitlab_node_type\n    separator: ''\n  - key: tags.gitlab_node_level\n    separator: ''\nhostnames:\n  - tag:Name\ncompose:\n  ansible_host: public_ip_address\n"
            ),
            Cloud::Azure => format!(
                "plugin: azure.azcollection.azure_rm\ninclude_vm_resource_groups:\n  - {ph}\nkeyed_groups:\n  - prefix: ''\n    separator: ''\n    key: tags.gitlab_node_type | default('ungrouped')\n  - prefix: ''\n    separator: ''\n    key: tags.gitlab_node_level | default('ungrouped')\n"
            ),
        });
        out
    }

    fn readme(
        &self,
        e: &Engagement,
        rec: &Recommendation,
        deviation: &Deviation,
        today: Date,
    ) -> String {
        let t = self.target;
        let cloud = t.cloud;
        let customer = escape_md(e.customer_name.as_str());
        let built = t.size.size();
        let mut out = format!(
            "# GitLab Environment Toolkit starting configuration: {customer}\n\n\
             A starting point for Professional Services' review, not a finished configuration: the \
             Terraform and Ansible files of one GitLab Environment Toolkit (GET) environment, `{prefix}`, \
             with GET's names and the node counts and machine types of GitLab's reference \
             architecture, written by the Infrastructure Upgrade Planner on {today}. Professional \
             Services check every figure against the customer's needs and fill in every \
             `{PLACEHOLDER}` before running Terraform or Ansible.\n\n\
             ## Where it comes from\n\n\
             - Engagement: {customer}\n\
             - Recommended: {} ({}), {}, on {}\n",
            rec.architecture().name,
            rec.size.short(),
            rec.variant.label(),
            cloud.platform().label(),
            prefix = self.prefix,
        );
        match &t.planned {
            Planned::AsRecommended => {
                out.push_str("- Planned: as recommended; the files follow the recommendation.\n")
            }
            Planned::Size(k) => out.push_str(&format!(
                "- Planned: **{} ({})**, which differs from the recommended {}: the files follow \
                 the plan, recorded as a deviation{}.\n",
                k.size().name,
                k.short(),
                t.recommended.short(),
                reasons(deviation)
            )),
            Planned::Custom => out.push_str(&format!(
                "- Planned: **a custom architecture**, recorded as a deviation{}. The files hold the \
                 recommended {} figures: change them to the custom plan.\n",
                reasons(deviation),
                t.recommended.short()
            )),
        }
        out.push_str(&format!(
            "- GitLab's tables: {DATA_VERSION}; the page: {}\n\
             - GET: names follow GET {GET_VERSION}. GET 2.x names differ (for example `elastic_*`).\n\n",
            built.doc_url()
        ));

        out.push_str(&format!(
            "## What the files hold\n\n{} ({}), {}, on {}:\n\n\
             | Component | GET name | Nodes | {} |\n|---|---|---|---|\n",
            built.name,
            t.size.short(),
            t.variant.label(),
            cloud.platform().label(),
            if cloud == Cloud::Azure {
                "Size"
            } else {
                "Machine type"
            },
        ));
        for m in self.machines {
            out.push_str(&format!(
                "| {} | `{}` | {}{} | `{}` |\n",
                m.title(),
                m.get_name,
                m.count,
                if m.at_least { " (at least)" } else { "" },
                m.machine
            ));
        }
        out.push_str(&format!(
            "\nA component not listed gets no machines. Object storage is not a machine: GET \
             creates the buckets.\n\n\
             - `terraform/environments/{p}/main.tf`: the state backend and the provider.\n\
             - `terraform/environments/{p}/variables.tf`: the environment's variables.\n\
             - `terraform/environments/{p}/environment.tf`: module `{}` with every component's \
             `*_node_count`{} and `*{}`.\n\
             - `ansible/environments/{p}/inventory/vars.yml`: the environment's settings.\n\
             - `ansible/environments/{p}/inventory/{}`: the dynamic inventory, {}.\n\n\
             Copy the `terraform` and `ansible` folders into a checkout of GET at the version above.\n\n",
            cloud.module(),
            if self.hybrid() {
                " (`*_node_pool_count` for a node pool)"
            } else {
                ""
            },
            cloud.size_suffix(),
            cloud.inventory_file(self.prefix),
            match cloud {
                Cloud::Azure => "limited to the environment's resource group",
                Cloud::Gcp | Cloud::Aws => "filtered on the machines' `gitlab_node_prefix`",
            },
            p = self.prefix,
        ));
        let version = e.coordination.intake.target_version.trim();
        if !version.is_empty() {
            out.push_str(&format!(
                "The engagement's target GitLab version is {}: GET installs it when `gitlab_version` \
                 is set in `vars.yml`.\n\n",
                escape_md(version)
            ));
        }

        out.push_str(&format!(
            "## What Professional Services fill in\n\nEvery `{PLACEHOLDER}`; the planner writes no \
             secret, account or address:\n\n- `main.tf`: {}.\n- `variables.tf`: {}.\n\
             - `vars.yml`: the SSH user and key for Ansible, {}the external URL, the license file, \
             and every password and token ({}).\n- The inventory: {}.\n\n",
            match cloud {
                Cloud::Gcp => "the state bucket",
                Cloud::Aws => "the state bucket and its region",
                Cloud::Azure => "the state's resource group, storage account and container",
            },
            match cloud {
                Cloud::Gcp if self.hybrid() => "the project, region and zone",
                Cloud::Gcp => "the project, region, zone and external IP",
                Cloud::Aws => "the region, the SSH public key file and the external IP's allocation",
                Cloud::Azure => {
                    "the resource group, location, admin user, SSH public key file, storage account and external IP's name"
                }
            },
            match (cloud, self.hybrid()) {
                (Cloud::Gcp, false) => "the project, ",
                (Cloud::Gcp, true) => "the project, the cluster's zone, the cluster's external IP, ",
                (Cloud::Aws, false) => "the region, ",
                (Cloud::Aws, true) => "the region, the external IP's allocation for the cluster, ",
                (Cloud::Azure, _) => "the storage account and its access key, ",
            },
            if self.has("praefect") {
                "root, PostgreSQL, Patroni, Consul, PgBouncer, Redis and Praefect"
            } else {
                "root, PostgreSQL, Patroni, Consul, Gitaly, PgBouncer and Redis"
            },
            match cloud {
                Cloud::Gcp => "the project",
                Cloud::Aws => "the region",
                Cloud::Azure => "the resource group",
            },
        ));

        let mut notes = Vec::new();
        if self.hybrid() {
            notes.push(
                "Cloud Native Hybrid: the three node pools take the place of the GitLab Rails and \
                 Sidekiq machines, and there is no external HAProxy (the cluster's ingress takes \
                 the traffic). GET computes the webservice and Sidekiq replicas from the pools; \
                 its example files and GitLab's pages do not always agree on pool sizes, and these \
                 files follow GitLab's reference architecture."
                    .to_string(),
            );
        }
        if rec.warnings.iter().any(|w| w.rule == Rule::HybridAzure) {
            notes.push(
                "GET supports Cloud Native Hybrid on GCP and AWS only; on Azure this is the Linux \
                 package, as recommended."
                    .to_string(),
            );
        }
        if t.size == SizeKey::Users1k {
            notes.push(
                "1k is a single node with every service: it is GET's one `gitlab_rails` node."
                    .to_string(),
            );
        }
        if self.machines.iter().any(|m| m.at_least) {
            notes.push(
                "GitLab writes \"1+\" for Praefect PostgreSQL: one node is written; a highly \
                 available database for Praefect is Professional Services' choice."
                    .to_string(),
            );
        }
        if rec.ha_reductions && t.size == rec.size {
            notes.push(format!(
                "The 3k architecture is used below 3,000 users for high availability. GitLab's \
                 supported reductions: {}",
                HA_REDUCTIONS.join(" ")
            ));
        }
        if let Some(note) = rec.start_large_note() {
            notes.push(note);
        }
        if rec.exceeds_largest {
            notes.push(
                "The projected load exceeds the largest reference architecture: 50k is the base, \
                 and GitLab designs beyond it."
                    .to_string(),
            );
        }
        if rec.sites > 1 {
            notes.push(format!(
                "Geo: this is one environment (the primary site); the secondary site needs its own, \
                 from a copy of these files with another prefix ({} sites in all).",
                rec.sites
            ));
        }
        if !notes.is_empty() {
            out.push_str("## Before applying\n\n");
            for note in notes {
                out.push_str(&format!("- {note}\n"));
            }
        }
        out
    }
}

/// " (reasons: policy, budget)", from the deviation record, escaped for Markdown.
fn reasons(d: &Deviation) -> String {
    match d.reasons() {
        r if r.is_empty() => String::new(),
        r => format!(" (reasons: {})", escape_md(&r.join(", "))),
    }
}
