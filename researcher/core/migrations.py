"""Named, append-only schema migrations; once a step has shipped, add a new one instead of editing it."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "researcher"
FTS_TOKENIZER = "unicode61 remove_diacritics 2"

migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_initial")
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


@migrations(name="0004_calling")
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
