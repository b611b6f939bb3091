//! Push mode against the real receiver: the simulator pushes its punch log over loopback HTTP to
//! `kaoqin_terminals::adms::serve` with an in-memory test sink, and every punch the device holds
//! arrives exactly as held (PIN, wall time, state, verify, in order); impossible dates arrive as
//! bad lines; the server's clock, options and stamp reach the device; an unknown device is
//! quarantined; and the binary's `--adms` flag does the same from the command line.
//!
//! Not here: the receiver's own protocol tests (kaoqin-terminals `tests/it/adms.rs`).

use std::io::Read;
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use kaoqin_terminal_sim::adms::{PushError, PushMode, push};
use kaoqin_terminal_sim::{Device, SharedDevice, fixed_clock, generate, lock};
use kaoqin_terminals::LineProblem;
use kaoqin_terminals::adms::{self, PushHandle, PushLineError, PushOptions, PushPunch, PushSink};

const SERIAL: &str = "SIM0001";
const BIN: &str = env!("CARGO_BIN_EXE_kaoqin-terminal-sim");

#[derive(Debug, Default)]
struct Seen {
    /// Every punch handed on, in order, with the post's stamp.
    punches: Vec<(Option<String>, PushPunch)>,
    errors: Vec<PushLineError>,
    /// The last stamp stored, as a store would keep it for the next handshake.
    stamp: Option<String>,
    quarantined: Vec<(String, Vec<u8>)>,
}

/// Allows [`SERIAL`] only.
struct TestSink {
    now: DateTime<Utc>,
    seen: Mutex<Seen>,
}

impl TestSink {
    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl PushSink for TestSink {
    fn now(&self) -> DateTime<Utc> {
        self.now
    }

    fn allowed(&self, serial: &str, _remote: SocketAddr, _path: &str) -> bool {
        serial == SERIAL
    }

    fn options(&self, _serial: &str) -> PushOptions {
        PushOptions { attlog_stamp: self.seen().stamp.clone(), time_zone_hours: 8 }
    }

    fn attlog(
        &self,
        _serial: &str,
        stamp: Option<String>,
        _raw: &[u8],
        punches: &[PushPunch],
        errors: &[PushLineError],
    ) -> Result<usize, String> {
        let mut seen = self.seen();
        seen.punches.extend(punches.iter().map(|p| (stamp.clone(), p.clone())));
        seen.errors.extend_from_slice(errors);
        seen.stamp = stamp;
        Ok(punches.len())
    }

    fn quarantine(&self, serial: &str, _remote: SocketAddr, _table: &str, raw: &[u8]) {
        self.seen().quarantined.push((serial.to_owned(), raw.to_vec()));
    }
}

async fn receiver() -> (Arc<TestSink>, PushHandle) {
    let now = Utc.with_ymd_and_hms(2026, 3, 31, 10, 0, 0).single().expect("a real instant");
    let sink = Arc::new(TestSink { now, seen: Mutex::new(Seen::default()) });
    let handle = adms::serve("127.0.0.1:0".parse().expect("an address"), sink.clone())
        .await
        .expect("the receiver starts");
    (sink, handle)
}

fn march() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("a real date")
}

/// A device with 20 users, 1 000 generated punches and 3 impossible ones at the end.
fn device(serial: &str) -> SharedDevice {
    let at = march().and_hms_opt(18, 0, 0).expect("a real time");
    let mut d = Device::new(serial, fixed_clock(at));
    d.users = generate::users(20, 7);
    let pins: Vec<String> = d.users.iter().map(|u| u.pin.clone()).collect();
    d.punches = generate::records_for(&pins, 1_000, 7, march());
    d.punches.extend(generate::impossible(3));
    d.shared()
}

/// What the device holds, as the receiver should read it: real times only.
fn held(device: &SharedDevice) -> Vec<(String, NaiveDateTime, Option<u8>, Option<u8>)> {
    lock(device)
        .punches
        .iter()
        .filter_map(|p| Some((p.pin.clone(), p.time().ok()?, Some(p.state), Some(p.verify))))
        .collect()
}

#[tokio::test]
async fn every_punch_arrives_exactly_as_the_device_holds_it() {
    let (sink, handle) = receiver().await;
    let server = format!("http://{}", handle.local_addr());
    let device = device(SERIAL);
    let mode = PushMode { batch_lines: 97, ..PushMode::default() };
    let stats = push(&server, device.clone(), mode).await.expect("the push goes through");

    assert_eq!(stats.lines_sent, 1_003);
    assert_eq!(stats.posts, 11, "1 003 lines in posts of at most 97");
    assert_eq!(stats.skipped, 0, "a new terminal: the server holds nothing");
    assert_eq!(stats.accepted_total(), 1_000, "the receiver's OK: n counts the good lines");
    assert!(stats.accepted.iter().all(Option::is_some), "a known device gets OK: n");
    assert_eq!(stats.server_date, Some(sink.now), "the Date header carries the server's clock");
    assert_eq!(stats.options.get("TimeZone").map(String::as_str), Some("8"));
    assert_eq!(stats.options.get("ATTLOGStamp").map(String::as_str), Some("0"));
    assert!(stats.commands.is_empty(), "the receiver never sends commands");

    {
        let seen = sink.seen();
        let arrived: Vec<(String, NaiveDateTime, Option<u8>, Option<u8>)> =
            seen.punches.iter().map(|(_, p)| (p.pin.clone(), p.local, p.state, p.verify)).collect();
        assert_eq!(arrived, held(&device), "every real punch, as held, in order");
        assert!(seen.punches.iter().all(|(_, p)| p.work_code.as_deref() == Some("0")));
        let problems: Vec<(Option<&str>, LineProblem)> =
            seen.errors.iter().map(|e| (e.column.as_deref(), e.problem)).collect();
        assert_eq!(
            problems,
            vec![(Some("DateTime"), LineProblem::BadDateTime); 3],
            "2026-02-29, 02-30 and 02-31 arrive as bad lines"
        );
        assert_eq!(seen.errors[0].value, "2026-02-29 08:00:00");
        assert_eq!(seen.stamp.as_deref(), Some("1003"), "the last post's stamp counts every punch");
        assert!(seen.quarantined.is_empty());
    }

    let again = push(&server, device.clone(), PushMode::default()).await.expect("a second round");
    assert_eq!(
        (again.skipped, again.lines_sent, again.posts),
        (1_003, 0, 0),
        "the server's stamp says it holds everything"
    );
    lock(&device).push_punch("3", march().and_hms_opt(19, 0, 0).expect("real"), 1, 1);
    let more = push(&server, device.clone(), PushMode::default()).await.expect("a third round");
    assert_eq!((more.lines_sent, more.accepted.clone()), (1, vec![Some(1)]), "only the new one");
    assert_eq!(sink.seen().punches.len(), 1_001);
    handle.shutdown().await.expect("stops cleanly");
}

#[tokio::test]
async fn an_unknown_device_is_quarantined() {
    let (sink, handle) = receiver().await;
    let server = format!("http://{}", handle.local_addr());
    let stats =
        push(&server, device("STRANGER1"), PushMode { batch_lines: 600, ..PushMode::default() })
            .await
            .expect("an unknown device is still answered OK");
    assert_eq!((stats.posts, stats.lines_sent), (2, 1_003));
    assert_eq!(stats.accepted, vec![None, None], "a bare OK: nothing was stored as punches");
    let seen = sink.seen();
    assert!(seen.punches.is_empty());
    assert_eq!(seen.quarantined.len(), 2);
    let lines: usize =
        seen.quarantined.iter().map(|(_, raw)| raw.split(|&b| b == b'\n').count() - 1).sum();
    assert_eq!(lines, 1_003, "kept whole for the clerk");
}

#[tokio::test]
async fn push_errors_say_what_is_wrong() {
    let device = device(SERIAL);
    let bad = push("https://127.0.0.1:1", device.clone(), PushMode::default()).await;
    assert!(matches!(bad, Err(PushError::BadUrl { .. })), "{bad:?}");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let free = listener.local_addr().expect("an address");
    drop(listener);
    let none = push(&format!("http://{free}"), device, PushMode::default()).await;
    assert!(matches!(none, Err(PushError::Connect { .. })), "{none:?}");
}

#[tokio::test]
async fn binary_pushes_with_the_adms_flag() {
    let (sink, handle) = receiver().await;
    let url = format!("http://{}", handle.local_addr());
    let output = tokio::task::spawn_blocking(move || {
        let mut child = Command::new(BIN)
            .args(["--adms", &url, "--adms-batch", "50", "--records", "120", "--users", "6"])
            .args(["--serial", SERIAL])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the simulator binary");
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("the simulator did not finish pushing within 30 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut stdout = String::new();
        let mut stderr = String::new();
        child.stdout.take().map(|mut s| s.read_to_string(&mut stdout));
        child.stderr.take().map(|mut s| s.read_to_string(&mut stderr));
        (status, stdout, stderr)
    })
    .await
    .expect("the waiting thread");
    let (status, stdout, stderr) = output;
    assert!(status.success(), "exit {status}: {stderr}");
    assert!(stdout.starts_with("pushed 120 lines to http://"), "{stdout}");
    assert!(stdout.contains("in 3 posts") && stdout.contains("server accepted 120"), "{stdout}");
    assert_eq!(sink.seen().punches.len(), 120);
    handle.shutdown().await.expect("stops cleanly");
}
