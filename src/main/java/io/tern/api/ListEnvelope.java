package io.tern.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The paging envelopes Twilio's SDKs read: the 2010 one (relative URIs, root {@code uri}, one
 * record array and nothing else) and the Messaging v1 one ({@code meta} with absolute URLs and
 * every key present, null where absent).
 */
public final class ListEnvelope {
  private ListEnvelope() {}

  /**
   * A 2010-style page.
   *
   * @param path the list path, e.g. {@code /2010-04-01/Accounts/AC…/Messages.json}
   * @param filters the request's filters in order, repeated in every page URI
   * @param nextToken PageToken of the next page, or null on the last page
   * @param previousToken PageToken of the previous page, or null on the first page
   */
  public static JsonObject v2010(String key, String path, List<Map.Entry<String, String>> filters,
      PageParams params, JsonArray records, String nextToken, String previousToken) {
    long start = params.offset();
    long end = records.isEmpty() ? start : start + records.size() - 1;
    return new JsonObject()
        .put("first_page_uri", uri(path, filters, params.pageSize(), 0, null))
        .put("end", end)
        .put("previous_page_uri", params.page() == 0 || previousToken == null ? null
            : uri(path, filters, params.pageSize(), params.page() - 1, previousToken))
        .put(key, records)
        .put("uri", uri(path, filters, params.pageSize(), params.page(), params.pageToken()))
        .put("page_size", params.pageSize())
        .put("start", start)
        .put("next_page_uri", nextToken == null ? null
            : uri(path, filters, params.pageSize(), params.page() + 1L, nextToken))
        .put("page", params.page());
  }

  /** A 2010-style page cut by position from a complete, already ordered list. */
  public static <T> JsonObject v2010(String key, String path,
      List<Map.Entry<String, String>> filters, PageParams params, List<T> all,
      Function<T, JsonObject> render) {
    int from = (int) Math.min(params.offset(), all.size());
    int to = Math.min(from + params.pageSize(), all.size());
    JsonArray records = new JsonArray();
    all.subList(from, to).forEach(item -> records.add(render.apply(item)));
    String next = to < all.size() ? "PT" + to : null;
    String previous = params.page() > 0 ? "PT" + Math.max(0, from - params.pageSize()) : null;
    return v2010(key, path, filters, params, records, next, previous);
  }

  /** A Messaging v1 page cut by position from a complete, already ordered list. */
  public static <T> JsonObject v1(String key, String baseUrl, PageParams params, List<T> all,
      Function<T, JsonObject> render) {
    int from = (int) Math.min(params.offset(), all.size());
    int to = Math.min(from + params.pageSize(), all.size());
    JsonArray records = new JsonArray();
    all.subList(from, to).forEach(item -> records.add(render.apply(item)));
    JsonObject meta = new JsonObject()
        .put("page", params.page())
        .put("page_size", params.pageSize())
        .put("first_page_url", url(baseUrl, params.pageSize(), 0))
        .put("previous_page_url", params.page() == 0 ? null
            : url(baseUrl, params.pageSize(), params.page() - 1))
        .put("url", url(baseUrl, params.pageSize(), params.page()))
        .put("next_page_url", to < all.size() ? url(baseUrl, params.pageSize(), params.page() + 1L) : null)
        .put("key", key);
    return new JsonObject().put(key, records).put("meta", meta);
  }

  private static String url(String base, int pageSize, long page) {
    return base + "?PageSize=" + pageSize + "&Page=" + page;
  }

  private static String uri(String path, List<Map.Entry<String, String>> filters, int pageSize,
      long page, String token) {
    StringJoiner query = new StringJoiner("&", path + "?", "");
    filters.forEach(filter -> query.add(encode(filter.getKey()) + "=" + encode(filter.getValue())));
    query.add("PageSize=" + pageSize).add("Page=" + page);
    if (token != null) {
      query.add("PageToken=" + encode(token));
    }
    return query.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
