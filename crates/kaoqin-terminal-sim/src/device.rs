//! The fake terminal's state: identity, users, the punch log, its clock, and the counters tests
//! read afterwards ([`Device`]). A server holds it behind `Arc<Mutex<..>>` ([`SharedDevice`]) so
//! a test can add punches, arm a fault or check what a client did while connections run.
//!
//! Punch times are stored raw (the wire's `u32`, §12) so impossible dates such as 2026-02-31 can
//! be stored and served. The clock is injected ([`Clock`]): the terminal's time is that clock plus
//! an offset that `CMD_SET_TIME` changes. Not here: wire encoding of answers (see
//! [`crate::session`]) and generated data (see [`crate::generate`]).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{Duration, NaiveDateTime};
use kaoqin_terminals::zk::{
    AttRecord, FreeSizes, ImpossibleTime, NameCodec, UserLayout, UserRecord, decode_time,
    encode_name, encode_time, wall_to_naive,
};

use crate::profile::FaultPlan;

/// The device clock: returns the wall time the terminal's clock would show with no offset.
pub type Clock = Arc<dyn Fn() -> NaiveDateTime + Send + Sync>;

/// A device shared between a server and a test.
pub type SharedDevice = Arc<Mutex<Device>>;

/// The computer's local wall clock, for the command-line simulator and demos.
pub fn system_clock() -> Clock {
    // A simulated terminal is a device with a clock of its own, like a real one: this is that
    // clock. Tests inject a fixed clock instead.
    #[allow(clippy::disallowed_methods)]
    let clock: Clock = Arc::new(|| chrono::Local::now().naive_local());
    clock
}

/// A clock that always shows `at`.
pub fn fixed_clock(at: NaiveDateTime) -> Clock {
    Arc::new(move || at)
}

/// Attendance-log, user and fingerprint capacities reported by `CMD_GET_FREE_SIZES`.
pub const RECORD_CAPACITY: i32 = 100_000;
pub const USER_CAPACITY: i32 = 10_000;
pub const FINGERPRINT_CAPACITY: i32 = 3_000;

/// One enrolled person. Their internal slot (`uid` on the wire) is their position in
/// [`Device::users`] plus one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimUser {
    /// The PIN people type (考勤号码); numeric when the device uses 28-byte users.
    pub pin: String,
    pub name: String,
    pub card: u32,
    /// 0 user, 2 enroller, 6 manager, 14 admin.
    pub privilege: u8,
}

/// One stored punch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimPunch {
    pub pin: String,
    /// The encoded wall time (§12); may be an impossible date.
    pub time_raw: u32,
    /// 0 password, 1 fingerprint, 2 card.
    pub verify: u8,
    /// 0 check-in, 1 check-out, 2 break-out, 3 break-in, 4 OT-in, 5 OT-out.
    pub state: u8,
}

impl SimPunch {
    /// A punch at a real wall time; `None` outside the encodable years 2000–2099.
    pub fn at(pin: &str, time: NaiveDateTime, verify: u8, state: u8) -> Option<SimPunch> {
        Some(SimPunch { pin: pin.to_owned(), time_raw: encode_time(time)?, verify, state })
    }

    /// The wall time, or why the raw value is not a real date.
    pub fn time(&self) -> Result<NaiveDateTime, ImpossibleTime> {
        wall_to_naive(&decode_time(self.time_raw))
    }
}

/// The fake terminal.
pub struct Device {
    /// `~SerialNumber`.
    pub serial: String,
    /// `CMD_GET_VERSION`.
    pub firmware: String,
    /// `~Platform`.
    pub platform: String,
    /// `~DeviceName`.
    pub device_name: String,
    /// `MAC`.
    pub mac: String,
    /// `IPAddress`.
    pub ip_address: String,
    /// `~OEMVendor`.
    pub oem_vendor: String,
    /// The comm key; `Some` makes CONNECT answer `CMD_ACK_UNAUTH` until `CMD_AUTH` is right.
    pub comm_key: Option<u32>,
    pub users: Vec<SimUser>,
    pub punches: Vec<SimPunch>,
    /// Codec of user names on the wire.
    pub name_codec: NameCodec,
    /// The injected clock.
    pub clock: Clock,
    /// The terminal's time minus the clock's, in seconds (changed by `CMD_SET_TIME`).
    pub clock_offset_seconds: i64,
    /// Options written with `CMD_OPTIONS_WRQ`; they override the built-in answers.
    pub written_options: BTreeMap<String, String>,
    /// The armed fault, if any (see [`crate::Fault`]).
    pub fault: Option<FaultPlan>,
    /// `CMD_CLEAR_ATTLOG` and `CMD_CLEAR_DATA` requests received.
    pub clears: u32,
    /// Whether the last of `CMD_DISABLEDEVICE`/`CMD_ENABLEDEVICE` was a disable.
    pub disabled: bool,
    /// Sessions opened (`CMD_CONNECT` received).
    pub connections: u32,
    /// `CMD_SET_TIME` requests received.
    pub set_time_calls: u32,
    /// Users added or replaced by `CMD_USER_WRQ`.
    pub users_written: u32,
}

impl fmt::Debug for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Device")
            .field("serial", &self.serial)
            .field("platform", &self.platform)
            .field("comm_key", &self.comm_key.map(|_| "set"))
            .field("users", &self.users.len())
            .field("punches", &self.punches.len())
            .field("clock_offset_seconds", &self.clock_offset_seconds)
            .field("fault", &self.fault)
            .field("clears", &self.clears)
            .field("disabled", &self.disabled)
            .field("connections", &self.connections)
            .finish_non_exhaustive()
    }
}

impl Device {
    /// An empty ZEM560 TFT terminal with serial number `serial` and clock `clock`.
    pub fn new(serial: &str, clock: Clock) -> Device {
        Device {
            serial: serial.to_owned(),
            firmware: "Ver 6.60 Apr 28 2015".to_owned(),
            platform: "ZEM560_TFT".to_owned(),
            device_name: "K40".to_owned(),
            mac: "00:17:61:10:4B:51".to_owned(),
            ip_address: "127.0.0.1".to_owned(),
            oem_vendor: "ZKTeco Inc.".to_owned(),
            comm_key: None,
            users: Vec::new(),
            punches: Vec::new(),
            name_codec: NameCodec::Gbk,
            clock,
            clock_offset_seconds: 0,
            written_options: BTreeMap::new(),
            fault: None,
            clears: 0,
            disabled: false,
            connections: 0,
            set_time_calls: 0,
            users_written: 0,
        }
    }

    /// This device behind a mutex, ready for [`crate::serve`].
    pub fn shared(self) -> SharedDevice {
        Arc::new(Mutex::new(self))
    }

    /// Adds a punch at a real wall time; `false` (nothing added) outside 2000–2099.
    pub fn push_punch(&mut self, pin: &str, time: NaiveDateTime, verify: u8, state: u8) -> bool {
        match SimPunch::at(pin, time, verify, state) {
            Some(p) => {
                self.punches.push(p);
                true
            }
            None => false,
        }
    }

    /// The terminal's current time: the clock plus the offset.
    pub fn now(&self) -> NaiveDateTime {
        (self.clock)() + Duration::seconds(self.clock_offset_seconds)
    }

    /// Sets the terminal's time (what `CMD_SET_TIME` does).
    pub fn set_now(&mut self, to: NaiveDateTime) {
        self.clock_offset_seconds = (to - (self.clock)()).num_seconds();
    }

    /// The wire `uid` of the user with this PIN: their slot, or the PIN itself when it is a
    /// number that fits and no user has it (a punch by someone deleted), else 0.
    pub fn uid_of(&self, pin: &str) -> u16 {
        match self.users.iter().position(|u| u.pin == pin) {
            Some(i) => u16::try_from(i.saturating_add(1)).unwrap_or(0),
            None => pin.parse().unwrap_or(0),
        }
    }

    /// The punch log as wire records.
    pub fn att_records(&self) -> Vec<AttRecord> {
        let slots: BTreeMap<&str, u16> = self
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.pin.as_str(), u16::try_from(i.saturating_add(1)).unwrap_or(0)))
            .collect();
        self.punches
            .iter()
            .map(|p| AttRecord {
                uid: slots
                    .get(p.pin.as_str())
                    .copied()
                    .unwrap_or_else(|| p.pin.parse().unwrap_or(0)),
                user_id: p.pin.clone(),
                verify: p.verify,
                state: p.state,
                time_raw: p.time_raw,
                work_code: 0,
            })
            .collect()
    }

    /// The users as wire records, names encoded with [`Self::name_codec`] for `layout`.
    pub fn user_records(&self, layout: UserLayout) -> Vec<UserRecord> {
        self.users
            .iter()
            .enumerate()
            .map(|(i, u)| UserRecord {
                uid: u16::try_from(i.saturating_add(1)).unwrap_or(0),
                privilege: u.privilege,
                password: Vec::new(),
                name_raw: encode_name(&u.name, self.name_codec, layout.name_width()),
                card: u.card,
                group: 1,
                user_id: u.pin.clone(),
            })
            .collect()
    }

    /// Adds a user written by a client, or replaces the one with the same PIN.
    pub fn upsert_user(&mut self, record: &UserRecord) {
        let user = SimUser {
            pin: record.user_id.clone(),
            name: record.name(self.name_codec),
            card: record.card,
            privilege: record.privilege,
        };
        match self.users.iter_mut().find(|u| u.pin == user.pin) {
            Some(slot) => *slot = user,
            None => self.users.push(user),
        }
        self.users_written = self.users_written.saturating_add(1);
    }

    /// Counts and capacities for `CMD_GET_FREE_SIZES`: real counts, capacities 3 000 fingerprints,
    /// 10 000 users and 100 000 records.
    pub fn free_sizes(&self) -> FreeSizes {
        let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
        let users = count(self.users.len());
        let records = count(self.punches.len());
        let admins = count(self.users.iter().filter(|u| u.privilege > 0).count());
        FreeSizes {
            users,
            records,
            admins,
            fingerprint_capacity: FINGERPRINT_CAPACITY,
            user_capacity: USER_CAPACITY,
            record_capacity: RECORD_CAPACITY,
            fingerprints_free: FINGERPRINT_CAPACITY,
            users_free: USER_CAPACITY.saturating_sub(users).max(0),
            records_free: RECORD_CAPACITY.saturating_sub(records).max(0),
            ..FreeSizes::default()
        }
    }
}

/// Locks a shared device. A test that panicked while holding the lock leaves the data as it was,
/// so the poison is ignored.
pub fn lock(device: &SharedDevice) -> MutexGuard<'_, Device> {
    device.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn t(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 2).and_then(|d| d.and_hms_opt(h, m, 0)).unwrap_or_default()
    }

    #[test]
    fn clock_offset_follows_set_now() {
        let mut d = Device::new("X", fixed_clock(t(8, 0)));
        assert_eq!(d.now(), t(8, 0));
        d.set_now(t(9, 30));
        assert_eq!(d.clock_offset_seconds, 5400);
        assert_eq!(d.now(), t(9, 30));
    }

    #[test]
    fn uids_follow_the_user_list() {
        let mut d = Device::new("X", fixed_clock(t(8, 0)));
        d.users.push(SimUser { pin: "A7".into(), name: "张三".into(), card: 5, privilege: 0 });
        assert!(d.push_punch("A7", t(8, 1), 1, 0));
        assert!(d.push_punch("42", t(8, 2), 1, 0));
        assert!(d.push_punch("Z", t(8, 3), 1, 0));
        let uids: Vec<u16> = d.att_records().iter().map(|r| r.uid).collect();
        assert_eq!(uids, [1, 42, 0]);
        let users = d.user_records(UserLayout::B72);
        assert_eq!(users[0].name(NameCodec::Gbk), "张三");
        assert_eq!(d.free_sizes().records, 3);
    }
}
