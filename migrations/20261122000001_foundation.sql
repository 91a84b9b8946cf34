-- Foundation: extensions, id generation, row bookkeeping and the append-only audit log.
create extension if not exists citext;
create extension if not exists btree_gist;

-- UUID v7 for rows the database creates itself (audit rows); the app makes its own v7 ids.
-- A random v4 with its first 48 bits replaced by Unix milliseconds and the version nibble set to 7.
create function rotunda_uuid_v7() returns uuid
language plpgsql volatile as $$
declare
    bytes bytea := uuid_send(gen_random_uuid());
    millis bigint := floor(extract(epoch from clock_timestamp()) * 1000)::bigint;
begin
    bytes := overlay(bytes placing substring(int8send(millis) from 3) from 1 for 6);
    bytes := set_byte(bytes, 6, (get_byte(bytes, 6) & 15) | 112);
    return encode(bytes, 'hex')::uuid;
end $$;

-- Every edited row carries `version` (optimistic concurrency) and `updated_at`; the database
-- bumps both so no code path can forget.
create function bump_row_version() returns trigger
language plpgsql as $$
begin
    new.version := old.version + 1;
    new.updated_at := clock_timestamp();
    return new;
end $$;

create table audit_logs (
    id             uuid primary key default rotunda_uuid_v7(),
    occurred_at    timestamptz not null default clock_timestamp(),
    actor          text not null,
    action         text not null check (action in ('insert', 'update', 'delete')),
    table_name     text not null,
    row_id         uuid,
    before         jsonb,
    after          jsonb,
    transaction_id bigint not null default txid_current()
);
create index audit_logs_row_idx on audit_logs (table_name, row_id, occurred_at);
create index audit_logs_time_idx on audit_logs (occurred_at);

-- The actor comes from `set_config('rotunda.actor', ..., true)`, set by the app per transaction;
-- a write made outside the app is still attributed, to the database role.
create function audit_row_change() returns trigger
language plpgsql as $$
declare
    who text := coalesce(nullif(current_setting('rotunda.actor', true), ''), 'db:' || session_user);
begin
    if tg_op = 'INSERT' then
        insert into audit_logs (actor, action, table_name, row_id, before, after)
        values (who, 'insert', tg_table_name, new.id, null, to_jsonb(new));
        return new;
    elsif tg_op = 'UPDATE' then
        insert into audit_logs (actor, action, table_name, row_id, before, after)
        values (who, 'update', tg_table_name, new.id, to_jsonb(old), to_jsonb(new));
        return new;
    else
        insert into audit_logs (actor, action, table_name, row_id, before, after)
        values (who, 'delete', tg_table_name, old.id, to_jsonb(old), null);
        return old;
    end if;
end $$;

create function refuse_audit_change() returns trigger
language plpgsql as $$
begin
    raise exception 'The audit log is append-only: % is refused', lower(tg_op)
        using errcode = '42501';
end $$;

create trigger audit_logs_append_only
    before update or delete on audit_logs
    for each row execute function refuse_audit_change();
create trigger audit_logs_no_truncate
    before truncate on audit_logs
    for each statement execute function refuse_audit_change();

-- Attach version bumping and auditing to a table in one call.
create function track_table(tbl regclass) returns void
language plpgsql as $$
begin
    execute format('create trigger %I before update on %s for each row execute function bump_row_version()',
                   tbl::text || '_bump_version', tbl);
    execute format('create trigger %I after insert or update or delete on %s for each row execute function audit_row_change()',
                   tbl::text || '_audit', tbl);
end $$;
