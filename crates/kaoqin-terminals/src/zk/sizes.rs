//! The `CMD_GET_FREE_SIZES` reply (§10): counts and capacities as little-endian `i32`s at fixed
//! offsets, 80 bytes, or 92 with the face counts.
//!
//! The counts are what the terminal says and can be stale or zero (some firmware reports 0
//! records): they are a hint for progress and layout detection, never the truth about how many
//! records a pull must return. Not here: the fingerprint/face algorithms and the unnamed slots
//! between the fields (kept zero on encode).

use super::{ParseError, i32_at};

/// Length of the reply without face counts.
pub const FREE_SIZES_LEN: usize = 80;
/// Length of the reply with face counts.
pub const FREE_SIZES_FACE_LEN: usize = 92;

/// Counts and capacities reported by the terminal (field names follow §10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FreeSizes {
    /// Enrolled users (offset 16).
    pub users: i32,
    /// Fingerprint templates (24).
    pub fingerprints: i32,
    /// Attendance records (32).
    pub records: i32,
    /// Operation-log records (40).
    pub oplog: i32,
    /// Administrators (48).
    pub admins: i32,
    /// Users with a password (52).
    pub passwords: i32,
    /// Fingerprint capacity (56).
    pub fingerprint_capacity: i32,
    /// User capacity (60).
    pub user_capacity: i32,
    /// Attendance-log capacity (64).
    pub record_capacity: i32,
    /// Fingerprints remaining (68).
    pub fingerprints_free: i32,
    /// Users remaining (72).
    pub users_free: i32,
    /// Attendance-log entries remaining (76).
    pub records_free: i32,
    /// Faces (80), only in the 92-byte reply.
    pub faces: Option<i32>,
    /// Face capacity (88), only in the 92-byte reply.
    pub face_capacity: Option<i32>,
}

const USERS: usize = 16;
const FINGERPRINTS: usize = 24;
const RECORDS: usize = 32;
const OPLOG: usize = 40;
const ADMINS: usize = 48;
const PASSWORDS: usize = 52;
const FINGERPRINT_CAPACITY: usize = 56;
const USER_CAPACITY: usize = 60;
const RECORD_CAPACITY: usize = 64;
const FINGERPRINTS_FREE: usize = 68;
const USERS_FREE: usize = 72;
const RECORDS_FREE: usize = 76;
const FACES: usize = 80;
const FACE_CAPACITY: usize = 88;

/// Reads the reply. Needs at least 80 bytes; the face counts are read when there are at least 92
/// (with 80–91 bytes they are `None`). Longer replies are accepted and the rest ignored.
pub fn parse_free_sizes(data: &[u8]) -> Result<FreeSizes, ParseError> {
    if data.len() < FREE_SIZES_LEN {
        return Err(ParseError::Short {
            what: "the free-sizes reply",
            needed: FREE_SIZES_LEN,
            got: data.len(),
        });
    }
    let at = |offset| i32_at(data, offset).unwrap_or(0);
    let faces = data.len() >= FREE_SIZES_FACE_LEN;
    Ok(FreeSizes {
        users: at(USERS),
        fingerprints: at(FINGERPRINTS),
        records: at(RECORDS),
        oplog: at(OPLOG),
        admins: at(ADMINS),
        passwords: at(PASSWORDS),
        fingerprint_capacity: at(FINGERPRINT_CAPACITY),
        user_capacity: at(USER_CAPACITY),
        record_capacity: at(RECORD_CAPACITY),
        fingerprints_free: at(FINGERPRINTS_FREE),
        users_free: at(USERS_FREE),
        records_free: at(RECORDS_FREE),
        faces: faces.then(|| at(FACES)),
        face_capacity: faces.then(|| at(FACE_CAPACITY)),
    })
}

impl FreeSizes {
    /// The reply bytes: 92 when either face field is `Some` (a missing one written as 0), else
    /// 80. Unnamed slots are zero.
    pub fn encode(&self) -> Vec<u8> {
        let with_faces = self.faces.is_some() || self.face_capacity.is_some();
        let len = if with_faces { FREE_SIZES_FACE_LEN } else { FREE_SIZES_LEN };
        let mut out = vec![0u8; len];
        let mut put = |offset: usize, value: i32| {
            if let Some(slot) = offset.checked_add(4).and_then(|end| out.get_mut(offset..end)) {
                slot.copy_from_slice(&value.to_le_bytes());
            }
        };
        put(USERS, self.users);
        put(FINGERPRINTS, self.fingerprints);
        put(RECORDS, self.records);
        put(OPLOG, self.oplog);
        put(ADMINS, self.admins);
        put(PASSWORDS, self.passwords);
        put(FINGERPRINT_CAPACITY, self.fingerprint_capacity);
        put(USER_CAPACITY, self.user_capacity);
        put(RECORD_CAPACITY, self.record_capacity);
        put(FINGERPRINTS_FREE, self.fingerprints_free);
        put(USERS_FREE, self.users_free);
        put(RECORDS_FREE, self.records_free);
        if with_faces {
            put(FACES, self.faces.unwrap_or(0));
            put(FACE_CAPACITY, self.face_capacity.unwrap_or(0));
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn short_reply_is_an_error_and_faces_need_92_bytes() {
        assert!(matches!(
            parse_free_sizes(&[0; 79]),
            Err(ParseError::Short { needed: 80, got: 79, .. })
        ));
        let s = parse_free_sizes(&[0; 91]).unwrap();
        assert_eq!((s.faces, s.face_capacity), (None, None));
        let mut b = vec![0u8; 92];
        b[80] = 3;
        b[88] = 0x2C;
        b[89] = 0x01;
        let s = parse_free_sizes(&b).unwrap();
        assert_eq!((s.faces, s.face_capacity), (Some(3), Some(300)));
    }

    #[test]
    fn encode_places_each_field_at_its_offset() {
        let s = FreeSizes { oplog: -2, face_capacity: Some(5), ..FreeSizes::default() };
        let b = s.encode();
        assert_eq!(b.len(), 92);
        assert_eq!(&b[40..44], &[0xFE, 0xFF, 0xFF, 0xFF]);
        assert_eq!(&b[80..84], &[0, 0, 0, 0]);
        assert_eq!(&b[88..92], &[5, 0, 0, 0]);
        assert_eq!(FreeSizes::default().encode(), vec![0; 80]);
    }
}
