//! Printing results in the three formats: a table for people (localised headers, CJK-aware
//! widths), JSON for scripts (the DTOs as the desktop receives them), CSV for spreadsheets
//! (stable snake_case headers; cells that Excel would run as formulas are prefixed with `'`).

use std::path::Path;

use kaoqin_commands::Error;
use kaoqin_commands::dto::{
    CalendarDayDto, CalendarLoadResult, CalendarSource, CalendarStatusDto, CalendarYearDetail,
    CompanyDto, DayClass, DaySource, DepartmentDto, EmployeeDto, EmployeeStatus, ImportReport,
    Lang,
};
use serde::Serialize;

use crate::args::Format;

pub struct Out {
    pub format: Format,
    pub lang: Lang,
}

/// A column: its stable key (CSV header, JSON field) and its localised table header.
pub(crate) struct Col<'a> {
    key: &'a str,
    zh: &'a str,
    en: &'a str,
}

pub(crate) const fn col<'a>(key: &'a str, zh: &'a str, en: &'a str) -> Col<'a> {
    Col { key, zh, en }
}

const EMPLOYEE_COLS: &[Col<'static>] = &[
    col("employee_no", "工号", "No."),
    col("name", "姓名", "Name"),
    col("department_path", "部门", "Department"),
    col("position", "职位", "Position"),
    col("pin", "考勤机工号", "PIN"),
    col("card_no", "卡号", "Card"),
    col("hired_on", "入职日期", "Hired"),
    col("left_on", "离职日期", "Left"),
    col("status", "状态", "Status"),
    col("phone", "电话", "Phone"),
    col("id_number_masked", "身份证号", "ID number"),
];

const DEPARTMENT_COLS: &[Col<'static>] = &[
    col("path", "部门", "Department"),
    col("active_employee_count", "在职人数", "Active"),
    col("employee_count", "总人数", "Total"),
    col("child_count", "下级部门", "Sub-departments"),
];

fn status_text(s: EmployeeStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (EmployeeStatus::Active, Lang::Zh) => "在职",
        (EmployeeStatus::Inactive, Lang::Zh) => "离职",
        (EmployeeStatus::Active, Lang::En) => "active",
        (EmployeeStatus::Inactive, Lang::En) => "inactive",
    }
}

fn employee_cells(e: &EmployeeDto, lang: Lang, for_table: bool) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let status = if for_table {
        status_text(e.status, lang).to_owned()
    } else {
        match e.status {
            EmployeeStatus::Active => "active".into(),
            EmployeeStatus::Inactive => "inactive".into(),
        }
    };
    vec![
        e.employee_no.clone(),
        e.name.clone(),
        e.department_path.clone(),
        o(&e.position),
        o(&e.pin),
        o(&e.card_no),
        e.hired_on.clone(),
        o(&e.left_on),
        status,
        o(&e.phone),
        o(&e.id_number_masked),
    ]
}

fn department_cells(d: &DepartmentDto, for_table: bool) -> Vec<String> {
    let name = if for_table {
        format!("{}{}", "  ".repeat(d.depth as usize), d.name)
    } else {
        d.path.clone()
    };
    vec![
        name,
        d.active_employee_count.to_string(),
        d.employee_count.to_string(),
        d.child_count.to_string(),
    ]
}

const DAY_COLS: &[Col<'static>] = &[
    col("date", "日期", "Date"),
    col("weekday", "星期", "Weekday"),
    col("class", "类别", "Class"),
    col("source", "原因", "Reason"),
    col("festival", "节日", "Festival"),
    col("swapped_with", "调休对应", "Swapped with"),
    col("note", "说明", "Note"),
];

const YEAR_COLS: &[Col<'static>] = &[
    col("year", "年度", "Year"),
    col("source", "来源", "Source"),
    col("statutory_days", "法定节假日天数", "Statutory days"),
    col("notice", "通知", "Notice"),
    col("issued_on", "发布日期", "Issued"),
    col("document_no", "文号", "Document"),
    col("checksum", "校验值", "Checksum"),
];

fn class_text(c: DayClass, lang: Lang) -> &'static str {
    match (c, lang) {
        (DayClass::Statutory, Lang::Zh) => "法定节假日",
        (DayClass::RestDay, Lang::Zh) => "休息日",
        (DayClass::MakeUpWorkday, Lang::Zh) => "调休上班",
        (DayClass::Workday, Lang::Zh) => "工作日",
        (DayClass::Statutory, Lang::En) => "statutory holiday",
        (DayClass::RestDay, Lang::En) => "rest day",
        (DayClass::MakeUpWorkday, Lang::En) => "make-up working day",
        (DayClass::Workday, Lang::En) => "working day",
    }
}

fn source_text(s: DaySource, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        DaySource::Weekday => ("平日", "weekday"),
        DaySource::Weekend => ("周末", "weekend"),
        DaySource::Statutory => ("法定节假日", "statutory day"),
        DaySource::Substitute => ("补假", "substitute day off"),
        DaySource::SwappedRest => ("调休休息", "swapped rest day"),
        DaySource::MakeUpWorkday => ("调休上班", "make-up working day"),
        DaySource::CompanyDayOff => ("公司休息日", "company day off"),
        DaySource::CompanyWorkingDay => ("公司工作日", "company working day"),
    };
    if lang == Lang::Zh { zh } else { en }
}

/// The serialised key of a wire enum (`rest_day`, `company_day_off`), for CSV.
fn key_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn day_cells(d: &CalendarDayDto, lang: Lang, for_table: bool) -> Vec<String> {
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = usize::from(d.weekday.clamp(1, 7) - 1);
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        d.date.clone(),
        if for_table {
            if lang == Lang::Zh { ZH[i] } else { EN[i] }.to_owned()
        } else {
            d.weekday.to_string()
        },
        if for_table { class_text(d.class, lang).to_owned() } else { key_of(&d.class) },
        if for_table { source_text(d.source, lang).to_owned() } else { key_of(&d.source) },
        o(&d.festival),
        o(&d.swapped_with),
        o(&d.note),
    ]
}

/// OWASP CSV-injection guidance: a cell starting with one of these is prefixed with `'`.
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

impl Out {
    /// The format's name, as recorded in the audit log.
    pub fn format_name(&self) -> &'static str {
        match self.format {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    fn header(&self, cols: &[Col<'_>]) -> Vec<String> {
        cols.iter().map(|c| if self.lang == Lang::Zh { c.zh } else { c.en }.to_owned()).collect()
    }

    fn table(&self, cols: &[Col<'_>], rows: Vec<Vec<String>>) {
        let mut t = comfy_table::Table::new();
        t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
        t.set_header(self.header(cols));
        for r in rows {
            t.add_row(r);
        }
        println!("{t}");
    }

    fn csv(&self, cols: &[Col<'_>], rows: Vec<Vec<String>>) {
        let mut w = csv::Writer::from_writer(std::io::stdout());
        let ok = w.write_record(cols.iter().map(|c| c.key)).is_ok()
            && rows.iter().all(|r| w.write_record(r.iter().map(|c| neutralise_formula(c))).is_ok())
            && w.flush().is_ok();
        if !ok {
            eprintln!("error: cannot write to standard output");
        }
    }

    fn json<T: Serialize>(&self, value: &T) {
        match serde_json::to_string_pretty(value) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("error: {e}"),
        }
    }

    pub(crate) fn say(&self, zh: &str, en: &str) -> String {
        if self.lang == Lang::Zh { zh.to_owned() } else { en.to_owned() }
    }

    /// A list: JSON as the records themselves, CSV and table as the given cells.
    pub(crate) fn records<T: Serialize>(
        &self,
        list: &[T],
        cols: &[Col<'_>],
        cells: impl Fn(&T) -> Vec<String>,
    ) {
        let rows = list.iter().map(cells).collect();
        self.rows(list, cols, rows);
    }

    pub(crate) fn rows<T: Serialize>(&self, list: &[T], cols: &[Col<'_>], rows: Vec<Vec<String>>) {
        match self.format {
            Format::Json => self.json(&list),
            Format::Csv => self.csv(cols, rows),
            Format::Table => self.table(cols, rows),
        }
    }

    /// One record: JSON as the record, otherwise the given lines of text.
    pub(crate) fn detail<T: Serialize>(&self, value: &T, lines: impl Fn(&T) -> Vec<String>) {
        match self.format {
            Format::Json => self.json(value),
            Format::Csv | Format::Table => {
                for line in lines(value) {
                    println!("{line}");
                }
            }
        }
    }

    /// A one-line confirmation (table format only; scripts get the record itself).
    pub fn note(&self, zh: &str, en: &str) {
        if self.format == Format::Table {
            println!("{}", self.say(zh, en));
        }
    }

    pub fn initialized(&self, path: &Path, company: &CompanyDto, created: bool) {
        match self.format {
            Format::Table => {
                let (zh, en) = if created {
                    (
                        format!("已初始化数据库 {}（公司：{}）", path.display(), company.name),
                        format!("initialised {} (company: {})", path.display(), company.name),
                    )
                } else {
                    (
                        format!(
                            "数据库 {} 已经初始化过（公司：{}），未做修改",
                            path.display(),
                            company.name
                        ),
                        format!(
                            "{} was already initialised (company: {}); nothing changed",
                            path.display(),
                            company.name
                        ),
                    )
                };
                println!("{}", self.say(&zh, &en));
            }
            _ => self.company(company),
        }
    }

    pub fn company(&self, c: &CompanyDto) {
        match self.format {
            Format::Json => self.json(c),
            Format::Csv => self.csv(
                &[col("name", "", ""), col("timezone", "", "")],
                vec![vec![c.name.clone(), c.timezone.clone()]],
            ),
            Format::Table => self.table(
                &[col("name", "公司名称", "Company"), col("timezone", "时区", "Time zone")],
                vec![vec![c.name.clone(), c.timezone.clone()]],
            ),
        }
    }

    pub fn departments(&self, list: &[DepartmentDto]) {
        match self.format {
            Format::Json => self.json(&list),
            Format::Csv => {
                self.csv(DEPARTMENT_COLS, list.iter().map(|d| department_cells(d, false)).collect())
            }
            Format::Table if list.is_empty() => {
                println!(
                    "{}",
                    self.say(
                        "还没有部门：用 kaoqin department add 名称 添加",
                        "no departments yet: add one with `kaoqin department add NAME`"
                    )
                );
            }
            Format::Table => self
                .table(DEPARTMENT_COLS, list.iter().map(|d| department_cells(d, true)).collect()),
        }
    }

    pub fn department_changed(&self, d: &DepartmentDto, zh: &str, en: &str) {
        match self.format {
            Format::Table => {
                println!("{}", self.say(&format!("{zh} {}", d.path), &format!("{en} {}", d.path)))
            }
            _ => self.departments(std::slice::from_ref(d)),
        }
    }

    pub fn employees(&self, list: &[EmployeeDto]) {
        match self.format {
            Format::Json => self.json(&list),
            Format::Csv => self.csv(
                EMPLOYEE_COLS,
                list.iter().map(|e| employee_cells(e, self.lang, false)).collect(),
            ),
            Format::Table if list.is_empty() => {
                println!("{}", self.say("没有符合条件的员工", "no matching employees"))
            }
            Format::Table => {
                self.table(
                    EMPLOYEE_COLS,
                    list.iter().map(|e| employee_cells(e, self.lang, true)).collect(),
                );
                println!(
                    "{}",
                    self.say(
                        &format!("共 {} 人", list.len()),
                        &format!("employees: {}", list.len())
                    )
                );
            }
        }
    }

    /// One employee as a two-column (field, value) table.
    pub fn employee(&self, e: &EmployeeDto) {
        match self.format {
            Format::Table => {
                let mut t = comfy_table::Table::new();
                t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
                for (c, v) in
                    self.header(EMPLOYEE_COLS).into_iter().zip(employee_cells(e, self.lang, true))
                {
                    t.add_row(vec![c, v]);
                }
                println!("{t}");
            }
            _ => self.employees(std::slice::from_ref(e)),
        }
    }

    pub fn employee_changed(&self, e: &EmployeeDto, zh: &str, en: &str) {
        match self.format {
            Format::Table => println!(
                "{}",
                self.say(
                    &format!("{zh} {} {}（{}）", e.employee_no, e.name, e.department_path),
                    &format!("{en} {} {} ({})", e.employee_no, e.name, e.department_path)
                )
            ),
            _ => self.employee(e),
        }
    }
}

impl Out {
    pub fn calendar_days(&self, days: &[CalendarDayDto]) {
        match self.format {
            Format::Json => self.json(&days),
            Format::Csv => {
                self.csv(DAY_COLS, days.iter().map(|d| day_cells(d, self.lang, false)).collect())
            }
            Format::Table => {
                self.table(DAY_COLS, days.iter().map(|d| day_cells(d, self.lang, true)).collect())
            }
        }
    }

    fn year_rows(&self, years: &[kaoqin_commands::dto::CalendarYearDto]) -> Vec<Vec<String>> {
        years
            .iter()
            .map(|y| {
                let source = match (y.source, self.lang) {
                    (CalendarSource::Builtin, Lang::Zh) => "内置",
                    (CalendarSource::Loaded, Lang::Zh) => "已导入",
                    (CalendarSource::Builtin, Lang::En) => "builtin",
                    (CalendarSource::Loaded, Lang::En) => "loaded",
                };
                vec![
                    y.year.to_string(),
                    source.to_owned(),
                    y.statutory_days.to_string(),
                    y.notice.clone(),
                    y.issued_on.clone(),
                    y.document_no.clone().unwrap_or_default(),
                    y.checksum.chars().take(12).collect(),
                ]
            })
            .collect()
    }

    pub fn calendar_status(&self, status: &CalendarStatusDto) {
        match self.format {
            Format::Json => self.json(status),
            Format::Csv => self.csv(YEAR_COLS, self.year_rows(&status.years)),
            Format::Table => {
                self.table(YEAR_COLS, self.year_rows(&status.years));
                if let Some(y) = status.missing_next_year {
                    println!(
                        "{}",
                        self.say(
                            &format!("注意：{y} 年节假日安排尚未载入。国务院通知发布后，用 kaoqin calendar import 文件 载入"),
                            &format!("note: the {y} calendar is not loaded yet; when the State Council notice is out, load it with `kaoqin calendar import FILE`"),
                        )
                    );
                }
            }
        }
    }

    pub fn calendar_year(&self, detail: &CalendarYearDetail, all: bool) {
        let days: Vec<CalendarDayDto> = detail
            .days
            .iter()
            .filter(|d| all || !matches!(d.source, DaySource::Weekday | DaySource::Weekend))
            .cloned()
            .collect();
        if self.format == Format::Json {
            self.json(&CalendarYearDetail { year: detail.year.clone(), days });
            return;
        }
        if self.format == Format::Table {
            self.table(YEAR_COLS, self.year_rows(std::slice::from_ref(&detail.year)));
        }
        self.calendar_days(&days);
    }

    pub fn calendar_loaded(&self, r: &CalendarLoadResult) {
        if self.format != Format::Table {
            self.json(r);
            return;
        }
        let y = &r.year;
        let (zh_what, en_what) = match r.replaced {
            None => ("新增".to_owned(), "adds".to_owned()),
            Some(CalendarSource::Builtin) => {
                ("替换内置数据".to_owned(), "replaces the shipped data".to_owned())
            }
            Some(CalendarSource::Loaded) => {
                ("替换已导入数据".to_owned(), "replaces the loaded data".to_owned())
            }
        };
        let head = if r.dry_run {
            self.say(
                &format!(
                    "检查通过（未写入）：{} 年，{}，{} 个法定节假日，{zh_what}",
                    y.year, y.notice, y.statutory_days
                ),
                &format!(
                    "check passed (nothing written): {} — {}, {} statutory days; {en_what}",
                    y.year, y.notice, y.statutory_days
                ),
            )
        } else {
            self.say(
                &format!(
                    "已载入 {} 年节假日：{}，{} 个法定节假日，{zh_what}",
                    y.year, y.notice, y.statutory_days
                ),
                &format!(
                    "loaded the {} calendar: {}, {} statutory days; {en_what}",
                    y.year, y.notice, y.statutory_days
                ),
            )
        };
        println!("{head}");
        if !r.changed_days.is_empty() {
            println!(
                "{}",
                self.say(
                    &format!("以下 {} 个日期的类别改变：", r.changed_days.len()),
                    &format!("{} dates change class:", r.changed_days.len())
                )
            );
            self.calendar_days(&r.changed_days);
        }
    }
}

impl Out {
    /// An import report: the problems (every one, to stderr) or the plan's summary.
    pub fn import_report(&self, r: &ImportReport) {
        if self.format != Format::Table {
            self.json(r);
            return;
        }
        let what = match (&r.sheet, &r.encoding) {
            (Some(sheet), _) => format!("{}「{sheet}」", r.file_format),
            (None, Some(enc)) => format!("{} {enc}", r.file_format),
            (None, None) => r.file_format.clone(),
        };
        if r.problem_count > 0 {
            eprintln!(
                "{}",
                self.say(
                    &format!("{what}：发现 {} 处问题，未导入任何数据：", r.problem_count),
                    &format!("{what}: {} problems found, nothing was imported:", r.problem_count),
                )
            );
            for p in &r.problems {
                eprintln!("  {}", p.message.get(self.lang));
            }
            return;
        }
        let head = if r.written {
            self.say(
                &format!(
                    "已导入（{what}）：新增 {} 人，更新 {} 人，未变 {} 人",
                    r.add_count, r.update_count, r.unchanged_count
                ),
                &format!(
                    "imported ({what}): {} added, {} updated, {} unchanged",
                    r.add_count, r.update_count, r.unchanged_count
                ),
            )
        } else {
            self.say(
                &format!(
                    "检查通过（未写入，{what}）：将新增 {} 人，更新 {} 人，未变 {} 人",
                    r.add_count, r.update_count, r.unchanged_count
                ),
                &format!(
                    "check passed (nothing written, {what}): {} to add, {} to update, {} unchanged",
                    r.add_count, r.update_count, r.unchanged_count
                ),
            )
        };
        println!("{head}");
        if !r.new_departments.is_empty() {
            println!(
                "{}{}",
                self.say(
                    if r.written { "新建部门：" } else { "将新建部门：" },
                    if r.written { "created departments: " } else { "departments to create: " }
                ),
                r.new_departments.join(if self.lang == Lang::Zh { "、" } else { ", " })
            );
        }
    }
}

/// Prints an error: the message, then one line per field problem.
pub fn print_error(e: &Error, lang: Lang) {
    let fields = e.field_errors();
    let prefix = if lang == Lang::Zh { "错误：" } else { "error: " };
    if fields.is_empty() {
        eprintln!("{prefix}{}", e.message_in(lang));
        return;
    }
    let head = if lang == Lang::Zh {
        "输入有误，未做任何修改："
    } else {
        "invalid input, nothing was changed:"
    };
    eprintln!("{prefix}{head}");
    for f in fields {
        eprintln!("  - [{}] {}", f.field, f.message.get(lang));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+86", "-3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise_formula(bad).starts_with('\''), "{bad:?} must be prefixed");
        }
        assert_eq!(neutralise_formula("张三"), "张三");
        assert_eq!(neutralise_formula("1001"), "1001");
    }
}
