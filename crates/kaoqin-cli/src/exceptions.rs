//! `kaoqin exceptions`: the month's open findings, resolving them (one person-day, or every
//! open finding matching the filters at once), undoing corrections; `kaoqin period`: the month
//! close checklist, closing and re-opening.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use kaoqin_commands::core::Field;
use kaoqin_commands::dto::{
    ExceptionQuery, PeriodStatusDto, PunchDirection, ResolutionInput, ResolutionTarget,
    ResolveInput,
};
use kaoqin_commands::{Ctx, Store, corrections, departments, employees, period};

use crate::output::{Out, col};

#[derive(Args)]
pub struct Filters {
    /// YYYY-MM
    #[arg(long)]
    month: String,
    /// 工号
    #[arg(long)]
    employee: Option<String>,
    /// Department (path or unique name) and below
    #[arg(long)]
    department: Option<String>,
    /// A finding kind: missing_check_out, absent, late …
    #[arg(long)]
    kind: Option<String>,
    /// One date (YYYY-MM-DD)
    #[arg(long)]
    date: Option<String>,
    /// warning (default), error, or info (everything)
    #[arg(long)]
    severity: Option<String>,
}

#[derive(Subcommand)]
pub enum ExceptionsCmd {
    /// Open findings, heaviest first.
    List {
        #[command(flatten)]
        filters: Filters,
    },
    /// Resolve one person-day (--employee and --date), or with --all every open finding the
    /// filters match (e.g. every missing check-out on one date): all of them or none.
    Resolve {
        #[command(flatten)]
        filters: Filters,
        /// Apply to every open finding matching the filters
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        how: How,
        /// Why (required; kept with the correction and in the audit log)
        #[arg(long)]
        reason: String,
        /// What backs it up (a form number …)
        #[arg(long, default_value = "")]
        attachment: String,
    },
    /// Undo a correction (its month must be open).
    Undo {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Punch patterns worth a second look (可疑打卡): review only, they change no result.
    Flags {
        #[arg(long)]
        month: String,
        /// Dismissed flags too
        #[arg(long)]
        all: bool,
    },
    /// Dismiss a review flag (its key, from `exceptions flags`) with a reason.
    Dismiss {
        key: String,
        #[arg(long)]
        month: String,
        #[arg(long)]
        reason: String,
    },
    /// The month's corrections, undone ones too.
    Corrections {
        #[arg(long)]
        month: String,
        /// 工号
        #[arg(long)]
        employee: Option<String>,
    },
}

/// Exactly one resolution.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct How {
    /// 补卡: HH:MM/in or HH:MM/out (with --next-day for after midnight)
    #[arg(long, value_name = "HH:MM/DIR")]
    make_up: Option<String>,
    /// Leave this punch (its id, from `kaoqin day`) out
    #[arg(long, value_name = "ID")]
    ignore_punch: Option<i64>,
    /// Take this punch as ID/in or ID/out
    #[arg(long, value_name = "ID/DIR")]
    flip_punch: Option<String>,
    /// Keep at most this many minutes of the day's overtime (0 rejects it)
    #[arg(long, value_name = "MIN")]
    overtime: Option<u32>,
    /// 按出勤处理 (a company event …)
    #[arg(long)]
    accept_worked: bool,
    /// 按旷工处理
    #[arg(long)]
    mark_absent: bool,
    /// 仅备注: reviewed, nothing changes
    #[arg(long)]
    note: bool,
    /// 请假/外出/出差 of this type (name or code) for the day; --hours HH:MM-HH:MM for hour types
    #[arg(long, value_name = "TYPE")]
    leave: Option<String>,
    #[arg(long, requires = "leave", value_name = "HH:MM-HH:MM")]
    hours: Option<String>,
    /// With --make-up: the time is on the next calendar day
    #[arg(long, requires = "make_up")]
    next_day: bool,
}

fn direction(text: &str, what: &str) -> Result<PunchDirection> {
    match text.trim() {
        "in" | "上班" => Ok(PunchDirection::In),
        "out" | "下班" => Ok(PunchDirection::Out),
        other => bail!("{what}: expected in or out after the slash, got {other:?}"),
    }
}

impl How {
    fn resolution(self) -> Result<ResolutionInput> {
        if let Some(m) = self.make_up {
            let (time, dir) = m
                .split_once('/')
                .ok_or_else(|| anyhow::anyhow!("--make-up: expected HH:MM/in or HH:MM/out"))?;
            return Ok(ResolutionInput::MakeUp {
                time: time.to_owned(),
                next_day: self.next_day,
                direction: direction(dir, "--make-up")?,
            });
        }
        if let Some(id) = self.ignore_punch {
            return Ok(ResolutionInput::IgnorePunch { punch_id: id });
        }
        if let Some(f) = self.flip_punch {
            let (id, dir) = f
                .split_once('/')
                .ok_or_else(|| anyhow::anyhow!("--flip-punch: expected ID/in or ID/out"))?;
            let punch_id = id
                .trim()
                .parse()
                .map_err(|_| anyhow::anyhow!("--flip-punch: {id:?} is not a punch id"))?;
            return Ok(ResolutionInput::FlipPunch {
                punch_id,
                direction: direction(dir, "--flip-punch")?,
            });
        }
        if let Some(minutes) = self.overtime {
            return Ok(ResolutionInput::Overtime { minutes });
        }
        if let Some(leave_type) = self.leave {
            let (from_time, to_time) = match self.hours.as_deref().map(|h| h.split_once('-')) {
                Some(Some((a, b))) => (a.to_owned(), b.to_owned()),
                Some(None) => bail!("--hours: expected HH:MM-HH:MM"),
                None => (String::new(), String::new()),
            };
            return Ok(ResolutionInput::Leave { leave_type, from_time, to_time });
        }
        Ok(if self.accept_worked {
            ResolutionInput::AcceptWorked
        } else if self.mark_absent {
            ResolutionInput::MarkAbsent
        } else {
            ResolutionInput::Note
        })
    }
}

fn query(store: &Store, ctx: &Ctx, f: &Filters) -> Result<ExceptionQuery> {
    let department_id = f
        .department
        .as_deref()
        .map(|p| departments::resolve_department(store, ctx, Field::DepartmentId, p))
        .transpose()?;
    Ok(ExceptionQuery {
        month: f.month.clone(),
        department_id,
        employee_no: f.employee.clone(),
        kind: f.kind.clone(),
        date: f.date.clone(),
        min_severity: f.severity.clone(),
    })
}

pub fn exceptions_cmd(store: &mut Store, ctx: &Ctx, out: &Out, cmd: ExceptionsCmd) -> Result<()> {
    match cmd {
        ExceptionsCmd::List { filters } => {
            let list = corrections::list_exceptions(store, ctx, &query(store, ctx, &filters)?)?;
            out.records(
                &list.rows,
                &[
                    col("date", "日期", "date"),
                    col("employee_no", "工号", "no"),
                    col("name", "姓名", "name"),
                    col("department", "部门", "department"),
                    col("kind", "异常", "finding"),
                    col("severity", "级别", "severity"),
                    col("minutes", "分钟", "min"),
                    col("punches", "打卡", "punches"),
                ],
                |r| {
                    vec![
                        r.date.clone(),
                        r.employee_no.clone(),
                        r.name.clone(),
                        r.department.clone(),
                        r.kind_name.get(out.lang).to_owned(),
                        r.severity.clone(),
                        r.minutes.to_string(),
                        r.punches.iter().map(|p| format!("#{p}")).collect::<Vec<_>>().join(" "),
                    ]
                },
            );
            let kinds = list
                .kinds
                .iter()
                .map(|k| format!("{} {}", k.kind_name.get(out.lang), k.count))
                .collect::<Vec<_>>()
                .join(out.say("，", ", ").as_str());
            out.note(
                &format!(
                    "{} 共 {} 条未处理（{kinds}）；已复核 {} 条{}",
                    list.month,
                    list.rows.len(),
                    list.reviewed,
                    if list.closed { "；本月已结账" } else { "" }
                ),
                &format!(
                    "{}: {} open ({kinds}); {} reviewed{}",
                    list.month,
                    list.rows.len(),
                    list.reviewed,
                    if list.closed { "; the month is closed" } else { "" }
                ),
            );
        }
        ExceptionsCmd::Resolve { filters, all, how, reason, attachment } => {
            let targets = if all {
                let list = corrections::list_exceptions(store, ctx, &query(store, ctx, &filters)?)?;
                let mut t: Vec<ResolutionTarget> = list
                    .rows
                    .iter()
                    .map(|r| ResolutionTarget { employee_id: r.employee_id, date: r.date.clone() })
                    .collect();
                t.sort_by(|a, b| (a.employee_id, &a.date).cmp(&(b.employee_id, &b.date)));
                t.dedup();
                if t.is_empty() {
                    bail!(
                        out.say("没有符合条件的未处理异常", "no open findings match the filters")
                    );
                }
                t
            } else {
                let (Some(no), Some(date)) = (&filters.employee, &filters.date) else {
                    bail!(out.say(
                        "请用 --employee 和 --date 指定一个人的一天，或用 --all 处理所有符合条件的异常",
                        "give --employee and --date for one person-day, or --all for every match"
                    ));
                };
                let id = employees::find_by_employee_no(store, ctx, no)?;
                vec![ResolutionTarget { employee_id: id, date: date.clone() }]
            };
            let n = targets.len();
            let report = corrections::resolve(
                store,
                ctx,
                ResolveInput { targets, resolution: how.resolution()?, reason, attachment },
            )?;
            out.detail(&report, |r| {
                vec![out.say(
                    &format!(
                        "已处理 {n} 个人次，更正 {}；重新计算后 {} 天结果有变化",
                        ids(&r.corrections),
                        r.changed_days
                    ),
                    &format!(
                        "resolved {n} person-days, corrections {}; {} days changed when recomputed",
                        ids(&r.corrections),
                        r.changed_days
                    ),
                )]
            });
        }
        ExceptionsCmd::Undo { id, reason } => {
            let report = corrections::undo(store, ctx, id, &reason)?;
            out.detail(&report, |r| {
                vec![out.say(
                    &format!("已撤销更正 #{id}；重新计算后 {} 天结果有变化", r.changed_days),
                    &format!(
                        "correction #{id} undone; {} days changed when recomputed",
                        r.changed_days
                    ),
                )]
            });
        }
        ExceptionsCmd::Flags { month, all } => {
            let list: Vec<_> = kaoqin_commands::flags::list_flags(store, ctx, &month)?
                .into_iter()
                .filter(|f| all || f.dismissed_reason.is_none())
                .collect();
            out.records(
                &list,
                &[
                    col("date", "日期", "date"),
                    col("kind", "提示", "flag"),
                    col("what", "说明", "what"),
                    col("key", "编号", "key"),
                    col("dismissed", "已忽略", "dismissed"),
                ],
                |f| {
                    vec![
                        f.date.clone(),
                        f.kind_name.get(out.lang).to_owned(),
                        f.text.get(out.lang).to_owned(),
                        f.key.clone(),
                        f.dismissed_reason.clone().unwrap_or_default(),
                    ]
                },
            );
        }
        ExceptionsCmd::Dismiss { key, month, reason } => {
            kaoqin_commands::flags::dismiss_flag(store, ctx, &month, &key, &reason)?;
            out.note(&format!("已忽略提示 {key}"), &format!("flag {key} dismissed"));
        }
        ExceptionsCmd::Corrections { month, employee } => {
            let employee_id =
                employee.map(|no| employees::find_by_employee_no(store, ctx, &no)).transpose()?;
            let list = corrections::list_corrections(store, ctx, &month, employee_id)?;
            out.records(
                &list,
                &[
                    col("id", "编号", "id"),
                    col("date", "日期", "date"),
                    col("employee_no", "工号", "no"),
                    col("name", "姓名", "name"),
                    col("what", "更正", "correction"),
                    col("reason", "原因", "reason"),
                    col("by", "操作人", "by"),
                    col("undone", "已撤销", "undone"),
                ],
                |c| {
                    vec![
                        c.id.to_string(),
                        c.date.clone(),
                        c.employee_no.clone(),
                        c.name.clone(),
                        c.text.get(out.lang).to_owned(),
                        c.reason.clone(),
                        c.created_by.clone(),
                        c.undo_reason.clone().unwrap_or_default(),
                    ]
                },
            );
        }
    }
    Ok(())
}

fn ids(list: &[i64]) -> String {
    list.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(" ")
}

#[derive(Subcommand)]
pub enum PeriodCmd {
    /// The close checklist and every close and re-open of the month.
    Status {
        #[arg(long)]
        month: String,
    },
    /// Close the month: its results are frozen. Refused while a check fails, unless --force
    /// with --reason.
    Close {
        #[arg(long)]
        month: String,
        #[arg(long)]
        force: bool,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Re-open a closed month (the reason is required and recorded).
    Reopen {
        #[arg(long)]
        month: String,
        #[arg(long)]
        reason: String,
    },
}

fn print_status(out: &Out, s: &PeriodStatusDto) {
    out.detail(s, |s| {
        let mut lines = vec![out.say(
            &format!("{}：{}", s.month, if s.closed { "已结账" } else { "未结账" }),
            &format!("{}: {}", s.month, if s.closed { "closed" } else { "open" }),
        )];
        for c in &s.checks {
            lines.push(format!("  [{}] {}", if c.ok { "✓" } else { "✗" }, c.text.get(out.lang)));
        }
        for e in &s.events {
            let head = e
                .audit_seq
                .map(|q| format!(" #{q} {}", e.audit_head.clone().unwrap_or_default()))
                .unwrap_or_default();
            lines.push(format!("  {} {} {} {}{head}", e.at_utc, e.actor, e.action, e.reason));
        }
        lines
    });
}

pub fn period_cmd(store: &mut Store, ctx: &Ctx, out: &Out, cmd: PeriodCmd) -> Result<()> {
    let s = match cmd {
        PeriodCmd::Status { month } => period::status(store, ctx, &month)?,
        PeriodCmd::Close { month, force, reason } => {
            period::close(store, ctx, &month, force, &reason)?
        }
        PeriodCmd::Reopen { month, reason } => period::reopen(store, ctx, &month, &reason)?,
    };
    print_status(out, &s);
    Ok(())
}
