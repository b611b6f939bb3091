//! End-to-end: a clerk imports a USB stick's attlog.dat for October 2026, computes the month,
//! reads the summary, opens a person's month and asks 为什么 for a late day and a night shift.
//! The roster is set up with the command line first (as a site would after the roster issue).
//! Screenshots go to `target/e2e/results*.png`.

use std::time::Duration;

use fantoccini::Locator;

use crate::e2e::{
    STEP, cli, click, screenshot, start, testid, wait_text, wait_text_for, what_the_window_shows,
};

/// 张三 (1001, PIN 1, office 09:00–18:00) works the 18 working days, late on 10-12 (09:20);
/// 王五 (2001, PIN 21) works the three-shift rotation from 10-01; his nights end the next day.
fn attlog() -> String {
    let mut lines = Vec::new();
    let working = [8, 9, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30];
    for d in working {
        let start = if d == 12 { "09:20:00" } else { "08:55:00" };
        lines.push(format!("    1\t2026-10-{d:02} {start}\t1\t0\t1\t0"));
        lines.push(format!("    1\t2026-10-{d:02} 18:03:00\t1\t1\t1\t0"));
    }
    let rotation =
        [Some("早"), Some("早"), Some("中"), Some("中"), Some("夜"), Some("夜"), None, None];
    for i in 0..31u32 {
        let Some(shift) = rotation[(i % 8) as usize] else { continue };
        let (on, off, next) = match shift {
            "早" => ("05:55:00", "14:03:00", 0),
            "中" => ("13:52:00", "22:04:00", 0),
            _ => ("21:50:00", "06:04:00", 1),
        };
        let day = 1 + i;
        lines.push(format!("   21\t2026-10-{day:02} {on}\t1\t0\t1\t0"));
        let out_day = day + next;
        let out_date =
            if out_day > 31 { "2026-11-01".to_owned() } else { format!("2026-10-{out_day:02}") };
        lines.push(format!("   21\t{out_date} {off}\t1\t1\t1\t0"));
    }
    lines.join("\r\n") + "\r\n"
}

/// Clicks a table row by one of its cells: WebKitWebDriver refuses a click on a `<tr>` itself.
async fn click_row(client: &fantoccini::Client, id: &str) {
    let cell = format!("[data-testid='{id}'] td:nth-child(2)");
    let started = std::time::Instant::now();
    loop {
        let found = client.find(Locator::Css(&cell)).await;
        let clicked = match found {
            Ok(el) => el.click().await.map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match clicked {
            Ok(()) => return,
            Err(e) if started.elapsed() > STEP => {
                panic!("click a cell of {id}: {e}\n{}", what_the_window_shows(client).await)
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
        }
    }
}

/// The id behind a 工号, from `kaoqin employee show --format json`.
fn employee_id(db: &std::path::Path, no: &str) -> i64 {
    let json = cli(db, &["employee", "show", no, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    value[0]["id"].as_i64().unwrap_or_else(|| panic!("no id for {no} in {json}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clerk_computes_october_and_asks_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.db");
    cli(&db, &["init", "--company", "样例工厂"]);
    cli(&db, &["department", "add", "行政部"]);
    cli(&db, &["department", "add", "车间"]);
    let add = ["employee", "add", "--hired-on", "2026-01-01"];
    cli(
        &db,
        &[&add[..], &["--no", "1001", "--name", "张三", "--department", "行政部", "--pin", "1"]]
            .concat(),
    );
    cli(
        &db,
        &[&add[..], &["--no", "2001", "--name", "王五", "--department", "车间", "--pin", "21"]]
            .concat(),
    );
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/examples/factory-setup.toml");
    cli(&db, &["setup", "import", example]);
    cli(&db, &["group", "assign", "行政", "--department", "行政部", "--from", "2026-01-01"]);
    cli(&db, &["group", "assign", "车间三班", "--department", "车间", "--from", "2026-01-01"]);
    cli(
        &db,
        &[
            "schedule",
            "fill",
            "--employee",
            "2001",
            "--rotation",
            "三班倒",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
            "--anchor",
            "2026-10-01",
        ],
    );
    let file = dir.path().join("1_attlog.dat");
    std::fs::write(&file, attlog()).expect("write the punches");

    let (_driver, client) = start(&db).await;
    wait_text_for(&client, "样例工厂", Duration::from_secs(90)).await;
    click(&client, "nav-results").await;
    // Opens on last month (today is in November 2026), not yet computed.
    testid(&client, "results-empty").await;
    screenshot(&client, "results-empty").await;

    client
        .find(Locator::Css("[data-testid='results-import-input']"))
        .await
        .expect("the punch file input")
        .send_keys(&file.display().to_string())
        .await
        .expect("choose the file");
    testid(&client, "results-import-confirm").await;
    wait_text(&client, "1_attlog.dat").await;
    screenshot(&client, "results-import").await;
    click(&client, "results-import-confirm").await;
    wait_text(&client, "条新打卡").await;

    click(&client, "results-compute").await;
    wait_text(&client, "已计算 2026-10").await;
    testid(&client, "results-table").await;
    screenshot(&client, "results-summary").await;
    let id = employee_id(&db, "1001");
    let wang_id = employee_id(&db, "2001");
    click_row(&client, &format!("results-row-{id}")).await;
    testid(&client, "person-month").await;
    click_row(&client, "person-day-2026-10-12").await;
    let ledger = testid(&client, "day-ledger").await;
    let text = ledger.text().await.unwrap_or_default();
    assert!(text.contains("第 1 段迟到 20 分钟"), "the late day's ledger:\n{text}");
    screenshot(&client, "results-why-late").await;

    // A night shift: the check-out after midnight belongs to the night.
    let hash = format!("location.hash = '#/results/2026-10/{wang_id}'");
    client.execute(&hash, vec![]).await.expect("open 王五's month by its address");
    let night = "//*[@data-testid='person-day-2026-10-05']";
    if client.wait().at_most(STEP).for_element(Locator::XPath(night)).await.is_err() {
        panic!("王五's month did not open\n{}", what_the_window_shows(&client).await);
    }
    click_row(&client, "person-day-2026-10-05").await;
    let ledger = testid(&client, "day-ledger").await;
    let text = ledger.text().await.unwrap_or_default();
    assert!(
        text.contains("作为第 1 段下班卡") && text.contains("10-06 06:04"),
        "the night's ledger:\n{text}"
    );
    screenshot(&client, "results-why-night").await;
}
