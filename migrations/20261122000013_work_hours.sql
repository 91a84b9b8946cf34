-- Clinical and educational work hours: each resident's entries (a start and an end instant and a
-- kind), approved or rejected by someone, corrected with a reason (the correction keeps the times
-- before it). Never hard-deleted. A program's wall clock, for the rules' days and nights, is its
-- time zone.

alter table programs add column time_zone text not null default current_setting('TimeZone');

create table work_hour_entries (
    id           uuid primary key,
    resident_id  uuid not null references residents (id),
    kind         text not null check (kind in
        ('in_house_shift', 'in_house_call', 'home_call_worked', 'moonlighting', 'conference')),
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    notes        text,
    status       text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
    decided_by   text,
    decided_at   timestamptz,
    entry_method text not null default 'desktop' check (entry_method in ('desktop', 'import')),
    deleted_at   timestamptz,
    deleted_by   text,
    created_at   timestamptz not null default clock_timestamp(),
    updated_at   timestamptz not null default clock_timestamp(),
    version      integer not null default 1,
    constraint work_hour_entries_length check (ends_at > starts_at and ends_at - starts_at <= interval '48 hours'),
    constraint work_hour_entries_decided check ((status = 'pending') = (decided_by is null)),
    -- One resident is never in two places at once.
    constraint work_hour_entries_no_overlap exclude using gist (
        resident_id with =, tstzrange(starts_at, ends_at) with &&) where (deleted_at is null)
);
select track_table('work_hour_entries');
create index work_hour_entries_resident_idx on work_hour_entries (resident_id, starts_at)
    where deleted_at is null;

create table work_hour_corrections (
    id                  uuid primary key,
    entry_id            uuid not null references work_hour_entries (id),
    original_starts_at  timestamptz not null,
    original_ends_at    timestamptz not null,
    corrected_starts_at timestamptz not null,
    corrected_ends_at   timestamptz not null,
    reason              text not null check (btrim(reason) <> ''),
    corrected_by        text not null,
    created_at          timestamptz not null default clock_timestamp(),
    updated_at          timestamptz not null default clock_timestamp(),
    version             integer not null default 1
);
select track_table('work_hour_corrections');
create index work_hour_corrections_entry_idx on work_hour_corrections (entry_id);
