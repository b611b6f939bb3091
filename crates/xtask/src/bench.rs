//! `cargo xtask bench` (`make bench`): the engine on a month of a large site, against the time
//! it takes just to read the same punches from the store, measured in the same run.
//!
//! The site: 5,000 employees (the generated roster file), all in the example factory's office
//! group (09:00–18:00, lunch 12–13, following the 2026 holiday notice), and October 2026 with four
//! punches a day for everyone on every day (in, lunch out, lunch in, out; 620,000 punches), a
//! few minutes apart from person to person. Figures are the best of three runs.
//!
//! Printed: reading the punches (the baseline), evaluating the month (load everything + the
//! engine, results not stored) and computing it (evaluate + store the 155,000 results), each
//! with its ratio to the baseline. Targets: evaluation under 2 s and at most 2× the baseline.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::{NaiveDate, NaiveTime};
use kaoqin_commands::attendance::{self, ComputeRequest};
use kaoqin_commands::dto::{AssignGroupInput, ImportOptions};
use kaoqin_commands::{Actor, Ctx, Store, company, groups, import, setup};
use kaoqin_testkit::roster_file;

const PEOPLE: usize = 5_000;
const FACTORY: &str = include_str!("../../../assets/examples/factory-setup.toml");

fn best_of<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<(Duration, T)> {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f()?;
        best = best.min(start.elapsed());
        last = Some(value);
    }
    Ok((best, last.context("no run")?))
}

fn punch_file() -> String {
    let mut out = String::with_capacity(PEOPLE * 31 * 4 * 32);
    out.push_str("工号,打卡时间\n");
    for i in 0..PEOPLE {
        let no = format!("E{:05}", i + 1);
        let jitter = (i % 9) as u32;
        for day in 1..=31 {
            for (h, m) in [(8, 50), (12, 1), (12, 55), (18, 3)] {
                let minute = (m + jitter) % 60;
                out.push_str(&format!(
                    "{no},2026-10-{day:02} {h:02}:{minute:02}:{:02}\n",
                    (i * 7) % 60
                ));
            }
        }
    }
    out
}

pub fn run() -> Result<()> {
    #[allow(clippy::disallowed_methods)] // the bench's own boundary: it stamps what it writes
    let now = chrono::Utc::now();
    let ctx = Ctx::new(Actor::builtin_admin(), now);
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("bench.db"))?;
    // A throwaway database: the tests' audit key, not the keyring.
    store.set_audit_key(kaoqin_testkit::test_audit_key());
    company::initialize(&mut store, &ctx, Some("基准测试厂"), None)?;
    let roster = roster_file::generate(PEOPLE, false);
    let bytes = roster.csv(roster_file::CsvEncoding::Utf8);
    print!("setting up {PEOPLE} people … ");
    import::run_import(&mut store, &ctx, "roster.csv", &bytes, &ImportOptions::default())?;
    setup::import_setup(&mut store, &ctx, FACTORY, false)?;
    let office = groups::list_groups(&store, &ctx, None)?
        .groups
        .into_iter()
        .find(|g| g.name == "行政")
        .context("the example's office group")?
        .id;
    let top = kaoqin_commands::departments::list_departments(&store, &ctx)?;
    for d in top.iter().filter(|d| d.parent_id.is_none()) {
        let input = AssignGroupInput {
            target_kind: "department".into(),
            target_id: d.id,
            group_id: Some(office),
            effective_from: "2026-01-01".into(),
        };
        groups::assign_group(&mut store, &ctx, input)?;
    }
    let file = punch_file();
    let imported =
        attendance::import_punches(&mut store, &ctx, "october.csv", file.as_bytes(), false)?;
    println!("{} punches", imported.added);

    let from = NaiveDate::from_ymd_opt(2026, 9, 30).context("date")?.and_time(NaiveTime::MIN);
    let to = NaiveDate::from_ymd_opt(2026, 11, 3).context("date")?.and_time(NaiveTime::MIN);
    let (read, rows) = best_of(3, || Ok(store.read().engine_punches(from, to)?.len()))?;
    let request = ComputeRequest { month: "2026-10".into(), ..ComputeRequest::default() };
    let (evaluate, results) = best_of(3, || {
        Ok(attendance::evaluate_month(&store, &ctx, &request, &mut |_, _| {})?.len())
    })?;
    let (compute, report) =
        best_of(3, || Ok(attendance::compute(&mut store, &ctx, &request, &mut |_, _| {})?))?;

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let ratio = |d: Duration| ms(d) / ms(read).max(0.001);
    println!("month 2026-10, {PEOPLE} people, {rows} punches read, {results} day results");
    println!("{:<44} {:>9.0} ms   1.00×", "read the punches from the store (baseline)", ms(read));
    println!(
        "{:<44} {:>9.0} ms   {:.2}×",
        "evaluate the month (load + engine)",
        ms(evaluate),
        ratio(evaluate)
    );
    println!(
        "{:<44} {:>9.0} ms   {:.2}×   ({} exception days)",
        "compute (evaluate + store the results)",
        ms(compute),
        ratio(compute),
        report.exception_days
    );
    println!(
        "targets: evaluate < 2000 ms: {}; evaluate ≤ 2× baseline: {}",
        if ms(evaluate) < 2000.0 { "met" } else { "NOT met" },
        if ratio(evaluate) <= 2.0 { "met" } else { "NOT met" }
    );
    Ok(())
}
