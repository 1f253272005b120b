package io.tern.api;

import io.tern.message.Message;
import io.tern.store.Page;

/**
 * Keyset paging tokens for message lists, so messages created while a client pages do not
 * shift its pages: {@code PA<sid>} asks for the messages older than that sid (the next page),
 * {@code PB<sid>} for those newer than it (the previous page).
 */
record PageToken(String olderThan, String newerThan) {
  private static final PageToken FIRST = new PageToken(null, null);

  static PageToken parse(String token) {
    if (token == null || token.length() <= 2) {
      return FIRST;
    }
    return switch (token.substring(0, 2)) {
      case "PA" -> new PageToken(token.substring(2), null);
      case "PB" -> new PageToken(null, token.substring(2));
      default -> FIRST;
    };
  }

  private boolean walkingBack() {
    return newerThan != null;
  }

  /** Token of the page after {@code page}, or null when it is the last. */
  String next(Page<Message> page) {
    if (page.items().isEmpty()) {
      return null;
    }
    // A page reached by walking back always has older messages after it: the ones it came from.
    return page.hasMore() || walkingBack() ? "PA" + page.items().get(page.items().size() - 1).sid() : null;
  }

  /** Token of the page before {@code page}, or null on the first page. */
  String previous(Page<Message> page, int pageNumber) {
    if (page.items().isEmpty() || pageNumber == 0) {
      return null;
    }
    return !walkingBack() || page.hasMore() ? "PB" + page.items().get(0).sid() : null;
  }
}
