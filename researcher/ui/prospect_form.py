"""The person half of a prospect's details: every field saves itself and Ctrl+Z undoes the last edit."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QCompleter, QWidget
from sqlite_utils import Database

from researcher.core.models import LANGUAGES, STAGES
from researcher.core.prospects import company_id_for, get_prospect, update_prospect
from researcher.ui.autosave import AutosaveForm

LANGUAGE_NAMES = {"en": "English", "fi": "Suomi (Finnish)", "sv": "Svenska (Swedish)",
                  "nb": "Norsk bokmål (Norwegian)", "da": "Dansk (Danish)"}
LIST_FIELDS = ("phones", "tags")


def stage_label(stage: str) -> str:
    return stage.replace("_", " ").capitalize()


class ProspectForm(AutosaveForm):
    """Name, title, company, contact details, country, language, stage and tags of one person.

    Signals (from AutosaveForm): saved(fields), failed(message).
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.add_line("name", "&Name", placeholder="First and last name")
        self.add_line("title", "&Title", placeholder="e.g. Head of Operations")
        company = self.add_line("company", "C&ompany", placeholder="Type to move to another company")
        self._completer = QCompleter([], self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        company.setCompleter(self._completer)
        self.add_line("email", "&Email", placeholder="name@company.com")
        self.add_line("phones", "&Phones", placeholder="+358 40 123 4567, +358 9 876 543")
        self.add_line("linkedin", "&LinkedIn", placeholder="https://www.linkedin.com/in/…")
        self.add_line("country", "Co&untry", placeholder="FI, SE, NO, DK or GB").setMaxLength(8)
        self.add_line("city", "C&ity")
        self.add_choice("language", "Lan&guage",
                        [("", "—")] + [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES])
        self.add_choice("stage", "&Stage", [(stage, stage_label(stage)) for stage in STAGES])
        self.add_line("tags", "T&ags", placeholder="comma-separated, e.g. warm, event-2026")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched is self.editor("company"):
            # Read the names when they are needed, not on every prospect switch.
            names = [row[0] for row in self._db.execute("SELECT name FROM companies ORDER BY name COLLATE NOCASE")]
            self._completer.model().setStringList(names)  # type: ignore[attr-defined]
        return super().eventFilter(watched, event)

    def _read(self, record_id: int) -> dict[str, str]:
        prospect = get_prospect(self._db, record_id)
        return {
            "name": prospect.name, "title": prospect.title, "company": prospect.company,
            "email": prospect.email, "phones": ", ".join(prospect.phones), "linkedin": prospect.linkedin,
            "country": prospect.country, "city": prospect.city, "language": prospect.language,
            "stage": prospect.stage, "tags": ", ".join(prospect.tags),
        }

    def _write_field(self, record_id: int, key: str, value: str) -> None:
        if key == "company":
            company_id = company_id_for(self._db, value) if value.strip() else None
            update_prospect(self._db, record_id, company_id=company_id)
        else:
            update_prospect(self._db, record_id, **{key: value})
