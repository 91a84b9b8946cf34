-- The block schedule: a program's rotation catalogue (types, what each PGY level must and may do,
-- how many residents each block takes), the assignments that fill the blocks, leave, elective
-- requests, and the record of each applied proposal so it can be undone.

-- How many heavy blocks a resident may do in a row, program-wide.
alter table programs
    add column max_consecutive_heavy integer not null default 2
        check (max_consecutive_heavy between 1 and 26);

create table rotation_types (
    id                    uuid primary key,
    program_id            uuid not null references programs (id),
    code                  citext not null
        check (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,11}$' and upper(code::text) <> 'LEAVE'),
    name                  text not null check (btrim(name) <> ''),
    category              text not null default 'core' check (category in ('core', 'elective', 'leave_like')),
    colour                text not null default '#9db4d9' check (colour ~ '^#[0-9a-f]{6}$'),
    heavy                 boolean not null default false,
    no_back_to_back       boolean not null default false,
    default_site_id       uuid references clinical_sites (id),
    default_supervisor_id uuid references faculty (id),
    -- Residents on this rotation in every block, unless a block says otherwise; null max = no limit.
    min_residents         integer not null default 0 check (min_residents >= 0),
    max_residents         integer check (max_residents >= min_residents),
    is_active             boolean not null default true,
    created_at            timestamptz not null default clock_timestamp(),
    updated_at            timestamptz not null default clock_timestamp(),
    version               integer not null default 1,
    constraint rotation_types_code_unique unique (program_id, code)
);
select track_table('rotation_types');

-- A PGY level with a row may do the rotation (eligibility); the weeks it must and may do per year.
-- A rotation with no rows at all is open to every level without limits.
create table rotation_requirements (
    id               uuid primary key,
    rotation_type_id uuid not null references rotation_types (id) on delete cascade,
    pgy_level        integer not null check (pgy_level between 1 and 10),
    min_weeks        integer not null default 0 check (min_weeks >= 0),
    max_weeks        integer not null check (max_weeks >= 1 and max_weeks >= min_weeks),
    created_at       timestamptz not null default clock_timestamp(),
    updated_at       timestamptz not null default clock_timestamp(),
    version          integer not null default 1,
    constraint rotation_requirements_once unique (rotation_type_id, pgy_level)
);
select track_table('rotation_requirements');

-- One block's own staffing for a rotation (e.g. clinic closed in the holiday block: max 0).
create table rotation_coverage_overrides (
    id               uuid primary key,
    rotation_type_id uuid not null references rotation_types (id) on delete cascade,
    block_id         uuid not null references blocks (id) on delete cascade,
    min_residents    integer not null check (min_residents >= 0),
    max_residents    integer not null check (max_residents >= min_residents),
    note             text,
    created_at       timestamptz not null default clock_timestamp(),
    updated_at       timestamptz not null default clock_timestamp(),
    version          integer not null default 1,
    constraint rotation_coverage_overrides_once unique (rotation_type_id, block_id)
);
select track_table('rotation_coverage_overrides');

create table rotation_assignments (
    id               uuid primary key,
    resident_id      uuid not null references residents (id),
    rotation_type_id uuid not null references rotation_types (id),
    block_id         uuid not null references blocks (id),
    clinical_site_id uuid references clinical_sites (id),
    supervisor_id    uuid references faculty (id),
    start_date       date not null,
    end_date         date not null,
    -- A locked assignment is never moved by a proposed schedule.
    is_locked        boolean not null default false,
    created_at       timestamptz not null default clock_timestamp(),
    updated_at       timestamptz not null default clock_timestamp(),
    version          integer not null default 1,
    constraint rotation_assignments_dates check (end_date >= start_date),
    constraint rotation_assignments_no_overlap exclude using gist (
        resident_id with =, daterange(start_date, end_date, '[]') with &&)
);
create index rotation_assignments_block_idx on rotation_assignments (block_id);
select track_table('rotation_assignments');

-- An assignment covers its whole block or exactly one half of a split block.
create function rotation_assignment_fits_block() returns trigger
language plpgsql as $$
declare
    b blocks%rowtype;
begin
    select * into b from blocks where id = new.block_id;
    if (new.start_date, new.end_date) = (b.start_date, b.end_date)
        or (b.split_date is not null and (
            (new.start_date, new.end_date) = (b.start_date, b.split_date - 1)
            or (new.start_date, new.end_date) = (b.split_date, b.end_date))) then
        return new;
    end if;
    raise exception '%..% is neither the whole of % (%..%) nor one of its halves',
        new.start_date, new.end_date, b.name, b.start_date, b.end_date
        using errcode = '23514', constraint = 'rotation_assignments_fit_block', table = 'rotation_assignments';
end $$;
create trigger rotation_assignments_fit_block
    before insert or update of block_id, start_date, end_date on rotation_assignments
    for each row execute function rotation_assignment_fits_block();

create table leave_periods (
    id          uuid primary key,
    resident_id uuid not null references residents (id),
    kind        text not null check (kind in ('vacation', 'sick', 'parental', 'loa')),
    start_date  date not null,
    end_date    date not null,
    note        text,
    created_at  timestamptz not null default clock_timestamp(),
    updated_at  timestamptz not null default clock_timestamp(),
    version     integer not null default 1,
    constraint leave_periods_dates check (end_date >= start_date),
    constraint leave_periods_no_overlap exclude using gist (
        resident_id with =, daterange(start_date, end_date, '[]') with &&)
);
select track_table('leave_periods');

-- Ranked elective wishes for one academic year; no block means "any block".
create table elective_requests (
    id               uuid primary key,
    resident_id      uuid not null references residents (id),
    academic_year_id uuid not null references academic_years (id) on delete cascade,
    rank             integer not null check (rank between 1 and 3),
    rotation_type_id uuid not null references rotation_types (id),
    block_id         uuid references blocks (id) on delete cascade,
    created_at       timestamptz not null default clock_timestamp(),
    updated_at       timestamptz not null default clock_timestamp(),
    version          integer not null default 1,
    constraint elective_requests_rank_once unique (resident_id, academic_year_id, rank)
);
select track_table('elective_requests');

-- Each applied proposal: the assignments it replaced and the ones it wrote, kept for undo.
create table schedule_applications (
    id               uuid primary key,
    academic_year_id uuid not null references academic_years (id) on delete cascade,
    replaced         jsonb not null,
    written_ids      uuid[] not null,
    objective        jsonb not null,
    created_at       timestamptz not null default clock_timestamp(),
    updated_at       timestamptz not null default clock_timestamp(),
    undone_at        timestamptz,
    version          integer not null default 1
);
create index schedule_applications_year_idx on schedule_applications (academic_year_id, created_at);
select track_table('schedule_applications');
