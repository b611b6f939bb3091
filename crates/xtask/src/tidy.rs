//! The tidy checks. Each returns human-readable problems naming the file or crate and the fix.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result};
use cargo_metadata::{DependencyKind, MetadataCommand};
use sha2::{Digest, Sha256};

/// Internal crates each crate may depend on (normal and build dependencies), from DESIGN.md §2.
/// `None` = anything.
fn allowed_internal(krate: &str) -> Option<&'static [&'static str]> {
    Some(match krate {
        "kaoqin-core" => &[],
        "kaoqin-store" => &["kaoqin-core"],
        "kaoqin-terminals" => &["kaoqin-core"],
        "kaoqin-terminal-sim" => &["kaoqin-terminals", "kaoqin-core"],
        "kaoqin-reports" => &["kaoqin-core"],
        "kaoqin-commands" => &["kaoqin-core", "kaoqin-store", "kaoqin-terminals", "kaoqin-reports"],
        "kaoqin-cli" => &["kaoqin-commands", "kaoqin-terminal-sim"],
        "kaoqin-desktop" => &["kaoqin-commands"],
        "kaoqin-testkit" | "xtask" => return None,
        _ => &[],
    })
}

/// The only external crates the pure core may use.
const CORE_EXTERNAL: &[&str] = &["chrono", "serde", "thiserror"];

/// Plugins that would hand the untrusted webview the file system, a shell, the network or SQL.
const FORBIDDEN_PLUGINS: &[&str] =
    &["tauri-plugin-fs", "tauri-plugin-shell", "tauri-plugin-http", "tauri-plugin-sql"];

pub fn run(root: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    dependency_graph(root, &mut problems)?;
    module_docs(root, &mut problems)?;
    migrations(root, &mut problems)?;
    bindings(root, &mut problems)?;
    Ok(problems)
}

fn dependency_graph(root: &Path, problems: &mut Vec<String>) -> Result<()> {
    let metadata = MetadataCommand::new()
        .manifest_path(root.join("Cargo.toml"))
        .exec()
        .context("running cargo metadata")?;
    let members: BTreeSet<String> =
        metadata.workspace_packages().iter().map(|p| p.name.to_string()).collect();
    for pkg in metadata.workspace_packages() {
        let name = pkg.name.as_str();
        for dep in &pkg.dependencies {
            let dev = dep.kind == DependencyKind::Development;
            if members.contains(dep.name.as_str()) {
                if dep.name == "kaoqin-testkit" && !dev && name != "xtask" {
                    problems.push(format!(
                        "{name} depends on kaoqin-testkit outside [dev-dependencies]: the testkit never ships"
                    ));
                }
                if dev {
                    continue;
                }
                if let Some(allowed) = allowed_internal(name)
                    && !allowed.contains(&dep.name.as_str())
                {
                    problems.push(format!(
                        "{name} may not depend on {} (DESIGN.md §2 allows: {})",
                        dep.name,
                        if allowed.is_empty() {
                            "no internal crate".into()
                        } else {
                            allowed.join(", ")
                        }
                    ));
                }
            } else if name == "kaoqin-core" && !dev && !CORE_EXTERNAL.contains(&dep.name.as_str()) {
                problems.push(format!(
                    "kaoqin-core may only use {} (it is pure: no I/O, no clock); found {}",
                    CORE_EXTERNAL.join(", "),
                    dep.name
                ));
            }
            if FORBIDDEN_PLUGINS.contains(&dep.name.as_str()) {
                problems.push(format!(
                    "{name} depends on {}: the webview must not get that power",
                    dep.name
                ));
            }
        }
    }
    let tauri = metadata.packages.iter().find(|p| p.name.as_str() == "tauri");
    if let Some(t) = tauri {
        let v = &t.version;
        if (v.major, v.minor, v.patch) < (2, 11, 1) {
            problems
                .push(format!("tauri {v} is affected by GHSA-7gmj-67g7-phm9: use 2.11.1 or newer"));
        }
    }
    Ok(())
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | "gen" | "node_modules" | ".git") {
                rust_files(&path, out)?;
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
    Ok(())
}

fn module_docs(root: &Path, problems: &mut Vec<String>) -> Result<()> {
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri"] {
        if root.join(dir).is_dir() {
            rust_files(&root.join(dir), &mut files)?;
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        if !first.starts_with("//!") {
            let rel = file.strip_prefix(root).unwrap_or(&file);
            problems.push(format!(
                "{} must open with a `//!` doc saying what it is for and what is not in it",
                rel.display()
            ));
        }
    }
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn migrations(root: &Path, problems: &mut Vec<String>) -> Result<()> {
    let dir = root.join("crates/kaoqin-store/migrations");
    let released_path = dir.join("RELEASED");
    let released = std::fs::read_to_string(&released_path).unwrap_or_default();
    let mut listed: BTreeMap<String, String> = BTreeMap::new();
    for line in released.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut parts = line.split_whitespace();
        if let (Some(hash), Some(file)) = (parts.next(), parts.next()) {
            listed.insert(file.to_owned(), hash.to_owned());
        }
    }
    for (file, hash) in &listed {
        match std::fs::read(dir.join(file)) {
            Ok(bytes) if sha256_hex(&bytes) == *hash => {}
            Ok(_) => problems.push(format!(
                "migration {file} was edited after release: released migrations are append-only; add a new migration instead"
            )),
            Err(_) => problems.push(format!("released migration {file} is missing")),
        }
    }
    for entry in std::fs::read_dir(&dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".sql") && !listed.contains_key(&name) {
            let bytes = std::fs::read(dir.join(&name))?;
            problems.push(format!(
                "migration {name} is not in migrations/RELEASED: append the line `{}  {name}`",
                sha256_hex(&bytes)
            ));
        }
    }
    Ok(())
}

fn bindings(root: &Path, problems: &mut Vec<String>) -> Result<()> {
    let dir = root.join(kaoqin_commands::bindings::BINDINGS_DIR);
    let want = kaoqin_commands::bindings::typescript_bindings();
    for (name, body) in &want {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(body.as_str()) {
            problems.push(format!(
                "ui/src/bindings/{name} is out of date with the Rust DTOs: run `cargo xtask codegen` and commit"
            ));
        }
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ts") && !want.iter().any(|(n, _)| *n == name) {
                problems.push(format!(
                    "ui/src/bindings/{name} has no Rust DTO: run `cargo xtask codegen`"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_is_tidy() {
        let root = crate::workspace_root();
        let problems = run(&root).expect("tidy runs");
        assert!(problems.is_empty(), "tidy problems:\n{}", problems.join("\n"));
    }

    #[test]
    fn a_forbidden_edge_is_reported() {
        assert_eq!(allowed_internal("kaoqin-core"), Some(&[][..]));
        assert!(
            !allowed_internal("kaoqin-desktop").unwrap_or(&[]).contains(&"kaoqin-store"),
            "the desktop must go through kaoqin-commands"
        );
    }

    #[test]
    fn an_edited_migration_is_reported() {
        let dir = tempfile_dir();
        let mig = dir.join("crates/kaoqin-store/migrations");
        std::fs::create_dir_all(&mig).expect("mkdir");
        std::fs::write(mig.join("0001_a.sql"), "CREATE TABLE a (x);").expect("write");
        std::fs::write(
            mig.join("RELEASED"),
            format!("{}  0001_a.sql\n", sha256_hex(b"CREATE TABLE a (x);")),
        )
        .expect("write");
        let mut problems = Vec::new();
        migrations(&dir, &mut problems).expect("runs");
        assert!(problems.is_empty(), "{problems:?}");
        std::fs::write(mig.join("0001_a.sql"), "CREATE TABLE a (x, y);").expect("edit");
        std::fs::write(mig.join("0002_b.sql"), "CREATE TABLE b (x);").expect("add");
        migrations(&dir, &mut problems).expect("runs");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("edited after release"));
        assert!(problems[1].contains("0002_b.sql is not in migrations/RELEASED"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("kaoqin-tidy-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }
}
