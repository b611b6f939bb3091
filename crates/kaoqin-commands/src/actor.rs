//! The acting user, roles, and the policy table: which action each use case needs and which
//! roles may perform it. Department scope is turned into a list of department ids that the store
//! applies in SQL.
//!
//! Until the security issue adds logins, every caller acts as the built-in administrator.

use std::collections::BTreeSet;

use kaoqin_core::department::{self, DepartmentId, DepartmentNode};
use serde::Serialize;

/// A role (角色). Deny by default: [`allowed`] lists what each may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 管理员: everything.
    Admin,
    /// 考勤员: the roster, attendance and settings, not users and restore.
    HrClerk,
    /// 部门负责人: reads the roster of their own departments only.
    DeptManager,
    /// 审计员: settings and (later) reports and the audit log; no personal details.
    Auditor,
}

/// What a use case needs permission for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ViewRoster,
    EditRoster,
    ViewSettings,
    EditSettings,
    /// Reading, verifying and exporting the audit log.
    ViewAudit,
}

/// The policy table: may `role` perform `action`?
pub fn allowed(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::Admin => true,
        Role::HrClerk => {
            matches!(action, ViewRoster | EditRoster | ViewSettings | EditSettings | ViewAudit)
        }
        Role::DeptManager => matches!(action, ViewRoster | ViewSettings),
        Role::Auditor => matches!(action, ViewSettings | ViewAudit),
    }
}

/// Every use case by the name the desktop registers it under, with the action it requires.
/// The desktop's capability file and command list must match this table (a test checks).
pub const COMMANDS: &[(&str, Action)] = &[
    ("get_overview", Action::ViewSettings),
    ("get_company", Action::ViewSettings),
    ("update_company", Action::EditSettings),
    ("list_departments", Action::ViewRoster),
    ("add_department", Action::EditRoster),
    ("rename_department", Action::EditRoster),
    ("move_department", Action::EditRoster),
    ("delete_department", Action::EditRoster),
    ("list_employees", Action::ViewRoster),
    ("get_employee", Action::ViewRoster),
    ("add_employee", Action::EditRoster),
    ("edit_employee", Action::EditRoster),
    ("deactivate_employee", Action::EditRoster),
    ("reactivate_employee", Action::EditRoster),
    ("import_template", Action::ViewRoster),
    ("check_import", Action::EditRoster),
    ("run_import", Action::EditRoster),
    ("get_calendar_status", Action::ViewSettings),
    ("get_calendar_year", Action::ViewSettings),
    ("get_calendar_day", Action::ViewSettings),
    ("export_calendar_year", Action::ViewSettings),
    ("import_calendar_year", Action::EditSettings),
    ("save_calendar_year", Action::EditSettings),
    ("delete_calendar_year", Action::EditSettings),
    ("add_company_day", Action::EditSettings),
    ("delete_company_day", Action::EditSettings),
    ("list_timetables", Action::ViewSettings),
    ("save_timetable", Action::EditSettings),
    ("delete_timetable", Action::EditSettings),
    ("list_rotations", Action::ViewSettings),
    ("save_rotation", Action::EditSettings),
    ("delete_rotation", Action::EditSettings),
    ("list_groups", Action::ViewSettings),
    ("save_group", Action::EditSettings),
    ("delete_group", Action::EditSettings),
    ("assign_group", Action::EditSettings),
    ("remove_assignment", Action::EditSettings),
    ("list_group_members", Action::ViewRoster),
    ("employee_group", Action::ViewRoster),
    ("export_setup", Action::ViewSettings),
    ("import_setup", Action::EditSettings),
    ("get_schedule", Action::ViewRoster),
    ("edit_schedule", Action::EditRoster),
    ("list_leave_types", Action::ViewSettings),
    ("save_leave_type", Action::EditSettings),
    ("add_leave", Action::EditRoster),
    ("list_leave", Action::ViewRoster),
    ("cancel_leave", Action::EditRoster),
    ("grant_annual_leave", Action::EditRoster),
    ("adjust_balance", Action::EditRoster),
    ("leave_balances", Action::ViewRoster),
    ("import_punches", Action::EditRoster),
    ("compute_month", Action::EditRoster),
    ("get_month_summary", Action::ViewRoster),
    ("get_person_month", Action::ViewRoster),
    ("get_day_detail", Action::ViewRoster),
    ("get_rules", Action::ViewSettings),
    ("save_rules", Action::EditSettings),
    ("what_if", Action::ViewRoster),
    ("list_terminals", Action::ViewSettings),
    ("save_terminal", Action::EditSettings),
    ("delete_terminal", Action::EditSettings),
    ("test_terminal", Action::ViewSettings),
    ("set_terminal_time", Action::EditSettings),
    ("pull_terminal", Action::EditRoster),
    ("list_pulls", Action::ViewSettings),
    ("list_quarantine", Action::ViewRoster),
    ("terminal_users", Action::ViewRoster),
    ("upload_employees", Action::EditSettings),
    ("list_push_devices", Action::ViewSettings),
    ("approve_push_device", Action::EditSettings),
    ("get_push_receiver", Action::ViewSettings),
    ("verify_audit", Action::ViewAudit),
    ("list_audit", Action::ViewAudit),
    ("export_audit", Action::ViewAudit),
    ("list_exceptions", Action::ViewRoster),
    ("resolve_exceptions", Action::EditRoster),
    ("undo_correction", Action::EditRoster),
    ("list_corrections", Action::ViewRoster),
    ("list_flags", Action::ViewRoster),
    ("dismiss_flag", Action::EditRoster),
    ("period_status", Action::ViewRoster),
    ("close_period", Action::EditRoster),
    ("reopen_period", Action::EditRoster),
    ("save_push_receiver", Action::EditSettings),
    ("users_from_file", Action::ViewRoster),
];

/// The action a command requires (panics in tests only if a command is missing from the table).
pub fn required_action(command: &str) -> Option<Action> {
    COMMANDS.iter().find(|(name, _)| *name == command).map(|(_, a)| *a)
}

/// The acting user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Login name, recorded in the audit log.
    pub login: String,
    pub role: Role,
    /// For [`Role::DeptManager`]: the departments they manage (with everything below them).
    pub departments: Vec<DepartmentId>,
}

impl Actor {
    /// The built-in administrator every caller acts as until logins exist.
    pub fn builtin_admin() -> Actor {
        Actor { login: "admin".into(), role: Role::Admin, departments: Vec::new() }
    }

    /// Fails with [`crate::Error::Forbidden`] unless the role may perform `action`.
    pub fn require(&self, action: Action) -> crate::Result<()> {
        if allowed(self.role, action) {
            Ok(())
        } else {
            Err(crate::Error::Forbidden { role: self.role, action })
        }
    }

    /// Departments this actor may see: `None` = all, otherwise the managed subtrees.
    pub fn department_scope(&self, all: &[DepartmentNode]) -> Option<BTreeSet<DepartmentId>> {
        match self.role {
            Role::Admin | Role::HrClerk | Role::Auditor => None,
            Role::DeptManager => Some(
                self.departments.iter().flat_map(|root| department::subtree(all, *root)).collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deny_by_default_matrix() {
        use Action::*;
        let expect = [
            (Role::Admin, [true, true, true, true, true]),
            (Role::HrClerk, [true, true, true, true, true]),
            (Role::DeptManager, [true, false, true, false, false]),
            (Role::Auditor, [false, false, true, false, true]),
        ];
        for (role, row) in expect {
            for (action, want) in
                [ViewRoster, EditRoster, ViewSettings, EditSettings, ViewAudit].into_iter().zip(row)
            {
                assert_eq!(allowed(role, action), want, "{role:?} × {action:?}");
            }
        }
    }

    #[test]
    fn command_names_are_unique() {
        let mut names: Vec<_> = COMMANDS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COMMANDS.len());
    }
}
