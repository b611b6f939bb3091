//! Reliability test T6: pulls from the simulator, each with one injected wire fault (a reset in
//! the middle of a chunk, a stall, short or overlong data, a wrong reply id, a duplicated frame,
//! a 4 GiB declared size, an empty chunk, ACK_ERROR, a changed session id), over TCP and UDP.
//! Every pull ends in the whole log or a typed error, within its time limit plus a second, and
//! the terminal is never cleared.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use kaoqin_terminal_sim::{
    Behaviour, BulkStep, Device, Fault, FaultPlan, fixed_clock, generate, lock,
    spawn_blocking_server,
};
use kaoqin_terminals::client::{self, ClientError, Target, Timeouts, Transport};

const PULLS: usize = 1_000;
const RECORDS: usize = 4_000;

fn fault(rng: &mut fastrand::Rng, chunk: usize) -> Fault {
    match rng.u8(0..11) {
        0 => Fault::ResetMidTransfer { after_bytes: rng.usize(0..chunk) },
        1 => Fault::Stall,
        2 => Fault::ShortData,
        3 => Fault::Overshoot,
        4 => Fault::WrongReplyId,
        5 => Fault::DuplicateChunk,
        6 => Fault::HugeDeclared,
        7 => Fault::ZeroLengthChunk,
        8 => Fault::AckError { at: BulkStep::Prepare },
        9 => Fault::AckError { at: BulkStep::Read },
        _ => Fault::SessionChange,
    }
}

/// What one worker saw: pulls that came back whole, errors by kind, the slowest pull.
#[derive(Default)]
struct Tally {
    whole: usize,
    errors: std::collections::BTreeMap<String, usize>,
    slowest: Duration,
}

fn kind(e: &ClientError) -> &'static str {
    match e {
        ClientError::Timeout { .. } => "timeout",
        ClientError::Closed => "closed",
        ClientError::Refused { .. } => "refused",
        ClientError::Bulk(_) => "bulk",
        ClientError::Protocol { .. } => "protocol",
        ClientError::Frame(_) => "frame",
        ClientError::Records(_) => "records",
        ClientError::Io(_) => "io",
        ClientError::Unauthenticated => "unauthenticated",
        ClientError::Unreachable { .. } => "unreachable",
    }
}

/// `pulls` faulty pulls against a simulator of its own.
fn worker(seed: u64, pulls: usize, limit: Duration) -> Tally {
    let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let mut device = Device::new("SIMFAULT", fixed_clock(start.and_hms_opt(9, 0, 0).unwrap()));
    device.users = generate::users(100, seed);
    let pins: Vec<String> = device.users.iter().map(|u| u.pin.clone()).collect();
    device.punches = generate::records_for(&pins, RECORDS, seed, start);
    let expected: Vec<(String, u32)> =
        device.punches.iter().map(|p| (p.pin.clone(), p.time_raw)).collect();
    let device = device.shared();
    // Chunks even for small logs, so every chunk fault has something to spoil.
    let behaviour = Behaviour { direct_max: 0, ..Behaviour::default() };
    let sim =
        spawn_blocking_server("127.0.0.1:0".parse().unwrap(), device.clone(), behaviour).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut tally = Tally::default();
    for i in 0..pulls {
        let udp = i % 4 == 3;
        let f = fault(&mut rng, if udp { 16_384 } else { 65_472 });
        lock(&device).fault = Some(FaultPlan::once(f));
        let mut target = Target::new("127.0.0.1", sim.local_addr().port());
        target.transport = if udp { Transport::Udp } else { Transport::Tcp };
        target.timeouts = Timeouts {
            connect: Duration::from_secs(1),
            request: Duration::from_millis(150),
            pull: limit,
        };
        let began = Instant::now();
        let outcome = runtime.block_on(client::pull(&target, &mut |_| {}));
        let took = began.elapsed();
        tally.slowest = tally.slowest.max(took);
        assert!(took <= limit + Duration::from_secs(1), "pull {i} ({f:?}) took {took:?}");
        match outcome {
            Ok(pulled) => {
                let got: Vec<(String, u32)> = pulled
                    .attendance
                    .records
                    .iter()
                    .map(|r| (r.user_id.clone(), r.time_raw))
                    .collect();
                assert_eq!(got, expected, "pull {i} ({f:?}) returned a different log");
                tally.whole += 1;
            }
            Err(e) => {
                let name = format!("{f:?}");
                let fault = name.split([' ', '{']).next().unwrap_or_default();
                *tally.errors.entry(format!("{} ({fault})", kind(&e))).or_default() += 1;
            }
        }
        lock(&device).fault = None;
    }
    assert_eq!(lock(&device).clears, 0, "no clear ever reaches the terminal");
    // Without a fault, the terminal is still read whole.
    let target = Target::new("127.0.0.1", sim.local_addr().port());
    let pulled = runtime.block_on(client::pull(&target, &mut |_| {})).unwrap();
    assert_eq!(pulled.attendance.records.len(), RECORDS);
    tally
}

#[test]
fn every_faulty_pull_ends_whole_or_with_a_typed_error_in_time() {
    const WORKERS: usize = 4;
    let limit = Duration::from_secs(3);
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WORKERS)
            .map(|w| s.spawn(move || worker(6 + w as u64, PULLS / WORKERS, limit)))
            .collect();
        handles.into_iter().map(|h| h.join().expect("worker")).collect()
    });
    let whole: usize = tallies.iter().map(|t| t.whole).sum();
    let mut errors = std::collections::BTreeMap::<String, usize>::new();
    for t in &tallies {
        for (k, n) in &t.errors {
            *errors.entry(k.clone()).or_default() += n;
        }
    }
    let slowest = tallies.iter().map(|t| t.slowest).max().unwrap_or_default();
    eprintln!("T6: {PULLS} faulty pulls: {whole} whole; errors: {errors:?}; slowest {slowest:?}");
    assert_eq!(whole + errors.values().sum::<usize>(), PULLS);
    assert!(whole > PULLS / 4, "most faults are recovered by asking for the chunk again: {whole}");
}
