//! Command and reply codes of the 4370 protocol (§5), the bulk-read function codes (§9.1), the
//! realtime event flag Kaoqin uses (§15), and [`name`] to print a code in a log.
//!
//! Only the codes a log-pull client, the simulator or a log line needs are listed. Not here: what
//! each command's payload looks like (see [`super::bulk`], [`super::options`] and friends) and
//! codes seen in the field whose meaning is unknown (4989, 6001): [`name`] calls them "unknown".

/// Open a session; sent with session 0 and reply 0, no data.
pub const CONNECT: u16 = 1000;
/// Close the session.
pub const EXIT: u16 = 1001;
/// Re-enable the keypad and sensors (always sent after a disable, even on failure).
pub const ENABLE_DEVICE: u16 = 1002;
/// Lock the terminal during a bulk read.
pub const DISABLE_DEVICE: u16 = 1003;
/// Restart the terminal.
pub const RESTART: u16 = 1004;
/// Power the terminal off.
pub const POWEROFF: u16 = 1005;
/// Make the terminal reload its data after set-time, clear or user writes.
pub const REFRESH_DATA: u16 = 1013;
/// Make the terminal reload its options after an options write.
pub const REFRESH_OPTION: u16 = 1014;
/// Firmware version string.
pub const GET_VERSION: u16 = 1100;
/// Comm-key authentication; data = [`super::commkey::commkey`].
pub const AUTH: u16 = 1102;
/// Terminal → client: announces a data transfer (`u32 size`, `u32` per-frame maximum).
pub const PREPARE_DATA: u16 = 1500;
/// A data frame.
pub const DATA: u16 = 1501;
/// Release the terminal's bulk buffer after every bulk read.
pub const FREE_DATA: u16 = 1502;
/// Prepare a bulk buffer (`CMD_DATA_WRRQ`); 11-byte payload, §9.1.
pub const PREPARE_BUFFER: u16 = 1503;
/// Read one chunk of the prepared buffer (`CMD_DATA_RDY`); `u32 start, u32 size`.
pub const READ_BUFFER: u16 = 1504;
/// Fingerprint templates (read through [`PREPARE_BUFFER`]; Kaoqin never reads them).
pub const DB_RRQ: u16 = 7;
/// Write one user record.
pub const USER_WRQ: u16 = 8;
/// Read all users (through [`PREPARE_BUFFER`] with [`FCT_USER`]).
pub const USERTEMP_RRQ: u16 = 9;
/// Read an option: `"key\0"` → `"key=value\0"`.
pub const OPTIONS_RRQ: u16 = 11;
/// Write an option: `"key=value\0"`.
pub const OPTIONS_WRQ: u16 = 12;
/// Read the attendance log (through [`PREPARE_BUFFER`] with [`FCT_ATTLOG_PULL`]).
pub const ATTLOG_RRQ: u16 = 13;
/// Clear data; 1-byte type. An empty payload clears everything.
pub const CLEAR_DATA: u16 = 14;
/// Clear the whole attendance log.
pub const CLEAR_ATTLOG: u16 = 15;
/// Read the operation log.
pub const OPLOG_RRQ: u16 = 34;
/// Counts and capacities (§10).
pub const GET_FREE_SIZES: u16 = 50;
/// Terminal state; the answer comes back in the session field.
pub const STATE_RRQ: u16 = 64;
/// Width of the user id (PIN).
pub const GET_PINWIDTH: u16 = 69;
/// Read the terminal clock (`u32`, [`super::time`]).
pub const GET_TIME: u16 = 201;
/// Set the terminal clock (`u32`, [`super::time`]).
pub const SET_TIME: u16 = 202;
/// Register for realtime events (`u32` mask); also the code of every event the terminal sends.
pub const REG_EVENT: u16 = 500;

/// Success.
pub const ACK_OK: u16 = 2000;
/// Failure (also: an option the terminal does not have).
pub const ACK_ERROR: u16 = 2001;
/// Data follows.
pub const ACK_DATA: u16 = 2002;
/// Try again.
pub const ACK_RETRY: u16 = 2003;
/// Repeated request.
pub const ACK_REPEAT: u16 = 2004;
/// Authentication needed, or the comm key was wrong.
pub const ACK_UNAUTH: u16 = 2005;
/// Unknown command.
pub const ACK_UNKNOWN: u16 = 65535;
/// Command error.
pub const ACK_ERROR_CMD: u16 = 65533;
/// Initialisation error.
pub const ACK_ERROR_INIT: u16 = 65532;
/// Data error.
pub const ACK_ERROR_DATA: u16 = 65531;

/// `fct` of the attendance-log [`PREPARE_BUFFER`] request: 0, as every client seen sends (not
/// the `FCT_ATTLOG = 1` some tables list).
pub const FCT_ATTLOG_PULL: i32 = 0;
/// `fct` of the fingerprint-template [`PREPARE_BUFFER`] request.
pub const FCT_FINGERTMP: i32 = 2;
/// `fct` of the users [`PREPARE_BUFFER`] request.
pub const FCT_USER: i32 = 5;

/// [`REG_EVENT`] mask bit (and event code in the session field) of a new attendance record.
pub const EF_ATTLOG: u32 = 1;

/// Whether `code` is a reply saying the terminal refused or failed the request.
pub fn is_error_reply(code: u16) -> bool {
    matches!(
        code,
        ACK_ERROR
            | ACK_RETRY
            | ACK_REPEAT
            | ACK_UNAUTH
            | ACK_UNKNOWN
            | ACK_ERROR_CMD
            | ACK_ERROR_INIT
            | ACK_ERROR_DATA
    )
}

/// The protocol name of `code` (`"CMD_ACK_OK"`), or `"unknown"`; for logs.
pub fn name(code: u16) -> &'static str {
    match code {
        CONNECT => "CMD_CONNECT",
        EXIT => "CMD_EXIT",
        ENABLE_DEVICE => "CMD_ENABLEDEVICE",
        DISABLE_DEVICE => "CMD_DISABLEDEVICE",
        RESTART => "CMD_RESTART",
        POWEROFF => "CMD_POWEROFF",
        REFRESH_DATA => "CMD_REFRESHDATA",
        REFRESH_OPTION => "CMD_REFRESHOPTION",
        GET_VERSION => "CMD_GET_VERSION",
        AUTH => "CMD_AUTH",
        PREPARE_DATA => "CMD_PREPARE_DATA",
        DATA => "CMD_DATA",
        FREE_DATA => "CMD_FREE_DATA",
        PREPARE_BUFFER => "CMD_PREPARE_BUFFER",
        READ_BUFFER => "CMD_READ_BUFFER",
        DB_RRQ => "CMD_DB_RRQ",
        USER_WRQ => "CMD_USER_WRQ",
        USERTEMP_RRQ => "CMD_USERTEMP_RRQ",
        OPTIONS_RRQ => "CMD_OPTIONS_RRQ",
        OPTIONS_WRQ => "CMD_OPTIONS_WRQ",
        ATTLOG_RRQ => "CMD_ATTLOG_RRQ",
        CLEAR_DATA => "CMD_CLEAR_DATA",
        CLEAR_ATTLOG => "CMD_CLEAR_ATTLOG",
        OPLOG_RRQ => "CMD_OPLOG_RRQ",
        GET_FREE_SIZES => "CMD_GET_FREE_SIZES",
        STATE_RRQ => "CMD_STATE_RRQ",
        GET_PINWIDTH => "CMD_GET_PINWIDTH",
        GET_TIME => "CMD_GET_TIME",
        SET_TIME => "CMD_SET_TIME",
        REG_EVENT => "CMD_REG_EVENT",
        ACK_OK => "CMD_ACK_OK",
        ACK_ERROR => "CMD_ACK_ERROR",
        ACK_DATA => "CMD_ACK_DATA",
        ACK_RETRY => "CMD_ACK_RETRY",
        ACK_REPEAT => "CMD_ACK_REPEAT",
        ACK_UNAUTH => "CMD_ACK_UNAUTH",
        ACK_UNKNOWN => "CMD_ACK_UNKNOWN",
        ACK_ERROR_CMD => "CMD_ACK_ERROR_CMD",
        ACK_ERROR_INIT => "CMD_ACK_ERROR_INIT",
        ACK_ERROR_DATA => "CMD_ACK_ERROR_DATA",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_spec_table() {
        // Spot checks against the hex column of §5, written independently of the decimal one.
        assert_eq!(CONNECT, 0x03E8);
        assert_eq!(PREPARE_BUFFER, 0x05DF);
        assert_eq!(READ_BUFFER, 0x05E0);
        assert_eq!(REG_EVENT, 0x01F4);
        assert_eq!(ACK_UNAUTH, 0x07D5);
        assert_eq!(ACK_ERROR_DATA, 0xFFFB);
    }

    #[test]
    fn names_for_logs() {
        assert_eq!(name(2000), "CMD_ACK_OK");
        assert_eq!(name(1504), "CMD_READ_BUFFER");
        assert_eq!(name(4989), "unknown");
        assert!(is_error_reply(ACK_ERROR));
        assert!(!is_error_reply(ACK_OK));
        assert!(!is_error_reply(DATA));
    }
}
