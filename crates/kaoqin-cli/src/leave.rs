//! `kaoqin leave`: leave types, leave records (one person, several, or a department), cancelling,
//! annual grants with carry-over, adjustments and balances.

use anyhow::Result;
use clap::Subcommand;
use kaoqin_commands::dto::{
    AdjustBalanceInput, CancelLeaveInput, GrantAnnualInput, LeaveInput, LeaveQuery, LeaveRecordDto,
};
use kaoqin_commands::{Ctx, Error, Store, employees, leave};

use crate::output::{Out, col};
use crate::shifts::{People, people};

#[derive(Subcommand)]
pub enum LeaveCmd {
    /// List leave types and their rules.
    Types,
    /// Record a leave for one or more people: all of them or none.
    Add {
        #[command(flatten)]
        people: People,
        /// Leave type: name (年假) or code (annual)
        #[arg(long = "type")]
        leave_type: String,
        /// First day
        #[arg(long)]
        from: String,
        /// Half-day types: start in the afternoon
        #[arg(long)]
        from_pm: bool,
        /// Last day (default: the first)
        #[arg(long)]
        to: Option<String>,
        /// Half-day types: end at noon
        #[arg(long)]
        to_am: bool,
        /// Hour types: HH:MM-HH:MM on the first day
        #[arg(long)]
        hours: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        /// Show each person's amount without saving
        #[arg(long)]
        dry_run: bool,
    },
    /// Leaves touching a date range.
    List {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// 工号
        #[arg(long)]
        employee: Option<String>,
        #[arg(long = "type")]
        leave_type: Option<String>,
        /// Include cancelled leaves
        #[arg(long)]
        all: bool,
    },
    /// Cancel a leave (kept, with the reason).
    Cancel {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Grant this year's balance to everyone (pro rata for joiners) and carry over last year's.
    Grant {
        #[arg(long = "type")]
        leave_type: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        dry_run: bool,
    },
    /// Add to (or with a negative amount, take from) some people's balance.
    Adjust {
        #[command(flatten)]
        people: People,
        #[arg(long = "type")]
        leave_type: String,
        #[arg(long)]
        year: i32,
        #[arg(long, allow_hyphen_values = true)]
        amount: f64,
        #[arg(long)]
        note: String,
    },
    /// Everyone's balance of a leave type on a date.
    Balance {
        #[arg(long = "type")]
        leave_type: String,
        /// Default: today
        #[arg(long)]
        on: Option<String>,
    },
}

fn type_id(store: &Store, ctx: &Ctx, name: &str) -> Result<i64> {
    leave::list_leave_types(store, ctx)?
        .into_iter()
        .find(|t| t.leave_type.name == name || t.leave_type.code == name)
        .map(|t| t.id)
        .ok_or_else(|| Error::not_found(kaoqin_commands::error::Entity::LeaveType, name).into())
}

fn records(out: &Out, list: &[LeaveRecordDto]) {
    let cols = [
        col("id", "编号", "id"),
        col("employee_no", "工号", "no"),
        col("name", "姓名", "name"),
        col("leave_type", "假期", "leave"),
        col("when", "时间", "when"),
        col("amount", "时长", "amount"),
        col("note", "说明", "note"),
        col("cancelled", "已撤销", "cancelled"),
    ];
    out.records(list, &cols, |r| {
        let unit = match (r.unit.as_str(), out.lang) {
            ("hour", kaoqin_commands::dto::Lang::Zh) => "小时",
            ("hour", _) => "h",
            (_, kaoqin_commands::dto::Lang::Zh) => "天",
            _ => "days",
        };
        vec![
            r.id.to_string(),
            r.employee_no.clone(),
            r.name.clone(),
            r.leave_type_name.clone(),
            r.when.get(out.lang).to_owned(),
            format!("{} {unit}", r.amount),
            r.note.clone(),
            r.cancel_reason.clone().unwrap_or_default(),
        ]
    });
}

pub fn leave_cmd(
    store: &mut Store,
    ctx: &Ctx,
    out: &Out,
    cmd: LeaveCmd,
    today: &str,
) -> Result<()> {
    match cmd {
        LeaveCmd::Types => {
            let list = leave::list_leave_types(store, ctx)?;
            let cols = [
                col("code", "代码", "code"),
                col("name", "名称", "name"),
                col("unit", "单位", "unit"),
                col("counts_rest_days", "含休息日", "counts rest days"),
                col("on_duty", "算出勤", "on duty"),
                col("tracks_balance", "按余额", "balance"),
                col("annual_grant", "每年发放", "granted yearly"),
            ];
            let yes = |b: bool| if b { "✓" } else { "" }.to_owned();
            out.records(&list, &cols, |t| {
                let l = &t.leave_type;
                vec![
                    l.code.clone(),
                    l.name.clone(),
                    l.unit.clone(),
                    yes(l.counts_rest_days),
                    yes(l.on_duty),
                    yes(l.tracks_balance),
                    l.annual_grant.map(|a| a.to_string()).unwrap_or_default(),
                ]
            });
        }
        LeaveCmd::Add { people: p, leave_type, from, from_pm, to, to_am, hours, note, dry_run } => {
            let employee_ids = people(store, ctx, p, &from)?;
            let leave_type_id = type_id(store, ctx, &leave_type)?;
            let (from_time, to_time) = match hours.as_deref().map(|h| h.split_once('-')) {
                Some(Some((a, b))) => (a.trim().to_owned(), b.trim().to_owned()),
                Some(None) => anyhow::bail!("--hours must look like 14:00-15:30"),
                None => (String::new(), String::new()),
            };
            let input = LeaveInput {
                employee_ids,
                leave_type_id,
                start_date: from,
                start_half: if from_pm { "pm" } else { "am" }.into(),
                end_date: to.unwrap_or_default(),
                end_half: if to_am { "am" } else { "pm" }.into(),
                from_time,
                to_time,
                note,
                dry_run,
            };
            let saved = leave::add_leave(store, ctx, input)?;
            records(out, &saved);
            if dry_run {
                out.note("（试运行：没有写入任何内容）", "(dry run: nothing was written)");
            }
        }
        LeaveCmd::List { from, to, employee, leave_type, all } => {
            let employee_id =
                employee.map(|no| employees::find_by_employee_no(store, ctx, &no)).transpose()?;
            let leave_type_id = leave_type.map(|t| type_id(store, ctx, &t)).transpose()?;
            let query = LeaveQuery { from, to, employee_id, leave_type_id, include_cancelled: all };
            records(out, &leave::list_leave(store, ctx, query)?);
        }
        LeaveCmd::Cancel { id, reason } => {
            leave::cancel_leave(store, ctx, CancelLeaveInput { id, reason })?;
            out.note(&format!("已撤销请假 {id}"), &format!("cancelled leave {id}"));
        }
        LeaveCmd::Grant { leave_type, year, dry_run } => {
            let leave_type_id = type_id(store, ctx, &leave_type)?;
            let r = leave::grant_annual_leave(
                store,
                ctx,
                GrantAnnualInput { leave_type_id, year, dry_run },
            )?;
            out.detail(&r, |r| {
                vec![
                    out.say(
                        &format!("{year} 年发放 {} 人，共 {} ；结转 {} 人，共 {}；已发放过 {} 人", r.granted_people, r.granted_total, r.carried_people, r.carried_total, r.already_granted),
                        &format!("{year}: granted to {} people ({} in all), carried over for {} ({}), already granted {}", r.granted_people, r.granted_total, r.carried_people, r.carried_total, r.already_granted),
                    ),
                    if r.dry_run { out.say("（试运行：没有写入任何内容）", "(dry run: nothing was written)") } else { String::new() },
                ]
            });
        }
        LeaveCmd::Adjust { people: p, leave_type, year, amount, note } => {
            let employee_ids = people(store, ctx, p, today)?;
            let leave_type_id = type_id(store, ctx, &leave_type)?;
            let n = employee_ids.len();
            leave::adjust_balance(
                store,
                ctx,
                AdjustBalanceInput { employee_ids, leave_type_id, year, amount, note },
            )?;
            out.note(
                &format!("已调整 {n} 人的余额"),
                &format!("adjusted the balance of {n} people"),
            );
        }
        LeaveCmd::Balance { leave_type, on } => {
            let leave_type_id = type_id(store, ctx, &leave_type)?;
            let on = on.unwrap_or_else(|| today.to_owned());
            let list = leave::leave_balances(store, ctx, leave_type_id, &on)?;
            let cols = [
                col("employee_no", "工号", "no"),
                col("name", "姓名", "name"),
                col("department", "部门", "department"),
                col("granted", "发放", "granted"),
                col("taken", "已用", "taken"),
                col("expired", "过期", "expired"),
                col("remaining", "剩余", "remaining"),
            ];
            out.records(&list, &cols, |b| {
                vec![
                    b.employee_no.clone(),
                    b.name.clone(),
                    b.department_path.clone(),
                    b.granted.to_string(),
                    b.taken.to_string(),
                    b.expired.to_string(),
                    b.remaining.to_string(),
                ]
            });
        }
    }
    Ok(())
}
