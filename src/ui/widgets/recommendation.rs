//! The recommended architecture: name, variant, component tables, totals, reasons, warnings.

use leptos::prelude::*;

use crate::domain::sizing::reference::{Hybrid, Platform, VmComponent, DATA_VERSION};
use crate::domain::sizing::{format_number, Finding, Recommendation, SizedBy, HA_REDUCTIONS};

/// Everything GitLab's guidance says for this recommendation.
#[component]
pub fn RecommendationView(rec: Recommendation) -> impl IntoView {
    let size = rec.architecture();
    let platform = rec.platform;
    let platform_text = platform
        .map(|p| p.label().to_string())
        .unwrap_or_else(|| "target platform not chosen".into());
    let sized_for = match (rec.projected_users == rec.current_users, rec.horizon_months) {
        (true, _) => format!(
            "Sized for {} users.",
            format_number(rec.current_users as f64)
        ),
        (false, Some(months)) => format!(
            "Sized for {} users projected in {months} months ({} today).",
            format_number(rec.projected_users as f64),
            format_number(rec.current_users as f64)
        ),
        (false, None) => format!(
            "Sized for a target of {} users ({} today).",
            format_number(rec.projected_users as f64),
            format_number(rec.current_users as f64)
        ),
    };
    let basis = match rec.sized_by {
        SizedBy::Rps => "Chosen on peak requests per second.",
        SizedBy::Users => "Chosen on user count (peak RPS not given).",
    };
    let hybrid = rec.hybrid();
    let vm_heading = if hybrid.is_some() {
        "Virtual machines and services"
    } else {
        "Components"
    };
    let totals = rec.vm_totals();
    let totals_text = format!(
        "{}{} nodes, {} vCPU, {} GB memory{}.",
        if hybrid.is_some() {
            "Virtual machines: "
        } else {
            "Totals: "
        },
        totals.nodes,
        totals.vcpu,
        totals.memory_gb,
        if rec.sites > 1 { " per site" } else { "" }
    );
    view! {
        <div class="rec-headline">
            <p class="rec-name">
                <strong>{size.name}</strong>
                " "
                <span class="badge">{rec.size.short()}</span>
            </p>
            <p>
                <span class="variant">{rec.variant.label()}</span>
                " · "
                {platform_text}
                {(rec.sites > 1).then_some(" · 2 sites (primary and Geo secondary)")}
            </p>
            <p>{sized_for} " " {basis} " " {size.topology} "."</p>
            {rec.start_large_note().map(|note| view! { <p class="start-large">{note}</p> })}
            <p>
                <a href=size.doc_url() target="_blank" rel="noopener noreferrer">
                    "GitLab's page for this architecture"
                </a>
            </p>
        </div>
        <crate::ui::widgets::diagram::ArchitectureDiagram rec=rec.clone()/>
        {hybrid.map(|h| view! { <PoolTable hybrid=*h platform=platform/> })}
        <h3>{vm_heading}</h3>
        <ComponentTable components=rec.vm_components() platform=platform label=vm_heading/>
        <p class="totals">
            {totals_text}
            " Object storage is a service, not counted; a node count written “1+” counts as 1."
        </p>
        {hybrid.map(|h| {
            let (vcpu, memory) = h.k8s_targets();
            let nodes = platform.and_then(|p| h.k8s_nodes(p));
            view! {
                <p class="totals">
                    "Kubernetes: the pools must provide " {vcpu.to_string()} " vCPU and "
                    {memory.to_string()} " GB memory"
                    {nodes.map(|n| format!(" ({n} nodes in GitLab's example)"))} ". "
                    {format!(
                        "Start with at least {} Webservice pods ({} Puma workers) and {} Sidekiq workers.",
                        h.webservice_pods_min, h.puma_workers, h.sidekiq_workers
                    )}
                </p>
            }
        })}
        {matches!(platform, Some(Platform::BareMetal)).then(|| view! {
            <p class="hint">
                "On bare metal, any machine that meets or exceeds the listed vCPU and memory will do."
            </p>
        })}
        {rec.ha_reductions.then(|| view! {
            <h3>"Supported reductions below 3,000 users"</h3>
            <ul class="reductions">
                {HA_REDUCTIONS.iter().map(|r| view! { <li>{*r}</li> }).collect_view()}
            </ul>
        })}
        <h3>"Why this architecture"</h3>
        <FindingList findings=rec.reasons.clone() ordered=true/>
        {(!rec.warnings.is_empty()).then(|| view! {
            <h3>"Warnings"</h3>
            <FindingList findings=rec.warnings.clone() ordered=false class="warnings"/>
        })}
        {(!rec.advice.is_empty()).then(|| view! {
            <h3>"Advice"</h3>
            <FindingList findings=rec.advice.clone() ordered=false/>
        })}
        <p class="data-version">"Figures from GitLab's reference architectures: " {DATA_VERSION} "."</p>
    }
}

/// Reasons, warnings or advice, each with its GitLab source.
#[component]
fn FindingList(
    findings: Vec<Finding>,
    ordered: bool,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let items = findings
        .into_iter()
        .map(|f| {
            view! {
                <li data-rule=f.rule.id()>
                    {f.text}
                    " "
                    <a href=f.source.url() target="_blank" rel="noopener noreferrer" class="source">
                        "Source: " {f.source.title()}
                    </a>
                </li>
            }
        })
        .collect_view();
    if ordered {
        view! { <ol class=class>{items}</ol> }.into_any()
    } else {
        view! { <ul class=class>{items}</ul> }.into_any()
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

/// A VM table with the platform's machine types.
#[component]
fn ComponentTable(
    components: &'static [VmComponent],
    platform: Option<Platform>,
    label: &'static str,
) -> impl IntoView {
    let columns = machine_columns(platform);
    let header = columns
        .iter()
        .map(|p| view! { <th scope="col">{format!("{} machine type", p.label())}</th> })
        .collect_view();
    let rows = components
        .iter()
        .map(|c| {
            let cells = columns
                .iter()
                .map(|p| view! { <td>{c.machine(*p).unwrap_or("—")}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{c.name}</th>
                    <td class="num">{c.nodes_text()}</td>
                    <td class="num">{c.vcpu.map(|v| v.to_string()).unwrap_or_else(|| "—".into())}</td>
                    <td class="num">
                        {c.memory_gb.map(|m| m.to_string()).unwrap_or_else(|| "—".into())}
                    </td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollRegion label=label>
            <table class="components">
                <thead>
                    <tr>
                        <th scope="col">"Component"</th>
                        <th scope="col">"Nodes"</th>
                        <th scope="col">"vCPU per node"</th>
                        <th scope="col">"Memory per node (GB)"</th>
                        {header}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollRegion>
    }
}

/// The Kubernetes node pools of a Cloud Native Hybrid architecture.
#[component]
fn PoolTable(hybrid: Hybrid, platform: Option<Platform>) -> impl IntoView {
    let rows = hybrid
        .pools
        .iter()
        .map(|pool| {
            let nodes = platform.and_then(|p| pool.nodes(p));
            view! {
                <tr>
                    <th scope="row">{pool.pool.label()}</th>
                    <td class="num">{nodes.map(|n| n.count.to_string()).unwrap_or_else(|| "—".into())}</td>
                    <td>{nodes.map(|n| n.machine).unwrap_or("—")}</td>
                    <td class="num">{pool.target_vcpu.to_string()}</td>
                    <td class="num">{pool.target_memory_gb.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>"Kubernetes node pools"</h3>
        <ScrollRegion label="Kubernetes node pools">
            <table class="components">
                <thead>
                    <tr>
                        <th scope="col">"Pool"</th>
                        <th scope="col">"Nodes"</th>
                        <th scope="col">"Machine type"</th>
                        <th scope="col">"Pool vCPU"</th>
                        <th scope="col">"Pool memory (GB)"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollRegion>
    }
}

/// A wide table that scrolls sideways on a narrow screen; focusable, so the keyboard scrolls
/// it too.
#[component]
fn ScrollRegion(label: &'static str, children: Children) -> impl IntoView {
    view! {
        <p class="scroll-hint">"The table scrolls sideways: every column is there."</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            {children()}
        </div>
    }
}
