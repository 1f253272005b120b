-- Per-sender pacing of the whole-path scenario, from the store: date_sent is when the throttle
-- released each message to the carrier, kept to the microsecond. Prints one JSON object.
-- Variables: schema (Tern's schema), rate (the configured segments per second of every sender),
-- since (the restart at that rate: only sends from then on are paced at it).
--
-- rate with backlog: a gap between two sends of a sender counts only when the later message was
--   already stored when the earlier one was sent (the sender had something waiting), so idle
--   time does not read as slowness; rate = segments released / time those releases held.
-- one-second windows: for every send instant t, the segments the sender sent in [t, t + 1 s);
--   a window over the limit is one holding more than `rate` segments. The busiest window of any
--   length-1 s always starts at a send, so checking these windows checks them all.
WITH sent AS (
  SELECT sender_key, date_sent, date_created, num_segments,
         lag(date_sent) OVER by_send AS prev_sent,
         lag(num_segments) OVER by_send AS prev_segments,
         sum(num_segments) OVER (PARTITION BY sender_key ORDER BY date_sent
             RANGE BETWEEN CURRENT ROW AND INTERVAL '999999 microseconds' FOLLOWING)
           AS window_segments
  FROM :"schema".message
  WHERE date_sent >= :since::timestamptz
  WINDOW by_send AS (PARTITION BY sender_key ORDER BY date_sent)
), per_sender AS (
  SELECT sender_key,
         sum(prev_segments) FILTER (WHERE date_created <= prev_sent)
           / nullif(sum(extract(epoch FROM date_sent - prev_sent))
                    FILTER (WHERE date_created <= prev_sent), 0) AS backlog_rate,
         (count(*) - 1) / nullif(extract(epoch FROM max(date_sent) - min(date_sent)), 0)
           AS overall_rate
  FROM sent
  GROUP BY sender_key
)
SELECT json_build_object(
  'sent', (SELECT count(*) FROM sent),
  'senders', (SELECT count(*) FROM per_sender),
  'senders_with_backlog', count(backlog_rate),
  'backlog_rate_mean', round(avg(backlog_rate)::numeric, 4),
  'backlog_rate_min', round(min(backlog_rate)::numeric, 4),
  'backlog_rate_max', round(max(backlog_rate)::numeric, 4),
  'mean_deviation_pct', round(avg(abs(backlog_rate - :rate) / :rate * 100)::numeric, 3),
  'worst_deviation_pct', round(max(abs(backlog_rate - :rate) / :rate * 100)::numeric, 3),
  'overall_rate_mean', round(avg(overall_rate)::numeric, 4),
  'windows_checked', (SELECT count(*) FROM sent),
  'windows_over_limit', (SELECT count(*) FROM sent WHERE window_segments > :rate),
  'min_gap_s', (SELECT round(min(extract(epoch FROM date_sent - prev_sent))::numeric, 6) FROM sent),
  'sent_per_s_peak', (SELECT max(n) FROM (SELECT count(*) AS n FROM sent
                                          GROUP BY date_trunc('second', date_sent)) s)
)
FROM per_sender;
