//! The terminal half of `cargo xtask bench`: pulling and importing punches, each against a
//! baseline measured in the same run.
//!
//! 1. Pull 100,000 records from the simulator over loopback TCP and commit them to a fresh
//!    database, against pyzk 0.9 (the Python library most sites use) reading the same
//!    simulator. Target: at least 10× faster.
//! 2. Pull the same, unchanged terminal again. Target: under 0.5 s.
//! 3. Import a 1,000,000-line `attlog.dat` (parse, check, dedupe, store), against a bare
//!    rusqlite loop inserting the same rows with one prepared statement into the same table.
//!    Target: within 2×.
//!
//! pyzk runs from a virtual environment under `target/tmp/pyzk-venv` (shared with the pyzk cross-check test), created on first use
//! (`python3 -m venv`, `pip install pyzk==0.9`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use kaoqin_commands::dto::TerminalInput;
use kaoqin_commands::{Actor, Ctx, Store, attendance, company, terminals};
use kaoqin_terminal_sim::{Behaviour, Device, fixed_clock, generate, spawn_blocking_server};

const RECORDS: usize = 100_000;
const ATTLOG_LINES: usize = 1_000_000;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn fresh(dir: &Path, name: &str, ctx: &Ctx) -> Result<Store> {
    let mut store = Store::open(&dir.join(name))?;
    // A throwaway database: the tests' audit key, not the keyring.
    store.set_audit_key(kaoqin_testkit::test_audit_key());
    company::initialize(&mut store, ctx, Some("基准测试厂"), None)?;
    Ok(store)
}

/// The virtual environment with pyzk 0.9, created when missing.
fn pyzk_python(root: &Path) -> Result<PathBuf> {
    let venv = root.join("target/tmp/pyzk-venv");
    let python = venv.join("bin/python");
    let has_pyzk = python.exists()
        && std::process::Command::new(&python)
            .args(["-c", "import zk"])
            .status()
            .is_ok_and(|s| s.success());
    if !has_pyzk {
        println!("installing pyzk 0.9 into {} …", venv.display());
        let ok = std::process::Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()?
            .success()
            && std::process::Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "pyzk==0.9"])
                .status()?
                .success();
        if !ok {
            bail!("could not install pyzk 0.9 (python3 -m venv, pip install pyzk==0.9)");
        }
    }
    Ok(python)
}

/// pyzk reading every record of the terminal at `port`: connect, read, disconnect, timed inside
/// Python. Returns the time and the number of records it read.
fn pyzk_pull(python: &Path, port: u16) -> Result<(Duration, usize)> {
    let script = format!(
        "import time\nfrom zk import ZK\nt = time.perf_counter()\n\
         conn = ZK('127.0.0.1', port={port}, timeout=60, ommit_ping=True).connect()\n\
         n = len(conn.get_attendance())\nconn.disconnect()\n\
         print(time.perf_counter() - t, n)\n"
    );
    let out = std::process::Command::new(python).args(["-c", &script]).output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace();
    match (
        parts.next().and_then(|s| s.parse::<f64>().ok()),
        parts.next().and_then(|s| s.parse().ok()),
    ) {
        (Some(secs), Some(n)) => Ok((Duration::from_secs_f64(secs), n)),
        _ => bail!("pyzk failed: {}{}", text, String::from_utf8_lossy(&out.stderr)),
    }
}

fn attlog(lines: usize) -> String {
    let mut out = String::with_capacity(lines * 40);
    let start =
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("date").and_hms_opt(7, 0, 0).expect("time");
    for i in 0..lines {
        let pin = i % 2_000 + 1;
        let at = start + chrono::Duration::seconds((i / 2_000) as i64 * 600 + (i % 2_000) as i64);
        out.push_str(&format!(
            "{pin:>5}\t{}\t1\t{}\t1\t0\r\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            i % 2
        ));
    }
    out
}

/// The baseline of the import: the same rows inserted with one prepared statement in one
/// transaction, straight through rusqlite, into a fresh database of the same schema (a new file
/// each run: rows already there would be skipped, not inserted).
fn bare_insert(dir: &Path, ctx: &Ctx, text: &str, run: usize) -> Result<Duration> {
    let name = format!("bare{run}.db");
    drop(fresh(dir, &name, ctx)?);
    let mut conn = rusqlite::Connection::open(dir.join(&name))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    let rows: Vec<(String, String, String)> = text
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let pin = f.next()?.trim().to_owned();
            let time = f.next()?.to_owned();
            let state = f.nth(1)?.to_owned();
            Some((pin, time, state))
        })
        .collect();
    let start = Instant::now();
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO punch_batch (kind, file_name, sha256, lines, added, imported_at, imported_by)
         VALUES ('attlog', 'bench', '', 0, 0, '', '')",
        [],
    )?;
    let batch = tx.last_insert_rowid();
    {
        let mut stmt = tx.prepare(
            "INSERT OR IGNORE INTO raw_punch (terminal, who_kind, who, term_local, term_tz,
                 instant_utc, verify_mode, state, work_code, batch_id)
             VALUES ('1', 'pin', ?1, ?2, 'Asia/Shanghai', ?2, 1, ?3, '0', ?4)",
        )?;
        for (pin, time, state) in &rows {
            stmt.execute(rusqlite::params![pin, time, state, batch])?;
        }
    }
    tx.commit()?;
    let took = start.elapsed();
    let stored: i64 = conn.query_row("SELECT count(*) FROM raw_punch", [], |r| r.get(0))?;
    if usize::try_from(stored).ok() != Some(rows.len()) {
        bail!("the baseline stored {stored} of {} rows", rows.len());
    }
    Ok(took)
}

/// Only the import half (for profiling it).
pub fn run_import(ctx_now: chrono::DateTime<chrono::Utc>) -> Result<()> {
    let ctx = Ctx::new(Actor::builtin_admin(), ctx_now);
    let dir = tempfile::tempdir()?;
    let text = attlog(ATTLOG_LINES);
    let bare = bare_insert(dir.path(), &ctx, &text, 0)?;
    let mut store = fresh(dir.path(), "import.db", &ctx)?;
    let began = Instant::now();
    attendance::import_punches(&mut store, &ctx, "1_attlog.dat", text.as_bytes(), false)?;
    println!("bare {:.0} ms, import {:.0} ms", ms(bare), ms(began.elapsed()));
    Ok(())
}

pub fn run(root: &Path, ctx_now: chrono::DateTime<chrono::Utc>) -> Result<()> {
    let ctx = Ctx::new(Actor::builtin_admin(), ctx_now);
    let dir = tempfile::tempdir()?;

    // The terminal: 100,000 punches of 500 people.
    let start = NaiveDate::from_ymd_opt(2026, 6, 1).context("date")?;
    let mut device =
        Device::new("SIMBENCH", fixed_clock(start.and_hms_opt(9, 0, 0).context("time")?));
    device.users = generate::users(500, 3);
    let pins: Vec<String> = device.users.iter().map(|u| u.pin.clone()).collect();
    device.punches = generate::records_for(&pins, RECORDS, 3, start);
    let sim = spawn_blocking_server("127.0.0.1:0".parse()?, device.shared(), Behaviour::default())?;
    let port = sim.local_addr().port();
    let input = TerminalInput {
        name: "基准".into(),
        host: "127.0.0.1".into(),
        port: u32::from(port),
        transport: "tcp".into(),
        tz: "Asia/Shanghai".into(),
        state_key: "hint".into(),
        name_codec: "gbk".into(),
        enabled: true,
        ..Default::default()
    };
    let now = || ctx_now;

    let mut first = Duration::MAX;
    let mut again = Duration::MAX;
    // Of the best first pull: until the records are read, and the saving.
    let mut phases = (Duration::ZERO, Duration::ZERO);
    for run in 0..3 {
        let mut store = fresh(dir.path(), &format!("pull{run}.db"), &ctx)?;
        let id = terminals::save_terminal(&mut store, &ctx, input.clone())?.id;
        let shared = Mutex::new(store);
        let began = Instant::now();
        let mut saving = None;
        let report = terminals::pull_terminal(&shared, &ctx, id, &now, &mut |p| {
            if p.stage == "saving" && saving.is_none() {
                saving = Some(began.elapsed());
            }
        })?;
        let took = began.elapsed();
        if took < first {
            first = took;
            let read = saving.unwrap_or(took);
            phases = (read, took.saturating_sub(read));
        }
        if report.added as usize != RECORDS {
            bail!("the pull stored {} of {RECORDS} records", report.added);
        }
        let began = Instant::now();
        let report = terminals::pull_terminal(&shared, &ctx, id, &now, &mut |_| {})?;
        again = again.min(began.elapsed());
        if report.added != 0 {
            bail!("the second pull stored {} records again", report.added);
        }
    }
    let python = pyzk_python(root)?;
    let (pyzk, pyzk_records) = pyzk_pull(&python, port)?;
    if pyzk_records != RECORDS {
        bail!("pyzk read {pyzk_records} of {RECORDS} records");
    }

    let text = attlog(ATTLOG_LINES);
    let bare =
        (0..3).map(|run| bare_insert(dir.path(), &ctx, &text, run)).collect::<Result<Vec<_>>>()?;
    let bare = bare.into_iter().min().context("runs")?;
    let mut import = Duration::MAX;
    for run in 0..3 {
        let mut store = fresh(dir.path(), &format!("import{run}.db"), &ctx)?;
        let began = Instant::now();
        let report =
            attendance::import_punches(&mut store, &ctx, "1_attlog.dat", text.as_bytes(), false)?;
        import = import.min(began.elapsed());
        if report.added as usize != ATTLOG_LINES {
            bail!("the import stored {} of {ATTLOG_LINES} lines", report.added);
        }
    }

    println!();
    println!("terminals: {RECORDS} records on a simulated terminal (loopback TCP), best of 3");
    println!("{:<44} {:>9.0} ms   1.00×", "pyzk 0.9 reads them (baseline)", ms(pyzk));
    println!(
        "{:<44} {:>9.0} ms   {:.1}× faster",
        "Kaoqin pulls and commits them",
        ms(first),
        ms(pyzk) / ms(first).max(0.001)
    );
    println!(
        "{:<44} {:>9.0} ms   (reading {:.0} ms, storing {:.0} ms)",
        "",
        ms(first),
        ms(phases.0),
        ms(phases.1)
    );
    println!("{:<44} {:>9.0} ms", "Kaoqin pulls the unchanged terminal again", ms(again));
    println!("attlog.dat: {ATTLOG_LINES} lines, best of 3");
    println!("{:<44} {:>9.0} ms   1.00×", "bare rusqlite prepared inserts (baseline)", ms(bare));
    println!(
        "{:<44} {:>9.0} ms   {:.2}×",
        "Kaoqin imports the file",
        ms(import),
        ms(import) / ms(bare).max(0.001)
    );
    println!(
        "targets: pull ≥ 10× pyzk: {}; re-pull < 500 ms: {}; import ≤ 2× bare inserts: {}",
        if ms(pyzk) >= 10.0 * ms(first) { "met" } else { "NOT met" },
        if ms(again) < 500.0 { "met" } else { "NOT met" },
        if ms(import) <= 2.0 * ms(bare) { "met" } else { "NOT met" },
    );
    Ok(())
}
