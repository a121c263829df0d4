//! GitLab's reference architectures as typed static tables, figure for figure as published.
//!
//! Every figure here is checked against `tests/fixtures/reference-architectures.json` by
//! `tests/reference.rs`. Totals are sums of these figures, never typed in.

use crate::domain::text::coded;
use std::fmt;
use std::ops::{Add, Mul};

use serde::{Deserialize, Serialize};

/// Which GitLab documentation the figures come from.
pub const DATA_VERSION: &str =
    "GitLab documentation, master branch during the 18.11 / 19.0 development cycle";

/// Where GitLab's reference-architecture pages live.
pub const DOCS_BASE: &str = "https://docs.gitlab.com/administration/reference_architectures/";

/// A figure with two decimals (3.75 GB, 7.2 vCPU), stored in hundredths so sums stay exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hundredths(pub u32);

impl Hundredths {
    /// The figure as a float, for charts and comparisons only.
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl fmt::Display for Hundredths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        match frac {
            0 => write!(f, "{whole}"),
            n if n % 10 == 0 => write!(f, "{whole}.{}", n / 10),
            n => write!(f, "{whole}.{n:02}"),
        }
    }
}

impl Add for Hundredths {
    type Output = Hundredths;
    fn add(self, other: Hundredths) -> Hundredths {
        Hundredths(self.0 + other.0)
    }
}

impl Mul<u32> for Hundredths {
    type Output = Hundredths;
    fn mul(self, n: u32) -> Hundredths {
        Hundredths(self.0 * n)
    }
}

/// The four traffic types GitLab sizes by, each with a value of type `T`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rps<T> {
    #[serde(alias = "a")]
    pub api: T,
    #[serde(alias = "w")]
    pub web: T,
    #[serde(alias = "gl")]
    pub git_pull: T,
    #[serde(alias = "gp")]
    pub git_push: T,
}

/// A traffic type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TrafficType {
    Api,
    Web,
    GitPull,
    GitPush,
}

impl TrafficType {
    pub const ALL: [TrafficType; 4] = [Self::Api, Self::Web, Self::GitPull, Self::GitPush];

    /// "API", "Web", "Git pull", "Git push".
    pub fn label(self) -> &'static str {
        match self {
            Self::Api => "API",
            Self::Web => "Web",
            Self::GitPull => "Git pull",
            Self::GitPush => "Git push",
        }
    }
}

impl<T> Rps<T> {
    /// The value for one traffic type, to change it.
    pub fn get_mut(&mut self, traffic: TrafficType) -> &mut T {
        match traffic {
            TrafficType::Api => &mut self.api,
            TrafficType::Web => &mut self.web,
            TrafficType::GitPull => &mut self.git_pull,
            TrafficType::GitPush => &mut self.git_push,
        }
    }

    /// The value for one traffic type, by reference.
    pub fn get_ref(&self, traffic: TrafficType) -> &T {
        match traffic {
            TrafficType::Api => &self.api,
            TrafficType::Web => &self.web,
            TrafficType::GitPull => &self.git_pull,
            TrafficType::GitPush => &self.git_push,
        }
    }
}

impl<T: Copy> Rps<T> {
    /// The value for one traffic type.
    pub fn get(&self, traffic: TrafficType) -> T {
        *self.get_ref(traffic)
    }
}

/// One of GitLab's reference architectures, named by the user count it was built for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SizeKey {
    Users1k,
    Users2k,
    Users3k,
    Users5k,
    Users10k,
    Users25k,
    Users50k,
}

impl SizeKey {
    /// Every size, smallest first.
    pub const ALL: [SizeKey; 7] = [
        Self::Users1k,
        Self::Users2k,
        Self::Users3k,
        Self::Users5k,
        Self::Users10k,
        Self::Users25k,
        Self::Users50k,
    ];

    /// The published figures of this size.
    pub fn size(self) -> &'static Size {
        &SIZES[self as usize]
    }

    /// The next size up, if there is one.
    pub fn next(self) -> Option<SizeKey> {
        Self::ALL.get(self as usize + 1).copied()
    }

    /// True for the highly available sizes: 3k and up (1k and 2k are not).
    pub fn is_ha(self) -> bool {
        self >= Self::Users3k
    }

    /// "1k", "2k", … "50k", as the docs abbreviate them.
    pub fn short(self) -> &'static str {
        ["1k", "2k", "3k", "5k", "10k", "25k", "50k"][self as usize]
    }
}

/// A cloud platform, or the customer's own hardware.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Aws,
    Gcp,
    Azure,
    BareMetal,
}

// The codes are stored in files and forms: never change one.
coded! {
    Platform:
    Aws => "aws", "AWS";
    Gcp => "gcp", "GCP";
    Azure => "azure", "Azure";
    BareMetal => "bare_metal", "Bare metal / on-premises";
}

/// One row of a VM table: a component, how many nodes, and each node's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VmComponent {
    pub name: &'static str,
    /// A stable identifier, as in the reference data file.
    pub key: &'static str,
    /// `None` for services with no VM of their own (object storage).
    pub nodes: Option<u32>,
    /// The docs write "1+" for this count: at least that many.
    pub at_least: bool,
    pub vcpu: Option<u32>,
    pub memory_gb: Option<Hundredths>,
    pub gcp: Option<&'static str>,
    pub aws: Option<&'static str>,
    pub azure: Option<&'static str>,
}

impl VmComponent {
    /// The machine type GitLab gives for a platform; bare metal has none.
    pub fn machine(&self, platform: Platform) -> Option<&'static str> {
        match platform {
            Platform::Aws => self.aws,
            Platform::Gcp => self.gcp,
            Platform::Azure => self.azure,
            Platform::BareMetal => None,
        }
    }

    /// The node count as the docs write it: "3", "1+", or "—" for a service.
    pub fn nodes_text(&self) -> String {
        match (self.nodes, self.at_least) {
            (Some(n), true) => format!("{n}+"),
            (Some(n), false) => n.to_string(),
            (None, _) => "—".into(),
        }
    }
}

/// A Kubernetes node pool of a Cloud Native Hybrid architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolKind {
    Webservice,
    Sidekiq,
    Supporting,
}

impl PoolKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Webservice => "Webservice",
            Self::Sidekiq => "Sidekiq",
            Self::Supporting => "Supporting services",
        }
    }
}

/// A number of machines of one type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MachineCount {
    pub count: u32,
    pub machine: &'static str,
}

/// One Kubernetes node pool: the resources it must provide and GitLab's example nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct K8sPool {
    pub pool: PoolKind,
    pub target_vcpu: Hundredths,
    /// Memory requested (the pool's target memory for supporting services).
    pub target_memory_gb: Hundredths,
    pub memory_limit_gb: Option<Hundredths>,
    pub gcp: MachineCount,
    pub aws: MachineCount,
}

impl K8sPool {
    /// GitLab's example nodes for a platform; only GKE and EKS are given.
    pub fn nodes(&self, platform: Platform) -> Option<MachineCount> {
        match platform {
            Platform::Aws => Some(self.aws),
            Platform::Gcp => Some(self.gcp),
            Platform::Azure | Platform::BareMetal => None,
        }
    }
}

/// The Cloud Native Hybrid variant of a size: stateless parts in Kubernetes, the rest on VMs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hybrid {
    pub ha: bool,
    pub pools: &'static [K8sPool],
    pub vm_components: &'static [VmComponent],
    pub puma_workers: u32,
    pub webservice_pods_min: u32,
    pub sidekiq_workers: u32,
    pub helm_example: &'static str,
}

/// One reference architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub key: SizeKey,
    /// The name as GitLab writes it: "Up to 60 RPS or 3,000 users".
    pub name: &'static str,
    pub users: u32,
    /// The load each traffic type was tested at, in requests per second.
    pub target_rps: Rps<u32>,
    pub ha: bool,
    pub topology: &'static str,
    pub doc_slug: &'static str,
    pub linux_package: &'static [VmComponent],
    pub hybrid: Option<Hybrid>,
}

impl Size {
    /// The docs page of this size.
    pub fn doc_url(&self) -> String {
        format!("{DOCS_BASE}{}/", self.doc_slug)
    }
}

/// Nodes, vCPU and memory added up over a table; "1+" counts as 1, services with no VM as 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub nodes: u32,
    pub vcpu: u32,
    pub memory_gb: Hundredths,
}

impl Totals {
    /// The totals of a VM table.
    pub fn of_vms(components: &[VmComponent]) -> Self {
        components.iter().fold(Self::default(), |t, c| {
            let nodes = c.nodes.unwrap_or(0);
            Self {
                nodes: t.nodes + nodes,
                vcpu: t.vcpu + c.vcpu.unwrap_or(0) * nodes,
                memory_gb: t.memory_gb + c.memory_gb.unwrap_or_default() * nodes,
            }
        })
    }
}

impl Hybrid {
    /// Kubernetes nodes in GitLab's example for a platform (GKE or EKS only).
    pub fn k8s_nodes(&self, platform: Platform) -> Option<u32> {
        self.pools
            .iter()
            .map(|p| p.nodes(platform).map(|m| m.count))
            .sum()
    }

    /// The vCPU and requested memory the Kubernetes pools must provide together.
    pub fn k8s_targets(&self) -> (Hundredths, Hundredths) {
        self.pools
            .iter()
            .fold((Hundredths(0), Hundredths(0)), |(v, m), p| {
                (v + p.target_vcpu, m + p.target_memory_gb)
            })
    }
}

pub use data::SIZES;

/// The figures, one table row per line, as the docs print them.
#[rustfmt::skip]
mod data {
    use super::*;

    const LP_1K: &[VmComponent] = &[
        VmComponent { name: "GitLab (every service on one node)", key: "single_node", nodes: Some(1), at_least: false, vcpu: Some(8), memory_gb: Some(Hundredths(1600)), gcp: Some("n1-standard-8"), aws: Some("c5.2xlarge"), azure: Some("F8s v2") },
    ];
    const LP_2K: &[VmComponent] = &[
        VmComponent { name: "External load balancer", key: "external_lb", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5n.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(1), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(750)), gcp: Some("n1-standard-2"), aws: Some("m5.large"), azure: Some("D2s v3") },
        VmComponent { name: "Redis", key: "redis", nodes: Some(1), at_least: false, vcpu: Some(1), memory_gb: Some(Hundredths(375)), gcp: Some("n1-standard-1"), aws: Some("m5.large"), azure: Some("D2s v3") },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "Sidekiq", key: "sidekiq", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "GitLab Rails", key: "gitlab_rails", nodes: Some(2), at_least: false, vcpu: Some(8), memory_gb: Some(Hundredths(720)), gcp: Some("n1-highcpu-8"), aws: Some("c5.2xlarge"), azure: Some("F8s v2") },
        VmComponent { name: "Monitoring node", key: "monitoring", nodes: Some(1), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_VM_2K: &[VmComponent] = &[
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(1), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(750)), gcp: Some("n1-standard-2"), aws: Some("m5.large"), azure: None },
        VmComponent { name: "Redis", key: "redis", nodes: Some(1), at_least: false, vcpu: Some(1), memory_gb: Some(Hundredths(375)), gcp: Some("n1-standard-1"), aws: Some("m5.large"), azure: None },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: None },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_POOLS_2K: &[K8sPool] = &[
        K8sPool { pool: PoolKind::Webservice, target_vcpu: Hundredths(1200), target_memory_gb: Hundredths(1500), memory_limit_gb: Some(Hundredths(2100)), gcp: MachineCount { count: 3, machine: "n1-standard-8" }, aws: MachineCount { count: 3, machine: "c5.2xlarge" } },
        K8sPool { pool: PoolKind::Sidekiq, target_vcpu: Hundredths(360), target_memory_gb: Hundredths(800), memory_limit_gb: Some(Hundredths(1600)), gcp: MachineCount { count: 2, machine: "n1-standard-4" }, aws: MachineCount { count: 2, machine: "m5.xlarge" } },
        K8sPool { pool: PoolKind::Supporting, target_vcpu: Hundredths(400), target_memory_gb: Hundredths(1500), memory_limit_gb: None, gcp: MachineCount { count: 2, machine: "n1-standard-2" }, aws: MachineCount { count: 2, machine: "m5.large" } },
    ];
    const LP_3K: &[VmComponent] = &[
        VmComponent { name: "External load balancer", key: "external_lb", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5n.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Consul", key: "consul", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(750)), gcp: Some("n1-standard-2"), aws: Some("m5.large"), azure: Some("D2s v3") },
        VmComponent { name: "PgBouncer", key: "pgbouncer", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Internal load balancer", key: "internal_lb", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5n.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Redis/Sentinel", key: "redis", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(750)), gcp: Some("n1-standard-2"), aws: Some("m5.large"), azure: Some("D2s v3") },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "Praefect", key: "praefect", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Praefect PostgreSQL", key: "praefect_postgresql", nodes: Some(1), at_least: true, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Sidekiq", key: "sidekiq", nodes: Some(2), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D2s v3") },
        VmComponent { name: "GitLab Rails", key: "gitlab_rails", nodes: Some(3), at_least: false, vcpu: Some(8), memory_gb: Some(Hundredths(720)), gcp: Some("n1-highcpu-8"), aws: Some("c5.2xlarge"), azure: Some("F8s v2") },
        VmComponent { name: "Monitoring node", key: "monitoring", nodes: Some(1), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_VM_3K: &[VmComponent] = &[
        VmComponent { name: "Consul", key: "consul", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(750)), gcp: Some("n1-standard-2"), aws: Some("m5.large"), azure: None },
        VmComponent { name: "PgBouncer", key: "pgbouncer", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Internal load balancer", key: "internal_lb", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5n.xlarge"), azure: None },
        VmComponent { name: "Redis/Sentinel", key: "redis", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(750)), gcp: Some("n1-standard-2"), aws: Some("m5.large"), azure: None },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: None },
        VmComponent { name: "Praefect", key: "praefect", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Praefect PostgreSQL", key: "praefect_postgresql", nodes: Some(1), at_least: true, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_POOLS_3K: &[K8sPool] = &[
        K8sPool { pool: PoolKind::Webservice, target_vcpu: Hundredths(1600), target_memory_gb: Hundredths(2000), memory_limit_gb: Some(Hundredths(2800)), gcp: MachineCount { count: 2, machine: "n1-standard-16" }, aws: MachineCount { count: 2, machine: "c5.4xlarge" } },
        K8sPool { pool: PoolKind::Sidekiq, target_vcpu: Hundredths(720), target_memory_gb: Hundredths(1600), memory_limit_gb: Some(Hundredths(3200)), gcp: MachineCount { count: 3, machine: "n1-standard-4" }, aws: MachineCount { count: 3, machine: "m5.xlarge" } },
        K8sPool { pool: PoolKind::Supporting, target_vcpu: Hundredths(400), target_memory_gb: Hundredths(1500), memory_limit_gb: None, gcp: MachineCount { count: 2, machine: "n1-standard-2" }, aws: MachineCount { count: 2, machine: "m5.large" } },
    ];
    const LP_5K: &[VmComponent] = &[
        VmComponent { name: "External load balancer", key: "external_lb", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5n.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Consul", key: "consul", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "PgBouncer", key: "pgbouncer", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Internal load balancer", key: "internal_lb", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5n.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Redis/Sentinel", key: "redis", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(750)), gcp: Some("n1-standard-2"), aws: Some("m5.large"), azure: Some("D2s v3") },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(3), at_least: false, vcpu: Some(8), memory_gb: Some(Hundredths(3000)), gcp: Some("n1-standard-8"), aws: Some("m5.2xlarge"), azure: Some("D8s v3") },
        VmComponent { name: "Praefect", key: "praefect", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Praefect PostgreSQL", key: "praefect_postgresql", nodes: Some(1), at_least: true, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Sidekiq", key: "sidekiq", nodes: Some(2), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D2s v3") },
        VmComponent { name: "GitLab Rails", key: "gitlab_rails", nodes: Some(3), at_least: false, vcpu: Some(16), memory_gb: Some(Hundredths(1440)), gcp: Some("n1-highcpu-16"), aws: Some("c5.4xlarge"), azure: Some("F16s v2") },
        VmComponent { name: "Monitoring node", key: "monitoring", nodes: Some(1), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_VM_5K: &[VmComponent] = &[
        VmComponent { name: "Consul", key: "consul", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: None },
        VmComponent { name: "PgBouncer", key: "pgbouncer", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Internal load balancer", key: "internal_lb", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5n.xlarge"), azure: None },
        VmComponent { name: "Redis/Sentinel", key: "redis", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(750)), gcp: Some("n1-standard-2"), aws: Some("m5.large"), azure: None },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(3), at_least: false, vcpu: Some(8), memory_gb: Some(Hundredths(3000)), gcp: Some("n1-standard-8"), aws: Some("m5.2xlarge"), azure: None },
        VmComponent { name: "Praefect", key: "praefect", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Praefect PostgreSQL", key: "praefect_postgresql", nodes: Some(1), at_least: true, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_POOLS_5K: &[K8sPool] = &[
        K8sPool { pool: PoolKind::Webservice, target_vcpu: Hundredths(3600), target_memory_gb: Hundredths(4500), memory_limit_gb: Some(Hundredths(6300)), gcp: MachineCount { count: 3, machine: "n1-standard-16" }, aws: MachineCount { count: 3, machine: "c5.4xlarge" } },
        K8sPool { pool: PoolKind::Sidekiq, target_vcpu: Hundredths(720), target_memory_gb: Hundredths(1600), memory_limit_gb: Some(Hundredths(3200)), gcp: MachineCount { count: 3, machine: "n1-standard-4" }, aws: MachineCount { count: 3, machine: "m5.xlarge" } },
        K8sPool { pool: PoolKind::Supporting, target_vcpu: Hundredths(400), target_memory_gb: Hundredths(1500), memory_limit_gb: None, gcp: MachineCount { count: 2, machine: "n1-standard-2" }, aws: MachineCount { count: 2, machine: "m5.large" } },
    ];
    const LP_10K: &[VmComponent] = &[
        VmComponent { name: "External load balancer", key: "external_lb", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5n.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Consul", key: "consul", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(3), at_least: false, vcpu: Some(8), memory_gb: Some(Hundredths(3000)), gcp: Some("n1-standard-8"), aws: Some("m5.2xlarge"), azure: Some("D8s v3") },
        VmComponent { name: "PgBouncer", key: "pgbouncer", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Internal load balancer", key: "internal_lb", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5n.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Redis/Sentinel - Cache", key: "redis_cache", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "Redis/Sentinel - Persistent", key: "redis_persistent", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(3), at_least: false, vcpu: Some(16), memory_gb: Some(Hundredths(6000)), gcp: Some("n1-standard-16"), aws: Some("m5.4xlarge"), azure: Some("D16s v3") },
        VmComponent { name: "Praefect", key: "praefect", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Praefect PostgreSQL", key: "praefect_postgresql", nodes: Some(1), at_least: true, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Sidekiq", key: "sidekiq", nodes: Some(4), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "GitLab Rails", key: "gitlab_rails", nodes: Some(3), at_least: false, vcpu: Some(32), memory_gb: Some(Hundredths(2880)), gcp: Some("n1-highcpu-32"), aws: Some("c5.9xlarge"), azure: Some("F32s v2") },
        VmComponent { name: "Monitoring node", key: "monitoring", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_VM_10K: &[VmComponent] = &[
        VmComponent { name: "Consul", key: "consul", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(3), at_least: false, vcpu: Some(8), memory_gb: Some(Hundredths(3000)), gcp: Some("n1-standard-8"), aws: Some("m5.2xlarge"), azure: None },
        VmComponent { name: "PgBouncer", key: "pgbouncer", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Internal load balancer", key: "internal_lb", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5n.xlarge"), azure: None },
        VmComponent { name: "Redis/Sentinel - Cache", key: "redis_cache", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: None },
        VmComponent { name: "Redis/Sentinel - Persistent", key: "redis_persistent", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: None },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(3), at_least: false, vcpu: Some(16), memory_gb: Some(Hundredths(6000)), gcp: Some("n1-standard-16"), aws: Some("m5.4xlarge"), azure: None },
        VmComponent { name: "Praefect", key: "praefect", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Praefect PostgreSQL", key: "praefect_postgresql", nodes: Some(1), at_least: true, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_POOLS_10K: &[K8sPool] = &[
        K8sPool { pool: PoolKind::Webservice, target_vcpu: Hundredths(8000), target_memory_gb: Hundredths(10000), memory_limit_gb: Some(Hundredths(14000)), gcp: MachineCount { count: 3, machine: "n1-standard-32" }, aws: MachineCount { count: 3, machine: "c5.9xlarge" } },
        K8sPool { pool: PoolKind::Sidekiq, target_vcpu: Hundredths(1260), target_memory_gb: Hundredths(2800), memory_limit_gb: Some(Hundredths(5600)), gcp: MachineCount { count: 4, machine: "n1-standard-4" }, aws: MachineCount { count: 4, machine: "m5.xlarge" } },
        K8sPool { pool: PoolKind::Supporting, target_vcpu: Hundredths(800), target_memory_gb: Hundredths(3000), memory_limit_gb: None, gcp: MachineCount { count: 2, machine: "n1-standard-4" }, aws: MachineCount { count: 2, machine: "m5.xlarge" } },
    ];
    const LP_25K: &[VmComponent] = &[
        VmComponent { name: "External load balancer", key: "external_lb", nodes: Some(1), at_least: false, vcpu: Some(8), memory_gb: Some(Hundredths(720)), gcp: Some("n1-highcpu-8"), aws: Some("c5n.2xlarge"), azure: Some("F8s v2") },
        VmComponent { name: "Consul", key: "consul", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(3), at_least: false, vcpu: Some(16), memory_gb: Some(Hundredths(6000)), gcp: Some("n1-standard-16"), aws: Some("m5.4xlarge"), azure: Some("D16s v3") },
        VmComponent { name: "PgBouncer", key: "pgbouncer", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Internal load balancer", key: "internal_lb", nodes: Some(1), at_least: false, vcpu: Some(8), memory_gb: Some(Hundredths(720)), gcp: Some("n1-highcpu-8"), aws: Some("c5n.2xlarge"), azure: Some("F8s v2") },
        VmComponent { name: "Redis/Sentinel - Cache", key: "redis_cache", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "Redis/Sentinel - Persistent", key: "redis_persistent", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(3), at_least: false, vcpu: Some(32), memory_gb: Some(Hundredths(12000)), gcp: Some("n1-standard-32"), aws: Some("m5.8xlarge"), azure: Some("D32s v3") },
        VmComponent { name: "Praefect", key: "praefect", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Praefect PostgreSQL", key: "praefect_postgresql", nodes: Some(1), at_least: true, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Sidekiq", key: "sidekiq", nodes: Some(4), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "GitLab Rails", key: "gitlab_rails", nodes: Some(5), at_least: false, vcpu: Some(32), memory_gb: Some(Hundredths(2880)), gcp: Some("n1-highcpu-32"), aws: Some("c5.9xlarge"), azure: Some("F32s v2") },
        VmComponent { name: "Monitoring node", key: "monitoring", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_VM_25K: &[VmComponent] = &[
        VmComponent { name: "Consul", key: "consul", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(3), at_least: false, vcpu: Some(16), memory_gb: Some(Hundredths(6000)), gcp: Some("n1-standard-16"), aws: Some("m5.4xlarge"), azure: None },
        VmComponent { name: "PgBouncer", key: "pgbouncer", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Internal load balancer", key: "internal_lb", nodes: Some(1), at_least: false, vcpu: Some(8), memory_gb: Some(Hundredths(720)), gcp: Some("n1-highcpu-8"), aws: Some("c5.2xlarge"), azure: None },
        VmComponent { name: "Redis/Sentinel - Cache", key: "redis_cache", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: None },
        VmComponent { name: "Redis/Sentinel - Persistent", key: "redis_persistent", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: None },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(3), at_least: false, vcpu: Some(32), memory_gb: Some(Hundredths(12000)), gcp: Some("n1-standard-32"), aws: Some("m5.8xlarge"), azure: None },
        VmComponent { name: "Praefect", key: "praefect", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5.xlarge"), azure: None },
        VmComponent { name: "Praefect PostgreSQL", key: "praefect_postgresql", nodes: Some(1), at_least: true, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_POOLS_25K: &[K8sPool] = &[
        K8sPool { pool: PoolKind::Webservice, target_vcpu: Hundredths(14000), target_memory_gb: Hundredths(17500), memory_limit_gb: Some(Hundredths(24500)), gcp: MachineCount { count: 5, machine: "n1-standard-32" }, aws: MachineCount { count: 5, machine: "c5.9xlarge" } },
        K8sPool { pool: PoolKind::Sidekiq, target_vcpu: Hundredths(1260), target_memory_gb: Hundredths(2800), memory_limit_gb: Some(Hundredths(5600)), gcp: MachineCount { count: 4, machine: "n1-standard-4" }, aws: MachineCount { count: 4, machine: "m5.xlarge" } },
        K8sPool { pool: PoolKind::Supporting, target_vcpu: Hundredths(800), target_memory_gb: Hundredths(3000), memory_limit_gb: None, gcp: MachineCount { count: 2, machine: "n1-standard-4" }, aws: MachineCount { count: 2, machine: "m5.xlarge" } },
    ];
    const LP_50K: &[VmComponent] = &[
        VmComponent { name: "External load balancer", key: "external_lb", nodes: Some(1), at_least: false, vcpu: Some(16), memory_gb: Some(Hundredths(1440)), gcp: Some("n1-highcpu-16"), aws: Some("c5.4xlarge"), azure: Some("F16s v2") },
        VmComponent { name: "Consul", key: "consul", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(3), at_least: false, vcpu: Some(32), memory_gb: Some(Hundredths(12000)), gcp: Some("n1-standard-32"), aws: Some("m5.8xlarge"), azure: Some("D32s v3") },
        VmComponent { name: "PgBouncer", key: "pgbouncer", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Internal load balancer", key: "internal_lb", nodes: Some(1), at_least: false, vcpu: Some(16), memory_gb: Some(Hundredths(1440)), gcp: Some("n1-highcpu-16"), aws: Some("c5.4xlarge"), azure: Some("F16s v2") },
        VmComponent { name: "Redis/Sentinel - Cache", key: "redis_cache", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "Redis/Sentinel - Persistent", key: "redis_persistent", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(3), at_least: false, vcpu: Some(64), memory_gb: Some(Hundredths(24000)), gcp: Some("n1-standard-64"), aws: Some("m5.16xlarge"), azure: Some("D64s v3") },
        VmComponent { name: "Praefect", key: "praefect", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Praefect PostgreSQL", key: "praefect_postgresql", nodes: Some(1), at_least: true, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: Some("F2s v2") },
        VmComponent { name: "Sidekiq", key: "sidekiq", nodes: Some(4), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: Some("D4s v3") },
        VmComponent { name: "GitLab Rails", key: "gitlab_rails", nodes: Some(12), at_least: false, vcpu: Some(32), memory_gb: Some(Hundredths(2880)), gcp: Some("n1-highcpu-32"), aws: Some("c5.9xlarge"), azure: Some("F32s v2") },
        VmComponent { name: "Monitoring node", key: "monitoring", nodes: Some(1), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5.xlarge"), azure: Some("F4s v2") },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_VM_50K: &[VmComponent] = &[
        VmComponent { name: "Consul", key: "consul", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "PostgreSQL", key: "postgresql", nodes: Some(3), at_least: false, vcpu: Some(32), memory_gb: Some(Hundredths(12000)), gcp: Some("n1-standard-32"), aws: Some("m5.8xlarge"), azure: None },
        VmComponent { name: "PgBouncer", key: "pgbouncer", nodes: Some(3), at_least: false, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Internal load balancer", key: "internal_lb", nodes: Some(1), at_least: false, vcpu: Some(16), memory_gb: Some(Hundredths(1440)), gcp: Some("n1-highcpu-16"), aws: Some("c5.4xlarge"), azure: None },
        VmComponent { name: "Redis/Sentinel - Cache", key: "redis_cache", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: None },
        VmComponent { name: "Redis/Sentinel - Persistent", key: "redis_persistent", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(1500)), gcp: Some("n1-standard-4"), aws: Some("m5.xlarge"), azure: None },
        VmComponent { name: "Gitaly", key: "gitaly", nodes: Some(3), at_least: false, vcpu: Some(64), memory_gb: Some(Hundredths(24000)), gcp: Some("n1-standard-64"), aws: Some("m5.16xlarge"), azure: None },
        VmComponent { name: "Praefect", key: "praefect", nodes: Some(3), at_least: false, vcpu: Some(4), memory_gb: Some(Hundredths(360)), gcp: Some("n1-highcpu-4"), aws: Some("c5.xlarge"), azure: None },
        VmComponent { name: "Praefect PostgreSQL", key: "praefect_postgresql", nodes: Some(1), at_least: true, vcpu: Some(2), memory_gb: Some(Hundredths(180)), gcp: Some("n1-highcpu-2"), aws: Some("c5.large"), azure: None },
        VmComponent { name: "Object storage", key: "object_storage", nodes: None, at_least: false, vcpu: None, memory_gb: None, gcp: None, aws: None, azure: None },
    ];
    const HY_POOLS_50K: &[K8sPool] = &[
        K8sPool { pool: PoolKind::Webservice, target_vcpu: Hundredths(30800), target_memory_gb: Hundredths(38500), memory_limit_gb: Some(Hundredths(53900)), gcp: MachineCount { count: 11, machine: "n1-standard-32" }, aws: MachineCount { count: 11, machine: "c5.9xlarge" } },
        K8sPool { pool: PoolKind::Sidekiq, target_vcpu: Hundredths(1260), target_memory_gb: Hundredths(2800), memory_limit_gb: Some(Hundredths(5600)), gcp: MachineCount { count: 4, machine: "n1-standard-4" }, aws: MachineCount { count: 4, machine: "m5.xlarge" } },
        K8sPool { pool: PoolKind::Supporting, target_vcpu: Hundredths(800), target_memory_gb: Hundredths(3000), memory_limit_gb: None, gcp: MachineCount { count: 2, machine: "n1-standard-4" }, aws: MachineCount { count: 2, machine: "m5.xlarge" } },
    ];

    /// The seven reference architectures, smallest first.
    pub static SIZES: [Size; 7] = [
        Size {
            key: SizeKey::Users1k,
            name: "Up to 20 RPS or 1,000 users",
            users: 1000,
            target_rps: Rps { api: 20, web: 2, git_pull: 2, git_push: 1 },
            ha: false,
            topology: "Single node",
            doc_slug: "1k_users",
            linux_package: LP_1K,
            hybrid: None,
        },
        Size {
            key: SizeKey::Users2k,
            name: "Up to 40 RPS or 2,000 users",
            users: 2000,
            target_rps: Rps { api: 40, web: 4, git_pull: 4, git_push: 1 },
            ha: false,
            topology: "Multi-node, not highly available",
            doc_slug: "2k_users",
            linux_package: LP_2K,
            hybrid: Some(Hybrid { ha: false, pools: HY_POOLS_2K, vm_components: HY_VM_2K, puma_workers: 12, webservice_pods_min: 3, sidekiq_workers: 4, helm_example: "https://gitlab.com/gitlab-org/charts/gitlab/-/blob/master/examples/ref/2k.yaml" }),
        },
        Size {
            key: SizeKey::Users3k,
            name: "Up to 60 RPS or 3,000 users",
            users: 3000,
            target_rps: Rps { api: 60, web: 6, git_pull: 6, git_push: 1 },
            ha: true,
            topology: "Multi-node, highly available",
            doc_slug: "3k_users",
            linux_package: LP_3K,
            hybrid: Some(Hybrid { ha: true, pools: HY_POOLS_3K, vm_components: HY_VM_3K, puma_workers: 16, webservice_pods_min: 4, sidekiq_workers: 8, helm_example: "https://gitlab.com/gitlab-org/charts/gitlab/-/blob/master/examples/ref/3k.yaml" }),
        },
        Size {
            key: SizeKey::Users5k,
            name: "Up to 100 RPS or 5,000 users",
            users: 5000,
            target_rps: Rps { api: 100, web: 10, git_pull: 10, git_push: 2 },
            ha: true,
            topology: "Multi-node, highly available",
            doc_slug: "5k_users",
            linux_package: LP_5K,
            hybrid: Some(Hybrid { ha: true, pools: HY_POOLS_5K, vm_components: HY_VM_5K, puma_workers: 36, webservice_pods_min: 9, sidekiq_workers: 8, helm_example: "https://gitlab.com/gitlab-org/charts/gitlab/-/blob/master/examples/ref/5k.yaml" }),
        },
        Size {
            key: SizeKey::Users10k,
            name: "Up to 200 RPS or 10,000 users",
            users: 10000,
            target_rps: Rps { api: 200, web: 20, git_pull: 20, git_push: 4 },
            ha: true,
            topology: "Multi-node, highly available, Redis split into cache and persistent",
            doc_slug: "10k_users",
            linux_package: LP_10K,
            hybrid: Some(Hybrid { ha: true, pools: HY_POOLS_10K, vm_components: HY_VM_10K, puma_workers: 80, webservice_pods_min: 20, sidekiq_workers: 14, helm_example: "https://gitlab.com/gitlab-org/charts/gitlab/-/blob/master/examples/ref/10k.yaml" }),
        },
        Size {
            key: SizeKey::Users25k,
            name: "Up to 500 RPS or 25,000 users",
            users: 25000,
            target_rps: Rps { api: 500, web: 50, git_pull: 50, git_push: 10 },
            ha: true,
            topology: "Multi-node, highly available, Redis split into cache and persistent",
            doc_slug: "25k_users",
            linux_package: LP_25K,
            hybrid: Some(Hybrid { ha: true, pools: HY_POOLS_25K, vm_components: HY_VM_25K, puma_workers: 140, webservice_pods_min: 35, sidekiq_workers: 14, helm_example: "https://gitlab.com/gitlab-org/charts/gitlab/-/blob/master/examples/ref/25k.yaml" }),
        },
        Size {
            key: SizeKey::Users50k,
            name: "Up to 1000 RPS or 50,000 users",
            users: 50000,
            target_rps: Rps { api: 1000, web: 100, git_pull: 100, git_push: 20 },
            ha: true,
            topology: "Multi-node, highly available, Redis split into cache and persistent",
            doc_slug: "50k_users",
            linux_package: LP_50K,
            hybrid: Some(Hybrid { ha: true, pools: HY_POOLS_50K, vm_components: HY_VM_50K, puma_workers: 308, webservice_pods_min: 77, sidekiq_workers: 14, helm_example: "https://gitlab.com/gitlab-org/charts/gitlab/-/blob/master/examples/ref/50k.yaml" }),
        },
    ];
}
