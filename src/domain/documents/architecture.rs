//! The recommended reference architecture as document blocks: its name, how it is deployed,
//! what it is sized for, its tables, totals, reductions, reasons, warnings and advice. The
//! sizing page, the plan page and the Markdown all show these same blocks, each rendered once
//! per medium, so no sentence or figure can differ between them.

use crate::domain::documents::blocks::{Block, Column, Inline, Role, Table};
use crate::domain::sizing::reference::{Hybrid, Platform, VmComponent, DATA_VERSION};
use crate::domain::sizing::{format_number, Growth, Recommendation, HA_REDUCTIONS};

/// Every block of the recommendation, in reading order; then, when the users and their growth
/// are known, the projection chart.
pub fn blocks(rec: &Recommendation, projection: Option<(u64, Growth)>) -> Vec<Block> {
    let size = rec.architecture();
    let hybrid = rec.hybrid();
    let mut out = vec![
        Block::Marked(
            Role::Headline,
            vec![
                Inline::Strong(size.name.to_string()),
                Inline::Tag(rec.size.short().to_string()),
            ],
        ),
        Block::Para(deployment(rec)),
        // How it was chosen (on peak RPS or on users) is the first reason below.
        Block::Para(vec![Inline::Text(format!(
            "{} {}.",
            sized_for(rec),
            size.topology
        ))]),
    ];
    if let Some(note) = rec.start_large_note() {
        out.push(Block::Para(vec![Inline::Text(note)]));
    }
    out.push(Block::Para(vec![Inline::link(
        "GitLab's page for this architecture",
        size.doc_url(),
    )]));
    out.push(Block::Diagram(Box::new(rec.clone())));
    if let Some(h) = hybrid {
        out.push(Block::Table(pool_table(h, rec.platform)));
    }
    out.extend(components(rec));
    if rec.ha_reductions {
        out.push(Block::Sub {
            id: "rec-reductions-heading",
            heading: "Supported reductions below 3,000 users".into(),
            blocks: vec![Block::Items(
                HA_REDUCTIONS
                    .iter()
                    .map(|r| vec![Inline::text(*r)])
                    .collect(),
            )],
        });
    }
    let findings = [
        (
            "rec-why-heading",
            "Why this architecture",
            &rec.reasons,
            true,
        ),
        ("rec-warnings-heading", "Warnings", &rec.warnings, false),
        ("rec-advice-heading", "Advice", &rec.advice, false),
    ];
    for (id, heading, findings, numbered) in findings {
        if !findings.is_empty() {
            out.push(Block::Sub {
                id,
                heading: heading.into(),
                blocks: vec![Block::Findings {
                    numbered,
                    warnings: heading == "Warnings",
                    findings: findings.clone(),
                }],
            });
        }
    }
    out.push(Block::Marked(
        Role::Footnote,
        vec![Inline::Text(format!(
            "Figures from GitLab's reference architectures: {DATA_VERSION}."
        ))],
    ));
    if let Some((users, growth)) = projection {
        out.push(Block::Chart(Box::new(rec.clone()), users, growth));
    }
    out
}

/// How it is deployed, on what, and on how many sites.
fn deployment(rec: &Recommendation) -> Vec<Inline> {
    let mut runs = vec![
        Inline::Strong(rec.variant.label().to_string()),
        Inline::Text(format!(
            " · {}",
            rec.platform
                .map(|p| p.label())
                .unwrap_or("target platform not chosen")
        )),
    ];
    if rec.sites > 1 {
        runs.push(Inline::text(" · 2 sites (primary and Geo secondary)"));
    }
    runs
}

/// The users it is sized for: today's, a projection's or a target's.
fn sized_for(rec: &Recommendation) -> String {
    let today = format_number(rec.current_users as f64);
    let projected = format_number(rec.projected_users as f64);
    match (rec.projected_users == rec.current_users, rec.horizon_months) {
        (true, _) if !rec.growth_given => {
            format!("Sized on today's {today} users: no growth was given.")
        }
        (true, _) => format!("Sized for {today} users."),
        (false, Some(months)) => {
            format!("Sized for {projected} users projected in {months} months ({today} today).")
        }
        (false, None) => format!("Sized for a target of {projected} users ({today} today)."),
    }
}

/// The machine-type columns for a platform: one for a chosen cloud, none for bare metal, all
/// three when no platform is chosen.
fn machine_columns(platform: Option<Platform>) -> Vec<Platform> {
    match platform {
        Some(Platform::BareMetal) => vec![],
        Some(p) => vec![p],
        None => vec![Platform::Gcp, Platform::Aws, Platform::Azure],
    }
}

fn figure<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
}

/// The virtual machines (or, for a hybrid, the machines and services beside the cluster), with
/// their totals and what the machine types mean.
fn components(rec: &Recommendation) -> Vec<Block> {
    let hybrid = rec.hybrid();
    let heading = if hybrid.is_some() {
        "Virtual machines and services"
    } else {
        "Components"
    };
    let columns = machine_columns(rec.platform);
    let mut blocks = vec![Block::Table(component_table(
        heading,
        rec.vm_components(),
        &columns,
    ))];
    let totals = rec.vm_totals();
    blocks.push(Block::Marked(
        Role::Total,
        vec![Inline::Text(format!(
            "{}{}: {} nodes, {} vCPU, {} GB memory (object storage not counted; “1+” counted as 1).",
            if hybrid.is_some() {
                "Virtual machines"
            } else {
                "Totals"
            },
            if rec.sites > 1 { " per site" } else { "" },
            totals.nodes,
            totals.vcpu,
            totals.memory_gb,
        ))],
    ));
    if let Some(h) = hybrid {
        let (vcpu, memory) = h.k8s_targets();
        let nodes = rec
            .platform
            .and_then(|p| h.k8s_nodes(p))
            .map(|n| format!(" ({n} nodes in GitLab's example)"))
            .unwrap_or_default();
        blocks.push(Block::Marked(
            Role::Total,
            vec![Inline::Text(format!(
                "Kubernetes: the pools must provide {vcpu} vCPU and {memory} GB memory{nodes}. Start with at least {} Webservice pods ({} Puma workers) and {} Sidekiq workers.",
                h.webservice_pods_min, h.puma_workers, h.sidekiq_workers
            ))],
        ));
    }
    let note = if columns.is_empty() {
        "On bare metal, any machine that meets or exceeds the listed vCPU and memory will do."
    } else {
        "Machine types are the reference architecture's examples, not prescriptions: any type with at least the listed vCPU and memory will do."
    };
    blocks.push(Block::Marked(Role::Note, vec![Inline::text(note)]));
    blocks
}

/// A VM table with the platform's machine types.
fn component_table(label: &str, components: &[VmComponent], platforms: &[Platform]) -> Table {
    let mut columns = vec![
        Column::text("Component"),
        Column::figures("Nodes"),
        Column::figures("vCPU per node"),
        Column::figures("Memory per node (GB)"),
    ];
    columns.extend(
        platforms
            .iter()
            .map(|p| Column::text(format!("{} machine type", p.label()))),
    );
    let rows = components
        .iter()
        .map(|c| {
            let mut row = vec![
                c.name.to_string(),
                c.nodes_text(),
                figure(c.vcpu),
                figure(c.memory_gb),
            ];
            row.extend(
                platforms
                    .iter()
                    .map(|p| c.machine(*p).unwrap_or("—").to_string()),
            );
            row
        })
        .collect();
    Table {
        label: label.into(),
        titled: true,
        columns,
        rows,
    }
}

/// The Kubernetes node pools of a Cloud Native Hybrid architecture.
fn pool_table(hybrid: &Hybrid, platform: Option<Platform>) -> Table {
    let rows = hybrid
        .pools
        .iter()
        .map(|pool| {
            let nodes = platform.and_then(|p| pool.nodes(p));
            vec![
                pool.pool.label().to_string(),
                figure(nodes.map(|n| n.count)),
                nodes.map(|n| n.machine).unwrap_or("—").to_string(),
                pool.target_vcpu.to_string(),
                pool.target_memory_gb.to_string(),
            ]
        })
        .collect();
    Table {
        label: "Kubernetes node pools".into(),
        titled: true,
        columns: vec![
            Column::text("Pool"),
            Column::figures("Nodes"),
            Column::text("Machine type"),
            Column::figures("Pool vCPU"),
            Column::figures("Pool memory (GB)"),
        ],
        rows,
    }
}
