//! An eMoney domain: where its API answers and where its web pages live, as
//! chosen at sign-in. One rule for every place an address is checked (the
//! options page asks the worker, which asks this).

use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;

/// `https://host[:port][/prefix]`, lower-case scheme and host, no trailing
/// slash. Plain `http` is only for this computer (`127.0.0.1`, `localhost`,
/// `[::1]`), in the development build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address(String);

/// Why an address is not an eMoney domain's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressError {
    Missing,
    NotWebAddress,
    /// `http://` (or another scheme) where `https://` is needed.
    NotHttps {
        loopback_allowed: bool,
    },
    Credentials,
    QueryOrFragment,
}

impl AddressError {
    pub fn text(self) -> Text {
        match self {
            AddressError::Missing => text!("addressMissing"),
            AddressError::NotWebAddress => text!("addressNotWeb"),
            AddressError::NotHttps {
                loopback_allowed: false,
            } => text!("addressHttps"),
            AddressError::NotHttps {
                loopback_allowed: true,
            } => text!("addressHttpsDevelopment"),
            AddressError::Credentials => text!("addressCredentials"),
            AddressError::QueryOrFragment => text!("addressQuery"),
        }
    }
}

const LOOPBACK: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// `host[:port]` (an IPv6 host in brackets), or `None` when the port is not
/// a number.
fn split_port(authority: &str) -> Option<(&str, Option<&str>)> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(rest) => {
            let close = rest.find(']')? + 2;
            let port = authority[close..].strip_prefix(':');
            if close < authority.len() && port.is_none() {
                return None;
            }
            (&authority[..close], port)
        }
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    match port {
        Some(port) if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) => None,
        port => Some((host, port)),
    }
}

impl Address {
    /// `loopback_http`: whether `http://` on this computer is accepted (the
    /// development build, whose tests and demo use a local sandbox).
    pub fn parse(text: &str, loopback_http: bool) -> Result<Address, AddressError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(AddressError::Missing);
        }
        let (scheme, rest) = text.split_once("://").ok_or(AddressError::NotWebAddress)?;
        let scheme = scheme.to_ascii_lowercase();
        if rest.contains(['?', '#']) {
            return Err(AddressError::QueryOrFragment);
        }
        if rest.chars().any(char::is_whitespace) || rest.contains('\\') {
            return Err(AddressError::NotWebAddress);
        }
        let (authority, path) = match rest.find('/') {
            Some(at) => (&rest[..at], rest[at..].trim_end_matches('/')),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(AddressError::Credentials);
        }
        let (host, port) = split_port(authority).ok_or(AddressError::NotWebAddress)?;
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'))
            && !host.starts_with(['.', '-'])
            && !host.ends_with(['.', '-']);
        if !host_ok {
            return Err(AddressError::NotWebAddress);
        }
        let lower_host = host.to_lowercase();
        match scheme.as_str() {
            "https" => {}
            "http" if loopback_http && LOOPBACK.contains(&lower_host.as_str()) => {}
            "http" | "ftp" | "ws" | "wss" | "file" | "javascript" | "data" => {
                return Err(AddressError::NotHttps {
                    loopback_allowed: loopback_http,
                })
            }
            _ => return Err(AddressError::NotWebAddress),
        }
        let port = port.map(|port| format!(":{port}")).unwrap_or_default();
        Ok(Address(format!("{scheme}://{lower_host}{port}{path}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `scheme://host/*`: the match pattern the browser grants (patterns with
    /// a port match nothing in Firefox; without one they match every port).
    pub fn origin_pattern(&self) -> String {
        let (scheme, rest) = self.0.split_once("://").unwrap_or(("https", &self.0));
        let authority = rest.split('/').next().unwrap_or_default();
        let host = split_port(authority).map_or(authority, |(host, _)| host);
        format!("{scheme}://{host}/*")
    }

    /// Whether `url` is this address or under it (same scheme, host and
    /// port, and a path within this address's path).
    pub fn contains(&self, url: &str) -> bool {
        let Some(rest) = url.strip_prefix(self.0.as_str()) else {
            return false;
        };
        rest.is_empty() || rest.starts_with(['/', '?', '#'])
    }
}

/// An eMoney domain: its API base (where the extension's calls go, and the
/// key of everything kept for it) and its web base (where launch addresses
/// must lead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain {
    api: Address,
    web: Address,
}

impl Domain {
    pub fn new(api: Address, web: Address) -> Domain {
        Domain { api, web }
    }

    /// A domain whose web pages live at the same address as its API (the
    /// sandbox's shape); for tests and callers that know only one address.
    pub fn parse(api: &str) -> Result<Domain, AddressError> {
        let api = Address::parse(api, true)?;
        Ok(Domain {
            web: api.clone(),
            api,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.api.as_str())
    }

    /// The API base, which names the domain in storage keys.
    pub fn as_str(&self) -> &str {
        self.api.as_str()
    }

    pub fn api(&self) -> &Address {
        &self.api
    }

    pub fn web(&self) -> &Address {
        &self.web
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<String, AddressError> {
        Address::parse(text, false).map(|address| address.as_str().to_owned())
    }

    #[test]
    fn web_addresses_are_normalized() {
        assert_eq!(
            parse(" HTTPS://eMoney.Example.com/relay/ "),
            Ok("https://emoney.example.com/relay".to_owned())
        );
        assert_eq!(
            parse("https://emoney.example.com:8443"),
            Ok("https://emoney.example.com:8443".to_owned())
        );
        assert_eq!(
            Address::parse("http://127.0.0.1:8787", true).map(|a| a.as_str().to_owned()),
            Ok("http://127.0.0.1:8787".to_owned())
        );
    }

    #[test]
    fn other_addresses_say_why_not() {
        assert_eq!(parse(""), Err(AddressError::Missing));
        assert_eq!(
            parse("emoney.example.com"),
            Err(AddressError::NotWebAddress)
        );
        assert_eq!(
            parse("http://emoney.example.com"),
            Err(AddressError::NotHttps {
                loopback_allowed: false
            })
        );
        assert_eq!(
            parse("http://127.0.0.1:8787"),
            Err(AddressError::NotHttps {
                loopback_allowed: false
            })
        );
        assert_eq!(
            Address::parse("http://emoney.example.com", true),
            Err(AddressError::NotHttps {
                loopback_allowed: true
            })
        );
        assert_eq!(parse("https://a@b"), Err(AddressError::Credentials));
        assert_eq!(parse("https://x/?a=1"), Err(AddressError::QueryOrFragment));
        assert_eq!(parse("https://x#top"), Err(AddressError::QueryOrFragment));
        for bad in [
            "https://",
            "javascript:alert(1)",
            "ftp//x",
            "https://a b",
            "https://.x",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(matches!(
            parse("ftp://x"),
            Err(AddressError::NotHttps { .. })
        ));
    }

    #[test]
    fn patterns_and_launch_addresses() {
        let web = Address::parse("https://app.emoney.example/advisor", false).expect("web");
        assert_eq!(web.origin_pattern(), "https://app.emoney.example/*");
        assert!(web.contains("https://app.emoney.example/advisor/launch/abc"));
        assert!(web.contains("https://app.emoney.example/advisor?x=1"));
        assert!(!web.contains("https://app.emoney.example/advisors/launch"));
        assert!(!web.contains("https://app.emoney.example.evil.com/advisor/x"));
        assert!(!web.contains("http://app.emoney.example/advisor/x"));
        let local = Address::parse("http://127.0.0.1:8787", true).expect("local");
        assert_eq!(local.origin_pattern(), "http://127.0.0.1/*");
        assert!(!local.contains("http://127.0.0.1:8788/launch/x"));
    }
}
