-- Which participation agreements cover which programs: those of the program's sponsor that
-- apply to all its programs, or that name the program. One definition for every query that asks.
create view program_agreements as
select p.id as program_id, a.id as agreement_id
from programs p
join participation_agreements a on a.sponsoring_institution_id = p.sponsoring_institution_id
where a.applies_to_all_programs
   or exists (select 1 from participation_agreement_programs x
              where x.agreement_id = a.id and x.program_id = p.id);
