-- People: users (one row per person, unique case-insensitive e-mail), their program memberships
-- (one person may hold several roles at once), and the resident and faculty records.
create table users (
    id         uuid primary key,
    company_id uuid not null references companies (id),
    email      citext not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    first_name text not null check (btrim(first_name) <> ''),
    last_name  text not null check (btrim(last_name) <> ''),
    phone      text,
    is_active  boolean not null default true,
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp(),
    version    integer not null default 1,
    constraint users_email_unique unique (email)
);
create index users_company_idx on users (company_id);
select track_table('users');

alter table sponsoring_institutions
    add column dio_user_id uuid references users (id),
    add column gmec_chair_id uuid references users (id);
alter table programs
    add column program_director_id uuid references users (id);

create table program_memberships (
    id         uuid primary key,
    user_id    uuid not null references users (id),
    program_id uuid not null references programs (id),
    role       text not null check (role in
        ('resident', 'faculty', 'program_director', 'associate_pd', 'coordinator', 'ccc_chair', 'ccc_member')),
    started_at date not null,
    ended_at   date,
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp(),
    version    integer not null default 1,
    constraint program_memberships_dates check (ended_at is null or ended_at >= started_at),
    -- The same role twice at once for one person in one program is a mistake, not two roles.
    constraint program_memberships_no_overlap exclude using gist (
        user_id with =, program_id with =, role with =,
        daterange(started_at, ended_at, '[]') with &&)
);
create index program_memberships_program_idx on program_memberships (program_id, role);
select track_table('program_memberships');

create table residents (
    id                       uuid primary key,
    user_id                  uuid not null references users (id),
    program_id               uuid not null references programs (id),
    pgy_level                integer not null check (pgy_level between 1 and 10),
    entry_pgy_level          integer not null check (entry_pgy_level between 1 and 10),
    matriculation_date       date,
    expected_graduation_date date,
    actual_graduation_date   date,
    track                    text,
    medical_school           text,
    degree_type              text check (degree_type in ('MD', 'DO', 'MBBS', 'MBChB', 'other')),
    status                   text not null default 'active'
        check (status in ('active', 'leave_of_absence', 'off_cycle', 'completed', 'withdrawn')),
    created_at               timestamptz not null default clock_timestamp(),
    updated_at               timestamptz not null default clock_timestamp(),
    version                  integer not null default 1,
    constraint residents_user_program_unique unique (user_id, program_id),
    constraint residents_graduation_after_matriculation check (
        expected_graduation_date is null or matriculation_date is null
        or expected_graduation_date > matriculation_date)
);
create index residents_program_idx on residents (program_id, pgy_level);
select track_table('residents');

create table faculty (
    id                  uuid primary key,
    user_id             uuid not null references users (id),
    program_id          uuid not null references programs (id),
    rank                text check (rank in ('instructor', 'assistant_professor', 'associate_professor', 'professor', 'clinical', 'other')),
    department          text,
    specialty           text,
    is_core_faculty     boolean not null default false,
    teaching_percentage integer check (teaching_percentage between 0 and 100),
    is_active           boolean not null default true,
    started_at          date,
    ended_at            date,
    created_at          timestamptz not null default clock_timestamp(),
    updated_at          timestamptz not null default clock_timestamp(),
    version             integer not null default 1,
    constraint faculty_user_program_unique unique (user_id, program_id),
    constraint faculty_dates check (ended_at is null or started_at is null or ended_at >= started_at)
);
select track_table('faculty');
