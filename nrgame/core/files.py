"""Every file nrgame writes (exports, reports, minutes, roadmaps, attestations, the schema)
is written atomically: into a temporary file in the same folder, flushed to the disk, then
renamed over the target. A failure (disk full, folder read-only…) leaves the previous file
whole, and never a truncated or empty one; the error's text is French.
"""

from __future__ import annotations

import errno
import os
import uuid
from contextlib import suppress
from pathlib import Path

OS_REASONS = {
    errno.EACCES: "droits insuffisants",
    errno.EPERM: "droits insuffisants",
    errno.EROFS: "disque en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.ENOENT: "dossier introuvable",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur d'écriture du disque",
    errno.EFBIG: "fichier trop volumineux",
}
"""Operating-system errors in French: their own text comes in the system's language."""


def os_reason(exc: OSError) -> str:
    return OS_REASONS.get(exc.errno or 0, f"erreur système {exc.errno}")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` (text is UTF-8) to `path`, whole or not at all.

    Raises OSError whose strerror is French, so that a caller's « (exc.strerror) » reads well.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partiel")
    try:
        # Created like any new file (the umask applies), never over an existing one.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with suppress(OSError):
                os.chmod(fd, os.stat(path).st_mode & 0o7777)  # an existing file keeps its mode
            view = memoryview(raw)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(partial, path)
    except OSError as exc:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise OSError(exc.errno, os_reason(exc), str(path)) from exc
    with suppress(OSError):  # the rename itself reaches the disk with its folder
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
