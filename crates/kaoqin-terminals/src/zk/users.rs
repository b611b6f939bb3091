//! User records (§14): the reassembled users buffer is a `u32` byte count followed by 28-byte
//! (black-and-white firmware) or 72-byte (TFT) records, and names in a codec that depends on the
//! terminal (GBK on Chinese terminals, UTF-8 or a Windows code page elsewhere).
//!
//! Layouts, all little-endian:
//! - 28 bytes: `uid u16 @0, privilege u8 @2, password[5] @3, name[8] @8, card u32 @16, pad @20,
//!   group u8 @21, time zones u16 @22, user id u32 @24`;
//! - 72 bytes: `uid u16 @0, privilege u8 @2, password[8] @3, name[24] @11, card u32 @35,
//!   group u8 @39, time zones u16[4] @40, user id char[24] @48`.
//!
//! Names are kept as raw bytes ([`UserRecord::name_raw`], the whole field) as well as decoded on
//! demand, so a wrong codec setting can be fixed later without a new pull. Not here: time-zone
//! fields (read as nothing, written as zero), fingerprint templates, and which codec a terminal
//! uses (a per-terminal setting the caller passes in).

use encoding_rs::Encoding;

use super::records::{RecordError, body, plausible_id_field, records_of, text_field, with_prefix};
use super::until_nul;

/// One of the two user record layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserLayout {
    B28,
    B72,
}

impl UserLayout {
    /// Both layouts, smallest first.
    pub const ALL: [UserLayout; 2] = [UserLayout::B28, UserLayout::B72];

    /// Record size in bytes.
    pub fn size(self) -> usize {
        match self {
            UserLayout::B28 => 28,
            UserLayout::B72 => 72,
        }
    }

    /// Width of the password field.
    pub fn password_width(self) -> usize {
        match self {
            UserLayout::B28 => 5,
            UserLayout::B72 => 8,
        }
    }

    /// Width of the name field.
    pub fn name_width(self) -> usize {
        match self {
            UserLayout::B28 => 8,
            UserLayout::B72 => 24,
        }
    }
}

/// The text codec of names on a terminal (a per-terminal setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NameCodec {
    /// GBK / CP936: Chinese terminals.
    #[default]
    Gbk,
    Utf8,
    /// Western European.
    Windows1252,
    /// Cyrillic.
    Windows1251,
    /// Arabic and Persian.
    Windows1256,
}

impl NameCodec {
    fn encoding(self) -> &'static Encoding {
        match self {
            NameCodec::Gbk => encoding_rs::GBK,
            NameCodec::Utf8 => encoding_rs::UTF_8,
            NameCodec::Windows1252 => encoding_rs::WINDOWS_1252,
            NameCodec::Windows1251 => encoding_rs::WINDOWS_1251,
            NameCodec::Windows1256 => encoding_rs::WINDOWS_1256,
        }
    }

    /// Decodes text, lossily (bad bytes become U+FFFD).
    pub fn decode(self, bytes: &[u8]) -> String {
        self.encoding().decode_without_bom_handling(bytes).0.into_owned()
    }
}

/// One user as the terminal stores it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct UserRecord {
    /// Internal user slot.
    pub uid: u16,
    /// 0 user, 2 enroller, 6 manager, 14 admin (or a bit field: bit 0 disabled, bits 1–3 level).
    pub privilege: u8,
    /// Password bytes up to the first NUL.
    pub password: Vec<u8>,
    /// The whole name field as received (NUL padding included); see [`Self::name`].
    pub name_raw: Vec<u8>,
    pub card: u32,
    pub group: u8,
    /// The PIN people type (考勤号码): the `u32` in decimal (28 bytes) or the text up to the
    /// first NUL (72 bytes, lossy UTF-8).
    pub user_id: String,
}

impl UserRecord {
    /// The name decoded with `codec`, up to the first NUL; bytes the codec cannot read become
    /// U+FFFD.
    pub fn name(&self, codec: NameCodec) -> String {
        codec.decode(until_nul(&self.name_raw))
    }
}

/// Copies `src` into a zeroed `field`, cut to its width.
fn put(field: &mut [u8], src: &[u8]) {
    for (slot, b) in field.iter_mut().zip(src) {
        *slot = *b;
    }
}

fn parse_b28(r: &[u8; 28]) -> UserRecord {
    UserRecord {
        uid: u16::from_le_bytes([r[0], r[1]]),
        privilege: r[2],
        password: until_nul(&r[3..8]).to_vec(),
        name_raw: r[8..16].to_vec(),
        card: u32::from_le_bytes([r[16], r[17], r[18], r[19]]),
        group: r[21],
        user_id: u32::from_le_bytes([r[24], r[25], r[26], r[27]]).to_string(),
    }
}

fn parse_b72(r: &[u8; 72]) -> UserRecord {
    UserRecord {
        uid: u16::from_le_bytes([r[0], r[1]]),
        privilege: r[2],
        password: until_nul(&r[3..11]).to_vec(),
        name_raw: r[11..35].to_vec(),
        card: u32::from_le_bytes([r[35], r[36], r[37], r[38]]),
        group: r[39],
        user_id: text_field(&r[48..72]),
    }
}

/// Reads a users buffer (`u32` size prefix included) in `layout`; the prefix must equal the bytes
/// after it and they must be whole records.
pub fn parse_users(buf: &[u8], layout: UserLayout) -> Result<Vec<UserRecord>, RecordError> {
    let body = body(buf)?;
    Ok(match layout {
        UserLayout::B28 => records_of::<28>(body)?.iter().map(parse_b28).collect(),
        UserLayout::B72 => records_of::<72>(body)?.iter().map(parse_b72).collect(),
    })
}

/// Highest privilege value taken as plausible by [`detect_user_layout`] (known values fit 4 bits).
pub const PLAUSIBLE_PRIVILEGE_MAX: u8 = 15;

fn plausible(body: &[u8], layout: UserLayout) -> bool {
    let common = |uid: u16, privilege: u8| uid != 0 && privilege <= PLAUSIBLE_PRIVILEGE_MAX;
    match layout {
        UserLayout::B28 => records_of::<28>(body).is_ok_and(|rs| {
            rs.iter().all(|r| {
                common(u16::from_le_bytes([r[0], r[1]]), r[2])
                    && u32::from_le_bytes([r[24], r[25], r[26], r[27]]) != 0
            })
        }),
        UserLayout::B72 => records_of::<72>(body).is_ok_and(|rs| {
            rs.iter().all(|r| {
                common(u16::from_le_bytes([r[0], r[1]]), r[2]) && plausible_id_field(&r[48..72])
            })
        }),
    }
}

/// Picks the user record layout of a users buffer (`u32` prefix included). A layout is a
/// candidate when the records fill the buffer exactly and every record is plausible: uid not 0,
/// privilege at most [`PLAUSIBLE_PRIVILEGE_MAX`], and a user id that is not 0 (28 bytes) or is 1–24
/// ASCII letters or digits followed only by NULs (72 bytes). One candidate is the answer; none is
/// [`RecordError::NoLayout`], both [`RecordError::Ambiguous`]. An empty buffer gives `B72`.
pub fn detect_user_layout(buf: &[u8]) -> Result<UserLayout, RecordError> {
    let body = body(buf)?;
    if body.is_empty() {
        return Ok(UserLayout::B72);
    }
    let candidates: Vec<UserLayout> =
        UserLayout::ALL.into_iter().filter(|&l| plausible(body, l)).collect();
    match candidates.as_slice() {
        [] => Err(RecordError::NoLayout { body_len: body.len() }),
        [one] => Ok(*one),
        several => Err(RecordError::Ambiguous {
            body_len: body.len(),
            sizes: several.iter().map(|l| l.size()).collect(),
        }),
    }
}

/// Writes a users buffer with its `u32` size prefix. Password and name bytes are cut to their
/// field widths (use [`encode_name`] to make a name that fits); time zones are zero. In the
/// 28-byte layout `user_id` is written when it is decimal digits that fit a `u32`, otherwise
/// `uid` is written instead (so such an id does not survive the round trip); in the 72-byte
/// layout it is cut to 24 bytes.
pub fn encode_users(users: &[UserRecord], layout: UserLayout) -> Vec<u8> {
    let mut body = Vec::with_capacity(users.len().saturating_mul(layout.size()));
    for u in users {
        match layout {
            UserLayout::B28 => {
                let mut r = [0u8; 28];
                r[0..2].copy_from_slice(&u.uid.to_le_bytes());
                r[2] = u.privilege;
                put(&mut r[3..8], &u.password);
                put(&mut r[8..16], &u.name_raw);
                r[16..20].copy_from_slice(&u.card.to_le_bytes());
                r[21] = u.group;
                let numeric =
                    !u.user_id.is_empty() && u.user_id.bytes().all(|b| b.is_ascii_digit());
                let id = numeric.then(|| u.user_id.parse::<u32>().ok()).flatten();
                r[24..28].copy_from_slice(&id.unwrap_or(u32::from(u.uid)).to_le_bytes());
                body.extend_from_slice(&r);
            }
            UserLayout::B72 => {
                let mut r = [0u8; 72];
                r[0..2].copy_from_slice(&u.uid.to_le_bytes());
                r[2] = u.privilege;
                put(&mut r[3..11], &u.password);
                put(&mut r[11..35], &u.name_raw);
                r[35..39].copy_from_slice(&u.card.to_le_bytes());
                r[39] = u.group;
                put(&mut r[48..72], u.user_id.as_bytes());
                body.extend_from_slice(&r);
            }
        }
    }
    with_prefix(body)
}

/// `name` in `codec`, NUL-padded to exactly `width` bytes. Characters are added whole while they
/// fit, so a multi-byte character is never split; the first one that does not fit ends the name.
/// A character the codec cannot represent (or a NUL) is written as `?`. The whole width may be
/// used, leaving no terminating NUL, as terminals do.
pub fn encode_name(name: &str, codec: NameCodec, width: usize) -> Vec<u8> {
    let encoding = codec.encoding();
    let mut out = Vec::with_capacity(width);
    let mut one = [0u8; 4];
    for c in name.chars() {
        let text: &str = c.encode_utf8(&mut one);
        let (bytes, _, unmappable) = encoding.encode(text);
        let bytes: &[u8] = if unmappable || c == '\0' { b"?" } else { &bytes };
        if out.len().saturating_add(bytes.len()) > width {
            break;
        }
        out.extend_from_slice(bytes);
    }
    out.resize(width, 0);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]
mod tests {
    use super::*;

    fn user(uid: u16, user_id: &str, name: &str, layout: UserLayout) -> UserRecord {
        UserRecord {
            uid,
            privilege: 14,
            password: b"1234".to_vec(),
            name_raw: encode_name(name, NameCodec::Gbk, layout.name_width()),
            card: 0x00C0_FFEE,
            group: 1,
            user_id: user_id.into(),
        }
    }

    #[test]
    fn gbk_name_in_a_24_byte_field() {
        let raw = encode_name("张三", NameCodec::Gbk, 24);
        // GBK: 张 = D5 C5, 三 = C8 FD (GB 2312 code table).
        assert_eq!(&raw[..4], &[0xD5, 0xC5, 0xC8, 0xFD]);
        assert_eq!(raw.len(), 24);
        assert!(raw[4..].iter().all(|&b| b == 0));
        let u = UserRecord { name_raw: raw, ..UserRecord::default() };
        assert_eq!(u.name(NameCodec::Gbk), "张三");
        assert_ne!(u.name(NameCodec::Utf8), "张三", "the wrong codec shows replacement text");
    }

    #[test]
    fn gbk_name_in_a_28_byte_user_record() {
        let u = user(3, "1003", "张三", UserLayout::B28);
        let buf = encode_users(std::slice::from_ref(&u), UserLayout::B28);
        assert_eq!(buf.len(), 4 + 28);
        assert_eq!(&buf[..4], &[28, 0, 0, 0]);
        assert_eq!(&buf[4 + 8..4 + 12], &[0xD5, 0xC5, 0xC8, 0xFD], "name at offset 8");
        assert_eq!(&buf[4 + 24..], &1003u32.to_le_bytes(), "user id at offset 24");
        let back = parse_users(&buf, UserLayout::B28).unwrap();
        assert_eq!(back, vec![u]);
        assert_eq!(back[0].name(NameCodec::Gbk), "张三");
        assert_eq!(detect_user_layout(&buf), Ok(UserLayout::B28));
    }

    #[test]
    fn record_72_round_trip_and_detection() {
        let users: Vec<UserRecord> =
            (1..=7).map(|i| user(i, &format!("{}", 1000 + i), "李四", UserLayout::B72)).collect();
        let buf = encode_users(&users, UserLayout::B72);
        // 7 × 72 = 504 = 18 × 28: both layouts divide, only one reads plausibly.
        assert_eq!(buf.len() - 4, 504);
        assert_eq!(&buf[4 + 48..4 + 52], b"1001", "user id at offset 48");
        assert_eq!(detect_user_layout(&buf), Ok(UserLayout::B72));
        assert_eq!(parse_users(&buf, UserLayout::B72).unwrap(), users);
        let b28: Vec<UserRecord> =
            (1..=18).map(|i| user(i, &format!("{i}"), "W", UserLayout::B28)).collect();
        assert_eq!(detect_user_layout(&encode_users(&b28, UserLayout::B28)), Ok(UserLayout::B28));
    }

    #[test]
    fn user_detection_edge_cases() {
        assert_eq!(detect_user_layout(&with_prefix(Vec::new())), Ok(UserLayout::B72));
        assert_eq!(
            detect_user_layout(&with_prefix(vec![0; 504])),
            Err(RecordError::NoLayout { body_len: 504 })
        );
        // 504 bytes that read plausibly both ways: all 0x01 (uid 0x0101, privilege 1, 28-byte
        // id 0x01010101), except the 72-byte id fields, which hold ASCII '1's up to the first
        // 28-byte privilege byte inside them and NULs after it.
        let mut body = vec![1u8; 504];
        for k in 0..7 {
            let field = k * 72 + 48..k * 72 + 72;
            let cut = field.clone().find(|p| p % 28 == 2).unwrap_or(field.end);
            for p in field {
                body[p] = if p < cut { b'1' } else { 0 };
            }
        }
        let buf = with_prefix(body);
        assert_eq!(
            detect_user_layout(&buf),
            Err(RecordError::Ambiguous { body_len: 504, sizes: vec![28, 72] })
        );
        assert_eq!(parse_users(&buf, UserLayout::B72).unwrap()[0].user_id, "1111111111");
    }

    #[test]
    fn encode_name_never_splits_a_character() {
        // 3 bytes per character in UTF-8: 8 bytes hold two.
        let raw = encode_name("张三李", NameCodec::Utf8, 8);
        assert_eq!(raw.len(), 8);
        assert_eq!(&raw[..6], "张三".as_bytes());
        assert_eq!(&raw[6..], &[0, 0]);
        // 2 bytes per character in GBK: 5 bytes hold two, then one NUL.
        let raw = encode_name("张三李", NameCodec::Gbk, 5);
        assert_eq!(raw, vec![0xD5, 0xC5, 0xC8, 0xFD, 0]);
        // Mixed widths: "A张" is 3 bytes in GBK; a 2-byte field keeps only "A".
        assert_eq!(encode_name("A张", NameCodec::Gbk, 2), vec![b'A', 0]);
        // Unmappable characters become '?', never a numeric character reference.
        assert_eq!(encode_name("Я张", NameCodec::Windows1252, 4), b"??\0\0".to_vec());
        assert_eq!(encode_name("Яков", NameCodec::Windows1251, 4), vec![0xDF, 0xEA, 0xEE, 0xE2]);
        assert_eq!(encode_name("", NameCodec::Gbk, 3), vec![0, 0, 0]);
        assert_eq!(encode_name("ab", NameCodec::Gbk, 0), Vec::<u8>::new());
    }
}
