//! `kaoqin-terminal-sim`: runs a fake ZKTeco terminal on a local port until Ctrl-C, with
//! generated users and punches, for demos and for trying clients by hand. With `--adms URL` it
//! is a terminal in push mode instead: it pushes its punches once to that ADMS server, prints
//! what the server accepted and exits (no port is opened).
//!
//! Not here: anything the library does not offer; this file only turns flags into a device and a
//! behaviour. Ctrl-C ends the process (the default signal action): there is nothing to save.

use std::net::SocketAddr;
use std::process::ExitCode;

use chrono::{Days, NaiveDate};
use clap::Parser;
use kaoqin_terminal_sim::adms::{PushMode, push};
use kaoqin_terminal_sim::{Device, Profile, SharedDevice, generate, lock, serve, system_clock};

/// A fake ZKTeco attendance terminal speaking the 4370 protocol on TCP and UDP.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address to listen on (TCP and UDP share the port; port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:4370")]
    listen: SocketAddr,
    /// Firmware profile: tft, tft49, split, udp-only, comm-key, slow or flaky.
    #[arg(long, default_value = "tft")]
    profile: Profile,
    /// Comm key the terminal demands (the comm-key profile uses 12345 when none is given).
    #[arg(long)]
    comm_key: Option<u32>,
    /// Number of generated punches.
    #[arg(long, default_value_t = 2_000)]
    records: usize,
    /// Number of generated users (the punches are theirs).
    #[arg(long, default_value_t = 50)]
    users: usize,
    /// Seed of the generated data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Serial number (`~SerialNumber`).
    #[arg(long, default_value = "SIM0001")]
    serial: String,
    /// Push the punches to this ADMS/PUSH server (http://host:port) and exit, instead of
    /// listening.
    #[arg(long, value_name = "URL")]
    adms: Option<String>,
    /// Lines per ATTLOG post in push mode (1-10000).
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u16).range(1..=10_000))]
    adms_batch: u16,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(args))
}

async fn run(args: Args) -> ExitCode {
    let clock = system_clock();
    let today = clock().date();
    let mut device = Device::new(&args.serial, clock);
    device.users = generate::users(args.users, args.seed);
    let pins: Vec<String> = if device.users.is_empty() {
        (0..50).map(generate::pin).collect()
    } else {
        device.users.iter().map(|u| u.pin.clone()).collect()
    };
    // About a month back, so the punch log ends around today for the default sizes.
    let days_back = (args.records / pins.len().saturating_mul(2).max(1)).saturating_mul(7) / 5;
    let start = today.checked_sub_days(Days::new(days_back as u64 + 1)).unwrap_or(today);
    let start =
        if start < NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(start) { today } else { start };
    device.punches = generate::records_for(&pins, args.records, args.seed, start);
    if let Some(url) = &args.adms {
        return push_once(url, device.shared(), usize::from(args.adms_batch)).await;
    }
    let mut behaviour = args.profile.behaviour();
    if let Some(key) = args.comm_key {
        behaviour.comm_key = Some(key);
    }
    let shared = device.shared();
    let handle = match serve(args.listen, shared.clone(), behaviour).await {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (records, users) = {
        let d = lock(&shared);
        (d.punches.len(), d.users.len())
    };
    let transports = match (args.profile.behaviour().tcp, args.profile.behaviour().udp) {
        (true, true) => "tcp+udp",
        (true, false) => "tcp",
        _ => "udp",
    };
    println!(
        "listening on {} ({transports}), profile {}, {records} records, {users} users",
        handle.local_addr(),
        args.profile
    );
    // Serve until the process is interrupted.
    std::future::pending::<()>().await;
    drop(handle);
    ExitCode::SUCCESS
}

/// Push mode: one round of handshake, ATTLOG posts and heartbeat, then one summary line.
async fn push_once(url: &str, device: SharedDevice, batch_lines: usize) -> ExitCode {
    let mode = PushMode { batch_lines, ..PushMode::default() };
    match push(url, device, mode).await {
        Ok(stats) => {
            println!(
                "pushed {} lines to {url} in {} posts ({} already held by the server), server accepted {}",
                stats.lines_sent,
                stats.posts,
                stats.skipped,
                stats.accepted_total()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
