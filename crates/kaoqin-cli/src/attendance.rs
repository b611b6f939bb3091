//! `kaoqin punch import`, `kaoqin compute`, `kaoqin report summary` and `kaoqin day`: from punch
//! files to the month's results, the summary a payroll sheet takes, and one day's ledger.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use kaoqin_commands::attendance::{self, ComputeRequest};
use kaoqin_commands::core::Field;
use kaoqin_commands::dto::{
    DayDetailDto, Lang, PunchImportReport, RulesDto, SummaryRowDto, WhatIfDto, WhatIfInput,
};
use kaoqin_commands::{Ctx, Store, departments, employees};

use crate::output::{Out, col};

#[derive(Subcommand)]
pub enum PunchCmd {
    /// Import a punch file: ZK attlog.dat (USB stick) or CSV (工号 or 考勤号码, time). All or
    /// nothing; punches already stored are skipped.
    Import {
        file: PathBuf,
        /// Check and count without saving
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
pub enum RulesCmd {
    /// The attendance rule settings in force.
    Show,
    /// Change settings: KEY=VALUE … (keys as `rules show --format json` prints them).
    Set {
        #[arg(value_name = "KEY=VALUE", required = true)]
        changes: Vec<String>,
    },
    /// What changing settings would do to one person's month, without saving.
    WhatIf {
        /// 工号
        #[arg(long)]
        employee: String,
        /// YYYY-MM
        #[arg(long)]
        month: String,
        #[arg(value_name = "KEY=VALUE", required = true)]
        changes: Vec<String>,
    },
}

/// Applies `key=value` changes to the settings through their JSON form, so every key of the
/// settings is accepted and an unknown key or a wrong type is refused by name.
fn changed(rules: &RulesDto, changes: &[String]) -> Result<RulesDto> {
    let mut value = serde_json::to_value(rules)?;
    for change in changes {
        let Some((key, text)) = change.split_once('=') else {
            anyhow::bail!("{change}: expected KEY=VALUE, e.g. ot_unit_minutes=15");
        };
        let slot = value.get_mut(key.trim()).ok_or_else(|| {
            anyhow::anyhow!("{key}: no such setting (see `kaoqin rules show --format json`)")
        })?;
        *slot = match slot {
            serde_json::Value::Bool(_) => serde_json::Value::Bool(
                text.parse().map_err(|_| anyhow::anyhow!("{key}: expected true or false"))?,
            ),
            serde_json::Value::Number(_) => serde_json::Value::from(
                text.parse::<u32>()
                    .map_err(|_| anyhow::anyhow!("{key}: expected a whole number"))?,
            ),
            _ => serde_json::Value::String(text.to_owned()),
        };
    }
    Ok(serde_json::from_value(value)?)
}

fn rules_lines(r: &RulesDto) -> Vec<String> {
    serde_json::to_value(r)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .map(|o| o.iter().map(|(k, v)| format!("{k} = {v}")).collect())
        .unwrap_or_default()
}

pub fn rules_cmd(store: &mut Store, ctx: &Ctx, out: &Out, cmd: RulesCmd) -> Result<()> {
    match cmd {
        RulesCmd::Show => out.detail(&attendance::get_rules(store, ctx)?, rules_lines),
        RulesCmd::Set { changes } => {
            let input = changed(&attendance::get_rules(store, ctx)?, &changes)?;
            out.detail(&attendance::save_rules(store, ctx, input)?, rules_lines);
        }
        RulesCmd::WhatIf { employee, month, changes } => {
            let rules = changed(&attendance::get_rules(store, ctx)?, &changes)?;
            let employee_id = employees::find_by_employee_no(store, ctx, &employee)?;
            let input = WhatIfInput { employee_id, month, rules };
            let result = attendance::what_if(store, ctx, input)?;
            out.detail(&result, |w| what_if_lines(w, out.lang));
        }
    }
    Ok(())
}

fn what_if_lines(w: &WhatIfDto, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let totals = |r: &SummaryRowDto| {
        format!(
            "{} {}/{} {} {}/{} {} {} {} {}/{}/{}",
            if zh { "出勤" } else { "attended" },
            days_text(r.attended_days),
            days_text(r.scheduled_days),
            if zh { "迟到" } else { "late" },
            r.late_count,
            r.late_minutes,
            if zh { "缺卡" } else { "missing" },
            r.missing_punch_count,
            if zh { "加班" } else { "overtime" },
            r.ot_workday_minutes,
            r.ot_restday_minutes,
            r.ot_holiday_minutes
        )
    };
    let mut lines = vec![
        format!("{}{}", if zh { "现在：" } else { "now:  " }, totals(&w.now)),
        format!("{}{}", if zh { "改后：" } else { "then: " }, totals(&w.then)),
    ];
    if w.changed_days.is_empty() {
        lines.push(if zh {
            "没有哪一天的结果会变".into()
        } else {
            "no day would change".into()
        });
    }
    for d in &w.changed_days {
        let pick =
            |l: &kaoqin_commands::dto::Localized| if zh { l.zh.clone() } else { l.en.clone() };
        let row = |r: &kaoqin_commands::dto::DayRowDto| {
            let f: Vec<String> = r.findings.iter().map(|f| pick(&f.text)).collect();
            let (worked, absent) = if zh { ("出勤", "旷工") } else { ("worked", "absent") };
            format!(
                "{} {worked} {} {absent} {} {}",
                pick(&r.status_name),
                r.worked_minutes,
                r.absent_minutes,
                f.join(" ")
            )
        };
        lines.push(format!("{}: {} → {}", d.now.date, row(&d.now), row(&d.then)));
    }
    lines
}

#[derive(Subcommand)]
pub enum ReportCmd {
    /// Monthly totals per person (应出勤, 实出勤, late, early, missing punches, absence, leave,
    /// overtime by class), from the computed results.
    Summary {
        /// YYYY-MM
        #[arg(long)]
        month: String,
        /// Only this department (path or unique name) and below
        #[arg(long)]
        department: Option<String>,
    },
}

pub fn punch_cmd(store: &mut Store, ctx: &Ctx, out: &Out, cmd: PunchCmd) -> Result<()> {
    match cmd {
        PunchCmd::Import { file, dry_run } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let name =
                file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let report = attendance::import_punches(store, ctx, &name, &bytes, dry_run)?;
            out.detail(&report, |r| import_lines(r, out.lang));
        }
    }
    Ok(())
}

fn import_lines(r: &PunchImportReport, lang: Lang) -> Vec<String> {
    let range = match (&r.first, &r.last) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => String::new(),
    };
    let mut lines = if lang == Lang::Zh {
        vec![format!(
            "{}{}：{} 条打卡，新增 {} 条，已有 {} 条（{range}）",
            if r.dry_run { "试导入 " } else { "" },
            r.file_name,
            r.punches,
            r.added,
            r.already_stored
        )]
    } else {
        vec![format!(
            "{}{}: {} punches, {} added, {} already stored ({range})",
            if r.dry_run { "dry run " } else { "" },
            r.file_name,
            r.punches,
            r.added,
            r.already_stored
        )]
    };
    if !r.unknown.is_empty() {
        let shown: Vec<&str> = r.unknown.iter().take(10).map(String::as_str).collect();
        lines.push(if lang == Lang::Zh {
            format!(
                "{} 个号码还没有对应的人员（打卡已保存，添加人员后自动对上）：{}",
                r.unknown.len(),
                shown.join("、")
            )
        } else {
            format!(
                "{} numbers match nobody yet (kept; they match once the person is added): {}",
                r.unknown.len(),
                shown.join(", ")
            )
        });
    }
    lines
}

pub fn compute_cmd(
    store: &mut Store,
    ctx: &Ctx,
    out: &Out,
    month: String,
    employee: Option<String>,
    department: Option<String>,
) -> Result<()> {
    let department_id = department
        .map(|p| departments::resolve_department(store, ctx, Field::DepartmentId, &p))
        .transpose()?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(if out.lang == Lang::Zh { "计算" } else { "computing" });
    let request = ComputeRequest { month, employee_no: employee, department_id };
    let report = attendance::compute(store, ctx, &request, &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    out.detail(&report, |r| {
        vec![if out.lang == Lang::Zh {
            format!(
                "{} 已计算：{} 人，{} 个人天（异常 {}，暂定 {}），用到 {} 条打卡",
                r.month, r.employees, r.days, r.exception_days, r.provisional_days, r.punches
            )
        } else {
            format!(
                "{} computed: {} people, {} person-days ({} with exceptions, {} provisional), {} punches",
                r.month, r.employees, r.days, r.exception_days, r.provisional_days, r.punches
            )
        }]
    });
    Ok(())
}

pub fn report_cmd(store: &mut Store, ctx: &Ctx, out: &Out, cmd: ReportCmd) -> Result<()> {
    match cmd {
        ReportCmd::Summary { month, department } => {
            let department_id = department
                .map(|p| departments::resolve_department(store, ctx, Field::DepartmentId, &p))
                .transpose()?;
            let summary_dto = attendance::month_summary(store, ctx, &month, department_id)?;
            summary(out, &summary_dto.rows);
        }
    }
    Ok(())
}

/// The stable columns first (their keys are a contract with payroll sheets), then extras.
const SUMMARY_COLS: &[crate::output::Col<'static>] = &[
    col("employee_no", "工号", "No."),
    col("name", "姓名", "Name"),
    col("department", "部门", "Department"),
    col("scheduled_days", "应出勤天数", "Scheduled days"),
    col("attended_days", "实出勤天数", "Attended days"),
    col("late_count", "迟到次数", "Late"),
    col("late_minutes", "迟到分钟", "Late min"),
    col("early_count", "早退次数", "Early"),
    col("early_minutes", "早退分钟", "Early min"),
    col("missing_punch_count", "缺卡次数", "Missing punches"),
    col("absent_days", "旷工天数", "Absent days"),
    col("leave_minutes", "请假分钟", "Leave min"),
    col("ot_workday_minutes", "工作日加班分钟", "OT workday min"),
    col("ot_restday_minutes", "休息日加班分钟", "OT rest-day min"),
    col("ot_holiday_minutes", "节假日加班分钟", "OT holiday min"),
    col("time_off_minutes", "加班转调休分钟", "OT to time off min"),
    col("on_duty_minutes", "外出出差分钟", "On duty away min"),
    col("leave_by_type", "请假明细", "Leave by type"),
    col("exception_days", "异常天数", "Exception days"),
    col("provisional_days", "暂定天数", "Provisional days"),
    col("settlement_period", "综合工时周期", "Comprehensive period"),
    col("period_worked_minutes", "周期内工时(分钟)", "Period worked min"),
    col("period_standard_minutes", "周期标准工时(分钟)", "Period standard min"),
];

/// Days as `21.5`.
fn days_text(d: f64) -> String {
    let text = format!("{d:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn summary(out: &Out, rows: &[SummaryRowDto]) {
    out.records(rows, SUMMARY_COLS, |r| {
        let leave: Vec<String> =
            r.leave.iter().map(|l| format!("{} {}", l.name, days_text(l.days))).collect();
        vec![
            r.employee_no.clone(),
            r.name.clone(),
            r.department.clone(),
            days_text(r.scheduled_days),
            days_text(r.attended_days),
            r.late_count.to_string(),
            r.late_minutes.to_string(),
            r.early_count.to_string(),
            r.early_minutes.to_string(),
            r.missing_punch_count.to_string(),
            days_text(r.absent_days),
            r.leave_minutes.to_string(),
            r.ot_workday_minutes.to_string(),
            r.ot_restday_minutes.to_string(),
            r.ot_holiday_minutes.to_string(),
            r.time_off_minutes.to_string(),
            r.on_duty_minutes.to_string(),
            leave.join("; "),
            r.exception_days.to_string(),
            r.provisional_days.to_string(),
            r.settlement_period.clone().unwrap_or_default(),
            r.period_worked_minutes.map(|m| m.to_string()).unwrap_or_default(),
            r.period_standard_minutes.map(|m| m.to_string()).unwrap_or_default(),
        ]
    });
}

pub fn day_cmd(
    store: &mut Store,
    ctx: &Ctx,
    out: &Out,
    employee: String,
    on: String,
) -> Result<()> {
    let id = employees::find_by_employee_no(store, ctx, &employee)?;
    let detail = attendance::get_day_detail(store, ctx, id, &on)?;
    out.detail(&detail, |d| day_lines(d, out.lang));
    Ok(())
}

fn day_lines(d: &DayDetailDto, lang: Lang) -> Vec<String> {
    let r = &d.row;
    let pick = |l: &kaoqin_commands::dto::Localized| {
        if lang == Lang::Zh { l.zh.clone() } else { l.en.clone() }
    };
    let status = pick(&r.status_name);
    let mut lines = vec![if lang == Lang::Zh {
        format!(
            "{} {} {}：{status}{}，应出勤 {} 分钟，实际出勤 {} 分钟",
            d.employee_no,
            d.name,
            r.date,
            if r.provisional { "（暂定）" } else { "" },
            r.scheduled_minutes,
            r.worked_minutes
        )
    } else {
        format!(
            "{} {} {}: {status}{}, scheduled {} min, worked {} min",
            d.employee_no,
            d.name,
            r.date,
            if r.provisional { " (provisional)" } else { "" },
            r.scheduled_minutes,
            r.worked_minutes
        )
    }];
    if !r.findings.is_empty() {
        let f: Vec<String> = r.findings.iter().map(|f| pick(&f.text)).collect();
        lines.push(format!(
            "{}{}",
            if lang == Lang::Zh { "异常：" } else { "findings: " },
            f.join(if lang == Lang::Zh { "、" } else { ", " })
        ));
    }
    lines.push(if lang == Lang::Zh { "为什么：".to_owned() } else { "why:".to_owned() });
    lines.extend(d.ledger.iter().map(|l| format!("  {}", pick(l))));
    lines
}
