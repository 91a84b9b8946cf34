-- Early-warning rules as data: a program keeps its own set (which rules, with which parameters);
-- a program with no rows uses Rotunda's defaults.
create table flag_rules (
    id         uuid primary key,
    program_id uuid not null references programs (id),
    rule       text not null check (rule in ('low_late_pgy2', 'level_dropped', 'no_recent_epa', 'below_cohort')),
    enabled    boolean not null default true,
    -- low_late_pgy2: flag at or below this level.
    at_most    numeric(2, 1) check (at_most between 0 and 5),
    -- no_recent_epa: weeks without an assessment while on a rotation.
    weeks      integer check (weeks between 1 and 52),
    -- below_cohort: levels below the cohort's median.
    by_levels  numeric(2, 1) check (by_levels > 0 and by_levels <= 5),
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp(),
    version    integer not null default 1,
    constraint flag_rules_unique unique (program_id, rule),
    constraint flag_rules_parameters check (
        (rule = 'low_late_pgy2' and at_most is not null)
        or (rule = 'no_recent_epa' and weeks is not null)
        or (rule = 'below_cohort' and by_levels is not null)
        or rule = 'level_dropped')
);
select track_table('flag_rules');
