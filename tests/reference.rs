//! Every figure of the reference tables against GitLab's published data (the JSON fixture).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use upgrade_planner::domain::sizing::reference::{
    Hundredths, Platform, PoolKind, SizeKey, Totals, VmComponent, SIZES,
};

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/reference-architectures.json")).unwrap()
}

fn hundredths(value: &Value) -> Option<Hundredths> {
    value.as_f64().map(|v| {
        let h = (v * 100.0).round();
        assert!(
            (h - v * 100.0).abs() < 1e-6,
            "{v} has more than two decimals"
        );
        Hundredths(h as u32)
    })
}

fn text(value: &Value) -> Option<&str> {
    value.as_str()
}

fn check_vm_table(size: &str, table: &str, ours: &[VmComponent], theirs: &Value, azure: bool) {
    let theirs = theirs.as_array().unwrap();
    assert_eq!(ours.len(), theirs.len(), "{size} {table}: row count");
    for (row, (o, t)) in ours.iter().zip(theirs).enumerate() {
        let at = format!("{size} {table} row {row} ({})", o.key);
        assert_eq!(o.key, t["key"].as_str().unwrap(), "{at}: key");
        assert_eq!(
            o.nodes,
            t["nodes"].as_u64().map(|n| n as u32),
            "{at}: nodes"
        );
        assert_eq!(
            o.at_least,
            t["nodes_display"].as_str() == Some("1+"),
            "{at}: 1+"
        );
        assert_eq!(o.vcpu, t["vcpu"].as_u64().map(|n| n as u32), "{at}: vcpu");
        assert_eq!(o.memory_gb, hundredths(&t["memory_gb"]), "{at}: memory");
        assert_eq!(o.gcp, text(&t["gcp"]), "{at}: gcp");
        assert_eq!(o.aws, text(&t["aws"]), "{at}: aws");
        if azure {
            assert_eq!(o.azure, text(&t["azure"]), "{at}: azure");
        } else {
            assert_eq!(o.azure, None, "{at}: no Azure type in hybrid tables");
        }
        if o.key != "single_node" {
            assert_eq!(o.name, t["component"].as_str().unwrap(), "{at}: name");
        }
    }
}

/// Our sums of a table against the totals computed in the reference data.
fn check_totals(name: &str, totals: Totals, expected: &Value) {
    assert_eq!(
        u64::from(totals.nodes),
        expected["nodes"].as_u64().unwrap(),
        "{name}"
    );
    assert_eq!(
        u64::from(totals.vcpu),
        expected["vcpu"].as_u64().unwrap(),
        "{name}"
    );
    assert_eq!(
        Some(totals.memory_gb),
        hundredths(&expected["memory_gb"]),
        "{name}"
    );
}

#[test]
fn every_size_matches_gitlabs_headline_figures() {
    let data = fixture();
    let sizes = data["sizes"].as_object().unwrap();
    assert_eq!(sizes.len(), SIZES.len());
    for key in SizeKey::ALL {
        let name = key.short();
        let theirs = &sizes[name];
        let ours = key.size();
        assert_eq!(ours.key, key);
        assert_eq!(ours.name, theirs["name"].as_str().unwrap());
        assert_eq!(u64::from(ours.users), theirs["users"].as_u64().unwrap());
        assert_eq!(ours.ha, theirs["ha"].as_bool().unwrap());
        let rps = &theirs["target_rps"];
        assert_eq!(u64::from(ours.target_rps.api), rps["api"].as_u64().unwrap());
        assert_eq!(u64::from(ours.target_rps.web), rps["web"].as_u64().unwrap());
        assert_eq!(
            u64::from(ours.target_rps.git_pull),
            rps["git_pull"].as_u64().unwrap()
        );
        assert_eq!(
            u64::from(ours.target_rps.git_push),
            rps["git_push"].as_u64().unwrap()
        );
        assert_eq!(
            ours.target_rps.api,
            theirs["headline_rps"].as_u64().unwrap() as u32
        );
        let path = theirs["doc_path"].as_str().unwrap();
        assert!(
            path.ends_with(&format!("/{}.md", ours.doc_slug)),
            "{name}: {path}"
        );
        assert_eq!(
            ours.doc_url(),
            format!("https://docs.gitlab.com/administration/reference_architectures/{name}_users/")
        );
        assert_eq!(
            ours.hybrid.is_some(),
            theirs["cloud_native_hybrid_available"].as_bool().unwrap()
        );
    }
}

#[test]
fn every_linux_package_table_matches_figure_for_figure() {
    let data = fixture();
    for (name, theirs) in data["sizes"].as_object().unwrap() {
        let key = SizeKey::ALL
            .into_iter()
            .find(|k| k.short() == name)
            .unwrap();
        let lp = &theirs["linux_package"];
        check_vm_table(
            name,
            "Linux package",
            key.size().linux_package,
            &lp["components"],
            true,
        );
        let totals = Totals::of_vms(key.size().linux_package);
        let expected = &lp["totals_computed"];
        check_totals(name, totals, expected);
    }
}

#[test]
fn every_cloud_native_hybrid_table_matches_figure_for_figure() {
    let data = fixture();
    for (name, theirs) in data["sizes"].as_object().unwrap() {
        let key = SizeKey::ALL
            .into_iter()
            .find(|k| k.short() == name)
            .unwrap();
        let cnh = &theirs["cloud_native_hybrid"];
        let Some(hybrid) = key.size().hybrid else {
            assert_eq!(cnh["available"], Value::Bool(false), "{name}");
            continue;
        };
        assert_eq!(hybrid.ha, cnh["ha"].as_bool().unwrap(), "{name}");
        assert_eq!(hybrid.helm_example, cnh["helm_example"].as_str().unwrap());
        assert_eq!(
            u64::from(hybrid.puma_workers),
            cnh["puma_workers_total_recommended"].as_u64().unwrap()
        );
        assert_eq!(
            u64::from(hybrid.webservice_pods_min),
            cnh["webservice_pods_min_recommended"].as_u64().unwrap()
        );
        assert_eq!(
            u64::from(hybrid.sidekiq_workers),
            cnh["sidekiq_workers_initial_target"].as_u64().unwrap()
        );
        check_vm_table(
            name,
            "hybrid VMs",
            hybrid.vm_components,
            &cnh["vm_components"],
            false,
        );
        let vm_totals = Totals::of_vms(hybrid.vm_components);
        let expected = &cnh["vm_totals_computed"];
        check_totals(name, vm_totals, expected);

        let pools = cnh["kubernetes_node_pools"].as_array().unwrap();
        assert_eq!(hybrid.pools.len(), pools.len());
        for (o, t) in hybrid.pools.iter().zip(pools) {
            let kind = match t["pool"].as_str().unwrap() {
                "webservice" => PoolKind::Webservice,
                "sidekiq" => PoolKind::Sidekiq,
                "supporting_services" => PoolKind::Supporting,
                other => panic!("unknown pool {other}"),
            };
            assert_eq!(o.pool, kind, "{name}");
            assert_eq!(Some(o.target_vcpu), hundredths(&t["target_vcpu"]), "{name}");
            let memory = t
                .get("target_memory_gb_request")
                .unwrap_or(&t["target_memory_gb"]);
            assert_eq!(Some(o.target_memory_gb), hundredths(memory), "{name}");
            assert_eq!(
                o.memory_limit_gb,
                hundredths(&t["target_memory_gb_limit"]),
                "{name}"
            );
            for (platform, side) in [(Platform::Gcp, "gcp"), (Platform::Aws, "aws")] {
                let nodes = o.nodes(platform).unwrap();
                assert_eq!(u64::from(nodes.count), t[side]["count"].as_u64().unwrap());
                assert_eq!(nodes.machine, t[side]["type"].as_str().unwrap());
            }
            assert_eq!(o.nodes(Platform::Azure), None);
        }
        let k8s = &cnh["k8s_nodes_example_total"];
        for (platform, side) in [(Platform::Gcp, "gcp"), (Platform::Aws, "aws")] {
            assert_eq!(
                hybrid.k8s_nodes(platform).map(u64::from),
                k8s[side].as_u64(),
                "{name} {side}"
            );
        }
    }
}

#[test]
fn decimal_figures_print_as_the_docs_write_them() {
    assert_eq!(Hundredths(360).to_string(), "3.6");
    assert_eq!(Hundredths(375).to_string(), "3.75");
    assert_eq!(Hundredths(1500).to_string(), "15");
    assert_eq!(Hundredths(90).to_string(), "0.9");
    assert_eq!(Hundredths(16860).to_string(), "168.6");
}

#[test]
fn sizes_are_ordered_and_step_up_one_at_a_time() {
    for pair in SIZES.windows(2) {
        assert!(pair[0].users < pair[1].users);
        assert!(pair[0].target_rps.api < pair[1].target_rps.api);
        assert_eq!(pair[0].key.next(), Some(pair[1].key));
    }
    assert_eq!(SizeKey::Users50k.next(), None);
}
