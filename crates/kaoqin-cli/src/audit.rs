//! `kaoqin audit`: verify the signed audit log, list its events, export them as CSV.

use anyhow::Result;
use clap::{Args, Subcommand};
use kaoqin_commands::dto::AuditQuery;
use kaoqin_commands::{Ctx, Store, audit};

use crate::output::{Out, col};

#[derive(Subcommand)]
pub enum AuditCmd {
    /// Check every event's signature, and the log's end against this PC's anchor; exits
    /// non-zero and names the first bad event if anything was edited, deleted, inserted,
    /// moved or cut off.
    Verify,
    /// Events, newest first.
    List {
        #[command(flatten)]
        filters: Filters,
        #[arg(long, default_value_t = 1)]
        page: u32,
        #[arg(long, default_value_t = 50)]
        page_size: u32,
    },
    /// Every matching event, oldest first, to a CSV file (UTF-8 with BOM); the export itself
    /// is logged.
    Export {
        #[command(flatten)]
        filters: Filters,
        /// The CSV file to write
        file: std::path::PathBuf,
    },
}

#[derive(Args)]
pub struct Filters {
    /// From this date (YYYY-MM-DD, the company's zone)
    #[arg(long)]
    from: Option<String>,
    /// To this date, inclusive
    #[arg(long)]
    to: Option<String>,
    /// Who acted (login)
    #[arg(long)]
    actor: Option<String>,
    /// An action (period.close) or its first part (period)
    #[arg(long)]
    action: Option<String>,
    /// What was acted on (employee, correction, period …)
    #[arg(long)]
    entity: Option<String>,
}

impl Filters {
    fn query(self) -> AuditQuery {
        AuditQuery {
            from: self.from,
            to: self.to,
            actor: self.actor,
            action: self.action,
            entity: self.entity,
            ..AuditQuery::default()
        }
    }
}

pub fn audit_cmd(store: &mut Store, ctx: &Ctx, out: &Out, cmd: AuditCmd) -> Result<()> {
    match cmd {
        AuditCmd::Verify => {
            let v = audit::verify(store, ctx)?;
            out.detail(&v, |v| vec![v.message.get(out.lang).to_owned()]);
            if !v.ok {
                anyhow::bail!(out.say("审计记录校验未通过", "the audit log did not verify"));
            }
        }
        AuditCmd::List { filters, page, page_size } => {
            let q = AuditQuery { page: Some(page), page_size: Some(page_size), ..filters.query() };
            let p = audit::list(store, ctx, q)?;
            out.records(
                &p.rows,
                &[
                    col("seq", "序号", "#"),
                    col("at", "时间", "at"),
                    col("actor", "操作人", "actor"),
                    col("action", "操作", "action"),
                    col("entity", "对象", "entity"),
                    col("entity_id", "编号", "id"),
                    col("detail", "详情", "detail"),
                ],
                |r| {
                    vec![
                        r.seq.to_string(),
                        r.at_local.clone(),
                        r.actor.clone(),
                        r.action.clone(),
                        r.entity.clone(),
                        r.entity_id.map(|i| i.to_string()).unwrap_or_default(),
                        r.detail.clone(),
                    ]
                },
            );
            out.note(
                &format!("共 {} 条，第 {} 页", p.total, p.page),
                &format!("{} events, page {}", p.total, p.page),
            );
        }
        AuditCmd::Export { filters, file } => {
            let e = audit::export(store, ctx, filters.query())?;
            std::fs::write(&file, e.csv.as_bytes())
                .map_err(|err| anyhow::anyhow!("cannot write {}: {err}", file.display()))?;
            out.note(
                &format!("已导出 {} 条审计记录到 {}", e.rows, file.display()),
                &format!("exported {} audit events to {}", e.rows, file.display()),
            );
        }
    }
    Ok(())
}
