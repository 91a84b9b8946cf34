-- Auditing per statement instead of per row. The same audit rows as before (one per inserted,
-- updated or deleted row, with the actor and the before/after images) are written by one
-- INSERT ... SELECT over the statement's transition tables, instead of a trigger call and an
-- insert for every row: a 100,000-row import spent most of its time there.

-- Every audit row takes its id from rotunda_uuid_v7(); as one SQL expression, which PostgreSQL
-- inlines, it costs about half the plpgsql version. The first 64 bits are the Unix milliseconds,
-- the version 7 and 12 random bits; the rest is gen_random_uuid()'s, variant bits included.
create or replace function rotunda_uuid_v7() returns uuid
language sql volatile as $$
    select encode(overlay(uuid_send(gen_random_uuid())
                          placing int8send((floor(extract(epoch from clock_timestamp()) * 1000)::bigint << 16)
                                           | x'7000'::int | floor(random() * 4096)::int)
                          from 1 for 8), 'hex')::uuid
$$;

-- The acting user, as the app sets it per transaction; a write made outside the app is still
-- attributed, to the database role.
create function rotunda_actor() returns text
language sql stable as $$
    select coalesce(nullif(current_setting('rotunda.actor', true), ''), 'db:' || session_user)
$$;

-- One function for the three statement triggers of a table. Old and new images of an update are
-- paired by id; a row whose id changed could not be paired, so such an update is refused rather
-- than audited wrongly (no code changes an id).
create function audit_statement() returns trigger
language plpgsql as $$
declare
    who text := rotunda_actor();
    paired bigint;
begin
    if tg_op = 'INSERT' then
        insert into audit_logs (actor, action, table_name, row_id, before, after)
        select who, 'insert', tg_table_name, n.id, null, to_jsonb(n) from inserted_rows n;
    elsif tg_op = 'UPDATE' then
        insert into audit_logs (actor, action, table_name, row_id, before, after)
        select who, 'update', tg_table_name, n.id, to_jsonb(o), to_jsonb(n)
        from deleted_rows o join inserted_rows n on n.id = o.id;
        get diagnostics paired = row_count;
        if paired <> (select count(*) from inserted_rows) then
            raise exception 'The id of a row in % cannot change', tg_table_name using errcode = '42501';
        end if;
    else
        insert into audit_logs (actor, action, table_name, row_id, before, after)
        select who, 'delete', tg_table_name, o.id, to_jsonb(o), null from deleted_rows o;
    end if;
    return null;
end $$;

-- PostgreSQL allows transition tables only on a trigger of one event, hence three triggers.
create function audit_table(tbl regclass) returns void
language plpgsql as $$
declare
    event text;
begin
    foreach event in array array['insert', 'update', 'delete'] loop
        execute format('create trigger %I after %s on %s referencing %s
                        for each statement execute function audit_statement()',
                       tbl::text || '_audit_' || event, event, tbl,
                       case event
                           when 'insert' then 'new table as inserted_rows'
                           when 'update' then 'old table as deleted_rows new table as inserted_rows'
                           else 'old table as deleted_rows'
                       end);
    end loop;
end $$;

-- Attach version bumping (per row: it edits the row) and auditing to a table in one call.
create or replace function track_table(tbl regclass) returns void
language plpgsql as $$
begin
    execute format('create trigger %I before update on %s for each row execute function bump_row_version()',
                   tbl::text || '_bump_version', tbl);
    perform audit_table(tbl);
end $$;

-- Every table tracked so far moves to the statement triggers.
do $$
declare
    tracked record;
begin
    for tracked in
        select tgrelid::regclass as tbl, tgname from pg_trigger
        where tgfoid = 'audit_row_change'::regproc and not tgisinternal
    loop
        execute format('drop trigger %I on %s', tracked.tgname, tracked.tbl);
        perform audit_table(tracked.tbl);
    end loop;
end $$;

drop function audit_row_change();
