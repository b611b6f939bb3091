//! Terminals: settings, comm keys in the real OS keyring (the tests run under
//! scripts/with-keyring.sh), and what cannot be changed.

use kaoqin_commands::dto::TerminalInput;
use kaoqin_commands::{Error, secrets, terminals};

use crate::{ctx, refused, seeded};

pub(crate) fn front_door(host: &str, port: u32) -> TerminalInput {
    TerminalInput {
        name: "前门".into(),
        host: host.into(),
        port,
        transport: "tcp".into(),
        tz: "Asia/Shanghai".into(),
        location: "一号门".into(),
        state_key: "hint".into(),
        name_codec: "gbk".into(),
        enabled: true,
        ..Default::default()
    }
}

#[test]
fn the_comm_key_lives_in_the_os_keyring_and_never_in_the_database() {
    let (mut store, ..) = seeded();
    let c = ctx();
    let input = TerminalInput { comm_key: Some("862431".into()), ..front_door("10.0.0.9", 4370) };
    let t = terminals::save_terminal(&mut store, &c, input).unwrap();
    assert!(t.has_comm_key);
    let dump = store.dump().unwrap();
    assert!(!dump.contains("862431"), "the comm key must not reach the database");

    let row = store.read().get_terminal(t.id).unwrap().unwrap();
    assert_eq!(secrets::get_comm_key(&row.key_ref).unwrap(), Some(862_431));

    // Editing without a key keeps it; an empty key removes it.
    let edit =
        TerminalInput {
            id: Some(t.id), location: "二号门".into(), ..front_door("10.0.0.9", 4370)
        };
    let t = terminals::save_terminal(&mut store, &c, edit.clone()).unwrap();
    assert!(t.has_comm_key);
    assert_eq!(secrets::get_comm_key(&row.key_ref).unwrap(), Some(862_431));
    let t = terminals::save_terminal(
        &mut store,
        &c,
        TerminalInput { comm_key: Some(String::new()), ..edit },
    )
    .unwrap();
    assert!(!t.has_comm_key);
    assert_eq!(secrets::get_comm_key(&row.key_ref).unwrap(), None);
}

#[test]
fn bad_settings_are_refused_whole_and_change_nothing() {
    let (mut store, ..) = seeded();
    let c = ctx();
    terminals::save_terminal(&mut store, &c, front_door("10.0.0.9", 4370)).unwrap();
    let err = refused(&mut store, |s| {
        terminals::save_terminal(
            s,
            &c,
            TerminalInput {
                host: "10.0.0.10:4370/x".into(),
                port: 0,
                group_ids: vec![999],
                ..front_door("", 0)
            },
        )
    });
    let Error::Invalid(errors) = &err else { panic!("{err:?}") };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.key()).collect();
    assert_eq!(fields, ["host", "port"]);
    let dto = err.to_dto();
    assert!(dto.message.zh.contains("IP 地址"), "{}", dto.message.zh);

    let err = refused(&mut store, |s| {
        terminals::save_terminal(
            s,
            &c,
            TerminalInput { group_ids: vec![999], ..front_door("10.0.0.10", 4370) },
        )
    });
    let Error::Invalid(errors) = &err else { panic!("{err:?}") };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.key()).collect();
    assert_eq!(fields, ["group", "name"], "unknown group, and 前门 is taken");
}

#[test]
fn an_unreachable_terminal_is_a_failed_pull_in_the_log_with_the_reason() {
    let (mut store, ..) = seeded();
    let c = ctx();
    // A port nothing listens on: connection refused at once.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let t =
        terminals::save_terminal(&mut store, &c, front_door("127.0.0.1", u32::from(port))).unwrap();
    let shared = std::sync::Mutex::new(&mut store);
    let now = || c.now;
    let err = terminals::pull_terminal(&shared, &c, t.id, &now, &mut |_| {}).unwrap_err();
    assert!(matches!(err, Error::Terminal { .. }), "{err:?}");
    assert!(err.to_dto().message.zh.contains("没有被清除"), "{}", err.to_dto().message.zh);
    let _ = shared.into_inner();
    let log = terminals::list_pulls(&store, &c, t.id, 10, false).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].outcome, "failed");
    assert!(log[0].error.as_ref().unwrap().zh.contains("连接不上"));
    let list = terminals::list_terminals(&store, &c, &Default::default()).unwrap();
    assert_eq!(list[0].sync.state, "failed");
    assert_eq!(list[0].sync.failing_since.as_deref(), Some(log[0].started_at.as_str()));
    // A pulled terminal keeps its history.
    let err = refused(&mut store, |s| terminals::delete_terminal(s, &c, t.id));
    assert!(matches!(err, Error::TerminalInUse { .. }));
}

#[test]
fn users_from_a_usb_user_dat_are_matched_to_the_roster() {
    use kaoqin_terminals::zk::{self, NameCodec, UserLayout, UserRecord};

    let (mut store, _hq, prod, _fin) = seeded();
    let c = ctx();
    let li = crate::input("1002", "李四", prod);
    let li = kaoqin_commands::dto::EmployeeInput { pin: None, ..li };
    kaoqin_commands::employees::add_employee(&mut store, &c, li).unwrap();
    let person = |uid, pin: &str, name: &str| UserRecord {
        uid,
        privilege: 0,
        password: Vec::new(),
        name_raw: zk::encode_name(name, NameCodec::Gbk, UserLayout::B72.name_width()),
        card: 0,
        group: 1,
        user_id: pin.to_owned(),
    };
    let users = [person(1, "1001", "张三"), person(2, "55", "李四"), person(3, "77", "赵六")];
    // A USB export holds the records without the network read's size prefix.
    let file = zk::encode_users(&users, UserLayout::B72)[4..].to_vec();

    let list = terminals::users_from_file(&mut store, &c, "user.dat", &file, None).unwrap();
    let seen: Vec<(&str, &str, Option<&str>, Option<&str>)> = list
        .iter()
        .map(|u| {
            (u.pin.as_str(), u.name.as_str(), u.employee_no.as_deref(), u.suggestion_no.as_deref())
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("1001", "张三", Some("1001"), None),
            ("55", "李四", None, Some("1002")),
            ("77", "赵六", None, None)
        ]
    );

    let err = refused(&mut store, |s| {
        terminals::users_from_file(
            s,
            &c,
            "attlog.dat",
            b"1\t2026-10-08 08:55:00\t1\t0\t1\t0\r\n",
            None,
        )
    });
    let message = err.to_dto().message.zh;
    assert!(message.contains("不是考勤机 U 盘导出的人员文件 user.dat"), "{message}");
}

mod pulls {
    //! Pulls from the protocol-speaking simulator over a real TCP socket on 127.0.0.1.

    use std::sync::Mutex;

    use chrono::{NaiveDate, NaiveDateTime};
    use kaoqin_commands::dto::TerminalInput;
    use kaoqin_commands::{Error, Store, terminals};
    use kaoqin_terminal_sim::{
        Behaviour, BlockingSimHandle, BulkStep, Device, Fault, FaultPlan, SharedDevice, SimUser,
        fixed_clock, generate, lock, spawn_blocking_server,
    };

    use super::front_door;
    use crate::{ctx, seeded};

    fn wall(d: u32, h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(h, m, s).unwrap()
    }

    /// A terminal whose clock reads 09:30:30 when the test's instant (01:30 UTC) is 09:30 in
    /// Shanghai: 30 s of drift. It holds 1001's week (with a double tap), one punch of a PIN
    /// nobody has, and one record dated 30 February.
    fn terminal(behaviour: Behaviour) -> (SharedDevice, BlockingSimHandle) {
        let mut device = Device::new("SIM0001", fixed_clock(wall(23, 9, 30, 30)));
        device.users.push(SimUser {
            pin: "1001".into(),
            name: "张三".into(),
            card: 0,
            privilege: 0,
        });
        for day in 16..=20 {
            assert!(device.push_punch("1001", wall(day, 8, 55, 0), 1, 0));
            assert!(device.push_punch("1001", wall(day, 18, 2, 0), 1, 1));
        }
        assert!(device.push_punch("1001", wall(20, 18, 2, 20), 1, 1), "a double tap");
        assert!(device.push_punch("77", wall(20, 9, 0, 0), 4, 0));
        device.punches.extend(generate::impossible(2).into_iter().skip(1));
        let device = device.shared();
        let sim = spawn_blocking_server("127.0.0.1:0".parse().unwrap(), device.clone(), behaviour)
            .expect("simulator");
        (device, sim)
    }

    fn add(store: &mut Store, sim: &BlockingSimHandle, extra: TerminalInput) -> i64 {
        let port = u32::from(sim.local_addr().port());
        let input = TerminalInput { host: "127.0.0.1".into(), port, ..extra };
        terminals::save_terminal(store, &ctx(), input).unwrap().id
    }

    fn pull(
        store: &mut Store,
        id: i64,
    ) -> kaoqin_commands::Result<kaoqin_commands::dto::PullReport> {
        let c = ctx();
        let now = || c.now;
        let mut stages = Vec::new();
        let report = terminals::pull_terminal(&Mutex::new(store), &c, id, &now, &mut |p| {
            if stages.last() != Some(&p.stage) {
                stages.push(p.stage.clone());
            }
        });
        if report.is_ok() {
            assert_eq!(stages, ["connecting", "reading", "saving"]);
        }
        report
    }

    fn punches(store: &Store) -> u64 {
        store.read().count_raw_punches().unwrap()
    }

    #[test]
    fn a_pull_stores_every_punch_once_however_often_it_runs() {
        let (mut store, ..) = seeded();
        // Chunked reads (1503/1504) even for this small log.
        let (device, sim) = terminal(Behaviour { direct_max: 0, ..Behaviour::default() });
        let id = add(&mut store, &sim, front_door("", 0));

        let first = pull(&mut store, id).unwrap();
        assert_eq!(first.serial.as_deref(), Some("SIM0001"));
        assert_eq!(
            (first.records, first.added, first.already_stored, first.quarantined),
            (13, 12, 0, 1)
        );
        assert_eq!((first.device_records, first.device_records_after), (13, 13));
        assert_eq!(first.record_size, 40);
        assert_eq!((first.skew_seconds, first.skew_warning), (30, false));
        assert_eq!(first.unknown_pins, ["77"]);
        assert_eq!(punches(&store), 12);

        for _ in 0..3 {
            let again = pull(&mut store, id).unwrap();
            assert_eq!((again.added, again.already_stored, again.quarantined), (0, 12, 1));
        }
        assert_eq!(punches(&store), 12, "nothing stored twice");
        // Someone punches: the next pull brings exactly that.
        assert!(lock(&device).push_punch("1001", wall(23, 8, 59, 0), 1, 0));
        let grown = pull(&mut store, id).unwrap();
        assert_eq!((grown.records, grown.added, grown.already_stored), (14, 1, 12));
        assert_eq!(punches(&store), 13);
        let c = ctx();
        let quarantine = terminals::list_quarantine(&store, &c, Some(id)).unwrap();
        assert_eq!(quarantine.len(), 1, "kept once, never dropped");
        assert_eq!(quarantine[0].fields, "2026-02-30 08:00:00");

        let list = terminals::list_terminals(&store, &c, &Default::default()).unwrap();
        let sync = &list[0].sync;
        assert_eq!((sync.state.as_str(), sync.stored, sync.quarantined), ("ok", 13, 1));
        assert_eq!(sync.synced_until.as_deref(), Some("2026-11-23 09:30:30"));
        let log = terminals::list_pulls(&store, &c, id, 10, false).unwrap();
        assert_eq!(log.len(), 5);
        assert!(log.iter().all(|p| p.outcome == "ok"));
        let d = lock(&device);
        assert_eq!(d.clears, 0, "a terminal is never cleared unless asked");
        assert!(!d.disabled, "the terminal is unlocked after the pull");
    }

    #[test]
    fn the_comm_key_from_the_keyring_opens_a_locked_terminal() {
        let (mut store, ..) = seeded();
        let (_device, sim) =
            terminal(Behaviour { comm_key: Some(862_431), ..Behaviour::default() });
        let id = add(
            &mut store,
            &sim,
            TerminalInput { comm_key: Some("862431".into()), ..front_door("", 0) },
        );
        assert_eq!(pull(&mut store, id).unwrap().added, 12);

        let c = ctx();
        let t = terminals::get_terminal(&store, &c, id).unwrap();
        let wrong = TerminalInput {
            id: Some(id),
            comm_key: Some("1".into()),
            ..front_door(&t.host, t.port)
        };
        terminals::save_terminal(&mut store, &c, wrong).unwrap();
        let err = pull(&mut store, id).unwrap_err();
        assert!(err.to_dto().message.zh.contains("通讯密码不对"), "{}", err.to_dto().message.zh);
    }

    #[test]
    fn a_failed_read_stores_nothing_half_and_clears_nothing() {
        let (mut store, ..) = seeded();
        let behaviour = Behaviour {
            direct_max: 0,
            fault: Some(FaultPlan::every(Fault::AckError { at: BulkStep::Read })),
            ..Behaviour::default()
        };
        let (device, sim) = terminal(behaviour);
        let id =
            add(&mut store, &sim, TerminalInput { clear_after_pull: true, ..front_door("", 0) });
        let err = pull(&mut store, id).unwrap_err();
        assert!(matches!(err, Error::Terminal { .. }), "{err:?}");
        assert_eq!(punches(&store), 0);
        assert_eq!(lock(&device).clears, 0);
        assert!(!lock(&device).disabled, "unlocked again after the failure");
        let c = ctx();
        let log = terminals::list_pulls(&store, &c, id, 10, false).unwrap();
        assert_eq!(log[0].outcome, "failed");

        // The terminal recovers: the next pull is whole, and still nothing is cleared (no
        // verified backup covers it yet).
        lock(&device).fault = None;
        let report = pull(&mut store, id).unwrap();
        assert_eq!(report.added, 12);
        assert!(!report.cleared);
        assert!(report.clear_refused.is_some());
        assert_eq!(lock(&device).clears, 0);
    }

    /// Reliability test T18: five terminals whose clocks are off by −3 h to +3 h, logs with
    /// 10% double taps, each pulled ten times. Stored rows are exactly the distinct records, every
    /// pull of a skewed terminal is flagged, and the month computed after one pull per terminal
    /// is the month computed after ten.
    #[test]
    fn skewed_clocks_and_double_taps_give_the_same_month_after_one_pull_and_after_ten() {
        use kaoqin_commands::attendance::{self, ComputeRequest};
        use kaoqin_commands::dto::EmployeePatch;
        use kaoqin_commands::employees;
        use kaoqin_terminal_sim::SimPerson;

        let crate::schedule::Site { mut store, people } = crate::schedule::site();
        let c = ctx();
        let wang = people[2];
        let patch = EmployeePatch { id: wang, pin: Some("1003".into()), ..Default::default() };
        employees::edit_employee(&mut store, &c, patch).unwrap();
        let workdays: Vec<NaiveDate> = (1..=31)
            .filter_map(|d| NaiveDate::from_ymd_opt(2026, 10, d))
            .filter(|d| chrono::Datelike::weekday(d).number_from_monday() <= 5)
            .collect();
        let person = SimPerson {
            pin: "1003".into(),
            shift_start: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            shift_end: chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            workdays,
        };
        let offsets = [-3 * 3600, -3600, 0, 3600, 3 * 3600];
        let mut sims = Vec::new();
        let mut distinct = std::collections::BTreeSet::new();
        for (i, offset) in offsets.iter().enumerate() {
            let mut device = Device::new(&format!("SKEW{i}"), fixed_clock(wall(23, 9, 30, 0)));
            device.clock_offset_seconds = *offset;
            let mut log = generate::month(std::slice::from_ref(&person), i as u64);
            // One record in ten tapped again 20 s later.
            let taps: Vec<_> = log
                .iter()
                .step_by(10)
                .map(|p| kaoqin_terminal_sim::SimPunch { time_raw: p.time_raw + 20, ..p.clone() })
                .collect();
            log.extend(taps);
            for p in &log {
                distinct.insert((i, p.pin.clone(), p.time_raw, p.verify, p.state));
            }
            device.punches = log;
            let sim = spawn_blocking_server(
                "127.0.0.1:0".parse().unwrap(),
                device.shared(),
                Behaviour::default(),
            )
            .unwrap();
            let name = format!("门{i}");
            let input = TerminalInput {
                name,
                ..front_door("127.0.0.1", u32::from(sim.local_addr().port()))
            };
            let id = terminals::save_terminal(&mut store, &c, input).unwrap().id;
            sims.push((id, *offset, sim));
        }
        let month = |store: &mut Store| {
            let request = ComputeRequest { month: "2026-10".into(), ..Default::default() };
            attendance::compute(store, &c, &request, &mut |_, _| {}).unwrap();
            attendance::month_summary(store, &c, "2026-10", None).unwrap()
        };

        for (id, offset, _) in &sims {
            let report = pull(&mut store, *id).unwrap();
            assert_eq!(report.skew_seconds, *offset);
            assert_eq!(report.skew_warning, *offset != 0, "terminal off by {offset} s");
        }
        let after_one = month(&mut store);
        assert_eq!(punches(&store) as usize, distinct.len(), "every distinct record, once");
        let wang_row = after_one.rows.iter().find(|r| r.employee_id == wang).unwrap();
        // 18 working days; the log has none for the Saturday 调休上班 (10-10).
        assert_eq!((wang_row.attended_days, wang_row.absent_days), (17.0, 1.0), "{wang_row:?}");

        for _ in 1..10 {
            for (id, ..) in &sims {
                pull(&mut store, *id).unwrap();
            }
        }
        assert_eq!(punches(&store) as usize, distinct.len());
        assert_eq!(month(&mut store), after_one, "the month is the same after ten pulls");
        let list = terminals::list_terminals(&store, &c, &Default::default()).unwrap();
        let warned = list.iter().filter(|t| t.sync.skew_warning).count();
        assert_eq!(warned, 4);
    }

    #[test]
    fn users_on_the_terminal_are_matched_and_employees_are_uploaded() {
        use kaoqin_commands::employees;

        let (mut store, _hq, prod, _fin) = seeded();
        let c = ctx();
        // 李四 is on the roster without a PIN; the terminal knows him as PIN 55.
        let li = crate::input("1002", "李四", prod);
        employees::add_employee(
            &mut store,
            &c,
            kaoqin_commands::dto::EmployeeInput { pin: None, ..li },
        )
        .unwrap();
        let wang = crate::input("1003", "王五", prod);
        let wang = employees::add_employee(&mut store, &c, wang).unwrap().id;
        let (device, sim) = terminal(Behaviour::default());
        lock(&device).users.push(SimUser {
            pin: "55".into(),
            name: "李四".into(),
            card: 0,
            privilege: 0,
        });
        let id = add(&mut store, &sim, front_door("", 0));

        let users = terminals::terminal_users(&Mutex::new(&mut store), &c, id).unwrap();
        let zhang = users.iter().find(|u| u.pin == "1001").unwrap();
        assert_eq!((zhang.name.as_str(), zhang.employee_no.as_deref()), ("张三", Some("1001")));
        let li = users.iter().find(|u| u.pin == "55").unwrap();
        assert_eq!((li.employee_id, li.suggestion_no.as_deref()), (None, Some("1002")));

        let report = terminals::upload_employees(&Mutex::new(&mut store), &c, id, None).unwrap();
        assert_eq!((report.written, report.added, report.without_pin), (2, 1, 1));
        let d = lock(&device);
        let on_terminal: Vec<(&str, &str)> =
            d.users.iter().map(|u| (u.pin.as_str(), u.name.as_str())).collect();
        assert!(on_terminal.contains(&("1003", "王五")), "{on_terminal:?}");
        assert_eq!(
            on_terminal.iter().filter(|(p, _)| *p == "1001").count(),
            1,
            "张三 kept his slot"
        );
        drop(d);
        let only =
            terminals::upload_employees(&Mutex::new(&mut store), &c, id, Some(&[wang])).unwrap();
        assert_eq!((only.written, only.added), (1, 0));
    }

    #[test]
    fn a_terminal_is_cleared_only_after_a_verified_backup_holds_its_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let c = ctx();
        let mut store = Store::open(&path).unwrap();
        store.set_audit_key(kaoqin_testkit::test_audit_key());
        kaoqin_commands::company::initialize(&mut store, &c, Some("示例电子厂"), None).unwrap();
        let (device, sim) = terminal(Behaviour::default());
        let id =
            add(&mut store, &sim, TerminalInput { clear_after_pull: true, ..front_door("", 0) });

        let report = pull(&mut store, id).unwrap();
        assert!(report.cleared, "{:?}", report.clear_refused);
        assert_eq!((report.added, report.quarantined), (12, 1));
        {
            let d = lock(&device);
            assert_eq!(d.clears, 1);
            assert!(d.punches.is_empty(), "the terminal's log is empty after the clear");
        }
        let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().collect();
        assert_eq!(backups.len(), 1);
        let backup = Store::open_existing(&backups[0].as_ref().unwrap().path()).unwrap();
        assert_eq!(backup.read().count_raw_punches().unwrap(), 12, "the backup holds every punch");
        let log = terminals::list_pulls(&store, &c, id, 10, false).unwrap();
        assert!(log[0].cleared_at.is_some());

        // The next pull finds only what came after; nothing stored is lost.
        assert!(lock(&device).push_punch("1001", wall(23, 9, 0, 0), 1, 0));
        let next = pull(&mut store, id).unwrap();
        assert_eq!((next.records, next.added), (1, 1));
        assert_eq!(punches(&store), 13);
    }

    /// The terminal's 上班/下班 key setting decides how its punches' states are read: a hint (by
    /// default), trusted, or ignored. 王五 presses 下班 on arrival and 上班 on leaving.
    #[test]
    fn each_terminal_says_how_far_its_state_key_is_trusted() {
        use kaoqin_commands::attendance::{self, ComputeRequest};
        use kaoqin_commands::dto::EmployeePatch;
        use kaoqin_commands::employees;

        let crate::schedule::Site { mut store, people } = crate::schedule::site();
        let c = ctx();
        let wang = people[2];
        let patch = EmployeePatch { id: wang, pin: Some("1003".into()), ..Default::default() };
        employees::edit_employee(&mut store, &c, patch).unwrap();
        let at =
            |h, m| NaiveDate::from_ymd_opt(2026, 10, 12).unwrap().and_hms_opt(h, m, 0).unwrap();
        let mut device = Device::new("KEYS", fixed_clock(wall(23, 9, 30, 0)));
        assert!(device.push_punch("1003", at(8, 55), 1, 1), "下班 pressed on arrival");
        assert!(device.push_punch("1003", at(18, 5), 1, 0), "上班 pressed on leaving");
        let sim = spawn_blocking_server(
            "127.0.0.1:0".parse().unwrap(),
            device.shared(),
            Behaviour::default(),
        )
        .unwrap();
        let port = u32::from(sim.local_addr().port());
        let id =
            terminals::save_terminal(&mut store, &c, front_door("127.0.0.1", port)).unwrap().id;
        pull(&mut store, id).unwrap();

        let day_with = |store: &mut Store, key: &str| {
            let input = TerminalInput {
                id: Some(id),
                state_key: key.into(),
                ..front_door("127.0.0.1", port)
            };
            terminals::save_terminal(store, &c, input).unwrap();
            let request = ComputeRequest { month: "2026-10".into(), ..Default::default() };
            attendance::compute(store, &c, &request, &mut |_, _| {}).unwrap();
            let day = attendance::get_day_detail(store, &c, wang, "2026-10-12").unwrap();
            (day.row.status, day.row.missing_count, day.row.worked_minutes)
        };
        assert_eq!(day_with(&mut store, "hint"), ("normal".to_owned(), 0, 480), "times decide");
        assert_eq!(day_with(&mut store, "none"), ("normal".to_owned(), 0, 480), "keys ignored");
        let trusted = day_with(&mut store, "trust");
        assert_eq!(
            trusted.0, "exception",
            "trusted keys put the punches on the wrong ends: {trusted:?}"
        );
    }

    /// Reliability test T7: a log of 10,000 records of which 137 have impossible dates (30
    /// February, 31 April …). Exactly those 137 are quarantined with their raw value, the 9,863
    /// others stored, and pulling again changes neither.
    #[test]
    fn impossible_dates_are_quarantined_exactly_and_the_rest_stored() {
        let (mut store, ..) = seeded();
        let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let mut device = Device::new("T7", fixed_clock(wall(23, 9, 30, 0)));
        let pins: Vec<String> = (1..=40).map(|i| (2000 + i).to_string()).collect();
        device.punches = generate::records_for(&pins, 9_863, 7, start);
        let impossible = generate::impossible(137);
        assert!(impossible.iter().all(|p| p.time().is_err()));
        device.punches.extend(impossible);
        let distinct: std::collections::BTreeSet<_> =
            device.punches.iter().map(|p| (p.pin.clone(), p.time_raw, p.verify, p.state)).collect();
        assert_eq!(distinct.len(), 10_000, "the log has 10,000 distinct records");
        let sim = spawn_blocking_server(
            "127.0.0.1:0".parse().unwrap(),
            device.shared(),
            Behaviour::default(),
        )
        .unwrap();
        let id = add(&mut store, &sim, front_door("", 0));
        for _ in 0..2 {
            let report = pull(&mut store, id).unwrap();
            assert_eq!((report.records, report.quarantined), (10_000, 137));
            assert_eq!(punches(&store), 9_863);
            let kept = terminals::list_quarantine(&store, &ctx(), Some(id)).unwrap();
            assert_eq!(kept.len(), 137);
            assert!(kept.iter().all(|q| q.fields.starts_with("2026-")));
        }
    }
}
