-- Status-callback delivery of the whole-path scenario: what the local receiver got
-- (public.received_callback, loaded from its log) against the outbox rows the gateway wrote with
-- each status change (status_callback.created_at is the change's time). Prints one JSON object,
-- with the lag overall and by 10-second window of the status change.
-- Variable: schema (Tern's schema).
WITH first_arrival AS (
  SELECT DISTINCT ON (message_sid, status) message_sid, status, received_at
  FROM public.received_callback
  ORDER BY message_sid, status, received_at
), matched AS (
  SELECT extract(epoch FROM f.received_at - c.created_at) * 1000 AS lag_ms,
      -- the 10-second window of the status change, in UTC
      to_timestamp(floor(extract(epoch FROM c.created_at) / 10) * 10) AS changed
  FROM first_arrival f
  JOIN :"schema".status_callback c ON c.message_sid = f.message_sid AND c.status = f.status
), by_window AS (
  SELECT changed, count(*) AS callbacks,
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_ms)::numeric, 1) AS p50_ms,
      round(percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms)::numeric, 1) AS p99_ms,
      round(max(lag_ms)::numeric, 1) AS max_ms
  FROM matched
  GROUP BY changed
)
SELECT json_build_object(
  'matched', count(*),
  'duplicates', (SELECT count(*) FROM public.received_callback) - (SELECT count(*) FROM first_arrival),
  'lag_p50_ms', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_ms)::numeric, 1),
  'lag_p99_ms', round(percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms)::numeric, 1),
  'lag_max_ms', round(max(lag_ms)::numeric, 1),
  'signed', (SELECT count(*) FILTER (WHERE signed) FROM public.received_callback),
  'peak_received_per_s', (SELECT max(n) FROM (SELECT count(*) AS n FROM public.received_callback
                                              GROUP BY date_trunc('second', received_at)) r),
  'peak_changes_per_s', (SELECT max(n) FROM (SELECT count(*) AS n FROM :"schema".status_callback
                                             GROUP BY date_trunc('second', created_at)) c),
  'lag_by_window', (SELECT json_agg(json_build_object(
                        'window', to_char(changed AT TIME ZONE 'UTC', 'HH24:MI:SS'),
                        'callbacks', callbacks, 'p50_ms', p50_ms, 'p99_ms', p99_ms,
                        'max_ms', max_ms) ORDER BY changed)
                    FROM by_window)
)
FROM matched;
