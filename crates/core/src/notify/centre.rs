//! The notification centre: raised notifications are rendered from their kind's template and
//! stored once per key (with a delivery queued when the webhook is on); the app lists them with
//! their unread count and marks them read. Templates are edited here too.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use ts_rs::TS;
use uuid::Uuid;

use super::NotificationKind;
use super::raise::{self, ImportRefusal, Raised};
use super::template;
use crate::db::{self, Actor, PgPool};
use crate::ids::ProgramId;
use crate::{Error, Result};

/// A notification as the centre lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    #[ts(type = "string")]
    pub id: Uuid,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// "First Last", when it is for someone.
    pub recipient: Option<String>,
    pub recipient_email: Option<String>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    pub read: bool,
    /// `pending`, `delivered` or `dead`; none when no webhook was on when it was raised.
    pub delivery: Option<String>,
    pub delivery_attempts: i32,
    pub delivery_error: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotificationFilter {
    pub unread_only: bool,
    pub kind: Option<NotificationKind>,
    /// Rows to skip, for the next page.
    #[ts(type = "number")]
    pub offset: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    /// Matching the filter, of all pages.
    #[ts(type = "number")]
    pub total: i64,
    /// Unread in the program, whatever the filter.
    #[ts(type = "number")]
    pub unread: i64,
}

pub const PAGE_SIZE: i64 = 50;

/// Stores what the rules raised that is not stored yet, each rendered from its template, and
/// queues a delivery for each when the webhook is on. Returns how many were new.
pub async fn record(conn: &mut PgConnection, raised: &[Raised]) -> Result<u64> {
    if raised.is_empty() {
        return Ok(0);
    }
    let templates: HashMap<String, (String, String)> =
        sqlx::query!("select kind, title_template, body_template from notification_templates")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|t| (t.kind, (t.title_template, t.body_template)))
            .collect();
    let n = raised.len();
    let (mut ids, mut deliveries, mut keys) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut programs, mut recipients, mut kinds) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut titles, mut bodies, mut variables, mut dedupe) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for r in raised {
        let (title, body) = templates
            .get(r.kind.as_str())
            .ok_or_else(|| Error::not_found(format!("The template of {}", r.kind.label())))?;
        let broken = |e: template::TemplateError| Error::Conflict {
            message: format!("The template of {} is broken: {e}", r.kind.label()),
            field: None,
        };
        titles.push(template::render(title, &r.variables).map_err(broken)?);
        bodies.push(template::render(body, &r.variables).map_err(broken)?);
        let map: serde_json::Map<String, serde_json::Value> = r
            .variables
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_str())))
            .collect();
        variables.push(serde_json::Value::Object(map).to_string());
        ids.push(Uuid::now_v7());
        deliveries.push(Uuid::now_v7());
        keys.push(Uuid::now_v7());
        programs.push(r.program.map(|p| p.0));
        recipients.push(r.recipient.map(|u| u.0));
        kinds.push(r.kind.as_str().to_string());
        dedupe.push(r.dedupe_key.clone());
    }
    let new = sqlx::query_scalar!(
        r#"with wanted as (
               select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[],
                                    $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
                   as w(id, delivery_id, idempotency_key, program_id, recipient_id,
                        kind, title, body, variables, dedupe_key)),
           stored as (
               insert into notifications (id, program_id, recipient_id, kind, title, body, variables, dedupe_key)
               select id, program_id, recipient_id, kind, title, body, variables::jsonb, dedupe_key
               from wanted
               on conflict (dedupe_key) do nothing
               returning id),
           queued as (
               insert into notification_deliveries (id, notification_id, idempotency_key)
               select w.delivery_id, w.id, w.idempotency_key
               from wanted w join stored s on s.id = w.id
               where exists (select 1 from webhook_settings where enabled)
               returning 1)
           select count(*) as "n!" from stored"#,
        &ids,
        &deliveries,
        &keys,
        &programs as &[Option<Uuid>],
        &recipients as &[Option<Uuid>],
        &kinds,
        &titles,
        &bodies,
        &variables,
        &dedupe,
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(u64::try_from(new).unwrap_or(0))
}

/// Runs every rule for the program as of `today` and stores what is new, in one transaction.
pub async fn raise_due(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    today: NaiveDate,
) -> Result<u64> {
    let mut tx = db::begin(pool, actor).await?;
    let raised = raise::due(&mut tx, program, today).await?;
    let new = record(&mut tx, &raised).await?;
    tx.commit().await?;
    Ok(new)
}

/// Records that an import was refused, for the program's office.
pub async fn import_failed(
    pool: &PgPool,
    actor: &Actor,
    program: ProgramId,
    today: NaiveDate,
    refusal: &ImportRefusal<'_>,
) -> Result<u64> {
    let mut tx = db::begin(pool, actor).await?;
    let raised = raise::import_failed(&mut tx, program, today, refusal).await?;
    let new = record(&mut tx, &raised).await?;
    tx.commit().await?;
    Ok(new)
}

/// A page of the program's notifications, newest first.
pub async fn list(
    pool: &PgPool,
    program: ProgramId,
    filter: &NotificationFilter,
) -> Result<NotificationPage> {
    let kind = filter.kind.map(|k| k.as_str().to_string());
    let rows = sqlx::query!(
        r#"select n.id, n.kind, n.title, n.body, n.created_at, n.read_at is not null as "read!",
                  u.first_name || ' ' || u.last_name as recipient, u.email::text as recipient_email,
                  d.status as "delivery?", coalesce(d.attempts, 0) as "attempts!", d.last_error,
                  count(*) over () as "total!"
           from notifications n
           left join users u on u.id = n.recipient_id
           left join notification_deliveries d on d.notification_id = n.id
           where n.program_id = $1 and ($2::text is null or n.kind = $2)
             and (not $3 or n.read_at is null)
           order by n.created_at desc, n.id desc
           limit $4 offset $5"#,
        program.0,
        kind,
        filter.unread_only,
        PAGE_SIZE,
        filter.offset.max(0),
    )
    .fetch_all(pool)
    .await?;
    let total = rows.first().map_or(0, |r| r.total);
    let items = rows
        .into_iter()
        .map(|r| Notification {
            id: r.id,
            kind: NotificationKind::parse(&r.kind).unwrap_or(NotificationKind::ImportFailed),
            title: r.title,
            body: r.body,
            recipient: r.recipient,
            recipient_email: r.recipient_email,
            created_at: r.created_at,
            read: r.read,
            delivery: r.delivery,
            delivery_attempts: r.attempts,
            delivery_error: r.last_error,
        })
        .collect();
    Ok(NotificationPage {
        items,
        total,
        unread: unread(pool, program).await?,
    })
}

/// How many of the program's notifications nobody has read.
pub async fn unread(pool: &PgPool, program: ProgramId) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from notifications where program_id = $1 and read_at is null"#,
        program.0
    )
    .fetch_one(pool)
    .await?)
}

/// Marks notifications read (or unread again); with no ids, every one of the program's.
pub async fn mark_read(
    pool: &PgPool,
    program: ProgramId,
    ids: Option<&[Uuid]>,
    read: bool,
) -> Result<u64> {
    let all = ids.is_none();
    let ids = ids.unwrap_or(&[]);
    let done = sqlx::query!(
        r#"update notifications
           set read_at = case when $4 then coalesce(read_at, clock_timestamp()) end,
               updated_at = clock_timestamp()
           where program_id = $1 and ($2 or id = any($3))
             and (read_at is null) = $4"#,
        program.0,
        all,
        ids,
        read
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// A kind's template, as the settings form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotificationTemplate {
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// The variables its rule supplies.
    pub variables: Vec<String>,
    pub version: i32,
}

pub async fn templates(pool: &PgPool) -> Result<Vec<NotificationTemplate>> {
    let rows = sqlx::query!(
        "select kind, title_template, body_template, version from notification_templates"
    )
    .fetch_all(pool)
    .await?;
    let mut out: Vec<NotificationTemplate> = rows
        .into_iter()
        .filter_map(|r| {
            let kind = NotificationKind::parse(&r.kind)?;
            Some(NotificationTemplate {
                kind,
                title: r.title_template,
                body: r.body_template,
                variables: kind.variables().iter().map(|v| (*v).to_string()).collect(),
                version: r.version,
            })
        })
        .collect();
    out.sort_by_key(|t| NotificationKind::ALL.iter().position(|k| *k == t.kind));
    Ok(out)
}

/// Saves a template after checking it names only its kind's variables. Notifications already
/// raised keep their text.
pub async fn save_template(
    pool: &PgPool,
    actor: &Actor,
    input: &NotificationTemplate,
) -> Result<NotificationTemplate> {
    let title = input.title.trim();
    let body = input.body.trim();
    if title.is_empty() {
        return Err(Error::invalid("title", "A title is required"));
    }
    if body.is_empty() {
        return Err(Error::invalid("body", "A body is required"));
    }
    template::check(input.kind, title).map_err(|e| Error::invalid("title", e.to_string()))?;
    template::check(input.kind, body).map_err(|e| Error::invalid("body", e.to_string()))?;
    let mut tx = db::begin(pool, actor).await?;
    let version = sqlx::query_scalar!(
        r#"update notification_templates set title_template = $2, body_template = $3
           where kind = $1 and version = $4 returning version"#,
        input.kind.as_str(),
        title,
        body,
        input.version
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        Error::conflict(format!(
            "The template of {} was changed by someone else; reload it and try again",
            input.kind.label()
        ))
    })?;
    tx.commit().await?;
    Ok(NotificationTemplate {
        title: title.to_string(),
        body: body.to_string(),
        version,
        ..input.clone()
    })
}
