//! The shipped configuration, checked as files: one capability listing exactly Kaoqin's own
//! commands (no plugin or core permissions), every command registered, and a strict CSP.

use std::path::Path;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn json(rel: &str) -> serde_json::Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
}

#[test]
fn the_capability_grants_exactly_the_use_cases() {
    let cap = json("capabilities/main.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]), "one window only");
    let mut granted: Vec<String> = cap["permissions"]
        .as_array()
        .expect("permissions list")
        .iter()
        .map(|p| p.as_str().expect("permission identifiers are strings").to_owned())
        .collect();
    for p in &granted {
        assert!(
            !p.contains(':'),
            "{p}: no plugin or core permission may be granted to the webview"
        );
    }
    let mut policy: Vec<String> = kaoqin_commands::actor::COMMANDS
        .iter()
        .map(|(name, _)| format!("allow-{}", name.replace('_', "-")))
        .collect();
    granted.sort();
    policy.sort();
    assert_eq!(
        granted, policy,
        "capability file and the policy table (kaoqin_commands::actor::COMMANDS) must list the same commands"
    );
}

#[test]
fn every_policy_command_is_registered() {
    let main = read("src/main.rs");
    let handler = main
        .split("generate_handler![")
        .nth(1)
        .and_then(|s| s.split(']').next())
        .expect("generate_handler! list");
    let mut registered: Vec<&str> =
        handler.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    let mut policy: Vec<&str> = kaoqin_commands::actor::COMMANDS.iter().map(|(n, _)| *n).collect();
    registered.sort_unstable();
    policy.sort_unstable();
    assert_eq!(
        registered, policy,
        "generate_handler! must register exactly the policy table's commands"
    );
}

#[test]
fn the_csp_is_strict() {
    let conf = json("tauri.conf.json");
    let csp = &conf["app"]["security"]["csp"];
    let want = [
        ("default-src", "'self'"),
        ("script-src", "'self'"),
        ("style-src", "'self'"),
        ("object-src", "'none'"),
        ("frame-src", "'none'"),
        ("base-uri", "'none'"),
        ("form-action", "'none'"),
        ("connect-src", "ipc: http://ipc.localhost"),
    ];
    for (directive, value) in want {
        assert_eq!(csp[directive].as_str(), Some(value), "CSP {directive}");
    }
    let all = csp.to_string();
    assert!(
        !all.contains("unsafe-inline") && !all.contains("unsafe-eval"),
        "no unsafe-* sources: {all}"
    );
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert_eq!(conf["app"]["security"]["freezePrototype"], true);
    assert!(conf["app"]["security"].get("dangerousDisableAssetCspModification").is_none());
    assert_eq!(conf["app"]["windows"][0]["title"], "Kaoqin 考勤");
}

#[test]
fn the_ui_hands_the_style_nonce_to_ant_design() {
    // Tauri replaces this token in the served index.html and adds the nonce to style-src;
    // without it Ant Design's runtime styles would be blocked by the CSP.
    let html = read("../ui/index.html");
    assert!(
        html.contains("__TAURI_STYLE_NONCE__"),
        "ui/index.html must carry the style nonce token"
    );
    assert!(
        !html.contains("<script>") && !html.contains("<style"),
        "no inline scripts or styles in index.html"
    );
}
