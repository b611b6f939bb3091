//! `kaoqin terminal …`: add and edit terminals, test a connection, pull punches with a progress
//! bar, set a terminal's clock, read the sync log and the quarantine.

use std::collections::BTreeSet;
use std::sync::Mutex;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use kaoqin_commands::dto::{DeviceInfoDto, Lang, PullReport, TerminalDto, TerminalInput};
use kaoqin_commands::{Ctx, Store, terminals};

use crate::output::{Out, col};

#[derive(Subcommand)]
pub enum TerminalCmd {
    /// Add a terminal (考勤机) on the LAN.
    Add(TerminalArgs),
    /// Change a terminal's settings; options not given stay as they are.
    Edit {
        /// The terminal's name
        terminal: String,
        #[command(flatten)]
        changes: TerminalArgs,
    },
    /// Every terminal and how its pulls are going.
    List,
    /// Remove a terminal that was never pulled (a pulled one can be disabled with
    /// `edit --enabled false`).
    Remove { terminal: String },
    /// Connect and show what the terminal says about itself (serial, firmware, counts, clock).
    Test { terminal: String },
    /// Pull every record from the terminal; records already stored are skipped.
    Pull { terminal: String },
    /// Set the terminal's clock to this PC's.
    Time { terminal: String },
    /// The people enrolled on the terminal (PIN, name, card) and who they are on the roster;
    /// with --upload, write employees (PIN, name, card) to the terminal instead; with --file,
    /// read them from the user.dat of a USB export instead of over the network.
    Users {
        #[arg(required_unless_present = "file")]
        terminal: Option<String>,
        /// user.dat from the terminal's USB export (names read as the terminal's encoding,
        /// GBK when no terminal is named)
        #[arg(long, conflicts_with = "upload")]
        file: Option<std::path::PathBuf>,
        /// Write everyone with a PIN (or only --employee) to the terminal
        #[arg(long)]
        upload: bool,
        /// 工号 of one person to upload (repeatable)
        #[arg(long, requires = "upload")]
        employee: Vec<String>,
    },
    /// The terminal's sync log, newest first.
    Log {
        terminal: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Records kept aside because their time cannot be real (30 February, an unset clock).
    Quarantine { terminal: Option<String> },
    /// Terminals that pushed over ADMS (`kaoqin serve`), approved or waiting for approval.
    Pending,
    /// Approve a device that pushed: it becomes a terminal, and what it sent is stored.
    Approve {
        /// Its serial number, as `terminal pending` lists it
        serial: String,
        /// The name for it, e.g. 大门
        #[arg(long)]
        name: String,
    },
    /// Whether the desktop app receives pushing terminals (ADMS) and on which address; with
    /// options, change it (the app applies it when it starts or the setting is saved there).
    Receiver {
        /// Receive pushes
        #[arg(long, conflicts_with = "off")]
        on: bool,
        /// Do not receive pushes
        #[arg(long)]
        off: bool,
        /// One of this PC's IP addresses; "" for all of them
        #[arg(long)]
        host: Option<String>,
        #[arg(long)]
        port: Option<u32>,
    },
    /// Run a simulated ZKTeco terminal on this PC until Ctrl-C, for trying Kaoqin without a
    /// device: it speaks the real protocol on TCP and UDP.
    Simulate(SimulateArgs),
}

#[derive(Args)]
pub struct SimulateArgs {
    /// Port for TCP and UDP (0 picks a free one; the line printed says which)
    #[arg(long, default_value_t = 4370)]
    pub port: u16,
    /// Address to listen on (127.0.0.1: this PC only)
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Firmware profile: tft, tft49, split, udp-only, comm-key, slow, flaky
    #[arg(long, default_value = "tft")]
    pub profile: String,
    /// Generated punches of made-up people (default 2,000; none with --from-db unless given)
    #[arg(long)]
    pub records: Option<usize>,
    /// Punches for the people in the database with a PIN, following their shifts of --month
    #[arg(long, requires = "month")]
    pub from_db: bool,
    /// YYYY-MM, with --from-db
    #[arg(long)]
    pub month: Option<String>,
    /// The comm key the terminal asks for
    #[arg(long)]
    pub comm_key: Option<u32>,
    #[arg(long, default_value = "SIM0001")]
    pub serial: String,
    /// The zone of the terminal's clock (default: the company's, else Asia/Shanghai)
    #[arg(long)]
    pub tz: Option<String>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Starts the simulated terminal and waits until the process is stopped. `store` is needed only
/// with `--from-db`.
pub fn simulate(store: Option<&Store>, ctx: &Ctx, out: &Out, a: SimulateArgs) -> Result<()> {
    use kaoqin_terminal_sim::{Device, Profile, SimPerson, generate, spawn_blocking_server};

    let profile: Profile = a.profile.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
    // The terminal's clock shows the wall time of its zone, like a terminal set up on site.
    let zone = match (&a.tz, store) {
        (Some(tz), _) => tz.clone(),
        (None, Some(store)) => kaoqin_commands::company::get_company(store, ctx)?.timezone,
        (None, None) => kaoqin_commands::core::company::DEFAULT_TIMEZONE.to_owned(),
    };
    let offset = kaoqin_commands::core::company::utc_offset_seconds(&zone)
        .ok_or_else(|| anyhow::anyhow!("unknown time zone {zone}"))?;
    let clock: kaoqin_terminal_sim::Clock = std::sync::Arc::new(move || {
        clock().naive_utc() + chrono::Duration::seconds(i64::from(offset))
    });
    let today = clock().date();
    let mut device = Device::new(&a.serial, clock);
    if let (true, Some(store), Some(month)) = (a.from_db, store, a.month.as_deref()) {
        let planned = terminals::planned_shifts(store, ctx, month)?;
        device.users = planned
            .iter()
            .map(|p| kaoqin_terminal_sim::SimUser {
                pin: p.pin.clone(),
                name: p.name.clone(),
                card: 0,
                privilege: 0,
            })
            .collect();
        let minutes = |m: u32| chrono::NaiveTime::from_hms_opt((m / 60) % 24, m % 60, 0);
        let mut people = Vec::new();
        for p in &planned {
            let mut shifts: Vec<(u32, u32)> = p.days.iter().map(|d| (d.1, d.2)).collect();
            shifts.sort_unstable();
            shifts.dedup();
            for (start, end) in shifts {
                let (Some(shift_start), Some(shift_end)) = (minutes(start), minutes(end)) else {
                    continue;
                };
                let workdays =
                    p.days.iter().filter(|d| (d.1, d.2) == (start, end)).map(|d| d.0).collect();
                people.push(SimPerson { pin: p.pin.clone(), shift_start, shift_end, workdays });
            }
        }
        device.punches = generate::month(&people, a.seed);
    }
    let extra = a.records.unwrap_or(if a.from_db { 0 } else { 2_000 });
    if extra > 0 {
        // Made-up people with PINs from 90001 up, so they never match anyone on the roster.
        let pins: Vec<String> = (0..50).map(|i| (90_001 + i).to_string()).collect();
        let users = generate::users(pins.len(), a.seed);
        device.users.extend(
            users
                .into_iter()
                .zip(&pins)
                .map(|(u, pin)| kaoqin_terminal_sim::SimUser { pin: pin.clone(), ..u }),
        );
        let days = (extra / 100 + 1) as u64;
        let start = today.checked_sub_days(chrono::Days::new(days)).unwrap_or(today);
        device.punches.extend(generate::records_for(&pins, extra, a.seed, start));
    }
    let (records, users) = (device.punches.len(), device.users.len());
    let mut behaviour = profile.behaviour();
    if a.comm_key.is_some() {
        behaviour.comm_key = a.comm_key;
    }
    let sim = spawn_blocking_server(
        std::net::SocketAddr::new(a.bind, a.port),
        device.shared(),
        behaviour,
    )?;
    let addr = sim.local_addr();
    println!(
        "{}",
        out.say(
            &format!(
                "模拟考勤机已启动：{addr}（TCP 和 UDP），型号 {}，{records} 条打卡，{users} 名人员；按 Ctrl-C 结束",
                profile.name()
            ),
            &format!(
                "simulated terminal listening on {addr} (TCP and UDP), profile {}, {records} punches, {users} users; Ctrl-C stops it",
                profile.name()
            ),
        )
    );
    use std::io::Write;
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}

#[derive(Args, Default)]
pub struct TerminalArgs {
    /// Name shown to the clerk, e.g. 前门
    #[arg(long)]
    pub name: Option<String>,
    /// IP address or host name
    #[arg(long)]
    pub host: Option<String>,
    /// Port (4370 unless the terminal was changed)
    #[arg(long)]
    pub port: Option<u32>,
    /// auto (TCP, then UDP), tcp, udp, or push (the terminal sends over ADMS; give --serial)
    #[arg(long)]
    pub transport: Option<String>,
    /// The terminal's serial number (learned by itself when pulled; needed for push)
    #[arg(long)]
    pub serial: Option<String>,
    /// Comm key (通讯密码), digits; stored in the OS keyring. An empty value removes it.
    #[arg(long)]
    pub comm_key: Option<String>,
    /// Zone of the terminal's clock (default: the company's)
    #[arg(long)]
    pub tz: Option<String>,
    #[arg(long)]
    pub location: Option<String>,
    /// How the 上班/下班 key is used: none, hint, trust
    #[arg(long)]
    pub state_key: Option<String>,
    /// gbk, utf8, windows1252, windows1251, windows1256
    #[arg(long)]
    pub name_codec: Option<String>,
    /// Pull every N minutes (0: no interval)
    #[arg(long)]
    pub every: Option<u32>,
    /// Pull at these times, e.g. 08:30,12:00 (empty: none)
    #[arg(long, value_delimiter = ',')]
    pub at: Option<Vec<String>>,
    /// Clear the terminal after each verified, backed-up pull
    #[arg(long)]
    pub clear_after_pull: Option<bool>,
    #[arg(long)]
    pub enabled: Option<bool>,
}

fn apply(base: TerminalInput, a: TerminalArgs) -> TerminalInput {
    TerminalInput {
        name: a.name.unwrap_or(base.name),
        host: a.host.unwrap_or(base.host),
        port: a.port.unwrap_or(base.port),
        transport: a.transport.unwrap_or(base.transport),
        comm_key: a.comm_key,
        serial: a.serial,
        tz: a.tz.unwrap_or(base.tz),
        location: a.location.unwrap_or(base.location),
        state_key: a.state_key.unwrap_or(base.state_key),
        name_codec: a.name_codec.unwrap_or(base.name_codec),
        every_minutes: match a.every {
            Some(0) => None,
            Some(n) => Some(n),
            None => base.every_minutes,
        },
        at_times: a
            .at
            .map(|v| v.into_iter().filter(|t| !t.trim().is_empty()).collect())
            .unwrap_or(base.at_times),
        clear_after_pull: a.clear_after_pull.unwrap_or(base.clear_after_pull),
        enabled: a.enabled.unwrap_or(base.enabled),
        ..base
    }
}

fn input_of(t: &TerminalDto) -> TerminalInput {
    TerminalInput {
        id: Some(t.id),
        name: t.name.clone(),
        host: t.host.clone(),
        port: t.port,
        transport: t.transport.clone(),
        tz: t.tz.clone(),
        location: t.location.clone(),
        state_key: t.state_key.clone(),
        name_codec: t.name_codec.clone(),
        clear_after_pull: t.clear_after_pull,
        every_minutes: t.every_minutes,
        at_times: t.at_times.clone(),
        enabled: t.enabled,
        group_ids: t.group_ids.clone(),
        comm_key: None,
        serial: None,
    }
}

/// The one place the CLI reads the clock during a pull (it spans time).
#[allow(clippy::disallowed_methods)]
fn clock() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

pub fn terminal_cmd(store: &mut Store, ctx: &Ctx, out: &Out, cmd: TerminalCmd) -> Result<()> {
    let none = BTreeSet::new();
    match cmd {
        TerminalCmd::Add(a) => {
            let zone = kaoqin_commands::company::get_company(store, ctx)?.timezone;
            let base = TerminalInput {
                port: kaoqin_commands::core::terminal::DEFAULT_PORT.into(),
                transport: "auto".into(),
                tz: zone,
                state_key: "hint".into(),
                name_codec: "gbk".into(),
                enabled: true,
                ..Default::default()
            };
            let t = terminals::save_terminal(store, ctx, apply(base, a))?;
            out.detail(&t, |t| {
                vec![out.say(
                    &format!(
                        "已添加考勤机「{}」（{}:{}）：可以用 kaoqin terminal test {} 测试连接",
                        t.name, t.host, t.port, t.name
                    ),
                    &format!(
                        "added terminal \"{}\" ({}:{}): try `kaoqin terminal test {}`",
                        t.name, t.host, t.port, t.name
                    ),
                )]
            });
        }
        TerminalCmd::Edit { terminal, changes } => {
            let id = terminals::find_by_name(store, ctx, &terminal)?;
            let current = terminals::get_terminal(store, ctx, id)?;
            let t = terminals::save_terminal(store, ctx, apply(input_of(&current), changes))?;
            out.detail(&t, |t| {
                vec![out.say(
                    &format!("已保存考勤机「{}」", t.name),
                    &format!("saved terminal \"{}\"", t.name),
                )]
            });
        }
        TerminalCmd::List => {
            let list = terminals::list_terminals(store, ctx, &none)?;
            list_terminals(out, &list);
        }
        TerminalCmd::Remove { terminal } => {
            let id = terminals::find_by_name(store, ctx, &terminal)?;
            terminals::delete_terminal(store, ctx, id)?;
            out.note(
                &format!("已删除考勤机「{terminal}」"),
                &format!("removed terminal \"{terminal}\""),
            );
        }
        TerminalCmd::Test { terminal } => {
            let id = terminals::find_by_name(store, ctx, &terminal)?;
            let info = terminals::test_terminal(&Mutex::new(store), ctx, id)?;
            out.detail(&info, |i| device_lines(i, out.lang));
        }
        TerminalCmd::Time { terminal } => {
            let id = terminals::find_by_name(store, ctx, &terminal)?;
            let info = terminals::set_terminal_time(&Mutex::new(store), ctx, id)?;
            out.detail(&info, |i| device_lines(i, out.lang));
        }
        TerminalCmd::Pull { terminal } => {
            let id = terminals::find_by_name(store, ctx, &terminal)?;
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let lang = out.lang;
            let report = terminals::pull_terminal(&Mutex::new(store), ctx, id, &clock, &mut |p| {
                let msg = match (p.stage.as_str(), lang) {
                    ("connecting", Lang::Zh) => "连接",
                    ("reading", Lang::Zh) => "读取（字节）",
                    ("saving", Lang::Zh) => "保存（条）",
                    ("connecting", _) => "connecting",
                    ("reading", _) => "reading (bytes)",
                    _ => "saving (records)",
                };
                bar.set_message(msg);
                bar.set_length(u64::from(p.total));
                bar.set_position(u64::from(p.done));
            });
            bar.finish_and_clear();
            out.detail(&report?, |r| pull_lines(r, out.lang));
        }
        TerminalCmd::Log { terminal, limit } => {
            let id = terminals::find_by_name(store, ctx, &terminal)?;
            let log = terminals::list_pulls(store, ctx, id, limit, false)?;
            let cols = [
                col("id", "编号", "Id"),
                col("started_at", "开始", "Started"),
                col("outcome", "结果", "Outcome"),
                col("records", "读到", "Read"),
                col("added", "新增", "Added"),
                col("quarantined", "隔离", "Quarantined"),
                col("skew_seconds", "时差(秒)", "Skew (s)"),
                col("error", "原因", "Error"),
            ];
            out.records(&log, &cols, |p| {
                vec![
                    p.id.to_string(),
                    p.started_at.clone(),
                    p.outcome.clone(),
                    p.records.to_string(),
                    p.added.to_string(),
                    p.quarantined.to_string(),
                    p.skew_seconds.map(|s| s.to_string()).unwrap_or_default(),
                    p.error.as_ref().map(|e| e.get(out.lang).to_owned()).unwrap_or_default(),
                ]
            });
        }
        TerminalCmd::Simulate(a) => simulate(Some(store), ctx, out, a)?,
        TerminalCmd::Pending => {
            let list = kaoqin_commands::push::list_push_devices(store, ctx)?;
            let cols = [
                col("serial", "序列号", "Serial"),
                col("remote", "来自", "From"),
                col("last_seen", "最近联络", "Last seen"),
                col("terminal", "考勤机", "Terminal"),
                col("waiting", "待保存", "Waiting"),
            ];
            out.records(&list, &cols, |d| {
                vec![
                    d.serial.clone(),
                    d.remote.clone(),
                    d.last_seen.clone(),
                    d.terminal.clone().unwrap_or_else(|| out.say("（待批准）", "(waiting)")),
                    d.waiting.to_string(),
                ]
            });
        }
        TerminalCmd::Receiver { on, off, host, port } => {
            let mut r = kaoqin_commands::push::get_push_receiver(store, ctx, None)?;
            if on || off || host.is_some() || port.is_some() {
                let input = kaoqin_commands::dto::PushReceiverInput {
                    enabled: if on || off { on } else { r.enabled },
                    host: host.unwrap_or(r.host),
                    port: port.unwrap_or(r.port),
                };
                kaoqin_commands::push::set_push_receiver(store, ctx, &input)?;
                r = kaoqin_commands::push::get_push_receiver(store, ctx, None)?;
            }
            out.detail(&r, |r| receiver_lines(r, out))
        }
        TerminalCmd::Approve { serial, name } => {
            let t = kaoqin_commands::push::approve_push_device(store, ctx, &serial, &name)?;
            out.detail(&t, |t| {
                vec![out.say(
                    &format!(
                        "已批准 {serial}，考勤机「{}」：已保存 {} 条打卡",
                        t.name, t.sync.stored
                    ),
                    &format!(
                        "approved {serial} as terminal \"{}\": {} punches stored",
                        t.name, t.sync.stored
                    ),
                )]
            });
        }
        TerminalCmd::Users { terminal, file, upload, employee } => {
            let id = terminal.map(|t| terminals::find_by_name(store, ctx, &t)).transpose()?;
            if let Some(path) = file {
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let codec = id
                    .map(|id| terminals::get_terminal(store, ctx, id))
                    .transpose()?
                    .map(|t| t.name_codec);
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let users = terminals::users_from_file(
                    store,
                    ctx,
                    &name.unwrap_or_default(),
                    &bytes,
                    codec.as_deref(),
                )?;
                print_users(out, &users);
            } else if let Some(id) = id.filter(|_| upload) {
                let ids = employee
                    .iter()
                    .map(|no| kaoqin_commands::employees::find_by_employee_no(store, ctx, no))
                    .collect::<kaoqin_commands::Result<Vec<i64>>>()?;
                let only = (!ids.is_empty()).then_some(ids.as_slice());
                let r = terminals::upload_employees(&Mutex::new(store), ctx, id, only)?;
                out.detail(&r, |r| {
                    vec![out.say(
                        &format!(
                            "已写入「{}」{} 人（其中新增 {} 人）；{} 人没有考勤号码，未写入",
                            r.terminal, r.written, r.added, r.without_pin
                        ),
                        &format!(
                            "wrote {} people to \"{}\" ({} new); {} without a PIN were skipped",
                            r.written, r.terminal, r.added, r.without_pin
                        ),
                    )]
                });
            } else if let Some(id) = id {
                let users = terminals::terminal_users(&Mutex::new(store), ctx, id)?;
                print_users(out, &users);
            }
        }
        TerminalCmd::Quarantine { terminal } => {
            let id = terminal.map(|t| terminals::find_by_name(store, ctx, &t)).transpose()?;
            let list = terminals::list_quarantine(store, ctx, id)?;
            let cols = [
                col("terminal", "考勤机", "Terminal"),
                col("pin", "考勤号码", "PIN"),
                col("fields", "时间（原样）", "Time (as sent)"),
                col("raw_time", "原始值", "Raw"),
                col("reason", "原因", "Reason"),
            ];
            out.records(&list, &cols, |q| {
                vec![
                    q.terminal.clone(),
                    q.pin.clone(),
                    q.fields.clone(),
                    q.raw_time.to_string(),
                    q.reason.get(out.lang).to_owned(),
                ]
            });
        }
    }
    Ok(())
}

fn list_terminals(out: &Out, list: &[TerminalDto]) {
    let cols = [
        col("name", "名称", "Name"),
        col("address", "地址", "Address"),
        col("serial", "序列号", "Serial"),
        col("state", "状态", "State"),
        col("last_ok_at", "上次成功", "Last good pull"),
        col("device_records", "机内记录", "On terminal"),
        col("stored", "已保存", "Stored"),
        col("quarantined", "隔离", "Quarantined"),
        col("skew_seconds", "时差(秒)", "Skew (s)"),
    ];
    out.records(list, &cols, |t| {
        vec![
            t.name.clone(),
            format!("{}:{}", t.host, t.port),
            t.serial.clone().unwrap_or_default(),
            if t.enabled { t.sync.state.clone() } else { "disabled".to_owned() },
            t.sync.last_ok_at.clone().unwrap_or_default(),
            t.sync.device_records.map(|n| n.to_string()).unwrap_or_default(),
            t.sync.stored.to_string(),
            t.sync.quarantined.to_string(),
            t.sync
                .skew_seconds
                .map(|s| format!("{s}{}", if t.sync.skew_warning { " !" } else { "" }))
                .unwrap_or_default(),
        ]
    });
}

fn device_lines(i: &DeviceInfoDto, lang: Lang) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_owned());
    let mut lines = if lang == Lang::Zh {
        vec![
            format!("连接成功（{}）", i.transport.to_uppercase()),
            format!("序列号 {}，固件 {}，型号 {}", opt(&i.serial), i.firmware, opt(&i.platform)),
            format!(
                "人员 {}/{}，记录 {}/{}",
                i.users, i.user_capacity, i.records, i.record_capacity
            ),
            format!(
                "考勤机时间 {}，电脑时间 {}，相差 {} 秒",
                i.device_time, i.pc_time, i.skew_seconds
            ),
        ]
    } else {
        vec![
            format!("connected ({})", i.transport.to_uppercase()),
            format!(
                "serial {}, firmware {}, platform {}",
                opt(&i.serial),
                i.firmware,
                opt(&i.platform)
            ),
            format!(
                "users {}/{}, records {}/{}",
                i.users, i.user_capacity, i.records, i.record_capacity
            ),
            format!(
                "terminal clock {}, PC clock {}, {} s apart",
                i.device_time, i.pc_time, i.skew_seconds
            ),
        ]
    };
    if i.skew_warning {
        lines.push(if lang == Lang::Zh {
            "时差超过 60 秒：可以用 kaoqin terminal time 把考勤机时间校准为电脑时间".to_owned()
        } else {
            "the clocks are more than 60 s apart: `kaoqin terminal time` sets the terminal's clock from this PC".to_owned()
        });
    }
    lines
}

fn pull_lines(r: &PullReport, lang: Lang) -> Vec<String> {
    let mut lines = if lang == Lang::Zh {
        vec![format!(
            "「{}」下载完成（{}）：读到 {} 条，新增 {} 条，已有 {} 条，隔离 {} 条；考勤机上 {} 条",
            r.terminal,
            r.transport.to_uppercase(),
            r.records,
            r.added,
            r.already_stored,
            r.quarantined,
            r.device_records
        )]
    } else {
        vec![format!(
            "\"{}\" pulled ({}): {} records read, {} added, {} already stored, {} quarantined; {} on the terminal",
            r.terminal,
            r.transport.to_uppercase(),
            r.records,
            r.added,
            r.already_stored,
            r.quarantined,
            r.device_records
        )]
    };
    if r.skew_warning {
        lines.push(if lang == Lang::Zh {
            format!(
                "考勤机时钟与电脑相差 {} 秒：可以用 kaoqin terminal time {} 校准",
                r.skew_seconds, r.terminal
            )
        } else {
            format!(
                "the terminal's clock is {} s off: `kaoqin terminal time {}` sets it",
                r.skew_seconds, r.terminal
            )
        });
    }
    if r.quarantined > 0 {
        lines.push(if lang == Lang::Zh {
            "有记录的时间不存在，已单独保留：kaoqin terminal quarantine 查看".to_owned()
        } else {
            "some records have impossible times and were kept aside: see `kaoqin terminal quarantine`".to_owned()
        });
    }
    if !r.unknown_pins.is_empty() {
        let shown: Vec<&str> = r.unknown_pins.iter().take(10).map(String::as_str).collect();
        lines.push(if lang == Lang::Zh {
            format!("{} 个考勤号码还没有对应的人员：{}", r.unknown_pins.len(), shown.join("、"))
        } else {
            format!("{} PINs match nobody yet: {}", r.unknown_pins.len(), shown.join(", "))
        });
    }
    if let Some(why) = &r.clear_refused {
        lines.push(why.get(lang).to_owned());
    }
    lines
}

fn print_users(out: &Out, users: &[kaoqin_commands::dto::TerminalUserDto]) {
    let cols = [
        col("pin", "考勤号码", "PIN"),
        col("name", "机内姓名", "Name on terminal"),
        col("card", "卡号", "Card"),
        col("employee_no", "工号", "No."),
        col("employee_name", "人员", "Employee"),
        col("suggestion_no", "可能是（工号）", "Likely (No.)"),
    ];
    out.records(users, &cols, |u| {
        vec![
            u.pin.clone(),
            u.name.clone(),
            u.card.clone().unwrap_or_default(),
            u.employee_no.clone().unwrap_or_default(),
            u.employee_name.clone().unwrap_or_default(),
            u.suggestion_no.clone().unwrap_or_default(),
        ]
    });
}

fn receiver_lines(r: &kaoqin_commands::dto::PushReceiverDto, out: &Out) -> Vec<String> {
    let host = if r.host.is_empty() {
        out.say("本机所有地址", "every address")
    } else {
        r.host.clone()
    };
    let shown =
        if r.lan_addresses.is_empty() { "-".to_owned() } else { r.lan_addresses.join(", ") };
    vec![
        if r.enabled {
            out.say(
                &format!("接收考勤机推送：开（{host}，端口 {}）", r.port),
                &format!("receive terminal pushes: on ({host}, port {})", r.port),
            )
        } else {
            out.say("接收考勤机推送：关", "receive terminal pushes: off")
        },
        out.say(
            &format!("在考勤机「云服务器设置」里填本机地址（{shown}）和端口 {}", r.port),
            &format!(
                "in the terminal's cloud/ADMS server setting enter this PC's address ({shown}) and port {}",
                r.port
            ),
        ),
    ]
}

/// `kaoqin serve`: the ADMS receiver for terminals that push, and scheduled pulls, until the
/// process is stopped.
pub fn serve(store: Store, ctx: &Ctx, out: &Out, listen: std::net::SocketAddr) -> Result<()> {
    use std::sync::Arc;

    let store = Arc::new(Mutex::new(store));
    let sink =
        kaoqin_commands::push::StoreSink::new(store.clone(), ctx.actor.clone(), Arc::new(clock));
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let receiver = runtime.block_on(kaoqin_commands::push::serve(listen, sink))?;
    println!(
        "{}",
        out.say(
            &format!(
                "正在接收考勤机推送：http://{}/iclock/cdata（在考勤机「云服务器设置」里填这个地址和端口）；按计划自动下载；按 Ctrl-C 结束",
                receiver.local_addr()
            ),
            &format!(
                "receiving terminal pushes at http://{}/iclock/cdata (enter this address and port in the terminal's cloud/ADMS server setting); scheduled pulls run; Ctrl-C stops",
                receiver.local_addr()
            ),
        )
    );
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let collector = kaoqin_commands::collector::Collector::new();
    loop {
        let round = kaoqin_commands::Ctx::new(ctx.actor.clone(), clock());
        match collector.run_due(&*store, &round, &clock) {
            Ok(results) => {
                for (id, result) in results {
                    match result {
                        Ok(r) => println!("{}", pull_lines(&r, out.lang).join("\n")),
                        Err(e) => eprintln!("#{id}: {}", e.message_in(out.lang)),
                    }
                }
            }
            Err(e) => eprintln!("{}", e.message_in(out.lang)),
        }
        std::thread::sleep(std::time::Duration::from_secs(30));
    }
}
