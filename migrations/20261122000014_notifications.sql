-- Notifications: what the rules raised, and for whom. The in-app centre reads them; a delivery
-- queue posts each one to the office's webhook. The queue lives here, not in a process, so a
-- restart loses nothing; each delivery keeps one idempotency key across all its tries.

-- One template per kind; `{{name}}` stands for a variable the rule supplies.
create table notification_templates (
    id             uuid primary key,
    kind           text not null unique check (kind in
        ('assessment_owed', 'agreement_expiring', 'ccc_invitation', 'hours_violation', 'import_failed')),
    title_template text not null check (length(title_template) between 1 and 200),
    body_template  text not null check (length(body_template) between 1 and 4000),
    created_at     timestamptz not null default clock_timestamp(),
    updated_at     timestamptz not null default clock_timestamp(),
    version        integer not null default 1
);
select track_table('notification_templates');

insert into notification_templates (id, kind, title_template, body_template) values
('0199f000-0000-7000-8000-000000000001', 'assessment_owed',
 'Assessment owed: {{resident}} on {{rotation}}',
 'Dear {{faculty}}, {{resident}} finished {{rotation}} with you on {{end_date}} ({{start_date}} to {{end_date}}). No EPA assessment of theirs from you covers it yet; please submit one.'),
('0199f000-0000-7000-8000-000000000002', 'agreement_expiring',
 '{{agreement}} expires in {{days_left}} days',
 'The agreement "{{agreement}}" with {{institution}} expires on {{expiration_date}}, in {{days_left}} days. Sites under it cannot be scheduled past that date until it is renewed.'),
('0199f000-0000-7000-8000-000000000003', 'ccc_invitation',
 'CCC meeting on {{meeting_date}}',
 'Dear {{member}}, you are invited to the {{program}} Clinical Competency Committee''s {{term}} meeting on {{meeting_date}}, chaired by {{chair}}. {{residents}} residents are on the agenda.'),
('0199f000-0000-7000-8000-000000000004', 'hours_violation',
 'Work-hour violation: {{resident}}',
 '{{resident}} broke the rule "{{rule}}" in the window {{window}}: {{figure}}.'),
('0199f000-0000-7000-8000-000000000005', 'import_failed',
 'Import failed: {{what}}',
 'The {{what}} import from {{file}} was refused and changed nothing: {{problems}} problem(s). The first: {{first_problem}}');

-- The office's webhook (one per database). Its secret is in each desktop's OS keyring, never here.
create table webhook_settings (
    id              uuid primary key,
    -- There is one.
    singleton       boolean not null default true unique check (singleton),
    url             text not null check (url ~ '^https?://'),
    enabled         boolean not null default true,
    max_attempts    integer not null default 8 check (max_attempts between 1 and 50),
    -- The first retry waits this long; each next one waits twice as long.
    backoff_seconds integer not null default 30 check (backoff_seconds between 1 and 86400),
    timeout_ms      integer not null default 10000 check (timeout_ms between 100 and 120000),
    created_at      timestamptz not null default clock_timestamp(),
    updated_at      timestamptz not null default clock_timestamp(),
    version         integer not null default 1
);
select track_table('webhook_settings');

create table notifications (
    id           uuid primary key,
    program_id   uuid references programs (id),
    recipient_id uuid references users (id),
    kind         text not null references notification_templates (kind),
    title        text not null,
    body         text not null,
    variables    jsonb not null default '{}',
    -- What raised it, so a rule that runs again raises nothing new.
    dedupe_key   text not null,
    read_at      timestamptz,
    created_at   timestamptz not null default clock_timestamp(),
    updated_at   timestamptz not null default clock_timestamp(),
    constraint notifications_dedupe_key_unique unique (dedupe_key)
);
create index notifications_program_idx on notifications (program_id, created_at desc);
create index notifications_unread_idx on notifications (program_id) where read_at is null;

create table notification_deliveries (
    id              uuid primary key,
    notification_id uuid not null references notifications (id) on delete cascade,
    idempotency_key uuid not null,
    status          text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
    attempts        integer not null default 0 check (attempts >= 0),
    -- A claimed delivery is pushed forward by its lease, so a desktop that dies mid-send leaves
    -- it due again later, with the same key.
    next_attempt_at timestamptz not null default clock_timestamp(),
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz not null default clock_timestamp(),
    updated_at      timestamptz not null default clock_timestamp(),
    constraint notification_deliveries_notification_unique unique (notification_id),
    constraint notification_deliveries_key_unique unique (idempotency_key)
);
create index notification_deliveries_due_idx on notification_deliveries (next_attempt_at)
    where status = 'pending';
