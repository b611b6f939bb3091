//! Where the database lives: the default path in the OS data directory, and the refusal of
//! paths on network shares (SQLite's locking and sync are unreliable there).
//!
//! Linux: the file system type of the mount holding the path is read from
//! `/proc/self/mountinfo` (NFS, SMB/CIFS, sshfs and similar are refused). Windows:
//! `canonicalize` resolves mapped network drives to `\\?\UNC\…` paths, so one prefix test
//! covers both UNC paths and mapped drives. Written by hand: no crate does this check.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Environment variable that overrides the default database path.
pub const DB_ENV: &str = "KAOQIN_DB";
/// File name of the database inside the data directory.
pub const DB_FILE: &str = "kaoqin.db";

/// The default database: `%LOCALAPPDATA%\Kaoqin\data\kaoqin.db` on Windows,
/// `~/.local/share/kaoqin/kaoqin.db` on Linux. Local, not roaming: a roaming profile would copy
/// the live database over the network at every logon.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Kaoqin").map(|d| d.data_local_dir().join(DB_FILE))
}

/// The database path to use: an explicit one, else `$KAOQIN_DB`, else the default.
pub fn resolve_db_path(explicit: Option<&Path>) -> Option<PathBuf> {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os(DB_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(default_db_path)
}

/// File system types that are network file systems.
const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "9p",
    "ceph",
    "glusterfs",
    "fuse.sshfs",
    "fuse.rclone",
    "fuse.s3fs",
    "davfs",
    "fuse.davfs2",
    "lustre",
];

/// Fails with [`Error::NetworkPath`] when `path` lies on a network file system.
pub fn refuse_network_path(path: &Path) -> Result<()> {
    let text = path.to_string_lossy();
    if text.starts_with(r"\\") || text.starts_with("//") {
        return Err(Error::NetworkPath { path: path.to_path_buf(), fs_type: "UNC".into() });
    }
    // The file may not exist yet: check the nearest existing ancestor.
    let existing = path.ancestors().find(|p| p.exists()).unwrap_or(Path::new("."));
    let Ok(canonical) = std::fs::canonicalize(existing) else { return Ok(()) };
    if canonical.to_string_lossy().starts_with(r"\\?\UNC\") {
        return Err(Error::NetworkPath { path: path.to_path_buf(), fs_type: "UNC".into() });
    }
    if let Ok(mountinfo) = std::fs::read_to_string("/proc/self/mountinfo")
        && let Some(fs_type) = mount_fs_type(&mountinfo, &canonical)
        && is_network_fs(&fs_type)
    {
        return Err(Error::NetworkPath { path: path.to_path_buf(), fs_type });
    }
    Ok(())
}

/// True for file system types that live on another machine.
pub fn is_network_fs(fs_type: &str) -> bool {
    NETWORK_FS.contains(&fs_type)
}

/// The file system type of the mount that holds `path`, from `/proc/self/mountinfo` text
/// (field 5 is the mount point; the type follows the ` - ` separator).
pub fn mount_fs_type(mountinfo: &str, path: &Path) -> Option<String> {
    mountinfo
        .lines()
        .filter_map(|line| {
            let (left, right) = line.split_once(" - ")?;
            let mount_point = unescape_mount(left.split(' ').nth(4)?);
            let fs_type = right.split(' ').next()?;
            path.starts_with(&mount_point).then(|| (mount_point, fs_type.to_owned()))
        })
        .max_by_key(|(mount_point, _)| mount_point.as_os_str().len())
        .map(|(_, fs_type)| fs_type)
}

/// mountinfo escapes space, tab, newline and backslash as `\040`, `\011`, `\012`, `\134`.
fn unescape_mount(s: &str) -> PathBuf {
    PathBuf::from(
        s.replace("\\040", " ")
            .replace("\\011", "\t")
            .replace("\\012", "\n")
            .replace("\\134", "\\"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTINFO: &str = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/hr rw,relatime shared:20 - cifs //fileserver/hr rw,vers=3.0
41 22 0:36 / /mnt/hr\\040share rw,relatime shared:21 - nfs4 server:/export rw
42 40 8:2 / /mnt/hr/local rw,relatime shared:22 - ext4 /dev/sdb1 rw";

    #[test]
    fn longest_mount_point_wins() {
        let t = |p: &str| mount_fs_type(MOUNTINFO, Path::new(p));
        assert_eq!(t("/home/clerk/kaoqin.db").as_deref(), Some("ext4"));
        assert_eq!(t("/mnt/hr/kaoqin.db").as_deref(), Some("cifs"));
        assert_eq!(t("/mnt/hr/local/kaoqin.db").as_deref(), Some("ext4"), "nested local mount");
        assert_eq!(
            t("/mnt/hr share/k.db").as_deref(),
            Some("nfs4"),
            "escaped space in mount point"
        );
        assert_eq!(
            t("/mnt/hrx/k.db").as_deref(),
            Some("ext4"),
            "prefix must match whole components"
        );
    }

    #[test]
    fn unc_paths_are_refused() {
        for p in [r"\\fileserver\hr\kaoqin.db", "//fileserver/hr/kaoqin.db"] {
            assert!(
                matches!(refuse_network_path(Path::new(p)), Err(Error::NetworkPath { .. })),
                "{p} is a network path"
            );
        }
        assert!(is_network_fs("cifs") && is_network_fs("nfs4") && !is_network_fs("ext4"));
    }

    #[test]
    fn local_temp_dir_is_accepted() {
        let dir = std::env::temp_dir().join("kaoqin-location-test.db");
        assert!(refuse_network_path(&dir).is_ok());
    }
}
