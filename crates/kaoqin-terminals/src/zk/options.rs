//! Option and version strings (§11): `CMD_OPTIONS_RRQ` sends `"key\0"` and the terminal answers
//! `"key=value\0"`; `CMD_OPTIONS_WRQ` sends `"key=value\0"`; `CMD_GET_VERSION` answers a
//! NUL-terminated text such as `"Ver 6.60 Apr 28 2015"`.
//!
//! Text is read as UTF-8, lossily: option values are ASCII on every terminal seen. Not here: which
//! keys to ask for, what their values mean (`~ExtendFmt`, `TZAdj`, …), and the `CMD_ACK_ERROR`
//! a terminal gives for a key it does not have (the client carries on).

use super::until_nul;

/// The `CMD_OPTIONS_RRQ` payload: `key` followed by a NUL.
pub fn option_request(key: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(key.len().saturating_add(1));
    out.extend_from_slice(key.as_bytes());
    out.push(0);
    out
}

/// The key of an option request (what the simulator receives), up to the first NUL.
pub fn parse_option_request(data: &[u8]) -> String {
    String::from_utf8_lossy(until_nul(data)).into_owned()
}

/// Reads `"key=value\0"` as `(key, value)`, split at the first `=`; the text ends at the first
/// NUL (trailing NUL padding is dropped). `None` when there is no `=`.
pub fn parse_option_reply(data: &[u8]) -> Option<(String, String)> {
    let text = until_nul(data);
    let eq = text.iter().position(|&b| b == b'=')?;
    let key = text.get(..eq)?;
    let value = text.get(eq.checked_add(1)?..)?;
    Some((String::from_utf8_lossy(key).into_owned(), String::from_utf8_lossy(value).into_owned()))
}

/// `"key=value\0"`: the terminal's answer to an option request, and also the payload of
/// `CMD_OPTIONS_WRQ`.
pub fn option_reply(key: &str, value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(key.len().saturating_add(value.len()).saturating_add(2));
    out.extend_from_slice(key.as_bytes());
    out.push(b'=');
    out.extend_from_slice(value.as_bytes());
    out.push(0);
    out
}

/// The version text of a `CMD_GET_VERSION` answer, up to the first NUL, trailing spaces dropped.
pub fn parse_version(data: &[u8]) -> String {
    String::from_utf8_lossy(until_nul(data)).trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_splits_at_the_first_equals_sign() {
        assert_eq!(
            parse_option_reply(b"~SerialNumber=ABC\0\0\0"),
            Some(("~SerialNumber".into(), "ABC".into()))
        );
        assert_eq!(parse_option_reply(b"A=b=c\0"), Some(("A".into(), "b=c".into())));
        assert_eq!(parse_option_reply(b"MAC=\0"), Some(("MAC".into(), String::new())));
        assert_eq!(parse_option_reply(b"NoEquals\0=x"), None, "text ends at the first NUL");
        assert_eq!(parse_option_reply(b""), None);
    }

    #[test]
    fn request_and_version() {
        assert_eq!(option_request("~OS"), b"~OS\0");
        assert_eq!(parse_option_request(b"~OS\0"), "~OS");
        assert_eq!(option_reply("~OS", "1"), b"~OS=1\0");
        assert_eq!(parse_version(b"Ver 6.60 Apr 28 2015\0"), "Ver 6.60 Apr 28 2015");
        assert_eq!(parse_version(b"Ver \xFF\0junk"), "Ver \u{FFFD}");
    }
}
