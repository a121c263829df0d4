//! Issue 17, point 4: the architecture diagram, drawn from the reference tables.
#![cfg(not(target_arch = "wasm32"))]

use upgrade_planner::domain::sizing::diagram::{diagram, mermaid};
use upgrade_planner::domain::sizing::reference::{Platform, SizeKey};
use upgrade_planner::domain::sizing::{recommend, Requirements};

fn rec_for(
    users: u64,
    edit: impl FnOnce(&mut Requirements),
) -> upgrade_planner::domain::sizing::Recommendation {
    let mut req = Requirements::for_users(users);
    edit(&mut req);
    recommend(&req)
}

#[test]
fn the_10k_diagram_groups_its_components_as_gitlab_draws_them() {
    let rec = rec_for(10_000, |r| r.platform = Some(Platform::Aws));
    assert_eq!(rec.size, SizeKey::Users10k);
    let d = diagram(&rec);
    let tiers: Vec<Vec<&str>> = d
        .tiers
        .iter()
        .map(|row| row.iter().map(|g| g.id).collect())
        .collect();
    assert_eq!(
        tiers,
        vec![
            vec!["entry"],
            vec!["app"],
            vec!["internal"],
            vec!["gitaly", "database", "redis", "objects", "monitoring"]
        ]
    );
    // Every component of the table is in the diagram, once, with its count and machine type.
    let nodes: Vec<_> = d.groups().flat_map(|g| g.nodes.iter()).collect();
    assert_eq!(nodes.len(), rec.vm_components().len());
    let rails = nodes.iter().find(|n| n.label == "GitLab Rails").unwrap();
    assert_eq!(rails.detail, "3 × c5.9xlarge");
    for edge in [
        ("entry", "app"),
        ("app", "internal"),
        ("internal", "gitaly"),
        ("internal", "database"),
        ("app", "redis"),
        ("app", "objects"),
    ] {
        assert!(d.edges.contains(&edge), "{edge:?}");
    }
    let m = mermaid(&d);
    assert!(m.starts_with("flowchart TB\n"));
    assert!(
        m.contains("app_gitlab_rails[\"GitLab Rails<br/>3 × c5.9xlarge\"]"),
        "{m}"
    );
    assert!(m.contains("internal --> gitaly"));
}

#[test]
fn the_hybrid_diagram_shows_the_kubernetes_pools_and_geo_two_sites() {
    let rec = rec_for(3_000, |r| {
        r.kubernetes_expertise = true;
        r.platform = Some(Platform::Gcp);
    });
    let d = diagram(&rec);
    let app = d.groups().find(|g| g.id == "app").unwrap();
    assert_eq!(app.label, "Kubernetes node pools");
    assert!(
        app.nodes.iter().any(|n| n.label == "Webservice pool"),
        "{app:?}"
    );
    let geo = rec_for(10_000, |r| r.geo = true);
    assert_eq!(diagram(&geo).sites, 2);
    let m = mermaid(&diagram(&geo));
    assert!(m.contains("p_site -. Geo replication .-> s_site"));
    assert!(m.contains("subgraph s_site[\"Secondary site (Geo)\"]"));
}

#[test]
fn the_single_node_diagram_has_one_box() {
    let rec = rec_for(500, |_| {});
    let d = diagram(&rec);
    assert_eq!(d.tiers.len(), 1, "{d:?}");
}
