//! Timetables, attendance groups, rotations and group membership: the tables of migration 0003.
//!
//! Versions of a timetable's or a group's rules are rows keyed by (owner, effective_from) with
//! the kaoqin-core value as JSON; saving a version on a date that already has one replaces it.
//! A timetable's code, name and colour live on its row and are not versioned: they are copied
//! into every version as it is read.
//!
//! Not here: validation, reference checks and messages (kaoqin-core, kaoqin-commands).

use chrono::{DateTime, NaiveDate, Utc};
use kaoqin_core::group::{
    GroupId, GroupRule, MemberTarget, Membership, Rotation, RotationId, Versioned,
};
use kaoqin_core::timetable::{Timetable, TimetableId};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Db, Error, Result, from_json, json, timestamp};

/// A timetable with every version of its rules, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimetableRow {
    pub id: TimetableId,
    pub versions: Vec<Versioned<Timetable>>,
}

impl TimetableRow {
    /// The newest version: what the timetable list shows.
    pub fn latest(&self) -> &Timetable {
        &self.versions[self.versions.len() - 1].value
    }
}

/// A group with every version of its rules, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    pub id: GroupId,
    pub name: String,
    pub versions: Vec<Versioned<GroupRule>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotationRow {
    pub id: RotationId,
    pub rotation: Rotation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipRow {
    pub id: i64,
    pub membership: Membership,
    pub saved_at: String,
    pub saved_by: String,
}

fn corrupt(what: &str, value: &str) -> Error {
    Error::Corrupt(format!("{what}: unexpected value {value:?}"))
}

fn date(value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| corrupt("date", value))
}

/// The two version tables share one shape.
struct VersionTable {
    table: &'static str,
    owner: &'static str,
}

const TIMETABLE_VERSIONS: VersionTable =
    VersionTable { table: "timetable_version", owner: "timetable_id" };
const GROUP_VERSIONS: VersionTable =
    VersionTable { table: "attendance_group_version", owner: "group_id" };

impl Db<'_> {
    fn versions<T: DeserializeOwned>(
        &self,
        t: &VersionTable,
        owner: i64,
    ) -> Result<Vec<Versioned<T>>> {
        let sql = format!(
            "SELECT effective_from, definition FROM {} WHERE {} = ?1 ORDER BY effective_from",
            t.table, t.owner
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([owner], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(from, def)| {
                Ok(Versioned { effective_from: date(&from)?, value: from_json(t.table, &def)? })
            })
            .collect()
    }

    fn upsert_version<T: Serialize>(
        &self,
        t: &VersionTable,
        owner: i64,
        effective_from: NaiveDate,
        value: &T,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<()> {
        let sql = format!(
            "INSERT INTO {} ({}, effective_from, definition, saved_at, saved_by)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO UPDATE SET definition = excluded.definition,
               saved_at = excluded.saved_at, saved_by = excluded.saved_by",
            t.table, t.owner
        );
        self.conn.execute(
            &sql,
            params![owner, effective_from.to_string(), json(value)?, timestamp(at), by],
        )?;
        Ok(())
    }

    fn delete_version(
        &self,
        t: &VersionTable,
        owner: i64,
        effective_from: NaiveDate,
    ) -> Result<bool> {
        let sql = format!("DELETE FROM {} WHERE {} = ?1 AND effective_from = ?2", t.table, t.owner);
        Ok(self.conn.execute(&sql, params![owner, effective_from.to_string()])? > 0)
    }

    /// Every timetable with its versions, by code.
    pub fn list_timetables(&self) -> Result<Vec<TimetableRow>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, code, name, color FROM timetable ORDER BY code")?;
        let heads = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        heads
            .into_iter()
            .map(|(id, code, name, color)| {
                let mut versions: Vec<Versioned<Timetable>> =
                    self.versions(&TIMETABLE_VERSIONS, id)?;
                if versions.is_empty() {
                    return Err(Error::Corrupt(format!("timetable {code} has no version")));
                }
                for v in &mut versions {
                    v.value.code.clone_from(&code);
                    v.value.name.clone_from(&name);
                    v.value.color.clone_from(&color);
                }
                Ok(TimetableRow { id, versions })
            })
            .collect()
    }

    /// Creates a timetable with its first version; returns its id.
    pub fn insert_timetable(
        &self,
        timetable: &Timetable,
        effective_from: NaiveDate,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<TimetableId> {
        self.conn.execute(
            "INSERT INTO timetable (code, name, color, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![timetable.code, timetable.name, timetable.color, timestamp(at), by],
        )?;
        let id = self.conn.last_insert_rowid();
        self.upsert_version(&TIMETABLE_VERSIONS, id, effective_from, timetable, at, by)?;
        Ok(id)
    }

    /// Saves the rules from `effective_from` on, and the code, name and colour for all dates.
    pub fn update_timetable(
        &self,
        id: TimetableId,
        timetable: &Timetable,
        effective_from: NaiveDate,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE timetable SET code = ?2, name = ?3, color = ?4 WHERE id = ?1",
            params![id, timetable.code, timetable.name, timetable.color],
        )?;
        self.upsert_version(&TIMETABLE_VERSIONS, id, effective_from, timetable, at, by)
    }

    /// Removes one version; the timetable itself goes when its last version does.
    pub fn delete_timetable_version(
        &self,
        id: TimetableId,
        effective_from: NaiveDate,
    ) -> Result<bool> {
        let removed = self.delete_version(&TIMETABLE_VERSIONS, id, effective_from)?;
        if self.versions::<serde_json::Value>(&TIMETABLE_VERSIONS, id)?.is_empty() {
            self.conn.execute("DELETE FROM timetable WHERE id = ?1", [id])?;
        }
        Ok(removed)
    }

    pub fn delete_timetable(&self, id: TimetableId) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM timetable WHERE id = ?1", [id])? > 0)
    }

    /// Every group with its versions, by name.
    pub fn list_groups(&self) -> Result<Vec<GroupRow>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, name FROM attendance_group ORDER BY name")?;
        let heads = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        heads
            .into_iter()
            .map(|(id, name)| {
                let versions = self.versions(&GROUP_VERSIONS, id)?;
                if versions.is_empty() {
                    return Err(Error::Corrupt(format!("attendance group {name} has no version")));
                }
                Ok(GroupRow { id, name, versions })
            })
            .collect()
    }

    pub fn insert_group(
        &self,
        name: &str,
        rule: &GroupRule,
        effective_from: NaiveDate,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<GroupId> {
        self.conn.execute(
            "INSERT INTO attendance_group (name, created_at, created_by) VALUES (?1, ?2, ?3)",
            params![name, timestamp(at), by],
        )?;
        let id = self.conn.last_insert_rowid();
        self.upsert_version(&GROUP_VERSIONS, id, effective_from, rule, at, by)?;
        Ok(id)
    }

    pub fn update_group(
        &self,
        id: GroupId,
        name: &str,
        rule: &GroupRule,
        effective_from: NaiveDate,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<()> {
        self.conn
            .execute("UPDATE attendance_group SET name = ?2 WHERE id = ?1", params![id, name])?;
        self.upsert_version(&GROUP_VERSIONS, id, effective_from, rule, at, by)
    }

    pub fn delete_group_version(&self, id: GroupId, effective_from: NaiveDate) -> Result<bool> {
        self.delete_version(&GROUP_VERSIONS, id, effective_from)
    }

    pub fn delete_group(&self, id: GroupId) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM attendance_group WHERE id = ?1", [id])? > 0)
    }

    pub fn list_rotations(&self) -> Result<Vec<RotationRow>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, name, days FROM rotation ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, name, days)| {
                Ok(RotationRow {
                    id,
                    rotation: Rotation { name, days: from_json("rotation", &days)? },
                })
            })
            .collect()
    }

    /// Creates (`id` = `None`) or replaces a rotation; returns its id.
    pub fn upsert_rotation(
        &self,
        id: Option<RotationId>,
        rotation: &Rotation,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<RotationId> {
        let days = json(&rotation.days)?;
        match id {
            Some(id) => {
                self.conn.execute(
                    "UPDATE rotation SET name = ?2, days = ?3, saved_at = ?4, saved_by = ?5
                     WHERE id = ?1",
                    params![id, rotation.name, days, timestamp(at), by],
                )?;
                Ok(id)
            }
            None => {
                self.conn.execute(
                    "INSERT INTO rotation (name, days, saved_at, saved_by) VALUES (?1, ?2, ?3, ?4)",
                    params![rotation.name, days, timestamp(at), by],
                )?;
                Ok(self.conn.last_insert_rowid())
            }
        }
    }

    pub fn delete_rotation(&self, id: RotationId) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM rotation WHERE id = ?1", [id])? > 0)
    }

    /// Every membership assignment, oldest first per target.
    pub fn list_memberships(&self) -> Result<Vec<MembershipRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, department_id, employee_id, group_id, effective_from, saved_at, saved_by
             FROM group_membership ORDER BY effective_from, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, department, employee, group, from, saved_at, saved_by)| {
                let target = match (department, employee) {
                    (Some(d), None) => MemberTarget::Department(d),
                    (None, Some(e)) => MemberTarget::Employee(e),
                    _ => return Err(corrupt("group membership", &id.to_string())),
                };
                Ok(MembershipRow {
                    id,
                    membership: Membership { target, group, effective_from: date(&from)? },
                    saved_at,
                    saved_by,
                })
            })
            .collect()
    }

    fn target_columns(target: MemberTarget) -> (Option<i64>, Option<i64>) {
        match target {
            MemberTarget::Department(d) => (Some(d), None),
            MemberTarget::Employee(e) => (None, Some(e)),
        }
    }

    /// The assignment of `target` on exactly `effective_from`, if there is one.
    pub fn get_membership(
        &self,
        target: MemberTarget,
        effective_from: NaiveDate,
    ) -> Result<Option<Membership>> {
        let (d, e) = Self::target_columns(target);
        let group = self
            .conn
            .query_row(
                "SELECT group_id FROM group_membership
                 WHERE department_id IS ?1 AND employee_id IS ?2 AND effective_from = ?3",
                params![d, e, effective_from.to_string()],
                |r| r.get::<_, Option<i64>>(0),
            )
            .optional()?;
        Ok(group.map(|group| Membership { target, group, effective_from }))
    }

    /// Records an assignment, replacing one of the same target on the same date.
    pub fn upsert_membership(&self, m: &Membership, at: DateTime<Utc>, by: &str) -> Result<()> {
        let (d, e) = Self::target_columns(m.target);
        self.conn.execute(
            "DELETE FROM group_membership
             WHERE department_id IS ?1 AND employee_id IS ?2 AND effective_from = ?3",
            params![d, e, m.effective_from.to_string()],
        )?;
        self.conn.execute(
            "INSERT INTO group_membership
               (department_id, employee_id, group_id, effective_from, saved_at, saved_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![d, e, m.group, m.effective_from.to_string(), timestamp(at), by],
        )?;
        Ok(())
    }

    pub fn delete_membership(
        &self,
        target: MemberTarget,
        effective_from: NaiveDate,
    ) -> Result<bool> {
        let (d, e) = Self::target_columns(target);
        let n = self.conn.execute(
            "DELETE FROM group_membership
             WHERE department_id IS ?1 AND employee_id IS ?2 AND effective_from = ?3",
            params![d, e, effective_from.to_string()],
        )?;
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use kaoqin_core::group::GroupKind;
    use kaoqin_core::timetable::{self, SegmentForm, TimetableForm};

    use crate::Store;

    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).expect("time")
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn day_shift(on: &str) -> Timetable {
        timetable::validate(&TimetableForm {
            code: "D".into(),
            name: "白班".into(),
            kind: "fixed".into(),
            segments: vec![SegmentForm {
                on: on.into(),
                off: "18:00".into(),
                ..Default::default()
            }],
            ..Default::default()
        })
        .expect("valid")
    }

    #[test]
    fn timetable_versions_keep_history_and_share_the_name() {
        let mut store = Store::open_in_memory().expect("open");
        let id = store
            .write(|db| db.insert_timetable(&day_shift("09:00"), d("2026-01-01"), at(), "admin"))
            .expect("insert");
        let mut renamed = day_shift("08:30");
        renamed.name = "早八点半".into();
        store
            .write(|db| db.update_timetable(id, &renamed, d("2026-10-01"), at(), "admin"))
            .expect("update");
        let rows = store.read().list_timetables().expect("list");
        assert_eq!(rows.len(), 1);
        let versions = &rows[0].versions;
        assert_eq!(versions.len(), 2, "the earlier rules are kept");
        assert_eq!(versions[0].value.work_spans(), vec![(540, 1080)], "09:00 until October");
        assert_eq!(versions[1].value.work_spans(), vec![(510, 1080)]);
        assert!(versions.iter().all(|v| v.value.name == "早八点半"), "the name is not versioned");

        store.write(|db| db.delete_timetable_version(id, d("2026-10-01"))).expect("delete");
        assert_eq!(store.read().list_timetables().expect("list")[0].versions.len(), 1);
        store.write(|db| db.delete_timetable_version(id, d("2026-01-01"))).expect("delete");
        assert!(store.read().list_timetables().expect("list").is_empty(), "last version gone");
    }

    #[test]
    fn memberships_replace_on_the_same_date_and_groups_in_use_stay() {
        let mut store = Store::open_in_memory().expect("open");
        let rule = GroupRule {
            kind: GroupKind::Scheduled,
            week: [None; 7],
            follow_holidays: true,
            min_rest_minutes: 480,
            max_consecutive_days: 6,
            hours: kaoqin_core::group::HoursSystem::Standard,
        };
        let (group, dept) = store
            .write(|db| {
                let g = db.insert_group("车间", &rule, d("2026-01-01"), at(), "admin")?;
                let dept = db.insert_department(None, "生产部", at())?;
                Ok::<_, Error>((g, dept))
            })
            .expect("setup");
        let m = |group| Membership {
            target: MemberTarget::Department(dept),
            group,
            effective_from: d("2026-10-01"),
        };
        store.write(|db| db.upsert_membership(&m(Some(group)), at(), "admin")).expect("assign");
        store.write(|db| db.upsert_membership(&m(None), at(), "admin")).expect("replace");
        let rows = store.read().list_memberships().expect("list");
        assert_eq!(rows.iter().map(|r| r.membership).collect::<Vec<_>>(), vec![m(None)]);
        store.write(|db| db.upsert_membership(&m(Some(group)), at(), "admin")).expect("assign");
        let refused = store.write(|db| db.delete_group(group));
        assert!(refused.is_err(), "a group with members is not deleted: {refused:?}");
    }
}
