//! End-to-end: a clerk clears October's exception inbox mostly from the keyboard (a 补卡, a
//! bulk 按出勤处理, a note), closes the month, finds corrections refused while it is closed,
//! re-opens it with a reason and sees that in the audit log. The month is set up with the
//! command line. Screenshots go to `target/e2e/exceptions*.png`.

use std::time::Duration;

use fantoccini::Locator;

use crate::e2e::{
    ENTER, STEP, cli, cli_binary, click, retype, screenshot, start, testid, type_into, wait_text,
    what_the_window_shows,
};

/// 10-12: nobody checks out; 10-13: 张三 does not come; every other working day on time;
/// a punch on 11-02 shows everything of October was read.
fn attlog() -> String {
    let mut lines = Vec::new();
    for d in [8, 9, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30] {
        for pin in [1, 2, 3] {
            if d == 13 && pin == 1 {
                continue;
            }
            lines.push(format!("    {pin}\t2026-10-{d:02} 08:55:00\t1\t0\t1\t0"));
            if d != 12 {
                lines.push(format!("    {pin}\t2026-10-{d:02} 18:03:00\t1\t1\t1\t0"));
            }
        }
    }
    lines.push("    1\t2026-11-02 08:55:00\t1\t0\t1\t0".into());
    lines.join("\r\n") + "\r\n"
}

/// Presses keys with the inbox table focused, as a clerk would.
async fn keys(client: &fantoccini::Client, text: &str) {
    testid(client, "exception-table")
        .await
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("keys {text:?} to the inbox: {e}"));
}

/// Waits until the inbox shows exactly these rows (by their test ids).
async fn inbox_is(client: &fantoccini::Client, want: &[&str]) {
    let started = std::time::Instant::now();
    loop {
        let rows = client
            .execute(
                "return [...document.querySelectorAll('[data-testid^=\"exception-row-\"]')]\
                 .map(r => r.getAttribute('data-testid'));",
                vec![],
            )
            .await
            .map(|v| serde_json::from_value::<Vec<String>>(v).unwrap_or_default())
            .unwrap_or_default();
        if rows == want {
            return;
        }
        if started.elapsed() > STEP {
            panic!(
                "the inbox shows {rows:?}, not {want:?}\n{}",
                what_the_window_shows(client).await
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clerk_clears_the_inbox_and_closes_the_month() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.db");
    cli(&db, &["init", "--company", "样例工厂"]);
    cli(&db, &["department", "add", "行政部"]);
    for (no, name, pin) in [("1001", "张三", "1"), ("1002", "李四", "2"), ("1003", "王五", "3")]
    {
        cli(
            &db,
            &[
                "employee",
                "add",
                "--no",
                no,
                "--name",
                name,
                "--department",
                "行政部",
                "--pin",
                pin,
                "--hired-on",
                "2026-01-01",
            ],
        );
    }
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/examples/factory-setup.toml");
    cli(&db, &["setup", "import", example]);
    cli(&db, &["group", "assign", "行政", "--department", "行政部", "--from", "2026-01-01"]);
    let file = dir.path().join("1_attlog.dat");
    std::fs::write(&file, attlog()).expect("write attlog");
    cli(&db, &["punch", "import", file.to_str().expect("path")]);
    cli(&db, &["compute", "--month", "2026-10"]);

    let (_driver, client) = start(&db).await;
    click(&client, "nav-exceptions").await;
    retype(&client, "exceptions-month", "2026-10").await;
    inbox_is(
        &client,
        &[
            "exception-row-1001-2026-10-12-missing_check_out",
            "exception-row-1002-2026-10-12-missing_check_out",
            "exception-row-1003-2026-10-12-missing_check_out",
            "exception-row-1001-2026-10-13-absent",
        ],
    )
    .await;
    screenshot(&client, "exceptions-inbox").await;

    // 张三 forgot to check out: B, the time, the reason, Enter.
    keys(&client, "b").await;
    type_into(&client, "resolve-time", "18:00").await;
    type_into(&client, "resolve-reason", &format!("忘记打卡，主管确认{ENTER}")).await;
    wait_text(&client, "已处理 1 个人次").await;
    // 李四 and 王五 at once (Space selects): the afternoon's power cut, accepted as worked.
    keys(&client, " ").await;
    keys(&client, "\u{E015} ").await; // ↓, Space
    keys(&client, "a").await;
    type_into(&client, "resolve-reason", &format!("下午停电，按出勤处理{ENTER}")).await;
    wait_text(&client, "已处理 2 个人次").await;
    // 张三's absence: talked to, noted.
    keys(&client, "n").await;
    type_into(&client, "resolve-reason", &format!("已谈话，按制度处理{ENTER}")).await;
    inbox_is(&client, &[]).await;
    wait_text(&client, "本月没有待处理的异常").await;
    screenshot(&client, "exceptions-cleared").await;
    let corrections =
        cli(&db, &["exceptions", "corrections", "--month", "2026-10", "--format", "csv"]);
    assert_eq!(corrections.lines().count(), 5, "header and 4 corrections:\n{corrections}");
    assert!(corrections.contains("补卡 10-12 18:00:00（下班卡）"), "{corrections}");

    // 结账: every check passes; the month is closed.
    click(&client, "period-open").await;
    wait_text(&client, "未处理的严重异常：0 条").await;
    screenshot(&client, "exceptions-close").await;
    click(&client, "period-act").await;
    wait_text(&client, "2026-10 已结账").await;
    testid(&client, "period-reason").await; // the drawer now offers 重新开账 with a reason
    screenshot(&client, "exceptions-closed").await;

    // A correction of the closed month is refused with a clear message.
    let refused = std::process::Command::new(cli_binary())
        .args(["--db", db.to_str().expect("path"), "exceptions", "resolve", "--month", "2026-10"])
        .args(["--employee", "1001", "--date", "2026-10-14", "--note", "--reason", "补充说明"])
        .output()
        .expect("run kaoqin");
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && said.contains("2026-10 已结账"), "{said}");

    // Re-open with a reason; it shows in the audit log.
    type_into(&client, "period-reason", "补录 10 月加班").await;
    click(&client, "period-act").await;
    wait_text(&client, "2026-10 已重新开账").await;
    client
        .find(Locator::Css(".ant-drawer-close"))
        .await
        .expect("the drawer's close button")
        .click()
        .await
        .expect("close the drawer");
    click(&client, "nav-settings").await;
    click(&client, "settings-tab-audit").await;
    wait_text(&client, "period.reopen").await;
    wait_text(&client, "补录 10 月加班").await;
    screenshot(&client, "exceptions-audit").await;

    client.close().await.expect("close the session");
}
