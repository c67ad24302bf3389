"""The package's shape: the core never imports Textual, and the CLI starts cheaply."""

import subprocess
import sys


def test_core_does_not_import_textual():
    code = (
        "import sys, factcheck.analysis, factcheck.cli, factcheck.errors;"
        "import factcheck.sources, factcheck.store, factcheck.officials, factcheck.export;"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys, contextlib, io\n"
        "from factcheck.cli import build_parser\n"
        "build_parser().format_help()\n"
        "heavy = [m for m in ('textual', 'sqlmodel', 'sqlalchemy', 'trafilatura', 'httpx')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
