//! Tokens of managers and members: only their hashes are kept.

use sqlx::{AnyConnection, Row};

#[derive(Clone, Debug)]
pub struct TokenRow {
    pub id: String,
    pub role: String,
    pub member: Option<String>,
    pub created_at: i64,
}

pub async fn by_hash(
    conn: &mut AnyConnection,
    hash: &str,
) -> Result<Option<TokenRow>, sqlx::Error> {
    let r = sqlx::query("SELECT id, role, member, created_at FROM tokens WHERE hash = $1")
        .bind(hash)
        .fetch_optional(conn)
        .await?;
    r.map(|r| {
        Ok(TokenRow {
            id: r.try_get("id")?,
            role: r.try_get("role")?,
            member: r.try_get("member")?,
            created_at: r.try_get("created_at")?,
        })
    })
    .transpose()
}

pub async fn all(conn: &mut AnyConnection) -> Result<Vec<TokenRow>, sqlx::Error> {
    sqlx::query("SELECT id, role, member, created_at FROM tokens ORDER BY created_at, id")
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| {
            Ok(TokenRow {
                id: r.try_get("id")?,
                role: r.try_get("role")?,
                member: r.try_get("member")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}

pub async fn insert(conn: &mut AnyConnection, t: &TokenRow, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO tokens (id, hash, role, member, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&t.id)
    .bind(hash)
    .bind(&t.role)
    .bind(t.member.as_deref())
    .bind(t.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM tokens WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?
        .rows_affected()
        > 0)
}
