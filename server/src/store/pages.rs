//! Pages and teams: the stored configuration, and who they list.

use sqlx::{AnyConnection, Row};

#[derive(Clone, Debug)]
pub struct PageRow {
    pub id: String,
    /// The page's body as stored (JSON text).
    pub config: String,
}

#[derive(Clone, Debug)]
pub struct TeamRow {
    pub id: String,
    pub assignment: String,
    pub members: Vec<String>,
}

pub async fn get(conn: &mut AnyConnection, id: &str) -> Result<Option<PageRow>, sqlx::Error> {
    let row = sqlx::query("SELECT id, config FROM pages WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.map(|r| {
        Ok(PageRow {
            id: r.try_get("id")?,
            config: r.try_get("config")?,
        })
    })
    .transpose()
}

pub async fn all(conn: &mut AnyConnection) -> Result<Vec<PageRow>, sqlx::Error> {
    sqlx::query("SELECT id, config FROM pages ORDER BY id")
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| {
            Ok(PageRow {
                id: r.try_get("id")?,
                config: r.try_get("config")?,
            })
        })
        .collect()
}

/// The two things that list members in order: a page and a team. Each is a row (`pages`,
/// `teams`) with one column of its own beside the ordered list (`page_members`, `team_members`).
#[derive(Clone, Copy)]
enum Lister {
    Page,
    Team,
}

impl Lister {
    /// (its table, the list's table, the list's column naming it, its own column)
    fn tables(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Lister::Page => ("pages", "page_members", "page", "config"),
            Lister::Team => ("teams", "team_members", "team", "assignment"),
        }
    }

    /// Creates or replaces the row and its list, in the caller's transaction.
    async fn put(
        self,
        conn: &mut AnyConnection,
        id: &str,
        value: &str,
        members: &[String],
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let (table, list, key, column) = self.tables();
        sqlx::query(&format!(
            "INSERT INTO {table} (id, {column}, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at"
        ))
        .bind(id)
        .bind(value)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        sqlx::query(&format!("DELETE FROM {list} WHERE {key} = $1"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        for (i, m) in members.iter().enumerate() {
            sqlx::query(&format!(
                "INSERT INTO {list} ({key}, member, position) VALUES ($1, $2, $3)"
            ))
            .bind(id)
            .bind(m)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    /// Deletes the row and its list; whether there was one.
    async fn delete(self, conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
        let (table, list, key, _) = self.tables();
        sqlx::query(&format!("DELETE FROM {list} WHERE {key} = $1"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(sqlx::query(&format!("DELETE FROM {table} WHERE id = $1"))
            .bind(id)
            .execute(conn)
            .await?
            .rows_affected()
            > 0)
    }
}

/// Creates or replaces a page and the list of its members.
pub async fn put(
    conn: &mut AnyConnection,
    id: &str,
    config: &str,
    members: &[String],
    now: i64,
) -> Result<(), sqlx::Error> {
    Lister::Page.put(conn, id, config, members, now).await
}

pub async fn delete(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    Lister::Page.delete(conn, id).await
}

pub async fn team(conn: &mut AnyConnection, id: &str) -> Result<Option<TeamRow>, sqlx::Error> {
    let Some(r) = sqlx::query("SELECT id, assignment FROM teams WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let members: Vec<String> =
        sqlx::query_scalar("SELECT member FROM team_members WHERE team = $1 ORDER BY position")
            .bind(id)
            .fetch_all(conn)
            .await?;
    Ok(Some(TeamRow {
        id: r.try_get("id")?,
        assignment: r.try_get("assignment")?,
        members,
    }))
}

pub async fn teams(conn: &mut AnyConnection) -> Result<Vec<TeamRow>, sqlx::Error> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM teams ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(t) = team(&mut *conn, &id).await? {
            out.push(t);
        }
    }
    Ok(out)
}

/// Creates or replaces a team and the list of its members.
pub async fn put_team(
    conn: &mut AnyConnection,
    id: &str,
    assignment: &str,
    members: &[String],
    now: i64,
) -> Result<(), sqlx::Error> {
    Lister::Team.put(conn, id, assignment, members, now).await
}

pub async fn delete_team(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    Lister::Team.delete(conn, id).await
}
