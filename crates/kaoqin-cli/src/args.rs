//! Command-line arguments (clap) and their dispatch to the use cases.
//!
//! Departments are named by path (`总部/生产部`) or by a name unique in the tree (`生产部`);
//! employees by 工号. In `employee edit`, an empty value (`--phone ""`) clears a field.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
use kaoqin_commands::core::{Field, date};
use kaoqin_commands::dto::{
    CompanyDayInput, CompanyInput, DepartmentInput, DepartmentMove, DepartmentRename,
    EmployeeDeactivate, EmployeeInput, EmployeePatch, EmployeeQuery, EmployeeStatusFilter,
    ImportColumnChoice, ImportOptions,
};
use kaoqin_commands::{Ctx, Store, calendar, company, departments, employees, import, text};

use crate::attendance::{self, PunchCmd, ReportCmd, RulesCmd};
use crate::audit::AuditCmd;
use crate::exceptions::{ExceptionsCmd, PeriodCmd};
use crate::leave::LeaveCmd;
use crate::output::Out;
use crate::shifts::{self, GroupCmd, RotationCmd, ScheduleCmd, SetupCmd, TimetableCmd};
use crate::terminals::TerminalCmd;

#[derive(Parser)]
#[command(
    name = "kaoqin",
    version,
    about = "Kaoqin 考勤 — attendance for the HR clerk: roster, terminals, results, timesheets",
    long_about = None,
)]
pub struct Cli {
    /// Database file (default: the user data directory, or $KAOQIN_DB).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Language of messages and table headers.
    #[arg(long, global = true, value_enum, env = "KAOQIN_LANG", default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create the database (if needed) and the company settings.
    Init(InitArgs),
    /// Company settings: name and time zone.
    #[command(subcommand)]
    Company(CompanyCmd),
    /// Departments (部门).
    #[command(subcommand)]
    Department(DepartmentCmd),
    /// Employees (人员).
    #[command(subcommand)]
    Employee(EmployeeCmd),
    /// The holiday calendar (节假日): State Council notices and company days.
    #[command(subcommand)]
    Calendar(CalendarCmd),
    /// Timetables (班次): list, show, delete. Create and change them with `setup import`.
    #[command(subcommand)]
    Timetable(TimetableCmd),
    /// Rotations (轮班规律): list, delete. Create and change them with `setup import`.
    #[command(subcommand)]
    Rotation(RotationCmd),
    /// Attendance groups (考勤组): list, members, assign departments or people from a date.
    #[command(subcommand)]
    Group(GroupCmd),
    /// The 排班 grid: show a month, paint, clear, fill from a rotation, copy a week, swap.
    #[command(subcommand)]
    Schedule(ScheduleCmd),
    /// Leave (请假): types, records, cancelling, annual grants, balances.
    #[command(subcommand)]
    Leave(LeaveCmd),
    /// Terminals (考勤机) on the LAN: add, test, pull, set the clock, sync log, quarantine.
    #[command(subcommand)]
    Terminal(TerminalCmd),
    /// Receive pushes from terminals (ADMS, HTTP) and run scheduled pulls until stopped.
    Serve {
        /// Address and port terminals push to (an address of this PC on the terminals' LAN);
        /// default: the saved one (`kaoqin terminal receiver`), else 0.0.0.0:8081
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
    },
    /// The whole set-up (timetables, rotations, groups, assignments, company days, leave types)
    /// as TOML.
    #[command(subcommand)]
    Setup(SetupCmd),
    /// Punches (打卡): import a ZK attlog.dat or a punch CSV.
    #[command(subcommand)]
    Punch(PunchCmd),
    /// Compute a month's attendance results (replacing earlier results of that month).
    Compute {
        /// YYYY-MM
        #[arg(long)]
        month: String,
        /// Only this 工号
        #[arg(long)]
        employee: Option<String>,
        /// Only this department (path or unique name) and below
        #[arg(long)]
        department: Option<String>,
    },
    /// The exception inbox (异常处理): open findings, resolutions (补卡, leave, 按出勤 …), undo.
    #[command(subcommand)]
    Exceptions(ExceptionsCmd),
    /// Closing a month (结账): the checklist, close, re-open.
    #[command(subcommand)]
    Period(PeriodCmd),
    /// The signed audit log (审计记录): verify it, list events, export them.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Reports from the computed results.
    #[command(subcommand)]
    Report(ReportCmd),
    /// Attendance rule settings (duplicate window, missing punches, overtime) and what-if.
    #[command(subcommand)]
    Rules(RulesCmd),
    /// One person's day: the result and why (the ledger).
    Day {
        /// 工号
        #[arg(long)]
        employee: String,
        /// YYYY-MM-DD
        #[arg(long)]
        date: String,
    },
}

#[derive(Subcommand)]
pub enum CalendarCmd {
    /// Which years have a notice loaded, and whether next year's is missing.
    Status,
    /// A year's holidays, 调休 and company days (--all: every date).
    Show {
        year: i32,
        #[arg(long)]
        all: bool,
    },
    /// The class of one date, and why.
    Day { date: String },
    /// Load a year's notice from a calendar file (format: README, "Calendar files").
    Import {
        file: PathBuf,
        /// Check the file and show what would change, without writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Print a year as a calendar file (or write it with --output).
    Export {
        year: i32,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Remove a loaded year (a year shipped with Kaoqin then comes back).
    Remove { year: i32 },
    /// Company days off and extra working days.
    #[command(subcommand)]
    CompanyDay(CompanyDayCmd),
}

#[derive(Subcommand)]
pub enum CompanyDayCmd {
    /// Make a date a company day off (--day-off) or an extra working day (--working-day).
    Add {
        date: String,
        #[arg(long, conflicts_with = "working_day", required_unless_present = "working_day")]
        day_off: bool,
        #[arg(long)]
        working_day: bool,
        /// 说明, e.g. 厂庆 or 盘点
        #[arg(long)]
        note: String,
    },
    /// Remove a company day; the date goes back to its national class.
    Remove { date: String },
}

#[derive(Args)]
pub struct InitArgs {
    /// Company name (default 我的公司; change it later with `company set`).
    #[arg(long)]
    pub company: Option<String>,
    /// Time zone of the site and its terminals (default Asia/Shanghai).
    #[arg(long)]
    pub timezone: Option<String>,
}

#[derive(Subcommand)]
pub enum CompanyCmd {
    /// Show the company settings.
    Show,
    /// Change the company settings.
    Set {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        timezone: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum DepartmentCmd {
    /// Add a department, at the top level or under --parent.
    Add {
        name: String,
        /// Parent department (path or unique name).
        #[arg(long)]
        parent: Option<String>,
    },
    /// List departments as a tree.
    List,
    /// Rename a department.
    Rename { department: String, new_name: String },
    /// Move a department under another one (--parent) or to the top level (--top).
    Move {
        department: String,
        #[arg(long, conflicts_with = "top", required_unless_present = "top")]
        parent: Option<String>,
        #[arg(long)]
        top: bool,
    },
    /// Delete a department that has no employees and no sub-departments.
    Delete { department: String },
}

#[derive(Args)]
pub struct EmployeeFields {
    /// 姓名
    #[arg(long)]
    pub name: Option<String>,
    /// 部门: path or unique name
    #[arg(long)]
    pub department: Option<String>,
    /// 职位
    #[arg(long)]
    pub position: Option<String>,
    /// 入职日期 (2026-03-01)
    #[arg(long)]
    pub hired_on: Option<String>,
    /// 身份证号 (stored in full, always shown masked)
    #[arg(long)]
    pub id_number: Option<String>,
    /// 电话
    #[arg(long)]
    pub phone: Option<String>,
    /// 考勤机工号: the user id on the terminals
    #[arg(long)]
    pub pin: Option<String>,
    /// 卡号
    #[arg(long)]
    pub card: Option<String>,
}

#[derive(Subcommand)]
pub enum EmployeeCmd {
    /// Add an employee.
    Add {
        /// 工号
        #[arg(long = "no", value_name = "工号")]
        employee_no: String,
        #[command(flatten)]
        fields: EmployeeFields,
        /// 离职日期, for someone who has already left
        #[arg(long)]
        left_on: Option<String>,
    },
    /// Change an employee's fields; an empty value clears an optional field.
    Edit {
        /// 工号 of the employee to change
        employee_no: String,
        /// New 工号
        #[arg(long = "new-no")]
        new_employee_no: Option<String>,
        #[command(flatten)]
        fields: EmployeeFields,
    },
    /// List employees.
    List {
        /// 工号, 姓名 or 职位 containing the text, or an exact PIN or card number
        #[arg(long)]
        search: Option<String>,
        /// Only this department and the ones below it
        #[arg(long)]
        department: Option<String>,
        #[arg(long, value_enum, default_value_t = StatusArg::Active)]
        status: StatusArg,
        /// 1-based page; without it every page is printed
        #[arg(long)]
        page: Option<u32>,
        #[arg(long, default_value_t = 100)]
        page_size: u32,
    },
    /// Show one employee.
    Show { employee_no: String },
    /// 离职: record the leave date (default: today).
    Deactivate {
        employee_no: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Undo 离职: the employee is active again.
    Reactivate { employee_no: String },
    /// Import employees from Excel (.xlsx, .xls) or CSV (UTF-8 or GBK): all rows or none.
    Import {
        file: PathBuf,
        /// Check the file and show what would happen, without writing.
        #[arg(long)]
        dry_run: bool,
        /// The sheet to read (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// A column the importer does not recognise: FIELD=HEADER, e.g. `employee_no=员工号`.
        /// Fields: employee_no name department position hired_on left_on id_number phone pin
        /// card_no; `ignore=HEADER` leaves a recognised column out. Repeat for several columns.
        #[arg(long = "map", value_name = "FIELD=HEADER")]
        map: Vec<String>,
    },
    /// Write the import template (an .xlsx with the Chinese headers and instructions).
    Template { file: PathBuf },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Active,
    Inactive,
    All,
}

/// Today's date in the company's time zone (the instant was read once, at the boundary).
fn today(store: &Store, ctx: &Ctx) -> Result<String> {
    Ok(date::iso(company::local_today(store, ctx)?))
}

fn dept(store: &Store, ctx: &Ctx, field: Field, path: &str) -> Result<i64> {
    Ok(departments::resolve_department(store, ctx, field, path)?)
}

pub fn dispatch(store: &mut Store, ctx: &Ctx, out: &Out, command: Command) -> Result<()> {
    match command {
        Command::Init(_) => unreachable!("handled before the database is required to exist"),
        Command::Company(CompanyCmd::Show) => out.company(&company::get_company(store, ctx)?),
        Command::Company(CompanyCmd::Set { name, timezone }) => {
            let current = company::get_company(store, ctx)?;
            let input = CompanyInput {
                name: name.unwrap_or(current.name),
                timezone: timezone.unwrap_or(current.timezone),
            };
            out.company(&company::update_company(store, ctx, input)?);
        }
        Command::Department(cmd) => department(store, ctx, out, cmd)?,
        Command::Employee(cmd) => employee(store, ctx, out, cmd)?,
        Command::Calendar(cmd) => calendar_cmd(store, ctx, out, cmd)?,
        Command::Timetable(cmd) => shifts::timetable(store, ctx, out, cmd)?,
        Command::Rotation(cmd) => shifts::rotation(store, ctx, out, cmd)?,
        Command::Group(cmd) => shifts::group(store, ctx, out, cmd)?,
        Command::Setup(cmd) => shifts::setup_cmd(store, ctx, out, cmd)?,
        Command::Schedule(cmd) => shifts::schedule_cmd(store, ctx, out, cmd)?,
        Command::Punch(cmd) => attendance::punch_cmd(store, ctx, out, cmd)?,
        Command::Compute { month, employee, department } => {
            attendance::compute_cmd(store, ctx, out, month, employee, department)?
        }
        Command::Report(cmd) => attendance::report_cmd(store, ctx, out, cmd)?,
        Command::Rules(cmd) => attendance::rules_cmd(store, ctx, out, cmd)?,
        Command::Day { employee, date } => attendance::day_cmd(store, ctx, out, employee, date)?,
        Command::Terminal(cmd) => crate::terminals::terminal_cmd(store, ctx, out, cmd)?,
        Command::Serve { .. } => unreachable!("handled where the store is opened"),
        Command::Audit(cmd) => crate::audit::audit_cmd(store, ctx, out, cmd)?,
        Command::Exceptions(cmd) => crate::exceptions::exceptions_cmd(store, ctx, out, cmd)?,
        Command::Period(cmd) => crate::exceptions::period_cmd(store, ctx, out, cmd)?,
        Command::Leave(cmd) => {
            let today = today(store, ctx)?;
            crate::leave::leave_cmd(store, ctx, out, cmd, &today)?
        }
    }
    Ok(())
}

/// Reads a text file in UTF-8 (with or without BOM), UTF-16 with BOM, or GBK.
pub(crate) fn read_text(path: &std::path::Path) -> Result<String> {
    let bytes =
        std::fs::read(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let decoded = text::decode(&bytes);
    if decoded.had_errors {
        anyhow::bail!(
            "{} is neither UTF-8 nor GBK text: save it as UTF-8 and try again",
            path.display()
        );
    }
    Ok(decoded.text)
}

fn calendar_cmd(store: &mut Store, ctx: &Ctx, out: &Out, cmd: CalendarCmd) -> Result<()> {
    match cmd {
        CalendarCmd::Status => out.calendar_status(&calendar::get_calendar_status(store, ctx)?),
        CalendarCmd::Show { year, all } => {
            out.calendar_year(&calendar::get_calendar_year(store, ctx, year)?, all)
        }
        CalendarCmd::Day { date } => {
            out.calendar_days(&[calendar::get_calendar_day(store, ctx, &date)?])
        }
        CalendarCmd::Import { file, dry_run } => {
            let text = read_text(&file)?;
            out.calendar_loaded(&calendar::import_calendar_year(store, ctx, &text, dry_run)?);
        }
        CalendarCmd::Export { year, output } => {
            let text = calendar::export_calendar_year(store, ctx, year)?;
            match output {
                Some(path) => {
                    std::fs::write(&path, text)
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                    out.note(
                        &format!("已导出 {year} 年节假日到 {}", path.display()),
                        &format!("exported the {year} calendar to {}", path.display()),
                    );
                }
                None => print!("{text}"),
            }
        }
        CalendarCmd::Remove { year } => {
            calendar::delete_calendar_year(store, ctx, year)?;
            out.note(
                &format!("已删除导入的 {year} 年节假日数据"),
                &format!("removed the loaded {year} calendar"),
            );
        }
        CalendarCmd::CompanyDay(CompanyDayCmd::Add { date, day_off, working_day: _, note }) => {
            let kind = if day_off { "day_off" } else { "working_day" };
            let input = CompanyDayInput { date, kind: kind.into(), note };
            out.calendar_days(&[calendar::add_company_day(store, ctx, input)?]);
        }
        CalendarCmd::CompanyDay(CompanyDayCmd::Remove { date }) => {
            out.calendar_days(&[calendar::delete_company_day(store, ctx, &date)?]);
        }
    }
    Ok(())
}

fn department(store: &mut Store, ctx: &Ctx, out: &Out, cmd: DepartmentCmd) -> Result<()> {
    match cmd {
        DepartmentCmd::Add { name, parent } => {
            let parent_id = parent.map(|p| dept(store, ctx, Field::ParentId, &p)).transpose()?;
            let d = departments::add_department(store, ctx, DepartmentInput { name, parent_id })?;
            out.department_changed(&d, "已添加部门", "added department");
        }
        DepartmentCmd::List => out.departments(&departments::list_departments(store, ctx)?),
        DepartmentCmd::Rename { department, new_name } => {
            let id = dept(store, ctx, Field::DepartmentId, &department)?;
            let d = departments::rename_department(
                store,
                ctx,
                DepartmentRename { id, name: new_name },
            )?;
            out.department_changed(&d, "已重命名部门", "renamed department");
        }
        DepartmentCmd::Move { department, parent, top: _ } => {
            let id = dept(store, ctx, Field::DepartmentId, &department)?;
            let parent_id = parent.map(|p| dept(store, ctx, Field::ParentId, &p)).transpose()?;
            let d = departments::move_department(store, ctx, DepartmentMove { id, parent_id })?;
            out.department_changed(&d, "已移动部门", "moved department");
        }
        DepartmentCmd::Delete { department } => {
            let id = dept(store, ctx, Field::DepartmentId, &department)?;
            departments::delete_department(store, ctx, id)?;
            out.note(
                &format!("已删除部门 {department}"),
                &format!("deleted department {department}"),
            );
        }
    }
    Ok(())
}

fn employee(store: &mut Store, ctx: &Ctx, out: &Out, cmd: EmployeeCmd) -> Result<()> {
    match cmd {
        EmployeeCmd::Add { employee_no, fields, left_on } => {
            let department_id = match &fields.department {
                Some(p) => Some(dept(store, ctx, Field::DepartmentId, p)?),
                None => None,
            };
            let hired_on = match fields.hired_on {
                Some(d) => d,
                None => today(store, ctx)?,
            };
            let input = EmployeeInput {
                employee_no,
                name: fields.name.unwrap_or_default(),
                department_id,
                position: fields.position,
                hired_on,
                left_on,
                id_number: fields.id_number,
                phone: fields.phone,
                pin: fields.pin,
                card_no: fields.card,
            };
            let e = employees::add_employee(store, ctx, input)?;
            out.employee_changed(&e, "已添加员工", "added employee");
        }
        EmployeeCmd::Edit { employee_no, new_employee_no, fields } => {
            let id = employees::find_by_employee_no(store, ctx, &employee_no)?;
            let department_id =
                fields.department.map(|p| dept(store, ctx, Field::DepartmentId, &p)).transpose()?;
            let patch = EmployeePatch {
                id,
                employee_no: new_employee_no,
                name: fields.name,
                department_id,
                position: fields.position,
                hired_on: fields.hired_on,
                left_on: None,
                id_number: fields.id_number,
                phone: fields.phone,
                pin: fields.pin,
                card_no: fields.card,
            };
            let e = employees::edit_employee(store, ctx, patch)?;
            out.employee_changed(&e, "已修改员工", "changed employee");
        }
        EmployeeCmd::List { search, department, status, page, page_size } => {
            let department_id =
                department.map(|p| dept(store, ctx, Field::DepartmentId, &p)).transpose()?;
            let status = match status {
                StatusArg::Active => EmployeeStatusFilter::Active,
                StatusArg::Inactive => EmployeeStatusFilter::Inactive,
                StatusArg::All => EmployeeStatusFilter::All,
            };
            let query = |p: u32| EmployeeQuery {
                search: search.clone(),
                department_id,
                include_subdepartments: Some(true),
                status: Some(status),
                page: Some(p),
                page_size: Some(page_size),
            };
            let mut rows = Vec::new();
            let mut p = page.unwrap_or(1);
            loop {
                let result = employees::list_employees(store, ctx, query(p))?;
                let done = page.is_some()
                    || result.rows.is_empty()
                    || u64::from(p) * u64::from(page_size) >= u64::from(result.total);
                rows.extend(result.rows);
                if done {
                    break;
                }
                p += 1;
            }
            if out.format != crate::args::Format::Table {
                employees::record_export(store, ctx, out.format_name(), rows.len(), &query(1))?;
            }
            out.employees(&rows);
        }
        EmployeeCmd::Show { employee_no } => {
            let id = employees::find_by_employee_no(store, ctx, &employee_no)?;
            out.employee(&employees::get_employee(store, ctx, id)?);
        }
        EmployeeCmd::Deactivate { employee_no, date } => {
            let id = employees::find_by_employee_no(store, ctx, &employee_no)?;
            let left_on = match date {
                Some(d) => d,
                None => today(store, ctx)?,
            };
            let e = employees::deactivate_employee(store, ctx, EmployeeDeactivate { id, left_on })?;
            out.employee_changed(&e, "已办理离职", "deactivated employee");
        }
        EmployeeCmd::Reactivate { employee_no } => {
            let id = employees::find_by_employee_no(store, ctx, &employee_no)?;
            let e = employees::reactivate_employee(store, ctx, id)?;
            out.employee_changed(&e, "已恢复在职", "reactivated employee");
        }
        EmployeeCmd::Import { file, dry_run, sheet, map } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let mapping = map
                .iter()
                .map(|m| {
                    let (field, header) = m.split_once('=').ok_or_else(|| {
                        anyhow::anyhow!("--map {m}: expected FIELD=HEADER, e.g. employee_no=员工号")
                    })?;
                    Ok(ImportColumnChoice { field: field.trim().into(), header: header.into() })
                })
                .collect::<Result<Vec<_>>>()?;
            let options = ImportOptions { sheet, mapping };
            let name =
                file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let report = if dry_run {
                import::check_import(store, ctx, &bytes, &options)?
            } else {
                match import::run_import(store, ctx, &name, &bytes, &options) {
                    Ok(r) => r,
                    Err(e @ kaoqin_commands::Error::ImportRefused(_)) => {
                        if let kaoqin_commands::Error::ImportRefused(report) = &e {
                            out.import_report(report);
                        }
                        anyhow::bail!("{}", e.message_in(out.lang));
                    }
                    Err(e) => return Err(e.into()),
                }
            };
            out.import_report(&report);
        }
        EmployeeCmd::Template { file } => {
            let bytes = import::import_template(ctx)?;
            std::fs::write(&file, bytes)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", file.display()))?;
            out.note(
                &format!("已写入导入模板 {}：填好后用 kaoqin employee import 导入", file.display()),
                &format!(
                    "wrote the import template {}: fill it in, then `kaoqin employee import` it",
                    file.display()
                ),
            );
        }
    }
    Ok(())
}
