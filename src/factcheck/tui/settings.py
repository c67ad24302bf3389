"""User settings for the TUI: theme, reviewer name, key map (and the verdict scale).

Read from one TOML file: ``$FACTCHECK_CONFIG`` if set, else ``config.toml`` in the user's config
directory (``platformdirs.user_config_dir("factcheck")``, e.g. ``~/.config/factcheck``). Every
field is optional; an invalid one falls back to its default and the reason is kept in
``Settings.warnings`` (the app shows them with ``notify``)::

    # factcheck settings
    theme = "textual-dark"        # any Textual theme name, e.g. "textual-light", "nord"
    reviewer = "ana"              # the name written in the change log ($FACTCHECK_USER wins)

    [keymap]                      # binding id = keys (comma-separated); see the Help screen
    "review.done" = "d"
    "review.verdict-1" = "1,f1"

    [[verdicts]]                  # optional: the newsroom's verdict scale (see store.scale)
    key = "true"
    label = "True"

Environment variables override the file: ``FACTCHECK_THEME`` and ``FACTCHECK_USER``.
No Textual import here: the CLI and tests read settings without a terminal.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_THEME = "textual-dark"


def default_config_path() -> Path:
    """``$FACTCHECK_CONFIG``, else ``config.toml`` in the user config directory."""
    env = os.environ.get("FACTCHECK_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("factcheck", appauthor=False)) / "config.toml"


@dataclass(slots=True)
class Settings:
    """What the TUI reads from the settings file."""

    theme: str = DEFAULT_THEME
    """The Textual theme name (dark and light themes both work)."""
    reviewer: str | None = None
    """Name recorded as who made each change; None means the store's default."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, applied with ``App.set_keymap``."""
    verdicts: list[dict[str, Any]] | None = None
    """The ``[[verdicts]]`` tables, when the file defines a verdict scale."""
    path: Path | None = None
    """The file these settings came from (None: defaults only)."""
    warnings: list[str] = field(default_factory=list)
    """Problems found while reading; each fell back to the default."""


def load_settings(path: str | os.PathLike | None = None, *, env: bool = True) -> Settings:
    """Read settings from ``path`` (default: :func:`default_config_path`).

    A missing file gives the defaults; an unreadable or invalid file gives the defaults plus
    a warning. Never raises for bad content.
    """
    settings = Settings()
    file = Path(path) if path is not None else default_config_path()
    data: dict[str, Any] = {}
    if file.exists():
        settings.path = file
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as err:
            settings.warnings.append(f"cannot read settings file {file}: {err}")
        except tomllib.TOMLDecodeError as err:
            settings.warnings.append(
                f"settings file {file} is not valid TOML ({err}): defaults used")
    theme = data.get("theme", DEFAULT_THEME)
    if isinstance(theme, str) and theme.strip():
        settings.theme = theme.strip()
    else:
        settings.warnings.append("settings: 'theme' must be a theme name; default used")
    reviewer = data.get("reviewer")
    if isinstance(reviewer, str) and reviewer.strip():
        settings.reviewer = reviewer.strip()
    elif reviewer is not None:
        settings.warnings.append("settings: 'reviewer' must be text; ignored")
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict):
        for key, value in keymap.items():
            if isinstance(value, str) and value.strip():
                settings.keymap[str(key)] = value.strip()
            else:
                settings.warnings.append(f"settings: keymap entry {key!r} must be a key string")
    else:
        settings.warnings.append("settings: [keymap] must be a table; ignored")
    if "verdicts" in data:
        settings.verdicts = data["verdicts"]
    if env:
        if os.environ.get("FACTCHECK_THEME"):
            settings.theme = os.environ["FACTCHECK_THEME"].strip()
        if os.environ.get("FACTCHECK_USER"):
            settings.reviewer = os.environ["FACTCHECK_USER"].strip()
    return settings


def rating_scale_from(settings: Settings):
    """The settings file's verdict scale, or None to keep the database's (raises StoreError)."""
    if settings.verdicts is None:
        return None
    from factcheck.store.scale import scale_from_entries

    return scale_from_entries(settings.verdicts, where=str(settings.path or "settings"))
