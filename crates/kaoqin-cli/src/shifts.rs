//! `kaoqin timetable`, `rotation`, `group`, `schedule` and `setup`: timetables (班次), rotations,
//! attendance groups (考勤组) with their members, the 排班 grid, and the whole set-up as one TOML
//! file.
//!
//! Timetables, rotations and groups are written through `setup import` (one reviewable
//! document, checked all at once); the commands here list, show, delete and assign.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use kaoqin_commands::core::Field;
use kaoqin_commands::dto::{
    AssignGroupInput, GroupMemberDto, Lang, ScheduleCellRef, ScheduleEdit, ScheduleQuery,
    SetupImportResult,
};
use kaoqin_commands::{
    Ctx, Error, Store, departments, employees, groups, schedule, setup, timetables,
};

use crate::args::read_text;
use crate::output::{Out, col};

#[derive(Subcommand)]
pub enum TimetableCmd {
    /// List timetables with a one-line summary each.
    List,
    /// Show one timetable with every value (defaults written out) and its versions.
    Show { code: String },
    /// Delete a timetable no group or rotation uses.
    Delete { code: String },
}

#[derive(Subcommand)]
pub enum RotationCmd {
    /// List rotations (轮班规律) and their days.
    List,
    /// Delete a rotation.
    Delete { name: String },
}

/// Who an assignment is for: a department (with its sub-departments) or one person.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
pub struct Target {
    /// Department path or unique name, e.g. 总部/生产部
    #[arg(long)]
    department: Option<String>,
    /// 工号 of one person
    #[arg(long)]
    employee: Option<String>,
}

#[derive(Subcommand)]
pub enum GroupCmd {
    /// List attendance groups with their members on a date (default: today).
    List {
        #[arg(long)]
        on: Option<String>,
    },
    /// People on the books on a date and their group, with the assignment that decides it.
    Members {
        /// Only this group
        group: Option<String>,
        /// Only the people in no group
        #[arg(long, conflicts_with = "group")]
        unassigned: bool,
        #[arg(long)]
        on: Option<String>,
    },
    /// From a date, put a department (with its sub-departments) or a person into a group.
    Assign {
        group: String,
        #[command(flatten)]
        target: Target,
        /// 生效日期
        #[arg(long)]
        from: String,
    },
    /// From a date, end the assignment of a department or a person (the next level applies).
    Unassign {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        from: String,
    },
    /// Delete a group that no assignment ever named.
    Delete { name: String },
}

#[derive(Subcommand)]
pub enum SetupCmd {
    /// Write timetables, rotations, groups, assignments and company days as TOML.
    Export {
        /// The file to write (default: standard output)
        file: Option<PathBuf>,
    },
    /// Read a setup file: all of it or nothing (format: README, "Setup files").
    Import {
        file: PathBuf,
        /// Check the file and show what would change, without writing.
        #[arg(long)]
        dry_run: bool,
    },
}

fn timetable_id(store: &Store, ctx: &Ctx, code: &str) -> Result<i64> {
    timetables::list_timetables(store, ctx)?
        .into_iter()
        .find(|t| t.code == code)
        .and_then(|t| t.id)
        .ok_or_else(|| Error::not_found(kaoqin_commands::error::Entity::Timetable, code).into())
}

fn group_id(store: &Store, ctx: &Ctx, name: &str) -> Result<i64> {
    groups::list_groups(store, ctx, None)?
        .groups
        .into_iter()
        .find(|g| g.name == name)
        .map(|g| g.id)
        .ok_or_else(|| Error::not_found(kaoqin_commands::error::Entity::Group, name).into())
}

fn target(store: &Store, ctx: &Ctx, t: Target) -> Result<(String, i64)> {
    match (t.department, t.employee) {
        (Some(path), _) => Ok((
            "department".into(),
            departments::resolve_department(store, ctx, Field::DepartmentId, &path)?,
        )),
        (None, Some(no)) => {
            Ok(("employee".into(), employees::find_by_employee_no(store, ctx, &no)?))
        }
        (None, None) => anyhow::bail!("--department or --employee is required"),
    }
}

pub fn timetable(store: &mut Store, ctx: &Ctx, out: &Out, cmd: TimetableCmd) -> Result<()> {
    match cmd {
        TimetableCmd::List => {
            let list = timetables::list_timetables(store, ctx)?;
            let cols = [
                col("code", "简称", "code"),
                col("name", "名称", "name"),
                col("kind", "类型", "kind"),
                col("summary", "时间", "times"),
                col("versions", "版本", "versions"),
                col("used_by", "使用者", "used by"),
            ];
            out.records(&list, &cols, |t| {
                vec![
                    t.code.clone(),
                    t.name.clone(),
                    kind_label(&t.kind, out.lang).to_owned(),
                    t.summary.get(out.lang).to_owned(),
                    t.versions.len().to_string(),
                    t.used_by.join("、"),
                ]
            });
        }
        TimetableCmd::Show { code } => {
            let list = timetables::list_timetables(store, ctx)?;
            let Some(t) = list.iter().find(|t| t.code == code) else {
                return Err(
                    Error::not_found(kaoqin_commands::error::Entity::Timetable, &code).into()
                );
            };
            out.detail(t, |t| {
                let versions: Vec<String> = t.versions.iter().map(|v| since(v, out.lang)).collect();
                // The values as a setup file writes them; unset fields are left out.
                let form: String = toml::to_string(&t.form)
                    .unwrap_or_default()
                    .lines()
                    .filter(|l| !l.ends_with("= \"\""))
                    .map(|l| format!("{l}\n"))
                    .collect();
                vec![
                    format!("{} {}  ({})", t.code, t.name, kind_label(&t.kind, out.lang)),
                    t.summary.get(out.lang).to_owned(),
                    out.say(
                        &format!("版本：{}", versions.join("、")),
                        &format!("versions: {}", versions.join(", ")),
                    ),
                    String::new(),
                    form,
                ]
            });
        }
        TimetableCmd::Delete { code } => {
            let id = timetable_id(store, ctx, &code)?;
            timetables::delete_timetable(store, ctx, id)?;
            out.note(&format!("已删除班次 {code}"), &format!("deleted timetable {code}"));
        }
    }
    Ok(())
}

fn since(date: &str, lang: Lang) -> String {
    match (date, lang) {
        ("2000-01-01", Lang::Zh) => "最初".to_owned(),
        ("2000-01-01", Lang::En) => "from the start".to_owned(),
        (d, Lang::Zh) => format!("{d} 起"),
        (d, Lang::En) => format!("from {d}"),
    }
}

fn kind_label(kind: &str, lang: Lang) -> &str {
    match (kind, lang) {
        ("fixed", Lang::Zh) => "固定",
        ("flexible", Lang::Zh) => "弹性",
        ("free", Lang::Zh) => "自由工时",
        ("scheduled", Lang::Zh) => "排班制",
        (other, _) => other,
    }
}

pub fn rotation(store: &mut Store, ctx: &Ctx, out: &Out, cmd: RotationCmd) -> Result<()> {
    match cmd {
        RotationCmd::List => {
            let list = timetables::list_rotations(store, ctx)?;
            let cols = [
                col("name", "名称", "name"),
                col("days", "每天", "days"),
                col("length", "天数", "length"),
            ];
            out.records(&list, &cols, |r| {
                vec![r.name.clone(), r.days.join(" "), r.days.len().to_string()]
            });
        }
        RotationCmd::Delete { name } => {
            let id = timetables::list_rotations(store, ctx)?
                .into_iter()
                .find(|r| r.name == name)
                .map(|r| r.id)
                .ok_or_else(|| Error::not_found(kaoqin_commands::error::Entity::Rotation, &name))?;
            timetables::delete_rotation(store, ctx, id)?;
            out.note(&format!("已删除轮班规律 {name}"), &format!("deleted rotation {name}"));
        }
    }
    Ok(())
}

fn member_rows(list: &[GroupMemberDto], lang: Lang) -> Vec<Vec<String>> {
    list.iter()
        .map(|m| {
            let via = m.via.as_ref().map(|v| match lang {
                Lang::Zh => format!("{}（{} 起）", v.target_label, v.effective_from),
                Lang::En => format!("{} (from {})", v.target_label, v.effective_from),
            });
            vec![
                m.employee_no.clone(),
                m.name.clone(),
                m.department_path.clone(),
                m.group_name
                    .clone()
                    .unwrap_or_else(|| if lang == Lang::Zh { "未分组" } else { "none" }.into()),
                via.unwrap_or_default(),
            ]
        })
        .collect()
}

pub fn group(store: &mut Store, ctx: &Ctx, out: &Out, cmd: GroupCmd) -> Result<()> {
    match cmd {
        GroupCmd::List { on } => {
            let all = groups::list_groups(store, ctx, on.as_deref())?;
            let cols = [
                col("name", "考勤组", "group"),
                col("kind", "类型", "kind"),
                col("week", "一 二 三 四 五 六 日", "Mon–Sun"),
                col("follow_holidays", "跟随节假日", "follows holidays"),
                col("members", "人数", "members"),
                col("assignments", "分配", "assignments"),
            ];
            out.records(&all.groups, &cols, |g| {
                let yes_no = match (g.current.follow_holidays.unwrap_or(true), out.lang) {
                    (true, Lang::Zh) => "是",
                    (false, Lang::Zh) => "否",
                    (true, Lang::En) => "yes",
                    (false, Lang::En) => "no",
                };
                let assignments: Vec<String> = g
                    .assignments
                    .iter()
                    .map(|a| format!("{} {}", a.target_label, since(&a.effective_from, out.lang)))
                    .collect();
                vec![
                    g.name.clone(),
                    kind_label(&g.kind, out.lang).to_owned(),
                    g.current.week.join(" "),
                    yes_no.to_owned(),
                    g.member_count.to_string(),
                    assignments.join("；"),
                ]
            });
            if all.unassigned_count > 0 {
                out.note(
                    &format!(
                        "{} 当天有 {} 人不在任何考勤组：kaoqin group members --unassigned --on {}",
                        all.on, all.unassigned_count, all.on
                    ),
                    &format!(
                        "on {} {} people are in no group: kaoqin group members --unassigned --on {}",
                        all.on, all.unassigned_count, all.on
                    ),
                );
            }
        }
        GroupCmd::Members { group, unassigned, on } => {
            let id = group.as_deref().map(|g| group_id(store, ctx, g)).transpose()?;
            let list = groups::list_group_members(store, ctx, id, unassigned, on.as_deref())?;
            let cols = [
                col("employee_no", "工号", "no"),
                col("name", "姓名", "name"),
                col("department", "部门", "department"),
                col("group", "考勤组", "group"),
                col("via", "依据", "because of"),
            ];
            out.rows(&list, &cols, member_rows(&list, out.lang));
        }
        GroupCmd::Assign { group, target: t, from } => {
            let group_id = group_id(store, ctx, &group)?;
            let (target_kind, target_id) = target(store, ctx, t)?;
            let input = AssignGroupInput {
                target_kind,
                target_id,
                group_id: Some(group_id),
                effective_from: from,
            };
            let m = groups::assign_group(store, ctx, input)?;
            out.detail(&m, |m| {
                vec![out.say(
                    &format!("{} 从 {} 起属于考勤组「{group}」", m.target_label, m.effective_from),
                    &format!(
                        "{} is in group \"{group}\" from {}",
                        m.target_label, m.effective_from
                    ),
                )]
            });
        }
        GroupCmd::Unassign { target: t, from } => {
            let (target_kind, target_id) = target(store, ctx, t)?;
            let input =
                AssignGroupInput { target_kind, target_id, group_id: None, effective_from: from };
            let m = groups::assign_group(store, ctx, input)?;
            out.detail(&m, |m| {
                vec![out.say(
                    &format!(
                        "{} 从 {} 起不再单独分配考勤组（按上级部门）",
                        m.target_label, m.effective_from
                    ),
                    &format!(
                        "{} has no assignment of its own from {} (the next level applies)",
                        m.target_label, m.effective_from
                    ),
                )]
            });
        }
        GroupCmd::Delete { name } => {
            let id = group_id(store, ctx, &name)?;
            groups::delete_group(store, ctx, id)?;
            out.note(&format!("已删除考勤组 {name}"), &format!("deleted group {name}"));
        }
    }
    Ok(())
}

fn section_label(section: &str, lang: Lang) -> &str {
    match (section, lang) {
        ("timetable", Lang::Zh) => "班次",
        ("rotation", Lang::Zh) => "轮班规律",
        ("group", Lang::Zh) => "考勤组",
        ("membership", Lang::Zh) => "考勤组分配",
        ("company_day", Lang::Zh) => "公司调整日",
        (other, _) => other,
    }
}

fn setup_result(out: &Out, r: &SetupImportResult) {
    out.detail(r, |r| {
        let mut lines = Vec::new();
        for s in &r.sections {
            let label = section_label(&s.section, out.lang);
            lines.push(out.say(
                &format!(
                    "{label}：新增 {}，修改 {}，不变 {}",
                    s.added.len(),
                    s.changed.len(),
                    s.unchanged.len()
                ),
                &format!(
                    "{label}: {} added, {} changed, {} unchanged",
                    s.added.len(),
                    s.changed.len(),
                    s.unchanged.len()
                ),
            ));
            for (mark, names) in [("+", &s.added), ("~", &s.changed)] {
                if !names.is_empty() {
                    lines.push(format!("  {mark} {}", names.join("、")));
                }
            }
        }
        lines.push(if r.dry_run {
            out.say("（试运行：没有写入任何内容）", "(dry run: nothing was written)")
        } else {
            out.say("已导入", "imported")
        });
        lines
    });
}

pub fn setup_cmd(store: &mut Store, ctx: &Ctx, out: &Out, cmd: SetupCmd) -> Result<()> {
    match cmd {
        SetupCmd::Export { file } => {
            let text = setup::export_setup(store, ctx)?;
            match file {
                Some(path) => {
                    std::fs::write(&path, text)
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                    out.note(
                        &format!("已导出设置到 {}", path.display()),
                        &format!("exported the set-up to {}", path.display()),
                    );
                }
                None => print!("{text}"),
            }
        }
        SetupCmd::Import { file, dry_run } => {
            let text = read_text(&file)?;
            setup_result(out, &setup::import_setup(store, ctx, &text, dry_run)?);
        }
    }
    Ok(())
}

/// Whose cells: people by 工号 (repeat `--employee`), or everyone in a department and below.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
pub struct People {
    /// 工号; repeat for several people
    #[arg(long)]
    employee: Vec<String>,
    /// Everyone on the books in this department and its sub-departments
    #[arg(long)]
    department: Option<String>,
}

#[derive(Subcommand)]
pub enum ScheduleCmd {
    /// The month's plan: one line per person, one column per day (timetable code, 休 for rest).
    Show {
        /// 2026-10
        #[arg(long)]
        month: String,
        #[arg(long)]
        department: Option<String>,
        #[arg(long)]
        group: Option<String>,
        #[arg(long)]
        search: Option<String>,
    },
    /// Put a timetable (or, with --rest, a rest day) on every day from --from to --to.
    Paint {
        #[command(flatten)]
        people: People,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// Timetable code
        #[arg(long, conflicts_with = "rest", required_unless_present = "rest")]
        timetable: Option<String>,
        #[arg(long)]
        rest: bool,
    },
    /// Remove the grid's entries from --from to --to: the days follow the group again.
    Clear {
        #[command(flatten)]
        people: People,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Fill from a rotation whose day 1 falls on --anchor (default: --from).
    Fill {
        #[command(flatten)]
        people: People,
        #[arg(long)]
        rotation: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        anchor: Option<String>,
        /// Each next person starts this many days later in the rotation
        #[arg(long, default_value_t = 0)]
        stagger: i64,
    },
    /// Copy the plan of the week containing --from-week onto the weeks containing each --to-week.
    CopyWeek {
        #[command(flatten)]
        people: People,
        #[arg(long)]
        from_week: String,
        #[arg(long, required = true)]
        to_week: Vec<String>,
    },
    /// Exchange two people's plans on a date (or one person's plans on two dates).
    Swap {
        /// 工号 of the first person
        employee: String,
        date: String,
        /// 工号 of the second person (default: the same person)
        #[arg(long)]
        with: Option<String>,
        /// The second date (default: the same date)
        #[arg(long)]
        with_date: Option<String>,
    },
}

/// The people a command names, as ids (a department means everyone on the books on `on`).
pub(crate) fn people(store: &Store, ctx: &Ctx, p: People, on: &str) -> Result<Vec<i64>> {
    if let Some(path) = p.department {
        let id = departments::resolve_department(store, ctx, Field::DepartmentId, &path)?;
        let full = departments::list_departments(store, ctx)?
            .into_iter()
            .find(|d| d.id == id)
            .map(|d| d.path)
            .unwrap_or(path);
        let inside = |d: &str| d == full || d.starts_with(&format!("{full}/"));
        return Ok(groups::list_group_members(store, ctx, None, false, Some(on))?
            .into_iter()
            .filter(|m| inside(&m.department_path))
            .map(|m| m.employee_id)
            .collect());
    }
    p.employee.iter().map(|no| Ok(employees::find_by_employee_no(store, ctx, no)?)).collect()
}

fn cells(ids: &[i64], from: &str, to: &str) -> Result<Vec<ScheduleCellRef>> {
    let parse = |s: &str| {
        kaoqin_commands::core::date::parse(s)
            .ok_or_else(|| Error::field(Field::Date, kaoqin_commands::core::Problem::BadDate, s))
    };
    let (from, to) = (parse(from)?, parse(to)?);
    Ok(ids
        .iter()
        .flat_map(|&id| {
            from.iter_days()
                .take_while(move |d| *d <= to)
                .map(move |d| ScheduleCellRef { employee_id: id, date: d.to_string() })
        })
        .collect())
}

fn edited(out: &Out, r: &kaoqin_commands::dto::ScheduleEditResult) {
    out.detail(r, |r| {
        vec![out.say(&format!("已修改 {} 格", r.changed), &format!("{} cells changed", r.changed))]
    });
}

pub fn schedule_cmd(store: &mut Store, ctx: &Ctx, out: &Out, cmd: ScheduleCmd) -> Result<()> {
    let edit = match cmd {
        ScheduleCmd::Show { month, department, group, search } => {
            let department_id = department
                .map(|p| departments::resolve_department(store, ctx, Field::DepartmentId, &p))
                .transpose()?;
            let group_id = group.as_deref().map(|g| group_id(store, ctx, g)).transpose()?;
            let query = ScheduleQuery { month, department_id, group_id, search };
            let grid = schedule::get_schedule(store, ctx, query)?;
            print_grid(out, &grid);
            return Ok(());
        }
        ScheduleCmd::Paint { people: p, from, to, timetable, rest: _ } => {
            let ids = people(store, ctx, p, &from)?;
            let timetable_id = timetable.map(|c| timetable_id(store, ctx, &c)).transpose()?;
            ScheduleEdit::Paint { cells: cells(&ids, &from, &to)?, timetable_id }
        }
        ScheduleCmd::Clear { people: p, from, to } => {
            let ids = people(store, ctx, p, &from)?;
            ScheduleEdit::Clear { cells: cells(&ids, &from, &to)? }
        }
        ScheduleCmd::Fill { people: p, rotation, from, to, anchor, stagger } => {
            let employee_ids = people(store, ctx, p, &from)?;
            let rotation_id = timetables::list_rotations(store, ctx)?
                .into_iter()
                .find(|r| r.name == rotation)
                .map(|r| r.id)
                .ok_or_else(|| {
                    Error::not_found(kaoqin_commands::error::Entity::Rotation, &rotation)
                })?;
            let anchor = anchor.unwrap_or_else(|| from.clone());
            ScheduleEdit::FillRotation {
                employee_ids,
                rotation_id,
                anchor,
                from,
                to,
                offset_per_person: stagger,
            }
        }
        ScheduleCmd::CopyWeek { people: p, from_week, to_week } => {
            let employee_ids = people(store, ctx, p, &from_week)?;
            ScheduleEdit::CopyWeek { employee_ids, from_week, to_weeks: to_week }
        }
        ScheduleCmd::Swap { employee, date, with, with_date } => {
            let a = employees::find_by_employee_no(store, ctx, &employee)?;
            let b = match with {
                Some(no) => employees::find_by_employee_no(store, ctx, &no)?,
                None => a,
            };
            ScheduleEdit::Swap {
                a: ScheduleCellRef { employee_id: a, date: date.clone() },
                b: ScheduleCellRef { employee_id: b, date: with_date.unwrap_or(date) },
            }
        }
    };
    edited(out, &schedule::edit_schedule(store, ctx, edit)?);
    Ok(())
}

fn print_grid(out: &Out, grid: &kaoqin_commands::dto::ScheduleGridDto) {
    let codes: std::collections::HashMap<i64, &str> =
        grid.timetables.iter().map(|t| (t.id, t.code.as_str())).collect();
    let mut cols = vec![col("employee_no", "工号", "no"), col("name", "姓名", "name")];
    // Day columns: the day of the month; CSV keys are the dates.
    let day_keys: Vec<&'static str> =
        grid.days.iter().map(|d| &*Box::leak(d.date.clone().into_boxed_str())).collect();
    let day_labels: Vec<&'static str> = grid
        .days
        .iter()
        .map(|d| &*Box::leak(d.date[8..].trim_start_matches('0').to_owned().into_boxed_str()))
        .collect();
    for (k, l) in day_keys.iter().zip(&day_labels) {
        cols.push(col(k, l, l));
    }
    let rows = grid
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.employee_no.clone(), r.name.clone()];
            cells.extend(r.cells.iter().map(|c| {
                let mark = if c.conflicts.is_empty() { "" } else { "!" };
                let text = match (c.timetable_id, c.source.as_str()) {
                    (Some(t), _) => codes.get(&t).copied().unwrap_or("?").to_owned(),
                    (None, "unscheduled") => "·".to_owned(),
                    (None, "off_books" | "no_group") => String::new(),
                    (None, _) => "休".to_owned(),
                };
                format!("{text}{mark}")
            }));
            cells
        })
        .collect();
    out.rows(std::slice::from_ref(grid), &cols, rows);
    let conflicts: Vec<String> = grid
        .rows
        .iter()
        .flat_map(|r| {
            r.cells.iter().zip(&grid.days).flat_map(move |(c, d)| {
                c.conflicts.iter().map(move |x| {
                    format!("{} {} {}: {}", r.employee_no, r.name, d.date, x.message.get(out.lang))
                })
            })
        })
        .collect();
    if !conflicts.is_empty() {
        out.note(
            &format!("冲突 {} 处：", conflicts.len()),
            &format!("{} conflicts:", conflicts.len()),
        );
        for c in conflicts {
            out.note(&c, &c);
        }
    }
}
