//! The independent cross-check: pyzk 0.9 (the released Python package, an independent 4370 client
//! with its own framing, chunk loop and record parsers) reads the simulator over TCP and over UDP,
//! and every value it reports must equal what the simulator holds. Then it writes a user, the
//! clock and a clear, and the simulator must have received exactly those.
//!
//! The venv is created once at `<target>/tmp/pyzk-venv` (`python3 -m venv`, `pip install
//! pyzk==0.9`) and reused. If Python or the package index is not available the tests fail with a
//! message saying so; they never skip. pyzk limitations this test allows for (protocol reference
//! §22.2, §22.4): it reads users before attendance, it needs one `CMD_DATA` per chunk over TCP
//! (the `tft` profile's style), it cannot parse impossible dates (none are loaded here), and it
//! derives record sizes from the `GET_FREE_SIZES` counts. Names: pyzk is given `encoding="gbk"`,
//! the simulator's codec, so the Chinese names compare exactly like the ASCII ones.
//!
//! Not here: the strict checks pyzk does not make (checksums, reply ids, byte counts), which are
//! in `tests/protocol.rs`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use kaoqin_terminal_sim::{
    Behaviour, Device, Profile, SharedDevice, SimUser, fixed_clock, generate, lock,
    spawn_blocking_server,
};
use serde_json::Value;

const PYZK: &str = "pyzk==0.9";
/// The longest a pyzk run may take (its own socket timeout is 20 s).
const RUN_LIMIT: Duration = Duration::from_secs(180);

/// Serialises venv creation between the tests of this binary.
static VENV: Mutex<()> = Mutex::new(());

fn venv_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("pyzk-venv")
}

fn python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// Whether the venv's Python imports pyzk 0.9.
fn has_pyzk(venv: &Path) -> bool {
    Command::new(python(venv))
        .args(["-c", "import zk, importlib.metadata as m; assert m.version('pyzk') == '0.9'"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The venv's Python with pyzk 0.9 installed, created on first use.
fn pyzk_python() -> PathBuf {
    let _guard = VENV.lock().unwrap_or_else(|p| p.into_inner());
    let venv = venv_dir();
    if has_pyzk(&venv) {
        return python(&venv);
    }
    let made = Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run python3 to create the pyzk venv ({e}): install python3 and python3-venv"
            )
        });
    assert!(
        made.status.success(),
        "python3 -m venv {} failed: install python3-venv\n{}",
        venv.display(),
        String::from_utf8_lossy(&made.stderr)
    );
    let pip = Command::new(python(&venv))
        .args(["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-q", PYZK])
        .output()
        .expect("run pip in the pyzk venv");
    assert!(
        pip.status.success(),
        "pip could not install {PYZK} into {}: is the Python package index reachable? This test \
         needs it and does not skip.\n{}",
        venv.display(),
        String::from_utf8_lossy(&pip.stderr)
    );
    assert!(has_pyzk(&venv), "{PYZK} installed but `import zk` fails in {}", venv.display());
    python(&venv)
}

fn clock_time() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(8, 0, 0).unwrap()
}

/// The cross-check device: serial SIM0001, 50 users (49 ASCII names and one Chinese), 2 000
/// punches of theirs.
fn device() -> SharedDevice {
    let mut d = Device::new("SIM0001", fixed_clock(clock_time()));
    d.users = (0..50)
        .map(|i| SimUser {
            pin: generate::pin(i),
            name: if i == 17 { "张三".to_owned() } else { format!("Employee {:02}", i + 1) },
            card: if i % 3 == 0 { 100_000 + i as u32 } else { 0 },
            privilege: if i == 0 { 14 } else { 0 },
        })
        .collect();
    let pins: Vec<String> = d.users.iter().map(|u| u.pin.clone()).collect();
    d.punches =
        generate::records_for(&pins, 2_000, 2026, NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
    d.shared()
}

/// Runs the pyzk script against the simulator and returns its JSON.
fn run_pyzk(port: u16, mode: &str, set_time: NaiveDateTime) -> Value {
    let python = pyzk_python();
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("it").join("pyzk_read.py");
    let mut child = Command::new(python)
        .arg(script)
        .args([
            "127.0.0.1",
            &port.to_string(),
            mode,
            &set_time.format("%Y-%m-%dT%H:%M:%S").to_string(),
        ])
        .env("PYTHONIOENCODING", "utf-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start pyzk");
    // Drain both pipes while waiting: the JSON is larger than a pipe buffer.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll pyzk") {
            break status;
        }
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            let err = err_reader.join().unwrap_or_default();
            panic!(
                "pyzk did not finish within {RUN_LIMIT:?} over {mode}:\n{}",
                String::from_utf8_lossy(&err)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    assert!(status.success(), "pyzk failed over {mode}:\n{}", String::from_utf8_lossy(&stderr));
    eprintln!("pyzk over {mode}: {:.2} s", started.elapsed().as_secs_f64());
    serde_json::from_slice(&stdout).unwrap_or_else(|e| {
        panic!("pyzk printed no JSON ({e}): {}", String::from_utf8_lossy(&stdout))
    })
}

fn iso(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn cross_check(mode: &str, behaviour: Behaviour) {
    let dev = device();
    let (users, punches, firmware, platform, uids) = {
        let d = lock(&dev);
        let uids: Vec<u16> = d.att_records().iter().map(|r| r.uid).collect();
        (d.users.clone(), d.punches.clone(), d.firmware.clone(), d.platform.clone(), uids)
    };
    let sim = spawn_blocking_server("127.0.0.1:0".parse().unwrap(), dev.clone(), behaviour)
        .expect("simulator starts");
    let set_time = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap().and_hms_opt(12, 34, 56).unwrap();
    let got = run_pyzk(sim.local_addr().port(), mode, set_time);

    assert_eq!(got["firmware"], firmware.as_str());
    assert_eq!(got["serial"], "SIM0001");
    assert_eq!(got["platform"], platform.as_str());
    assert_eq!(got["device_name"], lock(&dev).device_name.as_str());
    assert_eq!(got["mac"], lock(&dev).mac.as_str());
    assert_eq!(got["time"], iso(clock_time()).as_str(), "GET_TIME is the device clock");
    assert_eq!(got["sizes"]["users"], 50);
    assert_eq!(got["sizes"]["records"], 2_000);
    assert_eq!(got["sizes"]["users_cap"], 10_000);
    assert_eq!(got["sizes"]["rec_cap"], 100_000);
    assert_eq!(got["sizes"]["fingers_cap"], 3_000);

    let got_users = got["users"].as_array().expect("users list");
    assert_eq!(got_users.len(), users.len(), "user count");
    for (i, (g, w)) in got_users.iter().zip(&users).enumerate() {
        assert_eq!(g["uid"], i + 1, "uid of {}", w.pin);
        assert_eq!(g["user_id"], w.pin.as_str());
        assert_eq!(g["name"], w.name.as_str(), "name of {}", w.pin);
        assert_eq!(g["card"], w.card);
        assert_eq!(g["privilege"], w.privilege);
    }
    assert!(got_users.iter().any(|u| u["name"] == "张三"), "the Chinese name survives in GBK");

    let got_att = got["attendance"].as_array().expect("attendance list");
    assert_eq!(got_att.len(), punches.len(), "record count");
    for (i, (g, p)) in got_att.iter().zip(&punches).enumerate() {
        let at = iso(p.time().expect("only real dates are loaded"));
        assert_eq!(g["user_id"], p.pin.as_str(), "record {i}");
        assert_eq!(g["timestamp"], at.as_str(), "record {i}");
        assert_eq!(g["status"], p.verify, "record {i}: pyzk's status is the verify type");
        assert_eq!(g["punch"], p.state, "record {i}: pyzk's punch is the state");
        assert_eq!(g["uid"], uids[i], "record {i}");
    }

    // What pyzk wrote.
    assert_eq!(got["time_after_set"], iso(set_time).as_str());
    assert_eq!(got["records_after_clear"], 0);
    let d = lock(&dev);
    assert_eq!(d.set_time_calls, 1);
    assert_eq!(d.now(), set_time);
    assert_eq!(d.clears, 1);
    assert!(d.punches.is_empty());
    assert_eq!(d.users_written, 1);
    let added = d.users.iter().find(|u| u.pin == "9051").expect("pyzk's set_user arrived");
    assert_eq!((added.name.as_str(), added.card), ("王五", 777));
    assert_eq!(d.users.len(), 51);
    assert!(!d.disabled, "pyzk re-enabled the device");
    assert_eq!(d.connections, 1);
    eprintln!(
        "pyzk over {mode}: {} users, {} records, all fields equal",
        got_users.len(),
        got_att.len()
    );
}

#[test]
fn pyzk_reads_the_simulator_over_tcp() {
    cross_check("tcp", Profile::Tft.behaviour());
}

#[test]
fn pyzk_reads_the_simulator_over_udp() {
    cross_check("udp", Profile::Tft.behaviour());
}

/// The split style (≤ 1008-byte frames, session = frame index) as pyzk can read it: paced, as
/// measured in §22.4 (unpaced, pyzk times out from 3 frames per chunk on).
#[test]
fn pyzk_reads_paced_split_frames_over_tcp() {
    let behaviour =
        Behaviour { frame_gap: Duration::from_millis(60), ..Profile::Split.behaviour() };
    cross_check("tcp", behaviour);
}
