"""Files that appear whole or not at all: written under a temporary name in the same folder, then renamed.

A killed writer leaves only its hidden temporary (``.NAME.tmp-PID``), which the next write of the same
name removes; a failed write (a full disk) removes its own and raises :class:`WriteError` with one line.
"""
from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Iterator

from .errors import WriteError

log = logging.getLogger(__name__)


def temp_name(final: str, pid: int | None = None) -> str:
    folder, name = os.path.split(os.path.abspath(final))
    return os.path.join(folder, f".{name}.tmp-{pid or os.getpid()}")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


def remove_stale_temps(final: str) -> list[str]:
    """Remove the temporaries that writers of ``final`` killed on this machine left behind."""
    folder, name = os.path.split(os.path.abspath(final))
    prefix = f".{name}.tmp-"
    removed = []
    with contextlib.suppress(FileNotFoundError):
        for entry in os.listdir(folder):
            pid = entry[len(prefix):].split(".")[0]
            if entry.startswith(prefix) and pid.isdigit() and not pid_alive(int(pid)):
                remove(os.path.join(folder, entry))
                removed.append(entry)
    return removed


def write_error(final: str, exc: OSError) -> WriteError:
    reason = exc.strerror or (str(exc).splitlines() or [type(exc).__name__])[0]
    return WriteError(f"cannot write {final}: {reason}; nothing was written there (run the same command again "
                      "once the cause is fixed)")


@contextlib.contextmanager
def replacing(final: str) -> Iterator[str]:
    """Yield a temporary path to write (a file or a folder); on success it replaces ``final`` whole.

    On any failure the temporary is removed and ``final`` is left as it was; an OSError (disk full,
    read-only...) becomes a :class:`WriteError`.
    """
    final = os.path.abspath(final)
    try:
        os.makedirs(os.path.dirname(final), exist_ok=True)
    except OSError as exc:
        raise write_error(final, exc) from exc
    remove_stale_temps(final)
    tmp = temp_name(final)
    remove(tmp)
    try:
        yield tmp
        if os.path.isdir(tmp) and os.path.isdir(final):
            old = f"{tmp}.old"
            os.rename(final, old)
            os.rename(tmp, final)
            remove(old)
        else:
            os.replace(tmp, final)
    except OSError as exc:
        remove(tmp)
        raise write_error(final, exc) from exc
    except BaseException:
        remove(tmp)
        raise
