//! Departments (部门) and the department tree: name rules, paths such as `总部/生产部/一车间`,
//! and the subtree test that keeps a move from creating a cycle.
//!
//! Tree functions take the flat list of nodes the store returns; they never query anything.
//! Not here: whether a department may be deleted (that needs counts from the store).

use std::collections::HashMap;

use crate::validation::{self, CharSet, Field, FieldError, Problem};

/// Separator between levels in a department path.
pub const PATH_SEPARATOR: char = '/';
/// Longest department name, in characters.
pub const NAME_MAX_CHARS: usize = 50;

/// Surrogate key of a department row.
pub type DepartmentId = i64;

/// A department as the tree functions need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentNode {
    pub id: DepartmentId,
    pub parent_id: Option<DepartmentId>,
    pub name: String,
}

/// Validates a department name: required, at most 50 characters, no `/`.
pub fn name(value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let name = validation::text(Field::DepartmentName, value, true, NAME_MAX_CHARS, errors)?;
    if name.contains(PATH_SEPARATOR) {
        errors.push(FieldError::new(
            Field::DepartmentName,
            Problem::BadCharacters { allowed: CharSet::NoSlash },
            value,
        ));
        return None;
    }
    Some(name)
}

/// Splits a path such as `总部/生产部/一车间` into its names; surrounding spaces around each
/// level are ignored. Empty levels (`总部//一车间`) give `None`.
pub fn split_path(path: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = path.split(PATH_SEPARATOR).map(str::trim).collect();
    if parts.iter().any(|p| p.is_empty()) { None } else { Some(parts) }
}

/// The full path of every department, root first (`总部/生产部`). A node whose parent is missing
/// from the list, or that sits on a cycle, gets the path of what could be resolved.
pub fn paths(nodes: &[DepartmentNode]) -> HashMap<DepartmentId, String> {
    let by_id: HashMap<DepartmentId, &DepartmentNode> = nodes.iter().map(|n| (n.id, n)).collect();
    nodes
        .iter()
        .map(|node| {
            let mut names = vec![node.name.as_str()];
            let mut cursor = node.parent_id;
            while let Some(parent) = cursor.and_then(|id| by_id.get(&id)) {
                if names.len() > nodes.len() {
                    break; // a cycle in stored data must not hang the caller
                }
                names.push(parent.name.as_str());
                cursor = parent.parent_id;
            }
            names.reverse();
            (node.id, names.join(&PATH_SEPARATOR.to_string()))
        })
        .collect()
}

/// `id` followed by its parent, grandparent … up to the root (what group membership walks).
pub fn ancestors(nodes: &[DepartmentNode], id: DepartmentId) -> Vec<DepartmentId> {
    let parent: HashMap<DepartmentId, Option<DepartmentId>> =
        nodes.iter().map(|n| (n.id, n.parent_id)).collect();
    let mut out = vec![id];
    let mut cursor = parent.get(&id).copied().flatten();
    while let Some(p) = cursor {
        if out.len() > nodes.len() || out.contains(&p) {
            break; // a cycle in stored data must not hang the caller
        }
        out.push(p);
        cursor = parent.get(&p).copied().flatten();
    }
    out
}

/// True when `candidate` is `root` itself or lies anywhere below it.
pub fn in_subtree(nodes: &[DepartmentNode], root: DepartmentId, candidate: DepartmentId) -> bool {
    let parent: HashMap<DepartmentId, Option<DepartmentId>> =
        nodes.iter().map(|n| (n.id, n.parent_id)).collect();
    let mut cursor = Some(candidate);
    let mut steps = 0;
    while let Some(id) = cursor {
        if id == root {
            return true;
        }
        steps += 1;
        if steps > nodes.len() {
            return false;
        }
        cursor = parent.get(&id).copied().flatten();
    }
    false
}

/// Every department in the subtree rooted at `root`, `root` included.
pub fn subtree(nodes: &[DepartmentNode], root: DepartmentId) -> Vec<DepartmentId> {
    nodes.iter().filter(|n| in_subtree(nodes, root, n.id)).map(|n| n.id).collect()
}

/// Orders nodes depth-first (parents before children, siblings by name), the order a tree view
/// and a printed list both want.
pub fn depth_first(nodes: &[DepartmentNode]) -> Vec<(DepartmentId, usize)> {
    let mut children: HashMap<Option<DepartmentId>, Vec<&DepartmentNode>> = HashMap::new();
    let ids: std::collections::HashSet<DepartmentId> = nodes.iter().map(|n| n.id).collect();
    for n in nodes {
        // Orphans (parent missing) are shown as roots rather than hidden.
        let key = n.parent_id.filter(|p| ids.contains(p));
        children.entry(key).or_default().push(n);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    }
    let mut out = Vec::with_capacity(nodes.len());
    let mut stack: Vec<(DepartmentId, usize)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|n| (n.id, 0)).collect())
        .unwrap_or_default();
    while let Some((id, depth)) = stack.pop() {
        if out.len() > nodes.len() {
            break;
        }
        out.push((id, depth));
        if let Some(kids) = children.get(&Some(id)) {
            stack.extend(kids.iter().rev().map(|n| (n.id, depth + 1)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Vec<DepartmentNode> {
        let n = |id, parent_id, name: &str| DepartmentNode { id, parent_id, name: name.into() };
        vec![
            n(1, None, "总部"),
            n(2, Some(1), "生产部"),
            n(3, Some(2), "一车间"),
            n(4, Some(1), "财务部"),
            n(5, None, "分公司"),
        ]
    }

    #[test]
    fn paths_are_root_first() {
        let p = paths(&tree());
        assert_eq!(p[&3], "总部/生产部/一车间");
        assert_eq!(p[&5], "分公司");
    }

    #[test]
    fn ancestors_nearest_first() {
        assert_eq!(ancestors(&tree(), 3), vec![3, 2, 1], "一车间, 生产部, 总部");
        assert_eq!(ancestors(&tree(), 5), vec![5]);
    }

    #[test]
    fn subtree_membership() {
        let t = tree();
        assert!(in_subtree(&t, 1, 3), "一车间 is under 总部");
        assert!(in_subtree(&t, 2, 2), "a department is in its own subtree");
        assert!(!in_subtree(&t, 2, 4), "财务部 is a sibling, not a child, of 生产部");
        let mut sub = subtree(&t, 2);
        sub.sort();
        assert_eq!(sub, vec![2, 3]);
    }

    #[test]
    fn depth_first_order() {
        let order: Vec<_> = depth_first(&tree());
        assert_eq!(order, vec![(5, 0), (1, 0), (2, 1), (3, 2), (4, 1)]);
    }

    #[test]
    fn cycles_in_stored_data_do_not_hang() {
        let n = |id, parent_id| DepartmentNode { id, parent_id: Some(parent_id), name: "x".into() };
        let cyclic = vec![n(1, 2), n(2, 1)];
        assert!(!in_subtree(&cyclic, 3, 1));
        assert_eq!(paths(&cyclic).len(), 2);
    }

    #[test]
    fn names_and_paths() {
        let mut errors = Vec::new();
        assert_eq!(name("生产部", &mut errors), Some("生产部".into()));
        assert_eq!(name("生产/质检", &mut errors), None);
        assert_eq!(errors[0].problem, Problem::BadCharacters { allowed: CharSet::NoSlash });
        assert_eq!(split_path("总部 / 生产部"), Some(vec!["总部", "生产部"]));
        assert_eq!(split_path("总部//生产部"), None);
    }
}
