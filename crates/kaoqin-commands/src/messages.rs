//! Every user-facing message, in Chinese and English. Messages name the field and the value,
//! and say what to do next; ID numbers are masked even here.
//!
//! Written by hand (a catalogue with formatting): the set is small and typed, and keeping it next
//! to the error types means a new problem cannot ship without its wording.

use kaoqin_core::employee::mask_id_number;
use kaoqin_core::validation::CharSet;
use kaoqin_core::{Field, FieldError, Place, Problem};

use crate::actor::{Action, Role};
use crate::dto::{FieldErrorDto, Localized};
use crate::error::{Entity, Error, SetupProblem};

/// The UI label of a field.
pub fn label(field: Field) -> Localized {
    let (zh, en) = match field {
        Field::CompanyName => ("公司名称", "company name"),
        Field::Timezone => ("时区", "time zone"),
        Field::DepartmentId => ("部门", "department"),
        Field::DepartmentName => ("部门名称", "department name"),
        Field::ParentId => ("上级部门", "parent department"),
        Field::EmployeeId => ("员工", "employee"),
        Field::EmployeeNo => ("工号", "employee number"),
        Field::Name => ("姓名", "name"),
        Field::Position => ("职位", "position"),
        Field::HiredOn => ("入职日期", "hire date"),
        Field::LeftOn => ("离职日期", "leave date"),
        Field::IdNumber => ("身份证号", "ID number"),
        Field::Phone => ("电话", "phone"),
        Field::Pin => ("考勤机工号", "terminal PIN"),
        Field::CardNo => ("卡号", "card number"),
        Field::Status => ("状态", "status"),
        Field::Page => ("页码", "page"),
        Field::PageSize => ("每页条数", "page size"),
        Field::Year => ("年度", "year"),
        Field::NoticeTitle => ("通知标题", "notice title"),
        Field::NoticeIssuedOn => ("发布日期", "issue date"),
        Field::NoticeUrl => ("通知网址", "notice URL"),
        Field::NoticeDocumentNo => ("文号", "document number"),
        Field::Date => ("日期", "date"),
        Field::DayKind => ("类型", "kind"),
        Field::Festival => ("节日", "festival"),
        Field::SwappedWith => ("调休对应日期", "swapped with"),
        Field::Note => ("说明", "note"),
        Field::Code => ("简称", "code"),
        Field::Color => ("颜色", "colour"),
        Field::TimetableKind => ("班次类型", "timetable kind"),
        Field::DayValue => ("计为出勤天数", "day value"),
        Field::DayChange => ("换日时间", "day-change time"),
        Field::RequiredMinutes => ("应出勤分钟数", "required minutes"),
        Field::On => ("上班时间", "on time"),
        Field::Off => ("下班时间", "off time"),
        Field::CheckInBeforeMinutes => ("上班前可打卡（分钟）", "check-in opens before (min)"),
        Field::CheckInAfterMinutes => ("上班后可打卡（分钟）", "check-in closes after (min)"),
        Field::CheckOutBeforeMinutes => ("下班前可打卡（分钟）", "check-out opens before (min)"),
        Field::CheckOutAfterMinutes => ("下班后可打卡（分钟）", "check-out closes after (min)"),
        Field::LateGraceMinutes => ("迟到宽限（分钟）", "late grace (min)"),
        Field::EarlyGraceMinutes => ("早退宽限（分钟）", "early-leave grace (min)"),
        Field::SeriousLateMinutes => ("严重迟到（分钟）", "serious late (min)"),
        Field::LateAbsentMinutes => ("迟到记旷工（分钟）", "late counted absent (min)"),
        Field::EarlyAbsentMinutes => ("早退记旷工（分钟）", "early leave counted absent (min)"),
        Field::BreakKind => ("休息方式", "break kind"),
        Field::BreakStart => ("休息开始", "break start"),
        Field::BreakEnd => ("休息结束", "break end"),
        Field::BreakMinutes => ("休息分钟数", "break minutes"),
        Field::AfterWorkedMinutes => ("工作满（分钟）后扣除", "deducted after worked (min)"),
        Field::EarliestArrival => ("最早到岗", "earliest arrival"),
        Field::LatestArrival => ("最晚到岗", "latest arrival"),
        Field::DayStart => ("每天开始时间", "day start"),
        Field::Segments => ("上下班时段", "work segments"),
        Field::GroupKind => ("考勤类型", "group kind"),
        Field::Timetable => ("班次", "timetable"),
        Field::MinRestMinutes => ("两班最少间隔（分钟）", "minimum rest between shifts (min)"),
        Field::MaxConsecutiveDays => ("最多连续上班天数", "maximum consecutive working days"),
        Field::EffectiveFrom => ("生效日期", "effective from"),
        Field::Group => ("考勤组", "attendance group"),
        Field::Days => ("每天安排", "days"),
        Field::Rotation => ("轮班规律", "rotation"),
        Field::Unit => ("单位", "unit"),
        Field::AnnualGrant => ("每年发放", "granted each year"),
        Field::MaxCarryOver => ("最多结转", "maximum carry-over"),
        Field::CarryOverExpires => ("结转有效期至", "carry-over expires"),
        Field::LeaveType => ("假期类型", "leave type"),
        Field::Start => ("开始", "start"),
        Field::End => ("结束", "end"),
        Field::Amount => ("时长", "amount"),
        Field::DuplicateSeconds => ("重复打卡间隔（秒）", "duplicate window (seconds)"),
        Field::OvertimeMinMinutes => ("最短加班时长", "minimum overtime"),
        Field::OvertimeUnitMinutes => ("加班计算单位", "overtime unit"),
        Field::RestDayBreakMinutes => ("休息日扣除休息时长", "rest-day break"),
        Field::RestDayBreakAfterMinutes => ("休息日满多久扣休息", "rest-day break after"),
        Field::DailyCapMinutes => ("每日加班上限", "daily overtime cap"),
        Field::MonthlyCapMinutes => ("每月加班上限", "monthly overtime cap"),
        Field::Pairing => ("打卡方式", "punch pairing"),
        Field::MissingPunch => ("缺卡算作", "missing punches count as"),
        Field::OvertimeSource => ("加班来源", "overtime source"),
        Field::OvertimeRounding => ("加班取整", "overtime rounding"),
        Field::HoursSystem => ("工时制度", "working-hours system"),
        Field::Host => ("IP 地址", "IP address"),
        Field::Port => ("端口", "port"),
        Field::Transport => ("通讯方式", "transport"),
        Field::Location => ("安装位置", "location"),
        Field::StateKey => ("状态键", "state key"),
        Field::NameCodec => ("姓名编码", "name encoding"),
        Field::EveryMinutes => ("自动下载间隔", "pull interval"),
        Field::AtTimes => ("定时下载时间", "pull times"),
        Field::CommKey => ("通讯密码", "comm key"),
        Field::Serial => ("序列号", "serial number"),
        Field::Reason => ("原因", "reason"),
        Field::Punch => ("打卡记录", "punch"),
        Field::Month => ("月份", "month"),
        Field::Targets => ("处理对象", "what to resolve"),
    };
    Localized::new(zh, en)
}

/// The value as it may be shown: ID numbers masked.
fn shown(field: Field, value: &str) -> String {
    if field == Field::IdNumber { mask_id_number(value) } else { value.to_owned() }
}

fn problem_key(problem: &Problem) -> &'static str {
    match problem {
        Problem::Required => "required",
        Problem::TooLong { .. } => "too_long",
        Problem::ControlCharacter => "control_character",
        Problem::SurroundingSpace => "surrounding_space",
        Problem::BadCharacters { .. } => "bad_characters",
        Problem::BadDate => "bad_date",
        Problem::DateOutOfRange { .. } => "date_out_of_range",
        Problem::DateBefore { .. } => "date_before",
        Problem::BadPin => "bad_pin",
        Problem::BadCardNo => "bad_card_no",
        Problem::NotIpAddress => "not_ip_address",
        Problem::BadIdNumberFormat => "bad_id_number_format",
        Problem::BadIdNumberBirthDate => "bad_id_number_birth_date",
        Problem::BadIdNumberChecksum { .. } => "bad_id_number_checksum",
        Problem::BadPhone => "bad_phone",
        Problem::UnknownTimezone { .. } => "unknown_timezone",
        Problem::NotFound => "not_found",
        Problem::Duplicate { .. } => "duplicate",
        Problem::Ambiguous { .. } => "ambiguous",
        Problem::MoveIntoOwnSubtree => "move_into_own_subtree",
        Problem::OutOfRange { .. } => "out_of_range",
        Problem::NotOneOf { .. } => "not_one_of",
        Problem::NotInYear { .. } => "not_in_year",
        Problem::MustBeWeekday => "must_be_weekday",
        Problem::MustBeWeekend => "must_be_weekend",
        Problem::NotAllowedFor { .. } => "not_allowed_for",
        Problem::SwapNotMatched { .. } => "swap_not_matched",
        Problem::StatutoryFixed => "statutory_fixed",
        Problem::AlreadyDayOff => "already_day_off",
        Problem::AlreadyWorkingDay => "already_working_day",
        Problem::StoredAsNumber => "stored_as_number",
        Problem::CellError { .. } => "cell_error",
        Problem::DuplicateInFile { .. } => "duplicate_in_file",
        Problem::BadDepartmentPath => "bad_department_path",
        Problem::BadTime => "bad_time",
        Problem::NotAfter { .. } => "not_after",
        Problem::WindowsOverlap { .. } => "windows_overlap",
        Problem::LongerThanDay => "longer_than_day",
        Problem::OutsideWorkDay { .. } => "outside_work_day",
        Problem::BreakOutsideSegments => "break_outside_segments",
        Problem::NotAbove { .. } => "not_above",
        Problem::TooMany { .. } => "too_many",
        Problem::Empty => "empty",
        Problem::WrongTimetableKind { .. } => "wrong_timetable_kind",
        Problem::InUse { .. } => "in_use",
        Problem::BadColor => "bad_color",
        Problem::OnlyWithBalance => "only_with_balance",
        Problem::LeaveOverlaps { .. } => "leave_overlaps",
        Problem::InsufficientBalance { .. } => "insufficient_balance",
    }
}

/// "第 2 段：" — where in a list the field sits, as a message prefix.
fn place_prefix(place: Option<Place>) -> (String, String) {
    let Some(p) = place else { return (String::new(), String::new()) };
    let n = p.index() + 1;
    match p {
        Place::Segment(_) => (format!("第 {n} 段："), format!("segment {n}: ")),
        Place::Break(_) => (format!("第 {n} 个休息："), format!("break {n}: ")),
        Place::Weekday(i) => {
            let zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
            let en = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
            (format!("{}：", zh[i % 7]), format!("{}: ", en[i % 7]))
        }
        Place::RotationDay(_) => (format!("第 {n} 天："), format!("day {n}: ")),
    }
}

/// The message for one field problem, prefixed with its place in a list.
pub fn field_message(e: &FieldError) -> Localized {
    let (pz, pe) = place_prefix(e.place);
    let m = problem_message(e);
    Localized::new(format!("{pz}{}", m.zh), format!("{pe}{}", m.en))
}

fn problem_message(e: &FieldError) -> Localized {
    let l = label(e.field);
    let (lz, le) = (l.zh.as_str(), l.en.as_str());
    let v = shown(e.field, &e.value);
    match &e.problem {
        Problem::Required => Localized::new(format!("{lz}不能为空"), format!("{le} is required")),
        Problem::TooLong { max_chars } => {
            let n = e.value.chars().count();
            Localized::new(
                format!("{lz}最多 {max_chars} 个字，现在是 {n} 个"),
                format!("{le} may have at most {max_chars} characters (this one has {n})"),
            )
        }
        Problem::ControlCharacter => Localized::new(
            format!("{lz}不能包含制表符、换行等控制字符"),
            format!("{le} must not contain tabs, line breaks or other control characters"),
        ),
        Problem::SurroundingSpace => Localized::new(
            format!("{lz}「{v}」的开头或结尾有空格，请删掉"),
            format!("{le} \"{v}\" starts or ends with a space: remove it"),
        ),
        Problem::BadCharacters { allowed: CharSet::EmployeeNo } => Localized::new(
            format!("{lz}「{v}」只能包含字母、数字、- 和 _"),
            format!("{le} \"{v}\" may only contain letters, digits, - and _"),
        ),
        Problem::BadCharacters { allowed: CharSet::NoSlash } => Localized::new(
            format!("{lz}「{v}」不能包含 /（/ 用来分隔部门层级，如 总部/生产部）"),
            format!("{le} \"{v}\" must not contain / (it separates levels, as in HQ/Production)"),
        ),
        Problem::BadCharacters { allowed: CharSet::HostName } => Localized::new(
            format!(
                "{lz}「{v}」不是有效的地址：请填考勤机的 IP（如 192.168.1.201）或主机名，不带端口"
            ),
            format!(
                "{le} \"{v}\" is not an address: enter the terminal's IP (e.g. 192.168.1.201) or host name, without a port"
            ),
        ),
        Problem::BadDate => Localized::new(
            format!("{lz}「{v}」不是有效日期，请写成 2026-03-01 这样的格式"),
            format!("{le} \"{v}\" is not a valid date: write it as 2026-03-01"),
        ),
        Problem::DateOutOfRange { min_year, max_year } => Localized::new(
            format!("{lz}「{v}」应在 {min_year} 年到 {max_year} 年之间"),
            format!("{le} \"{v}\" must be between {min_year} and {max_year}"),
        ),
        Problem::DateBefore { other, other_value } => {
            let o = label(*other);
            Localized::new(
                format!("{lz} {v} 早于{} {other_value}", o.zh),
                format!("{le} {v} is before the {} {other_value}", o.en),
            )
        }
        Problem::BadPin => Localized::new(
            format!(
                "{lz}「{v}」应为 1–9 位数字，且不能以 0 开头（考勤机按数字存储，0012 与 12 是同一人）"
            ),
            format!(
                "{le} \"{v}\" must be 1–9 digits without a leading zero (terminals store it as a number)"
            ),
        ),
        Problem::NotIpAddress => Localized::new(
            format!("{lz}「{v}」应为本机的一个 IP 地址，如 192.168.1.10；留空表示本机所有地址"),
            format!(
                "{le} \"{v}\" must be one of this PC's IP addresses, e.g. 192.168.1.10; leave it empty for all of them"
            ),
        ),
        Problem::BadCardNo => Localized::new(
            format!("{lz}「{v}」应为 1–10 位数字，且不大于 4294967295"),
            format!("{le} \"{v}\" must be 1–10 digits and at most 4294967295"),
        ),
        Problem::BadIdNumberFormat => Localized::new(
            format!("{lz}「{v}」应为 18 位：17 位数字加 1 位校验码（数字或 X）"),
            format!(
                "{le} \"{v}\" must be 18 characters: 17 digits and a check character (digit or X)"
            ),
        ),
        Problem::BadIdNumberBirthDate => Localized::new(
            format!("{lz}「{v}」中的出生日期不是有效日期，请核对"),
            format!("the birth date inside {le} \"{v}\" is not a real date: check it"),
        ),
        Problem::BadIdNumberChecksum { expected } => Localized::new(
            format!("{lz}「{v}」的校验码不对（按前 17 位应为 {expected}），请核对是否抄错"),
            format!(
                "{le} \"{v}\" has a wrong check character (the first 17 digits give {expected}): check for a typo"
            ),
        ),
        Problem::BadPhone => Localized::new(
            format!(
                "{lz}「{v}」不是有效号码：手机号 11 位（如 13812345678），座机带区号（如 010-12345678）"
            ),
            format!(
                "{le} \"{v}\" is not a phone number: a mobile has 11 digits (13812345678), a landline has an area code (010-12345678)"
            ),
        ),
        Problem::UnknownTimezone { supported } => Localized::new(
            format!("{lz}「{v}」不支持，可选：{}", supported.join("、")),
            format!("{le} \"{v}\" is not supported; choose one of: {}", supported.join(", ")),
        ),
        Problem::NotFound => {
            Localized::new(format!("{lz}「{v}」不存在"), format!("{le} \"{v}\" does not exist"))
        }
        Problem::Duplicate { holder } if e.field == Field::DepartmentName => Localized::new(
            format!("同一上级部门下已经有「{holder}」，请换一个名称"),
            format!("\"{holder}\" already exists under the same parent: choose another name"),
        ),
        Problem::Duplicate { holder } => Localized::new(
            format!("{lz} {v} 已被 {holder} 使用"),
            format!("{le} {v} is already used by {holder}"),
        ),
        Problem::Ambiguous { candidates } => Localized::new(
            format!("{lz}「{v}」有多个：{}，请写完整路径", candidates.join("、")),
            format!("{le} \"{v}\" matches several: {}; give the full path", candidates.join(", ")),
        ),
        Problem::MoveIntoOwnSubtree => Localized::new(
            "不能把部门移到它自己或它的下级部门下面".to_owned(),
            "a department cannot be moved under itself or one of its sub-departments".to_owned(),
        ),
        Problem::OutOfRange { min, max } => Localized::new(
            format!("{lz}「{v}」应在 {min} 到 {max} 之间"),
            format!("{le} \"{v}\" must be between {min} and {max}"),
        ),
        Problem::NotOneOf { choices } => Localized::new(
            format!("{lz}「{v}」无效，可选：{}", choices.join("、")),
            format!("{le} \"{v}\" is not valid; choose one of: {}", choices.join(", ")),
        ),
        Problem::NotInYear { year } => Localized::new(
            format!("{lz}「{v}」不在 {year} 年内"),
            format!("{le} \"{v}\" is not in {year}"),
        ),
        Problem::MustBeWeekday => Localized::new(
            format!("{v} 是周末：补假和调休休息日应在周一至周五"),
            format!(
                "{v} is a weekend day: substitute and swapped rest days fall on Monday to Friday"
            ),
        ),
        Problem::MustBeWeekend => Localized::new(
            format!("{v} 不是周末：调休上班日应在周六或周日"),
            format!("{v} is not a weekend day: make-up working days fall on Saturday or Sunday"),
        ),
        Problem::NotAllowedFor { day_kind } => {
            let (kz, ke) = day_kind_label(day_kind);
            Localized::new(
                format!("{lz}「{v}」只适用于调休日期，不适用于{kz}：请留空"),
                format!("{le} \"{v}\" only applies to swapped days, not to a {ke}: leave it empty"),
            )
        }
        Problem::SwapNotMatched { date } => Localized::new(
            format!(
                "{date} 写明与 {v} 调休，但 {v} 没有写明与 {date} 调休：两天应互相对应（一天调休上班、一天调休休息）"
            ),
            format!(
                "{date} is swapped with {v}, but {v} is not swapped with {date}: the two days must name each other (one make-up working day, one swapped rest day)"
            ),
        ),
        Problem::StatutoryFixed => Localized::new(
            format!(
                "{v} 是法定节假日，由法律规定，不能改为工作日或公司休息日（当天上班按 3 倍工资计）"
            ),
            format!(
                "{v} is a statutory holiday, set by law; it cannot be changed (work on it pays ×3)"
            ),
        ),
        Problem::AlreadyDayOff => Localized::new(
            format!("{v} 本来就是休息日，不需要再设为公司休息日"),
            format!("{v} is already a day off"),
        ),
        Problem::AlreadyWorkingDay => Localized::new(
            format!("{v} 本来就是工作日，不需要再设为公司工作日"),
            format!("{v} is already a working day"),
        ),
        Problem::StoredAsNumber => Localized::new(
            format!("{lz}被 Excel 存成了数字，末几位已丢失：把该列设为“文本”格式后重新填写"),
            format!(
                "{le} was stored by Excel as a number and lost its last digits: format the column as Text and type it again"
            ),
        ),
        Problem::CellError { value } => Localized::new(
            format!("{lz}单元格是 Excel 错误值 {value}：请改为实际内容"),
            format!("{le} cell holds the Excel error {value}: replace it with the real value"),
        ),
        Problem::DuplicateInFile { row, holder } => Localized::new(
            format!("{lz} {v} 与第 {row} 行（{holder}）重复"),
            format!("{le} {v} repeats row {row} ({holder})"),
        ),
        Problem::BadDepartmentPath => Localized::new(
            format!("部门路径「{v}」有空的层级：用 / 分隔各级，如 总部/生产部/一车间"),
            format!(
                "department path \"{v}\" has an empty level: separate levels with /, e.g. 总部/生产部/一车间"
            ),
        ),
        Problem::BadTime => Localized::new(
            format!("{lz}「{v}」不是有效时间：写成 09:00，次日的时间写成 06:00+1"),
            format!("{le} \"{v}\" is not a time: write 09:00, and 06:00+1 for the next day"),
        ),
        Problem::NotAfter { other, other_value } => {
            let o = label(*other);
            Localized::new(
                format!(
                    "{lz} {v} 应晚于{} {other_value}：跨过午夜的时间写成 06:00+1（次日）",
                    o.zh
                ),
                format!(
                    "{le} {v} must be after the {} {other_value}: write a time past midnight as 06:00+1",
                    o.en
                ),
            )
        }
        Problem::WindowsOverlap { other } => Localized::new(
            format!("{lz} {v} 使打卡时间段与 {other} 重叠，同一次打卡无法区分：请改小"),
            format!(
                "{le} {v} makes the punch window overlap {other}, so a punch could not be told apart: make it smaller"
            ),
        ),
        Problem::LongerThanDay => Localized::new(
            format!("打卡时间段 {v} 超过 24 小时：请缩短上班前或下班后的可打卡时间"),
            format!(
                "the punch windows {v} span more than 24 hours: shorten the windows before on or after off"
            ),
        ),
        Problem::OutsideWorkDay { day_change } => Localized::new(
            format!("打卡时间段 {v} 早于换日时间 {day_change}：把换日时间提前，或留空自动计算"),
            format!(
                "the punch windows {v} start before the day-change time {day_change}: set it earlier or leave it empty"
            ),
        ),
        Problem::BreakOutsideSegments => Localized::new(
            format!("休息时间 {v} 不在任何上下班时段内"),
            format!("the break {v} is not inside any work segment"),
        ),
        Problem::NotAbove { other, other_value } => {
            let o = label(*other);
            Localized::new(
                format!("{lz} {v} 应大于{} {other_value}", o.zh),
                format!("{le} {v} must be greater than the {} {other_value}", o.en),
            )
        }
        Problem::TooMany { max } => Localized::new(
            format!("{lz}最多 {max} 个，现在是 {v} 个"),
            format!("at most {max} {le} are allowed (there are {v})"),
        ),
        Problem::Empty => Localized::new(
            format!("{lz}至少要有一个上班的安排"),
            format!("{le} need at least one working entry"),
        ),
        Problem::WrongTimetableKind { expected } => {
            let (kz, ke) = match *expected {
                "free" => ("自由工时班次", "a free-hours timetable"),
                _ => ("固定或弹性班次", "a fixed or flexible timetable"),
            };
            Localized::new(
                format!("{lz}「{v}」不能用在这里：这里需要{kz}"),
                format!("{le} \"{v}\" cannot be used here: it needs {ke}"),
            )
        }
        Problem::InUse { users } => Localized::new(
            format!("{lz}「{v}」正在被 {} 使用，不能删除：先把它们改掉", users.join("、")),
            format!("{le} \"{v}\" is used by {}; change those first", users.join(", ")),
        ),
        Problem::OnlyWithBalance if e.field == Field::LeaveType => Localized::new(
            format!("「{v}」不按余额管理，没有余额可发放或查询"),
            format!("\"{v}\" does not keep a balance: there is nothing to grant or show"),
        ),
        Problem::OnlyWithBalance => Localized::new(
            format!("{lz}只适用于有余额的假期类型：勾选「按余额管理」或留空"),
            format!(
                "{le} only applies to leave types with a balance: tick \"keeps a balance\" or leave it empty"
            ),
        ),
        Problem::LeaveOverlaps { other } => Localized::new(
            format!("{v} 与已登记的请假 {other} 时间重叠：先撤销那条，或改时间"),
            format!(
                "{v} overlaps the leave already recorded {other}: cancel that one or change the times"
            ),
        ),
        Problem::InsufficientBalance { remaining, needed, unit } => {
            let (uz, ue) = match *unit {
                "hour" => ("小时", "h"),
                _ => ("天", "days"),
            };
            Localized::new(
                format!("{v}：余额只剩 {remaining} {uz}，这次需要 {needed} {uz}"),
                format!("{v}: only {remaining} {ue} left, this leave needs {needed} {ue}"),
            )
        }
        Problem::BadColor => Localized::new(
            format!("{lz}「{v}」应写成 #RRGGBB，如 #1677ff"),
            format!("{le} \"{v}\" must be written #RRGGBB, e.g. #1677ff"),
        ),
    }
}

/// The label of a notice day kind key (`statutory`, `substitute`, …).
fn day_kind_label(key: &str) -> (&'static str, &'static str) {
    match key {
        "statutory" => ("法定节假日", "statutory holiday"),
        "substitute" => ("补假", "substitute day off"),
        "swapped_rest" => ("调休休息日", "swapped rest day"),
        "make_up_workday" => ("调休上班日", "make-up working day"),
        _ => ("该类型", "day of this kind"),
    }
}

/// Where a setup problem is: `[[timetable]] 第 2 项「夜班」`.
fn setup_place(p: &SetupProblem) -> (String, String) {
    if p.section == "file" {
        return (String::new(), String::new());
    }
    let n = p.index + 1;
    let name = if p.name.is_empty() { String::new() } else { format!("「{}」", p.name) };
    let name_en = if p.name.is_empty() { String::new() } else { format!(" \"{}\"", p.name) };
    (
        format!("[[{}]] 第 {n} 项{name}：", p.section),
        format!("[[{}]] entry {n}{name_en}: ", p.section),
    )
}

pub fn setup_problem(p: &SetupProblem) -> FieldErrorDto {
    let (zh, en) = setup_place(p);
    let m = field_message(&p.error);
    let inner = field_error(&p.error);
    FieldErrorDto {
        field: format!("{}.{}.{}", p.section, p.index, inner.field),
        value: inner.value,
        problem: inner.problem,
        message: Localized::new(format!("{zh}{}", m.zh), format!("{en}{}", m.en)),
    }
}

pub fn field_error(e: &FieldError) -> FieldErrorDto {
    FieldErrorDto {
        field: e.path(),
        value: shown(e.field, &e.value),
        problem: problem_key(&e.problem).to_owned(),
        message: field_message(e),
    }
}

fn role_label(role: Role) -> Localized {
    let (zh, en) = match role {
        Role::Admin => ("管理员", "administrator"),
        Role::HrClerk => ("考勤员", "HR clerk"),
        Role::DeptManager => ("部门负责人", "department manager"),
        Role::Auditor => ("审计员", "auditor"),
    };
    Localized::new(zh, en)
}

fn action_label(action: Action) -> Localized {
    let (zh, en) = match action {
        Action::ViewRoster => ("查看人员", "view the roster"),
        Action::EditRoster => ("修改人员和部门", "change employees and departments"),
        Action::ViewSettings => ("查看设置", "view settings"),
        Action::EditSettings => ("修改设置", "change settings"),
        Action::ViewAudit => ("查看审计记录", "view the audit log"),
    };
    Localized::new(zh, en)
}

/// The whole message of an error.
pub fn error(e: &Error) -> Localized {
    match e {
        Error::Invalid(errors) => {
            let parts: Vec<Localized> = errors.iter().map(field_message).collect();
            let zh: Vec<&str> = parts.iter().map(|p| p.zh.as_str()).collect();
            let en: Vec<&str> = parts.iter().map(|p| p.en.as_str()).collect();
            Localized::new(
                format!("输入有误，未做任何修改：{}", zh.join("；")),
                format!("invalid input, nothing was changed: {}", en.join("; ")),
            )
        }
        Error::NotFound { entity, key } => {
            let (zh, en) = match entity {
                Entity::Department => ("部门", "department"),
                Entity::Employee => ("员工", "employee"),
                Entity::CalendarYear => ("节假日年度", "calendar year"),
                Entity::CompanyDay => ("公司调整日", "company day"),
                Entity::Timetable => ("班次", "timetable"),
                Entity::Group => ("考勤组", "attendance group"),
                Entity::Rotation => ("轮班规律", "rotation"),
                Entity::Membership => ("考勤组分配", "group assignment"),
                Entity::LeaveType => ("假期类型", "leave type"),
                Entity::Leave => ("请假记录", "leave record"),
                Entity::Terminal => ("考勤机", "terminal"),
                Entity::Correction => ("更正记录", "correction"),
                Entity::Flag => ("可疑打卡提示", "review flag"),
            };
            Localized::new(
                format!("找不到{zh}「{key}」，可能已被删除：请刷新后重试"),
                format!(
                    "{en} \"{key}\" not found (it may have been deleted): refresh and try again"
                ),
            )
        }
        Error::DepartmentNotEmpty { name, children, employees } => Localized::new(
            format!(
                "部门「{name}」下还有 {employees} 名员工和 {children} 个子部门，不能删除：请先把他们移到其他部门"
            ),
            format!(
                "department \"{name}\" still has {employees} employees and {children} sub-departments: move them elsewhere first"
            ),
        ),
        Error::Forbidden { role, action } => {
            let (r, a) = (role_label(*role), action_label(*action));
            Localized::new(
                format!("当前用户（{}）无权{}", r.zh, a.zh),
                format!("your role ({}) may not {}", r.en, a.en),
            )
        }
        Error::NotInitialized => Localized::new(
            "还没有公司信息：请先运行 kaoqin init（或在桌面程序里完成首次设置）",
            "no company yet: run `kaoqin init` first (or finish the first-run setup in the desktop app)",
        ),
        Error::CalendarYearMissing { year } => Localized::new(
            format!("{year} 年节假日安排尚未载入：请在「设置 → 节假日」导入国务院通知或手动录入"),
            format!(
                "{year} calendar not loaded: import the notice or enter it in 设置 → 节假日 (Settings → Holidays)"
            ),
        ),
        Error::CalendarChanged { year } => Localized::new(
            format!(
                "{year} 年节假日数据与载入时的校验值不符，可能被程序以外的工具改动：请重新导入该年的通知"
            ),
            format!(
                "the {year} calendar no longer matches the checksum recorded when it was loaded (changed outside Kaoqin): import that year's notice again"
            ),
        ),
        Error::BadFile { what, line, column, detail } => {
            let (zh, en, doc_zh, doc_en) = match what {
                crate::error::FileKind::CalendarYear => {
                    ("节假日文件", "calendar file", "节假日文件", "Calendar files")
                }
                crate::error::FileKind::Setup => {
                    ("设置文件", "setup file", "设置文件", "Setup files")
                }
            };
            Localized::new(
                format!(
                    "{zh}第 {line} 行第 {column} 列格式不对：{detail}。格式说明见 README「{doc_zh}」"
                ),
                format!(
                    "{en}, line {line}, column {column}: {detail}. The format is described in the README, \"{doc_en}\""
                ),
            )
        }
        Error::ImportRefused(report) => Localized::new(
            format!("文件有 {} 处问题，未导入任何数据：改正后重新导入", report.problem_count),
            format!(
                "the file has {} problems; nothing was imported: correct them and import again",
                report.problem_count
            ),
        ),
        Error::SetupInvalid(problems) => {
            let lines: Vec<Localized> = problems.iter().map(|p| setup_problem(p).message).collect();
            let zh: Vec<String> = lines.iter().map(|l| format!("\n- {}", l.zh)).collect();
            let en: Vec<String> = lines.iter().map(|l| format!("\n- {}", l.en)).collect();
            Localized::new(
                format!("设置文件有 {} 处问题，未做任何修改：{}", problems.len(), zh.concat()),
                format!(
                    "the setup file has {} problems; nothing was changed:{}",
                    problems.len(),
                    en.concat()
                ),
            )
        }
        Error::UnreadableFile(problem) => file_problem(problem),
        Error::PunchFileInvalid(lines) => {
            let shown = lines.iter().take(20);
            let zh: Vec<String> =
                shown.clone().map(|l| format!("\n- {}", punch_line(l).zh)).collect();
            let en: Vec<String> = shown.map(|l| format!("\n- {}", punch_line(l).en)).collect();
            let more = lines.len().saturating_sub(20);
            let (more_zh, more_en) = if more > 0 {
                (format!("\n…另有 {more} 行"), format!("\n… and {more} more lines"))
            } else {
                (String::new(), String::new())
            };
            Localized::new(
                format!(
                    "打卡文件有 {} 行不对，未导入任何打卡：改正后重新导入{}{more_zh}",
                    lines.len(),
                    zh.concat()
                ),
                format!(
                    "the punch file has {} bad lines; no punch was imported: correct them and import again{}{more_en}",
                    lines.len(),
                    en.concat()
                ),
            )
        }
        Error::NotComputed { month } => Localized::new(
            format!(
                "{month} 还没有计算考勤结果：先运行 kaoqin compute --month {month}（或在考勤结果页点「计算」）"
            ),
            format!("{month} has not been computed: run kaoqin compute --month {month} first"),
        ),
        Error::Terminal { name, error } => {
            let what = client_error(error);
            Localized::new(
                format!("考勤机「{name}」：{}。考勤机上的记录没有被清除，可以再试一次", what.zh),
                format!(
                    "terminal \"{name}\": {}. Nothing was cleared on the terminal; you can try again",
                    what.en
                ),
            )
        }
        Error::PushOnly { name } => Localized::new(
            format!("考勤机「{name}」通过 ADMS 自动推送记录，程序不连接它：记录会自己到达"),
            format!(
                "terminal \"{name}\" pushes its punches over ADMS; Kaoqin does not connect to it: the punches arrive by themselves"
            ),
        ),
        Error::PullUnderway => Localized::new(
            "这台考勤机正在下载中，请等它完成",
            "this terminal is being pulled right now: wait for it to finish",
        ),
        Error::Keyring(detail) => Localized::new(
            format!("无法使用系统密钥库保存或读取通讯密码：{detail}"),
            format!("the system keyring could not store or read the comm key: {detail}"),
        ),
        Error::CloseChecksFailed { month, failed } => Localized::new(
            format!(
                "{month} 还不能结账：{}。处理后再结账，或填写原因强制结账",
                failed.iter().map(|c| c.text.zh.as_str()).collect::<Vec<_>>().join("；")
            ),
            format!(
                "{month} cannot be closed yet: {}. Fix these first, or force the close with a reason",
                failed.iter().map(|c| c.text.en.as_str()).collect::<Vec<_>>().join("; ")
            ),
        ),
        Error::MonthNotClosed { month } => Localized::new(
            format!("{month} 没有结账，不需要重新开账"),
            format!("{month} is not closed: there is nothing to re-open"),
        ),
        Error::AlreadyUndone { id } => Localized::new(
            format!("更正 #{id} 已经撤销过了"),
            format!("correction #{id} was undone already"),
        ),
        Error::MonthClosed { month } => Localized::new(
            format!(
                "{month} 已结账：考勤结果已冻结，不能再计算或更正；如确需修改，请先填写原因重新开账"
            ),
            format!(
                "{month} is closed: its results are frozen and cannot be recomputed or corrected; re-open it with a reason first"
            ),
        ),
        Error::AuditKeyLost => Localized::new(
            "这个数据库的审计记录已签名，但本机系统密钥库里没有它的签名密钥（数据库可能是从别的电脑复制来的）：请在原电脑上使用，或联系管理员",
            "this database's audit log is signed, but this PC's keyring has no key for it (was the database copied from another PC?): use it on the original PC, or ask the administrator",
        ),
        Error::TerminalInUse { name } => Localized::new(
            format!("考勤机「{name}」已经下载过记录，不能删除（历史记录要保留）：可以把它停用"),
            format!(
                "terminal \"{name}\" has been pulled and keeps its history: disable it instead of deleting it"
            ),
        ),
        Error::Internal(detail) => Localized::new(
            format!("内部错误：{detail}。请把这条信息告诉技术支持"),
            format!("internal error: {detail}. Please report this message"),
        ),
        Error::Store(store) => store_message(store),
    }
}

fn store_message(e: &kaoqin_store::Error) -> Localized {
    use kaoqin_store::Error as S;
    let en = e.to_string();
    let zh = match e {
        S::NoDatabase { path } => {
            format!(
                "{} 还没有数据库：请先运行 kaoqin init，或用 --db 指定数据库文件",
                path.display()
            )
        }
        S::NotKaoqinDatabase { path } => {
            format!("{} 不是 Kaoqin 数据库：请选择其他文件", path.display())
        }
        S::DatabaseTooNew { db_version, app_version } => format!(
            "这个数据库的结构版本是 {db_version}，比本程序支持的 {app_version} 新：请安装写入它的较新版本 Kaoqin"
        ),
        S::NetworkPath { path, fs_type } => format!(
            "{} 在网络共享上（{fs_type}）：数据库必须放在本机磁盘，备份可以复制到共享目录",
            path.display()
        ),
        S::MigrationChanged { version, name } => {
            format!(
                "数据库结构脚本 {version}（{name}）与已应用的不一致：程序文件可能已损坏，请重新安装"
            )
        }
        S::SqliteTooOld { found } => format!("SQLite {found} 版本过旧：需要 3.51.3 或更新"),
        S::Io { path, source } => format!("无法使用 {}：{source}", path.display()),
        S::AuditKeyMissing => "审计签名密钥未加载：不能写入任何数据".to_owned(),
        S::Pragma { .. } | S::Sqlite(_) | S::Corrupt(_) => format!("数据库错误：{en}"),
    };
    Localized::new(zh, en)
}

fn file_problem(p: &crate::error::FileProblem) -> Localized {
    use crate::error::FileProblem as P;
    match p {
        P::NotWorkbook { detail } => Localized::new(
            format!("无法打开这个 Excel 文件（{detail}）：用 Excel 另存为 .xlsx 后再导入"),
            format!(
                "this Excel file cannot be opened ({detail}): save it again as .xlsx and retry"
            ),
        ),
        P::NoSheets => Localized::new("这个 Excel 文件里没有工作表", "the workbook has no sheets"),
        P::NoSuchSheet { wanted, sheets } => Localized::new(
            format!("没有名为「{wanted}」的工作表，现有：{}", sheets.join("、")),
            format!("no sheet named \"{wanted}\"; the sheets are: {}", sheets.join(", ")),
        ),
        P::SheetUnreadable { sheet, detail } => Localized::new(
            format!("工作表「{sheet}」无法读取（{detail}）"),
            format!("sheet \"{sheet}\" cannot be read ({detail})"),
        ),
        P::NotUserDat { bytes } => Localized::new(
            format!(
                "这个文件（{bytes} 字节）不是考勤机 U 盘导出的人员文件 user.dat：它应由 72 或 28 字节的人员记录组成，请从 U 盘选 user.dat"
            ),
            format!(
                "this file ({bytes} bytes) is not the user.dat a terminal writes to a USB stick (72- or 28-byte user records): pick user.dat from the stick"
            ),
        ),
        P::NotText => Localized::new(
            "文件既不是 Excel 工作簿，也不是 UTF-8 或 GBK 编码的 CSV：请用 Excel 另存为 .xlsx 或 CSV（UTF-8）",
            "the file is neither an Excel workbook nor UTF-8 or GBK CSV: save it from Excel as .xlsx or CSV UTF-8",
        ),
        P::Empty => Localized::new(
            "文件是空的：第一行应是表头（工号、姓名…）",
            "the file is empty: the first row should hold the headers (工号, 姓名, …)",
        ),
        P::CsvSyntax { row, detail } => Localized::new(
            format!("CSV 第 {row} 行无法读取（{detail}）：检查引号是否成对"),
            format!("CSV row {row} cannot be read ({detail}): check that quotes are paired"),
        ),
        P::UnknownField { field } => Localized::new(
            format!("列对应里的字段「{field}」不存在"),
            format!("the column mapping names an unknown field \"{field}\""),
        ),
    }
}

/// One bad line of a punch file: where, what was found, what was expected.
pub(crate) fn punch_line(l: &kaoqin_terminals::LineError) -> Localized {
    use kaoqin_terminals::LineProblem as P;
    let column = l.column.as_deref().map(|c| format!("「{c}」")).unwrap_or_default();
    let column_en = l.column.as_deref().map(|c| format!(" column \"{c}\"")).unwrap_or_default();
    let (zh, en) = match &l.problem {
        P::Empty => ("文件是空的".to_owned(), "the file is empty".to_owned()),
        P::NoWhoColumn => (
            "表头里找不到工号或考勤号码列".to_owned(),
            "no 工号 or PIN column in the header".to_owned(),
        ),
        P::NoTimeColumn => {
            ("表头里找不到打卡时间列".to_owned(), "no punch time column in the header".to_owned())
        }
        P::LineTooLong { max_bytes } => (
            format!("这一行超过 {max_bytes} 字节"),
            format!("the line is longer than {max_bytes} bytes"),
        ),
        P::TooFewFields { found, expected } => (
            format!("只有 {found} 列，至少要 {expected} 列"),
            format!("{found} fields, at least {expected} expected"),
        ),
        P::MissingValue => ("没有填写".to_owned(), "empty".to_owned()),
        other => (
            format!("「{}」不对", l.value),
            format!("\"{}\" is not valid ({})", l.value, other.key()),
        ),
    };
    let expected = l.problem.expected();
    let (hint, hint_en) = if expected.is_empty() {
        (String::new(), String::new())
    } else {
        (format!("，应为 {expected}"), format!("; expected {expected}"))
    };
    Localized::new(
        format!("第 {} 行{column}：{zh}{hint}", l.line),
        format!("line {}{column_en}: {en}{hint_en}", l.line),
    )
}

/// Why talking to a terminal failed, in the clerk's words.
pub fn client_error(e: &kaoqin_terminals::client::ClientError) -> Localized {
    use kaoqin_terminals::client::ClientError as C;
    match e {
        C::Unreachable { addr, detail } => Localized::new(
            format!(
                "连接不上 {addr}（{detail}）：请检查考勤机是否开机、网线是否插好、IP 和端口是否正确"
            ),
            format!(
                "cannot reach {addr} ({detail}): check that the terminal is on, the cable is in, and the IP and port are right"
            ),
        ),
        C::Timeout { what, seconds } => Localized::new(
            format!("考勤机 {seconds} 秒内没有回应（{what}）：网络可能不稳定，或考勤机正忙"),
            format!(
                "no answer within {seconds} s ({what}): the network may be unstable or the terminal busy"
            ),
        ),
        C::Closed => {
            Localized::new("考勤机中途断开了连接", "the terminal closed the connection half-way")
        }
        C::Unauthenticated => Localized::new(
            "通讯密码不对：请在考勤机菜单「通讯设置」里查看通讯密码，再在这里改成一样的",
            "the comm key was refused: check the comm key in the terminal's communication menu and enter the same here",
        ),
        C::Refused { what, code } => Localized::new(
            format!(
                "考勤机拒绝了请求 {what}（代码 {code}）：这台考勤机的固件可能不支持，请改用 ADMS 推送或 U 盘导入"
            ),
            format!(
                "the terminal refused {what} (code {code}): its firmware may not support it; use ADMS push or a USB export instead"
            ),
        ),
        other => Localized::new(
            format!("考勤机发来的数据无法识别（{other}）：没有保存任何不完整的数据"),
            format!(
                "the terminal sent data that could not be read ({other}); nothing partial was saved"
            ),
        ),
    }
}

/// Why the ADMS receiver could not start.
pub(crate) fn serve_error(e: &kaoqin_terminals::adms::ServeError) -> Localized {
    use kaoqin_terminals::adms::ServeError;
    match e {
        ServeError::Bind { addr, source } if source.kind() == std::io::ErrorKind::AddrInUse => {
            Localized::new(
                format!("端口 {} 已被别的程序占用，无法接收考勤机推送：请换一个端口", addr.port()),
                format!(
                    "port {} is taken by another program, so terminal pushes cannot be received: pick another port",
                    addr.port()
                ),
            )
        }
        ServeError::Bind { addr, source } => Localized::new(
            format!(
                "无法在 {addr} 接收考勤机推送（{source}）：请确认这个 IP 是本机的地址，或留空表示本机所有地址"
            ),
            format!(
                "cannot receive terminal pushes on {addr} ({source}): make sure the IP is this PC's, or leave it empty for all of them"
            ),
        ),
        ServeError::Stopped(_) | ServeError::Crashed => Localized::new(
            "接收考勤机推送的服务意外停止：请重新保存设置以再次启动",
            "the terminal receiver stopped unexpectedly: save the settings again to restart it",
        ),
    }
}
