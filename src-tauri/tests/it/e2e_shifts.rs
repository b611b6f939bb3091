//! End-to-end: a clerk sets up a factory's shifts in the app — an office timetable with lunch,
//! a night shift across midnight, the three-shift rotation, a fixed group and a 排班制 group with
//! their departments — then fills October 2026 in the 排班 grid, paints a conflict and undoes it.
//! Screenshots of each screen go to `target/e2e/`.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::e2e::{
    CONTROL, STEP, centre, choose, cli, click, retype, screenshot, settle, start, testid,
    type_into, wait_text, wait_text_for, what_the_window_shows,
};

/// Waits until an element matching the XPath exists, or fails with what the window shows.
async fn wait_for(client: &Client, xpath: &str, what: &str) -> fantoccini::elements::Element {
    match client.wait().at_most(STEP).for_element(Locator::XPath(xpath)).await {
        Ok(el) => el,
        Err(e) => panic!("{what} did not happen: {e}\n{}", what_the_window_shows(client).await),
    }
}

/// Picks a department in a TreeSelect by typing its name and clicking the tree node.
async fn choose_tree(client: &Client, id: &str, name: &str) {
    let chosen = format!("//*[@data-testid='{id}'][contains(., '{name}')]");
    // A click on a node of a list still opening (or of one still closing from an earlier
    // dialog) is sometimes taken by nothing: then the whole choice is made again.
    for _ in 0..3 {
        try_choose_tree(client, id, name).await;
        let shown =
            client.wait().at_most(Duration::from_secs(5)).for_element(Locator::XPath(&chosen));
        if shown.await.is_ok() {
            return;
        }
    }
    wait_for(client, &chosen, &format!("{id} shows {name}")).await;
}

async fn try_choose_tree(client: &Client, id: &str, name: &str) {
    click(client, id).await;
    let input = client
        .find(Locator::Css(&format!("[data-testid='{id}'] input")))
        .await
        .unwrap_or_else(|e| panic!("search input of {id}: {e}"));
    input.send_keys(name).await.unwrap_or_else(|e| panic!("type into {id}: {e}"));
    let node =
        format!("//*[contains(@class, 'ant-select-tree-title') and normalize-space(.)='{name}']");
    wait_for(client, &node, &format!("tree node {name}")).await;
    // The list animates open: click whichever copy of the node takes the click, retrying a while.
    let started = std::time::Instant::now();
    'clicked: loop {
        for el in client.find_all(Locator::XPath(&node)).await.unwrap_or_default() {
            if el.click().await.is_ok() {
                break 'clicked;
            }
        }
        if started.elapsed() > STEP {
            panic!("tree node {name} never took a click\n{}", what_the_window_shows(client).await);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Replaces the text of an input that starts pre-filled (select all, type), without Enter: in
/// the timetable drawer Enter saves.
async fn overwrite(client: &Client, id: &str, text: &str) {
    let el = testid(client, id).await;
    centre(client, &el).await;
    settle(client, &el).await;
    el.click().await.unwrap_or_else(|e| panic!("click {id}: {e}"));
    el.send_keys(&format!("{CONTROL}a{CONTROL}{text}"))
        .await
        .unwrap_or_else(|e| panic!("type into {id}: {e}"));
    let started = std::time::Instant::now();
    loop {
        let value = el.prop("value").await.ok().flatten().unwrap_or_default();
        if value == text {
            return;
        }
        if started.elapsed() > STEP {
            panic!("{id} holds {value:?}, not {text:?}\n{}", what_the_window_shows(client).await);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks until a condition (an XPath that must match, or must not) holds: a click while a
/// dialog is still opening can land before the control is ready.
async fn click_until(client: &Client, id: &str, xpath: &str, present: bool) {
    let started = std::time::Instant::now();
    loop {
        click(client, id).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        let found = !client.find_all(Locator::XPath(xpath)).await.unwrap_or_default().is_empty();
        if found == present {
            return;
        }
        if started.elapsed() > STEP {
            panic!("clicking {id} did not take effect\n{}", what_the_window_shows(client).await);
        }
    }
}

/// Clicks a dialog's save button and waits for what the save shows (`xpath`). A click that lands
/// while the dialog is still settling is sometimes lost on a busy machine (the dialog stays open
/// with nothing wrong in it): then the button is clicked once more.
async fn save_until(client: &Client, id: &str, xpath: &str) {
    click(client, id).await;
    let soon = client.wait().at_most(Duration::from_secs(10)).for_element(Locator::XPath(xpath));
    if soon.await.is_ok() {
        return;
    }
    if client.find(Locator::Css(&format!("[data-testid='{id}']"))).await.is_ok() {
        click(client, id).await;
    }
    wait_for(client, xpath, xpath).await;
}

/// Waits for an attribute of an element to hold a value.
async fn wait_attr(client: &Client, id: &str, attr: &str, want: &str) {
    let xpath = format!("//*[@data-testid='{id}' and @{attr}='{want}']");
    wait_for(client, &xpath, &format!("{id} with {attr}={want}")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clerk_sets_up_shifts_and_fills_october() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.db");
    // The roster and the early and middle shifts come from the command line; the rest is done
    // in the window.
    cli(&db, &["init", "--company", "示例电子厂"]);
    let mut csv = String::from("工号,姓名,部门,入职日期\n");
    for i in 1..=4 {
        csv.push_str(&format!("10{i:02},行政{i},总部/行政部,2026-01-05\n"));
    }
    for i in 1..=8 {
        csv.push_str(&format!("20{i:02},工人{i},总部/生产部/一车间,2026-01-05\n"));
    }
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, csv).expect("roster");
    cli(&db, &["employee", "import", roster.to_str().expect("path")]);
    let shifts = "format = \"kaoqin-setup/1\"\n\
        [[timetable]]\ncode = \"早\"\nname = \"早班\"\nkind = \"fixed\"\ncolor = \"#52c41a\"\n\
        segments = [{ on = \"06:00\", off = \"14:00\" }]\n\
        [[timetable]]\ncode = \"中\"\nname = \"中班\"\nkind = \"fixed\"\ncolor = \"#faad14\"\n\
        segments = [{ on = \"14:00\", off = \"22:00\" }]\n";
    let setup = dir.path().join("shifts.toml");
    std::fs::write(&setup, shifts).expect("setup");
    cli(&db, &["setup", "import", setup.to_str().expect("path")]);

    let (_driver, client) = start(&db).await;
    wait_text_for(&client, "示例电子厂", Duration::from_secs(90)).await;
    click(&client, "nav-shifts").await;

    // 行政班 09:00–18:00 with lunch 12:00–13:00, checked before saving.
    click(&client, "timetable-new").await;
    click(&client, "timetable-kind-fixed").await;
    type_into(&client, "timetable-code", "班").await;
    type_into(&client, "timetable-name", "行政班").await;
    overwrite(&client, "segment-0-on", "09:00").await;
    overwrite(&client, "segment-0-off", "18:00").await;
    click(&client, "break-add").await;
    choose(&client, "break-0-kind", "固定休息").await;
    overwrite(&client, "break-0-start", "12:00").await;
    overwrite(&client, "break-0-end", "13:00").await;
    click(&client, "timetable-check").await;
    wait_for(
        &client,
        "//*[@data-testid='timetable-summary'][contains(., '09:00–18:00 · 休息 12:00–13:00 · 8 小时')]",
        "the office day's check",
    )
    .await;
    screenshot(&client, "timetable-office").await;
    click(&client, "timetable-save").await;
    wait_for(&client, "//*[@data-testid='timetable-row-班']", "timetable-row-班").await;

    // 夜班 22:00–06:00: the off time is taken as the next day.
    click(&client, "timetable-new").await;
    click(&client, "timetable-kind-fixed").await;
    type_into(&client, "timetable-code", "夜").await;
    type_into(&client, "timetable-name", "夜班").await;
    overwrite(&client, "segment-0-on", "22:00").await;
    overwrite(&client, "segment-0-off", "06:00").await;
    click(&client, "timetable-check").await;
    wait_for(
        &client,
        "//*[@data-testid='timetable-summary'][contains(., '22:00–06:00+1')]",
        "the night shift's check",
    )
    .await;
    screenshot(&client, "timetable-night").await;
    click(&client, "timetable-save").await;
    wait_for(&client, "//*[@data-testid='timetable-row-夜']", "timetable-row-夜").await;
    screenshot(&client, "timetables").await;

    // 三班倒 from the template: 早早中中夜夜休休.
    click(&client, "shifts-tab-rotations").await;
    click(&client, "rotation-new").await;
    type_into(&client, "rotation-name", "三班倒").await;
    // The template fills eight days (早早中中夜夜休休); a click while the dialog opens may be lost.
    let eighth_day = "//*[@data-testid='rotation-day-7']";
    click_until(&client, "rotation-template-four_crews_three_shifts", eighth_day, true).await;
    click(&client, "rotation-save").await;
    wait_for(&client, "//*[@data-testid='rotation-row-三班倒']", "rotation-row-三班倒").await;
    screenshot(&client, "rotations").await;

    // A fixed group for the office and a 排班制 group for the workshop, by department.
    click(&client, "shifts-tab-groups").await;
    click(&client, "group-new").await;
    type_into(&client, "group-name", "行政").await;
    click(&client, "group-kind-fixed").await;
    choose(&client, "group-week-0", "班").await;
    click(&client, "group-week-fill").await;
    save_until(&client, "group-save", "//*[@data-testid='group-row-行政']").await;
    click(&client, "group-new").await;
    type_into(&client, "group-name", "车间三班").await;
    // 排班制 hides the week pickers.
    click_until(&client, "group-kind-scheduled", "//*[@data-testid='group-week-0']", false).await;
    save_until(&client, "group-save", "//*[@data-testid='group-row-车间三班']").await;
    for (group, department) in [("行政", "行政部"), ("车间三班", "一车间")] {
        click(&client, &format!("group-assign-{group}")).await;
        choose_tree(&client, "assign-department", department).await;
        retype(&client, "assign-from", "2026-01-01").await;
        click(&client, "assign-save").await;
        wait_for(
            &client,
            &format!(
                "//*[@data-testid='group-member-count-{group}' and normalize-space(.)='{}']",
                if group == "行政" { 4 } else { 8 }
            ),
            &format!("{group}'s members"),
        )
        .await;
    }
    screenshot(&client, "groups").await;

    // October 2026 in the grid: the office follows 国庆, the crew is filled from the rotation.
    click(&client, "shifts-tab-schedule").await;
    retype(&client, "schedule-month", "2026-10").await;
    wait_attr(&client, "schedule-cell-1001-2026-10-01", "data-source", "holiday").await;
    wait_attr(&client, "schedule-cell-1001-2026-10-10", "data-source", "make_up").await;
    wait_attr(&client, "schedule-cell-2001-2026-10-01", "data-source", "unscheduled").await;
    choose(&client, "schedule-group", "车间三班").await;
    wait_text(&client, "8 人").await;
    let grid = testid(&client, "schedule-grid").await;
    click(&client, "schedule-cell-2001-2026-10-01").await;
    grid.send_keys(&format!("{CONTROL}a{CONTROL}")).await.expect("select all");
    click(&client, "schedule-fill-rotation").await;
    choose(&client, "fill-rotation-select", "三班倒").await;
    retype(&client, "fill-offset", "2").await;
    screenshot(&client, "schedule-fill").await;
    click(&client, "fill-run").await;
    wait_attr(&client, "schedule-cell-2001-2026-10-05", "data-timetable", "夜").await;
    wait_attr(&client, "schedule-cell-2002-2026-10-05", "data-timetable", "中").await;
    screenshot(&client, "schedule-october").await;

    // An early shift right after a night shift is flagged; undo takes it back.
    click(&client, "schedule-cell-2001-2026-10-07").await;
    click(&client, "schedule-paint-早").await;
    wait_attr(&client, "schedule-cell-2001-2026-10-07", "data-conflict", "1").await;
    screenshot(&client, "schedule-conflict").await;
    click(&client, "schedule-undo").await;
    wait_attr(&client, "schedule-cell-2001-2026-10-07", "data-timetable", "").await;

    let month = cli(&db, &["schedule", "show", "--month", "2026-10", "--format", "csv"]);
    let line = |no: &str| month.lines().find(|l| l.starts_with(no)).unwrap_or_default().to_owned();
    assert!(line("2001,").starts_with("2001,工人1,早,早,中,中,夜,夜,休,休,早"), "{month}");
    assert!(line("1001,").starts_with("1001,行政1,休,休,休,休,休,休,休,班,班,班,休,班"), "{month}");
    client.close().await.expect("close the session");
}
