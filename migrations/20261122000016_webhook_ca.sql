-- A webhook inside the hospital's network may present a certificate from the hospital's own CA.
-- That CA's certificate (public, not a secret) is kept with the settings, so every desktop that
-- delivers trusts the same relay.
alter table webhook_settings
    add column ca_pem text check (ca_pem is null or ca_pem like '-----BEGIN CERTIFICATE-----%');
