//! Native tests of every sizing rule, and property tests of the recommendation.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use upgrade_planner::domain::sizing::reference::{Platform, Rps, SizeKey, TrafficType};
use upgrade_planner::domain::sizing::{
    format_number, project, recommend, Field, FieldError, Growth, Monorepos, Recommendation,
    Requirements, Rule, SizedBy, SizingInputs, Variant,
};

fn req(n: u64) -> Requirements {
    Requirements::for_users(n)
}

fn rules(r: &Recommendation) -> Vec<Rule> {
    r.reasons.iter().map(|f| f.rule).collect()
}

fn has(list: &[upgrade_planner::domain::sizing::Finding], rule: Rule) -> bool {
    list.iter().any(|f| f.rule == rule)
}

fn peaks(api: f64, web: f64, pull: f64, push: f64) -> Rps<Option<f64>> {
    Rps {
        api: Some(api),
        web: Some(web),
        git_pull: Some(pull),
        git_push: Some(push),
    }
}

#[test]
fn the_reference_journey_4200_users_at_20_percent_over_24_months_needs_10k() {
    let inputs = SizingInputs {
        current_users: "4,200".into(),
        annual_growth_pct: "20".into(),
        horizon_months: "24".into(),
        platform: "aws".into(),
        ..SizingInputs::default()
    };
    let r = recommend(&Requirements::try_from(&inputs).unwrap());
    assert_eq!(r.projected_users, 6_048);
    assert_eq!(r.size, SizeKey::Users10k);
    assert_eq!(r.architecture().name, "Up to 200 RPS or 10,000 users");
    assert_eq!(r.variant, Variant::LinuxPackage);
    assert_eq!(r.sized_by, SizedBy::Users);
    assert!(r.large_upgrade);
    let rails = r
        .vm_components()
        .iter()
        .find(|c| c.key == "gitlab_rails")
        .unwrap();
    assert_eq!(rails.machine(Platform::Aws), Some("c5.9xlarge"));
    assert_eq!(
        rules(&r)[..2],
        [Rule::GrowthProjection, Rule::UsersFallback]
    );
    assert!(
        r.reasons[0].text.contains("6,048 users projected"),
        "{}",
        r.reasons[0].text
    );
    assert!(has(&r.advice, Rule::ProfessionalServices));
    let totals = r.vm_totals();
    assert_eq!(
        (
            totals.nodes,
            totals.vcpu,
            totals.memory_gb.to_string().as_str()
        ),
        (32, 240, "535.2")
    );
}

#[test]
fn growth_compounds_over_the_horizon_and_a_target_replaces_it() {
    assert_eq!(project(1000, Growth::None), (1000, 1.0));
    let rate = |pct, months| Growth::Rate {
        annual_pct: pct,
        horizon_months: months,
    };
    assert_eq!(project(1000, rate(100.0, 12)).0, 2000);
    assert_eq!(project(1000, rate(100.0, 6)).0, 1415); // 1000 × √2 = 1414.2 → 1415
    assert_eq!(project(1000, rate(10.0, 36)).0, 1331);
    assert_eq!(project(1000, Growth::Target { users: 2500 }), (2500, 2.5));
    assert_eq!(project(3000, Growth::Target { users: 2000 }).0, 3000);
    let r = recommend(&Requirements {
        growth: Growth::Target { users: 800 },
        ..req(1500)
    });
    assert!(r.reasons[0].text.contains("below today's 1,500 users"));
}

#[test]
fn without_rps_the_smallest_size_whose_users_cover_the_projection_wins() {
    let cases = [
        (1, SizeKey::Users1k),
        (1000, SizeKey::Users1k),
        (1001, SizeKey::Users2k),
        (3000, SizeKey::Users3k),
        (3001, SizeKey::Users5k),
        (10_000, SizeKey::Users10k),
        (25_001, SizeKey::Users50k),
        (50_000, SizeKey::Users50k),
    ];
    for (users, size) in cases {
        let r = recommend(&req(users));
        assert_eq!(r.size, size, "{users} users");
        assert!(has(&r.reasons, Rule::UsersFallback));
        assert!(has(&r.advice, Rule::MeasureRps));
        assert!(!r.exceeds_largest);
    }
}

#[test]
fn with_rps_each_type_picks_its_size_and_the_largest_wins() {
    let r = recommend(&Requirements {
        peak_rps: peaks(50.0, 12.0, 3.0, 1.0),
        ..req(500)
    });
    // API 50 → 3k, Web 12 → 10k (over 5k's 10 by 20%), pull 3 → 2k, push 1 → 1k.
    assert_eq!(r.size, SizeKey::Users10k);
    assert_eq!(r.sized_by, SizedBy::Rps);
    let text = &r
        .reasons
        .iter()
        .find(|f| f.rule == Rule::RpsPerType)
        .unwrap()
        .text;
    assert!(text.contains("API 50 RPS → 3k"), "{text}");
    assert!(text.contains("Web 12 RPS → 10k"), "{text}");
    assert!(!has(&r.reasons, Rule::UsersFallback));
}

#[test]
fn only_the_known_rps_types_count() {
    let only_api = Rps {
        api: Some(150.0),
        ..Rps::default()
    };
    let r = recommend(&Requirements {
        peak_rps: only_api,
        ..req(100)
    });
    assert_eq!(r.size, SizeKey::Users10k);
    assert!(has(&r.reasons, Rule::RpsPerType));
}

#[test]
fn a_peak_up_to_15_percent_over_a_target_stays_on_that_size_and_says_so() {
    // GitLab's examples: 110 RPS against the 100-RPS size stays; 150 moves to 10k.
    let api = |v| Rps {
        api: Some(v),
        ..Rps::default()
    };
    let stay = recommend(&Requirements {
        peak_rps: api(110.0),
        ..req(100)
    });
    assert_eq!(stay.size, SizeKey::Users5k);
    let note = stay
        .reasons
        .iter()
        .find(|f| f.rule == Rule::RpsHeadroom)
        .unwrap();
    assert!(
        note.text.contains("10% over the 5k target of 100 RPS"),
        "{}",
        note.text
    );
    assert_eq!(
        recommend(&Requirements {
            peak_rps: api(115.0),
            ..req(100)
        })
        .size,
        SizeKey::Users5k
    );
    assert_eq!(
        recommend(&Requirements {
            peak_rps: api(115.1),
            ..req(100)
        })
        .size,
        SizeKey::Users10k
    );
    let moved = recommend(&Requirements {
        peak_rps: api(150.0),
        ..req(100)
    });
    assert_eq!(moved.size, SizeKey::Users10k);
    assert!(!has(&moved.reasons, Rule::RpsHeadroom));
    let exact = recommend(&Requirements {
        peak_rps: api(100.0),
        ..req(100)
    });
    assert!(!has(&exact.reasons, Rule::RpsHeadroom));
}

#[test]
fn growth_scales_measured_rps_too() {
    let r = recommend(&Requirements {
        peak_rps: Rps {
            api: Some(50.0),
            ..Rps::default()
        },
        growth: Growth::Rate {
            annual_pct: 100.0,
            horizon_months: 12,
        },
        ..req(2000)
    });
    assert_eq!(r.size, SizeKey::Users5k); // 100 RPS projected
    assert!(r
        .reasons
        .iter()
        .any(|f| f.text.contains("API 100 RPS (50 today) → 5k")));
}

#[test]
fn a_sustained_rate_well_below_the_peak_is_explained() {
    let r = recommend(&Requirements {
        peak_rps: Rps {
            api: Some(100.0),
            ..Rps::default()
        },
        sustained_rps: Rps {
            api: Some(50.0),
            ..Rps::default()
        },
        ..req(1000)
    });
    assert_eq!(r.size, SizeKey::Users5k);
    let note = r
        .advice
        .iter()
        .find(|f| f.rule == Rule::PeakVsSustained)
        .unwrap();
    assert!(
        note.text.contains("fits 3k while the peak needs 5k"),
        "{}",
        note.text
    );
}

#[test]
fn a_user_count_far_above_the_measured_rps_is_pointed_out() {
    let r = recommend(&Requirements {
        peak_rps: peaks(40.0, 4.0, 4.0, 1.0),
        ..req(20_000)
    });
    assert_eq!(
        r.size,
        SizeKey::Users3k,
        "20,000 users need high availability"
    );
    assert!(has(&r.advice, Rule::UsersVsRps));
}

#[test]
fn ha_below_3000_users_means_3k_with_its_reductions() {
    let r = recommend(&Requirements {
        ha_required: true,
        ..req(800)
    });
    assert_eq!(r.size, SizeKey::Users3k);
    assert!(r.ha_reductions);
    assert!(has(&r.reasons, Rule::HaBelow3k));
    let zdt = recommend(&Requirements {
        zero_downtime: true,
        ..req(800)
    });
    assert_eq!(zdt.size, SizeKey::Users3k);
    assert!(has(&zdt.reasons, Rule::ZeroDowntime));
    let big = recommend(&Requirements {
        ha_required: true,
        ..req(8000)
    });
    assert_eq!(big.size, SizeKey::Users10k);
    assert!(!big.ha_reductions);
    assert!(has(&big.reasons, Rule::HaBuiltIn));
    let small = recommend(&req(800));
    assert!(has(&small.reasons, Rule::Standalone));
}

#[test]
fn cloud_native_hybrid_needs_kubernetes_expertise_and_aws_or_gcp() {
    let k8s = |platform, users| Requirements {
        kubernetes_expertise: true,
        platform: Some(platform),
        ..req(users)
    };
    let aws = recommend(&k8s(Platform::Aws, 4000));
    assert_eq!(aws.variant, Variant::CloudNativeHybrid);
    assert!(has(&aws.reasons, Rule::Hybrid));
    assert_eq!(aws.hybrid().unwrap().pools[0].aws.machine, "c5.4xlarge");
    // Below 3,000 users the 2k hybrid is the TAM's choice, not the default.
    let two_k = recommend(&k8s(Platform::Gcp, 1500));
    assert_eq!(two_k.variant, Variant::LinuxPackage);
    assert!(has(&two_k.advice, Rule::Hybrid2kOption));
    let chosen = recommend(&Requirements {
        hybrid_at_2k: true,
        ..k8s(Platform::Gcp, 1500)
    });
    assert_eq!(chosen.variant, Variant::CloudNativeHybrid);
    assert!(chosen
        .reasons
        .iter()
        .any(|f| f.text.contains("not highly available")));

    let azure = recommend(&k8s(Platform::Azure, 4000));
    assert_eq!(azure.variant, Variant::LinuxPackage);
    assert!(has(&azure.warnings, Rule::HybridAzure));
    let metal = recommend(&k8s(Platform::BareMetal, 4000));
    assert_eq!(metal.variant, Variant::LinuxPackage);
    assert!(has(&metal.advice, Rule::HybridPlatform));
    let tiny = recommend(&k8s(Platform::Aws, 500));
    assert_eq!(tiny.variant, Variant::LinuxPackage);
    assert!(has(&tiny.advice, Rule::HybridSmallest));
    let no_k8s = recommend(&Requirements {
        platform: Some(Platform::Aws),
        ..req(4000)
    });
    assert_eq!(no_k8s.variant, Variant::LinuxPackage);
    assert!(has(&no_k8s.reasons, Rule::LinuxPackage));
}

#[test]
fn zero_downtime_upgrades_rule_out_cloud_native_hybrid() {
    let r = recommend(&Requirements {
        kubernetes_expertise: true,
        zero_downtime: true,
        platform: Some(Platform::Aws),
        ..req(4000)
    });
    assert_eq!(r.variant, Variant::LinuxPackage);
    assert!(has(&r.reasons, Rule::HybridZeroDowntime));
}

#[test]
fn geo_adds_a_second_site() {
    let r = recommend(&Requirements {
        geo: true,
        ..req(4000)
    });
    assert_eq!(r.sites, 2);
    assert!(has(&r.reasons, Rule::Geo));
    assert_eq!(recommend(&req(4000)).sites, 1);
}

#[test]
fn heavy_automation_or_large_monorepos_start_one_size_up_or_give_multipliers() {
    let auto = recommend(&Requirements {
        heavy_automation: true,
        ..req(3000)
    });
    assert_eq!(
        auto.size,
        SizeKey::Users5k,
        "GitLab's own example: 3,000 users → 5k"
    );
    assert_eq!(auto.start_large_from, Some(SizeKey::Users3k));
    assert!(has(&auto.reasons, Rule::StartLarge));
    assert!(
        !has(&auto.advice, Rule::Automation),
        "the multipliers are the alternative, not added on top"
    );
    let on_load = recommend(&Requirements {
        heavy_automation: true,
        size_on_load: true,
        ..req(3000)
    });
    assert_eq!(on_load.size, SizeKey::Users3k);
    assert_eq!(on_load.start_large_from, None);
    assert!(has(&on_load.advice, Rule::Automation));
    let large = recommend(&Requirements {
        monorepos: Monorepos::Large,
        ..req(3000)
    });
    assert_eq!(large.size, SizeKey::Users5k);
    assert!(!has(&large.advice, Rule::Monorepos));
    let large_on_load = recommend(&Requirements {
        monorepos: Monorepos::Large,
        size_on_load: true,
        ..req(3000)
    });
    assert!(large_on_load.advice.iter().any(|f| f
        .text
        .contains("Gitaly at 2–4× and Rails at 1.5–2× the 3k specs")));
    let medium = recommend(&Requirements {
        monorepos: Monorepos::Medium,
        ..req(3000)
    });
    assert_eq!(medium.size, SizeKey::Users3k);
    assert!(medium
        .advice
        .iter()
        .any(|f| f.text.contains("Gitaly at 1.5–2×")));
    let both = recommend(&Requirements {
        monorepos: Monorepos::Large,
        heavy_automation: true,
        ..req(3000)
    });
    assert_eq!(both.size, SizeKey::Users5k, "one step, not two");
    let top = recommend(&Requirements {
        heavy_automation: true,
        ..req(40_000)
    });
    assert_eq!(top.size, SizeKey::Users50k);
    assert!(has(&top.warnings, Rule::StartLarge));
}

#[test]
fn beyond_50k_the_app_says_so_and_recommends_50k_as_the_base() {
    let users = recommend(&req(80_000));
    assert_eq!(users.size, SizeKey::Users50k);
    assert!(users.exceeds_largest);
    let w = users
        .warnings
        .iter()
        .find(|f| f.rule == Rule::BeyondLargest)
        .unwrap();
    assert!(w.text.contains("80,000 users"), "{}", w.text);
    let rps = recommend(&Requirements {
        peak_rps: Rps {
            git_push: Some(30.0),
            ..Rps::default()
        },
        ..req(100)
    });
    assert!(rps.exceeds_largest);
    assert!(rps.warnings[0].text.contains("30 Git push RPS"));
    let within = recommend(&Requirements {
        peak_rps: Rps {
            api: Some(1100.0),
            ..Rps::default()
        },
        ..req(100)
    });
    assert!(!within.exceeds_largest, "within headroom of 50k");
    let grown = recommend(&Requirements {
        growth: Growth::Rate {
            annual_pct: 500.0,
            horizon_months: 120,
        },
        ..req(USERS_MAX_FOR_TEST)
    });
    assert!(grown.exceeds_largest);
}

const USERS_MAX_FOR_TEST: u64 = 1_000_000;

#[test]
fn the_5000_user_mark_is_reported_from_current_or_projected_users() {
    assert!(recommend(&req(5000)).large_upgrade);
    assert!(!recommend(&req(4999)).large_upgrade);
    let crossing = recommend(&Requirements {
        growth: Growth::Rate {
            annual_pct: 10.0,
            horizon_months: 12,
        },
        ..req(4600)
    });
    assert!(crossing.large_upgrade);
}

#[test]
fn form_text_parses_or_names_the_field_and_the_problem() {
    let errors = |inputs: SizingInputs| Requirements::try_from(&inputs).unwrap_err();
    let base = SizingInputs {
        current_users: "100".into(),
        ..SizingInputs::default()
    };
    assert!(Requirements::try_from(&base).is_ok());

    let blank = errors(SizingInputs::default());
    assert_eq!(blank[0].field, Field::CurrentUsers);
    assert_eq!(blank[0].error, FieldError::Missing);

    // Issue 23, point 5: a growth rate alone is applied over 12 months, never hiding the answer.
    let no_horizon = Requirements::try_from(&SizingInputs {
        annual_growth_pct: "10".into(),
        ..base.clone()
    })
    .unwrap();
    assert_eq!(
        no_horizon.growth,
        Growth::Rate {
            annual_pct: 10.0,
            horizon_months: 12
        }
    );

    let cases = [
        (
            SizingInputs {
                current_users: "0".into(),
                ..base.clone()
            },
            Field::CurrentUsers,
        ),
        (
            SizingInputs {
                current_users: "1000001".into(),
                ..base.clone()
            },
            Field::CurrentUsers,
        ),
        (
            SizingInputs {
                current_users: "12.5".into(),
                ..base.clone()
            },
            Field::CurrentUsers,
        ),
        (
            SizingInputs {
                current_users: "lots".into(),
                ..base.clone()
            },
            Field::CurrentUsers,
        ),
        (
            SizingInputs {
                current_users: "4,20".into(),
                ..base.clone()
            },
            Field::CurrentUsers,
        ),
        (
            SizingInputs {
                annual_growth_pct: "501".into(),
                ..base.clone()
            },
            Field::AnnualGrowth,
        ),
        (
            SizingInputs {
                annual_growth_pct: "-1".into(),
                ..base.clone()
            },
            Field::AnnualGrowth,
        ),
        (
            SizingInputs {
                annual_growth_pct: "10".into(),
                horizon_months: "121".into(),
                ..base.clone()
            },
            Field::Horizon,
        ),
        (
            SizingInputs {
                target_users: "0".into(),
                ..base.clone()
            },
            Field::TargetUsers,
        ),
        (
            SizingInputs {
                peak_rps: Rps {
                    web: "x".into(),
                    ..Rps::default()
                },
                ..base.clone()
            },
            Field::PeakRps(TrafficType::Web),
        ),
        (
            SizingInputs {
                peak_rps: Rps {
                    api: "10".into(),
                    ..Rps::default()
                },
                sustained_rps: Rps {
                    api: "20".into(),
                    ..Rps::default()
                },
                ..base.clone()
            },
            Field::SustainedRps(TrafficType::Api),
        ),
        (
            SizingInputs {
                platform: "mars".into(),
                ..base.clone()
            },
            Field::Platform,
        ),
        (
            SizingInputs {
                monorepos: "huge".into(),
                ..base.clone()
            },
            Field::Monorepos,
        ),
    ];
    for (inputs, field) in cases {
        let found = errors(inputs.clone());
        assert_eq!(found.len(), 1, "{inputs:?}: {found:?}");
        assert_eq!(found[0].field, field, "{inputs:?}");
        assert!(!found[0].error.to_string().is_empty());
    }
    assert_eq!(
        errors(SizingInputs {
            current_users: "0".into(),
            ..base.clone()
        })[0]
            .error
            .to_string(),
        "Enter a number from 1 to 1,000,000."
    );
    // A negative number is a number below the range, whichever minus sign is typed.
    for minus in ["-10", "\u{2212}10", "- 10"] {
        assert_eq!(
            errors(SizingInputs {
                annual_growth_pct: minus.into(),
                horizon_months: "12".into(),
                ..base.clone()
            })[0]
                .error
                .to_string(),
            "Enter a number from 0 to 500.",
            "{minus}"
        );
    }
    assert_eq!(
        errors(SizingInputs {
            current_users: "--5".into(),
            ..base.clone()
        })[0]
            .error,
        FieldError::NotANumber
    );

    let full = SizingInputs {
        current_users: " 12 000 ".into(),
        annual_growth_pct: "12.5".into(),
        horizon_months: "18".into(),
        peak_rps: Rps {
            api: "240.5".into(),
            ..Rps::default()
        },
        platform: "gcp".into(),
        monorepos: "over-10gb".into(),
        ..SizingInputs::default()
    };
    let parsed = Requirements::try_from(&full).unwrap();
    assert_eq!(parsed.current_users, 12_000);
    assert_eq!(
        parsed.growth,
        Growth::Rate {
            annual_pct: 12.5,
            horizon_months: 18
        }
    );
    assert_eq!(parsed.peak_rps.api, Some(240.5));
    assert_eq!(parsed.platform, Some(Platform::Gcp));
    assert_eq!(parsed.monorepos, Monorepos::Large);
    let target = SizingInputs {
        target_users: "9000".into(),
        annual_growth_pct: "5".into(),
        horizon_months: "12".into(),
        ..base
    };
    assert_eq!(
        Requirements::try_from(&target).unwrap().growth,
        Growth::Target { users: 9000 }
    );
}

#[test]
fn numbers_are_written_with_thousands_separators() {
    assert_eq!(format_number(4200.0), "4,200");
    assert_eq!(format_number(1_000_000.0), "1,000,000");
    assert_eq!(format_number(0.5), "0.5");
    assert_eq!(format_number(999.96), "1,000");
    assert_eq!(format_number(12.0), "12");
}

#[test]
fn every_finding_links_a_gitlab_docs_page() {
    let r = recommend(&Requirements {
        geo: true,
        heavy_automation: true,
        kubernetes_expertise: true,
        platform: Some(Platform::Gcp),
        ..req(30_000)
    });
    for f in r.reasons.iter().chain(&r.warnings).chain(&r.advice) {
        let url = f.source.url();
        assert!(
            url.starts_with("https://docs.gitlab.com/administration/reference_architectures/")
                || url == upgrade_planner::domain::sizing::HANDBOOK_URL,
            "{url}"
        );
        assert!(!f.text.is_empty());
    }
}

fn any_requirements() -> impl Strategy<Value = Requirements> {
    let rps = || proptest::option::of(0.0..2000.0f64);
    (
        1u64..=1_000_000,
        prop_oneof![
            Just(Growth::None),
            (0.0..=500.0f64, 1u32..=120).prop_map(|(p, m)| Growth::Rate {
                annual_pct: p,
                horizon_months: m
            }),
            (1u64..=10_000_000).prop_map(|u| Growth::Target { users: u }),
        ],
        (rps(), rps(), rps(), rps()),
        proptest::option::of(prop_oneof![
            Just(Platform::Aws),
            Just(Platform::Gcp),
            Just(Platform::Azure),
            Just(Platform::BareMetal)
        ]),
        proptest::array::uniform6(any::<bool>()),
        prop_oneof![
            Just(Monorepos::None),
            Just(Monorepos::Medium),
            Just(Monorepos::Large)
        ],
    )
        .prop_map(
            |(users, growth, (api, web, git_pull, git_push), platform, flags, monorepos)| {
                Requirements {
                    current_users: users,
                    growth,
                    peak_rps: Rps {
                        api,
                        web,
                        git_pull,
                        git_push,
                    },
                    sustained_rps: Rps::default(),
                    platform,
                    ha_required: flags[0],
                    zero_downtime: flags[1],
                    geo: flags[2],
                    kubernetes_expertise: flags[3],
                    monorepos,
                    heavy_automation: flags[5] && flags[4],
                    size_on_load: flags[4] && !flags[0],
                    hybrid_at_2k: flags[2] != flags[3],
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
            "tests/proptest-regressions/sizing.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_valid_input_gets_a_recommendation_with_reasons(r in any_requirements()) {
        let rec = recommend(&r);
        prop_assert!(!rec.reasons.is_empty());
        prop_assert!(rec.projected_users >= r.current_users);
        if rec.variant == Variant::CloudNativeHybrid {
            prop_assert!(r.kubernetes_expertise && !r.zero_downtime);
            prop_assert!(matches!(r.platform, Some(Platform::Aws | Platform::Gcp)));
            prop_assert!(rec.hybrid().is_some());
        }
        if r.ha_required || r.zero_downtime {
            prop_assert!(rec.size >= SizeKey::Users3k);
        }
    }

    #[test]
    fn more_users_never_shrink_the_recommendation(
        r in any_requirements(), extra in 0u64..100_000, pct in 0.0..=500.0f64, months in 1u32..=120
    ) {
        // Users grow at a fixed rate (with a target, measured RPS per user would fall instead).
        let r = Requirements { growth: Growth::Rate { annual_pct: pct, horizon_months: months }, ..r };
        let bigger = Requirements { current_users: r.current_users + extra, ..r.clone() };
        prop_assert!(recommend(&bigger).size >= recommend(&r).size);
    }

    #[test]
    fn more_growth_never_shrinks_the_recommendation(
        r in any_requirements(), pct in 0.0..=250.0f64, more in 0.0..=250.0f64,
        months in 1u32..=60, longer in 0u32..=60
    ) {
        let slow = Requirements { growth: Growth::Rate { annual_pct: pct, horizon_months: months }, ..r.clone() };
        let fast = Requirements {
            growth: Growth::Rate { annual_pct: pct + more, horizon_months: months + longer },
            ..r
        };
        prop_assert!(recommend(&fast).size >= recommend(&slow).size);
    }

    #[test]
    fn more_rps_of_any_type_never_shrinks_the_recommendation(
        r in any_requirements(), which in 0usize..4, more in 0.0..1000.0f64
    ) {
        let traffic = TrafficType::ALL[which];
        let with = |value: f64| {
            let mut peak = r.peak_rps;
            match traffic {
                TrafficType::Api => peak.api = Some(value),
                TrafficType::Web => peak.web = Some(value),
                TrafficType::GitPull => peak.git_pull = Some(value),
                TrafficType::GitPush => peak.git_push = Some(value),
            }
            Requirements { peak_rps: peak, ..r.clone() }
        };
        let start = r.peak_rps.get(traffic).unwrap_or(0.0);
        let before = with(start);
        let after = with(start + more);
        prop_assert!(recommend(&after).size >= recommend(&before).size);
    }

    #[test]
    fn any_form_text_parses_or_fails_without_panicking(
        users in ".{0,12}", growth in ".{0,8}", horizon in ".{0,6}", api in ".{0,8}"
    ) {
        let inputs = SizingInputs {
            current_users: users, annual_growth_pct: growth, horizon_months: horizon,
            peak_rps: Rps { api, ..Rps::default() }, ..SizingInputs::default()
        };
        if let Ok(r) = Requirements::try_from(&inputs) {
            prop_assert!(!recommend(&r).reasons.is_empty());
        }
    }
}
