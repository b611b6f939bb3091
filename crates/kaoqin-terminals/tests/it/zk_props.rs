//! Property tests of the ZK 4370 codec: no function panics on arbitrary bytes (datagrams, TCP
//! streams cut anywhere, record buffers with and without a valid size prefix, frames fed to a
//! chunk reader), and what the codec encodes it decodes back unchanged (packets in both framings,
//! times, attendance records in every layout, users in both layouts, free sizes, chunked
//! transfers).
//!
//! Not here: golden bytes from captures (`zk_vectors.rs`) and single-rule unit tests (beside the
//! code). Inputs are bounded so a run stays fast on a 2-core machine.

use chrono::{NaiveDate, NaiveDateTime};
use kaoqin_terminals::zk::{
    self, AttLayout, AttRecord, BulkBuffer, ChunkReader, ChunkStep, FreeSizes, NameCodec, Packet,
    TcpDeframer, UserLayout, UserRecord, cmd,
};
use proptest::prelude::*;

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..max)
}

/// Arbitrary record bytes behind a correct size prefix, so the parsers get past the prefix.
fn prefixed(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        bytes(max).prop_map(|body| {
            let mut buf = (body.len() as u32).to_le_bytes().to_vec();
            buf.extend(body);
            buf
        }),
        // Multiples of the record sizes, where every layout check actually runs.
        (1usize..5, prop::sample::select(vec![8usize, 16, 28, 40, 49, 72, 504, 1960]))
            .prop_flat_map(|(n, size)| proptest::collection::vec(any::<u8>(), n * size))
            .prop_map(|body| {
                let mut buf = (body.len() as u32).to_le_bytes().to_vec();
                buf.extend(body);
                buf
            }),
        bytes(max),
    ]
}

fn command() -> impl Strategy<Value = u16> {
    prop_oneof![
        prop::sample::select(vec![
            cmd::PREPARE_DATA,
            cmd::DATA,
            cmd::ACK_OK,
            cmd::ACK_ERROR,
            cmd::ACK_UNAUTH,
            cmd::ACK_DATA,
            cmd::REG_EVENT,
        ]),
        any::<u16>(),
    ]
}

fn packet() -> impl Strategy<Value = Packet> {
    (command(), any::<u16>(), any::<u16>(), bytes(64))
        .prop_map(|(c, s, r, d)| Packet::new(c, s, r, d))
}

fn small_reply() -> impl Strategy<Value = u16> {
    prop_oneof![Just(22u16), any::<u16>()]
}

/// A `PREPARE_DATA`-looking packet sometimes, so the reader gets past its first state.
fn chunk_packet() -> impl Strategy<Value = Packet> {
    prop_oneof![
        packet(),
        (small_reply(), 0u32..80).prop_map(|(r, n)| Packet::new(
            cmd::PREPARE_DATA,
            0,
            r,
            zk::prepare_data(n, 1008).to_vec()
        )),
        (small_reply(), bytes(40)).prop_map(|(r, d)| Packet::new(cmd::DATA, 0, r, d)),
        small_reply().prop_map(|r| Packet::new(cmd::ACK_OK, 0, r, Vec::new())),
    ]
}

fn datetime_2000s() -> impl Strategy<Value = NaiveDateTime> {
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
    let end = NaiveDate::from_ymd_opt(2099, 12, 31).unwrap().and_hms_opt(23, 59, 59).unwrap();
    let span = (end - start).num_seconds();
    (0..=span).prop_map(move |s| start + chrono::Duration::seconds(s))
}

fn att_record(layout: AttLayout) -> BoxedStrategy<AttRecord> {
    let common = (any::<u8>(), any::<u8>(), any::<u32>());
    match layout {
        AttLayout::B8 => (any::<u16>(), common)
            .prop_map(|(uid, (verify, state, time_raw))| AttRecord {
                uid,
                user_id: uid.to_string(),
                verify,
                state,
                time_raw,
                work_code: 0,
            })
            .boxed(),
        AttLayout::B16 => (any::<u32>(), common, any::<u32>())
            .prop_map(|(id, (verify, state, time_raw), work_code)| AttRecord {
                uid: u16::try_from(id).unwrap_or(0),
                user_id: id.to_string(),
                verify,
                state,
                time_raw,
                work_code,
            })
            .boxed(),
        AttLayout::B40 | AttLayout::B49 => (any::<u16>(), "[0-9A-Za-z]{0,24}", common)
            .prop_map(|(uid, user_id, (verify, state, time_raw))| AttRecord {
                uid,
                user_id,
                verify,
                state,
                time_raw,
                work_code: 0,
            })
            .boxed(),
    }
}

fn att_layout() -> impl Strategy<Value = AttLayout> {
    prop::sample::select(AttLayout::ALL.to_vec())
}

fn no_nul(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(1u8..=255, 0..=max)
}

fn user_record(layout: UserLayout) -> BoxedStrategy<UserRecord> {
    let common = (
        any::<u16>(),
        any::<u8>(),
        no_nul(layout.password_width()),
        proptest::collection::vec(any::<u8>(), layout.name_width()),
        any::<u32>(),
        any::<u8>(),
    );
    let id: BoxedStrategy<String> = match layout {
        UserLayout::B28 => any::<u32>().prop_map(|n| n.to_string()).boxed(),
        UserLayout::B72 => "[0-9A-Za-z]{0,24}".boxed(),
    };
    (common, id)
        .prop_map(|((uid, privilege, password, name_raw, card, group), user_id)| UserRecord {
            uid,
            privilege,
            password,
            name_raw,
            card,
            group,
            user_id,
        })
        .boxed()
}

fn codec() -> impl Strategy<Value = NameCodec> {
    prop::sample::select(vec![
        NameCodec::Gbk,
        NameCodec::Utf8,
        NameCodec::Windows1252,
        NameCodec::Windows1251,
        NameCodec::Windows1256,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    // ---- no panics on hostile input ----

    #[test]
    fn decode_udp_never_panics(data in bytes(80)) {
        match zk::decode_udp(&data) {
            Ok(d) => prop_assert_eq!(d.packet.data.len() + 8, data.len()),
            Err(_) => prop_assert!(data.len() < 8),
        }
    }

    #[test]
    fn deframer_never_panics(
        chunks in proptest::collection::vec(bytes(40), 0..8),
        max in 0usize..200,
        magic_first in any::<bool>(),
    ) {
        let mut d = TcpDeframer::new(max);
        if magic_first {
            d.push(&zk::TCP_MAGIC);
        }
        for c in &chunks {
            d.push(c);
            for _ in 0..4 {
                match d.next() {
                    Ok(Some(f)) => prop_assert!(f.packet.data.len() + 8 <= max),
                    Ok(None) | Err(_) => break,
                }
            }
            prop_assert!(d.buffered() <= 8 * 40 + 4);
        }
    }

    #[test]
    fn small_parsers_never_panic(data in bytes(120)) {
        let _ = zk::parse_free_sizes(&data);
        let _ = zk::parse_option_reply(&data);
        let _ = zk::options::parse_option_request(&data);
        let _ = zk::parse_version(&data);
        let _ = zk::parse_data_stat(&data);
        let _ = zk::parse_prepare_data(&data);
        let _ = zk::parse_prepare_buffer_request(&data);
        let _ = zk::parse_read_chunk_request(&data);
        if let Ok(b) = <[u8; 6]>::try_from(data.get(..6).unwrap_or(&[])) {
            let _ = zk::wall_to_naive(&zk::decode_realtime6(b));
        }
    }

    #[test]
    fn record_parsers_never_panic(buf in prefixed(600), count in proptest::option::of(any::<u32>())) {
        for layout in AttLayout::ALL {
            let _ = zk::parse_attendance(&buf, layout);
        }
        for layout in UserLayout::ALL {
            let _ = zk::parse_users(&buf, layout);
        }
        // Whatever detection says, parsing with its answer works.
        if let Ok(layout) = zk::detect_att_layout(&buf, count) {
            prop_assert!(zk::parse_attendance(&buf, layout).is_ok());
        }
        if let Ok(layout) = zk::detect_user_layout(&buf) {
            prop_assert!(zk::parse_users(&buf, layout).is_ok());
        }
    }

    #[test]
    fn any_time_decodes_to_fields_in_range(raw in any::<u32>()) {
        let w = zk::decode_time(raw);
        prop_assert!((2000..=2133).contains(&w.year));
        prop_assert!((1..=12).contains(&w.month) && (1..=31).contains(&w.day));
        prop_assert!(w.hour < 24 && w.minute < 60 && w.second < 60);
        match zk::wall_to_naive(&w) {
            // A real date re-encodes to the same value (inside the encodable century).
            Ok(t) if w.year <= 2099 => prop_assert_eq!(zk::encode_time(t), Some(raw)),
            Ok(_) => {}
            Err(e) => prop_assert_eq!(e.wall, w),
        }
        if w.year <= 2099 {
            prop_assert_eq!(zk::encode_wall(&w), Some(raw));
        }
    }

    #[test]
    fn chunk_reader_never_panics(
        expected in prop_oneof![0u32..80, any::<u32>()],
        packets in proptest::collection::vec(chunk_packet(), 0..8),
    ) {
        let mut r = ChunkReader::new(22, expected);
        for p in &packets {
            if let Ok(ChunkStep::Done(data)) = r.accept(p) {
                prop_assert_eq!(data.len() as u64, u64::from(expected));
            }
        }
    }

    #[test]
    fn bulk_buffer_never_panics(
        declared in prop_oneof![0u32..200, any::<u32>()],
        cap in prop_oneof![0u32..200, Just(zk::DEFAULT_BULK_CAP)],
        chunks in proptest::collection::vec(bytes(80), 0..6),
    ) {
        if let Ok(mut b) = BulkBuffer::new(declared, cap) {
            prop_assert!(declared <= cap);
            for c in &chunks {
                let _ = b.append(c);
                prop_assert!(b.received() <= declared);
            }
            if let Ok(data) = b.finish() {
                prop_assert_eq!(data.len() as u64, u64::from(declared));
            }
        } else {
            prop_assert!(declared > cap);
        }
    }

    // ---- round trips ----

    #[test]
    fn packet_round_trips_over_udp_and_tcp(p in packet(), cut in any::<prop::sample::Index>()) {
        let d = zk::decode_udp(&p.encode_udp()).unwrap();
        prop_assert!(d.checksum_ok);
        prop_assert_eq!(&d.packet, &p);

        let q = Packet::new(p.reply, p.command, p.session, p.data.iter().rev().copied().collect());
        let stream: Vec<u8> = [p.encode_tcp(), q.encode_tcp()].concat();
        let at = cut.index(stream.len() + 1);
        let mut deframer = TcpDeframer::new(zk::DEFAULT_MAX_PACKET);
        let mut got = Vec::new();
        for part in [&stream[..at], &stream[at..]] {
            deframer.push(part);
            while let Some(f) = deframer.next().unwrap() {
                prop_assert!(f.checksum_ok);
                got.push(f.packet);
            }
        }
        prop_assert_eq!(got, vec![p, q]);
        prop_assert_eq!(deframer.buffered(), 0);
    }

    #[test]
    fn time_round_trips(t in datetime_2000s()) {
        let raw = zk::encode_time(t).unwrap();
        prop_assert_eq!(zk::wall_to_naive(&zk::decode_time(raw)), Ok(t));
    }

    #[test]
    fn attendance_round_trips(
        (layout, records) in att_layout().prop_flat_map(|l| {
            (Just(l), proptest::collection::vec(att_record(l), 0..12))
        })
    ) {
        let buf = zk::encode_attendance(&records, layout);
        prop_assert_eq!(buf.len(), 4 + records.len() * layout.size());
        prop_assert_eq!(zk::parse_attendance(&buf, layout), Ok(records));
    }

    #[test]
    fn users_round_trip(
        (layout, users) in prop::sample::select(UserLayout::ALL.to_vec()).prop_flat_map(|l| {
            (Just(l), proptest::collection::vec(user_record(l), 0..8))
        })
    ) {
        let buf = zk::encode_users(&users, layout);
        prop_assert_eq!(buf.len(), 4 + users.len() * layout.size());
        prop_assert_eq!(zk::parse_users(&buf, layout), Ok(users));
    }

    #[test]
    fn free_sizes_round_trip(
        v in proptest::array::uniform12(any::<i32>()),
        faces in proptest::option::of((any::<i32>(), any::<i32>())),
    ) {
        let s = FreeSizes {
            users: v[0],
            fingerprints: v[1],
            records: v[2],
            oplog: v[3],
            admins: v[4],
            passwords: v[5],
            fingerprint_capacity: v[6],
            user_capacity: v[7],
            record_capacity: v[8],
            fingerprints_free: v[9],
            users_free: v[10],
            records_free: v[11],
            faces: faces.map(|f| f.0),
            face_capacity: faces.map(|f| f.1),
        };
        let b = s.encode();
        prop_assert_eq!(b.len(), if faces.is_some() { 92 } else { 80 });
        prop_assert_eq!(zk::parse_free_sizes(&b), Ok(s));
    }

    #[test]
    fn chunked_transfer_round_trips(
        data in bytes(5000),
        chunk in 1u32..3000,
        frame in 1usize..1100,
        style in 0u8..3,
    ) {
        let total = data.len() as u32;
        let mut buffer = BulkBuffer::new(total, zk::DEFAULT_BULK_CAP).unwrap();
        let mut plan_total = 0u64;
        for (reply, (start, size)) in zk::chunk_plan(total, chunk).enumerate() {
            prop_assert_eq!(u64::from(start), plan_total, "chunks are contiguous");
            prop_assert!(size <= chunk && size > 0);
            plan_total += u64::from(size);
            let part = &data[start as usize..(start + size) as usize];
            let reply = reply as u16;
            let mut frames = Vec::new();
            match style {
                0 => frames.push(Packet::new(cmd::DATA, 1, reply, part.to_vec())),
                1 => {
                    frames.push(Packet::new(cmd::PREPARE_DATA, 1, reply, zk::prepare_data(size, 0).to_vec()));
                    frames.push(Packet::new(cmd::DATA, 1, reply, part.to_vec()));
                    frames.push(Packet::new(cmd::ACK_OK, 1, reply, Vec::new()));
                }
                _ => {
                    frames.push(Packet::new(cmd::PREPARE_DATA, 1, reply, zk::prepare_data(size, frame as u32).to_vec()));
                    for (i, f) in part.chunks(frame).enumerate() {
                        frames.push(Packet::new(cmd::DATA, i as u16, reply, f.to_vec()));
                    }
                    frames.push(Packet::new(cmd::ACK_OK, 1, reply, Vec::new()));
                }
            }
            let mut reader = ChunkReader::new(reply, size);
            let mut done = None;
            for (i, f) in frames.iter().enumerate() {
                match reader.accept(f).unwrap() {
                    ChunkStep::NeedMore => prop_assert!(i + 1 < frames.len(), "last frame must finish"),
                    ChunkStep::Done(bytes) => {
                        prop_assert_eq!(i + 1, frames.len(), "finished early");
                        done = Some(bytes);
                    }
                }
            }
            buffer.append(&done.unwrap()).unwrap();
        }
        prop_assert_eq!(plan_total, u64::from(total));
        prop_assert_eq!(buffer.finish().unwrap(), data);
    }

    #[test]
    fn encode_name_fits_and_keeps_whole_characters(
        name in "[张三李四王五赵六АБВابتéa-z0-9 ]{0,30}",
        codec in codec(),
        width in 0usize..40,
    ) {
        let raw = zk::encode_name(&name, codec, width);
        prop_assert_eq!(raw.len(), width);
        let text_len = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
        prop_assert!(raw[text_len..].iter().all(|&b| b == 0), "NUL padding only");
        let decoded = UserRecord { name_raw: raw.clone(), ..UserRecord::default() }.name(codec);
        prop_assert!(!decoded.contains('\u{FFFD}'), "a split character decodes as U+FFFD: {raw:02X?}");
        // Whole characters of the name, in order, with unmappable ones as '?'.
        let shown: Vec<char> = decoded.chars().collect();
        let source: Vec<char> = name.chars().take(shown.len()).collect();
        prop_assert_eq!(shown.len(), source.len());
        for (s, n) in shown.iter().zip(&source) {
            prop_assert!(s == n || *s == '?', "{s:?} for {n:?}");
        }
    }
}
