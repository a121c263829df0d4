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

/// True when a link field's text is a web address this app keeps: `https://` (or `http://`,
/// which every link field drew before this check) and a host, with no spaces or control
/// characters. An empty field is no link, and is fine.
pub fn is_web_address(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return true;
    }
    let rest = ["https://", "http://"].iter().find_map(|scheme| {
        trimmed
            .get(..scheme.len())
            .filter(|s| s.eq_ignore_ascii_case(scheme))
            .map(|_| &trimmed[scheme.len()..])
    });
    rest.is_some_and(|rest| {
        rest.chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '[')
    }) && !trimmed.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// True when `text` looks like one email address: a plain local part, `@`, and a host name with
/// a dot inside it ("dana.ortiz@" and "dana@localhost" do not).
pub fn is_email_address(text: &str) -> bool {
    let text = text.trim();
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
    };
    let host = |part: &str| {
        part.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
    };
    text.chars().count() <= 254
        && plain(local)
        && host(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// A link field holding something that is not a web address, named by the field's label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotWebAddress {
    pub field: &'static str,
}

impl std::fmt::Display for NotWebAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "“{}” must be a web address starting with https:// or http://",
            self.field
        )
    }
}

impl std::error::Error for NotWebAddress {}

/// What a link field says of text that is not a web address, shown next to it.
pub const NOT_WEB_ADDRESS: &str = "Enter a web address starting with https:// (or http://); until then, what you typed here is not saved.";

/// Checks a link field's text, naming the field when it is not a web address.
pub fn check_link(field: &'static str, text: &str) -> Result<(), NotWebAddress> {
    if is_web_address(text) {
        Ok(())
    } else {
        Err(NotWebAddress { field })
    }
}
