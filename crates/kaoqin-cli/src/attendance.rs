//! `kaoqin punch import`, `kaoqin compute`, `kaoqin report summary` and `kaoqin day`: from punch
//! files to the month's results, the summary a payroll sheet takes, and one day's ledger.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use kaoqin_commands::attendance::{self, ComputeRequest};
use kaoqin_commands::core::Field;
use kaoqin_commands::dto::{DayDetailDto, Lang, PunchImportReport, SummaryRowDto};
use kaoqin_commands::{Ctx, Store, departments};

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
    let id = attendance::employee_id(store, ctx, &employee)?;
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
