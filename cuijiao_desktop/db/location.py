"""Where an SQLite file may live: never on a network share.

SQLite's WAL mode keeps its lock table in shared memory (the ``-shm`` file), which only works
when every process runs on the same computer; network file systems also get POSIX locks wrong.
Two desks on one file over a share corrupt it sooner or later (SQLite's "How To Corrupt",
§2.1 and §2.5). Several desks use PostgreSQL instead; this module refuses the share with a
message that says so.

Recognised: Windows UNC paths (``\\\\server\\share\\…``, ``//server/share/…``) and mapped network
drives (``GetDriveTypeW`` says ``DRIVE_REMOTE``); on Linux the file system type of the mount
that holds the path in ``/proc/mounts`` (NFS, SMB/CIFS, SSHFS, WebDAV, AFS, Ceph, GlusterFS, 9p …).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path, PurePath, PureWindowsPath

from cuijiao_desktop.domain.errors import DomainError

#: File system types of network mounts (``/proc/mounts`` third column; FUSE ones as ``fuse.NAME``).
NETWORK_FS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p", "ceph",
    "glusterfs", "lustre", "gpfs", "beegfs", "ocfs2", "gfs2", "davfs", "fuse.sshfs", "fuse.davfs2",
    "fuse.gvfsd-fuse", "fuse.glusterfs", "fuse.cephfs", "fuse.s3fs", "fuse.rclone", "fuse.smbnetfs",
})

_DRIVE_REMOTE = 4  # GetDriveTypeW


def is_unc(path: str | PurePath) -> bool:
    """True for a Windows UNC path (``\\\\server\\share\\x`` or ``//server/share/x``), on any system."""
    text = str(path).replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    return text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))


def _unescape_mount(field: str) -> str:
    """``/proc/mounts`` escapes space, tab, newline and backslash as octal (``\\040``)."""
    out, i = [], 0
    while i < len(field):
        code = field[i + 1:i + 4]
        if field[i] == "\\" and len(code) == 3 and code.isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def mount_of(path: Path, mounts_text: str) -> tuple[str, str] | None:
    """(mount point, file system type) of the longest mount point that contains ``path``."""
    best: tuple[str, str] | None = None
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, fstype = _unescape_mount(parts[1]), parts[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, fstype)
    return best


def _windows_drive_is_remote(path: str) -> bool:
    import ctypes

    drive = PureWindowsPath(path).drive
    if not drive or not drive.endswith(":"):
        return False
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == _DRIVE_REMOTE  # type: ignore[attr-defined]


def network_location(
    path: str | os.PathLike[str],
    *,
    platform: str | None = None,
    read_mounts: Callable[[], str] | None = None,
    drive_is_remote: Callable[[str], bool] | None = None,
) -> str | None:
    """A short description of the network share that holds ``path`` (e.g. ``"nfs4 /mnt/office"``,
    ``"\\\\server\\share"``), or None for a local disk. The keyword arguments are for tests."""
    platform = platform or sys.platform
    text = os.fspath(path)
    if is_unc(text):
        parts = [p for p in text.replace("/", "\\").split("\\") if p]
        if parts[:2] == ["?", "UNC"] or (parts[:1] == ["?"] and parts[1:2] and parts[1].upper() == "UNC"):
            parts = parts[2:]
        return "\\\\" + "\\".join(parts[:2]) if len(parts) >= 2 else text
    if platform.startswith("win"):
        check = drive_is_remote or _windows_drive_is_remote
        if check(text):
            return PureWindowsPath(text).drive
        return None
    if platform.startswith("linux"):
        if read_mounts is None:
            def read_mounts() -> str:
                try:
                    return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
                except OSError:
                    return ""
        found = mount_of(Path(text).resolve(), read_mounts())
        if found is not None and found[1] in NETWORK_FS:
            return f"{found[1]} {found[0]}"
    return None


def check_local_file(path: str | os.PathLike[str]) -> None:
    """Refuse an SQLite file on a network share (``DomainError("db.network_share")``)."""
    where = network_location(path)
    if where is not None:
        raise DomainError("db.network_share", path=os.fspath(path), share=where)
