//! Build script: embeds the UI and declares Kaoqin's commands to Tauri's ACL. The command list
//! is read from `capabilities/main.json`, the single list of what the webview may call, so a
//! command cannot be registered without appearing there.

fn main() {
    println!("cargo:rerun-if-changed=capabilities/main.json");
    // The UI is embedded when the crate compiles. Cargo scans a directory given here for any
    // change, so a rebuilt ui/dist always recompiles the app: without it, a build of one
    // feature configuration could keep an older copy of the bundle's assets.
    println!("cargo:rerun-if-changed=../ui/dist");
    let text = std::fs::read_to_string("capabilities/main.json").unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let commands: Vec<&'static str> = json["permissions"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
                .map(|p| &*Box::leak(p.replace('-', "_").into_boxed_str()))
                .collect()
        })
        .unwrap_or_default();
    if commands.is_empty() {
        panic!("capabilities/main.json lists no allow-<command> permissions");
    }
    let commands: &'static [&'static str] = Box::leak(commands.into_boxed_slice());
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build failed: {e:#}");
    }
}
