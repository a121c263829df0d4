//! Issue 27, "Contract": every request the app sends to GitLab is one GitLab documents, with
//! parameter names GitLab knows, checked against the excerpt of GitLab's API description kept in
//! `tests/fixtures/gitlab-api-contract.json`.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use upgrade_planner::domain::documents::gitlab::{self, Instance, Project, Request, Write};

fn contract() -> Vec<Value> {
    let text = std::fs::read_to_string("tests/fixtures/gitlab-api-contract.json").unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["gitlab_version"], "19.5");
    value["endpoints"].as_array().unwrap().clone()
}

fn names(endpoint: &Value, key: &str) -> Vec<String> {
    endpoint[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// Every request the client can build, each with every optional part present.
fn every_request() -> Vec<Request> {
    let instance = Instance::parse("https://gitlab.example.com").unwrap();
    let project = Project::parse("acme/tam-engagements", &instance).unwrap();
    let by_id = Project::parse("42", &instance).unwrap();
    let writes = [
        Write {
            path: "engagements/a.json".into(),
            content: "{}".into(),
            last_commit_id: Some("0123456789abcdef0123456789abcdef01234567".into()),
        },
        Write {
            path: "engagements/a.md".into(),
            content: "# A".into(),
            last_commit_id: None,
        },
    ];
    vec![
        gitlab::current_user(),
        gitlab::project(&project),
        gitlab::project(&by_id),
        gitlab::folder(&project, "engagements", "main", 2),
        gitlab::file(&project, "engagements/a.json", "main"),
        gitlab::file_commits(&project, "engagements/a.json", "main", 1),
        gitlab::commit(&project, "main", "Save", &writes),
        gitlab::create_issue(&project, "Support review", "Packet"),
        gitlab::update_issue(&project, 7, "Support review", "Packet"),
    ]
}

#[test]
fn every_request_is_in_gitlabs_api_description_with_known_parameter_names() {
    let endpoints = contract();
    for request in every_request() {
        let full = format!("/api/v4{}", request.template);
        let endpoint = endpoints
            .iter()
            .find(|e| e["method"] == request.method.as_str() && e["path"] == full.as_str())
            .unwrap_or_else(|| panic!("{} {full} is not in the contract", request.method.as_str()));
        // The template's placeholders are the endpoint's path parameters, in order.
        let placeholders: Vec<String> = full
            .split('{')
            .skip(1)
            .map(|s| s.split('}').next().unwrap().to_owned())
            .collect();
        assert_eq!(placeholders, names(endpoint, "path_params"), "{full}");
        // The filled-in path has as many segments as the template: each value is encoded.
        assert_eq!(
            request.path.split('/').count(),
            request.template.split('/').count(),
            "{}",
            request.path
        );
        let query = names(endpoint, "query");
        for (name, _) in &request.query {
            assert!(query.contains(&(*name).to_owned()), "{full}: query {name}");
        }
        let body = names(endpoint, "body");
        for name in request.body_fields() {
            assert!(body.contains(&name), "{full}: body {name}");
        }
        assert_eq!(request.body.is_some(), !body.is_empty(), "{full}");
    }
}

#[test]
fn paging_stays_within_what_gitlab_gives_a_page() {
    let endpoints = contract();
    let tree = endpoints
        .iter()
        .find(|e| e["path"] == "/api/v4/projects/{id}/repository/tree")
        .unwrap();
    let max = tree["per_page_max"].as_u64().unwrap();
    let instance = Instance::parse("").unwrap();
    let project = Project::parse("a/b", &instance).unwrap();
    for request in [
        gitlab::folder(&project, "engagements", "main", 1),
        gitlab::file_commits(&project, "engagements/a.json", "main", 1),
    ] {
        let per_page: u64 = request
            .query
            .iter()
            .find(|(n, _)| *n == "per_page")
            .unwrap()
            .1
            .parse()
            .unwrap();
        assert!(per_page <= max && per_page > 20, "{per_page}");
    }
}

#[test]
fn the_stale_commit_message_is_the_one_gitlab_sends() {
    let endpoints = contract();
    let commit = endpoints
        .iter()
        .find(|e| e["method"] == "POST" && e["path"] == "/api/v4/projects/{id}/repository/commits")
        .unwrap();
    assert!(commit["stale_message"]
        .as_str()
        .unwrap()
        .contains(gitlab::STALE_MESSAGE));
}
