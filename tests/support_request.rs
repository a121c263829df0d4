//! Issue 35, point 5: Support's packet says first what Support is asked to do (the request, the
//! date feedback is needed by, the contact during the window, what the feedback decides), and
//! the customer's ticket asks for the same thing.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{reference_engagement, NOW};
use time::macros::date;
use upgrade_planner::domain::documents::plan::{markdown, Audience};
use upgrade_planner::domain::documents::request::support_request;
use upgrade_planner::domain::engagement::Engagement;
use upgrade_planner::domain::process::workflow::PsDecision;

const HEADING: &str = "## What Support is asked to do";

/// The section "What Support is asked to do" of Support's packet, heading included.
fn section(e: &Engagement) -> String {
    let md = markdown(e, NOW, Audience::Support);
    let start = md
        .find(HEADING)
        .unwrap_or_else(|| panic!("no section: {md}"));
    let end = md[start + 1..]
        .find("\n## ")
        .map(|n| n + start + 1)
        .unwrap_or(md.len());
    md[start..end].to_string()
}

/// The reference engagement moving from 17.8.2 to 18.5.1 with the move.
fn with_upgrade() -> Engagement {
    let mut e = reference_engagement();
    e.coordination.gitlab_version = "17.8.2".into();
    e.coordination.intake.target_version = "18.5.1".into();
    e
}

#[test]
fn support_s_packet_opens_with_what_support_is_asked_to_do_before_the_risks() {
    let e = with_upgrade();
    for audience in [Audience::Support, Audience::Tam] {
        let md = markdown(&e, NOW, audience);
        let first = md.find("\n## ").unwrap();
        assert_eq!(&md[first + 1..first + 1 + HEADING.len()], HEADING, "{md}");
        let risks = md.find("## Risks for this window").unwrap();
        assert!(md.find(HEADING).unwrap() < risks);
    }
    // The customer's view is not a request to Support.
    let customer = markdown(&e, NOW, Audience::Customer);
    assert!(
        !customer.contains("What Support is asked to do"),
        "{customer}"
    );
}

#[test]
fn the_request_is_a_plan_review_and_upgrade_assistance_only_with_an_upgrade() {
    let with = section(&with_upgrade());
    assert!(with.contains("A review of this migration plan"), "{with}");
    assert!(with.contains("a normal Support ticket"), "{with}");
    assert!(with.contains("moving data between installations"), "{with}");
    assert!(
        with.contains("Upgrade assistance for the upgrade from 17.8.2 to 18.5.1"),
        "{with}"
    );
    // The reference engagement stays on 17.11.3: no upgrade sentence at all.
    let without = section(&reference_engagement());
    assert!(
        without.contains("A review of this migration plan"),
        "{without}"
    );
    assert!(
        !without.to_lowercase().contains("upgrade assistance for"),
        "{without}"
    );
    assert!(!without.contains("upgrade from"), "{without}");
    // Versions the app cannot read: the upgrade as typed, still asked for.
    let mut typed = reference_engagement();
    typed.coordination.intake.target_version = "latest".into();
    let typed = section(&typed);
    assert!(
        typed.contains("an upgrade is planned from “17.11.3” to “latest” as typed"),
        "{typed}"
    );
}

#[test]
fn the_feedback_date_is_counted_from_the_rehearsal_and_the_window() {
    // A rehearsal recorded ahead: feedback before it.
    let e = reference_engagement();
    let text = section(&e);
    assert!(text.contains("Feedback needed by"), "{text}");
    assert!(text.contains("2027-02-20"), "{text}");
    assert!(text.contains("rehearsal"), "{text}");
    // No rehearsal recorded: its latest date, 3 days before the window (2027-03-06).
    let mut e = reference_engagement();
    e.coordination.intake.rehearsal_on = None;
    let text = section(&e);
    assert!(text.contains("2027-03-03"), "{text}");
    assert!(text.contains("3 days before the window"), "{text}");
    // The rehearsal already held: feedback before the go/no-go, the day before the window.
    let mut e = reference_engagement();
    e.coordination.intake.rehearsal_on = Some(date!(2026 - 11 - 20));
    let text = section(&e);
    assert!(text.contains("2027-03-05"), "{text}");
    assert!(text.contains("go/no-go"), "{text}");
    // No window: counted back from the desired completion, and said so.
    let mut e = reference_engagement();
    e.coordination.intake.rehearsal_on = None;
    e.coordination.intake.window_start = None;
    e.coordination.intake.window_end = None;
    let text = section(&e);
    assert!(text.contains("2027-06-27"), "{text}");
    assert!(text.contains("desired completion"), "{text}");
    // Neither a window nor a desired completion: no date, and why.
    e.coordination.desired_completion = None;
    let text = section(&e);
    assert!(
        text.contains("no maintenance window and no desired completion"),
        "{text}"
    );
}

#[test]
fn the_contact_and_who_is_primary_follow_the_professional_services_decision() {
    let declined = section(&reference_engagement());
    assert!(declined.contains("Dana Scully"), "{declined}");
    // The Markdown escapes the address's "@" so that it mentions no one.
    assert!(declined.contains("dana\\@acme.example"), "{declined}");
    let contact = support_request(&reference_engagement(), NOW.date()).contact_text();
    assert!(
        contact.contains("Dana Scully (dana@acme.example)"),
        "{contact}"
    );
    assert!(
        declined.contains("The customer opens the Support ticket"),
        "{declined}"
    );
    assert!(
        declined.contains("GitLab Support is the primary contact"),
        "{declined}"
    );
    let mut e = reference_engagement();
    e.coordination.ps_decision = PsDecision::Engaged;
    let engaged = section(&e);
    assert!(
        engaged.contains("Professional Services are the primary contact"),
        "{engaged}"
    );
    assert!(
        !engaged.contains("GitLab Support is the primary contact"),
        "{engaged}"
    );
    // No contact recorded: said, not invented.
    let mut e = reference_engagement();
    e.coordination.intake.contact_name.clear();
    e.coordination.intake.contact_email.clear();
    let none = section(&e);
    assert!(none.contains("not recorded yet"), "{none}");
}

#[test]
fn the_packet_says_what_the_feedback_decides() {
    let text = section(&with_upgrade());
    assert!(text.contains("What the feedback decides"), "{text}");
    assert!(text.contains("go/no-go"), "{text}");
    assert!(text.contains("before the rehearsal"), "{text}");
    // Only with an upgrade: whether it fits the move's window.
    assert!(text.contains("upgrade"), "{text}");
    let without = section(&reference_engagement());
    assert!(!without.contains("the upgrade"), "{without}");
}

#[test]
fn the_ticket_asks_for_the_same_thing() {
    let request = support_request(&with_upgrade(), NOW.date());
    let ticket = request.ticket_text();
    assert!(
        ticket.starts_with("Open a Support ticket asking for a review of this migration plan"),
        "{ticket}"
    );
    assert!(ticket.contains("upgrade assistance"), "{ticket}");
    assert!(ticket.contains("17.8.2 to 18.5.1"), "{ticket}");
    assert!(ticket.contains("feedback needed by 2027-02-20"), "{ticket}");
    assert!(ticket.contains("Dana Scully"), "{ticket}");
    let plain = support_request(&reference_engagement(), NOW.date()).ticket_text();
    assert!(!plain.contains("upgrade assistance"), "{plain}");
}

#[test]
fn a_short_notice_is_said_and_a_past_window_asks_for_no_date() {
    use time::macros::datetime;
    // Not shared yet, the window on 2026-12-01: the rehearsal's latest date is in 3 days.
    let mut e = reference_engagement();
    e.coordination.review = Default::default();
    e.coordination.intake.rehearsal_on = None;
    e.coordination.intake.window_start = Some(datetime!(2026-12-01 22:00 +1));
    e.coordination.intake.window_end = Some(datetime!(2026-12-02 06:00 +1));
    let text = section(&e);
    assert!(text.contains("2026-11-28"), "{text}");
    assert!(
        text.contains("That leaves Support 3 days, fewer than the 7 days"),
        "{text}"
    );
    // A window already past: no date, and nothing said to be decided before it.
    e.coordination.intake.window_start = Some(datetime!(2026-11-20 22:00 +1));
    e.coordination.intake.window_end = Some(datetime!(2026-11-21 06:00 +1));
    let text = section(&e);
    assert!(text.contains("every date has passed"), "{text}");
    assert!(!text.contains("go/no-go on"), "{text}");
    assert!(!text.contains("before the rehearsal"), "{text}");
}
