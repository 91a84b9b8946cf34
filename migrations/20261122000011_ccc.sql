-- The Clinical Competency Committee: meetings per reporting period with their attendees and
-- agenda, and a review per resident that moves from draft to final. A final review is immutable
-- (the database refuses any change); a correction is an amendment that references it, and both
-- are kept. Finalizing a review records the milestone levels decided for the period with it.

create table ccc_meetings (
    id               uuid primary key,
    program_id       uuid not null references programs (id),
    academic_year_id uuid not null references academic_years (id),
    term             text not null check (term in ('fall', 'spring')),
    meeting_date     date not null,
    chair_id         uuid references faculty (id),
    status           text not null default 'scheduled' check (status in ('scheduled', 'in_progress', 'completed')),
    minutes          text,
    created_at       timestamptz not null default clock_timestamp(),
    updated_at       timestamptz not null default clock_timestamp(),
    version          integer not null default 1
);
select track_table('ccc_meetings');
create index ccc_meetings_program_idx on ccc_meetings (program_id, meeting_date);

create table ccc_attendees (
    id         uuid primary key,
    meeting_id uuid not null references ccc_meetings (id) on delete cascade,
    faculty_id uuid not null references faculty (id),
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp(),
    version    integer not null default 1,
    constraint ccc_attendees_unique unique (meeting_id, faculty_id)
);
select track_table('ccc_attendees');

-- The order residents are reviewed in; positions are rewritten together when the chair reorders.
create table ccc_agenda_items (
    id          uuid primary key,
    meeting_id  uuid not null references ccc_meetings (id) on delete cascade,
    resident_id uuid not null references residents (id),
    position    integer not null check (position >= 1),
    created_at  timestamptz not null default clock_timestamp(),
    updated_at  timestamptz not null default clock_timestamp(),
    version     integer not null default 1,
    constraint ccc_agenda_items_resident_unique unique (meeting_id, resident_id),
    constraint ccc_agenda_items_position_unique unique (meeting_id, position) deferrable initially deferred
);
select track_table('ccc_agenda_items');

create table ccc_resident_reviews (
    id                    uuid primary key,
    meeting_id            uuid not null references ccc_meetings (id),
    resident_id           uuid not null references residents (id),
    status                text not null default 'draft' check (status in ('draft', 'final')),
    overall_performance   text check (overall_performance in
        ('exceeds_expectations', 'meets_expectations', 'below_expectations', 'unsatisfactory')),
    recommendation        text check (recommendation in
        ('promote', 'promote_with_conditions', 'extend', 'remediation', 'graduate', 'not_promote')),
    strengths             text,
    areas_for_improvement text,
    requires_remediation  boolean not null default false,
    remediation_plan      text,
    -- An amendment names the final review it corrects, and why.
    amends_review_id      uuid references ccc_resident_reviews (id),
    amendment_reason      text,
    finalized_at          timestamptz,
    finalized_by          text,
    created_at            timestamptz not null default clock_timestamp(),
    updated_at            timestamptz not null default clock_timestamp(),
    version               integer not null default 1,
    constraint ccc_reviews_final_when check ((status = 'final') = (finalized_at is not null and finalized_by is not null)),
    constraint ccc_reviews_final_has_recommendation check (status <> 'final' or recommendation is not null),
    constraint ccc_reviews_remediation_has_plan check (
        status <> 'final' or not requires_remediation or btrim(coalesce(remediation_plan, '')) <> ''),
    constraint ccc_reviews_amendment_why check ((amends_review_id is null) = (amendment_reason is null))
);
select track_table('ccc_resident_reviews');
-- One original review per resident and meeting; at most one amendment of any one review.
create unique index ccc_reviews_one_original on ccc_resident_reviews (meeting_id, resident_id)
    where amends_review_id is null;
create unique index ccc_reviews_one_amendment on ccc_resident_reviews (amends_review_id)
    where amends_review_id is not null;

-- The milestone levels a review decided, recorded when it is finalized.
create table ccc_review_levels (
    id                 uuid primary key,
    review_id          uuid not null references ccc_resident_reviews (id),
    subcompetency_id   uuid not null references subcompetencies (id),
    level              numeric(2, 1) check (level = 0 or (level between 1 and 5 and level * 2 = trunc(level * 2))),
    not_yet_assessable boolean not null default false,
    rationale          text,
    created_at         timestamptz not null default clock_timestamp(),
    updated_at         timestamptz not null default clock_timestamp(),
    version            integer not null default 1,
    constraint ccc_review_levels_unique unique (review_id, subcompetency_id),
    constraint ccc_review_levels_level_or_not_yet check ((level is null) = not_yet_assessable)
);
select track_table('ccc_review_levels');

-- A final review, and the levels recorded with it, never change: not through the app, not by hand.
create function refuse_final_review_change() returns trigger
language plpgsql as $$
begin
    if old.status = 'final' then
        raise exception 'A final CCC review cannot be changed; record an amendment instead'
            using errcode = '42501';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger ccc_reviews_final_immutable
    before update or delete on ccc_resident_reviews
    for each row execute function refuse_final_review_change();

create function refuse_final_review_level_change() returns trigger
language plpgsql as $$
declare
    review uuid := case when tg_op = 'DELETE' then old.review_id else new.review_id end;
begin
    if exists (select 1 from ccc_resident_reviews r where r.id = review and r.status = 'final')
       or (tg_op <> 'INSERT' and exists (
               select 1 from ccc_resident_reviews r where r.id = old.review_id and r.status = 'final')) then
        raise exception 'The levels of a final CCC review cannot be changed; record an amendment instead'
            using errcode = '42501';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger ccc_review_levels_final_immutable
    before insert or update or delete on ccc_review_levels
    for each row execute function refuse_final_review_level_change();
