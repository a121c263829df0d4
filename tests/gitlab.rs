//! Issue 27, points 1, 2, 4, 6 and 7 (the part without a browser): the address and project a
//! TAM connects to, the requests sent to GitLab, and what each failure says.
#![cfg(not(target_arch = "wasm32"))]

use upgrade_planner::domain::documents::gitlab::{
    self, error_message, failure, AddressError, Failure, Instance, Method, Project, Write,
};

fn instance(text: &str) -> Instance {
    Instance::parse(text).unwrap()
}

#[test]
fn an_address_is_https_or_this_machine_and_empty_is_gitlab_com() {
    assert_eq!(instance("").base(), "https://gitlab.com");
    assert_eq!(
        instance(" https://GitLab.Example.com/ ").base(),
        "https://gitlab.example.com"
    );
    assert_eq!(
        instance("https://example.com/gitlab/").base(),
        "https://example.com/gitlab"
    );
    assert_eq!(
        instance("http://localhost:8080").base(),
        "http://localhost:8080"
    );
    assert!(instance("http://127.0.0.1:3000").is_loopback());
    assert!(!instance("https://gitlab.com").is_loopback());
    assert_eq!(
        Instance::parse("http://gitlab.example.com"),
        Err(AddressError::NotHttps)
    );
    assert_eq!(
        Instance::parse("http://localhost.evil.com"),
        Err(AddressError::NotHttps)
    );
    for bad in [
        "gitlab.com",
        "ftp://gitlab.com",
        "javascript:alert(1)",
        "https://",
        "https://user:pass@gitlab.com",
        "https://gitlab.com/?token=x",
        "https://gitlab.com/#x",
        "https://gitlab .com",
    ] {
        assert_eq!(
            Instance::parse(bad),
            Err(AddressError::NotWebAddress),
            "{bad}"
        );
    }
    assert_eq!(
        Instance::parse(&format!("https://{}.com", "a".repeat(2_000))),
        Err(AddressError::TooLong)
    );
}

#[test]
fn a_project_is_a_path_or_an_id_and_goes_into_a_path_encoded() {
    let gitlab = instance("https://gitlab.example.com");
    let path = Project::parse(" acme/tam-engagements ", &gitlab).unwrap();
    assert_eq!(path.segment(), "acme%2Ftam-engagements");
    assert_eq!(path.to_string(), "acme/tam-engagements");
    let nested =
        Project::parse("https://gitlab.example.com/acme/emea/tam.plans/", &gitlab).unwrap();
    assert_eq!(nested.segment(), "acme%2Femea%2Ftam.plans");
    assert_eq!(Project::parse("4711", &gitlab).unwrap(), Project::Id(4711));
    for bad in [
        "",
        "acme",
        "/acme/plans",
        "acme//plans",
        "acme/plans?x=1",
        "acme/../x/y z",
        "acme/../plans",
        "99999999999999999999999",
    ] {
        assert!(Project::parse(bad, &gitlab).is_err(), "{bad}");
    }
}

#[test]
fn each_request_is_a_documented_endpoint_with_its_values_encoded_and_no_token() {
    let gitlab = instance("https://gitlab.example.com");
    let p = Project::parse("acme/tam-engagements", &gitlab).unwrap();
    let user = gitlab::current_user();
    assert_eq!((user.method, user.template), (Method::Get, "/user"));
    assert_eq!(gitlab.url(&user), "https://gitlab.example.com/api/v4/user");
    assert_eq!(
        gitlab.url(&gitlab::project(&p)),
        "https://gitlab.example.com/api/v4/projects/acme%2Ftam-engagements"
    );
    // Past the first page: 100 a page, the most GitLab gives.
    assert_eq!(
        gitlab.url(&gitlab::folder(&p, "engagements", "main", 3)),
        "https://gitlab.example.com/api/v4/projects/acme%2Ftam-engagements/repository/tree?path=engagements&ref=main&per_page=100&page=3"
    );
    let file = gitlab::file(&p, "engagements/0b1c.json", "main");
    assert_eq!(file.template, "/projects/{id}/repository/files/{file_path}");
    assert_eq!(
        gitlab.url(&file),
        "https://gitlab.example.com/api/v4/projects/acme%2Ftam-engagements/repository/files/engagements%2F0b1c.json?ref=main"
    );
    assert_eq!(
        gitlab.url(&gitlab::file_commits(&p, "engagements/0b1c.json", "main", 1)),
        "https://gitlab.example.com/api/v4/projects/acme%2Ftam-engagements/repository/commits?path=engagements%2F0b1c.json&ref_name=main&per_page=100&page=1"
    );
    // One commit for the plan file and the packet; the update carries the commit it was read at.
    let commit = gitlab::commit(
        &p,
        "main",
        "Acme: sizing changed",
        &[
            Write {
                path: "engagements/0b1c.json".into(),
                content: "{}".into(),
                last_commit_id: Some("6104942438c14ec7bd21c6cd5bd995272b3faff6".into()),
            },
            Write {
                path: "engagements/0b1c.md".into(),
                content: "# Plan".into(),
                last_commit_id: None,
            },
        ],
    );
    assert_eq!(
        (commit.method, commit.template),
        (Method::Post, "/projects/{id}/repository/commits")
    );
    let body = commit.body.as_ref().unwrap();
    assert_eq!(body["actions"][0]["action"], "update");
    assert_eq!(
        body["actions"][0]["last_commit_id"],
        "6104942438c14ec7bd21c6cd5bd995272b3faff6"
    );
    assert_eq!(body["actions"][1]["action"], "create");
    assert!(body["actions"][1].get("last_commit_id").is_none());
    assert_eq!(
        commit.body_fields(),
        [
            "actions",
            "actions[].action",
            "actions[].content",
            "actions[].encoding",
            "actions[].file_path",
            "actions[].last_commit_id",
            "branch",
            "commit_message"
        ]
    );
    let issue = gitlab::create_issue(&p, "Support review: Acme", "# Packet");
    assert_eq!(issue.body.as_ref().unwrap()["confidential"], true);
    let update = gitlab::update_issue(&p, 42, "Support review: Acme", "# Packet v2");
    assert_eq!(
        (update.method, update.path.as_str()),
        (Method::Put, "/projects/acme%2Ftam-engagements/issues/42")
    );
    // No request carries a token: it goes in a header, never in an address or a body.
    for request in [user, file, commit, issue, update] {
        let text = format!("{} {:?}", gitlab.url(&request), request.body);
        assert!(!text.to_lowercase().contains("token"), "{text}");
    }
}

#[test]
fn every_failure_says_what_to_do_and_only_the_stale_commit_message_is_a_conflict() {
    let gitlab = instance("https://gitlab.example.com");
    let p = Project::parse("acme/tam-engagements", &gitlab).unwrap();
    let said = |status, body: &str| failure(status, body, &gitlab, &p).to_string();
    assert_eq!(
        said(Some(401), ""),
        "GitLab refused the token: it may have expired or been revoked; connect again"
    );
    assert_eq!(
        said(Some(403), ""),
        "This token cannot reach acme/tam-engagements"
    );
    assert_eq!(
        said(Some(404), r#"{"message":"404 Project Not Found"}"#),
        "This token cannot reach acme/tam-engagements"
    );
    assert_eq!(
        said(Some(429), ""),
        "GitLab is limiting requests; try again in a minute"
    );
    assert_eq!(
        said(None, ""),
        "Could not reach gitlab.example.com: check the address, the VPN or the certificate"
    );
    assert_eq!(
        failure(
            Some(400),
            r#"{"message":"You are attempting to update a file that has changed since you started editing it."}"#,
            &gitlab,
            &p
        ),
        Failure::Conflict
    );
    // Other 400s are GitLab's own words, never a conflict.
    assert_eq!(
        said(
            Some(400),
            r#"{"message":"A file with this name already exists"}"#
        ),
        "GitLab refused it: A file with this name already exists"
    );
    assert_eq!(
        said(
            Some(400),
            r#"{"message":{"title":["is too long (maximum is 255 characters)"]}}"#
        ),
        "GitLab refused it: title is too long (maximum is 255 characters)"
    );
    assert_eq!(
        said(Some(400), r#"{"error":"branch is missing"}"#),
        "GitLab refused it: branch is missing"
    );
    assert_eq!(
        said(Some(400), "<html>"),
        "GitLab refused it: the request was not accepted"
    );
    assert!(said(Some(502), "").contains("status 502"));
    // An answer is untrusted: a long one is not read, control characters do not pass.
    assert_eq!(
        error_message(&format!(r#"{{"message":"{}"}}"#, "x".repeat(20_000))),
        None
    );
    assert_eq!(
        error_message("{\"message\":\"a\\nb\\u0007c\"}").as_deref(),
        Some("a b c")
    );
}

// GitLab's answers are untrusted input: read into the few fields used, bounded, or refused.
#[test]
fn answers_are_read_into_what_is_used_and_refused_when_they_cannot_be() {
    use gitlab::{
        connected, next_page, read_commit, read_commits, read_file, read_folder, read_issue,
        read_project, read_user, ResponseError, Visibility, MAX_RESPONSE_BYTES,
    };
    let user = read_user(r#"{"id":7,"username":"dana","name":"Dana"}"#).unwrap();
    let project = read_project(
        r#"{"id":42,"path_with_namespace":"acme/tam-engagements","visibility":"internal","default_branch":"main","web_url":"https://gitlab.example.com/acme/tam-engagements"}"#,
    )
    .unwrap();
    assert_eq!(
        connected(&user, &project),
        "Connected to acme/tam-engagements as dana. The project is internal."
    );
    assert!(project
        .visibility
        .warning()
        .unwrap()
        .contains("customer's own people"));
    assert_eq!(Visibility::Private.warning(), None);
    // No visibility said: warned as the widest. An empty project has no default branch yet.
    let bare =
        read_project(r#"{"id":1,"path_with_namespace":"a/b","default_branch":null}"#).unwrap();
    assert_eq!(
        (bare.visibility, bare.default_branch),
        (Visibility::Public, None)
    );
    assert!(read_project(r#"{"path_with_namespace":"a/b"}"#).is_err());
    assert!(read_user(r#"{"username":"a\nb"}"#).is_err());

    // X-Next-Page: the next page's number, empty on the last page.
    assert_eq!(next_page(Some("2")), Some(2));
    assert_eq!(next_page(Some("")), None);
    assert_eq!(next_page(None), None);
    assert_eq!(next_page(Some("x")), None);

    // A file: base64 (GitLab may wrap it), its last commit.
    let file = read_file(
        r#"{"file_name":"x.json","encoding":"base64","content":"eyJhIjoi\nw6kifQ==","last_commit_id":"6104942438c14ec7bd21c6cd5bd995272b3faff6"}"#,
    )
    .unwrap();
    assert_eq!(file.content, r#"{"a":"é"}"#);
    assert_eq!(
        file.last_commit_id,
        "6104942438c14ec7bd21c6cd5bd995272b3faff6"
    );
    for bad in [
        r#"{"encoding":"base64","content":"@@@","last_commit_id":"6104942438c1"}"#,
        r#"{"encoding":"base64","content":"/w==","last_commit_id":"6104942438c1"}"#,
        r#"{"encoding":"gzip","content":"x","last_commit_id":"6104942438c1"}"#,
        r#"{"encoding":"base64","content":"","last_commit_id":"main"}"#,
    ] {
        assert!(read_file(bad).is_err(), "{bad}");
    }
    let huge = format!(r#"{{"content":"{}"}}"#, "A".repeat(MAX_RESPONSE_BYTES));
    assert!(matches!(
        read_file(&huge),
        Err(ResponseError::TooLarge { .. })
    ));

    // Commits, folders, issues: what cannot be read is left out or refused; addresses are web
    // addresses only.
    let commit = read_commit(
        r#"{"id":"ed899a2f4b50b4370feeea94676502b42383c746","short_id":"ed899a2f","web_url":"javascript:alert(1)","author_name":"Dana","committed_date":"2026-11-30T10:00:00Z"}"#,
    )
    .unwrap();
    assert_eq!(
        (commit.short_id.as_str(), commit.web_url.as_str()),
        ("ed899a2f", "")
    );
    let commits = read_commits(
        r#"[{"id":"ed899a2f4b50b4370feeea94676502b42383c746"},{"id":"not a sha"},{}]"#,
    )
    .unwrap();
    assert_eq!(commits.len(), 1);
    assert_eq!(commits[0].short_id, "ed899a2f");
    assert_eq!(
        read_folder(r#"[{"type":"blob","path":"engagements/a.json"},{"type":"tree","path":"engagements/old"},{"type":"blob"}]"#).unwrap(),
        ["engagements/a.json"]
    );
    assert!(read_folder(r#"{"message":"404 Tree Not Found"}"#).is_err());
    let issue = read_issue(r#"{"iid":12,"web_url":"https://gitlab.example.com/acme/support/-/issues/12","confidential":true}"#).unwrap();
    assert_eq!(issue.iid, 12);
    assert!(read_issue(r#"{"iid":12,"web_url":"data:text/html,x"}"#).is_err());
}

#[test]
fn a_save_names_the_customer_and_what_changed_and_the_page_says_where_the_copy_stands() {
    use gitlab::{commit_message, CommitChange, SavedState};
    assert_eq!(
        commit_message("Acme Corp", &CommitChange::First),
        "Add the upgrade plan for Acme Corp"
    );
    assert_eq!(
        commit_message(
            "Acme Corp",
            &CommitChange::Fields(vec![
                "Users".into(),
                "Users".into(),
                "Internal notes".into()
            ])
        ),
        "Update the upgrade plan for Acme Corp: Users, Internal notes"
    );
    let many: Vec<String> = (1..=9).map(|i| format!("Field {i}")).collect();
    assert!(commit_message("A", &CommitChange::Fields(many)).ends_with("Field 6 and 3 more"));
    assert_eq!(
        commit_message("A", &CommitChange::Fields(vec![])),
        "Save the upgrade plan for A again (no field changed)"
    );
    assert_eq!(
        commit_message("A", &CommitChange::Unknown),
        "Update the upgrade plan for A"
    );
    assert_eq!(SavedState::of(None, 3).text(), "Not yet in GitLab");
    assert_eq!(SavedState::of(Some(3), 3).text(), "The same as in GitLab");
    assert_eq!(
        SavedState::of(Some(2), 3).text(),
        "Changed here since it was saved to GitLab"
    );
    assert_eq!(gitlab::plan_path("abc"), "engagements/abc.json");
    assert!(gitlab::is_plan_path("engagements/abc.json"));
    assert!(!gitlab::is_plan_path("engagements/abc.md"));
    assert!(!gitlab::is_plan_path("engagements/old/abc.json"));
    assert!(!gitlab::is_plan_path("other/abc.json"));
    assert_eq!(
        gitlab::when("2026-12-02T09:06:12.000+01:00"),
        "2026-12-02 08:06 UTC"
    );
}

#[test]
fn the_support_project_is_used_through_the_api_only_on_the_connected_instance() {
    let gitlab = instance("https://gitlab.example.com");
    assert_eq!(
        gitlab::project_on(
            "https://gitlab.example.com/support/reviews/-/issues",
            &gitlab
        )
        .map(|p| p.to_string()),
        Some("support/reviews".to_string())
    );
    assert!(gitlab::project_on("https://gitlab.com/support/reviews", &gitlab).is_none());
    assert!(gitlab::project_on("https://gitlab.example.com.evil.com/a/b", &gitlab).is_none());
    let local = instance("http://127.0.0.1:8092");
    assert!(gitlab::project_on("http://127.0.0.1:8092/support/reviews", &local).is_some());
}

#[test]
fn what_is_remembered_is_used_only_when_it_holds_what_the_app_writes() {
    use gitlab::{Remembered, SavedCopy, SupportIssue};
    let saved = SavedCopy {
        instance: "https://gitlab.example.com".into(),
        project: "acme/plans".into(),
        last_commit_id: "0123456789abcdef".into(),
        revision: 4,
        at: "2026-12-02T00:00:00Z".into(),
        file_url: "https://gitlab.example.com/acme/plans/-/blob/main/engagements/a.json".into(),
    };
    let good = Remembered {
        saved: Some(saved.clone()),
        issue: Some(SupportIssue {
            instance: "https://gitlab.example.com".into(),
            project: "https://gitlab.example.com/support/reviews".into(),
            iid: 3,
            web_url: "https://gitlab.example.com/support/reviews/-/issues/3".into(),
        }),
    };
    assert!(good.is_sound());
    assert!(good
        .saved_in("https://gitlab.example.com", "ACME/plans")
        .is_some());
    assert!(good
        .saved_in("https://gitlab.example.com", "acme/other")
        .is_none());
    for bad in [
        SavedCopy {
            last_commit_id: "not-a-sha".into(),
            ..saved.clone()
        },
        SavedCopy {
            instance: "http://gitlab.example.com".into(),
            ..saved.clone()
        },
        SavedCopy {
            file_url: "javascript:alert(1)".into(),
            ..saved.clone()
        },
    ] {
        assert!(!Remembered {
            saved: Some(bad),
            issue: None
        }
        .is_sound());
    }
}
