//! The ADMS/PUSH receiver over real HTTP on loopback: a hand-written HTTP/1.1 client (what a
//! terminal's firmware does: one request per connection, `Connection: close`) against
//! `adms::serve` with an in-memory test sink. Covers the handshake and its `Date` header, ATTLOG
//! posts (CRLF, extra fields, bad lines, repeats), the caps (413, nothing handed on), unknown
//! serial numbers (quarantine), discarded tables, 400/404/405, a failing sink (500) and
//! shutdown; and, as properties, that the ATTLOG parser never panics and gives every non-blank
//! line exactly one outcome.
//!
//! Not here: the unit tests of the pure parsers (beside the code, `src/adms/wire.rs`) and the
//! simulator pushing to this receiver (kaoqin-terminal-sim's `tests/it/adms.rs`).

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use kaoqin_terminals::LineProblem;
use kaoqin_terminals::adms::{
    self, MAX_BODY_BYTES, MAX_LINE_BYTES, MAX_LINES, PushHandle, PushLineError, PushOptions,
    PushPunch, PushSink, options_reply, parse_attlog_body,
};
use proptest::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

// ---------------------------------------------------------------------------------------------
// The test sink.

const KNOWN: &str = "CDQ9192160003";

/// One `attlog` call as the sink saw it.
#[derive(Debug, Clone)]
struct AttlogCall {
    serial: String,
    stamp: Option<String>,
    raw: Vec<u8>,
    punches: Vec<PushPunch>,
    errors: Vec<PushLineError>,
}

#[derive(Debug, Default)]
struct Seen {
    /// `(serial, path)` of every `allowed` call.
    contacts: Vec<(String, String)>,
    attlog: Vec<AttlogCall>,
    /// What a store would hold: one row per (serial, PIN, wall time).
    stored: BTreeSet<(String, String, NaiveDateTime)>,
    /// `(serial, table, raw)`.
    quarantined: Vec<(String, String, Vec<u8>)>,
    /// Makes `attlog` fail, as a full disk would.
    fail: bool,
}

/// Allows [`KNOWN`] only; keeps everything in memory; its clock stands still.
struct TestSink {
    now: DateTime<Utc>,
    seen: Mutex<Seen>,
}

impl TestSink {
    fn new() -> Arc<TestSink> {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).single().expect("a real instant");
        Arc::new(TestSink { now, seen: Mutex::new(Seen::default()) })
    }

    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl PushSink for TestSink {
    fn now(&self) -> DateTime<Utc> {
        self.now
    }

    fn allowed(&self, serial: &str, _remote: SocketAddr, path: &str) -> bool {
        self.seen().contacts.push((serial.to_owned(), path.to_owned()));
        serial == KNOWN
    }

    fn options(&self, _serial: &str) -> PushOptions {
        PushOptions { attlog_stamp: Some("777".into()), time_zone_hours: 8 }
    }

    fn attlog(
        &self,
        serial: &str,
        stamp: Option<String>,
        raw: &[u8],
        punches: &[PushPunch],
        errors: &[PushLineError],
    ) -> Result<usize, String> {
        let mut seen = self.seen();
        seen.attlog.push(AttlogCall {
            serial: serial.to_owned(),
            stamp,
            raw: raw.to_vec(),
            punches: punches.to_vec(),
            errors: errors.to_vec(),
        });
        if seen.fail {
            return Err("disk full".into());
        }
        for p in punches {
            seen.stored.insert((serial.to_owned(), p.pin.clone(), p.local));
        }
        Ok(punches.len())
    }

    fn quarantine(&self, serial: &str, _remote: SocketAddr, table: &str, raw: &[u8]) {
        self.seen().quarantined.push((serial.to_owned(), table.to_owned(), raw.to_vec()));
    }
}

async fn start() -> (Arc<TestSink>, PushHandle) {
    let sink = TestSink::new();
    let handle = adms::serve("127.0.0.1:0".parse().expect("an address"), sink.clone())
        .await
        .expect("the receiver starts on a free loopback port");
    (sink, handle)
}

// ---------------------------------------------------------------------------------------------
// The test client.

const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Sends one request and reads the answer to the end. With `expect_continue` the body is sent
/// only after `100 Continue`, as HTTP clients do with large bodies.
async fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    body: &[u8],
    expect_continue: bool,
) -> Reply {
    let exchange = async {
        let mut stream = TcpStream::connect(addr).await.expect("connect to the receiver");
        let mut head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: iClock Proxy/1.09\r\n\
             Connection: close\r\n"
        );
        if method == "POST" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        if expect_continue {
            head.push_str("Expect: 100-continue\r\n");
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await.expect("send the head");
        let mut received = Vec::new();
        if expect_continue {
            let mut buf = [0u8; 1024];
            let n = stream.read(&mut buf).await.expect("an interim or final answer");
            received.extend_from_slice(&buf[..n]);
            if received.starts_with(b"HTTP/1.1 100") {
                received.clear();
                stream.write_all(body).await.expect("send the body");
            }
        } else {
            stream.write_all(body).await.expect("send the body");
        }
        stream.read_to_end(&mut received).await.expect("read the answer");
        received
    };
    let raw = tokio::time::timeout(TIMEOUT, exchange).await.expect("an answer within 10 s");
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no head: {text:?}"));
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Reply { status, headers, body: body.to_owned() }
}

async fn get(addr: SocketAddr, target: &str) -> Reply {
    request(addr, "GET", target, b"", false).await
}

async fn post(addr: SocketAddr, target: &str, body: &[u8]) -> Reply {
    request(addr, "POST", target, body, false).await
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|day| day.and_hms_opt(h, mi, s))
        .expect("test date is real")
}

fn attlog_target(serial: &str) -> String {
    format!("/iclock/cdata?SN={serial}&table=ATTLOG&Stamp=9999")
}

// ---------------------------------------------------------------------------------------------
// Routes.

#[tokio::test]
async fn handshake_answers_the_options_and_the_sink_clock_as_date() {
    let (sink, handle) = start().await;
    let addr = handle.local_addr();
    let reply =
        get(addr, &format!("/iclock/cdata?SN={KNOWN}&options=all&pushver=2.4.1&language=83")).await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.header("content-type"), Some("text/plain"));
    assert_eq!(
        reply.header("date"),
        Some("Mon, 02 Mar 2026 01:00:00 GMT"),
        "devices set their clock from Date: it must be the sink's clock"
    );
    let dates = reply.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("date")).count();
    assert_eq!(dates, 1, "one Date header, not the server's own as well: {:?}", reply.headers);
    let expected =
        options_reply(KNOWN, &PushOptions { attlog_stamp: Some("777".into()), time_zone_hours: 8 });
    assert_eq!(reply.body, expected);
    assert!(reply.body.starts_with(&format!("GET OPTION FROM: {KNOWN}\n")));
    assert!(reply.body.contains("\nTransFlag=TransData AttLog\tOpLog\tEnrollUser\tChgUser\n"));

    let unknown = get(addr, "/iclock/cdata?SN=NEW0001&options=all").await;
    assert_eq!(unknown.status, 200);
    assert_eq!(unknown.body, options_reply("NEW0001", &PushOptions::default()));
    assert!(unknown.body.contains("\nATTLOGStamp=0\n"), "an unknown device sends everything");
    assert_eq!(
        sink.seen().contacts,
        vec![
            (KNOWN.to_owned(), "/iclock/cdata".to_owned()),
            ("NEW0001".to_owned(), "/iclock/cdata".to_owned())
        ],
        "every contact is recorded"
    );
    handle.shutdown().await.expect("stops cleanly");
}

#[tokio::test]
async fn attlog_post_is_handed_on_and_answered_ok_with_the_count() {
    let (sink, handle) = start().await;
    let body = b"1\t2026-03-02 08:59:07\t0\t1\t0\t0\t0\n\
                 22\t2026-03-02 09:01:00\t0\t15\t0\t0\t0\n\
                 1\t2026-03-02 18:02:03\t1\t1\t0\t0\t0\n";
    let reply = post(handle.local_addr(), &attlog_target(KNOWN), body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "OK: 3"));
    assert_eq!(reply.header("date"), Some("Mon, 02 Mar 2026 01:00:00 GMT"));
    let seen = sink.seen();
    assert_eq!(seen.attlog.len(), 1);
    let call = &seen.attlog[0];
    assert_eq!(call.serial, KNOWN);
    assert_eq!(call.stamp.as_deref(), Some("9999"));
    assert_eq!(call.raw, body, "the raw body is handed on for audit");
    assert!(call.errors.is_empty(), "{:?}", call.errors);
    assert_eq!(
        call.punches[1],
        PushPunch {
            line: 2,
            pin: "22".into(),
            local: at(2026, 3, 2, 9, 1, 0),
            state: Some(0),
            verify: Some(15),
            work_code: Some("0".into()),
        }
    );
    assert_eq!(seen.stored.len(), 3);
    assert!(seen.quarantined.is_empty());
}

#[tokio::test]
async fn crlf_lines_and_extra_trailing_fields_are_read() {
    let (sink, handle) = start().await;
    let body = b"11\t2025-08-27 10:57:49\t0\t25\t0\t0\t0\t0\t0\t0\r\n\
                 12\t2025-08-27 10:58:00\t1\t1\t5\r\n";
    let reply = post(handle.local_addr(), &attlog_target(KNOWN), body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "OK: 2"));
    let seen = sink.seen();
    let punches = &seen.attlog[0].punches;
    assert_eq!(punches[0].local, at(2025, 8, 27, 10, 57, 49));
    assert_eq!((punches[0].state, punches[0].verify), (Some(0), Some(25)));
    assert_eq!(punches[1].work_code.as_deref(), Some("5"), "no \\r left on the last field");
}

#[tokio::test]
async fn bad_lines_are_reported_and_good_ones_kept() {
    let (sink, handle) = start().await;
    let body = b"1\t2026-03-02 08:00:00\t0\t1\n\
                 x y\t2026-03-02 08:00:00\t0\t1\n\
                 2\t2026-02-30 08:00:00\t0\t1\n\
                 3\n\
                 \n\
                 4\t2026-03-02 08:05:00\t0\t1\n";
    let reply = post(handle.local_addr(), &attlog_target(KNOWN), body).await;
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (200, "OK: 2"),
        "bad lines cannot be fixed by sending them again, so the post is still OK"
    );
    let seen = sink.seen();
    let call = &seen.attlog[0];
    let good: Vec<(usize, &str)> = call.punches.iter().map(|p| (p.line, p.pin.as_str())).collect();
    assert_eq!(good, vec![(1, "1"), (6, "4")]);
    let bad: Vec<(usize, Option<&str>, LineProblem)> =
        call.errors.iter().map(|e| (e.line, e.column.as_deref(), e.problem)).collect();
    assert_eq!(
        bad,
        vec![
            (2, Some("PIN"), LineProblem::BadPin),
            (3, Some("DateTime"), LineProblem::BadDateTime),
            (4, None, LineProblem::TooFewFields { found: 1, expected: 2 }),
        ]
    );
}

#[tokio::test]
async fn over_a_cap_is_413_and_nothing_is_handed_on() {
    let (sink, handle) = start().await;
    let addr = handle.local_addr();
    let line = "1\t2026-03-02 08:00:00\t0\t1\t0\t0\t0\n";

    let huge = vec![b'1'; MAX_BODY_BYTES + 1];
    let reply = request(addr, "POST", &attlog_target(KNOWN), &huge, true).await;
    assert_eq!(reply.status, 413, "a body over 1 MiB is refused from its length: {reply:?}");
    assert!(reply.header("date").is_some());

    let many = line.repeat(MAX_LINES + 1);
    let reply = post(addr, &attlog_target(KNOWN), many.as_bytes()).await;
    assert_eq!(reply.status, 413, "{} lines: {reply:?}", MAX_LINES + 1);
    assert!(reply.body.contains("10000 lines"), "{}", reply.body);

    let long = format!("{line}1\t2026-03-02 08:00:00\t0\t1\t{}\n", "0".repeat(MAX_LINE_BYTES));
    let reply = post(addr, &attlog_target(KNOWN), long.as_bytes()).await;
    assert_eq!(reply.status, 413, "a line over 1 KiB: {reply:?}");
    assert!(reply.body.contains("line 2"), "{}", reply.body);

    let reply = post(addr, &attlog_target("NEW0001"), many.as_bytes()).await;
    assert_eq!(reply.status, 413, "the caps hold for unknown devices too");

    let exactly = line.repeat(MAX_LINES);
    let reply = post(addr, &attlog_target(KNOWN), exactly.as_bytes()).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "OK: 10000"), "the cap itself is fine");

    let seen = sink.seen();
    assert_eq!(seen.attlog.len(), 1, "only the post within the caps reached the sink");
    assert!(seen.quarantined.is_empty(), "nothing over a cap is quarantined either");
}

#[tokio::test]
async fn unknown_serial_is_quarantined_whole_and_nothing_stored() {
    let (sink, handle) = start().await;
    let body = b"1\t2026-03-02 08:00:00\t0\t1\t0\t0\t0\nbad line\n";
    let reply = post(handle.local_addr(), &attlog_target("NEW0001"), body).await;
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (200, "OK"),
        "OK, or the device would resend for ever"
    );
    let seen = sink.seen();
    assert!(seen.attlog.is_empty() && seen.stored.is_empty(), "nothing stored as punches");
    assert_eq!(seen.quarantined, vec![("NEW0001".into(), "ATTLOG".into(), body.to_vec())]);
    assert_eq!(seen.contacts, vec![("NEW0001".into(), "/iclock/cdata".into())]);
}

#[tokio::test]
async fn other_tables_are_answered_ok_and_discarded() {
    let (sink, handle) = start().await;
    let addr = handle.local_addr();
    let operlog = b"USER PIN=1\tName=Zhang San\tPri=0\tPasswd=\tCard=\tGrp=1\n\
                    FP PIN=1\tFID=0\tSize=1\tValid=1\tTMP=AAAA\n";
    for (serial, table) in [
        (KNOWN, "OPERLOG"),
        (KNOWN, "ATTPHOTO"),
        (KNOWN, "BIODATA"),
        (KNOWN, "options"),
        ("NEW0001", "OPERLOG"),
    ] {
        let reply =
            post(addr, &format!("/iclock/cdata?SN={serial}&table={table}&Stamp=1"), operlog).await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "OK"), "{serial} {table}");
    }
    let reply = post(addr, &format!("/iclock/cdata?SN={KNOWN}"), operlog).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "OK"), "no table at all");
    let seen = sink.seen();
    assert!(seen.attlog.is_empty(), "no biometric or user data reaches the store");
    assert!(seen.quarantined.is_empty(), "not even in quarantine");
    assert_eq!(seen.contacts.len(), 6, "but every contact is recorded");
}

#[tokio::test]
async fn heartbeat_and_command_results_are_answered_ok() {
    let (sink, handle) = start().await;
    let addr = handle.local_addr();
    let reply = get(addr, &format!("/iclock/getrequest?SN={KNOWN}")).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "OK"), "no command is ever sent");
    assert_eq!(reply.header("date"), Some("Mon, 02 Mar 2026 01:00:00 GMT"));
    let reply =
        post(addr, &format!("/iclock/devicecmd?SN={KNOWN}"), b"ID=1&Return=0&CMD=INFO\n").await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "OK"));
    let seen = sink.seen();
    assert_eq!(
        seen.contacts,
        vec![
            (KNOWN.to_owned(), "/iclock/getrequest".to_owned()),
            (KNOWN.to_owned(), "/iclock/devicecmd".to_owned())
        ]
    );
    assert!(seen.attlog.is_empty() && seen.quarantined.is_empty());
}

#[tokio::test]
async fn missing_sn_is_400_unknown_path_404_wrong_method_405() {
    let (sink, handle) = start().await;
    let addr = handle.local_addr();
    for target in ["/iclock/cdata?options=all", "/iclock/getrequest", "/iclock/cdata?SN="] {
        let reply = get(addr, target).await;
        assert_eq!(reply.status, 400, "{target}: {reply:?}");
        assert!(reply.body.contains("SN"), "{}", reply.body);
    }
    let reply = post(addr, "/iclock/cdata?table=ATTLOG", b"1\t2026-03-02 08:00:00\n").await;
    assert_eq!(reply.status, 400);
    let reply = get(addr, "/iclock/cdata?SN=A%0AB").await;
    assert_eq!(reply.status, 400, "a line break in SN could forge option lines");

    let reply = get(addr, "/iclock/registry?SN=X").await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("date"), Some("Mon, 02 Mar 2026 01:00:00 GMT"));
    assert_eq!(get(addr, "/").await.status, 404);

    let reply = post(addr, &format!("/iclock/getrequest?SN={KNOWN}"), b"").await;
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("date"), Some("Mon, 02 Mar 2026 01:00:00 GMT"));
    let seen = sink.seen();
    assert!(seen.contacts.is_empty() && seen.attlog.is_empty() && seen.quarantined.is_empty());
}

#[tokio::test]
async fn the_same_post_twice_is_handed_on_twice_and_stored_once() {
    let (sink, handle) = start().await;
    let body = b"1\t2026-03-02 08:00:00\t0\t1\t0\t0\t0\n2\t2026-03-02 08:01:00\t0\t1\t0\t0\t0\n";
    for _ in 0..2 {
        let reply = post(handle.local_addr(), &attlog_target(KNOWN), body).await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "OK: 2"));
    }
    let seen = sink.seen();
    assert_eq!(seen.attlog.len(), 2, "the receiver hands every post on; the sink dedupes");
    assert_eq!(seen.attlog[0].punches, seen.attlog[1].punches);
    assert_eq!(seen.stored.len(), 2);
}

#[tokio::test]
async fn a_failing_sink_makes_the_device_retry() {
    let (sink, handle) = start().await;
    sink.seen().fail = true;
    let reply = post(handle.local_addr(), &attlog_target(KNOWN), b"1\t2026-03-02 08:00:00\n").await;
    assert_eq!(reply.status, 500, "anything but OK makes the device send again: {reply:?}");
    assert!(!reply.body.starts_with("OK"));
}

#[tokio::test]
async fn shutdown_stops_listening() {
    let (_sink, handle) = start().await;
    let addr = handle.local_addr();
    assert_eq!(get(addr, &format!("/iclock/getrequest?SN={KNOWN}")).await.status, 200);
    handle.shutdown().await.expect("stops cleanly");
    assert!(TcpStream::connect(addr).await.is_err(), "nothing listens after shutdown");
}

// ---------------------------------------------------------------------------------------------
// Properties of the body parser.

/// Line numbers of the body's non-blank lines, as the receiver counts them.
fn non_blank_lines(text: &str) -> BTreeSet<usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.chars().all(|c| c.is_whitespace() || c == '\0'))
        .map(|(i, _)| i + 1)
        .collect()
}

/// An ATTLOG-ish line: fields of digits, letters, date punctuation and junk, 0–11 of them.
fn attlogish_line() -> impl Strategy<Value = String> {
    let field = || {
        proptest::string::string_regex("[0-9a-zA-Z :\\-\\x00\\x01\u{feff}é ]{0,22}")
            .expect("valid regex")
    };
    let datetime = (1995u32..2105, 0u32..14, 0u32..33, 0u32..26, 0u32..61, 0u32..62)
        .prop_map(|(y, mo, d, h, mi, s)| format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"));
    (field(), datetime, proptest::collection::vec(field(), 0..10)).prop_map(|(pin, time, rest)| {
        let mut line = format!("{pin}\t{time}");
        for f in &rest {
            line.push('\t');
            line.push_str(f);
        }
        line
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn attlog_body_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = parse_attlog_body(&bytes);
    }

    #[test]
    fn attlog_body_never_panics_on_strings(text in "\\PC*") {
        let _ = parse_attlog_body(text.as_bytes());
    }

    #[test]
    fn every_non_blank_line_gives_one_outcome(
        lines in proptest::collection::vec(attlogish_line(), 0..40),
        crlf in any::<bool>(),
    ) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let parsed = parse_attlog_body(text.as_bytes()).expect("well under the caps");
        let outcomes: Vec<usize> = parsed
            .punches
            .iter()
            .map(|p| p.line)
            .chain(parsed.errors.iter().map(|e| e.line))
            .collect();
        let unique: BTreeSet<usize> = outcomes.iter().copied().collect();
        prop_assert_eq!(unique.len(), outcomes.len(), "a line gave two outcomes");
        prop_assert_eq!(unique, non_blank_lines(&text));
        for p in &parsed.punches {
            prop_assert!(!p.pin.is_empty() && p.pin.bytes().all(|b| b.is_ascii_alphanumeric()));
        }
    }
}
