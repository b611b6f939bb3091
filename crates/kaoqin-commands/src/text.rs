//! Text files as clerks save them on Chinese Windows: UTF-8 with or without a BOM, UTF-16 with a
//! BOM ("Unicode" in Notepad and Excel), or the ANSI code page, which is GBK/GB18030.
//!
//! The rule: a BOM decides; otherwise valid UTF-8 is UTF-8; otherwise GB18030 (a superset of
//! GBK and GB2312). Decoding never fails; bytes that are not valid even in GB18030 become U+FFFD
//! and are reported, so an importer can refuse the file instead of storing garbled names.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// The decoded text and what it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `gb18030`.
    pub encoding: &'static str,
    /// Whether the file started with a byte order mark.
    pub had_bom: bool,
    /// Whether some bytes could not be decoded (they became U+FFFD).
    pub had_errors: bool,
}

pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            had_bom: true,
            had_errors,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            had_bom: false,
            had_errors: false,
        };
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: GB18030.name(), had_bom: false, had_errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_encoding_a_clerk_may_save_in() {
        let zh = "工号,姓名\n1001,张三\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(zh);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(zh.as_bytes());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(zh.encode_utf16().flat_map(u16::to_le_bytes));
        for (bytes, encoding, had_bom) in [
            (zh.as_bytes().to_vec(), "UTF-8", false),
            (bom, "UTF-8", true),
            (gbk.into_owned(), "gb18030", false),
            (utf16, "UTF-16LE", true),
        ] {
            let d = decode(&bytes);
            assert_eq!(
                (d.text.as_str(), d.encoding, d.had_bom, d.had_errors),
                (zh, encoding, had_bom, false)
            );
        }
    }

    #[test]
    fn undecodable_bytes_are_reported() {
        let d = decode(&[0x31, 0x81, 0x20]);
        assert!(d.had_errors, "a lone GB18030 lead byte: {d:?}");
    }
}
