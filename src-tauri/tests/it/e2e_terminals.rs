//! End-to-end: a clerk adds a terminal on the LAN (a simulated ZKTeco terminal started with
//! `kaoqin terminal simulate`), tests the connection, pulls with the progress bar showing, finds
//! the punches in the month's results, and pulls again to see nothing added twice. Screenshots go
//! to `target/e2e/terminals*.png`.

use std::io::{BufRead, Read, Write};
use std::time::Duration;

use fantoccini::Locator;

use crate::e2e::{
    CONTROL, STEP, cli, cli_binary, click, retype, screenshot, start, testid, type_into, wait_text,
    wait_text_for, what_the_window_shows,
};

/// The simulator, stopped when dropped: 张三's October from the database (his shifts) plus
/// 20,000 punches of made-up people, on the slow profile so the pull takes a few seconds.
struct Simulator {
    child: std::process::Child,
    port: String,
}

impl Simulator {
    fn start(db: &std::path::Path) -> Simulator {
        let mut child = std::process::Command::new(cli_binary())
            .arg("--db")
            .arg(db)
            .args(["terminal", "simulate", "--port", "0", "--profile", "slow"])
            .args(["--from-db", "--month", "2026-10", "--records", "20000"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the simulator");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufReader::new(stdout).read_line(&mut line).expect("first line");
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split('（').next())
            .unwrap_or_else(|| panic!("unexpected first line: {line}"));
        Simulator { port: port.to_owned(), child }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The text of an element as the page renders it (`innerText`).
async fn text_of(client: &fantoccini::Client, id: &str) -> String {
    testid(client, id).await;
    let script = format!(
        "const el = document.querySelector(\"[data-testid='{id}']\"); return el ? el.innerText : '';"
    );
    let value = client.execute(&script, vec![]).await.expect("read the text");
    value.as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clerk_adds_a_terminal_and_pulls_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.db");
    cli(&db, &["init", "--company", "样例工厂"]);
    cli(&db, &["department", "add", "行政部"]);
    cli(
        &db,
        &[
            "employee",
            "add",
            "--hired-on",
            "2026-01-01",
            "--no",
            "1001",
            "--name",
            "张三",
            "--department",
            "行政部",
            "--pin",
            "1",
        ],
    );
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/examples/factory-setup.toml");
    cli(&db, &["setup", "import", example]);
    cli(&db, &["group", "assign", "行政", "--department", "行政部", "--from", "2026-01-01"]);
    let sim = Simulator::start(&db);

    let (_driver, client) = start(&db).await;
    wait_text_for(&client, "样例工厂", Duration::from_secs(90)).await;
    click(&client, "nav-terminals").await;
    wait_text(&client, "添加考勤机").await;
    screenshot(&client, "terminals-empty").await;

    click(&client, "terminal-add").await;
    testid(&client, "terminal-form").await;
    type_into(&client, "terminal-name", "前门").await;
    type_into(&client, "terminal-host", "127.0.0.1").await;
    screenshot(&client, "terminals-form").await;
    // The port replaces the 4370 already there (select all, type over it).
    let port = testid(&client, "terminal-port").await;
    port.click().await.expect("focus the port");
    let keys = format!("{CONTROL}a{CONTROL}{}", sim.port);
    port.send_keys(&keys).await.expect("type the port");
    let value = port.prop("value").await.ok().flatten().unwrap_or_default();
    assert_eq!(value, sim.port, "the port field holds the simulator's port");
    click(&client, "terminal-save").await;
    testid(&client, "terminal-row-1").await;

    let list = cli(&db, &["terminal", "list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&list).expect("json");
    let id = list[0]["id"].as_i64().unwrap_or_else(|| panic!("no terminal saved: {list}"));

    click(&client, &format!("terminal-test-{id}")).await;
    testid(&client, "terminal-test-result").await;
    // The result names the device: its serial and the firmware the simulator reports.
    wait_text(&client, "SIM0001").await;
    wait_text(&client, "Ver 6.60").await;
    screenshot(&client, "terminals-test").await;
    // Close the result (Esc) and pull.
    client.active_element().await.expect("focus").send_keys(crate::e2e::ESCAPE).await.expect("Esc");

    click(&client, &format!("terminal-pull-{id}")).await;
    let progress = "//*[@data-testid='terminal-pull-progress']";
    if client.wait().at_most(STEP).for_element(Locator::XPath(progress)).await.is_err() {
        panic!("no progress bar during the pull\n{}", what_the_window_shows(&client).await);
    }
    screenshot(&client, "terminals-pulling").await;
    testid(&client, "terminal-pull-result").await;
    wait_text(&client, "新增").await;
    let first = text_of(&client, "terminal-pull-result").await;
    let punches: usize = cli(&db, &["terminal", "list", "--format", "json"])
        .split("\"stored\": ")
        .nth(1)
        .and_then(|r| r.split([',', '\n']).next())
        .and_then(|n| n.trim().parse().ok())
        .expect("stored count");
    assert!(punches > 20_000, "张三's October and the made-up people: {punches}");
    assert!(first.contains(&punches.to_string()), "the result shows {punches} new:\n{first}");
    screenshot(&client, "terminals-pulled").await;

    // The punches are 张三's days.
    let summary = cli(&db, &["compute", "--month", "2026-10"]);
    assert!(summary.contains("已计算"), "{summary}");
    let csv = cli(&db, &["report", "summary", "--month", "2026-10", "--format", "csv"]);
    let row = csv.lines().find(|l| l.starts_with("1001,")).expect("张三's row");
    let attended: f64 = row.split(',').nth(4).and_then(|d| d.parse().ok()).expect("attended days");
    assert!(attended >= 15.0, "{row}");

    // Again: nothing added twice.
    client.refresh().await.expect("reload");
    wait_text_for(&client, "前门", STEP).await;
    click(&client, &format!("terminal-pull-{id}")).await;
    wait_text(&client, "新增 0 条").await;
    screenshot(&client, "terminals-again").await;
    let again: serde_json::Value =
        serde_json::from_str(&cli(&db, &["terminal", "list", "--format", "json"])).expect("json");
    assert_eq!(again[0]["sync"]["stored"].as_u64(), Some(punches as u64));
    assert_eq!(again[0]["sync"]["state"], "ok");

    // Who is enrolled on the terminal: 张三 matched to his 工号, the made-up people not.
    // WebKitWebDriver refuses this click at the table's fixed right edge ("element not
    // interactable" with no detail) though the button shows and takes a mouse click; the
    // page's own click handler is what a mouse click runs.
    let open = format!("document.querySelector(\"[data-testid='terminal-users-{id}']\").click()");
    client.execute(&open, vec![]).await.expect("open the users drawer");
    testid(&client, "terminal-users-table").await;
    wait_text(&client, "1001").await;
    let users = text_of(&client, "terminal-user-1").await;
    assert!(users.contains("张三") && users.contains("1001"), "张三's row: {users}");
    screenshot(&client, "terminals-users").await;

    // 推送接收: turned on at a free port; a terminal that pushes there waits for approval and
    // becomes a pushing terminal once approved.
    client
        .execute("window.location.hash = '#/terminals';", vec![])
        .await
        .expect("close the drawer");
    wait_text(&client, "未开启").await;
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let push_port = free.local_addr().expect("its address").port().to_string();
    drop(free);
    click(&client, "receiver-settings").await;
    click(&client, "receiver-enabled").await;
    retype(&client, "receiver-port", &push_port).await;
    click(&client, "receiver-save").await;
    wait_text(&client, &format!("正在接收（端口 {push_port}）")).await;
    let mut device =
        std::net::TcpStream::connect(format!("127.0.0.1:{push_port}")).expect("connect");
    write!(
        device,
        "GET /iclock/cdata?SN=ADMS0042&options=all HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .expect("call the receiver");
    let mut reply = String::new();
    device.read_to_string(&mut reply).expect("its answer");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    client.refresh().await.expect("reload");
    testid(&client, "push-device-ADMS0042").await;
    screenshot(&client, "terminals-receiver").await;
    click(&client, "push-approve-ADMS0042").await;
    // The name field opens with a suggestion: typed over, then Enter approves.
    let name = testid(&client, "push-approve-name").await;
    name.click().await.expect("focus the name");
    name.send_keys(&format!("{CONTROL}a{CONTROL}后门{}", crate::e2e::ENTER))
        .await
        .expect("type the name");
    wait_text(&client, "已批准，考勤机「后门」已添加").await;
    let list: serde_json::Value =
        serde_json::from_str(&cli(&db, &["terminal", "list", "--format", "json"])).expect("json");
    let pushing = list.as_array().and_then(|l| l.iter().find(|t| t["name"] == "后门")).cloned();
    let pushing = pushing.unwrap_or_else(|| panic!("no terminal 后门: {list}"));
    assert_eq!(
        (pushing["transport"].as_str(), pushing["serial"].as_str()),
        (Some("push"), Some("ADMS0042"))
    );
    testid(&client, &format!("terminal-pushes-{}", pushing["id"])).await;
    screenshot(&client, "terminals-approved").await;
}
