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

/// Creates or replaces a page and the list of its members.
pub async fn put(
    conn: &mut AnyConnection,
    id: &str,
    config: &str,
    members: &[String],
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO pages (id, config, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at",
    )
    .bind(id)
    .bind(config)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM page_members WHERE page = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (i, m) in members.iter().enumerate() {
        sqlx::query("INSERT INTO page_members (page, member, position) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(m)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM page_members WHERE page = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(sqlx::query("DELETE FROM pages WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?
        .rows_affected()
        > 0)
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

pub async fn put_team(
    conn: &mut AnyConnection,
    id: &str,
    assignment: &str,
    members: &[String],
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO teams (id, assignment, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET assignment = excluded.assignment, updated_at = excluded.updated_at",
    )
    .bind(id)
    .bind(assignment)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM team_members WHERE team = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (i, m) in members.iter().enumerate() {
        sqlx::query("INSERT INTO team_members (team, member, position) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(m)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn delete_team(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM team_members WHERE team = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(sqlx::query("DELETE FROM teams WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?
        .rows_affected()
        > 0)
}
