//! The `kaoqin` binary run as a person would run it: a fresh database file, the README's
//! commands, refusals with a non-zero exit code, a message naming field and value, and no change.

use std::path::Path;
use std::process::Output;

fn kaoqin(db: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kaoqin"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KAOQIN_LANG")
        .output()
        .unwrap_or_else(|e| panic!("cannot run kaoqin: {e}"))
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = kaoqin(db, args);
    assert!(
        out.status.success(),
        "kaoqin {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Everything the database holds (the roster and the audit log).
fn state(db: &Path) -> String {
    kaoqin_testkit::snapshot(&kaoqin_store::Store::open_existing(db).expect("open"))
}

fn refused(db: &Path, args: &[&str], expect: &str) {
    let before = state(db);
    let out = kaoqin(db, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "kaoqin {args:?} must fail");
    assert!(stderr.contains(expect), "kaoqin {args:?}: expected {expect:?} in:\n{stderr}");
    assert_eq!(state(db), before, "kaoqin {args:?} must not change anything");
}

#[test]
fn readme_walkthrough_and_refusals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");

    let out = kaoqin(&db, &["employee", "list"]);
    assert!(!out.status.success(), "no database yet");
    assert!(String::from_utf8_lossy(&out.stderr).contains("kaoqin init"), "says what to do");
    assert!(!db.exists(), "a read command must not create a database");

    assert!(ok(&db, &["init", "--company", "示例电子厂"]).contains("已初始化"));
    assert!(ok(&db, &["init"]).contains("未做修改"), "init twice changes nothing");
    ok(&db, &["department", "add", "生产部"]);
    ok(&db, &["department", "add", "一车间", "--parent", "生产部"]);
    ok(
        &db,
        &[
            "employee",
            "add",
            "--no",
            "1001",
            "--name",
            "张三",
            "--department",
            "生产部",
            "--pin",
            "1001",
            "--hired-on",
            "2026-11-01",
        ],
    );
    let csv = ok(&db, &["employee", "list", "--format", "csv"]);
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "employee_no,name,department_path,position,pin,card_no,hired_on,left_on,status,phone,id_number_masked",
            "1001,张三,生产部,,1001,,2026-11-01,,active,,",
        ]
    );

    // A CSV or JSON listing is an export of personal data: it is audited; a table view is not.
    let exports = || {
        let store = kaoqin_store::Store::open_existing(&db).expect("open");
        let audit = store.read().list_audit(1000).expect("audit");
        audit.iter().filter(|a| a.action == "employee.export").count()
    };
    assert_eq!(exports(), 1, "the csv listing above was recorded");
    ok(&db, &["employee", "list"]);
    assert_eq!(exports(), 1, "a table view is not an export");

    refused(
        &db,
        &["employee", "add", "--no", "1001", "--name", "李四", "--department", "生产部"],
        "工号 1001 已被 1001 张三 使用",
    );
    refused(
        &db,
        &["employee", "add", "--no", "1002", "--name", "李四", "--department", "销售部"],
        "部门「销售部」不存在",
    );
    refused(
        &db,
        &["employee", "add", "--no", "1003", "--name", "", "--department", "生产部"],
        "姓名不能为空",
    );
    refused(
        &db,
        &[
            "employee",
            "add",
            "--no",
            "1004",
            "--name",
            "王五",
            "--department",
            "生产部",
            "--pin",
            "1001",
        ],
        "考勤机工号 1001 已被 1001 张三 使用",
    );
    refused(
        &db,
        &[
            "employee",
            "add",
            "--no",
            "1005",
            "--name",
            "赵六",
            "--department",
            "生产部",
            "--hired-on",
            "2026-02-30",
        ],
        "入职日期「2026-02-30」不是有效日期",
    );
    refused(
        &db,
        &[
            "--lang",
            "en",
            "employee",
            "add",
            "--no",
            "1006",
            "--name",
            "x",
            "--department",
            "生产部",
            "--id-number",
            "110105194912310021",
        ],
        "ID number \"1101**********0021\" has a wrong check character",
    );
    refused(&db, &["department", "delete", "生产部"], "还有 1 名员工和 1 个子部门");
    refused(
        &db,
        &["department", "move", "生产部", "--parent", "一车间"],
        "不能把部门移到它自己或它的下级部门下面",
    );
    refused(&db, &["company", "set", "--timezone", "Europe/Paris"], "时区「Europe/Paris」不支持");

    // 离职 and its undo.
    ok(&db, &["employee", "deactivate", "1001", "--date", "2026-11-30"]);
    assert!(
        !ok(&db, &["employee", "list", "--format", "csv"]).contains("张三"),
        "inactive employees are hidden by default"
    );
    ok(&db, &["employee", "reactivate", "1001"]);
    assert!(
        ok(&db, &["employee", "list", "--format", "csv"])
            .contains("1001,张三,生产部,,1001,,2026-11-01,,active")
    );
}

#[test]
fn csv_neutralises_formulas_and_table_is_readable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    ok(&db, &["department", "add", "=HYPERLINK(1)"]);
    ok(
        &db,
        &[
            "employee",
            "add",
            "--no",
            "7",
            "--name",
            "@张",
            "--department",
            "=HYPERLINK(1)",
            "--position",
            "+1",
        ],
    );
    let csv = ok(&db, &["employee", "list", "--format", "csv"]);
    assert!(csv.contains("7,'@张,'=HYPERLINK(1),'+1,"), "{csv}");
    let table = ok(&db, &["employee", "list"]);
    assert!(table.contains("工号") && table.contains("共 1 人"), "{table}");
    let en = ok(&db, &["--lang", "en", "employee", "list"]);
    assert!(en.contains("Name") && en.contains("employees: 1"), "{en}");
}

#[test]
fn calendar_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);

    let csv = ok(&db, &["calendar", "day", "2026-10-03", "--format", "csv"]);
    assert_eq!(csv.lines().nth(1), Some("2026-10-03,6,statutory,statutory,国庆节,,"));
    refused(&db, &["calendar", "day", "2027-01-04"], "2027 年节假日安排尚未载入");
    let status = ok(&db, &["calendar", "status"]);
    assert!(status.contains("2027 年节假日安排尚未载入"), "{status}");

    // A notice saved by Notepad in the ANSI code page (GBK) loads with its Chinese intact.
    let notice = "year = 2027\nnotice = \"国务院办公厅关于2027年部分节假日安排的通知\"\n\
                  issued_on = \"2026-11-20\"\nurl = \"https://example.invalid/2027\"\n\
                  days = [ { date = \"2027-01-01\", kind = \"statutory\", festival = \"元旦\" } ]\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(notice);
    let file = dir.path().join("2027.toml");
    std::fs::write(&file, &gbk).expect("write");
    let file = file.to_str().expect("utf-8 path");
    let before = state(&db);
    assert!(ok(&db, &["calendar", "import", file, "--dry-run"]).contains("检查通过（未写入）"));
    assert_eq!(state(&db), before, "a dry run writes nothing");
    assert!(ok(&db, &["calendar", "import", file]).contains("已载入 2027 年节假日"));
    let day = ok(&db, &["calendar", "day", "2027-01-01", "--format", "csv"]);
    assert!(day.contains("statutory,statutory,元旦"), "{day}");

    // Export, then load the export: nothing changes.
    let exported = dir.path().join("export.toml");
    ok(&db, &["calendar", "export", "2027", "--output", exported.to_str().expect("path")]);
    assert!(
        ok(&db, &["calendar", "import", exported.to_str().expect("path")])
            .contains("替换已导入数据")
    );

    std::fs::write(dir.path().join("bad.toml"), "year = 2027\nnotice = \n").expect("write");
    refused(
        &db,
        &["calendar", "import", dir.path().join("bad.toml").to_str().expect("p")],
        "第 2 行",
    );

    ok(&db, &["calendar", "company-day", "add", "2026-12-31", "--day-off", "--note", "年终盘点"]);
    refused(
        &db,
        &["calendar", "company-day", "add", "2026-10-01", "--working-day", "--note", "赶工"],
        "法定节假日",
    );
    let show = ok(&db, &["calendar", "show", "2026", "--format", "csv"]);
    assert!(show.contains("2026-12-31,4,rest_day,company_day_off,,,年终盘点"), "{show}");
    ok(&db, &["calendar", "company-day", "remove", "2026-12-31"]);
    ok(&db, &["calendar", "remove", "2027"]);
    refused(&db, &["calendar", "day", "2027-01-01"], "2027 年节假日安排尚未载入");
}

#[test]
fn employee_import_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    let template = dir.path().join("模板.xlsx");
    ok(&db, &["employee", "template", template.to_str().expect("path")]);
    assert!(std::fs::read(&template).expect("template").starts_with(b"PK"), "an xlsx (zip) file");

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "工号,姓名,部门,入职日期\n1001,张三,生产部,2026-03-01\n1001,李四,生产部,2026-02-30\n",
    )
    .expect("write");
    let before = state(&db);
    let out = kaoqin(&db, &["employee", "import", bad.to_str().expect("path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("第 3 行 A 列：工号 1001 与第 2 行（1001 张三）重复"), "{stderr}");
    assert!(stderr.contains("第 3 行 D 列：入职日期「2026-02-30」"), "{stderr}");
    assert_eq!(state(&db), before, "a refused import writes nothing");

    let good = dir.path().join("good.csv");
    let (gbk, _, _) =
        encoding_rs::GBK.encode("员工号,姓名,部门,入职日期\nA1,张三,总部/生产部,2026-03-01\n");
    std::fs::write(&good, &gbk).expect("write");
    let good = good.to_str().expect("path");
    refused(&db, &["employee", "import", good], "文件里没有「工号」列");
    let args = ["employee", "import", good, "--map", "employee_no=员工号"];
    assert!(ok(&db, &[&args[..], &["--dry-run"]].concat()).contains("将新增 1 人"));
    assert!(ok(&db, &args).contains("新增 1 人"));
    assert!(ok(&db, &args).contains("未变 1 人"), "importing twice changes nothing");
    let csv = ok(&db, &["employee", "list", "--format", "csv"]);
    assert!(csv.contains("A1,张三,总部/生产部"), "{csv}");
}

#[test]
fn timetables_groups_and_setup_files_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    ok(&db, &["department", "add", "总部"]);
    ok(&db, &["department", "add", "生产部", "--parent", "总部"]);
    let add = ["employee", "add", "--department", "生产部", "--hired-on", "2026-09-01"];
    ok(&db, &[&add[..], &["--no", "1001", "--name", "张三"]].concat());
    ok(&db, &[&add[..], &["--no", "1002", "--name", "李四"]].concat());

    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/examples/factory-setup.toml");
    let before = state(&db);
    let dry = ok(&db, &["setup", "import", example, "--dry-run"]);
    assert!(dry.contains("班次：新增 4") && dry.contains("试运行"), "{dry}");
    assert_eq!(state(&db), before, "a dry run writes nothing");
    ok(&db, &["setup", "import", example]);

    let list = ok(&db, &["timetable", "list", "--format", "csv"]);
    assert!(
        list.contains(
            "夜,夜班,固定,22:00–06:00+1 · 满 6 小时扣 30 分钟（带薪） · 8 小时,1,轮班「三班倒」"
        ),
        "{list}"
    );
    let show = ok(&db, &["timetable", "show", "班"]);
    assert!(
        show.contains("check_in_before_minutes = 120") && show.contains("day_change = \"07:00\""),
        "{show}"
    );

    ok(
        &db,
        &["group", "assign", "车间三班", "--department", "总部/生产部", "--from", "2026-10-01"],
    );
    ok(&db, &["group", "assign", "行政", "--employee", "1002", "--from", "2026-10-15"]);
    let members = ok(&db, &["group", "members", "--on", "2026-10-20", "--format", "csv"]);
    assert!(
        members.contains("1001,张三,总部/生产部,车间三班,总部/生产部（2026-10-01 起）"),
        "{members}"
    );
    assert!(members.contains("1002,李四,总部/生产部,行政,1002 李四（2026-10-15 起）"), "{members}");
    let sept = ok(&db, &["group", "list", "--on", "2026-09-15"]);
    assert!(sept.contains("2 人不在任何考勤组"), "{sept}");
    ok(&db, &["group", "unassign", "--employee", "1002", "--from", "2026-11-01"]);
    let nov = ok(&db, &["group", "members", "车间三班", "--on", "2026-11-02", "--format", "csv"]);
    assert_eq!(nov.lines().count(), 3, "both are back in the department's group: {nov}");

    refused(&db, &["timetable", "delete", "夜"], "正在被 轮班「三班倒」 使用");
    refused(&db, &["group", "delete", "行政"], "不能删除");

    // The 排班 grid: fill October from the rotation, paint one day, see the conflicts.
    let fill = ["schedule", "fill", "--department", "生产部", "--rotation", "三班倒"];
    let dates = ["--from", "2026-10-01", "--to", "2026-10-31", "--stagger", "2"];
    assert!(ok(&db, &[&fill[..], &dates[..]].concat()).contains("已修改 62 格"));
    ok(
        &db,
        &[
            "schedule",
            "paint",
            "--employee",
            "1001",
            "--from",
            "2026-10-07",
            "--to",
            "2026-10-07",
            "--timetable",
            "早",
        ],
    );
    let month = ok(&db, &["schedule", "show", "--month", "2026-10", "--format", "csv"]);
    let zhang = month.lines().find(|l| l.starts_with("1001,")).expect("张三's line");
    assert!(zhang.starts_with("1001,张三,早,早,中,中,夜,夜,早!,休,早,早"), "{zhang}");
    let table = ok(&db, &["schedule", "show", "--month", "2026-10"]);
    assert!(table.contains("1001 张三 2026-10-07: 与前一班只间隔 0 小时"), "{table}");
    ok(&db, &["schedule", "swap", "1001", "2026-10-07", "--with", "1002"]);
    let swapped = ok(&db, &["schedule", "show", "--month", "2026-10", "--format", "csv"]);
    let li = swapped.lines().find(|l| l.starts_with("1002,")).expect("李四");
    assert_eq!(li.split(',').nth(8), Some("早"), "李四 has 张三's early shift: {li}");
    refused(&db, &["schedule", "show", "--month", "2027-01"], "2027 年节假日安排尚未载入");

    // Leave: grant, a half-day span over 国庆's make-up Saturday, refusals, balance.
    assert!(ok(&db, &["leave", "grant", "--type", "年假", "--year", "2026"]).contains("发放 2 人"));
    let over = [
        "leave",
        "add",
        "--employee",
        "1002",
        "--type",
        "年假",
        "--from",
        "2026-10-08",
        "--to",
        "2026-10-12",
    ];
    refused(&db, &over, "余额只剩 1 天，这次需要 3 天");
    let half = [
        "leave",
        "add",
        "--employee",
        "1002",
        "--type",
        "annual",
        "--from",
        "2026-10-20",
        "--from-pm",
        "--format",
        "csv",
    ];
    let added = ok(&db, &half);
    assert!(added.contains(",0.5 天,"), "an afternoon is half a day: {added}");
    let balance =
        ok(&db, &["leave", "balance", "--type", "annual", "--on", "2026-12-31", "--format", "csv"]);
    assert!(balance.contains("1002,李四,总部/生产部,1,0.5,0,0.5"), "{balance}");

    // Export, re-import: nothing changes.
    let file = dir.path().join("setup.toml");
    let file = file.to_str().expect("path");
    ok(&db, &["setup", "export", file]);
    let again = ok(&db, &["setup", "import", file]);
    assert!(!again.contains("  + ") && !again.contains("  ~ "), "{again}");

    std::fs::write(dir.path().join("bad.toml"), "format = \"kaoqin-setup/1\"\n[[group]]\nname = \"夜间\"\nkind = \"fixed\"\nweek = [\"夜\", \"X\", \"\", \"\", \"\", \"\", \"\"]\n").expect("write");
    refused(
        &db,
        &["setup", "import", dir.path().join("bad.toml").to_str().expect("p")],
        "周二：班次「X」不存在",
    );
}

/// A USB stick's attlog.dat and a punch CSV, computed and summed, as the README shows.
#[test]
fn punches_to_the_month_summary_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    ok(&db, &["department", "add", "行政部"]);
    let add = ["employee", "add", "--department", "行政部", "--hired-on", "2026-01-01"];
    ok(&db, &[&add[..], &["--no", "1001", "--name", "张三", "--pin", "1"]].concat());
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/examples/factory-setup.toml");
    ok(&db, &["setup", "import", example]);
    ok(&db, &["group", "assign", "行政", "--department", "行政部", "--from", "2026-01-01"]);

    // PIN padded with spaces, CRLF, as terminals write it. 10-12: on time; 10-13: 20 minutes late
    // and 90 minutes of overtime; 10-14: no check-out; PIN 77 is nobody (kept, reported).
    let attlog = dir.path().join("1_attlog.dat");
    let lines = [
        "    1\t2026-10-12 08:55:00\t1\t0\t1\t0",
        "    1\t2026-10-12 18:02:00\t1\t1\t1\t0",
        "    1\t2026-10-13 09:20:00\t1\t0\t1\t0",
        "    1\t2026-10-13 19:31:00\t1\t1\t1\t0",
        "    1\t2026-10-14 08:58:00\t1\t0\t1\t0",
        "   77\t2026-10-14 08:00:00\t1\t0\t1\t0",
    ];
    std::fs::write(&attlog, lines.join("\r\n")).expect("write");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "工号,打卡时间\n1001,2026-10-15 08:55\n1001,10/15 18:00\n")
        .expect("write");
    refused(&db, &["punch", "import", bad.to_str().expect("path")], "第 3 行「打卡时间」");

    let dry = ok(&db, &["punch", "import", attlog.to_str().expect("path"), "--dry-run"]);
    assert!(
        dry.contains("试导入 1_attlog.dat：6 条打卡，新增 6 条") && dry.contains("PIN 77"),
        "{dry}"
    );
    ok(&db, &["punch", "import", attlog.to_str().expect("path")]);
    let again = ok(&db, &["punch", "import", attlog.to_str().expect("path")]);
    assert!(again.contains("新增 0 条，已有 6 条"), "{again}");

    refused(&db, &["report", "summary", "--month", "2026-10"], "还没有计算考勤结果");
    let computed = ok(&db, &["compute", "--month", "2026-10"]);
    assert!(computed.contains("2026-10 已计算：1 人，31 个人天"), "{computed}");
    let csv = ok(&db, &["report", "summary", "--month", "2026-10", "--format", "csv"]);
    let mut rows = csv.lines();
    assert_eq!(
        rows.next().map(|h| h.split(',').take(15).collect::<Vec<_>>().join(",")),
        Some(
            "employee_no,name,department,scheduled_days,attended_days,late_count,late_minutes,\
             early_count,early_minutes,missing_punch_count,absent_days,leave_minutes,\
             ot_workday_minutes,ot_restday_minutes,ot_holiday_minutes"
                .to_owned()
        )
    );
    // 18 working days in October 2026; punches only on 10-12 to 10-14, so the other 15 are
    // absent: attended 3. Late once, 20 minutes; one missing punch; 19:31 − 18:00 = 91 → 90.
    let row: Vec<&str> = rows.next().expect("row").split(',').take(15).collect();
    assert_eq!(row.join(","), "1001,张三,行政部,18,3,1,20,0,0,1,15,0,90,0,0");
    let day = ok(&db, &["day", "--employee", "1001", "--date", "2026-10-13"]);
    assert!(day.contains("第 1 段迟到 20 分钟") && day.contains("工作日加班 150%"), "{day}");

    // What-if: with 缺卡 counted as absent, 10-14's missing check-out makes that day absent (the
    // office day is one segment, so all of it: attended 3 → 2), and nothing is saved. Grace
    // belongs to each timetable, not to these settings.
    let before = state(&db);
    refused(
        &db,
        &["rules", "what-if", "--employee", "1001", "--month", "2026-10", "late_grace_minutes=25"],
        "late_grace_minutes: no such setting",
    );
    let what = ok(
        &db,
        &["rules", "what-if", "--employee", "1001", "--month", "2026-10", "missing_punch=absent"],
    );
    assert!(what.contains("现在：出勤 3/18 迟到 1/20 缺卡 1"), "{what}");
    assert!(what.contains("改后：出勤 2/18"), "{what}");
    assert!(
        what.contains("2026-10-14: 异常 出勤 0 旷工 0 下班缺卡 480 分钟 → 异常 出勤 0 旷工 480"),
        "{what}"
    );
    assert_eq!(state(&db), before, "a what-if saves nothing");
    refused(&db, &["rules", "set", "ot_rounding=sideways"], "加班取整");
    ok(&db, &["rules", "set", "missing_punch=absent"]);
    ok(&db, &["compute", "--month", "2026-10"]);
    let csv = ok(&db, &["report", "summary", "--month", "2026-10", "--format", "csv"]);
    assert!(csv.contains("1001,张三,行政部,18,2,1,20,0,0,1,16,"), "{csv}");

    // The office group moves to 综合计算工时 settled monthly: the 91 minutes after 10-13's
    // shift are no longer overtime by the day; they count towards the month, as do the 2 after
    // 10-12's (480 + 2 + 460 + 91 = 1033 of a 18 × 480 = 8640 standard: no excess).
    let hours = dir.path().join("hours.toml");
    let group = "format = \"kaoqin-setup/1\"\n[[group]]\nname = \"行政\"\nkind = \"fixed\"\n\
                 week = [\"班\", \"班\", \"班\", \"班\", \"班\", \"休\", \"休\"]\n\
                 hours = \"comprehensive_month\"\n";
    std::fs::write(&hours, group).expect("write");
    ok(&db, &["setup", "import", hours.to_str().expect("path")]);
    ok(&db, &["compute", "--month", "2026-10"]);
    let csv = ok(&db, &["report", "summary", "--month", "2026-10", "--format", "csv"]);
    let row = csv.lines().nth(1).expect("row");
    assert!(row.starts_with("1001,张三,行政部,18,2,1,20,0,0,1,16,0,0,0,0,"), "{csv}");
    assert!(row.ends_with(",month,1033,8640"), "{csv}");
}

/// A simulated terminal, run as `kaoqin terminal simulate`, stopped when dropped.
struct Simulator {
    child: std::process::Child,
    port: String,
    punches: usize,
}

impl Simulator {
    fn start(db: &Path, args: &[&str]) -> Simulator {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kaoqin"))
            .arg("--db")
            .arg(db)
            .args(["terminal", "simulate", "--port", "0"])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the simulator");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufReader::new(stdout).read_line(&mut line).expect("first line");
        // 模拟考勤机已启动：127.0.0.1:PORT（TCP 和 UDP），型号 tft，N 条打卡，…
        let port = line.split("127.0.0.1:").nth(1).and_then(|r| r.split('（').next());
        let punches = line.split("，").find_map(|p| p.strip_suffix(" 条打卡"));
        match (port, punches.and_then(|n| n.parse().ok())) {
            (Some(port), Some(punches)) => Simulator { child, port: port.to_owned(), punches },
            _ => panic!("unexpected first line: {line}"),
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_terminal_pulled_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    ok(&db, &["department", "add", "行政部"]);
    let add = ["employee", "add", "--department", "行政部", "--hired-on", "2026-01-01"];
    ok(&db, &[&add[..], &["--no", "1001", "--name", "张三", "--pin", "1"]].concat());
    ok(&db, &[&add[..], &["--no", "1002", "--name", "李四", "--pin", "2"]].concat());
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/examples/factory-setup.toml");
    ok(&db, &["setup", "import", example]);
    ok(&db, &["group", "assign", "行政", "--department", "行政部", "--from", "2026-01-01"]);

    // The terminal punches like the two of them would in October, following their shifts.
    let sim = Simulator::start(&db, &["--from-db", "--month", "2026-10"]);
    assert!(sim.punches > 40, "about two punches a working day each: {}", sim.punches);

    refused(
        &db,
        &["terminal", "add", "--name", "前门", "--host", "127.0.0.1:4370", "--port", "4370"],
        "IP 地址「127.0.0.1:4370」不是有效的地址",
    );
    let added =
        ok(&db, &["terminal", "add", "--name", "前门", "--host", "127.0.0.1", "--port", &sim.port]);
    assert!(added.contains("已添加考勤机「前门」"), "{added}");
    let test = ok(&db, &["terminal", "test", "前门"]);
    assert!(test.contains("连接成功（TCP）") && test.contains("序列号 SIM0001"), "{test}");
    assert!(test.contains("人员 2/10000"), "{test}");
    // The simulated terminal keeps the company's zone, like one set up on site: no drift.
    let drift: i64 = test
        .split("相差 ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no drift in {test}"));
    assert!(drift.abs() <= 2, "{test}");

    let users = ok(&db, &["terminal", "users", "前门", "--format", "csv"]);
    assert!(users.contains("1,张三,,1001,张三,"), "{users}");
    ok(&db, &[&add[..], &["--no", "1003", "--name", "王五", "--pin", "3"]].concat());
    let upload = ok(&db, &["terminal", "users", "前门", "--upload", "--employee", "1003"]);
    assert!(upload.contains("已写入「前门」1 人（其中新增 1 人）"), "{upload}");
    let users = ok(&db, &["terminal", "users", "前门", "--format", "csv"]);
    assert!(users.contains("3,王五,,1003,王五,"), "{users}");

    let first = ok(&db, &["terminal", "pull", "前门"]);
    let expected = format!("读到 {0} 条，新增 {0} 条，已有 0 条", sim.punches);
    assert!(first.contains(&expected), "{first}");
    let again = ok(&db, &["terminal", "pull", "前门"]);
    let expected = format!("新增 0 条，已有 {} 条", sim.punches);
    assert!(again.contains(&expected), "{again}");

    let list = ok(&db, &["terminal", "list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&list).expect("json");
    assert_eq!(list[0]["sync"]["state"], "ok");
    assert_eq!(list[0]["sync"]["stored"], sim.punches as u64);
    assert_eq!(list[0]["serial"], "SIM0001");
    let log = ok(&db, &["terminal", "log", "前门", "--format", "csv"]);
    assert_eq!(log.lines().count(), 3, "a header and two pulls: {log}");

    // The pulled punches are the people's days.
    let computed = ok(&db, &["compute", "--month", "2026-10"]);
    assert!(computed.contains("2026-10 已计算：3 人"), "{computed}");
    let summary = ok(&db, &["report", "summary", "--month", "2026-10", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&summary).expect("json");
    let worked = rows[0]["attended_days"].as_f64().unwrap_or_default();
    assert!(worked >= 15.0, "张三 attended most working days of October: {summary}");
    // The terminal was pulled after October ended: no day of it is provisional any more.
    assert_eq!(rows[0]["provisional_days"], 0, "{summary}");
    drop(sim);
    let gone = kaoqin(&db, &["terminal", "pull", "前门"]);
    assert!(!gone.status.success());
    let stderr = String::from_utf8_lossy(&gone.stderr);
    assert!(stderr.contains("连接不上") && stderr.contains("没有被清除"), "{stderr}");
}

/// Reliability test T1: `kaoqin terminal pull` killed with SIGKILL at random moments of a
/// 100,000-record pull, then run to the end. Nothing is lost, nothing is stored twice, the
/// database is sound, and every killed pull is left visibly unfinished.
#[test]
fn a_pull_killed_anywhere_loses_and_doubles_nothing() {
    use kaoqin_terminal_sim::{Behaviour, Device, fixed_clock, generate, spawn_blocking_server};

    const RECORDS: usize = 100_000;
    const KILLS: usize = 100;
    let start = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).expect("date");
    let mut device = Device::new("SIMKILL", fixed_clock(start.and_hms_opt(9, 0, 0).expect("time")));
    device.users = generate::users(200, 7);
    let pins: Vec<String> = device.users.iter().map(|u| u.pin.clone()).collect();
    device.punches = generate::records_for(&pins, RECORDS, 7, start);
    let sim = spawn_blocking_server(
        "127.0.0.1:0".parse().expect("addr"),
        device.shared(),
        Behaviour::default(),
    )
    .expect("simulator");
    let port = sim.local_addr().port().to_string();

    let dir = tempfile::tempdir().expect("tempdir");
    let setup = |db: &Path| {
        ok(db, &["init"]);
        ok(db, &["terminal", "add", "--name", "前门", "--host", "127.0.0.1", "--port", &port]);
    };
    let pull = |db: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kaoqin"))
            .arg("--db")
            .arg(db)
            .args(["terminal", "pull", "前门"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start a pull")
    };

    // How long a whole pull takes here, on a database of its own. Later pulls into the killed
    // database find more and more stored and run quicker, so kills land within the first half
    // of that time (and still reach the writing phase, which starts early).
    let calibrate = dir.path().join("calibrate.db");
    setup(&calibrate);
    let began = std::time::Instant::now();
    assert!(pull(&calibrate).wait().expect("wait").success());
    let whole = began.elapsed();

    let db = dir.path().join("k.db");
    setup(&db);
    let mut rng = fastrand::Rng::with_seed(2026);
    // Each later pull finds more already stored and ends sooner: a pull that ended before its
    // kill shrinks the window, so the kills keep landing in live pulls.
    let mut window = whole.mul_f64(0.4);
    let (mut killed_alive, mut finished_first) = (0, 0);
    while killed_alive < KILLS {
        assert!(finished_first < KILLS, "pulls keep ending before their kill (window {window:?})");
        let mut child = pull(&db);
        std::thread::sleep(window.mul_f64(0.1 + 0.9 * rng.f64()));
        if child.try_wait().expect("try_wait").is_none() {
            killed_alive += 1;
        } else {
            finished_first += 1;
            window = window.mul_f64(0.5);
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
    }
    assert!(finished_first * 20 <= KILLS, "{finished_first} pulls ended before their kill");
    let partial = kaoqin_store::Store::open_existing(&db)
        .expect("open")
        .read()
        .count_raw_punches()
        .expect("count");
    assert!(pull(&db).wait().expect("wait").success(), "the pull after the kills completes");

    let conn = rusqlite::Connection::open(&db).expect("open");
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(
        one("SELECT count(*) FROM raw_punch"),
        RECORDS as i64,
        "0 lost ({partial} were in before the last run)"
    );
    assert_eq!(
        one(
            "SELECT count(*) FROM (SELECT 1 FROM raw_punch GROUP BY terminal, who, term_local, verify_mode, state HAVING count(*) > 1)"
        ),
        0,
        "0 duplicates"
    );
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");
    // A kill can land after a pull committed, while the CLI saves the audit log's anchor in the
    // keyring: that pull rightly finished. Every other killed pull is left unfinished, none
    // failed, and each run is recorded once at most.
    let finished = one("SELECT count(*) FROM pull_run WHERE outcome = 'ok'");
    assert_eq!(one("SELECT count(*) FROM pull_run WHERE outcome = 'failed'"), 0);
    let unfinished = one("SELECT count(*) FROM pull_run WHERE outcome = 'running'");
    let runs = (killed_alive + finished_first + 1) as i64;
    assert!(
        finished >= 1 && finished + unfinished <= runs,
        "{finished} + {unfinished} > {runs} runs"
    );
    assert!(
        unfinished as usize >= killed_alive * 3 / 4,
        "{unfinished} pulls left unfinished for {killed_alive} kills: the kills must land in live pulls"
    );
    eprintln!(
        "T1: {KILLS} kills of live pulls ({finished_first} pulls ended first), {unfinished} left a pull unfinished, {finished} finished; a whole pull takes {whole:?}; {partial} rows before the final run, {RECORDS} after"
    );
}

/// `kaoqin serve` with no --listen uses the receiver address saved with `terminal receiver`; a
/// device that calls is listed by `terminal pending`.
#[test]
fn the_receiver_setting_is_saved_and_serve_listens_there() {
    use std::io::{BufRead, Read, Write};

    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    let shown = ok(&db, &["terminal", "receiver"]);
    assert!(shown.contains("接收考勤机推送：关") && shown.contains("端口 8081"), "{shown}");
    refused(
        &db,
        &["terminal", "receiver", "--on", "--host", "门卫室电脑"],
        "IP 地址「门卫室电脑」应为本机的一个 IP 地址",
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let saved = ok(
        &db,
        &["terminal", "receiver", "--on", "--host", "127.0.0.1", "--port", &port.to_string()],
    );
    assert!(saved.contains(&format!("开（127.0.0.1，端口 {port}）")), "{saved}");

    let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_kaoqin"))
        .arg("--db")
        .arg(&db)
        .arg("serve")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start kaoqin serve");
    let mut banner = String::new();
    let stdout = serve.stdout.take().expect("stdout");
    std::io::BufReader::new(stdout).read_line(&mut banner).expect("first line");
    assert!(banner.contains(&format!("http://127.0.0.1:{port}/iclock/cdata")), "{banner}");

    let mut http = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        http,
        "GET /iclock/cdata?SN=GATE0001&options=all HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    http.read_to_string(&mut reply).unwrap();
    let _ = serve.kill();
    let _ = serve.wait();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    let pending = ok(&db, &["terminal", "pending"]);
    assert!(pending.contains("GATE0001") && pending.contains("（待批准）"), "{pending}");
}

/// `terminal users --file user.dat`: the people of a terminal's USB export, matched to the
/// roster, without any network.
#[test]
fn users_of_a_usb_export_are_listed_against_the_roster() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    ok(&db, &["department", "add", "行政部"]);
    let add = ["employee", "add", "--department", "行政部", "--hired-on", "2026-01-01"];
    ok(&db, &[&add[..], &["--no", "1001", "--name", "张三", "--pin", "1001"]].concat());
    // Two 72-byte TFT user records, as the terminal writes them to the stick (GBK names).
    let mut file = Vec::new();
    for (uid, pin, name) in [(1u16, "1001", "张三"), (2, "77", "赵六")] {
        let mut r = [0u8; 72];
        r[0..2].copy_from_slice(&uid.to_le_bytes());
        let (gbk, _, _) = encoding_rs::GBK.encode(name);
        r[11..11 + gbk.len()].copy_from_slice(&gbk);
        r[39] = 1;
        r[48..48 + pin.len()].copy_from_slice(pin.as_bytes());
        file.extend_from_slice(&r);
    }
    let path = dir.path().join("user.dat");
    std::fs::write(&path, &file).unwrap();
    let listed =
        ok(&db, &["--format", "csv", "terminal", "users", "--file", path.to_str().unwrap()]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines[1..], ["1001,张三,,1001,张三,", "77,赵六,,,,"], "{listed}");

    std::fs::write(&path, &file[..100]).unwrap();
    refused(
        &db,
        &["terminal", "users", "--file", path.to_str().unwrap()],
        "这个文件（100 字节）不是考勤机 U 盘导出的人员文件 user.dat",
    );
}

#[test]
fn the_audit_log_verifies_exports_and_names_the_first_tampered_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");
    ok(&db, &["init", "--company", "示例电子厂"]);
    ok(&db, &["department", "add", "生产部"]);
    ok(&db, &["department", "add", "财务部"]);
    let verified = ok(&db, &["audit", "verify"]);
    assert!(verified.contains("审计记录完整：3 条签名全部正确，链头 #3"), "{verified}");
    let listed = ok(&db, &["audit", "list", "--action", "department"]);
    assert!(listed.contains("department.add") && listed.contains("共 2 条"), "{listed}");

    let file = dir.path().join("audit.csv");
    ok(&db, &["audit", "export", file.to_str().expect("utf-8 path")]);
    let csv = std::fs::read_to_string(&file).expect("export written");
    assert_eq!(csv.lines().count(), 4, "header and 3 events:\n{csv}");
    assert!(ok(&db, &["audit", "list", "--action", "audit"]).contains("audit.export"));

    // Someone with the file rewrites who added 财务部.
    let raw = rusqlite::Connection::open(&db).expect("raw");
    raw.execute_batch(
        "DROP TRIGGER audit_event_append_only_update;
         UPDATE audit_event SET actor = 'nobody' WHERE seq = 3;",
    )
    .expect("tamper");
    drop(raw);
    let out = kaoqin(&db, &["audit", "verify"]);
    assert!(!out.status.success(), "a tampered log must fail verification");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("第 3 条审计记录被改动过"), "{said}");
}

/// The clerk's month from the command line: the inbox, a 补卡, a bulk note, closing, a refused
/// correction of the closed month, re-opening with a reason, and all of it in the audit log.
#[test]
fn exceptions_are_resolved_and_the_month_closed_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("k.db");
    ok(&db, &["init"]);
    ok(&db, &["department", "add", "行政部"]);
    let add = ["employee", "add", "--department", "行政部", "--hired-on", "2026-10-01"];
    ok(&db, &[&add[..], &["--no", "1001", "--name", "张三"]].concat());
    ok(&db, &[&add[..], &["--no", "1002", "--name", "李四"]].concat());
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/examples/factory-setup.toml");
    ok(&db, &["setup", "import", example]);
    ok(&db, &["group", "assign", "行政", "--department", "行政部", "--from", "2026-01-01"]);
    // Every working day of October on time, except: 10-12 neither checks out; 10-13 张三 is
    // 20 minutes late.
    let mut rows = vec!["工号,打卡时间".to_owned()];
    for d in [8, 9, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30] {
        for no in ["1001", "1002"] {
            let (a, b) = match (d, no) {
                (12, _) => ("08:55", None),
                (13, "1001") => ("09:20", Some("18:02")),
                _ => ("08:55", Some("18:02")),
            };
            rows.push(format!("{no},2026-10-{d:02} {a}"));
            if let Some(b) = b {
                rows.push(format!("{no},2026-10-{d:02} {b}"));
            }
        }
    }
    rows.push("1001,2026-11-02 08:55".into());
    let csv = dir.path().join("p.csv");
    std::fs::write(&csv, rows.join("\n")).expect("write");
    ok(&db, &["punch", "import", csv.to_str().expect("path")]);
    ok(&db, &["compute", "--month", "2026-10"]);

    let inbox = ok(&db, &["exceptions", "list", "--month", "2026-10", "--format", "csv"]);
    let kinds: Vec<&str> =
        inbox.lines().skip(1).map(|l| l.split(',').nth(4).unwrap_or("")).collect();
    assert_eq!(kinds, ["下班缺卡", "下班缺卡", "迟到"], "{inbox}");

    // A correction needs a reason; then 补卡 for 张三's 12th.
    refused(
        &db,
        &[
            "exceptions",
            "resolve",
            "--month",
            "2026-10",
            "--employee",
            "1001",
            "--date",
            "2026-10-12",
            "--make-up",
            "18:00/out",
            "--reason",
            " ",
        ],
        "原因",
    );
    let made = ok(
        &db,
        &[
            "exceptions",
            "resolve",
            "--month",
            "2026-10",
            "--employee",
            "1001",
            "--date",
            "2026-10-12",
            "--make-up",
            "18:00/out",
            "--reason",
            "忘记打卡，主管确认",
        ],
    );
    assert!(made.contains("更正 #1") && made.contains("1 天结果有变化"), "{made}");
    // Every remaining missing check-out of the 12th at once: 李四's, as a company event.
    let bulk = ok(
        &db,
        &[
            "exceptions",
            "resolve",
            "--month",
            "2026-10",
            "--kind",
            "missing_check_out",
            "--date",
            "2026-10-12",
            "--all",
            "--accept-worked",
            "--reason",
            "下午公司活动",
        ],
    );
    assert!(bulk.contains("已处理 1 个人次"), "{bulk}");
    let left = ok(&db, &["exceptions", "list", "--month", "2026-10"]);
    assert!(left.contains("迟到") && left.contains("共 1 条未处理"), "{left}");
    let day = ok(&db, &["day", "--employee", "1001", "--date", "2026-10-12"]);
    assert!(day.contains("考勤员更正 #1：补卡 10-12 18:00:00（下班卡）"), "{day}");

    // Late is a warning, not an error: the month closes; then it is frozen.
    let status = ok(&db, &["period", "status", "--month", "2026-10"]);
    assert!(
        status.contains("2026-10：未结账") && status.contains("[✓] 未处理的严重异常：0 条"),
        "{status}"
    );
    let closed = ok(&db, &["period", "close", "--month", "2026-10"]);
    assert!(closed.contains("2026-10：已结账") && closed.contains("close"), "{closed}");
    refused(
        &db,
        &[
            "exceptions",
            "resolve",
            "--month",
            "2026-10",
            "--employee",
            "1001",
            "--date",
            "2026-10-13",
            "--note",
            "--reason",
            "已谈话",
        ],
        "2026-10 已结账",
    );
    refused(&db, &["compute", "--month", "2026-10"], "2026-10 已结账");
    refused(&db, &["period", "reopen", "--month", "2026-10", "--reason", ""], "原因");
    let reopened = ok(&db, &["period", "reopen", "--month", "2026-10", "--reason", "补录加班"]);
    assert!(reopened.contains("未结账") && reopened.contains("补录加班"), "{reopened}");
    ok(
        &db,
        &[
            "exceptions",
            "resolve",
            "--month",
            "2026-10",
            "--employee",
            "1001",
            "--date",
            "2026-10-13",
            "--note",
            "--reason",
            "已谈话",
        ],
    );
    let undone = ok(&db, &["exceptions", "undo", "1", "--reason", "补卡时间录错"]);
    assert!(undone.contains("已撤销更正 #1"), "{undone}");
    // Everyone punched at 08:55 sharp every day: flagged for review, dismissed with a reason.
    let flags = ok(&db, &["exceptions", "flags", "--month", "2026-10", "--format", "json"]);
    let flags: serde_json::Value = serde_json::from_str(&flags).expect("json");
    let first = &flags[0];
    assert_eq!(first["kind"], "same_minute", "{flags:#}");
    let key = first["key"].as_str().expect("key").to_owned();
    ok(&db, &["exceptions", "dismiss", &key, "--month", "2026-10", "--reason", "测试数据"]);
    let left = ok(&db, &["exceptions", "flags", "--month", "2026-10", "--format", "json"]);
    assert!(!left.contains(&format!("\"{key}\"")), "{key} is dismissed:\n{left}");
    assert!(ok(&db, &["exceptions", "flags", "--month", "2026-10", "--all"]).contains("测试数据"));
    let log = ok(&db, &["audit", "list", "--entity", "period", "--format", "csv"]);
    assert!(log.contains("period.close") && log.contains("period.reopen"), "{log}");
    assert!(ok(&db, &["audit", "verify"]).contains("审计记录完整"));
}
