//! Kaoqin's desktop shell: one window, Kaoqin's own commands, nothing else.
//!
//! Each command is one line: take the state, call one kaoqin-commands use case, map the error to
//! the wire's `{ code, message, fields }`. No SQL, no rules, no business branching here. The
//! acting user comes from Rust state, never from the webview. The window refuses navigation to
//! anything but the bundled UI. A background thread runs the terminal collector (scheduled pulls);
//! the ADMS receiver for pushing terminals runs while its setting is on.
//! Not here yet: logins and session lock (security issue), the tray.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use kaoqin_commands::collector::Collector;
use kaoqin_commands::dto::*;
use kaoqin_commands::{
    Actor, Ctx, Store, attendance, audit, calendar, company, corrections, departments, employees,
    flags, groups, import, leave, location, period, push, schedule, setup, terminals, timetables,
};
use tauri::ipc::Channel;
use tauri::{Manager, State};

/// What every command needs: the store (or why it could not be opened) and the acting user;
/// the collector, which pulls terminals on their schedule and on demand; and the ADMS receiver
/// for terminals that push, running while its setting says so.
struct App {
    store: Result<Arc<Mutex<Store>>, ErrorDto>,
    actor: Actor,
    collector: Collector,
    receiver: Result<push::Receiver, ErrorDto>,
    /// The audit log's head as last saved in the keyring.
    anchor: Mutex<audit::Anchor>,
}

/// The one place the desktop reads the clock; use cases receive the instant in `Ctx`.
#[allow(clippy::disallowed_methods)]
fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn internal(zh: &str, en: &str) -> ErrorDto {
    ErrorDto { code: ErrorCode::Internal, message: Localized::new(zh, en), fields: Vec::new() }
}

impl App {
    fn run<T>(
        &self,
        f: impl FnOnce(&mut Store, &Ctx) -> kaoqin_commands::Result<T>,
    ) -> Result<T, ErrorDto> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        let mut store = store.lock().map_err(|_| {
            internal("内部错误：上一次操作意外中断，请重启程序", "internal error: restart the app")
        })?;
        let out = f(&mut store, &Ctx::new(self.actor.clone(), now())).map_err(|e| e.to_dto());
        self.save_anchor(&store);
        out
    }

    /// Keeps the keyring's audit anchor at the log's head after every command: a log cut short
    /// behind the app's back then no longer reaches it. A failure is reported, not fatal: the
    /// change itself is committed and signed.
    fn save_anchor(&self, store: &Store) {
        let mut anchor = self.anchor.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Err(e) = anchor.save(store) {
            eprintln!("kaoqin: the audit anchor was not saved: {}", e.message().en);
        }
    }
}

impl App {
    /// For use cases that span network waits: they take the store's lock only while writing.
    fn shared<T>(
        &self,
        f: impl FnOnce(&Arc<Mutex<Store>>, &Ctx) -> kaoqin_commands::Result<T>,
    ) -> Result<T, ErrorDto> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        let out = f(store, &Ctx::new(self.actor.clone(), now())).map_err(|e| e.to_dto());
        if let Ok(store) = store.lock() {
            self.save_anchor(&store);
        }
        out
    }
}

type Reply<T> = Result<T, ErrorDto>;

#[tauri::command(async)]
fn get_overview(app: State<'_, App>) -> Reply<OverviewDto> {
    app.run(|s, c| company::get_overview(s, c))
}
#[tauri::command(async)]
fn get_company(app: State<'_, App>) -> Reply<CompanyDto> {
    app.run(|s, c| company::get_company(s, c))
}
#[tauri::command(async)]
fn update_company(app: State<'_, App>, input: CompanyInput) -> Reply<CompanyDto> {
    app.run(|s, c| company::update_company(s, c, input))
}
#[tauri::command(async)]
fn list_departments(app: State<'_, App>) -> Reply<Vec<DepartmentDto>> {
    app.run(|s, c| departments::list_departments(s, c))
}
#[tauri::command(async)]
fn add_department(app: State<'_, App>, input: DepartmentInput) -> Reply<DepartmentDto> {
    app.run(|s, c| departments::add_department(s, c, input))
}
#[tauri::command(async)]
fn rename_department(app: State<'_, App>, input: DepartmentRename) -> Reply<DepartmentDto> {
    app.run(|s, c| departments::rename_department(s, c, input))
}
#[tauri::command(async)]
fn move_department(app: State<'_, App>, input: DepartmentMove) -> Reply<DepartmentDto> {
    app.run(|s, c| departments::move_department(s, c, input))
}
#[tauri::command(async)]
fn delete_department(app: State<'_, App>, id: i64) -> Reply<()> {
    app.run(|s, c| departments::delete_department(s, c, id))
}
#[tauri::command(async)]
fn list_employees(app: State<'_, App>, query: EmployeeQuery) -> Reply<EmployeePage> {
    app.run(|s, c| employees::list_employees(s, c, query))
}
#[tauri::command(async)]
fn get_employee(app: State<'_, App>, id: i64) -> Reply<EmployeeDto> {
    app.run(|s, c| employees::get_employee(s, c, id))
}
#[tauri::command(async)]
fn add_employee(app: State<'_, App>, input: EmployeeInput) -> Reply<EmployeeDto> {
    app.run(|s, c| employees::add_employee(s, c, input))
}
#[tauri::command(async)]
fn edit_employee(app: State<'_, App>, input: EmployeePatch) -> Reply<EmployeeDto> {
    app.run(|s, c| employees::edit_employee(s, c, input))
}
#[tauri::command(async)]
fn deactivate_employee(app: State<'_, App>, input: EmployeeDeactivate) -> Reply<EmployeeDto> {
    app.run(|s, c| employees::deactivate_employee(s, c, input))
}
#[tauri::command(async)]
fn reactivate_employee(app: State<'_, App>, id: i64) -> Reply<EmployeeDto> {
    app.run(|s, c| employees::reactivate_employee(s, c, id))
}

#[tauri::command(async)]
fn import_template(app: State<'_, App>) -> Reply<Vec<u8>> {
    app.run(|_, c| import::import_template(c))
}
#[tauri::command(async)]
fn check_import(
    app: State<'_, App>,
    bytes: Vec<u8>,
    options: ImportOptions,
) -> Reply<ImportReport> {
    app.run(|s, c| import::check_import(s, c, &bytes, &options))
}
#[tauri::command(async)]
fn run_import(
    app: State<'_, App>,
    file_name: String,
    bytes: Vec<u8>,
    options: ImportOptions,
) -> Reply<ImportReport> {
    app.run(|s, c| import::run_import(s, c, &file_name, &bytes, &options))
}
#[tauri::command(async)]
fn get_calendar_status(app: State<'_, App>) -> Reply<CalendarStatusDto> {
    app.run(|s, c| calendar::get_calendar_status(s, c))
}
#[tauri::command(async)]
fn get_calendar_year(app: State<'_, App>, year: i32) -> Reply<CalendarYearDetail> {
    app.run(|s, c| calendar::get_calendar_year(s, c, year))
}
#[tauri::command(async)]
fn get_calendar_day(app: State<'_, App>, date: String) -> Reply<CalendarDayDto> {
    app.run(|s, c| calendar::get_calendar_day(s, c, &date))
}
#[tauri::command(async)]
fn export_calendar_year(app: State<'_, App>, year: i32) -> Reply<String> {
    app.run(|s, c| calendar::export_calendar_year(s, c, year))
}
#[tauri::command(async)]
fn import_calendar_year(
    app: State<'_, App>,
    text: String,
    dry_run: bool,
) -> Reply<CalendarLoadResult> {
    app.run(|s, c| calendar::import_calendar_year(s, c, &text, dry_run))
}
#[tauri::command(async)]
fn save_calendar_year(
    app: State<'_, App>,
    input: CalendarYearInput,
    dry_run: bool,
) -> Reply<CalendarLoadResult> {
    app.run(|s, c| calendar::save_calendar_year(s, c, input, dry_run))
}
#[tauri::command(async)]
fn delete_calendar_year(app: State<'_, App>, year: i32) -> Reply<CalendarStatusDto> {
    app.run(|s, c| calendar::delete_calendar_year(s, c, year))
}
#[tauri::command(async)]
fn add_company_day(app: State<'_, App>, input: CompanyDayInput) -> Reply<CalendarDayDto> {
    app.run(|s, c| calendar::add_company_day(s, c, input))
}
#[tauri::command(async)]
fn delete_company_day(app: State<'_, App>, date: String) -> Reply<CalendarDayDto> {
    app.run(|s, c| calendar::delete_company_day(s, c, &date))
}

#[tauri::command(async)]
fn list_timetables(app: State<'_, App>) -> Reply<Vec<TimetableDto>> {
    app.run(|s, c| timetables::list_timetables(s, c))
}
#[tauri::command(async)]
fn save_timetable(app: State<'_, App>, input: SaveTimetableInput) -> Reply<TimetableDto> {
    app.run(|s, c| timetables::save_timetable(s, c, input))
}
#[tauri::command(async)]
fn delete_timetable(app: State<'_, App>, id: i64) -> Reply<()> {
    app.run(|s, c| timetables::delete_timetable(s, c, id))
}
#[tauri::command(async)]
fn list_rotations(app: State<'_, App>) -> Reply<Vec<RotationDto>> {
    app.run(|s, c| timetables::list_rotations(s, c))
}
#[tauri::command(async)]
fn save_rotation(app: State<'_, App>, input: SaveRotationInput) -> Reply<RotationDto> {
    app.run(|s, c| timetables::save_rotation(s, c, input))
}
#[tauri::command(async)]
fn delete_rotation(app: State<'_, App>, id: i64) -> Reply<()> {
    app.run(|s, c| timetables::delete_rotation(s, c, id))
}
#[tauri::command(async)]
fn list_groups(app: State<'_, App>, on: Option<String>) -> Reply<GroupsDto> {
    app.run(|s, c| groups::list_groups(s, c, on.as_deref()))
}
#[tauri::command(async)]
fn save_group(app: State<'_, App>, input: SaveGroupInput) -> Reply<GroupDto> {
    app.run(|s, c| groups::save_group(s, c, input))
}
#[tauri::command(async)]
fn delete_group(app: State<'_, App>, id: i64) -> Reply<()> {
    app.run(|s, c| groups::delete_group(s, c, id))
}
#[tauri::command(async)]
fn assign_group(app: State<'_, App>, input: AssignGroupInput) -> Reply<MembershipDto> {
    app.run(|s, c| groups::assign_group(s, c, input))
}
#[tauri::command(async)]
fn remove_assignment(app: State<'_, App>, input: AssignGroupInput) -> Reply<()> {
    app.run(|s, c| groups::remove_assignment(s, c, input))
}
#[tauri::command(async)]
fn list_group_members(
    app: State<'_, App>,
    group_id: Option<i64>,
    unassigned: bool,
    on: Option<String>,
) -> Reply<Vec<GroupMemberDto>> {
    app.run(|s, c| groups::list_group_members(s, c, group_id, unassigned, on.as_deref()))
}
#[tauri::command(async)]
fn employee_group(
    app: State<'_, App>,
    employee_id: i64,
    on: Option<String>,
) -> Reply<GroupMemberDto> {
    app.run(|s, c| groups::employee_group(s, c, employee_id, on.as_deref()))
}
#[tauri::command(async)]
fn export_setup(app: State<'_, App>) -> Reply<String> {
    app.run(|s, c| setup::export_setup(s, c))
}
#[tauri::command(async)]
fn import_setup(app: State<'_, App>, text: String, dry_run: bool) -> Reply<SetupImportResult> {
    app.run(|s, c| setup::import_setup(s, c, &text, dry_run))
}
#[tauri::command(async)]
fn get_schedule(app: State<'_, App>, query: ScheduleQuery) -> Reply<ScheduleGridDto> {
    app.run(|s, c| schedule::get_schedule(s, c, query))
}
#[tauri::command(async)]
fn edit_schedule(app: State<'_, App>, edit: ScheduleEdit) -> Reply<ScheduleEditResult> {
    app.run(|s, c| schedule::edit_schedule(s, c, edit))
}
#[tauri::command(async)]
fn list_leave_types(app: State<'_, App>) -> Reply<Vec<LeaveTypeDto>> {
    app.run(|s, c| leave::list_leave_types(s, c))
}
#[tauri::command(async)]
fn save_leave_type(app: State<'_, App>, input: SaveLeaveTypeInput) -> Reply<LeaveTypeDto> {
    app.run(|s, c| leave::save_leave_type(s, c, input))
}
#[tauri::command(async)]
fn add_leave(app: State<'_, App>, input: LeaveInput) -> Reply<Vec<LeaveRecordDto>> {
    app.run(|s, c| leave::add_leave(s, c, input))
}
#[tauri::command(async)]
fn list_leave(app: State<'_, App>, query: LeaveQuery) -> Reply<Vec<LeaveRecordDto>> {
    app.run(|s, c| leave::list_leave(s, c, query))
}
#[tauri::command(async)]
fn cancel_leave(app: State<'_, App>, input: CancelLeaveInput) -> Reply<()> {
    app.run(|s, c| leave::cancel_leave(s, c, input))
}
#[tauri::command(async)]
fn grant_annual_leave(app: State<'_, App>, input: GrantAnnualInput) -> Reply<GrantAnnualResult> {
    app.run(|s, c| leave::grant_annual_leave(s, c, input))
}
#[tauri::command(async)]
fn adjust_balance(app: State<'_, App>, input: AdjustBalanceInput) -> Reply<()> {
    app.run(|s, c| leave::adjust_balance(s, c, input))
}
#[tauri::command(async)]
fn leave_balances(
    app: State<'_, App>,
    leave_type_id: i64,
    as_of: String,
) -> Reply<Vec<LeaveBalanceDto>> {
    app.run(|s, c| leave::leave_balances(s, c, leave_type_id, &as_of))
}
#[tauri::command(async)]
fn import_punches(
    app: State<'_, App>,
    file_name: String,
    bytes: Vec<u8>,
    dry_run: bool,
) -> Reply<PunchImportReport> {
    app.run(|s, c| attendance::import_punches(s, c, &file_name, &bytes, dry_run))
}
/// Progress goes to the webview's channel about a hundred times at most.
#[tauri::command(async)]
fn compute_month(
    app: State<'_, App>,
    input: ComputeInput,
    on_progress: Channel<ComputeProgress>,
) -> Reply<ComputeReport> {
    let mut last = 0;
    app.run(|s, c| {
        attendance::compute(s, c, &input, &mut |done, total| {
            let step = (total / 100).max(1);
            if done == total || done >= last + step {
                last = done;
                let _ =
                    on_progress.send(ComputeProgress { done: done as u32, total: total as u32 });
            }
        })
    })
}
#[tauri::command(async)]
fn get_month_summary(
    app: State<'_, App>,
    month: String,
    department_id: Option<i64>,
) -> Reply<MonthSummaryDto> {
    app.run(|s, c| attendance::month_summary(s, c, &month, department_id))
}
#[tauri::command(async)]
fn get_person_month(app: State<'_, App>, employee_id: i64, month: String) -> Reply<PersonMonthDto> {
    app.run(|s, c| attendance::get_person_month(s, c, employee_id, &month))
}
#[tauri::command(async)]
fn get_rules(app: State<'_, App>) -> Reply<RulesDto> {
    app.run(|s, c| attendance::get_rules(s, c))
}
#[tauri::command(async)]
fn save_rules(app: State<'_, App>, input: RulesDto) -> Reply<RulesDto> {
    app.run(|s, c| attendance::save_rules(s, c, input))
}
#[tauri::command(async)]
fn what_if(app: State<'_, App>, input: WhatIfInput) -> Reply<WhatIfDto> {
    app.run(|s, c| attendance::what_if(s, c, input))
}
#[tauri::command(async)]
fn get_day_detail(app: State<'_, App>, employee_id: i64, date: String) -> Reply<DayDetailDto> {
    app.run(|s, c| attendance::get_day_detail(s, c, employee_id, &date))
}

#[tauri::command(async)]
fn list_terminals(app: State<'_, App>) -> Reply<Vec<TerminalDto>> {
    let busy = app.collector.busy();
    app.run(|s, c| terminals::list_terminals(s, c, &busy))
}
#[tauri::command(async)]
fn save_terminal(app: State<'_, App>, input: TerminalInput) -> Reply<TerminalDto> {
    app.run(|s, c| terminals::save_terminal(s, c, input))
}
#[tauri::command(async)]
fn delete_terminal(app: State<'_, App>, id: i64) -> Reply<()> {
    app.run(|s, c| terminals::delete_terminal(s, c, id))
}
#[tauri::command(async)]
fn test_terminal(app: State<'_, App>, id: i64) -> Reply<DeviceInfoDto> {
    app.shared(|s, c| terminals::test_terminal(s, c, id))
}
#[tauri::command(async)]
fn set_terminal_time(app: State<'_, App>, id: i64) -> Reply<DeviceInfoDto> {
    app.shared(|s, c| terminals::set_terminal_time(s, c, id))
}
/// Progress goes to the webview's channel at most every 2% of the way.
#[tauri::command(async)]
fn pull_terminal(
    app: State<'_, App>,
    id: i64,
    on_progress: Channel<PullProgress>,
) -> Reply<PullReport> {
    let mut last = (String::new(), 0u32);
    app.shared(|s, c| {
        app.collector.pull(s, c, id, &now, &mut |p| {
            let step = (p.total / 50).max(1);
            if p.stage != last.0 || p.done == p.total || p.done >= last.1 + step {
                last = (p.stage.clone(), p.done);
                let _ = on_progress.send(p);
            }
        })
    })
}
#[tauri::command(async)]
fn list_pulls(app: State<'_, App>, id: i64, limit: u32) -> Reply<Vec<PullLogDto>> {
    let busy = app.collector.busy().contains(&id);
    app.run(|s, c| terminals::list_pulls(s, c, id, limit, busy))
}
#[tauri::command(async)]
fn terminal_users(app: State<'_, App>, id: i64) -> Reply<Vec<TerminalUserDto>> {
    app.shared(|s, c| terminals::terminal_users(s, c, id))
}
#[tauri::command(async)]
fn upload_employees(
    app: State<'_, App>,
    id: i64,
    employee_ids: Option<Vec<i64>>,
) -> Reply<UploadReport> {
    app.shared(|s, c| terminals::upload_employees(s, c, id, employee_ids.as_deref()))
}
#[tauri::command(async)]
fn list_push_devices(app: State<'_, App>) -> Reply<Vec<PushDeviceDto>> {
    app.run(|s, c| push::list_push_devices(s, c))
}
#[tauri::command(async)]
fn approve_push_device(app: State<'_, App>, serial: String, name: String) -> Reply<TerminalDto> {
    app.run(|s, c| push::approve_push_device(s, c, &serial, &name))
}
#[tauri::command(async)]
fn users_from_file(
    app: State<'_, App>,
    file_name: String,
    bytes: Vec<u8>,
    name_codec: Option<String>,
) -> Reply<Vec<TerminalUserDto>> {
    app.run(|s, c| terminals::users_from_file(s, c, &file_name, &bytes, name_codec.as_deref()))
}
#[tauri::command(async)]
fn list_exceptions(app: State<'_, App>, query: ExceptionQuery) -> Reply<ExceptionList> {
    app.run(|s, c| corrections::list_exceptions(s, c, &query))
}
#[tauri::command(async)]
fn resolve_exceptions(app: State<'_, App>, input: ResolveInput) -> Reply<ResolveReport> {
    app.run(|s, c| corrections::resolve(s, c, input))
}
#[tauri::command(async)]
fn undo_correction(app: State<'_, App>, id: i64, reason: String) -> Reply<ResolveReport> {
    app.run(|s, c| corrections::undo(s, c, id, &reason))
}
#[tauri::command(async)]
fn list_corrections(
    app: State<'_, App>,
    month: String,
    employee_id: Option<i64>,
) -> Reply<Vec<CorrectionDto>> {
    app.run(|s, c| corrections::list_corrections(s, c, &month, employee_id))
}
#[tauri::command(async)]
fn list_flags(app: State<'_, App>, month: String) -> Reply<Vec<FlagDto>> {
    app.run(|s, c| flags::list_flags(s, c, &month))
}
#[tauri::command(async)]
fn dismiss_flag(app: State<'_, App>, month: String, key: String, reason: String) -> Reply<()> {
    app.run(|s, c| flags::dismiss_flag(s, c, &month, &key, &reason))
}
#[tauri::command(async)]
fn period_status(app: State<'_, App>, month: String) -> Reply<PeriodStatusDto> {
    app.run(|s, c| period::status(s, c, &month))
}
#[tauri::command(async)]
fn close_period(
    app: State<'_, App>,
    month: String,
    force: bool,
    reason: String,
) -> Reply<PeriodStatusDto> {
    app.run(|s, c| period::close(s, c, &month, force, &reason))
}
#[tauri::command(async)]
fn reopen_period(app: State<'_, App>, month: String, reason: String) -> Reply<PeriodStatusDto> {
    app.run(|s, c| period::reopen(s, c, &month, &reason))
}
#[tauri::command(async)]
fn verify_audit(app: State<'_, App>) -> Reply<AuditVerifyDto> {
    app.run(|s, c| audit::verify(s, c))
}
#[tauri::command(async)]
fn list_audit(app: State<'_, App>, query: AuditQuery) -> Reply<AuditPage> {
    app.run(|s, c| audit::list(s, c, query))
}
#[tauri::command(async)]
fn export_audit(app: State<'_, App>, query: AuditQuery) -> Reply<AuditExport> {
    app.run(|s, c| audit::export(s, c, query))
}
#[tauri::command(async)]
fn get_push_receiver(app: State<'_, App>) -> Reply<PushReceiverDto> {
    app.run(|s, c| push::get_push_receiver(s, c, app.receiver.as_ref().ok()))
}
#[tauri::command(async)]
fn save_push_receiver(app: State<'_, App>, input: PushReceiverInput) -> Reply<PushReceiverDto> {
    let receiver = app.receiver.as_ref().map_err(Clone::clone)?;
    app.shared(|s, c| push::save_push_receiver(s, c, receiver, Arc::new(now), input))
}
#[tauri::command(async)]
fn list_quarantine(app: State<'_, App>, terminal_id: Option<i64>) -> Reply<Vec<QuarantineDto>> {
    app.run(|s, c| terminals::list_quarantine(s, c, terminal_id))
}

/// Pulls the terminals whose schedule is due, every 30 seconds, for as long as the app runs.
fn start_collector(handle: tauri::AppHandle) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(30));
            let app = handle.state::<App>();
            if let Ok(store) = &app.store {
                let ctx = Ctx::new(app.actor.clone(), now());
                if let Err(e) = app.collector.run_due(store, &ctx, &now) {
                    eprintln!("kaoqin: scheduled pulls: {}", e.message().en);
                }
            }
        }
    });
}

/// Starts the ADMS receiver when its setting says so (a port already taken is shown in the
/// terminals screen, not fatal).
fn start_receiver(handle: &tauri::AppHandle) {
    let app = handle.state::<App>();
    if let (Ok(store), Ok(receiver)) = (&app.store, &app.receiver)
        && let Err(e) = receiver.apply(store, &app.actor, Arc::new(now))
    {
        eprintln!("kaoqin: terminal receiver: {}", e.message().en);
    }
}

/// `--db PATH` on the command line, else `$KAOQIN_DB`, else the user data directory.
fn db_path() -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    let explicit = args.windows(2).find(|w| w[0] == "--db").map(|w| PathBuf::from(&w[1]));
    location::resolve_db_path(explicit.as_deref())
}

/// Opens the database, creating it with a default company on first start.
fn open_store(actor: &Actor) -> Result<Store, ErrorDto> {
    let path = db_path().ok_or_else(|| {
        internal(
            "找不到用户数据目录：请用 --db 指定数据库文件",
            "no user data directory: pass --db PATH",
        )
    })?;
    let mut store = Store::open(&path).map_err(|e| kaoqin_commands::Error::from(e).to_dto())?;
    audit::unlock(&mut store).map_err(|e| e.to_dto())?;
    company::initialize(&mut store, &Ctx::new(actor.clone(), now()), None, None)
        .map_err(|e| e.to_dto())?;
    Ok(store)
}

/// Only the bundled UI may be shown: `tauri://localhost` (Linux, macOS) or
/// `http://tauri.localhost` (Windows).
fn is_app_url(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

fn has_display() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

fn main() {
    if !has_display() {
        eprintln!(
            "Kaoqin needs a display, and none is set (DISPLAY / WAYLAND_DISPLAY).\n\
             Run it on a desktop, or headless under a virtual display:\n  \
             xvfb-run -a dbus-run-session -- {}",
            std::env::args().next().unwrap_or_else(|| "kaoqin-desktop".into())
        );
        std::process::exit(1);
    }
    let actor = Actor::builtin_admin();
    let store = open_store(&actor).map(|s| Arc::new(Mutex::new(s)));
    if let Err(e) = &store {
        eprintln!("kaoqin: {}", e.message.en);
    }
    let result = tauri::Builder::default()
        .manage(App {
            store,
            actor,
            collector: Collector::new(),
            receiver: push::Receiver::new().map_err(|e| e.to_dto()),
            anchor: Mutex::new(audit::Anchor::default()),
        })
        .invoke_handler(tauri::generate_handler![
            get_overview,
            get_company,
            update_company,
            list_departments,
            add_department,
            rename_department,
            move_department,
            delete_department,
            list_employees,
            get_employee,
            add_employee,
            edit_employee,
            deactivate_employee,
            reactivate_employee,
            import_template,
            check_import,
            run_import,
            get_calendar_status,
            get_calendar_year,
            get_calendar_day,
            export_calendar_year,
            import_calendar_year,
            save_calendar_year,
            delete_calendar_year,
            add_company_day,
            delete_company_day,
            list_timetables,
            save_timetable,
            delete_timetable,
            list_rotations,
            save_rotation,
            delete_rotation,
            list_groups,
            save_group,
            delete_group,
            assign_group,
            remove_assignment,
            list_group_members,
            employee_group,
            export_setup,
            import_setup,
            get_schedule,
            edit_schedule,
            list_leave_types,
            save_leave_type,
            add_leave,
            list_leave,
            cancel_leave,
            grant_annual_leave,
            adjust_balance,
            leave_balances,
            import_punches,
            compute_month,
            get_month_summary,
            get_person_month,
            get_day_detail,
            get_rules,
            save_rules,
            what_if,
            list_terminals,
            save_terminal,
            delete_terminal,
            test_terminal,
            set_terminal_time,
            pull_terminal,
            list_pulls,
            list_quarantine,
            terminal_users,
            upload_employees,
            list_push_devices,
            approve_push_device,
            get_push_receiver,
            save_push_receiver,
            users_from_file,
            verify_audit,
            list_audit,
            export_audit,
            list_exceptions,
            resolve_exceptions,
            undo_correction,
            list_corrections,
            list_flags,
            dismiss_flag,
            period_status,
            close_period,
            reopen_period,
        ])
        .setup(|app| {
            let config = app
                .config()
                .app
                .windows
                .iter()
                .find(|w| w.label == "main")
                .cloned()
                .ok_or("tauri.conf.json has no main window")?;
            tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
                .on_navigation(is_app_url)
                .build()?;
            start_collector(app.handle().clone());
            start_receiver(app.handle());
            Ok(())
        })
        .run(context());
    if let Err(e) = result {
        eprintln!("kaoqin: the window could not start: {e}");
        std::process::exit(1);
    }
}

/// The UI and configuration compiled into the app.
///
/// Expanded only in the app build, never in the unit-test build of this same file. `cargo test`
/// and `cargo clippy --all-targets` compile both at once with one `OUT_DIR`, and tauri-codegen
/// writes each compressed asset there unless a file of that name already exists: the other
/// compiler then embeds a half-written file. Seen on fresh clones: the 1.9 MB script cut off after
/// about 200 KB, served empty, and a blank window (ARCHITECTURE.md, "Build notes").
#[cfg(not(test))]
fn context() -> tauri::Context {
    tauri::generate_context!()
}

/// The unit-test build never starts the app (its harness has its own `main`).
#[cfg(test)]
fn context() -> tauri::Context {
    unreachable!("the unit-test build does not start the app")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bundled_ui_may_be_shown() {
        let ok = ["tauri://localhost/", "tauri://localhost/index.html", "http://tauri.localhost/"];
        let bad = [
            "https://example.com/",
            "http://tauri.localhost.evil.com/",
            "http://app.evil.com/",
            "file:///etc/passwd",
            "tauri://evil/",
        ];
        for u in ok {
            assert!(is_app_url(&tauri::Url::parse(u).expect("url")), "{u} is the app");
        }
        for u in bad {
            assert!(!is_app_url(&tauri::Url::parse(u).expect("url")), "{u} must be refused");
        }
    }
}
