"""Named, append-only schema migrations; once a step has shipped, add a new one instead of editing it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "researcher"
FTS_TOKENIZER = "unicode61 remove_diacritics 2"


def initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE companies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            website TEXT NOT NULL DEFAULT '',
            industry TEXT NOT NULL DEFAULT '',
            size TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            org_number TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX idx_companies_name ON companies(name COLLATE NOCASE);

        CREATE TABLE prospects (
            id INTEGER PRIMARY KEY,
            company_id INTEGER REFERENCES companies(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phones TEXT NOT NULL DEFAULT '[]',
            linkedin TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL DEFAULT 'new',
            tags TEXT NOT NULL DEFAULT '[]',
            last_interaction_at TEXT,
            next_follow_up TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX idx_prospects_company ON prospects(company_id);
        CREATE INDEX idx_prospects_name ON prospects(name COLLATE NOCASE);
        CREATE INDEX idx_prospects_email ON prospects(email COLLATE NOCASE);
        CREATE INDEX idx_prospects_follow_up ON prospects(next_follow_up);

        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            prospect_id INTEGER REFERENCES prospects(id) ON DELETE CASCADE,
            company_id INTEGER REFERENCES companies(id) ON DELETE CASCADE,
            body TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (prospect_id IS NOT NULL OR company_id IS NOT NULL)
        );
        CREATE INDEX idx_notes_prospect ON notes(prospect_id, created_at);
        CREATE INDEX idx_notes_company ON notes(company_id, created_at);

        CREATE TABLE interactions (
            id INTEGER PRIMARY KEY,
            prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            direction TEXT NOT NULL DEFAULT 'outbound',
            outcome TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            next_step TEXT NOT NULL DEFAULT '',
            follow_up TEXT,
            occurred_at TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX idx_interactions_prospect ON interactions(prospect_id, occurred_at);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )
    db["notes"].enable_fts(["body", "source"], create_triggers=True, tokenize=FTS_TOKENIZER)
    db["interactions"].enable_fts(
        ["summary", "next_step"], create_triggers=True, tokenize=FTS_TOKENIZER
    )


def research(db: Database) -> None:
    db.executescript(
        f"""
        -- A web page (or saved file, or pasted text) kept for a prospect or for a company.
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            prospect_id INTEGER REFERENCES prospects(id) ON DELETE CASCADE,
            company_id INTEGER REFERENCES companies(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fetched', 'failed')),
            error TEXT,
            error_code TEXT,
            source TEXT NOT NULL DEFAULT 'fetched' CHECK (source IN ('fetched', 'saved', 'pasted')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (prospect_id IS NOT NULL OR company_id IS NOT NULL)
        );
        CREATE UNIQUE INDEX idx_pages_owner_url ON pages(coalesce(prospect_id, 0), coalesce(company_id, 0), url);
        CREATE INDEX idx_pages_prospect ON pages(prospect_id);
        CREATE INDEX idx_pages_company ON pages(company_id);
        CREATE INDEX idx_pages_state ON pages(state);

        -- Every capture of a page; a re-fetch adds a row, older rows stay for offline reading and diffs.
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            captured_at TEXT NOT NULL,
            final_url TEXT NOT NULL DEFAULT '',
            status INTEGER,
            content_type TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            site_name TEXT NOT NULL DEFAULT '',
            canonical TEXT,
            language TEXT,
            published TEXT,
            text TEXT NOT NULL DEFAULT '',
            raw BLOB,
            charset TEXT,
            sha256 TEXT,
            etag TEXT,
            last_modified TEXT,
            data TEXT NOT NULL DEFAULT '{{}}'
        );
        CREATE INDEX idx_snapshots_page ON snapshots(page_id, id);

        -- Facts extracted from one snapshot (organisation details, people, jobs, news, contacts).
        CREATE TABLE facts (
            id INTEGER PRIMARY KEY,
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            quote TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX idx_facts_snapshot ON facts(snapshot_id);
        CREATE INDEX idx_facts_page ON facts(page_id);

        -- The latest snapshot of each page; older snapshots are not indexed, so search shows one hit per page.
        CREATE VIRTUAL TABLE snapshots_fts USING fts5(title, text, tokenize='{FTS_TOKENIZER}', prefix='2 3');

        CREATE TRIGGER snapshots_fts_insert AFTER INSERT ON snapshots BEGIN
            DELETE FROM snapshots_fts WHERE rowid IN (
                SELECT id FROM snapshots WHERE page_id = new.page_id AND id < new.id);
            INSERT INTO snapshots_fts(rowid, title, text)
                SELECT new.id, new.title, new.text
                WHERE new.id = (SELECT max(id) FROM snapshots WHERE page_id = new.page_id);
        END;
        CREATE TRIGGER snapshots_fts_delete AFTER DELETE ON snapshots BEGIN
            DELETE FROM snapshots_fts WHERE rowid = old.id;
            INSERT INTO snapshots_fts(rowid, title, text)
                SELECT id, title, text FROM snapshots
                WHERE id = (SELECT max(id) FROM snapshots WHERE page_id = old.page_id)
                  AND id NOT IN (SELECT rowid FROM snapshots_fts WHERE rowid = snapshots.id);
        END;
        CREATE TRIGGER snapshots_fts_update AFTER UPDATE OF title, text ON snapshots BEGIN
            DELETE FROM snapshots_fts WHERE rowid = old.id;
            INSERT INTO snapshots_fts(rowid, title, text)
                SELECT new.id, new.title, new.text
                WHERE new.id = (SELECT max(id) FROM snapshots WHERE page_id = new.page_id);
        END;

        CREATE VIEW latest_snapshots AS
            SELECT p.id AS page_id, s.id AS snapshot_id, p.prospect_id, p.company_id, p.url,
                   s.final_url, s.title, s.description, s.site_name, s.language, s.published,
                   s.captured_at, s.text, p.source, p.state
            FROM pages p
            JOIN snapshots s ON s.id = (SELECT max(id) FROM snapshots WHERE page_id = p.id);
        """
    )


def evidence(db: Database) -> None:
    db.executescript(
        """
        -- The rep's verdict on a detected trigger (confirmed/dismissed), or a trigger added by hand.
        CREATE TABLE triggers (
            id INTEGER PRIMARY KEY,
            prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            type TEXT NOT NULL,
            quote TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            date TEXT,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed', 'manual')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (prospect_id, fingerprint)
        );

        -- The rep's verdict on a pain hypothesis, with their own wording when edited.
        CREATE TABLE pain_decisions (
            prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
            pain_key TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
            title TEXT,
            why TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (prospect_id, pain_key)
        ) WITHOUT ROWID;

        -- "My offering": one JSON document (what the rep sells, pains, value, proof, insights).
        CREATE TABLE offering (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        -- Every saved version of a prospect's opener; the highest version is the current one.
        CREATE TABLE saved_openers (
            id INTEGER PRIMARY KEY,
            prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            language TEXT NOT NULL,
            style TEXT NOT NULL,
            text TEXT NOT NULL,
            seconds REAL NOT NULL,
            words INTEGER NOT NULL,
            evidence TEXT NOT NULL DEFAULT '[]',
            saved_at TEXT NOT NULL,
            UNIQUE (prospect_id, version)
        );
        """
    )


def calling(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE dnc_extracts (
            id INTEGER PRIMARY KEY,
            registry TEXT NOT NULL,
            country TEXT NOT NULL,
            extract_date TEXT NOT NULL,
            source_file TEXT NOT NULL DEFAULT '',
            numbers INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            imported_at TEXT NOT NULL
        );
        -- Numbers are E.164 digits as integers: a compact, fast index for millions of rows.
        CREATE TABLE dnc_numbers (
            number INTEGER NOT NULL,
            extract_id INTEGER NOT NULL REFERENCES dnc_extracts(id) ON DELETE CASCADE,
            PRIMARY KEY (number, extract_id)
        ) WITHOUT ROWID;

        -- GDPR Art. 21: only salted hashes of a person's identifiers, nothing readable.
        CREATE TABLE suppressions (
            hash TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            entry INTEGER NOT NULL,
            created_on TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE qualifications (
            prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
            criterion TEXT NOT NULL
                CHECK (criterion IN ('pays_off', 'ready_now', 'able', 'status_quo_cost')),
            state TEXT NOT NULL DEFAULT 'unknown' CHECK (state IN ('unknown', 'no', 'partly', 'yes')),
            note TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (prospect_id, criterion)
        ) WITHOUT ROWID;

        -- Where an imported interaction came from, so importing the same file twice adds nothing.
        CREATE TABLE interaction_sources (
            interaction_id INTEGER PRIMARY KEY REFERENCES interactions(id) ON DELETE CASCADE,
            prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            source_id TEXT NOT NULL,
            UNIQUE (prospect_id, source, source_id)
        );
        """
    )


# In the order they run; researcher.core.db applies them with sqlite-utils' Migrations.
STEPS: tuple[tuple[str, Callable[[Database], None]], ...] = (
    ("0001_initial", initial),
    ("0002_research", research),
    ("0003_evidence", evidence),
    ("0004_calling", calling),
)
MIGRATION_NAMES = tuple(name for name, _step in STEPS)
