//! The `CMD_AUTH` payload (§6, §7): the terminal's numeric comm key mixed with the session id.
//!
//! This is obfuscation, not protection: anyone who sees one packet exchange can recover the key.
//! Not here: storing the key (the OS keyring) and deciding when to authenticate (the client sends
//! `CMD_AUTH` when CONNECT is answered with `CMD_ACK_UNAUTH`).

/// The `ticks` byte every known implementation sends.
pub const DEFAULT_TICKS: u8 = 50;

/// The 4-byte `CMD_AUTH` data for comm key `key` in session `session` (§7):
/// reverse the key's 32 bits, add the session id (mod 2³²), XOR the little-endian bytes with
/// `"ZKSO"`, then send `[x2^B, x3^B, B, x1^B]` with `B = ticks`.
pub fn commkey(key: u32, session: u16, ticks: u8) -> [u8; 4] {
    let k = key.reverse_bits().wrapping_add(u32::from(session));
    let [x0, x1, x2, x3] = k.to_le_bytes();
    let [_, x1, x2, x3] = [x0 ^ b'Z', x1 ^ b'K', x2 ^ b'S', x3 ^ b'O'];
    [x2 ^ ticks, x3 ^ ticks, ticks, x1 ^ ticks]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_zero_session_zero() {
        // Worked by hand: k = 0, x = "ZKSO", so [S^50, O^50, 50, K^50].
        assert_eq!(commkey(0, 0, 50), [0x53 ^ 0x32, 0x4F ^ 0x32, 0x32, 0x4B ^ 0x32]);
    }

    #[test]
    fn session_is_added_after_bit_reversal() {
        // Key 1 reversed is 0x8000_0000; adding session 1 touches only the low byte, which is
        // dropped from the output: only the top byte (x3) changes against key 0.
        let a = commkey(0, 1, 50);
        let b = commkey(1, 1, 50);
        assert_eq!([a[0], a[2], a[3]], [b[0], b[2], b[3]]);
        assert_eq!(a[1] ^ b[1], 0x80);
    }
}
