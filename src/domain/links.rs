//! Links built from what a user typed: only web and mail addresses may become `href`s.

/// The text as a link target when it is an `https:`, `http:` or `mailto:` address, else `None`
/// (so `javascript:` and other schemes never reach an `href`).
pub fn safe_href(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len());
    (allowed && !trimmed.chars().any(|c| c.is_control() || c.is_whitespace()))
        .then(|| trimmed.to_string())
}
