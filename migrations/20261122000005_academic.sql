-- Academic structure: a program's academic years (one current at a time, never overlapping)
-- and the blocks (rotation periods) of a year: inside it, never overlapping, no gaps unless allowed.
create table academic_years (
    id            uuid primary key,
    program_id    uuid not null references programs (id),
    name          text not null check (btrim(name) <> ''),
    start_date    date not null,
    end_date      date not null,
    is_current    boolean not null default false,
    allow_gaps    boolean not null default false,
    block_pattern text,
    created_at    timestamptz not null default clock_timestamp(),
    updated_at    timestamptz not null default clock_timestamp(),
    version       integer not null default 1,
    constraint academic_years_dates check (end_date > start_date and end_date - start_date <= 731),
    constraint academic_years_name_unique unique (program_id, name),
    constraint academic_years_no_overlap exclude using gist (
        program_id with =, daterange(start_date, end_date, '[]') with &&)
);
create unique index academic_years_one_current on academic_years (program_id) where is_current;
select track_table('academic_years');

create table blocks (
    id               uuid primary key,
    academic_year_id uuid not null references academic_years (id) on delete cascade,
    block_number     integer not null check (block_number between 1 and 400),
    name             text not null check (btrim(name) <> ''),
    start_date       date not null,
    end_date         date not null,
    -- First day of the second half when the block is split into halves.
    split_date       date,
    created_at       timestamptz not null default clock_timestamp(),
    updated_at       timestamptz not null default clock_timestamp(),
    version          integer not null default 1,
    constraint blocks_dates check (end_date >= start_date),
    constraint blocks_split_inside check (split_date is null or (split_date > start_date and split_date <= end_date)),
    constraint blocks_number_unique unique (academic_year_id, block_number) deferrable initially deferred,
    -- Deferred so that moving a boundary (one block shrinks, its neighbour grows) works in one transaction.
    constraint blocks_no_overlap exclude using gist (
        academic_year_id with =, daterange(start_date, end_date, '[]') with &&) deferrable initially deferred
);
select track_table('blocks');

-- The rules that span rows: every block lies inside its year, and unless the year allows gaps
-- the blocks tile the year from its first to its last day. Checked at commit.
create function check_year_blocks(p_year uuid) returns void
language plpgsql as $$
declare
    y academic_years%rowtype;
    b record;
    prev_name text;
    prev_end date;
begin
    select * into y from academic_years where id = p_year;
    if not found then
        return;
    end if;
    for b in select name, start_date, end_date from blocks where academic_year_id = p_year order by start_date loop
        if b.start_date < y.start_date or b.end_date > y.end_date then
            raise exception '% (%..%) lies outside the academic year % (%..%)',
                b.name, b.start_date, b.end_date, y.name, y.start_date, y.end_date
                using errcode = '23514', constraint = 'blocks_inside_year', table = 'blocks';
        end if;
        if not y.allow_gaps then
            if prev_end is null and b.start_date <> y.start_date then
                raise exception 'Gap: % starts on % but the academic year % starts on %',
                    b.name, b.start_date, y.name, y.start_date
                    using errcode = '23514', constraint = 'blocks_no_gap', table = 'blocks';
            elsif prev_end is not null and b.start_date > prev_end + 1 then
                raise exception 'Gap: % ends on % but % starts on %',
                    prev_name, prev_end, b.name, b.start_date
                    using errcode = '23514', constraint = 'blocks_no_gap', table = 'blocks';
            end if;
        end if;
        prev_name := b.name;
        prev_end := b.end_date;
    end loop;
    if not y.allow_gaps and prev_end is not null and prev_end <> y.end_date then
        raise exception 'Gap: % ends on % but the academic year % ends on %',
            prev_name, prev_end, y.name, y.end_date
            using errcode = '23514', constraint = 'blocks_no_gap', table = 'blocks';
    end if;
end $$;

create function blocks_fit_year() returns trigger
language plpgsql as $$
begin
    if tg_table_name = 'blocks' then
        if tg_op <> 'INSERT' then
            perform check_year_blocks(old.academic_year_id);
        end if;
        if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.academic_year_id <> old.academic_year_id) then
            perform check_year_blocks(new.academic_year_id);
        end if;
    else
        perform check_year_blocks(new.id);
    end if;
    return null;
end $$;

create constraint trigger blocks_fit_year
    after insert or update or delete on blocks
    deferrable initially deferred
    for each row execute function blocks_fit_year();
create constraint trigger academic_years_fit_blocks
    after update on academic_years
    deferrable initially deferred
    for each row execute function blocks_fit_year();
