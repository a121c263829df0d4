//! The GitLab Environment Toolkit starting configuration: GET's names for every size, variant and
//! cloud with the figures of GitLab's tables, the prefix, the refusals, the deviation followed,
//! no secrets, and a zip that reads back.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use time::macros::{date, datetime};
use upgrade_planner::domain::documents::toolkit::{
    self, machines, starting_configuration, target, Cloud, Planned, Prefix, Refusal, PLACEHOLDER,
};
use upgrade_planner::domain::engagement::{Engagement, EngagementId};
use upgrade_planner::domain::process::intake::Deviation;
use upgrade_planner::domain::process::workflow::sizing_of;
use upgrade_planner::domain::sizing::reference::{PoolKind, SizeKey};
use upgrade_planner::domain::sizing::{SizingInputs, Variant};

/// GET's component names (3.x), as its reference lists them, by GitLab's table keys.
const GET_NAMES: &[(&str, &str)] = &[
    ("single_node", "gitlab_rails"),
    ("external_lb", "haproxy_external"),
    ("consul", "consul"),
    ("postgresql", "postgres"),
    ("pgbouncer", "pgbouncer"),
    ("internal_lb", "haproxy_internal"),
    ("redis", "redis"),
    ("redis_cache", "redis_cache"),
    ("redis_persistent", "redis_persistent"),
    ("gitaly", "gitaly"),
    ("praefect", "praefect"),
    ("praefect_postgresql", "praefect_postgres"),
    ("sidekiq", "sidekiq"),
    ("gitlab_rails", "gitlab_rails"),
    ("monitoring", "monitor"),
];

fn expected_name(key: &str) -> Option<&'static str> {
    GET_NAMES.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)
}

#[test]
fn every_linux_package_size_on_every_cloud_has_gets_names_and_the_tables_figures() {
    for size in SizeKey::ALL {
        for cloud in Cloud::ALL {
            let got = machines(size, Variant::LinuxPackage, cloud).unwrap();
            let table: Vec<_> = size
                .size()
                .linux_package
                .iter()
                .filter(|c| c.key != "object_storage")
                .collect();
            assert_eq!(got.len(), table.len(), "{size:?} {cloud:?}");
            for (m, c) in got.iter().zip(&table) {
                let name =
                    expected_name(c.key).unwrap_or_else(|| panic!("no GET name for {}", c.key));
                assert_eq!(m.get_name, name);
                assert_eq!(m.count, c.nodes.unwrap());
                let shown = c.machine(cloud.platform()).unwrap();
                assert_eq!(m.shown, shown);
                assert_eq!(m.count_variable(), format!("{name}_node_count"));
                let suffix = match cloud {
                    Cloud::Gcp => "_machine_type",
                    Cloud::Aws => "_instance_type",
                    Cloud::Azure => "_size",
                };
                assert_eq!(m.size_variable(cloud), format!("{name}{suffix}"));
                assert!(!m.pool);
            }
            // No GET name is given twice: one variable per component.
            let mut names: Vec<_> = got.iter().map(|m| m.get_name).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), got.len(), "{size:?} {cloud:?}");
        }
    }
}

#[test]
fn machine_types_are_the_clouds_own_names() {
    let check = |size, cloud, name: &str, machine: &str| {
        let got = machines(size, Variant::LinuxPackage, cloud).unwrap();
        let m = got.iter().find(|m| m.get_name == name).unwrap();
        assert_eq!(m.machine, machine, "{size:?} {cloud:?} {name}");
    };
    check(SizeKey::Users10k, Cloud::Aws, "gitlab_rails", "c5.9xlarge");
    check(SizeKey::Users10k, Cloud::Gcp, "gitaly", "n1-standard-16");
    check(SizeKey::Users3k, Cloud::Azure, "gitaly", "Standard_D4s_v3");
    check(
        SizeKey::Users3k,
        Cloud::Azure,
        "gitlab_rails",
        "Standard_F8s_v2",
    );
    check(
        SizeKey::Users1k,
        Cloud::Azure,
        "gitlab_rails",
        "Standard_F8s_v2",
    );
    for size in SizeKey::ALL {
        for m in machines(size, Variant::LinuxPackage, Cloud::Azure).unwrap() {
            assert!(
                m.machine.starts_with("Standard_") && !m.machine.contains(' '),
                "{}",
                m.machine
            );
        }
    }
}

#[test]
fn every_hybrid_size_on_gcp_and_aws_has_the_three_pools_instead_of_rails_and_sidekiq() {
    for size in SizeKey::ALL {
        let Some(hybrid) = size.size().hybrid.as_ref() else {
            for cloud in Cloud::ALL {
                assert!(machines(size, Variant::CloudNativeHybrid, cloud).is_err());
            }
            continue;
        };
        for cloud in [Cloud::Gcp, Cloud::Aws] {
            let got = machines(size, Variant::CloudNativeHybrid, cloud).unwrap();
            for (pool, name) in [
                (PoolKind::Webservice, "webservice_node_pool"),
                (PoolKind::Sidekiq, "sidekiq_node_pool"),
                (PoolKind::Supporting, "supporting_node_pool"),
            ] {
                let table = hybrid.pools.iter().find(|p| p.pool == pool).unwrap();
                let nodes = table.nodes(cloud.platform()).unwrap();
                let m = got.iter().find(|m| m.get_name == name).unwrap();
                assert!(m.pool);
                assert_eq!((m.count, m.machine.as_str()), (nodes.count, nodes.machine));
                assert_eq!(m.count_variable(), format!("{name}_count"));
                assert_eq!(
                    m.size_variable(cloud),
                    format!("{name}{}", cloud.size_suffix())
                );
            }
            for gone in ["gitlab_rails", "sidekiq", "haproxy_external"] {
                assert!(
                    got.iter().all(|m| m.get_name != gone),
                    "{size:?} {cloud:?} {gone}"
                );
            }
            let vms = hybrid
                .vm_components
                .iter()
                .filter(|c| c.nodes.is_some())
                .count();
            assert_eq!(got.len(), 3 + vms, "{size:?} {cloud:?}");
            for c in hybrid.vm_components.iter().filter(|c| c.nodes.is_some()) {
                let m = got
                    .iter()
                    .find(|m| Some(m.get_name) == expected_name(c.key))
                    .unwrap();
                assert_eq!(m.count, c.nodes.unwrap());
                assert_eq!(m.shown, c.machine(cloud.platform()).unwrap());
            }
        }
        assert_eq!(
            machines(size, Variant::CloudNativeHybrid, Cloud::Azure),
            Err(Refusal::HybridOnAzure)
        );
    }
}

#[test]
fn every_table_key_has_a_get_name_except_object_storage() {
    for size in SizeKey::ALL {
        let s = size.size();
        let hybrid = s.hybrid.iter().flat_map(|h| h.vm_components);
        for c in s.linux_package.iter().chain(hybrid) {
            assert_eq!(toolkit::get_name(c.key), expected_name(c.key), "{}", c.key);
        }
    }
    assert_eq!(toolkit::get_name("object_storage"), None);
}

fn is_get_prefix(p: &str) -> bool {
    let b = p.as_bytes();
    (3..=30).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

#[test]
fn the_prefix_comes_from_the_customers_name() {
    let check = |name: &str, prefix: &str| {
        assert_eq!(Prefix::from_customer(name).as_str(), prefix, "{name}")
    };
    check("Acme Corporation (EMEA)", "acme-corporation-emea");
    check("Globex", "globex");
    check("X", "x-gitlab");
    check("日本", "gitlab");
    check("Müller & Söhne GmbH", "m-ller-s-hne-gmbh");
    check(
        "A very long customer name that goes on and on",
        "a-very-long-customer-name-that",
    );
    check("--Initech--", "initech");
    // GCP's machine and cluster names start with a letter.
    check("3M", "gl-3m");
    check("1&1 Versatel", "gl-1-1-versatel");
    assert!(Prefix::try_from("3m-gitlab").is_err());
    assert!(Prefix::try_from("-abc").is_err());
    assert!(Prefix::try_from("ab").is_err());
    assert!(Prefix::try_from("Abc").is_err());
    assert!(Prefix::try_from("abc-1").is_ok());
}

proptest! {
    #[test]
    fn any_customer_name_gives_a_prefix_get_accepts(name in "\\PC{0,80}") {
        let prefix = Prefix::from_customer(&name);
        prop_assert!(is_get_prefix(prefix.as_str()), "{:?} gave {:?}", name, prefix);
    }
}

fn engagement(name: &str, users: &str, platform: &str) -> Engagement {
    let mut e = Engagement::new(
        EngagementId::from_random_bytes([7; 16]),
        name.parse().unwrap(),
        datetime!(2026-12-01 09:00 UTC),
    );
    e.sizing = SizingInputs {
        current_users: users.into(),
        platform: platform.into(),
        ..SizingInputs::default()
    };
    e
}

/// The value assigned to `name` in HCL (`name = value`, however the `=` is lined up).
fn value_of<'a>(hcl: &'a str, name: &str) -> Option<&'a str> {
    hcl.lines().find_map(|line| {
        let (left, right) = line.split_once('=')?;
        (left.trim() == name).then(|| right.trim())
    })
}

fn file<'a>(c: &'a toolkit::Configuration, ending: &str) -> &'a str {
    &c.files
        .iter()
        .find(|f| f.path.ends_with(ending))
        .unwrap()
        .text
}

#[test]
fn a_10k_on_aws_is_laid_out_as_get_lays_out_one_environment() {
    let mut e = engagement("Acme Corp", "8000", "aws");
    e.coordination.intake.target_version = "18.6.2".into();
    assert_eq!(sizing_of(&e).unwrap().1.size, SizeKey::Users10k);
    let c = starting_configuration(&e, date!(2026 - 12 - 07)).unwrap();
    let paths: Vec<_> = c.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "gitlab-environment-toolkit-acme-corp/README.md",
            "gitlab-environment-toolkit-acme-corp/terraform/environments/acme-corp/main.tf",
            "gitlab-environment-toolkit-acme-corp/terraform/environments/acme-corp/variables.tf",
            "gitlab-environment-toolkit-acme-corp/terraform/environments/acme-corp/environment.tf",
            "gitlab-environment-toolkit-acme-corp/ansible/environments/acme-corp/inventory/vars.yml",
            "gitlab-environment-toolkit-acme-corp/ansible/environments/acme-corp/inventory/acme-corp.aws_ec2.yml",
        ]
    );
    assert_eq!(
        c.file_name(),
        "acme-corp-get-starting-configuration-2026-12-07.zip"
    );
    let env = file(&c, "environment.tf");
    assert!(env.contains(
        "module \"gitlab_ref_arch_aws\" {\n  source = \"../../modules/gitlab_ref_arch_aws\""
    ));
    assert_eq!(value_of(env, "gitlab_rails_node_count"), Some("3"));
    assert_eq!(
        value_of(env, "gitlab_rails_instance_type"),
        Some("\"c5.9xlarge\"")
    );
    assert_eq!(
        value_of(env, "haproxy_external_elastic_ip_allocation_ids"),
        Some("[var.external_ip_allocation]")
    );
    assert_eq!(
        value_of(env, "ssh_public_key"),
        Some("file(var.ssh_public_key_file)")
    );
    assert!(file(&c, "main.tf").contains("backend \"s3\""));
    let vars = file(&c, "vars.yml");
    assert!(vars.contains("    cloud_provider: \"aws\"\n"));
    assert!(vars.contains(&format!("    praefect_internal_token: \"{PLACEHOLDER}\"\n")));
    assert!(!vars.contains("cloud_native_hybrid_environment"));
    let readme = file(&c, "README.md");
    assert!(readme.contains(
        "Up to 200 RPS or 10,000 users (10k), Linux package on virtual machines, on AWS"
    ));
    assert!(readme.contains("| GitLab Rails | `gitlab_rails` | 3 | `c5.9xlarge` |"));
    assert!(readme.contains("Planned: as recommended"));
    assert!(readme.contains("target GitLab version is 18.6.2"));
}

#[test]
fn a_hybrid_on_gcp_writes_node_pools_and_the_hybrid_settings() {
    let mut e = engagement("Initech", "8000", "gcp");
    e.sizing.kubernetes_expertise = true;
    let c = starting_configuration(&e, date!(2026 - 12 - 07)).unwrap();
    assert_eq!(c.target.variant, Variant::CloudNativeHybrid);
    let env = file(&c, "environment.tf");
    assert_eq!(value_of(env, "webservice_node_pool_count"), Some("3"));
    assert_eq!(
        value_of(env, "webservice_node_pool_machine_type"),
        Some("\"n1-standard-32\"")
    );
    assert!(
        !env.contains("haproxy_external")
            && !env.contains("gitlab_rails_")
            && !env.contains("sidekiq_node_count")
    );
    let vars = file(&c, "vars.yml");
    assert!(
        vars.contains("    cloud_native_hybrid_environment: true\n    kubeconfig_setup: true\n")
    );
    assert!(file(&c, "README.md")
        .contains("| Webservice node pool | `webservice_node_pool` | 3 | `n1-standard-32` |"));
    // Without an external HAProxy, the cluster's ingress takes the external IP: GET reads it
    // from `vars.yml` (`external_ip`, required on GCP), not from Terraform.
    assert!(
        vars.contains("    external_ip: \"<set by Professional Services>\"\n"),
        "{vars}"
    );
    assert!(!file(&c, "variables.tf").contains("external_ip"));
    let readme = file(&c, "README.md");
    assert!(
        readme.contains("`variables.tf`: the project, region and zone."),
        "{readme}"
    );
    assert!(readme.contains("the cluster's external IP"), "{readme}");
    assert!(readme.contains("`*_node_pool_count`"), "{readme}");
}

#[test]
fn azure_never_gets_a_hybrid_file() {
    // Kubernetes expertise on Azure: the recommendation stays on the Linux package, and the
    // download says why.
    let mut e = engagement("Umbrella", "8000", "azure");
    e.sizing.kubernetes_expertise = true;
    let (_, rec) = sizing_of(&e).unwrap();
    assert_eq!(rec.variant, Variant::LinuxPackage);
    assert!(toolkit::azure_hybrid_note(&rec)
        .unwrap()
        .contains("GCP and AWS only"));
    let c = starting_configuration(&e, date!(2026 - 12 - 07)).unwrap();
    assert!(!file(&c, "vars.yml").contains("cloud_native_hybrid_environment"));
    // A hybrid recommendation on Azure, however it came about, is refused.
    let mut hybrid = rec.clone();
    hybrid.variant = Variant::CloudNativeHybrid;
    assert_eq!(
        target(&hybrid, &Deviation::default()),
        Err(Refusal::HybridOnAzure)
    );
    assert!(Refusal::HybridOnAzure
        .to_string()
        .contains("Linux package only"));
}

#[test]
fn no_file_without_a_cloud_or_a_valid_form() {
    let today = date!(2026 - 12 - 07);
    assert_eq!(
        starting_configuration(&engagement("Acme", "8000", ""), today),
        Err(Refusal::NoPlatform)
    );
    assert_eq!(
        starting_configuration(&engagement("Acme", "8000", "bare_metal"), today),
        Err(Refusal::BareMetal)
    );
    assert_eq!(
        starting_configuration(&engagement("Acme", "", "aws"), today),
        Err(Refusal::NoSizing)
    );
}

#[test]
fn the_files_follow_the_planned_size_and_the_readme_names_the_difference() {
    let mut e = engagement("Acme Corp", "8000", "aws");
    e.coordination.intake.deviation = Deviation {
        planned: "5k".into(),
        budget: true,
        ..Deviation::default()
    };
    let c = starting_configuration(&e, date!(2026 - 12 - 07)).unwrap();
    assert_eq!(c.target.planned, Planned::Size(SizeKey::Users5k));
    let rails5k = SizeKey::Users5k
        .size()
        .linux_package
        .iter()
        .find(|c| c.key == "gitlab_rails")
        .unwrap();
    let env = file(&c, "environment.tf");
    assert_eq!(
        value_of(env, "gitlab_rails_node_count"),
        Some(rails5k.nodes.unwrap().to_string().as_str())
    );
    assert_eq!(
        value_of(env, "gitlab_rails_instance_type"),
        Some(format!("\"{}\"", rails5k.aws.unwrap()).as_str())
    );
    let readme = file(&c, "README.md");
    assert!(readme.contains(
        "Planned: **Up to 100 RPS or 5,000 users (5k)**, which differs from the recommended 10k"
    ));
    assert!(readme.contains("(reasons: budget)"));

    // A custom plan keeps the recommended figures, and says so.
    e.coordination.intake.deviation.planned = "custom".into();
    let c = starting_configuration(&e, date!(2026 - 12 - 07)).unwrap();
    assert_eq!(c.target.size, SizeKey::Users10k);
    assert!(file(&c, "README.md").contains("a custom architecture"));

    // A plan of 1k for a hybrid recommendation has no hybrid to follow.
    e.sizing.kubernetes_expertise = true;
    e.sizing.platform = "gcp".into();
    e.coordination.intake.deviation.planned = "1k".into();
    assert_eq!(
        starting_configuration(&e, date!(2026 - 12 - 07)),
        Err(Refusal::NoHybrid(SizeKey::Users1k))
    );
}

#[test]
fn no_secret_and_no_internal_note_is_written() {
    let mut e = engagement("Acme Corp", "8000", "azure");
    e.internal_notes = "root password is hunter2".into();
    e.coordination.intake.deviation.other_reason = "capacity".into();
    e.coordination.intake.deviation.planned = "5k".into();
    let c = starting_configuration(&e, date!(2026 - 12 - 07)).unwrap();
    for f in &c.files {
        assert!(!f.text.contains("hunter2"), "{}", f.path);
    }
    let vars = file(&c, "vars.yml");
    for line in vars
        .lines()
        .filter(|l| l.contains("password") || l.contains("token") || l.contains("key"))
    {
        assert!(
            line.ends_with(&format!("\"{PLACEHOLDER}\"")) || line.trim_start().starts_with('#'),
            "{line}"
        );
    }
}

/// A reader of the archive's central directory, as unzip reads it: names, methods, sizes and
/// CRC-32, each file inflated.
fn read_zip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap()) as usize;
    let end = bytes.len() - 22;
    assert_eq!(u32_at(end), 0x0605_4b50);
    let (count, mut at) = (u16_at(end + 10), u32_at(end + 16));
    let mut files = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(at), 0x0201_4b50);
        let (method, crc, size, len) = (
            u16_at(at + 10),
            u32_at(at + 16),
            u32_at(at + 24),
            u16_at(at + 28),
        );
        let (packed, name_len, local) = (u32_at(at + 20), len, u32_at(at + 42));
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        assert_eq!(u32_at(local), 0x0403_4b50);
        let data_at = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        let raw = &bytes[data_at..data_at + packed];
        let data = match method {
            0 => raw.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(raw).unwrap(),
            m => panic!("method {m}"),
        };
        assert_eq!(data.len(), size);
        assert_eq!(
            upgrade_planner::domain::documents::zip::crc32(&data) as usize,
            crc
        );
        files.push((name, data));
        at += 46 + name_len;
    }
    files
}

#[test]
fn the_zip_holds_every_file_as_written() {
    let e = engagement("Acme Corp", "8000", "gcp");
    let c = starting_configuration(&e, date!(2026 - 12 - 07)).unwrap();
    let bytes = c.zip(datetime!(2026-12-07 16:55:00));
    let read = read_zip(&bytes);
    assert_eq!(read.len(), c.files.len());
    for ((name, data), f) in read.iter().zip(&c.files) {
        assert_eq!(name, &f.path);
        assert_eq!(data, f.text.as_bytes());
    }
    // Small enough to mail: deflated.
    assert!(bytes.len() < c.files.iter().map(|f| f.text.len()).sum::<usize>());
}
