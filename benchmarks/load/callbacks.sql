-- Status-callback delivery of the whole-path scenario: what the local receiver got
-- (public.received_callback, loaded from its log) against the outbox rows the gateway wrote with
-- each status change (status_callback.created_at is the change's time). Prints one JSON object.
-- Variable: schema (Tern's schema).
WITH first_arrival AS (
  SELECT DISTINCT ON (message_sid, status) message_sid, status, received_at
  FROM public.received_callback
  ORDER BY message_sid, status, received_at
), matched AS (
  SELECT extract(epoch FROM f.received_at - c.created_at) * 1000 AS lag_ms
  FROM first_arrival f
  JOIN :"schema".status_callback c ON c.message_sid = f.message_sid AND c.status = f.status
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
                                             GROUP BY date_trunc('second', created_at)) c)
)
FROM matched;
