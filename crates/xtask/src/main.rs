//! Project tasks: `cargo xtask tidy` (the rules of DESIGN.md §2 that code review would
//! otherwise have to remember), `cargo xtask codegen` (TypeScript bindings for the UI) and
//! `cargo xtask bench [engine|terminals]` (benchmarks with baselines from the same run, see `bench.rs` and
//! `bench_terminals.rs`).
//!
//! tidy checks: the crate dependency graph, a `//!` module doc at the top of every Rust file,
//! the hashes of released migrations, that the committed UI bindings match the Rust DTOs, that
//! no Tauri plugin giving the webview fs/shell/http/sql access is a dependency, and that Tauri
//! is at least 2.11.1. It also runs as a unit test, so `cargo test` enforces it.

mod bench;
mod bench_terminals;

/// The bench's own boundary: it stamps what it writes.
#[allow(clippy::disallowed_methods)]
fn bench_clock() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
mod tidy;

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().nth(2).map(PathBuf::from).unwrap_or(here)
}

/// Writes `ui/src/bindings/*.ts` from the DTOs and removes stale files.
fn codegen() -> Result<()> {
    let dir = workspace_root().join(kaoqin_commands::bindings::BINDINGS_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let files = kaoqin_commands::bindings::typescript_bindings();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.ends_with(".ts") && !files.iter().any(|(f, _)| *f == name) {
            std::fs::remove_file(&path)?;
            println!("removed {}", path.display());
        }
    }
    for (name, body) in &files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(body.as_str()) {
            std::fs::write(&path, body)?;
            println!("wrote {}", path.display());
        }
    }
    println!("{} bindings in {}", files.len(), dir.display());
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("tidy") => {
            let problems = tidy::run(&workspace_root())?;
            if problems.is_empty() {
                println!("tidy: ok");
                Ok(())
            } else {
                for p in &problems {
                    eprintln!("tidy: {p}");
                }
                bail!("tidy found {} problem(s)", problems.len())
            }
        }
        Some("codegen") => codegen(),
        Some("bench") => match args.get(1).map(String::as_str) {
            Some("engine") => bench::run(),
            Some("terminals") => bench_terminals::run(&workspace_root(), bench_clock()),
            Some("import") => bench_terminals::run_import(bench_clock()),
            _ => {
                bench::run()?;
                bench_terminals::run(&workspace_root(), bench_clock())
            }
        },
        _ => {
            eprintln!("usage: cargo xtask <tidy|codegen|bench [engine|terminals]>");
            std::process::exit(2)
        }
    }
}
