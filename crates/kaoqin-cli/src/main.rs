//! The `kaoqin` command line: every use case of the desktop app, for scripts, tests and people
//! who prefer a terminal. Adapters only: parse arguments, call kaoqin-commands, print.
//!
//! Data goes to stdout in the chosen format (table, json, csv); errors go to stderr in the
//! chosen language with a non-zero exit code, and nothing is written when a command fails.

mod args;
mod attendance;
mod audit;
mod exceptions;
mod leave;
mod output;
mod shifts;
mod terminals;

use anyhow::Result;
use clap::Parser;
use kaoqin_commands::dto::Lang;
use kaoqin_commands::{Actor, Ctx, Error, Store, location};

use crate::args::{Cli, Command};

/// Exit code when a use case refuses the input (clap's usage errors exit with 2).
const EXIT_REFUSED: i32 = 1;

fn main() {
    let cli = Cli::parse();
    let lang = cli.lang.into();
    match run(cli) {
        Ok(()) => {}
        Err(err) => {
            match err.downcast_ref::<Error>() {
                Some(e) => output::print_error(e, lang),
                None => eprintln!("{}{err:#}", if lang == Lang::Zh { "错误：" } else { "error: " }),
            }
            std::process::exit(EXIT_REFUSED);
        }
    }
}

/// The one place the CLI reads the clock; everything below receives the instant.
#[allow(clippy::disallowed_methods)]
fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn run(cli: Cli) -> Result<()> {
    let path = location::resolve_db_path(cli.db.as_deref()).ok_or_else(|| {
        anyhow::anyhow!("cannot find the user data directory: pass --db PATH or set KAOQIN_DB")
    })?;
    let ctx = Ctx::new(Actor::builtin_admin(), now());
    let out = output::Out { format: cli.format, lang: cli.lang.into() };
    if let Command::Init(init) = &cli.command {
        let mut store = open(&path, false)?;
        let (company, created) = kaoqin_commands::company::initialize(
            &mut store,
            &ctx,
            init.company.as_deref(),
            init.timezone.as_deref(),
        )?;
        out.initialized(&path, &company, created);
        return anchor(&store);
    }
    // A simulated terminal with generated data needs no database.
    if let Command::Terminal(terminals::TerminalCmd::Simulate(sim)) = cli.command {
        if !sim.from_db {
            return terminals::simulate(None, &ctx, &out, sim);
        }
        let store = open(&path, true)?;
        return terminals::simulate(Some(&store), &ctx, &out, sim);
    }
    if let Command::Serve { listen } = cli.command {
        let store = open(&path, true)?;
        let listen = match listen {
            Some(a) => a,
            None => kaoqin_commands::push::saved_receiver_address(&store, &ctx)?,
        };
        return terminals::serve(store, &ctx, &out, listen);
    }
    let mut store = open(&path, true)?;
    let result = args::dispatch(&mut store, &ctx, &out, cli.command);
    // Whatever was written before a failure is committed and signed: anchor it either way.
    let anchored = anchor(&store);
    result.and(anchored)
}

/// Opens the database and loads its audit key from the OS keyring: every change is signed.
fn open(path: &std::path::Path, existing: bool) -> Result<Store> {
    let mut store = if existing { Store::open_existing(path) } else { Store::open(path) }
        .map_err(Error::from)?;
    kaoqin_commands::audit::unlock(&mut store)?;
    Ok(store)
}

/// Saves the audit log's head in the keyring, so a log shortened later no longer matches it.
fn anchor(store: &Store) -> Result<()> {
    Ok(kaoqin_commands::audit::Anchor::default().save(store)?)
}

impl From<args::LangArg> for Lang {
    fn from(l: args::LangArg) -> Self {
        match l {
            args::LangArg::Zh => Lang::Zh,
            args::LangArg::En => Lang::En,
        }
    }
}
