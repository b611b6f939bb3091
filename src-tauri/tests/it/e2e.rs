//! End-to-end: the real desktop app on a temporary database, driven like a clerk would drive it
//! through tauri-driver + WebKitWebDriver, with screenshots written to `target/e2e/`.
//!
//! Needs a display (run under `xvfb-run -a dbus-run-session`), `tauri-driver` on PATH or in
//! `~/.cargo/bin`, `WebKitWebDriver` on PATH, and the `kaoqin` CLI built next to the app binary
//! (`make test` arranges all of this). Missing pieces fail the test with what to do.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

pub(crate) const ENTER: &str = "\u{E007}";
pub(crate) const CONTROL: &str = "\u{E009}";
pub(crate) const ESCAPE: &str = "\u{E00C}";
/// How long one step may take before the test gives up and reports what the window shows.
pub(crate) const STEP: Duration = Duration::from_secs(30);

fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kaoqin-desktop"))
}

pub(crate) fn cli_binary() -> PathBuf {
    let cli = app_binary().with_file_name(if cfg!(windows) { "kaoqin.exe" } else { "kaoqin" });
    assert!(
        cli.exists(),
        "{} is missing: run `cargo build -p kaoqin-cli` first (make test does)",
        cli.display()
    );
    cli
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain([home.join(".cargo/bin")])
        .map(|d| d.join("tauri-driver"))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("tauri-driver not found: run `cargo install tauri-driver --locked` (scripts/setup.sh does)"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"))
}

fn shots_dir() -> PathBuf {
    let dir = app_binary()
        .parent()
        .and_then(Path::parent)
        .map(|t| t.join("e2e"))
        .unwrap_or_else(|| PathBuf::from("target/e2e"));
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Screenshots lag the DOM by a frame or two: wait before taking one used as evidence.
pub(crate) async fn screenshot(client: &Client, name: &str) {
    tokio::time::sleep(Duration::from_millis(700)).await;
    let png = client.screenshot().await.unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
    let path = shots_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    eprintln!("screenshot: {}", path.display());
}

pub(crate) async fn testid(client: &Client, id: &str) -> fantoccini::elements::Element {
    let css = format!("[data-testid='{id}']");
    match client.wait().at_most(STEP).for_element(Locator::Css(&css)).await {
        Ok(el) => el,
        Err(e) => panic!(
            "element [data-testid='{id}'] did not appear: {e}\n{}",
            what_the_window_shows(client).await
        ),
    }
}

pub(crate) async fn wait_text(client: &Client, text: &str) {
    wait_text_for(client, text, STEP).await;
}

pub(crate) async fn wait_text_for(client: &Client, text: &str, limit: Duration) {
    let xpath = format!("//*[contains(normalize-space(.), '{text}')]");
    if let Err(e) = client.wait().at_most(limit).for_element(Locator::XPath(&xpath)).await {
        let seen = what_the_window_shows(client).await;
        panic!("text {text:?} did not appear within {limit:?}: {e}\n{seen}");
    }
}

/// What the window shows right now, for a failure message: the URL, the visible text and a
/// screenshot (`target/e2e/failure.png`). A failed wait then says why, even on a CI machine.
pub(crate) async fn what_the_window_shows(client: &Client) -> String {
    let url = client.current_url().await.map(|u| u.to_string()).unwrap_or_else(|e| e.to_string());
    let text = client
        .execute("return document.body ? document.body.innerText : '(no body)'", vec![])
        .await
        .map(|v| v.as_str().unwrap_or_default().chars().take(2000).collect::<String>())
        .unwrap_or_else(|e| format!("(cannot read the page: {e})"));
    // A blank window: which scripts the page names and which resources it could load.
    let page = client
        .execute(
            "const scripts = [...document.scripts].map(s => s.src || '(inline)').join(', ');\n\
             const loaded = performance.getEntriesByType('resource').map(e => e.name).join(', ');\n\
             const root = document.getElementById('root');\n\
             return `scripts: ${scripts}\\nloaded: ${loaded}\\n#root children: ${root ? root.childElementCount : 'none'}`;",
            vec![],
        )
        .await
        .map(|v| v.as_str().unwrap_or_default().chars().take(2000).collect::<String>())
        .unwrap_or_else(|e| format!("(cannot read the page: {e})"));
    let shot = match client.screenshot().await {
        Ok(png) => {
            let path = shots_dir().join("failure.png");
            std::fs::write(&path, png)
                .map_or_else(|e| e.to_string(), |()| path.display().to_string())
        }
        Err(e) => format!("(no screenshot: {e})"),
    };
    format!(
        "the window shows {url}\n--- visible text ---\n{text}\n--- page ---\n{page}\n--- screenshot: {shot}"
    )
}

/// Scrolls an element to the middle of its scroll container, so no sticky header or footer
/// (a drawer's buttons) covers it when it is clicked.
pub(crate) async fn centre(client: &Client, el: &fantoccini::elements::Element) {
    let arg = serde_json::to_value(el).unwrap_or_default();
    let _ = client.execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg]).await;
}

/// Waits (a step at most) until an element stands still, nothing on the page is sliding or
/// zooming in or out, and the element is what a click at its centre reaches. A click computed
/// while a drawer slides in lands where the element was a frame ago: on its neighbour (seen:
/// 固定班次 clicked, 自由工时 chosen) or on the mask beside a dialog.
pub(crate) async fn settle(client: &Client, el: &fantoccini::elements::Element) {
    const WHERE: &str = "const e = arguments[0]; const r = e.getBoundingClientRect();\n\
         const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);\n\
         const reached = !!hit && (hit === e || e.contains(hit) || hit.contains(e));\n\
         const moving = /(^|\\s)\\S+-(enter|appear|leave)(-start|-active|-prepare)?(\\s|$)/;\n\
         const motion = [...document.querySelectorAll('[class]')]\n\
             .some(n => moving.test(n.getAttribute('class') || ''));\n\
         return [r.left, r.top, r.width, r.height, reached && !motion].join(',');";
    let arg = serde_json::to_value(el).unwrap_or_default();
    let sample = || async {
        let v = client.execute(WHERE, vec![arg.clone()]).await.ok()?;
        v.as_str().map(str::to_owned)
    };
    let started = std::time::Instant::now();
    let mut still_since = started;
    let mut still_samples = 0;
    let mut last = sample().await;
    while started.elapsed() < STEP {
        tokio::time::sleep(Duration::from_millis(80)).await;
        let now = sample().await;
        match (&last, &now) {
            (Some(a), Some(b)) if a == b => {
                still_samples += 1;
                // Still and ready for three looks in a row; or still for a while with something
                // over its centre or a spinner turning somewhere: then the click decides.
                if (b.ends_with(",true") && still_samples >= 3)
                    || still_since.elapsed() > Duration::from_secs(3)
                {
                    return;
                }
            }
            // The element is gone: the caller's click reports it.
            (_, None) => return,
            _ => {
                still_since = std::time::Instant::now();
                still_samples = 0;
            }
        }
        last = now;
    }
}

pub(crate) async fn type_into(client: &Client, id: &str, text: &str) {
    with_fresh(client, id, |el| async move {
        settle(client, &el).await;
        el.click().await?;
        el.send_keys(text).await
    })
    .await;
}

/// Runs an action on the element with this test id, finding it again and retrying for a step
/// when React replaced the node in between (WebKitWebDriver: "Node … was not found").
async fn with_fresh<F, Fut>(client: &Client, id: &str, action: F)
where
    F: Fn(fantoccini::elements::Element) -> Fut,
    Fut: std::future::Future<Output = Result<(), fantoccini::error::CmdError>>,
{
    let started = std::time::Instant::now();
    loop {
        let el = testid(client, id).await;
        match action(el).await {
            Ok(()) => return,
            Err(e) if started.elapsed() > STEP => {
                panic!("type into {id}: {e}\n{}", what_the_window_shows(client).await)
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
        }
    }
}

/// Chooses an option of an antd Select by typing into its search input and pressing Enter
/// (the test id sits on the Select's root element, the input is inside it), then waits until
/// the Select shows the choice: on a busy machine the option list can lag behind the typing.
pub(crate) async fn choose(client: &Client, id: &str, text: &str) {
    click(client, id).await;
    let input = client
        .find(Locator::Css(&format!("[data-testid='{id}'] input")))
        .await
        .unwrap_or_else(|e| panic!("search input of {id}: {e}"));
    input.send_keys(text).await.unwrap_or_else(|e| panic!("type into {id}: {e}"));
    let option =
        format!("//*[contains(@class, 'ant-select-item-option') and contains(., '{text}')]");
    if let Err(e) = client.wait().at_most(STEP).for_element(Locator::XPath(&option)).await {
        let seen = what_the_window_shows(client).await;
        panic!("option {text:?} of {id} did not appear: {e}\n{seen}");
    }
    input.send_keys(ENTER).await.unwrap_or_else(|e| panic!("choose {text} in {id}: {e}"));
    let chosen = format!("//*[@data-testid='{id}'][contains(., '{text}')]");
    if let Err(e) = client.wait().at_most(STEP).for_element(Locator::XPath(&chosen)).await {
        let seen = what_the_window_shows(client).await;
        panic!("{id} does not show {text:?} after choosing it: {e}\n{seen}");
    }
}

/// Replaces the text of an input (a DatePicker opens pre-filled with today) and waits until the
/// input holds the new text.
pub(crate) async fn retype(client: &Client, id: &str, text: &str) {
    // Select everything (Ctrl+A, then release Ctrl) and type over it: WebDriver's clear() does
    // not reach React's state for a controlled input.
    let keys = format!("{CONTROL}a{CONTROL}{text}{ENTER}");
    with_fresh(client, id, |el| {
        let keys = keys.clone();
        async move {
            settle(client, &el).await;
            el.click().await?;
            el.send_keys(&keys).await
        }
    })
    .await;
    let started = std::time::Instant::now();
    loop {
        let value = testid(client, id).await.prop("value").await.ok().flatten().unwrap_or_default();
        if value == text {
            return;
        }
        if started.elapsed() > STEP {
            let seen = what_the_window_shows(client).await;
            panic!("{id} holds {value:?}, not {text:?}\n{seen}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks an element; while a drawer or dialog is still sliding in, the element may not take the
/// click yet ("not interactable"), so the click is retried for a step.
pub(crate) async fn click(client: &Client, id: &str) {
    let started = std::time::Instant::now();
    loop {
        let el = testid(client, id).await;
        centre(client, &el).await;
        settle(client, &el).await;
        match el.click().await {
            Ok(()) => return,
            Err(e) if started.elapsed() > STEP => {
                panic!("click {id}: {e}\n{}", what_the_window_shows(client).await)
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
        }
    }
}

/// Opens 新增员工 and fills the required fields.
async fn fill_employee(client: &Client, no: &str, name: &str, department: &str, hired_on: &str) {
    click(client, "add-employee").await;
    type_into(client, "employee-no-input", no).await;
    type_into(client, "employee-name-input", name).await;
    choose(client, "employee-department-select", department).await;
    retype(client, "employee-hired-on-input", hired_on).await;
}

/// Keeps tauri-driver alive for the session; it is killed when this is dropped.
pub(crate) struct Driver {
    _child: tokio::process::Child,
}

pub(crate) async fn start(db: &Path) -> (Driver, Client) {
    assert!(
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
        "no display: run the end-to-end tests under `xvfb-run -a dbus-run-session -- cargo test -p kaoqin-desktop` (make test does)"
    );
    let (port, native) = (free_port(), free_port());
    let child = tokio::process::Command::new(tauri_driver())
        .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
        .env("KAOQIN_DB", db)
        // A fresh webview profile (localStorage holds the language choice): each run starts
        // like a first start.
        .env("XDG_DATA_HOME", db.with_extension("data"))
        .env("XDG_CACHE_HOME", db.with_extension("cache"))
        .env("XDG_CONFIG_HOME", db.with_extension("config"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start tauri-driver: {e}"));
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert("tauri:options".into(), serde_json::json!({ "application": app_binary() }));
    let url = format!("http://127.0.0.1:{port}");
    let mut last = String::new();
    for _ in 0..100 {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => return (Driver { _child: child }, client),
            Err(e) => last = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("could not open a WebDriver session on {url}: {last}");
}

pub(crate) fn cli(db: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(cli_binary())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run kaoqin: {e}"));
    assert!(
        out.status.success(),
        "kaoqin {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clerk_adds_a_department_and_an_employee() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.db");
    let (_driver, client) = start(&db).await;

    // The window opens on 首页 with real numbers from a fresh database. The first start of a
    // webview on a fresh machine builds its caches: give it longer than later steps.
    let started = std::time::Instant::now();
    wait_text_for(&client, "我的公司", Duration::from_secs(90)).await;
    eprintln!("首页 shown {:.1} s after the session opened", started.elapsed().as_secs_f64());
    screenshot(&client, "home").await;

    click(&client, "nav-people").await;
    click(&client, "add-department").await;
    type_into(&client, "department-name-input", "生产部").await;
    click(&client, "department-ok").await;
    client
        .wait()
        .at_most(STEP)
        .for_element(Locator::XPath(
            "//*[@data-testid='department-tree']//*[contains(., '生产部')]",
        ))
        .await
        .expect("生产部 appears in the department tree");

    fill_employee(&client, "1001", "张三", "生产部", "2026-11-01").await;
    type_into(&client, "employee-pin-input", "1001").await;
    screenshot(&client, "employee-form").await;
    click(&client, "employee-save").await;

    let row = "//*[@data-testid='employee-table']//tr[contains(., '张三') and contains(., '1001')]";
    if let Err(e) = client.wait().at_most(STEP).for_element(Locator::XPath(row)).await {
        let seen = what_the_window_shows(&client).await;
        panic!("the new employee's row did not appear in the table: {e}\n{seen}");
    }
    screenshot(&client, "people").await;

    // The same row is in the database, as the CLI sees it.
    let csv = cli(&db, &["employee", "list", "--format", "csv"]);
    assert!(
        csv.lines().any(|l| l.starts_with("1001,张三,生产部,,1001,,2026-11-01,,active")),
        "CLI sees the employee with the PIN and hire date typed in the form:\n{csv}"
    );

    // A duplicate 工号 is refused with a message on the field, and nothing is written.
    fill_employee(&client, "1001", "李四", "生产部", "2026-11-02").await;
    click(&client, "employee-save").await;
    screenshot(&client, "duplicate-submitted").await;
    wait_text(&client, "工号 1001 已被 1001 张三 使用").await;
    screenshot(&client, "duplicate-employee-no").await;
    let csv = cli(&db, &["employee", "list", "--status", "all", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 2, "header + 张三 only, nothing else was written:\n{csv}");

    // Esc closes the dialog; English is then one click away.
    testid(&client, "employee-no-input").await.send_keys(ESCAPE).await.expect("press Esc");
    client
        .wait()
        .at_most(STEP)
        .for_element(Locator::XPath("//body[not(.//*[@data-testid='employee-save'])]"))
        .await
        .expect("the employee dialog closes on Esc");

    // 设置 → 审计记录: what was done, signed; the check passes, as `kaoqin audit verify` says.
    click(&client, "nav-settings").await;
    click(&client, "settings-tab-audit").await;
    wait_text(&client, "新增员工").await;
    click(&client, "audit-verify").await;
    wait_text(&client, "审计记录完整").await;
    screenshot(&client, "audit").await;
    let verified = cli(&db, &["audit", "verify"]);
    assert!(verified.contains("审计记录完整"), "the CLI verifies the app's log too:\n{verified}");

    click(&client, "lang-switch").await;
    wait_text(&client, "Shifts & scheduling").await;
    screenshot(&client, "english").await;

    client.close().await.expect("close the session");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clerk_reads_the_holiday_calendar_and_adds_a_company_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.db");
    let (_driver, client) = start(&db).await;
    wait_text_for(&client, "我的公司", Duration::from_secs(90)).await;

    click(&client, "nav-settings").await;
    click(&client, "settings-tab-holidays").await;
    choose(&client, "calendar-year-select", "2026").await;
    let cell = |date: &str, class: &str| {
        format!("[data-testid='calendar-day-{date}'][data-class='{class}']")
    };
    for (date, class) in [
        ("2026-10-01", "statutory"),
        ("2026-10-05", "rest_day"),
        ("2026-10-10", "make_up_workday"),
        ("2026-12-31", "workday"),
    ] {
        client
            .wait()
            .at_most(STEP)
            .for_element(Locator::Css(&cell(date, class)))
            .await
            .unwrap_or_else(|e| panic!("{date} shown as {class}: {e}"));
    }
    screenshot(&client, "holidays").await;

    // A company day off on 12-31: the cell turns into a rest day, and the CLI agrees.
    click(&client, "calendar-day-2026-12-31").await;
    type_into(&client, "company-day-note", "年终盘点").await;
    click(&client, "company-day-off").await;
    client
        .wait()
        .at_most(STEP)
        .for_element(Locator::Css(&cell("2026-12-31", "rest_day")))
        .await
        .expect("2026-12-31 becomes a rest day");
    screenshot(&client, "holidays-company-day").await;
    let csv = cli(&db, &["calendar", "day", "2026-12-31", "--format", "csv"]);
    assert!(csv.contains("rest_day,company_day_off,,,年终盘点"), "{csv}");

    client.close().await.expect("close the session");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clerk_imports_a_gbk_roster_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.db");
    // A roster saved by Excel as "CSV" on Chinese Windows: GBK, with a department path.
    let text = "工号,姓名,部门,入职日期,考勤号\r\n2001,王芳,总部/生产部/一车间,2026-03-01,2001\r\n\
                2002,李强,总部/生产部/一车间,2026/3/2,2002\r\n2003,赵敏,总部/财务部,2026年3月3日,2003\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let file = dir.path().join("花名册.csv");
    std::fs::write(&file, &gbk).expect("write the roster");
    let (_driver, client) = start(&db).await;
    wait_text_for(&client, "我的公司", Duration::from_secs(90)).await;

    click(&client, "nav-people").await;
    click(&client, "import-open").await;
    client
        .find(Locator::Css("[data-testid='import-file-input']"))
        .await
        .expect("the file input")
        .send_keys(&file.display().to_string())
        .await
        .expect("choose the file");
    // 核对列: every column was recognised from its header; go on to 预览.
    wait_text(&client, "考勤号").await;
    screenshot(&client, "import-columns").await;
    // 下一步 stays disabled until the column check has answered: wait for it to be enabled.
    let next = "//*[@data-testid='import-next' and not(@disabled)]";
    match client.wait().at_most(STEP).for_element(Locator::XPath(next)).await {
        Ok(button) => button.click().await.expect("click 下一步"),
        Err(e) => {
            panic!("下一步 never became enabled: {e}\n{}", what_the_window_shows(&client).await)
        }
    }
    if let Err(e) =
        client.wait().at_most(STEP).for_element(Locator::Css("[data-testid='import-rows']")).await
    {
        panic!("the planned rows did not appear: {e}\n{}", what_the_window_shows(&client).await);
    }
    screenshot(&client, "import-preview").await;
    click(&client, "import-run").await;
    testid(&client, "import-done").await;
    screenshot(&client, "import-done").await;

    let csv = cli(&db, &["employee", "list", "--format", "csv"]);
    assert!(csv.contains("2002,李强,总部/生产部/一车间,,2002,,2026-03-02"), "{csv}");
    assert_eq!(csv.lines().count(), 4, "header + 3 people:\n{csv}");
    client.close().await.expect("close the session");
}
