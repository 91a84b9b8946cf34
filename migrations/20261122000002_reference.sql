-- Reference data shared by every program: specialties and the six ACGME core competencies.
create table ref_specialties (
    code                   text primary key check (code ~ '^[a-z][a-z0-9_]*$'),
    name                   text not null check (btrim(name) <> ''),
    category               text not null check (category in ('surgical', 'medical', 'hospital_based', 'primary_care', 'other')),
    acgme_specialty_code   text,
    typical_duration_years integer check (typical_duration_years between 1 and 10),
    is_subspecialty        boolean not null default false,
    parent_specialty_code  text references ref_specialties (code),
    pathway_type           text check (pathway_type in ('categorical', 'fellowship', 'integrated', 'preliminary')),
    board_certification_body text
);

create table ref_competencies (
    code          text primary key check (code ~ '^[a-z][a-z_]*$'),
    abbreviation  text not null unique check (abbreviation ~ '^[A-Z]+$'),
    name          text not null check (btrim(name) <> ''),
    description   text,
    display_order integer not null unique
);

insert into ref_competencies (code, abbreviation, name, display_order) values
    ('patient_care', 'PC', 'Patient Care', 1),
    ('medical_knowledge', 'MK', 'Medical Knowledge', 2),
    ('systems_based_practice', 'SBP', 'Systems-Based Practice', 3),
    ('practice_based_learning', 'PBLI', 'Practice-Based Learning and Improvement', 4),
    ('professionalism', 'PROF', 'Professionalism', 5),
    ('interpersonal_communication', 'ICS', 'Interpersonal and Communication Skills', 6);

insert into ref_specialties (code, name, category, acgme_specialty_code, typical_duration_years, pathway_type, board_certification_body) values
    ('general_surgery', 'General Surgery', 'surgical', '440', 5, 'categorical', 'American Board of Surgery'),
    ('internal_medicine', 'Internal Medicine', 'medical', '140', 3, 'categorical', 'American Board of Internal Medicine'),
    ('pediatrics', 'Pediatrics', 'medical', '320', 3, 'categorical', 'American Board of Pediatrics'),
    ('family_medicine', 'Family Medicine', 'primary_care', '120', 3, 'categorical', 'American Board of Family Medicine'),
    ('emergency_medicine', 'Emergency Medicine', 'hospital_based', '110', 3, 'categorical', 'American Board of Emergency Medicine'),
    ('anesthesiology', 'Anesthesiology', 'hospital_based', '040', 4, 'categorical', 'American Board of Anesthesiology'),
    ('psychiatry', 'Psychiatry', 'medical', '400', 4, 'categorical', 'American Board of Psychiatry and Neurology'),
    ('obstetrics_gynecology', 'Obstetrics and Gynecology', 'surgical', '220', 4, 'categorical', 'American Board of Obstetrics and Gynecology');
