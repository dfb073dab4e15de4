//! What the sandbox keeps in SQLite: clients with their assets and policies,
//! tokens of every kind, and the answers given to idempotency keys.
//!
//! One connection behind a mutex: the sandbox serves one developer or one
//! test at a time, and serializing writes makes "look up the key, create, record
//! the answer" atomic without further care.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::model::{Asset, ClientRecord, Household, Policy};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("a stored document is unreadable: {0}")]
    Document(#[from] serde_json::Error),
    #[error("the database lock was poisoned by a crashed request")]
    Poisoned,
    #[error("cannot create the database folder: {0}")]
    Folder(#[from] std::io::Error),
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS clients (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    household TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS assets (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    asset TEXT NOT NULL,
    UNIQUE (client_id, external_id)
);
CREATE TABLE IF NOT EXISTS policies (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    policy TEXT NOT NULL,
    UNIQUE (client_id, external_id)
);
-- kind: access | refresh | session | launch. A launch token names its client;
-- `used` makes it one-time.
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    user TEXT NOT NULL,
    client_id TEXT,
    expires_at_ms INTEGER NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS idempotency (
    user TEXT NOT NULL,
    key TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (user, key)
);
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Access,
    Refresh,
    Session,
    Launch,
}

impl TokenKind {
    fn as_str(self) -> &'static str {
        match self {
            TokenKind::Access => "access",
            TokenKind::Refresh => "refresh",
            TokenKind::Session => "session",
            TokenKind::Launch => "launch",
        }
    }
}

pub struct Token {
    pub user: String,
    pub client_id: Option<String>,
    pub expires_at_ms: i64,
    pub used: bool,
}

pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (and creates) the database; `:memory:` keeps everything in memory.
    pub fn open(path: &str) -> Result<Store, StoreError> {
        let conn = if path == ":memory:" {
            Connection::open_in_memory()?
        } else {
            if let Some(folder) = Path::new(path)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
            {
                std::fs::create_dir_all(folder)?;
            }
            Connection::open(path)?
        };
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    /// Runs `work` in one transaction, committed only when it succeeds.
    pub fn with<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&Db) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let tx = conn.transaction().map_err(StoreError::from)?;
        let out = work(&Db { tx: &tx })?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }
}

/// The database inside one transaction.
pub struct Db<'a> {
    tx: &'a Transaction<'a>,
}

impl Db<'_> {
    pub fn insert_client(&self, id: &str, household: &Household) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO clients (id, household) VALUES (?1, ?2)",
            params![id, serde_json::to_string(household)?],
        )?;
        Ok(())
    }

    pub fn update_client(&self, id: &str, household: &Household) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE clients SET household = ?2 WHERE id = ?1",
            params![id, serde_json::to_string(household)?],
        )?;
        Ok(())
    }

    pub fn household(&self, id: &str) -> Result<Option<Household>, StoreError> {
        let text: Option<String> = self
            .tx
            .query_row("SELECT household FROM clients WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?;
        Ok(text.map(|t| serde_json::from_str(&t)).transpose()?)
    }

    pub fn client(&self, id: &str) -> Result<Option<ClientRecord>, StoreError> {
        let Some(household) = self.household(id)? else {
            return Ok(None);
        };
        Ok(Some(ClientRecord {
            id: id.to_string(),
            household,
            assets: self.assets(id)?,
            policies: self.policies(id)?,
        }))
    }

    /// A client's assets in the order they were first put (a replaced one
    /// keeps its place).
    pub fn assets(&self, client_id: &str) -> Result<Vec<Asset>, StoreError> {
        self.documents(
            "SELECT asset FROM assets WHERE client_id = ?1 ORDER BY seq",
            client_id,
        )
    }

    /// A client's policies in the order they were first put.
    pub fn policies(&self, client_id: &str) -> Result<Vec<Policy>, StoreError> {
        self.documents(
            "SELECT policy FROM policies WHERE client_id = ?1 ORDER BY seq",
            client_id,
        )
    }

    pub fn client_count(&self) -> Result<i64, StoreError> {
        Ok(self
            .tx
            .query_row("SELECT COUNT(*) FROM clients", [], |row| row.get(0))?)
    }

    /// Every client in the order they were created, with assets and policies.
    pub fn clients(&self) -> Result<Vec<ClientRecord>, StoreError> {
        let ids = {
            let mut statement = self.tx.prepare("SELECT id FROM clients ORDER BY seq")?;
            let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        let mut records = Vec::with_capacity(ids.len());
        for id in ids {
            records.extend(self.client(&id)?);
        }
        Ok(records)
    }

    fn documents<T: serde::de::DeserializeOwned>(
        &self,
        sql: &str,
        client_id: &str,
    ) -> Result<Vec<T>, StoreError> {
        let mut statement = self.tx.prepare(sql)?;
        let rows = statement.query_map([client_id], |row| row.get::<_, String>(0))?;
        let mut out = Vec::new();
        for text in rows {
            out.push(serde_json::from_str(&text?)?);
        }
        Ok(out)
    }

    /// Inserts or replaces an asset; `true` when it was new.
    pub fn put_asset(&self, client_id: &str, asset: &Asset) -> Result<bool, StoreError> {
        self.upsert(
            "assets",
            "asset",
            client_id,
            &asset.external_id,
            &serde_json::to_string(asset)?,
        )
    }

    /// Inserts or replaces a policy; `true` when it was new.
    pub fn put_policy(&self, client_id: &str, policy: &Policy) -> Result<bool, StoreError> {
        self.upsert(
            "policies",
            "policy",
            client_id,
            &policy.external_id,
            &serde_json::to_string(policy)?,
        )
    }

    fn upsert(
        &self,
        table: &str,
        column: &str,
        client_id: &str,
        external_id: &str,
        document: &str,
    ) -> Result<bool, StoreError> {
        // The table and column names are our own constants, never request data.
        let updated = self.tx.execute(
            &format!("UPDATE {table} SET {column} = ?3 WHERE client_id = ?1 AND external_id = ?2"),
            params![client_id, external_id, document],
        )?;
        if updated > 0 {
            return Ok(false);
        }
        self.tx.execute(
            &format!("INSERT INTO {table} (client_id, external_id, {column}) VALUES (?1, ?2, ?3)"),
            params![client_id, external_id, document],
        )?;
        Ok(true)
    }

    pub fn insert_token(
        &self,
        token: &str,
        kind: TokenKind,
        user: &str,
        client_id: Option<&str>,
        expires_at_ms: i64,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO tokens (token, kind, user, client_id, expires_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![token, kind.as_str(), user, client_id, expires_at_ms],
        )?;
        Ok(())
    }

    pub fn token(&self, token: &str, kind: TokenKind) -> Result<Option<Token>, StoreError> {
        Ok(self
            .tx
            .query_row(
                "SELECT user, client_id, expires_at_ms, used FROM tokens WHERE token = ?1 AND kind = ?2",
                params![token, kind.as_str()],
                |row| {
                    Ok(Token {
                        user: row.get(0)?,
                        client_id: row.get(1)?,
                        expires_at_ms: row.get(2)?,
                        used: row.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn mark_token_used(&self, token: &str) -> Result<(), StoreError> {
        self.tx
            .execute("UPDATE tokens SET used = 1 WHERE token = ?1", [token])?;
        Ok(())
    }

    pub fn delete_token(&self, token: &str) -> Result<(), StoreError> {
        self.tx
            .execute("DELETE FROM tokens WHERE token = ?1", [token])?;
        Ok(())
    }

    /// Drops tokens that can no longer be used, so the table does not grow forever.
    pub fn delete_expired_tokens(&self, now_ms: i64) -> Result<(), StoreError> {
        self.tx
            .execute("DELETE FROM tokens WHERE expires_at_ms <= ?1", [now_ms])?;
        Ok(())
    }

    pub fn idempotent_answer(
        &self,
        user: &str,
        key: &str,
    ) -> Result<Option<(u16, String)>, StoreError> {
        Ok(self
            .tx
            .query_row(
                "SELECT status, body FROM idempotency WHERE user = ?1 AND key = ?2",
                params![user, key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    pub fn record_idempotent_answer(
        &self,
        user: &str,
        key: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO idempotency (user, key, status, body) VALUES (?1, ?2, ?3, ?4)",
            params![user, key, status, body],
        )?;
        Ok(())
    }

    /// Everything but the users (who come from the command line).
    pub fn wipe(&self) -> Result<(), StoreError> {
        self.tx.execute_batch(
            "DELETE FROM assets; DELETE FROM policies; DELETE FROM clients;
             DELETE FROM tokens; DELETE FROM idempotency;",
        )?;
        Ok(())
    }
}
