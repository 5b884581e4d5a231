"""The project explains itself: every file a comment, a docstring or a doc names is in
the repository, and nothing cites a document the repository does not hold."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOP = (
    "agreements|audit|candidates|common|demo|development|docs|front|mentorship|notifications"
    "|reports|reviews|static|succession|supportlead|templates|tests|\\.ci"
)
# A path under one of the project's folders, with a file's extension.
REFERENCE = re.compile(rf"(?<![\w/.-])(?:{TOP})/[\w./-]+\.(?:py|md|html|txt|js|css|yml|toml|mjs)\b")


def _tracked_texts():
    names = subprocess.run(
        ["git", "ls-files", "*.py", "*.md", "*.html", "*.txt", "*.toml", "*.yml", "Makefile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in names:
        yield name, (ROOT / name).read_text(encoding="utf-8")


def test_every_file_named_in_the_project_exists():
    # A template is named from templates/, a static file from static/.
    places = (ROOT, ROOT / "templates", ROOT / "static")
    missing = [
        f"{name}: {reference}"
        for name, text in _tracked_texts()
        for reference in REFERENCE.findall(text)
        if not any((place / reference).exists() for place in places)
    ]
    assert missing == []


def test_nothing_cites_a_document_outside_the_repository():
    outside = re.compile(r"DESIGN\.md|CONVENTIONS\.md|\.\./shared")
    cited = [name for name, text in _tracked_texts() if outside.search(text)]
    assert cited == []
