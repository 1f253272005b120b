-- Tern's store. Unqualified names: the tables go into the schema Flyway runs in, which is the
-- schema on the pool's search_path. Timestamps are timestamptz (microseconds); the Java side
-- truncates to microseconds before writing so reads equal writes.

CREATE TABLE account (
  seq               bigint GENERATED ALWAYS AS IDENTITY,  -- creation order for listings
  sid               text PRIMARY KEY,
  auth_token        text NOT NULL,
  friendly_name     text,
  owner_account_sid text NOT NULL,
  status            text NOT NULL,
  type              text NOT NULL,
  date_created      timestamptz NOT NULL,
  date_updated      timestamptz NOT NULL
);
CREATE INDEX account_owner_idx ON account (owner_account_sid, seq);

CREATE TABLE phone_number (
  seq             bigint GENERATED ALWAYS AS IDENTITY,
  sid             text PRIMARY KEY,
  account_sid     text NOT NULL,
  phone_number    text NOT NULL UNIQUE,                  -- one owner per number
  friendly_name   text,
  sms_url         text,
  status_callback text,
  throughput      integer,
  date_created    timestamptz NOT NULL,
  date_updated    timestamptz NOT NULL
);
CREATE INDEX phone_number_account_idx ON phone_number (account_sid, seq);

CREATE TABLE short_code (
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  sid           text PRIMARY KEY,
  account_sid   text NOT NULL,
  short_code    text NOT NULL UNIQUE,
  country_code  text,
  friendly_name text,
  throughput    integer,
  date_created  timestamptz NOT NULL,
  date_updated  timestamptz NOT NULL
);
CREATE INDEX short_code_account_idx ON short_code (account_sid, seq);

CREATE TABLE caller_id (
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  sid           text PRIMARY KEY,
  account_sid   text NOT NULL,
  phone_number  text NOT NULL,
  friendly_name text,
  date_created  timestamptz NOT NULL,
  UNIQUE (account_sid, phone_number)
);

CREATE TABLE messaging_service (
  seq                            bigint GENERATED ALWAYS AS IDENTITY,
  sid                            text PRIMARY KEY,
  account_sid                    text NOT NULL,
  friendly_name                  text,
  inbound_request_url            text,
  inbound_method                 text,
  fallback_url                   text,
  fallback_method                text,
  status_callback                text,
  sticky_sender                  boolean NOT NULL,
  mms_converter                  boolean NOT NULL,
  smart_encoding                 boolean NOT NULL,
  scan_message_content           text,
  fallback_to_long_code          boolean NOT NULL,
  area_code_geomatch             boolean NOT NULL,
  validity_period                integer NOT NULL,
  synchronous_validation         boolean NOT NULL,
  usecase                        text,
  use_inbound_webhook_on_number  boolean NOT NULL,
  date_created                   timestamptz NOT NULL,
  date_updated                   timestamptz NOT NULL
);
CREATE INDEX messaging_service_account_idx ON messaging_service (account_sid, seq);

CREATE TABLE service_sender (
  seq          bigint GENERATED ALWAYS AS IDENTITY,
  service_sid  text NOT NULL REFERENCES messaging_service (sid) ON DELETE CASCADE,
  sid          text NOT NULL,
  account_sid  text NOT NULL,
  kind         text NOT NULL,
  value        text NOT NULL,
  country_code text,
  date_created timestamptz NOT NULL,
  date_updated timestamptz NOT NULL,
  PRIMARY KEY (service_sid, sid)
);
-- A number or short code sits in one pool at most; an alphanumeric ID once per pool.
CREATE UNIQUE INDEX service_sender_one_pool_idx ON service_sender (kind, value)
  WHERE kind <> 'ALPHA_SENDER';
CREATE UNIQUE INDEX service_sender_alpha_idx ON service_sender (service_sid, value)
  WHERE kind = 'ALPHA_SENDER';
-- Releasing a number finds its membership by sid.
CREATE INDEX service_sender_sid_idx ON service_sender (sid);

CREATE TABLE message (
  sid                   text PRIMARY KEY,
  account_sid           text NOT NULL,
  to_address            text,
  from_address          text,
  messaging_service_sid text,
  body                  text,
  status                text NOT NULL,
  direction             text,
  num_segments          integer NOT NULL,
  encoding              text,
  error_code            integer,
  error_message         text,
  price                 text,
  price_unit            text,
  status_callback       text,
  validity_period       integer NOT NULL,
  send_at               timestamptz,
  date_created          timestamptz NOT NULL,
  date_updated          timestamptz NOT NULL,
  date_sent             timestamptz
);
-- Listing: one account's messages newest first, and keyset paging from a (date, sid) position.
CREATE INDEX message_listing_idx ON message (account_sid, date_created DESC, sid DESC);
-- Recovery after a restart looks for messages still on their way; finished ones (the vast
-- majority) stay out of this index.
CREATE INDEX message_unfinished_idx ON message (status, date_created)
  WHERE status IN ('scheduled', 'accepted', 'queued', 'sending');

CREATE TABLE message_media (
  sid          text PRIMARY KEY,
  message_sid  text NOT NULL REFERENCES message (sid) ON DELETE CASCADE,
  account_sid  text NOT NULL,
  position     integer NOT NULL,
  url          text NOT NULL,
  content_type text,
  date_created timestamptz NOT NULL
);
CREATE INDEX message_media_message_idx ON message_media (message_sid, position);

CREATE TABLE message_feedback (
  message_sid  text PRIMARY KEY REFERENCES message (sid) ON DELETE CASCADE,
  account_sid  text NOT NULL,
  outcome      text NOT NULL,
  date_created timestamptz NOT NULL,
  date_updated timestamptz NOT NULL
);

CREATE TABLE idempotency_key (
  account_sid     text NOT NULL,
  idempotency_key text NOT NULL,
  message_sid     text NOT NULL REFERENCES message (sid) ON DELETE CASCADE,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (account_sid, idempotency_key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
CREATE INDEX idempotency_key_message_idx ON idempotency_key (message_sid);
