"""The board rules, simulator, moves files, storage and exports never load Textual."""

from __future__ import annotations

import subprocess
import sys


def test_board_modules_do_not_import_textual() -> None:
    code = (
        "import sys, nrgame.core.scenario, nrgame.core.board, nrgame.core.simulate, "
        "nrgame.core.moves, nrgame.storage.board, nrgame.reports.roadmap, nrgame.cli.scenario; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
