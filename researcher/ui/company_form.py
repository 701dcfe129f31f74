"""The company half of a prospect's details, shared by everyone who works there."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from researcher.core.prospects import COMPANY_FIELDS, get_company, update_company
from researcher.ui.autosave import AutosaveForm


class CompanyForm(AutosaveForm):
    """Name, website, industry, size, country and organisation number of one company.

    Signals (from AutosaveForm): saved(fields), failed(message).
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.add_line("name", "Na&me", placeholder="Registered or common name")
        self.add_line("website", "&Website", placeholder="https://www.example.fi")
        self.add_line("industry", "In&dustry", placeholder="e.g. manufacturing, logistics")
        self.add_line("size", "Si&ze", placeholder="employees, e.g. 250")
        self.add_line("country", "Countr&y", placeholder="FI, SE, NO, DK or GB").setMaxLength(8)
        self.add_line("org_number", "&Org number", placeholder="Y-tunnus, org.nr, CVR or company no.")

    def _read(self, record_id: int) -> dict[str, str]:
        company = get_company(self._db, record_id)
        return {key: str(getattr(company, key)) for key in COMPANY_FIELDS}

    def _write_field(self, record_id: int, key: str, value: str) -> None:
        update_company(self._db, record_id, **{key: value})
