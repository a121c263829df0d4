//! The recommended architecture as a graph, drawn from the reference tables (never by hand per
//! size): groups of components in tiers, as GitLab's architecture diagrams group them, with the
//! connections between groups. The page draws it as an SVG; the Markdown as a Mermaid flowchart.

use std::fmt::Write as _;

use crate::domain::sizing::reference::{Platform, VmComponent};
use crate::domain::sizing::Recommendation;

/// One component: its name and what runs it ("3 × m5.xlarge", or vCPU and memory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    pub label: String,
    pub detail: String,
}

/// A group of components drawn as one box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub id: &'static str,
    pub label: &'static str,
    pub nodes: Vec<Node>,
}

/// The graph of one site: tiers from the users down, and the connections between groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagram {
    /// Rows of groups, from the entry point down to the data.
    pub tiers: Vec<Vec<Group>>,
    /// (from group, to group).
    pub edges: Vec<(&'static str, &'static str)>,
    /// 2 with Geo: a primary and a secondary site, each as drawn.
    pub sites: u32,
}

impl Diagram {
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.tiers.iter().flatten()
    }
}

/// Which group a VM component belongs to, by its key in the reference data.
fn group_of(key: &str) -> &'static str {
    match key {
        "external_lb" => "entry",
        "gitlab_rails" | "sidekiq" | "single_node" => "app",
        "internal_lb" => "internal",
        "gitaly" | "praefect" | "praefect_postgresql" => "gitaly",
        "postgresql" | "pgbouncer" | "consul" => "database",
        "redis" | "redis_cache" | "redis_persistent" => "redis",
        "object_storage" => "objects",
        _ => "monitoring",
    }
}

fn group_label(id: &str, hybrid: bool) -> &'static str {
    match id {
        "entry" => "Entry",
        "app" if hybrid => "Kubernetes node pools",
        "app" => "Application",
        "internal" => "Internal load balancing",
        "gitaly" => "Git storage (Gitaly)",
        "database" => "Database",
        "redis" => "Redis",
        "objects" => "Object storage",
        _ => "Monitoring",
    }
}

fn vm_detail(c: &VmComponent, platform: Option<Platform>) -> String {
    let count = c.nodes_text();
    if c.nodes.is_none() {
        return "a service, not a VM".into();
    }
    match platform.and_then(|p| c.machine(p)) {
        Some(machine) => format!("{count} × {machine}"),
        None => format!(
            "{count} × {} vCPU, {} GB",
            c.vcpu.map(|v| v.to_string()).unwrap_or_else(|| "—".into()),
            c.memory_gb
                .map(|m| m.to_string())
                .unwrap_or_else(|| "—".into())
        ),
    }
}

/// The graph of a recommendation.
pub fn diagram(rec: &Recommendation) -> Diagram {
    let platform = rec.platform;
    let hybrid = rec.hybrid();
    let mut groups: Vec<Group> = Vec::new();
    let mut add = |group: &'static str, node: Node| match groups.iter_mut().find(|g| g.id == group)
    {
        Some(g) => g.nodes.push(node),
        None => groups.push(Group {
            id: group,
            label: group_label(group, hybrid.is_some()),
            nodes: vec![node],
        }),
    };
    if let Some(hybrid) = hybrid {
        for pool in hybrid.pools {
            let detail = match platform.and_then(|p| pool.nodes(p)) {
                Some(n) => format!("{} × {}", n.count, n.machine),
                None => format!(
                    "{} vCPU, {} GB in the pool",
                    pool.target_vcpu, pool.target_memory_gb
                ),
            };
            add(
                "app",
                Node {
                    id: format!(
                        "pool_{}",
                        pool.pool.label().to_lowercase().replace(' ', "_")
                    ),
                    label: format!("{} pool", pool.pool.label()),
                    detail,
                },
            );
        }
    }
    for c in rec.vm_components() {
        add(
            group_of(c.key),
            Node {
                id: c.key.to_string(),
                label: c.name.to_string(),
                detail: vm_detail(c, platform),
            },
        );
    }
    let take = |groups: &mut Vec<Group>, ids: &[&str]| -> Vec<Group> {
        let mut row = Vec::new();
        for id in ids {
            if let Some(pos) = groups.iter().position(|g| g.id == *id) {
                row.push(groups.remove(pos));
            }
        }
        row
    };
    let tiers: Vec<Vec<Group>> = [
        &["entry"][..],
        &["app"],
        &["internal"],
        &["gitaly", "database", "redis", "objects", "monitoring"],
    ]
    .iter()
    .map(|ids| take(&mut groups, ids))
    .filter(|row| !row.is_empty())
    .collect();
    let has = |id: &str| tiers.iter().flatten().any(|g| g.id == id);
    let mut edges = Vec::new();
    if has("entry") {
        edges.push(("entry", "app"));
    }
    for data in ["gitaly", "database"] {
        if has(data) {
            if has("internal") {
                edges.push(("internal", data));
            } else if has("app") {
                edges.push(("app", data));
            }
        }
    }
    if has("internal") {
        edges.push(("app", "internal"));
    }
    for data in ["redis", "objects"] {
        if has(data) && has("app") {
            edges.push(("app", data));
        }
    }
    if has("monitoring") && has("app") {
        edges.push(("monitoring", "app"));
    }
    Diagram {
        tiers,
        edges,
        sites: rec.sites,
    }
}

/// Mermaid's text for a label: quotes and angle brackets as entities, on one line.
fn mermaid_text(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace(['\n', '\r'], " ")
}

/// The graph as a Mermaid flowchart, which GitLab renders in issues and Markdown files.
pub fn mermaid(d: &Diagram) -> String {
    let mut out = String::from("flowchart TB\n");
    let sites: Vec<(&str, &str)> = if d.sites > 1 {
        vec![("p_", "Primary site"), ("s_", "Secondary site (Geo)")]
    } else {
        vec![("", "")]
    };
    for (prefix, site) in &sites {
        let indent = if site.is_empty() { "  " } else { "    " };
        if !site.is_empty() {
            let _ = writeln!(out, "  subgraph {prefix}site[\"{site}\"]");
        }
        for g in d.groups() {
            let _ = writeln!(
                out,
                "{indent}subgraph {prefix}{}[\"{}\"]",
                g.id,
                mermaid_text(g.label)
            );
            for n in &g.nodes {
                let _ = writeln!(
                    out,
                    "{indent}  {prefix}{}_{}[\"{}<br/>{}\"]",
                    g.id,
                    n.id,
                    mermaid_text(&n.label),
                    mermaid_text(&n.detail)
                );
            }
            let _ = writeln!(out, "{indent}end");
        }
        for (from, to) in &d.edges {
            let _ = writeln!(out, "{indent}{prefix}{from} --> {prefix}{to}");
        }
        if !site.is_empty() {
            out.push_str("  end\n");
        }
    }
    if d.sites > 1 {
        out.push_str("  p_site -. Geo replication .-> s_site\n");
    }
    out
}
