-- What assessments are made against, as data: milestone sets (subcompetencies with level
-- descriptors) and EPA sets (EPAs with their phases of care and the set's own entrustment scale),
-- case types and feedback tags. Rotunda ships sets from its reference files; a program may import
-- its own set or a corrected one (CSV or JSON), and chooses which sets it assesses against.

-- A set shipped for everyone has no program; a program's own set names the program.
create table milestone_sets (
    id             uuid primary key,
    specialty_code text not null references ref_specialties (code),
    set_version    text not null check (btrim(set_version) <> ''),
    name           text not null check (btrim(name) <> ''),
    program_id     uuid references programs (id),
    source         text not null default 'shipped' check (source in ('shipped', 'imported')),
    created_at     timestamptz not null default clock_timestamp(),
    updated_at     timestamptz not null default clock_timestamp(),
    version        integer not null default 1,
    constraint milestone_sets_unique unique nulls not distinct (specialty_code, set_version, program_id)
);
select track_table('milestone_sets');

-- A subcompetency ("milestone" in ACGME's tables): PC1, MK2, SBP3, ... under one competency.
create table subcompetencies (
    id               uuid primary key,
    milestone_set_id uuid not null references milestone_sets (id) on delete cascade,
    competency_code  text not null references ref_competencies (code),
    code             text not null check (code ~ '^(PC|MK|SBP|PBLI|PROF|ICS)[1-9][0-9]?$'),
    name             text not null check (btrim(name) <> ''),
    description      text,
    display_order    integer not null,
    created_at       timestamptz not null default clock_timestamp(),
    updated_at       timestamptz not null default clock_timestamp(),
    version          integer not null default 1,
    constraint subcompetencies_code_unique unique (milestone_set_id, code)
);
select track_table('subcompetencies');

create table milestone_level_descriptors (
    id               uuid primary key,
    subcompetency_id uuid not null references subcompetencies (id) on delete cascade,
    level            integer not null check (level between 1 and 5),
    descriptor       text not null check (btrim(descriptor) <> ''),
    created_at       timestamptz not null default clock_timestamp(),
    updated_at       timestamptz not null default clock_timestamp(),
    version          integer not null default 1,
    constraint milestone_level_descriptors_unique unique (subcompetency_id, level)
);
select track_table('milestone_level_descriptors');

create table epa_sets (
    id             uuid primary key,
    specialty_code text not null references ref_specialties (code),
    set_version    text not null check (btrim(set_version) <> ''),
    name           text not null check (btrim(name) <> ''),
    program_id     uuid references programs (id),
    source         text not null default 'shipped' check (source in ('shipped', 'imported')),
    created_at     timestamptz not null default clock_timestamp(),
    updated_at     timestamptz not null default clock_timestamp(),
    version        integer not null default 1,
    constraint epa_sets_unique unique nulls not distinct (specialty_code, set_version, program_id)
);
select track_table('epa_sets');

-- The set's own entrustment scale (surgery uses four levels, other specialties five).
create table entrustment_levels (
    id          uuid primary key,
    epa_set_id  uuid not null references epa_sets (id) on delete cascade,
    level       integer not null check (level between 1 and 5),
    name        text not null check (btrim(name) <> ''),
    description text,
    created_at  timestamptz not null default clock_timestamp(),
    updated_at  timestamptz not null default clock_timestamp(),
    version     integer not null default 1,
    constraint entrustment_levels_unique unique (epa_set_id, level)
);
select track_table('entrustment_levels');

create table epas (
    id            uuid primary key,
    epa_set_id    uuid not null references epa_sets (id) on delete cascade,
    number        integer not null check (number between 1 and 99),
    name          text not null check (btrim(name) <> ''),
    short_name    text not null check (btrim(short_name) <> ''),
    description   text,
    display_order integer not null,
    created_at    timestamptz not null default clock_timestamp(),
    updated_at    timestamptz not null default clock_timestamp(),
    version       integer not null default 1,
    constraint epas_number_unique unique (epa_set_id, number),
    -- Lets an assessment name its EPA and set together, so its level is checked on that set's scale.
    constraint epas_id_set_unique unique (id, epa_set_id)
);
select track_table('epas');

-- The phases of care an EPA is rated in (EPA 7 pre-operative only, EPA 9 intra-operative only).
create table epa_phases (
    id         uuid primary key,
    epa_id     uuid not null references epas (id) on delete cascade,
    phase      text not null check (phase in ('preoperative', 'intraoperative', 'postoperative', 'whole_encounter')),
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp(),
    version    integer not null default 1,
    constraint epa_phases_unique unique (epa_id, phase)
);
select track_table('epa_phases');

create table case_types (
    id                       uuid primary key,
    epa_id                   uuid not null references epas (id) on delete cascade,
    code                     text not null check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name                     text not null check (btrim(name) <> ''),
    typical_duration_minutes integer check (typical_duration_minutes between 1 and 1440),
    created_at               timestamptz not null default clock_timestamp(),
    updated_at               timestamptz not null default clock_timestamp(),
    version                  integer not null default 1,
    constraint case_types_code_unique unique (epa_id, code)
);
select track_table('case_types');

-- Tags for what went well (strengths) and what needs work; no specialty = every specialty.
create table feedback_tags (
    id             uuid primary key,
    category       text not null check (category in ('strength', 'area_for_improvement')),
    name           text not null check (btrim(name) <> ''),
    description    text,
    specialty_code text references ref_specialties (code),
    created_at     timestamptz not null default clock_timestamp(),
    updated_at     timestamptz not null default clock_timestamp(),
    version        integer not null default 1,
    constraint feedback_tags_unique unique nulls not distinct (category, name, specialty_code)
);
select track_table('feedback_tags');

-- Which sets a program assesses against (null: none chosen yet).
alter table programs
    add column milestone_set_id uuid references milestone_sets (id),
    add column epa_set_id uuid references epa_sets (id);
