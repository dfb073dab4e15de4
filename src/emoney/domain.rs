//! An eMoney domain's API base: the address chosen at sign-in.

use super::error::EmoneyError;

/// `https://host[:port][/prefix]`, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain(String);

impl Domain {
    pub fn parse(text: &str) -> Result<Domain, EmoneyError> {
        let base = text.trim().trim_end_matches('/');
        let rest = base
            .strip_prefix("https://")
            .or_else(|| base.strip_prefix("http://"));
        match rest {
            Some(host)
                if !host.is_empty()
                    && !host.starts_with('/')
                    && !host.contains(['?', '#', ' ', '@']) =>
            {
                Ok(Domain(base.to_owned()))
            }
            _ => Err(EmoneyError::BadDomain {
                domain: text.trim().to_owned(),
            }),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_domains() {
        assert_eq!(
            Domain::parse(" https://emoney.example.com/relay/ ").map(|d| d.url("/connect/token")),
            Ok("https://emoney.example.com/relay/connect/token".to_owned())
        );
        assert!(Domain::parse("http://127.0.0.1:8787").is_ok());
        for bad in [
            "",
            "emoney.example.com",
            "ftp://x",
            "https://",
            "https://a@b",
            "javascript:alert(1)",
        ] {
            assert!(Domain::parse(bad).is_err(), "{bad}");
        }
    }
}
