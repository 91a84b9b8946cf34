-- The organisation: companies own institutions; a sponsoring institution runs programs and
-- makes participation agreements (PLAs) with other institutions, whose clinical sites host rotations.
create table companies (
    id         uuid primary key,
    name       text not null check (btrim(name) <> ''),
    settings   jsonb not null default '{}',
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp(),
    version    integer not null default 1
);
select track_table('companies');

create table institutions (
    id                   uuid primary key,
    company_id           uuid not null references companies (id),
    name                 text not null check (btrim(name) <> ''),
    acgme_institution_id text,
    type                 text not null default 'academic_medical_center'
        check (type in ('academic_medical_center', 'community_hospital', 'va', 'ambulatory', 'other')),
    address              text,
    acgme_verified       boolean not null default false,
    created_at           timestamptz not null default clock_timestamp(),
    updated_at           timestamptz not null default clock_timestamp(),
    version              integer not null default 1,
    constraint institutions_name_unique unique (company_id, name)
);
create index institutions_company_idx on institutions (company_id);
select track_table('institutions');

create table sponsoring_institutions (
    id                          uuid primary key,
    institution_id              uuid not null references institutions (id),
    dio_name                    text,
    dio_email                   citext,
    acgme_accreditation_status  text check (acgme_accreditation_status in
        ('initial', 'initial_with_warning', 'continued', 'continued_with_warning', 'probation', 'withdrawn')),
    next_site_visit             date,
    effective_date              date,
    is_active                   boolean not null default true,
    created_at                  timestamptz not null default clock_timestamp(),
    updated_at                  timestamptz not null default clock_timestamp(),
    version                     integer not null default 1,
    constraint sponsoring_institutions_institution_unique unique (institution_id)
);
select track_table('sponsoring_institutions');

create table programs (
    id                        uuid primary key,
    sponsoring_institution_id uuid not null references sponsoring_institutions (id),
    code                      citext not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$'),
    name                      text not null check (btrim(name) <> ''),
    specialty_code            text references ref_specialties (code),
    acgme_program_id          text,
    acgme_verified            boolean not null default false,
    settings                  jsonb not null default '{}',
    created_at                timestamptz not null default clock_timestamp(),
    updated_at                timestamptz not null default clock_timestamp(),
    version                   integer not null default 1,
    constraint programs_code_unique unique (code)
);
select track_table('programs');

create table participation_agreements (
    id                           uuid primary key,
    sponsoring_institution_id    uuid not null references sponsoring_institutions (id),
    participating_institution_id uuid not null references institutions (id),
    agreement_type               text not null check (agreement_type in ('pla', 'affiliation_agreement')),
    effective_date               date not null,
    expiration_date              date,
    status                       text not null default 'active' check (status in ('pending', 'active', 'expired', 'terminated')),
    applies_to_all_programs      boolean not null default true,
    notes                        text,
    created_at                   timestamptz not null default clock_timestamp(),
    updated_at                   timestamptz not null default clock_timestamp(),
    version                      integer not null default 1,
    constraint participation_agreements_dates check (expiration_date is null or expiration_date >= effective_date)
);
select track_table('participation_agreements');

-- The programs an agreement covers when it does not cover all of them (seed: covered_program_ids).
create table participation_agreement_programs (
    agreement_id uuid not null references participation_agreements (id) on delete cascade,
    program_id   uuid not null references programs (id),
    primary key (agreement_id, program_id)
);

create table clinical_sites (
    id                         uuid primary key,
    institution_id             uuid not null references institutions (id),
    participation_agreement_id uuid references participation_agreements (id),
    code                       citext check (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$'),
    name                       text not null check (btrim(name) <> ''),
    type                       text not null default 'primary' check (type in ('primary', 'affiliate', 'va', 'community', 'other')),
    site_classification        text,
    capacity                   integer check (capacity >= 0),
    is_participating_site      boolean not null default false,
    created_at                 timestamptz not null default clock_timestamp(),
    updated_at                 timestamptz not null default clock_timestamp(),
    version                    integer not null default 1,
    constraint clinical_sites_name_unique unique (institution_id, name),
    constraint clinical_sites_code_unique unique (code)
);
select track_table('clinical_sites');
