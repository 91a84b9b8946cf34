-- The evidence: EPA assessments (with their context, narrative and feedback tags) and milestone
-- levels per reporting period. Never hard-deleted: a deleted assessment keeps its row, who deleted
-- it and why, and every change is in the audit log.

create table epa_assessments (
    id                         uuid primary key,
    resident_id                uuid not null references residents (id),
    assessor_id                uuid not null references faculty (id),
    epa_id                     uuid not null,
    epa_set_id                 uuid not null,
    phase                      text not null,
    assessed_on                date not null,
    submitted_at               timestamptz not null default clock_timestamp(),
    entrustment_level          integer not null,
    -- Context. The assignment may be rewritten by schedule edits; the rotation and site stay.
    rotation_assignment_id     uuid references rotation_assignments (id) on delete set null,
    rotation_type_id           uuid references rotation_types (id),
    clinical_site_id           uuid references clinical_sites (id),
    case_type_id               uuid references case_types (id),
    case_urgency               text check (case_urgency in ('elective', 'urgent', 'emergent')),
    patient_asa_class          integer check (patient_asa_class between 1 and 6),
    procedure_duration_minutes integer check (procedure_duration_minutes between 1 and 1440),
    complications_occurred     boolean,
    location_type              text check (location_type in
        ('operating_room', 'clinic', 'icu', 'ward', 'emergency_department', 'endoscopy', 'other')),
    location_details           text,
    narrative                  text,
    entry_method               text not null default 'desktop'
        check (entry_method in ('desktop', 'web', 'mobile_ios', 'mobile_android', 'import')),
    acknowledged_at            timestamptz,
    deleted_at                 timestamptz,
    deleted_by                 text,
    delete_reason              text,
    created_at                 timestamptz not null default clock_timestamp(),
    updated_at                 timestamptz not null default clock_timestamp(),
    version                    integer not null default 1,
    constraint epa_assessments_epa_fk foreign key (epa_id, epa_set_id) references epas (id, epa_set_id),
    -- The level must be on the set's own scale, and the phase one the EPA is rated in.
    constraint epa_assessments_level_fk foreign key (epa_set_id, entrustment_level)
        references entrustment_levels (epa_set_id, level),
    constraint epa_assessments_phase_fk foreign key (epa_id, phase) references epa_phases (epa_id, phase),
    constraint epa_assessments_deleted_why check (
        (deleted_at is null and deleted_by is null and delete_reason is null)
        or (deleted_at is not null and deleted_by is not null and btrim(delete_reason) <> ''))
);
select track_table('epa_assessments');
create index epa_assessments_resident_idx on epa_assessments (resident_id, epa_id, assessed_on)
    where deleted_at is null;
create index epa_assessments_assessor_idx on epa_assessments (assessor_id, assessed_on desc)
    where deleted_at is null;

create table epa_assessment_tags (
    id                uuid primary key,
    epa_assessment_id uuid not null references epa_assessments (id),
    feedback_tag_id   uuid not null references feedback_tags (id),
    tag_type          text not null check (tag_type in ('went_well', 'needs_work')),
    created_at        timestamptz not null default clock_timestamp(),
    updated_at        timestamptz not null default clock_timestamp(),
    version           integer not null default 1,
    constraint epa_assessment_tags_unique unique (epa_assessment_id, feedback_tag_id)
);
select track_table('epa_assessment_tags');

-- A reporting period is an academic year's fall or spring half.
create table milestone_assessments (
    id                 uuid primary key,
    resident_id        uuid not null references residents (id),
    subcompetency_id   uuid not null references subcompetencies (id),
    academic_year_id   uuid not null references academic_years (id),
    term               text not null check (term in ('fall', 'spring')),
    -- 0 = has not yet completed Level 1; then 1, 1.5, ... 5. Null only when not yet assessable.
    level              numeric(2, 1) check (level = 0 or (level between 1 and 5 and level * 2 = trunc(level * 2))),
    not_yet_assessable boolean not null default false,
    rationale          text,
    assessed_on        date not null default current_date,
    deleted_at         timestamptz,
    deleted_by         text,
    created_at         timestamptz not null default clock_timestamp(),
    updated_at         timestamptz not null default clock_timestamp(),
    version            integer not null default 1,
    constraint milestone_assessments_level_or_not_yet check ((level is null) = not_yet_assessable)
);
select track_table('milestone_assessments');
create unique index milestone_assessments_one_per_period
    on milestone_assessments (resident_id, subcompetency_id, academic_year_id, term)
    where deleted_at is null;

-- Analytics, refreshed after writes (concurrently, so readers are never blocked): each resident's
-- progress per EPA, and each program's assessment activity.
create materialized view resident_epa_progress as
select a.resident_id,
       a.epa_id,
       count(*)::integer                                                          as assessments,
       percentile_cont(0.5) within group (order by a.entrustment_level)::numeric(3, 1) as median_level,
       (array_agg(a.entrustment_level order by a.assessed_on desc, a.submitted_at desc))[1] as latest_level,
       max(a.entrustment_level)                                                   as highest_level,
       min(a.assessed_on)                                                         as first_assessed_on,
       max(a.assessed_on)                                                         as last_assessed_on
from epa_assessments a
where a.deleted_at is null
group by a.resident_id, a.epa_id;
create unique index resident_epa_progress_key on resident_epa_progress (resident_id, epa_id);

create materialized view program_assessment_metrics as
select r.program_id,
       count(*)::integer                                                     as assessments,
       count(distinct a.resident_id)::integer                               as residents_assessed,
       count(distinct a.assessor_id)::integer                               as assessors,
       (count(*) filter (where a.assessed_on >= current_date - 30))::integer as last_30_days,
       (count(*) filter (where a.narrative is not null and length(btrim(a.narrative)) >= 20))::integer
                                                                             as with_narrative,
       (count(*) filter (where a.acknowledged_at is not null))::integer     as acknowledged,
       round(avg(extract(epoch from (a.submitted_at - a.assessed_on::timestamptz)) / 86400.0), 1)
                                                                             as mean_days_to_submit
from epa_assessments a
join residents r on r.id = a.resident_id
where a.deleted_at is null
group by r.program_id;
create unique index program_assessment_metrics_key on program_assessment_metrics (program_id);
