-- Year rollovers: what moving a program into its next academic year changed (the new year, each
-- resident's level and status before and after, the memberships it ended), kept so it can be undone.
create table year_rollovers (
    id           uuid primary key,
    program_id   uuid not null references programs (id),
    from_year_id uuid not null references academic_years (id),
    -- Set null when an undo deletes the year the rollover made.
    to_year_id   uuid references academic_years (id) on delete set null,
    changes      jsonb not null,
    created_at   timestamptz not null default clock_timestamp(),
    updated_at   timestamptz not null default clock_timestamp(),
    undone_at    timestamptz,
    version      integer not null default 1
);
-- A year is rolled over once; an undone rollover may be made again.
create unique index year_rollovers_once on year_rollovers (from_year_id) where undone_at is null;
create index year_rollovers_program_idx on year_rollovers (program_id, created_at);
select track_table('year_rollovers');
