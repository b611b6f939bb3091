//! The ledger ("为什么?"): a day result's trace in words a clerk reads, in Chinese and English,
//! and the names of findings and statuses. Written by hand: the steps are a closed set of typed
//! values and each needs its own sentence.

use chrono::NaiveDateTime;
use kaoqin_core::calendar::DayClass;
use kaoqin_core::engine::{
    DayMinute, DayStatus, FindingKind, Fix, IgnoredWhy, OvertimeWhy, PunchRole, Step,
};
use kaoqin_core::schedule::PlanSource;

use crate::dto::Localized;

/// `08:05`, `06:00 次日` / `06:00 +1`, `21:00 前一日` for a work-day minute.
fn clock(m: DayMinute) -> (String, String) {
    let day = m.div_euclid(1440);
    let t = m.rem_euclid(1440);
    let hm = format!("{:02}:{:02}", t / 60, t % 60);
    match day {
        0 => (hm.clone(), hm),
        1 => (format!("次日 {hm}"), format!("{hm} +1")),
        -1 => (format!("前一日 {hm}"), format!("{hm} -1")),
        d => (format!("{hm}（{d:+} 天）"), format!("{hm} {d:+}")),
    }
}

fn at(t: &NaiveDateTime) -> String {
    t.format("%m-%d %H:%M:%S").to_string()
}

pub fn class_name(class: Option<DayClass>) -> Localized {
    let (zh, en) = match class {
        Some(DayClass::Statutory) => ("法定节假日", "statutory holiday"),
        Some(DayClass::RestDay) => ("休息日", "rest day"),
        Some(DayClass::MakeUpWorkday) => ("调休上班日", "make-up working day"),
        Some(DayClass::Workday) => ("工作日", "working day"),
        None => ("日历未载入", "calendar not loaded"),
    };
    Localized::new(zh, en)
}

pub fn status_name(status: DayStatus) -> Localized {
    let (zh, en) = match status {
        DayStatus::Normal => ("正常", "normal"),
        DayStatus::Exception => ("异常", "exception"),
        DayStatus::Leave => ("请假", "on leave"),
        DayStatus::Rest => ("休息", "rest"),
        DayStatus::Holiday => ("节假日", "holiday"),
        DayStatus::NotYetHired => ("未入职", "not yet hired"),
        DayStatus::Left => ("已离职", "left"),
    };
    Localized::new(zh, en)
}

pub fn finding_name(kind: FindingKind) -> Localized {
    let (zh, en) = match kind {
        FindingKind::Late => ("迟到", "late"),
        FindingKind::SeriousLate => ("严重迟到", "seriously late"),
        FindingKind::LateAbsent => ("迟到按旷工", "late, counted absent"),
        FindingKind::EarlyLeave => ("早退", "left early"),
        FindingKind::EarlyAbsent => ("早退按旷工", "left early, counted absent"),
        FindingKind::MissingCheckIn => ("上班缺卡", "missing check-in"),
        FindingKind::MissingCheckOut => ("下班缺卡", "missing check-out"),
        FindingKind::MissingBreakPunch => ("休息缺卡", "missing break punch"),
        FindingKind::Absent => ("旷工", "absent"),
        FindingKind::Away => ("离岗", "away"),
        FindingKind::StrayPunch => ("多余打卡", "stray punch"),
        FindingKind::WorkOnRestDay => ("休息日出勤", "work on a rest day"),
        FindingKind::WorkOnHoliday => ("节假日出勤", "work on a holiday"),
        FindingKind::UnscheduledPunches => ("未排班打卡", "punches without a plan"),
        FindingKind::OvertimeOverDailyCap => ("加班超过每日上限", "overtime over the daily cap"),
        FindingKind::NoCalendar => ("缺少节假日数据", "no calendar data"),
        FindingKind::PunchOutsideEmployment => ("在职期外打卡", "punch outside employment"),
    };
    Localized::new(zh, en)
}

fn source_name(source: PlanSource) -> (&'static str, &'static str) {
    match source {
        PlanSource::Entry { .. } => ("排班表", "the roster grid"),
        PlanSource::Week => ("考勤组每周安排", "the group's week"),
        PlanSource::Holiday => ("节假日休息", "a holiday off"),
        PlanSource::MakeUpDay => ("调休上班", "a make-up working day"),
        PlanSource::Unscheduled => ("排班制未排班", "not scheduled"),
        PlanSource::NoGroup => ("不在任何考勤组", "in no attendance group"),
    }
}

fn role(r: PunchRole) -> (String, String) {
    match r {
        PunchRole::CheckIn { segment } => {
            (format!("第 {segment} 段上班卡"), format!("check-in of segment {segment}"))
        }
        PunchRole::CheckOut { segment } => {
            (format!("第 {segment} 段下班卡"), format!("check-out of segment {segment}"))
        }
        PunchRole::BreakOut => ("休息开始".into(), "break out".into()),
        PunchRole::BreakIn => ("休息结束".into(), "break in".into()),
        PunchRole::PairStart => ("一段出勤的开始".into(), "start of presence".into()),
        PunchRole::PairEnd => ("一段出勤的结束".into(), "end of presence".into()),
    }
}

fn why(w: IgnoredWhy) -> (String, String) {
    match w {
        IgnoredWhy::Duplicate { of, seconds } => (
            format!("重复打卡：距上一次（#{of}）{seconds} 秒，在重复间隔内"),
            format!("a double tap: {seconds} s after #{of}, inside the duplicate window"),
        ),
        IgnoredWhy::OutsideWindows => {
            ("不在任何签到、签退时段内".into(), "in no check-in or check-out window".into())
        }
        IgnoredWhy::NotFirstOrLast { segment } => (
            format!("第 {segment} 段时段内的其他打卡，首末打卡只取第一次和最后一次"),
            format!(
                "another punch of segment {segment}; first-in/last-out keeps only the first and last"
            ),
        ),
        IgnoredWhy::WrongDirection { direction } => {
            let (zh, en) = match direction {
                kaoqin_core::engine::Direction::In => ("上班", "in"),
                kaoqin_core::engine::Direction::Out => ("下班", "out"),
            };
            (
                format!("考勤机设为可信，且标记为{zh}卡"),
                format!("the terminal is trusted and marked it {en}"),
            )
        }
        IgnoredWhy::OutsideEmployment => {
            ("不在入职至离职期间".into(), "outside the employment dates".into())
        }
        IgnoredWhy::Single => (
            "当天只有这一次打卡，算不出时长".into(),
            "the only punch of the day; no span to count".into(),
        ),
        IgnoredWhy::Between => {
            ("在第一次和最后一次打卡之间".into(), "between the first and the last punch".into())
        }
        IgnoredWhy::Corrected { correction } => (
            format!("考勤员更正 #{correction}：忽略这次打卡"),
            format!("the clerk's correction #{correction}: ignore this punch"),
        ),
    }
}

fn direction_words(d: kaoqin_core::engine::Direction) -> (&'static str, &'static str) {
    match d {
        kaoqin_core::engine::Direction::In => ("上班", "in"),
        kaoqin_core::engine::Direction::Out => ("下班", "out"),
    }
}

/// A terminal's punch by its id; a make-up punch (negative id) by its correction.
fn punch_label(id: i64) -> (String, String) {
    if id < 0 {
        (format!("补卡（更正 #{}）", -id), format!("make-up punch (correction #{})", -id))
    } else {
        (format!("打卡 #{id}"), format!("punch #{id}"))
    }
}

/// What a correction did, as the ledger says it.
pub fn fix_text(correction: i64, fix: &Fix) -> (String, String) {
    let (zh, en) = match fix {
        Fix::MakeUp { at: t, direction } => {
            let (zh, en) = direction_words(*direction);
            (format!("补卡 {}（{zh}卡）", at(t)), format!("make-up punch {} ({en})", at(t)))
        }
        Fix::IgnorePunch { punch } => {
            (format!("忽略打卡 #{punch}"), format!("ignore punch #{punch}"))
        }
        Fix::FlipPunch { punch, direction } => {
            let (zh, en) = direction_words(*direction);
            (format!("打卡 #{punch} 改为{zh}卡"), format!("punch #{punch} taken as {en}"))
        }
        Fix::Overtime { minutes: 0 } => ("不认可当天加班".into(), "overtime rejected".into()),
        Fix::Overtime { minutes } => (
            format!("当天加班核定为最多 {minutes} 分钟"),
            format!("overtime approved up to {minutes} min"),
        ),
        Fix::AcceptWorked => (
            "按出勤处理：迟到、早退、缺卡、旷工的时间都算出勤".into(),
            "accepted as worked: late, early, missing and absent time counts as worked".into(),
        ),
        Fix::MarkAbsent => (
            "按旷工处理：除请假外全部算旷工".into(),
            "marked absent: everything but leave counts as absent".into(),
        ),
        Fix::Note => ("仅备注，不改变结果".into(), "a note only; nothing changes".into()),
    };
    (
        format!("考勤员更正 #{correction}：{zh}"),
        format!("the clerk's correction #{correction}: {en}"),
    )
}

fn ot_reason(r: OvertimeWhy) -> (&'static str, &'static str) {
    match r {
        OvertimeWhy::AfterShift => ("下班后继续工作", "work after the shift"),
        OvertimeWhy::BeforeShift => ("上班前提早工作", "work before the shift"),
        OvertimeWhy::BeyondRequired => ("超过应出勤时长", "beyond the required time"),
        OvertimeWhy::RestDayPresence => ("未排班日出勤", "presence on a day with nothing planned"),
        OvertimeWhy::HolidayShift => {
            ("法定节假日上班，全部按节假日加班", "a shift on a statutory holiday, all of it")
        }
        OvertimeWhy::Approved => ("已批准的加班", "approved overtime"),
        OvertimeWhy::ApprovedWithinPunches => {
            ("已批准且有打卡的加班", "approved overtime covered by punches")
        }
    }
}

/// One trace step as a sentence.
pub fn step_text(step: &Step) -> Localized {
    let (zh, en) = match step {
        Step::Plan { timetable, source, class } => {
            let (szh, sen) = source_name(*source);
            let c = class_name(*class);
            match timetable {
                Some(t) => (
                    format!("班次 {t}（来自{szh}），{}", c.zh),
                    format!("timetable {t} (from {sen}), {}", c.en),
                ),
                None => {
                    (format!("不用上班（{szh}），{}", c.zh), format!("no shift ({sen}), {}", c.en))
                }
            }
        }
        Step::DaySpan { from, to, split_with_night_shift } => {
            let note =
                if *split_with_night_shift { "，与相邻班次按中点分开" } else { "" };
            let note_en = if *split_with_night_shift {
                ", split from a neighbouring shift at the midpoint"
            } else {
                ""
            };
            (
                format!("{} 至 {} 之间的打卡属于这一天{note}", at(from), at(to)),
                format!("punches from {} to {} belong to this day{note_en}", at(from), at(to)),
            )
        }
        Step::Windows { segment, on, off, check_in, check_out } => {
            let c = |m| clock(m);
            (
                format!(
                    "第 {segment} 段 {}–{}：签到时段 {}–{}，签退时段 {}–{}",
                    c(*on).0,
                    c(*off).0,
                    c(check_in.0).0,
                    c(check_in.1).0,
                    c(check_out.0).0,
                    c(check_out.1).0
                ),
                format!(
                    "segment {segment} {}–{}: check-in {}–{}, check-out {}–{}",
                    c(*on).1,
                    c(*off).1,
                    c(check_in.0).1,
                    c(check_in.1).1,
                    c(check_out.0).1,
                    c(check_out.1).1
                ),
            )
        }
        Step::PunchUsed { punch, at: t, role: r } => {
            let (zh, en) = role(*r);
            let (p_zh, p_en) = punch_label(*punch);
            (format!("{p_zh} {}：作为{zh}", at(t)), format!("{p_en} {}: used as {en}", at(t)))
        }
        Step::PunchIgnored { punch, at: t, why: w } => {
            let (zh, en) = why(*w);
            let (p_zh, p_en) = punch_label(*punch);
            (
                format!("{p_zh} {}：不计，{zh}", at(t)),
                format!("{p_en} {}: not counted, {en}", at(t)),
            )
        }
        Step::Grace { segment, late, minutes, grace } => {
            let (zh, en) = if *late { ("迟到", "late") } else { ("早退", "early") };
            (
                format!("第 {segment} 段{zh} {minutes} 分钟，在 {grace} 分钟宽限内，不计{zh}"),
                format!(
                    "segment {segment}: {minutes} min {en}, within the {grace}-minute grace, forgiven"
                ),
            )
        }
        Step::Late { segment, minutes, serious } => {
            let s = if *serious { "严重迟到" } else { "迟到" };
            let e = if *serious { "seriously late" } else { "late" };
            (
                format!("第 {segment} 段{s} {minutes} 分钟（从上班时间算起）"),
                format!("segment {segment}: {e} by {minutes} min (from the on time)"),
            )
        }
        Step::Early { segment, minutes } => (
            format!("第 {segment} 段早退 {minutes} 分钟"),
            format!("segment {segment}: left {minutes} min early"),
        ),
        Step::SegmentAbsent { segment, minutes, because } => {
            let f = finding_name(*because);
            (
                format!("第 {segment} 段记旷工 {minutes} 分钟（{}）", f.zh),
                format!("segment {segment}: {minutes} min absent ({})", f.en),
            )
        }
        Step::Missing { segment, kind, minutes, counted_as_absent } => {
            let f = finding_name(*kind);
            let how = if *counted_as_absent { "，按规则记旷工" } else { "，待补卡" };
            let how_en = if *counted_as_absent {
                ", counted absent by the rules"
            } else {
                ", awaiting a make-up punch"
            };
            (
                format!("第 {segment} 段{}，{minutes} 分钟未核实{how}", f.zh),
                format!("segment {segment}: {}, {minutes} min unverified{how_en}", f.en),
            )
        }
        Step::Away { segment, minutes } => (
            format!("第 {segment} 段中途离岗 {minutes} 分钟"),
            format!("segment {segment}: away for {minutes} min"),
        ),
        Step::BreakDeducted { minutes, auto, .. } => {
            if *auto {
                (
                    format!("扣除休息 {minutes} 分钟（工作满时长后自动扣）"),
                    format!("{minutes} min break deducted (after enough work)"),
                )
            } else {
                (
                    format!("固定休息 {minutes} 分钟不计工时"),
                    format!("{minutes} min fixed break not counted as work"),
                )
            }
        }
        Step::BreakFromShortfall { minutes } => (
            format!("工作未满扣休息的时长，{minutes} 分钟休息从缺勤时间中扣"),
            format!("not enough work for the break: its {minutes} min come off the time missed"),
        ),
        Step::Leave { type_name, minutes, on_duty } => {
            if *minutes == 0 {
                (format!("{type_name}：休息日也计假"), format!("{type_name}: counts rest days too"))
            } else if *on_duty {
                (
                    format!("{type_name} {minutes} 分钟，算出勤"),
                    format!("{type_name} {minutes} min, counted as attendance"),
                )
            } else {
                (format!("{type_name} {minutes} 分钟"), format!("{type_name} {minutes} min"))
            }
        }
        Step::LeaveNotCounted { type_name } => (
            format!("{type_name}：这天不用上班，不计假"),
            format!("{type_name}: no shift that day, not counted"),
        ),
        Step::Worked { minutes } => {
            (format!("实际出勤 {minutes} 分钟"), format!("worked {minutes} min"))
        }
        Step::FlexibleArrival { arrived, latest, counted_from } => (
            format!(
                "弹性班次：{} 到，最晚 {} 到，从 {} 起算",
                clock(*arrived).0,
                clock(*latest).0,
                clock(*counted_from).0
            ),
            format!(
                "flexible: arrived {}, latest {}, counted from {}",
                clock(*arrived).1,
                clock(*latest).1,
                clock(*counted_from).1
            ),
        ),
        Step::Overtime { raw_minutes, minutes, class, to_time_off, reason } => {
            let (rzh, ren) = ot_reason(*reason);
            let (kzh, ken) = match class {
                Some(DayClass::Statutory) => ("节假日加班 300%", "holiday overtime 300%"),
                _ if *to_time_off => ("转为调休", "given back as time off"),
                Some(DayClass::RestDay)
                    if matches!(
                        reason,
                        OvertimeWhy::RestDayPresence
                            | OvertimeWhy::Approved
                            | OvertimeWhy::ApprovedWithinPunches
                    ) =>
                {
                    ("休息日加班 200%", "rest-day overtime 200%")
                }
                _ if matches!(reason, OvertimeWhy::RestDayPresence) => {
                    ("休息日加班 200%", "rest-day overtime 200%")
                }
                _ => ("工作日加班 150%", "workday overtime 150%"),
            };
            (
                format!("{rzh} {raw_minutes} 分钟，按单位取整后计 {minutes} 分钟，{kzh}"),
                format!("{ren}: {raw_minutes} min, {minutes} min after rounding, {ken}"),
            )
        }
        Step::OvertimeBelowMinimum { raw_minutes, minimum } => (
            format!("加班 {raw_minutes} 分钟，不足最短 {minimum} 分钟，不计"),
            format!(
                "{raw_minutes} min of overtime, under the {minimum}-minute minimum, not counted"
            ),
        ),
        Step::OvertimeCap { minutes, cap } => (
            format!("加班 {minutes} 分钟，超过每日上限 {cap} 分钟（只提醒，不扣减）"),
            format!(
                "{minutes} min of overtime, over the daily cap of {cap} (a warning, nothing cut)"
            ),
        ),
        Step::PeriodMinutes { minutes, reason } => {
            let (rzh, ren) = ot_reason(*reason);
            (
                format!(
                    "综合计算工时：{rzh} {minutes} 分钟计入结算周期，超过周期标准工时的部分才算加班"
                ),
                format!(
                    "comprehensive hours: {ren}, {minutes} min towards the settlement period; only the excess over the period's standard is overtime"
                ),
            )
        }
        Step::NoOvertime { raw_minutes } => (
            format!("不定时工作制：{raw_minutes} 分钟不计加班"),
            format!("non-fixed hours: {raw_minutes} min, no overtime computed"),
        ),
        Step::Corrected { correction, fix } => fix_text(*correction, fix),
        Step::Provisional { synced_until, needed } => {
            let s = synced_until.map_or_else(|| "尚未读取".to_owned(), |t| at(&t));
            let s_en = synced_until.map_or_else(|| "never".to_owned(), |t| at(&t));
            (
                format!("暂定结果：考勤机数据读到 {s}，需读到 {}", at(needed)),
                format!("provisional: terminals read up to {s_en}, needed up to {}", at(needed)),
            )
        }
    };
    Localized::new(zh, en)
}

#[cfg(test)]
mod tests {
    use super::step_text;
    use expect_test::expect;
    use kaoqin_testkit::scenario::Scenario;

    #[test]
    fn a_night_shift_reads_as_sentences() {
        let line = "22:00-06:00+1 grace=5 | 2026-10-12 | 21:50 21:50:30 06:42+1 07:58+1 | next=08:00-17:00";
        let r = Scenario::parse(line).run();
        let text: Vec<String> = r.trace.iter().map(|s| step_text(s).zh).collect();
        expect![[r#"
            班次 T scenario（来自考勤组每周安排），工作日
            10-12 20:00:00 至 10-13 07:00:00 之间的打卡属于这一天，与相邻班次按中点分开
            打卡 #2 10-12 21:50:30：不计，重复打卡：距上一次（#1）30 秒，在重复间隔内
            第 1 段 22:00–次日 06:00：签到时段 20:00–次日 00:00，签退时段 次日 04:00–次日 06:59
            打卡 #1 10-12 21:50:00：作为第 1 段上班卡
            打卡 #3 10-13 06:42:00：作为第 1 段下班卡
            实际出勤 480 分钟
            下班后继续工作 42 分钟，按单位取整后计 30 分钟，工作日加班 150%"#]]
        .assert_eq(&text.join("\n"));
    }
}
